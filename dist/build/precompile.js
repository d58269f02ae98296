"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.precompileTargets = precompileTargets;
exports.writePrecompiledValidators = writePrecompiledValidators;
/**
 * Build time only (`npm run build` → scripts/precompile.js): compiles mq-audit's own schemas and the built-in
 * policies' schemas into standalone validator modules for src/foundation/validators.ts. The schemas are derived by the same
 * functions the loader uses at run time, so their text, and hence their keys, are the same.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const ajv_1 = require("ajv");
const standalone_1 = __importDefault(require("ajv/dist/standalone"));
const json_input_1 = require("../foundation/json-input");
const package_paths_1 = require("../foundation/package-paths");
const lint_1 = require("../policy/lint");
const loader_1 = require("../policy/loader");
const validators_1 = require("../foundation/validators");
/** Every schema a scan with the built-in policies compiles, with the flavor it is compiled with. */
function precompileTargets(schemasDir = package_paths_1.SCHEMAS, policiesDir = package_paths_1.BUILT_IN_POLICIES) {
    const targets = (0, node_fs_1.readdirSync)(schemasDir)
        .filter((name) => name.endsWith('.schema.json'))
        .sort()
        // Quick (first violation only) too: what validates a large input whose first items are valid (json-input).
        .flatMap((name) => [validators_1.FLAVORS.ownSchema, validators_1.FLAVORS.quick].map((flavor) => ({
        origin: `schemas/${name}`,
        schema: (0, validators_1.compiledFormOf)(name, JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(schemasDir, name), 'utf8'))),
        flavor,
    })));
    for (const file of (0, loader_1.findPolicyFiles)(policiesDir, true)) {
        const { policy, errors } = (0, loader_1.readPolicyFile)(file);
        if (!policy || errors.length > 0)
            throw new Error(`${file.file}: ${errors.map((e) => e.message).join('; ')}`);
        for (const [name, parameter] of Object.entries(policy.parameters ?? {})) {
            if (parameter.schema)
                targets.push({ origin: `${policy.id} parameter ${name}`, schema: parameter.schema, flavor: validators_1.FLAVORS.explained });
        }
        const schemas = (0, loader_1.assertionSchemas)(policy, (0, loader_1.parameterDefaults)(policy), file.file);
        // Linted here, so that loading a precompiled built-in policy need not lint it again (src/policy/loader.ts).
        const lint = (0, lint_1.lintPolicy)(policy, schemas);
        if (lint.length > 0)
            throw new Error(`${file.file}: ${lint.map((p) => `${p.pointer}: ${p.problem}`).join('; ')}`);
        for (const [place, schema] of Object.entries(schemas)) {
            for (const flavor of [validators_1.FLAVORS.explained, validators_1.FLAVORS.quick])
                targets.push({ origin: `${policy.id} ${place}`, schema, flavor });
        }
    }
    return targets;
}
/** Writes `<key>.js` per target and the index into `outDir` (emptied first); returns the number written. */
function writePrecompiledValidators(outDir, targets = precompileTargets()) {
    (0, node_fs_1.rmSync)(outDir, { recursive: true, force: true });
    (0, node_fs_1.mkdirSync)(outDir, { recursive: true });
    const version = (0, validators_1.ajvVersion)();
    const keys = new Set();
    for (const target of targets) {
        const key = (0, validators_1.validatorKey)(target.schema, target.flavor, version);
        if (keys.has(key))
            continue;
        // The formats the validators use come from ajv-formats at run time, as createAjv adds them.
        const ajv = (0, json_input_1.createAjv)({
            ...target.flavor,
            schemasChecked: false,
            code: { source: true, formats: (0, ajv_1._) `require("ajv-formats/dist/formats").fullFormats` },
        });
        let code;
        try {
            code = (0, standalone_1.default)(ajv, ajv.compile(target.schema));
        }
        catch (error) {
            throw new Error(`cannot precompile ${target.origin}: ${error.message}`, { cause: error });
        }
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(outDir, `${key}.js`), code);
        keys.add(key);
    }
    const index = { ajvVersion: version, keys: [...keys].sort() };
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(outDir, validators_1.PRECOMPILED_INDEX), `${JSON.stringify(index, null, 2)}\n`);
    return keys.size;
}
