/**
 * Loads policy files: every file is validated against schemas/policy.schema.json, its parameters resolved
 * and its assertions compiled by ajv. All problems of all files are collected so users fix them in one pass.
 */
import {didYouMean} from '../foundation/nearest';
import {readdirSync, realpathSync, statSync} from 'node:fs';
import {basename, join, relative, resolve, sep} from 'node:path';
import type {ValidateFunction} from 'ajv';
import {InputError, InputErrors} from '../foundation/errors';
import {type AjvFlavor, createAjv, readJsonFile, schemaErrors} from '../foundation/json-input';
import {BUILT_IN_POLICIES} from '../foundation/package-paths';
import {FLAVORS, ownSchemaValidator, precompiledValidator} from '../foundation/validators';
import type {JsonSchema, LoadedPolicy, Policy} from './types';
import {matchesIdPattern} from './id-pattern';
import {lintPolicy} from './lint';

export interface CompiledPolicy extends LoadedPolicy {
  /**
   * The compiled assertions, with every error and the data it was about (to explain a failure), and `quick`
   * twins that stop at the first error: the same answer, several times faster, so that only a failure pays
   * for its explanation.
   */
  checks: {
    appliesTo?: ValidateFunction;
    assert: ValidateFunction;
    quick?: {appliesTo?: ValidateFunction; assert: ValidateFunction};
  };
}

export interface PolicyFile {
  file: string;
  /** The folder ids are relative to; undefined when the file was named directly. */
  root?: string;
  builtIn: boolean;
}

export interface LoadPolicyOptions {
  /** Folder of built-in policies; `false` to load only `paths`. */
  builtIn?: false | string;
  /** Extra policy files or folders (--policies). */
  paths?: string[];
  /** Keep only these ids (--policy); `*` matches within a path segment. */
  include?: string[];
  /** Drop these ids (--skip-policy). */
  exclude?: string[];
  /** Parameter overrides by policy id, and the file they came from (for error messages). */
  parameters?: Record<string, Record<string, unknown>>;
  parametersSource?: string;
  /** false: skip the lint against the broker document's schema (src/policy/lint.ts), for documents of another shape (tests). */
  lint?: boolean;
}

function policySchema(): ValidateFunction {
  return ownSchemaValidator('policy.schema.json');
}

/** The suffix of a policy's test file, beside it: `<name>.test.json` next to `<name>.json` (src/policy/policy-tests.ts). */
export const TEST_FILE_SUFFIX = '.test.json';

/**
 * Lists policy files: a folder is searched recursively for *.json, but for test files (*.test.json, which are never
 * policies); a file is taken as is.
 */
export function findPolicyFiles(path: string, builtIn = false): PolicyFile[] {
  return findJsonFiles(path, builtIn, (name) => !name.endsWith(TEST_FILE_SUFFIX));
}

/** The test files (*.test.json) in a folder, searched recursively; a file is taken as is. */
export function findPolicyTestFiles(path: string): PolicyFile[] {
  return findJsonFiles(path, false, (name) => name.endsWith(TEST_FILE_SUFFIX));
}

function findJsonFiles(path: string, builtIn: boolean, accept: (name: string) => boolean): PolicyFile[] {
  const absolute = resolve(path);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new InputError(path, 'no such policy file or folder');
  }

  if (!stats.isDirectory()) return [{file: path, builtIn}];
  // Symlinks are not followed out of the folder: a policy folder in a pull request could link x.json to
  // /etc/passwd (whose text would then be quoted in errors) or to a secret. A symlinked file whose target is a
  // regular file inside the folder is read; symlinked folders are not walked.
  const root = realpathSync(absolute);
  const walk = (dir: string): string[] =>
    readdirSync(dir, {withFileTypes: true})
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((entry) => {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) return walk(file);
        if (!entry.name.endsWith('.json') || !accept(entry.name)) return [];
        if (entry.isFile()) return [file];
        if (entry.isSymbolicLink() && insideFolder(file, root)) return [file];
        throw new InputError(
          relative(process.cwd(), file) || file,
          `is a ${entry.isSymbolicLink() ? 'symlink to something outside the policy folder' : 'special file'}; policy files must be regular files inside ${path}`,
        );
      });
  return walk(absolute).map((file) => ({file: relative(process.cwd(), file) || file, root: absolute, builtIn}));
}

