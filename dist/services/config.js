"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadConfig = loadConfig;
exports.networkSettings = networkSettings;
exports.parameterOverrides = parameterOverrides;
/**
 * The team's configuration file (.mq-audit/config.json by default): production selector, policy parameters
 * and pinned flag defaults. Validated with its JSON Schema; problems name the file and the place.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const package_paths_1 = require("../foundation/package-paths");
const validators_1 = require("../foundation/validators");
const ports_1 = require("../network/ports");
/** Loads `file` (must exist) or, when not given, the default file if present. */
function loadConfig(file, cwd = process.cwd()) {
    const path = file ?? (0, node_path_1.join)(cwd, package_paths_1.DEFAULT_CONFIG_FILE);
    if (!file && !(0, node_fs_1.existsSync)(path))
        return { defaults: {} };
    const shown = file ?? package_paths_1.DEFAULT_CONFIG_FILE;
    const data = (0, json_input_1.readJsonFile)((0, node_path_1.isAbsolute)(path) ? path : (0, node_path_1.resolve)(cwd, path), 'config file');
    const errors = (0, json_input_1.schemaErrors)((0, validators_1.ownSchemaValidator)('config.schema.json'), data, shown);
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const config = data;
    // Where signed calls (and the session token) go is the caller's decision: a config file in the repository is
    // written by whoever opens a pull request, and an endpoint of theirs could serve a clean estate.
    if (config.defaults?.['endpoint-url'] !== undefined) {
        throw new errors_1.InputError(shown, 'defaults.endpoint-url is not accepted from a config file: where AWS calls and their credentials go is decided by the person running mq-audit; pass --endpoint-url or set AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_<SERVICE>) instead', '/defaults/endpoint-url');
    }
    const base = (0, node_path_1.dirname)((0, node_path_1.resolve)(cwd, path));
    const defaults = { ...config.defaults };
    // Paths in the file are relative to the file, like tsconfig's.
    if (defaults.policies)
        defaults.policies = defaults.policies.map((p) => (0, node_path_1.resolve)(base, p));
    if (defaults.iac)
        defaults.iac = defaults.iac.map((p) => (p === 'none' ? p : (0, node_path_1.resolve)(base, p)));
    if (defaults.suppressions)
        defaults.suppressions = (0, node_path_1.resolve)(base, defaults.suppressions);
    if (defaults.baseline)
        defaults.baseline = (0, node_path_1.resolve)(base, defaults.baseline);
    const requiredPorts = (0, ports_1.requiredPortsRules)(config.network?.requiredPorts, shown);
    const independence = config.network?.independence;
    return {
        source: shown,
        production: config.production,
        policies: config.policies,
        ...(independence && { network: { independence } }),
        defaults,
        ...(requiredPorts && { requiredPorts }),
    };
}
/** The path model's settings from the config file, as buildNetworkModel takes them (unset: its defaults). */
function networkSettings(config) {
    return {
        ...(config.network?.independence && { independence: config.network.independence }),
        ...(config.requiredPorts && { requiredPorts: config.requiredPorts }),
    };
}
function parameterOverrides(config) {
    return Object.fromEntries(Object.entries(config.policies ?? {}).flatMap(([id, settings]) => settings.parameters ? [[id, settings.parameters]] : []));
}
