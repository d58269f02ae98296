/**
 * JSON Schema validators compiled ahead of time. `npm run build` compiles mq-audit's own schemas (schemas/) and
 * the built-in policies' schemas, with their default parameters, into standalone code under dist/validators/
 * (src/build/precompile.ts). A scan with the built-in policies then never loads ajv's compiler, which was about
 * 150 ms of every start: loading ajv, compiling 30 schemas.
 *
 * A precompiled validator stands in only for the very same schema text compiled with the same ajv version and
 * the same options that change the code (AjvFlavor); anything else (a user's policy, a parameter override, a
 * policy edited after the build, a run from the TypeScript sources) is compiled by ajv at run time, as before.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import type {ValidateFunction} from 'ajv';

import {sha256Hex} from './hash';
import {type AjvFlavor, createAjv, flavorOf} from './json-input';
import {SCHEMAS} from './package-paths';

/**
 * The flavors mq-audit compiles schemas with: its own schemas (every error); policy assertions `explained`
 * (every error, with the data it was about; parameter schemas too) and `quick` (the first error only).
 */
export const FLAVORS = {ownSchema: {}, explained: {verbose: true}, quick: {allErrors: false}} as const satisfies Record<
  string,
  AjvFlavor
>;

/** Where the build writes them: dist/validators, beside dist/foundation/. */
export const PRECOMPILED_DIR = join(__dirname, '..', 'validators');
export const PRECOMPILED_INDEX = 'index.json';

export interface PrecompiledIndex {
  ajvVersion: string;
  /** Keys (see validatorKey) of the validators present, each in `<key>.js`. */
  keys: string[];
}

/** What a precompiled validator is looked up by. */
export function validatorKey(schema: unknown, flavor: AjvFlavor, ajvVersion: string): string {
  const {allErrors, verbose} = flavorOf(flavor);
  return sha256Hex(`ajv ${ajvVersion}; allErrors ${allErrors}; verbose ${verbose}\n${JSON.stringify(schema)}`).slice(
    0,
    32,
  );
}

export function ajvVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read only when a validator is looked up
  return (require('ajv/package.json') as {version: string}).version;
}

const indexes = new Map<string, {version: string; keys: Set<string>} | null>();

function indexOf(dir: string): {version: string; keys: Set<string>} | null {
  let index = indexes.get(dir);
  if (index === undefined) {
    try {
      const read = JSON.parse(readFileSync(join(dir, PRECOMPILED_INDEX), 'utf8')) as PrecompiledIndex;
      // Validators built against another ajv (node_modules updated, dist not rebuilt) are not used.
      index = read.ajvVersion === ajvVersion() ? {version: read.ajvVersion, keys: new Set(read.keys)} : null;
    } catch {
      index = null; // not built (ts-jest, a source checkout): everything is compiled at run time
    }
    indexes.set(dir, index);
  }
  return index;
}

/** The validator compiled at build time for exactly this schema and flavor, if there is one. */
export function precompiledValidator(
  schema: unknown,
  flavor: AjvFlavor,
  dir: string = PRECOMPILED_DIR,
): ValidateFunction | undefined {
  const index = indexOf(dir);
  if (!index) return undefined;
  const key = validatorKey(schema, flavor, index.version);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the precompiled validator is a path known at run time
  return index.keys.has(key) ? (require(join(dir, `${key}.js`)) as {default: ValidateFunction}).default : undefined;
}

/**
 * What mq-audit compiles of its own schema NAME. policy.schema.json's assertion $defs mirror the broker document for
 * editors (scripts/broker-document-schema.js): descriptions and examples, and a schema-or-boolean check per place
 * that compiling the assertion repeats. They are left out of what is compiled, so that loading a policy costs what
 * it did (the full schema's validator is some ten times larger); the tests compile the whole file.
 */
export function compiledFormOf(name: string, schema: unknown): unknown {
  if (name !== 'policy.schema.json') return schema;
  const {$defs, ...rest} = schema as {$defs: Record<string, {description?: string}>};
  const defs = Object.fromEntries(Object.entries($defs).filter(([key]) => !key.startsWith(`${EDITOR_ASSERTION}.`)));
  const assertion = $defs[EDITOR_ASSERTION];
  return {
    ...rest,
    $defs: {
      ...defs,
      [EDITOR_ASSERTION]: {
        ...(assertion?.description && {description: assertion.description}),
        type: ['object', 'boolean'],
      },
    },
  };
}

/** The $defs of policy.schema.json that describe an assertion over the broker document (`assertion.*` below it). */
const EDITOR_ASSERTION = 'assertion';

/**
 * The validator of one of mq-audit's own schemas (schemas/NAME): precompiled, or compiled once per process.
 * `quick` stops at the first violation (for large inputs, see schemaErrors).
 */
export function ownSchemaValidator(name: string, flavor: AjvFlavor = FLAVORS.ownSchema): ValidateFunction {
  const key = `${name} ${JSON.stringify(flavorOf(flavor))}`;
  let validate = ownValidators.get(key);
  if (!validate) {
    const schema = compiledFormOf(name, JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8'))) as object;
    // Checked against the meta-schema by the tests, so not at every start.
    validate = precompiledValidator(schema, flavor) ?? createAjv({...flavor, schemasChecked: true}).compile(schema);
    ownValidators.set(key, validate);
  }
  return validate;
}

const ownValidators = new Map<string, ValidateFunction>();