/** Whether the symlink `file` resolves to a regular file inside `root` (a real path). */
function insideFolder(file: string, root: string): boolean {
  try {
    const target = realpathSync(file);
    return target.startsWith(root + sep) && statSync(target).isFile();
  } catch {
    return false; // dangling
  }
}

/** The id a policy file must carry: its path below the root, or (for a lone file) at least its basename. */
function expectedId(policyFile: PolicyFile): {id?: string; suffix: string} {
  const withoutExtension = (p: string) =>
    p
      .replace(/\.json$/, '')
      .split(sep)
      .join('/');
  if (policyFile.root) return {id: withoutExtension(relative(policyFile.root, resolve(policyFile.file))), suffix: ''};
  return {suffix: withoutExtension(basename(policyFile.file))};
}

/** Reads and checks one file; returns the policy or the problems found. */
export function readPolicyFile(policyFile: PolicyFile): {policy?: Policy; errors: InputError[]} {
  let data: unknown;
  try {
    data = readJsonFile(policyFile.file, 'policy file');
  } catch (error) {
    return {errors: [error as InputError]};
  }

  const errors = schemaErrors(policySchema(), data, policyFile.file);
  if (errors.length > 0) return {errors};
  const policy = data as Policy;
  const expected = expectedId(policyFile);
  if (expected.id !== undefined && policy.id !== expected.id) {
    errors.push(
      new InputError(
        policyFile.file,
        `id "${policy.id}" does not match the file's path; expected "${expected.id}"`,
        '/id',
      ),
    );
  } else if (expected.id === undefined && policy.id !== expected.suffix && !policy.id.endsWith(`/${expected.suffix}`)) {
    errors.push(
      new InputError(
        policyFile.file,
        `id "${policy.id}" does not match the file name; expected an id ending in "${expected.suffix}"`,
        '/id',
      ),
    );
  }

  return {policy, errors};
}

