"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PRECOMPILED_INDEX = exports.PRECOMPILED_DIR = exports.FLAVORS = void 0;
exports.validatorKey = validatorKey;
exports.ajvVersion = ajvVersion;
exports.precompiledValidator = precompiledValidator;
exports.compiledFormOf = compiledFormOf;
exports.ownSchemaValidator = ownSchemaValidator;
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
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const hash_1 = require("./hash");
const json_input_1 = require("./json-input");
const package_paths_1 = require("./package-paths");
/**
 * The flavors mq-audit compiles schemas with: its own schemas (every error); policy assertions `explained`
 * (every error, with the data it was about; parameter schemas too) and `quick` (the first error only).
 */
exports.FLAVORS = { ownSchema: {}, explained: { verbose: true }, quick: { allErrors: false } };
/** Where the build writes them: dist/validators, beside dist/foundation/. */
exports.PRECOMPILED_DIR = (0, node_path_1.join)(__dirname, '..', 'validators');
exports.PRECOMPILED_INDEX = 'index.json';
/** What a precompiled validator is looked up by. */
function validatorKey(schema, flavor, ajvVersion) {
    const { allErrors, verbose } = (0, json_input_1.flavorOf)(flavor);
    return (0, hash_1.sha256Hex)(`ajv ${ajvVersion}; allErrors ${allErrors}; verbose ${verbose}\n${JSON.stringify(schema)}`).slice(0, 32);
}
function ajvVersion() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read only when a validator is looked up
    return require('ajv/package.json').version;
}
const indexes = new Map();
function indexOf(dir) {
    let index = indexes.get(dir);
    if (index === undefined) {
        try {
            const read = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, exports.PRECOMPILED_INDEX), 'utf8'));
            // Validators built against another ajv (node_modules updated, dist not rebuilt) are not used.
            index = read.ajvVersion === ajvVersion() ? { version: read.ajvVersion, keys: new Set(read.keys) } : null;
        }
        catch {
            index = null; // not built (ts-jest, a source checkout): everything is compiled at run time
        }
        indexes.set(dir, index);
    }
    return index;
}
/** The validator compiled at build time for exactly this schema and flavor, if there is one. */
function precompiledValidator(schema, flavor, dir = exports.PRECOMPILED_DIR) {
    const index = indexOf(dir);
    if (!index)
        return undefined;
    const key = validatorKey(schema, flavor, index.version);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the precompiled validator is a path known at run time
    return index.keys.has(key) ? require((0, node_path_1.join)(dir, `${key}.js`)).default : undefined;
}
/**
 * What mq-audit compiles of its own schema NAME. policy.schema.json's assertion $defs mirror the broker document for
 * editors (scripts/broker-document-schema.js): descriptions and examples, and a schema-or-boolean check per place
 * that compiling the assertion repeats. They are left out of what is compiled, so that loading a policy costs what
 * it did (the full schema's validator is some ten times larger); the tests compile the whole file.
 */
function compiledFormOf(name, schema) {
    if (name !== 'policy.schema.json')
        return schema;
    const { $defs, ...rest } = schema;
    const defs = Object.fromEntries(Object.entries($defs).filter(([key]) => !key.startsWith(`${EDITOR_ASSERTION}.`)));
    const assertion = $defs[EDITOR_ASSERTION];
    return {
        ...rest,
        $defs: {
            ...defs,
            [EDITOR_ASSERTION]: {
                ...(assertion?.description && { description: assertion.description }),
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
function ownSchemaValidator(name, flavor = exports.FLAVORS.ownSchema) {
    const key = `${name} ${JSON.stringify((0, json_input_1.flavorOf)(flavor))}`;
    let validate = ownValidators.get(key);
    if (!validate) {
        const schema = compiledFormOf(name, JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(package_paths_1.SCHEMAS, name), 'utf8')));
        // Checked against the meta-schema by the tests, so not at every start.
        validate = precompiledValidator(schema, flavor) ?? (0, json_input_1.createAjv)({ ...flavor, schemasChecked: true }).compile(schema);
        ownValidators.set(key, validate);
    }
    return validate;
}
const ownValidators = new Map();
