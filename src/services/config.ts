/**
 * The team's configuration file (.mq-audit/config.json by default): production selector, policy parameters
 * and pinned flag defaults. Validated with its JSON Schema; problems name the file and the place.
 */
import {existsSync} from 'node:fs';
import {dirname, isAbsolute, join, resolve} from 'node:path';
import {InputError, InputErrors} from '../foundation/errors';
import {readJsonFile, schemaErrors} from '../foundation/json-input';
import {DEFAULT_CONFIG_FILE} from '../foundation/package-paths';
import type {Independence} from '../network/facts';
import type {NetworkModelOptions} from '../network/index';
import type {ProductionSelector} from '../policy/document';
import type {FailOn} from '../policy/types';
import {ownSchemaValidator} from '../foundation/validators';
import {type RequiredPortsConfig, type RequiredPortsRules, requiredPortsRules} from '../network/ports';

export interface FlagDefaults {
  'fail-on'?: FailOn;
  format?: 'json' | 'junit' | 'markdown' | 'sarif' | 'table';
  category?: string;
  policies?: string[];
  /** IaC folders or files to anchor findings to (relative to the config file); ["none"] turns anchoring off. */
  iac?: string[];
  policy?: string[];
  'skip-policy'?: string[];
  region?: string[];
  'all-regions'?: boolean;
  profile?: string;
  'endpoint-url'?: string;
  'on-prem-cidr'?: string[];
  /** Suppressions file (relative to the config file); default .mq-audit/suppressions.json when it exists. */
  suppressions?: string;
  /** Earlier JSON report to compare with (relative to the config file). */
  baseline?: string;
  redact?: boolean;
  /** Fail the gate when no broker is found in any region scanned. */
  'fail-on-empty'?: boolean;
}

export interface Config {
  /** The file it came from; undefined when no file was found (all defaults). */
  source?: string;
  production?: ProductionSelector;
  policies?: Record<string, {parameters?: Record<string, unknown>}>;
  /** How the path model judges the network (docs/network.md). */
  network?: {
    /** What counts as a shared failure between two paths; default location. */
    independence?: Independence;
  };
  defaults: FlagDefaults;
  /** `network.requiredPorts`, checked: the ports each broker must pass (docs/network.md); undefined: the engine's. */
  requiredPorts?: RequiredPortsRules;
}

/** Loads `file` (must exist) or, when not given, the default file if present. */
export function loadConfig(file?: string, cwd = process.cwd()): Config {
  const path = file ?? join(cwd, DEFAULT_CONFIG_FILE);
  if (!file && !existsSync(path)) return {defaults: {}};
  const shown = file ?? DEFAULT_CONFIG_FILE;
  const data = readJsonFile(isAbsolute(path) ? path : resolve(cwd, path), 'config file');
  const errors = schemaErrors(ownSchemaValidator('config.schema.json'), data, shown);
  if (errors.length > 0) throw new InputErrors(errors);
  const config = data as Omit<Config, 'defaults' | 'source' | 'requiredPorts' | 'network'> & {
    defaults?: FlagDefaults;
    network?: {requiredPorts?: RequiredPortsConfig; independence?: Independence};
  };
  // Where signed calls (and the session token) go is the caller's decision: a config file in the repository is
  // written by whoever opens a pull request, and an endpoint of theirs could serve a clean estate.
  if (config.defaults?.['endpoint-url'] !== undefined) {
    throw new InputError(
      shown,
      'defaults.endpoint-url is not accepted from a config file: where AWS calls and their credentials go is decided by the person running mq-audit; pass --endpoint-url or set AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_<SERVICE>) instead',
      '/defaults/endpoint-url',
    );
  }

  const base = dirname(resolve(cwd, path));
  const defaults = {...config.defaults};
  // Paths in the file are relative to the file, like tsconfig's.
  if (defaults.policies) defaults.policies = defaults.policies.map((p) => resolve(base, p));
  if (defaults.iac) defaults.iac = defaults.iac.map((p) => (p === 'none' ? p : resolve(base, p)));
  if (defaults.suppressions) defaults.suppressions = resolve(base, defaults.suppressions);
  if (defaults.baseline) defaults.baseline = resolve(base, defaults.baseline);
  const requiredPorts = requiredPortsRules(config.network?.requiredPorts, shown);
  const independence = config.network?.independence;
  return {
    source: shown,
    production: config.production,
    policies: config.policies,
    ...(independence && {network: {independence}}),
    defaults,
    ...(requiredPorts && {requiredPorts}),
  };
}

/** The path model's settings from the config file, as buildNetworkModel takes them (unset: its defaults). */
export function networkSettings(config: Config): Pick<NetworkModelOptions, 'independence' | 'requiredPorts'> {
  return {
    ...(config.network?.independence && {independence: config.network.independence}),
    ...(config.requiredPorts && {requiredPorts: config.requiredPorts}),
  };
}

export function parameterOverrides(config: Config): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(config.policies ?? {}).flatMap(([id, settings]) =>
      settings.parameters ? [[id, settings.parameters]] : [],
    ),
  );
}