/** Replaces every {"$param": "name"} node with the parameter's value. */
export function substituteParameters(
  schema: JsonSchema,
  values: Record<string, unknown>,
  file: string,
  pointer: string,
): JsonSchema {
  const walk = (node: unknown, at: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}/${index}`));
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (Object.keys(record).length === 1 && typeof record.$param === 'string') {
      if (!(record.$param in values))
        throw new InputError(file, `unknown parameter "${record.$param}"; declare it under "parameters"`, at);
      return values[record.$param];
    }

    return Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key, walk(value, `${at}/${escapePointer(key)}`)]),
    );
  };

  return walk(schema, pointer) as JsonSchema;
}

/** Each declared parameter's default value. */
export function parameterDefaults(policy: Policy): Record<string, unknown> {
  return Object.fromEntries(Object.entries(policy.parameters ?? {}).map(([name, p]) => [name, p.default]));
}

/**
 * The schemas a policy's checks are compiled from, its parameters substituted. One derivation for the loader and
 * for the build's precompiled validators (src/build/precompile.ts), whose keys are the schemas' text.
 */
export function assertionSchemas(
  policy: Policy,
  values: Record<string, unknown>,
  file: string,
): {assert: JsonSchema; appliesTo?: JsonSchema} {
  return {
    assert: substituteParameters(policy.assert, values, file, '/assert'),
    ...(policy.appliesTo !== undefined && {
      appliesTo: substituteParameters(policy.appliesTo, values, file, '/appliesTo'),
    }),
  };
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function resolveParameters(
  policy: Policy,
  file: string,
  overrides: Record<string, unknown> | undefined,
  overridesSource: string,
  compilers: Compilers,
): Record<string, unknown> {
  const declared = policy.parameters ?? {};
  const values = parameterDefaults(policy);
  const errors: InputError[] = [];
  // Each parameter's schema compiled once, for its override and for its default.
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (name: string, schema: Record<string, unknown>): ValidateFunction => {
    let validate = validators.get(name);
    if (!validate) {
      validate = compilers.explained(schema, file, `/parameters/${escapePointer(name)}/schema`);
      validators.set(name, validate);
    }
    return validate;
  };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const place = `/policies/${escapePointer(policy.id)}/parameters/${escapePointer(name)}`;
    if (!(name in declared)) {
      errors.push(
        new InputError(
          overridesSource,
          `policy ${policy.id} has no parameter "${name}"; it has: ${Object.keys(declared).join(', ') || 'none'}`,
          place,
        ),
      );
      continue;
    }

    const schema = declared[name].schema;
    if (schema) {
      const validate = validatorOf(name, schema);
      if (!validate(value)) {
        errors.push(
          ...schemaErrors(validate, value, overridesSource).map(
            (e) =>
              new InputError(
                overridesSource,
                `parameter ${name} of ${policy.id}: ${e.problem}`,
                place + (e.place === '/' ? '' : e.place),
              ),
          ),
        );
        continue;
      }
    }

    values[name] = value;
  }

  if (errors.length > 0) throw new InputErrors(errors);
  for (const [name, parameter] of Object.entries(declared)) {
    if (parameter.schema && !validatorOf(name, parameter.schema)(parameter.default)) {
      throw new InputError(
        file,
        `default of parameter "${name}" does not match its own schema`,
        `/parameters/${name}/default`,
      );
    }
  }

  return values;
}

/** Compile a schema of a policy file: precompiled when it is a built-in one (src/foundation/validators.ts), else with ajv. */
type Compile = (schema: JsonSchema, file: string, pointer: string) => ValidateFunction;
interface Compilers {
  /** Every error, with the data it was about: to explain a failure. */
  explained: Compile;
  /** Stops at the first error: the same answer, faster. */
  quick: Compile;
}

/** One ajv instance per flavor and load, created only if something is not precompiled. */
function policyCompilers(): Compilers {
  let explaining: ReturnType<typeof createAjv> | undefined;
  let quick: ReturnType<typeof createAjv> | undefined;
  const compile =
    (flavor: AjvFlavor, ajv: () => ReturnType<typeof createAjv>): Compile =>
    (schema, file, pointer) => {
      const precompiled = precompiledValidator(schema, flavor);
      if (precompiled) return precompiled;
      try {
        return ajv().compile(schema);
      } catch (error) {
        throw new InputError(file, `not a valid JSON Schema: ${(error as Error).message}`, pointer);
      }
    };
  return {
    explained: compile(FLAVORS.explained, () => (explaining ??= createAjv(FLAVORS.explained))),
    // The same schemas as the explaining instance, which checks them first.
    quick: compile(FLAVORS.quick, () => (quick ??= createAjv({...FLAVORS.quick, schemasChecked: true}))),
  };
}

/** `*` matches any characters except `/` (./id-pattern, linear: no regular expression). */
export function matchesId(id: string, pattern: string): boolean {
  return matchesIdPattern(id, pattern);
}

/** Loads, checks, selects and compiles policies; throws InputErrors listing every problem. */
/**
 * A file named twice — a built-in policy given to --policies or `policies validate`, or a folder and a file in it —
 * is read once, as its first mention (a built-in stays built-in); a second file with the same id is still an error.
 */
function sameFileOnce(files: PolicyFile[]): PolicyFile[] {
  const seen = new Set<string>();
  return files.filter(({file}) => {
    let key: string;
    try {
      key = realpathSync(file);
    } catch {
      key = resolve(file);
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function loadPolicies(options: LoadPolicyOptions = {}): CompiledPolicy[] {
  const builtInRoot = options.builtIn === undefined ? BUILT_IN_POLICIES : options.builtIn;
  const files: PolicyFile[] = [];
  const errors: InputError[] = [];
  const collect = (path: string, builtIn: boolean) => {
    try {
      files.push(...findPolicyFiles(path, builtIn));
    } catch (error) {
      errors.push(error as InputError);
    }
  };

  if (builtInRoot) collect(builtInRoot, true);
  for (const path of options.paths ?? []) collect(path, false);

  const loaded: {policy: Policy; file: PolicyFile}[] = [];
  const byId = new Map<string, string>();
  for (const file of sameFileOnce(files)) {
    const result = readPolicyFile(file);
    errors.push(...result.errors);
    if (!result.policy || result.errors.length > 0) continue;
    const previous = byId.get(result.policy.id);
    if (previous) {
      errors.push(
        new InputError(file.file, `duplicate policy id "${result.policy.id}", also defined in ${previous}`, '/id'),
      );
      continue;
    }

    byId.set(result.policy.id, file.file);
    loaded.push({policy: result.policy, file});
  }

  const known = [...byId.keys()].sort();
  const checkSelection = (flag: string, patterns: string[] | undefined) => {
    for (const pattern of patterns ?? []) {
      if (!known.some((id) => matchesId(id, pattern))) {
        const hint = didYouMean(pattern, known);
        errors.push(
          new InputError(
            flag,
            `unknown policy id "${pattern}"; ${hint ? `${hint} Known ids` : 'known ids'}: ${known.join(', ')}`,
          ),
        );
      }
    }
  };

  checkSelection('--policy', options.include);
  checkSelection('--skip-policy', options.exclude);
  const parametersSource = options.parametersSource ?? 'config';
  for (const id of Object.keys(options.parameters ?? {})) {
    if (!byId.has(id)) {
      const hint = didYouMean(id, known);
      errors.push(
        new InputError(
          parametersSource,
          `parameters given for unknown policy id "${id}"${hint ? `; ${hint}` : ''}`,
          `/policies/${escapePointer(id)}`,
        ),
      );
    }
  }

  if (errors.length > 0) throw new InputErrors(errors);

  const selected = loaded.filter(
    ({policy}) =>
      (!options.include?.length || options.include.some((p) => matchesId(policy.id, p))) &&
      !options.exclude?.some((p) => matchesId(policy.id, p)),
  );

  const compilers = policyCompilers();
  const compiled: CompiledPolicy[] = [];
  for (const {policy, file} of selected) {
    try {
      const parameterValues = resolveParameters(
        policy,
        file.file,
        options.parameters?.[policy.id],
        parametersSource,
        compilers,
      );
      const {assert: assertSchema, appliesTo: appliesToSchema} = assertionSchemas(policy, parameterValues, file.file);
      // A built-in policy whose schemas were precompiled was linted by the build (src/build/precompile.ts), with these very
      // schemas: a scan with the built-ins does not read the document schema. Anything else is linted here.
      const linted =
        file.builtIn &&
        precompiledValidator(assertSchema, FLAVORS.explained) !== undefined &&
        (appliesToSchema === undefined || precompiledValidator(appliesToSchema, FLAVORS.explained) !== undefined);
      const lint =
        linted || options.lint === false
          ? []
          : lintPolicy(policy, {
              assert: assertSchema,
              ...(appliesToSchema === undefined ? {} : {appliesTo: appliesToSchema}),
            });
      if (lint.length > 0) throw new InputErrors(lint.map((p) => new InputError(file.file, p.problem, p.pointer)));
      const assert = compilers.explained(assertSchema, file.file, '/assert');
      const appliesTo =
        appliesToSchema === undefined ? undefined : compilers.explained(appliesToSchema, file.file, '/appliesTo');
      const quick = {
        assert: compilers.quick(assertSchema, file.file, '/assert'),
        ...(appliesToSchema === undefined
          ? {}
          : {appliesTo: compilers.quick(appliesToSchema, file.file, '/appliesTo')}),
      };
      compiled.push({
        ...policy,
        source: file.file,
        builtIn: file.builtIn,
        parameterValues,
        checks: {assert, appliesTo, quick},
      });
    } catch (error) {
      if (error instanceof InputErrors) errors.push(...error.errors);
      else errors.push(error as InputError);
    }
  }

  if (errors.length > 0) throw new InputErrors(errors);
  return compiled.sort((a, b) => a.id.localeCompare(b.id));
}
