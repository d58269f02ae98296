"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_FILE_SUFFIX = void 0;
exports.findPolicyFiles = findPolicyFiles;
exports.findPolicyTestFiles = findPolicyTestFiles;
exports.readPolicyFile = readPolicyFile;
exports.substituteParameters = substituteParameters;
exports.parameterDefaults = parameterDefaults;
exports.assertionSchemas = assertionSchemas;
exports.matchesId = matchesId;
exports.loadPolicies = loadPolicies;
/**
 * Loads policy files: every file is validated against schemas/policy.schema.json, its parameters resolved
 * and its assertions compiled by ajv. All problems of all files are collected so users fix them in one pass.
 */
const nearest_1 = require("../foundation/nearest");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const package_paths_1 = require("../foundation/package-paths");
const validators_1 = require("../foundation/validators");
const id_pattern_1 = require("./id-pattern");
const lint_1 = require("./lint");
function policySchema() {
    return (0, validators_1.ownSchemaValidator)('policy.schema.json');
}
/** The suffix of a policy's test file, beside it: `<name>.test.json` next to `<name>.json` (src/policy/policy-tests.ts). */
exports.TEST_FILE_SUFFIX = '.test.json';
/**
 * Lists policy files: a folder is searched recursively for *.json, but for test files (*.test.json, which are never
 * policies); a file is taken as is.
 */
function findPolicyFiles(path, builtIn = false) {
    return findJsonFiles(path, builtIn, (name) => !name.endsWith(exports.TEST_FILE_SUFFIX));
}
/** The test files (*.test.json) in a folder, searched recursively; a file is taken as is. */
function findPolicyTestFiles(path) {
    return findJsonFiles(path, false, (name) => name.endsWith(exports.TEST_FILE_SUFFIX));
}
function findJsonFiles(path, builtIn, accept) {
    const absolute = (0, node_path_1.resolve)(path);
    let stats;
    try {
        stats = (0, node_fs_1.statSync)(absolute);
    }
    catch {
        throw new errors_1.InputError(path, 'no such policy file or folder');
    }
    if (!stats.isDirectory())
        return [{ file: path, builtIn }];
    // Symlinks are not followed out of the folder: a policy folder in a pull request could link x.json to
    // /etc/passwd (whose text would then be quoted in errors) or to a secret. A symlinked file whose target is a
    // regular file inside the folder is read; symlinked folders are not walked.
    const root = (0, node_fs_1.realpathSync)(absolute);
    const walk = (dir) => (0, node_fs_1.readdirSync)(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry) => {
        const file = (0, node_path_1.join)(dir, entry.name);
        if (entry.isDirectory())
            return walk(file);
        if (!entry.name.endsWith('.json') || !accept(entry.name))
            return [];
        if (entry.isFile())
            return [file];
        if (entry.isSymbolicLink() && insideFolder(file, root))
            return [file];
        throw new errors_1.InputError((0, node_path_1.relative)(process.cwd(), file) || file, `is a ${entry.isSymbolicLink() ? 'symlink to something outside the policy folder' : 'special file'}; policy files must be regular files inside ${path}`);
    });
    return walk(absolute).map((file) => ({ file: (0, node_path_1.relative)(process.cwd(), file) || file, root: absolute, builtIn }));
}
/** Whether the symlink `file` resolves to a regular file inside `root` (a real path). */
function insideFolder(file, root) {
    try {
        const target = (0, node_fs_1.realpathSync)(file);
        return target.startsWith(root + node_path_1.sep) && (0, node_fs_1.statSync)(target).isFile();
    }
    catch {
        return false; // dangling
    }
}
/** The id a policy file must carry: its path below the root, or (for a lone file) at least its basename. */
function expectedId(policyFile) {
    const withoutExtension = (p) => p
        .replace(/\.json$/, '')
        .split(node_path_1.sep)
        .join('/');
    if (policyFile.root)
        return { id: withoutExtension((0, node_path_1.relative)(policyFile.root, (0, node_path_1.resolve)(policyFile.file))), suffix: '' };
    return { suffix: withoutExtension((0, node_path_1.basename)(policyFile.file)) };
}
/** Reads and checks one file; returns the policy or the problems found. */
function readPolicyFile(policyFile) {
    let data;
    try {
        data = (0, json_input_1.readJsonFile)(policyFile.file, 'policy file');
    }
    catch (error) {
        return { errors: [error] };
    }
    const errors = (0, json_input_1.schemaErrors)(policySchema(), data, policyFile.file);
    if (errors.length > 0)
        return { errors };
    const policy = data;
    const expected = expectedId(policyFile);
    if (expected.id !== undefined && policy.id !== expected.id) {
        errors.push(new errors_1.InputError(policyFile.file, `id "${policy.id}" does not match the file's path; expected "${expected.id}"`, '/id'));
    }
    else if (expected.id === undefined && policy.id !== expected.suffix && !policy.id.endsWith(`/${expected.suffix}`)) {
        errors.push(new errors_1.InputError(policyFile.file, `id "${policy.id}" does not match the file name; expected an id ending in "${expected.suffix}"`, '/id'));
    }
    return { policy, errors };
}
/** Replaces every {"$param": "name"} node with the parameter's value. */
function substituteParameters(schema, values, file, pointer) {
    const walk = (node, at) => {
        if (Array.isArray(node))
            return node.map((item, index) => walk(item, `${at}/${index}`));
        if (node === null || typeof node !== 'object')
            return node;
        const record = node;
        if (Object.keys(record).length === 1 && typeof record.$param === 'string') {
            if (!(record.$param in values))
                throw new errors_1.InputError(file, `unknown parameter "${record.$param}"; declare it under "parameters"`, at);
            return values[record.$param];
        }
        return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, walk(value, `${at}/${escapePointer(key)}`)]));
    };
    return walk(schema, pointer);
}
/** Each declared parameter's default value. */
function parameterDefaults(policy) {
    return Object.fromEntries(Object.entries(policy.parameters ?? {}).map(([name, p]) => [name, p.default]));
}
/**
 * The schemas a policy's checks are compiled from, its parameters substituted. One derivation for the loader and
 * for the build's precompiled validators (src/build/precompile.ts), whose keys are the schemas' text.
 */
function assertionSchemas(policy, values, file) {
    return {
        assert: substituteParameters(policy.assert, values, file, '/assert'),
        ...(policy.appliesTo !== undefined && {
            appliesTo: substituteParameters(policy.appliesTo, values, file, '/appliesTo'),
        }),
    };
}
function escapePointer(key) {
    return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
function resolveParameters(policy, file, overrides, overridesSource, compilers) {
    const declared = policy.parameters ?? {};
    const values = parameterDefaults(policy);
    const errors = [];
    // Each parameter's schema compiled once, for its override and for its default.
    const validators = new Map();
    const validatorOf = (name, schema) => {
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
            errors.push(new errors_1.InputError(overridesSource, `policy ${policy.id} has no parameter "${name}"; it has: ${Object.keys(declared).join(', ') || 'none'}`, place));
            continue;
        }
        const schema = declared[name].schema;
        if (schema) {
            const validate = validatorOf(name, schema);
            if (!validate(value)) {
                errors.push(...(0, json_input_1.schemaErrors)(validate, value, overridesSource).map((e) => new errors_1.InputError(overridesSource, `parameter ${name} of ${policy.id}: ${e.problem}`, place + (e.place === '/' ? '' : e.place))));
                continue;
            }
        }
        values[name] = value;
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    for (const [name, parameter] of Object.entries(declared)) {
        if (parameter.schema && !validatorOf(name, parameter.schema)(parameter.default)) {
            throw new errors_1.InputError(file, `default of parameter "${name}" does not match its own schema`, `/parameters/${name}/default`);
        }
    }
    return values;
}
/** One ajv instance per flavor and load, created only if something is not precompiled. */
function policyCompilers() {
    let explaining;
    let quick;
    const compile = (flavor, ajv) => (schema, file, pointer) => {
        const precompiled = (0, validators_1.precompiledValidator)(schema, flavor);
        if (precompiled)
            return precompiled;
        try {
            return ajv().compile(schema);
        }
        catch (error) {
            throw new errors_1.InputError(file, `not a valid JSON Schema: ${error.message}`, pointer);
        }
    };
    return {
        explained: compile(validators_1.FLAVORS.explained, () => (explaining ??= (0, json_input_1.createAjv)(validators_1.FLAVORS.explained))),
        // The same schemas as the explaining instance, which checks them first.
        quick: compile(validators_1.FLAVORS.quick, () => (quick ??= (0, json_input_1.createAjv)({ ...validators_1.FLAVORS.quick, schemasChecked: true }))),
    };
}
/** `*` matches any characters except `/` (./id-pattern, linear: no regular expression). */
function matchesId(id, pattern) {
    return (0, id_pattern_1.matchesIdPattern)(id, pattern);
}
/** Loads, checks, selects and compiles policies; throws InputErrors listing every problem. */
/**
 * A file named twice — a built-in policy given to --policies or `policies validate`, or a folder and a file in it —
 * is read once, as its first mention (a built-in stays built-in); a second file with the same id is still an error.
 */
function sameFileOnce(files) {
    const seen = new Set();
    return files.filter(({ file }) => {
        let key;
        try {
            key = (0, node_fs_1.realpathSync)(file);
        }
        catch {
            key = (0, node_path_1.resolve)(file);
        }
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function loadPolicies(options = {}) {
    const builtInRoot = options.builtIn === undefined ? package_paths_1.BUILT_IN_POLICIES : options.builtIn;
    const files = [];
    const errors = [];
    const collect = (path, builtIn) => {
        try {
            files.push(...findPolicyFiles(path, builtIn));
        }
        catch (error) {
            errors.push(error);
        }
    };
    if (builtInRoot)
        collect(builtInRoot, true);
    for (const path of options.paths ?? [])
        collect(path, false);
    const loaded = [];
    const byId = new Map();
    for (const file of sameFileOnce(files)) {
        const result = readPolicyFile(file);
        errors.push(...result.errors);
        if (!result.policy || result.errors.length > 0)
            continue;
        const previous = byId.get(result.policy.id);
        if (previous) {
            errors.push(new errors_1.InputError(file.file, `duplicate policy id "${result.policy.id}", also defined in ${previous}`, '/id'));
            continue;
        }
        byId.set(result.policy.id, file.file);
        loaded.push({ policy: result.policy, file });
    }
    const known = [...byId.keys()].sort();
    const checkSelection = (flag, patterns) => {
        for (const pattern of patterns ?? []) {
            if (!known.some((id) => matchesId(id, pattern))) {
                const hint = (0, nearest_1.didYouMean)(pattern, known);
                errors.push(new errors_1.InputError(flag, `unknown policy id "${pattern}"; ${hint ? `${hint} Known ids` : 'known ids'}: ${known.join(', ')}`));
            }
        }
    };
    checkSelection('--policy', options.include);
    checkSelection('--skip-policy', options.exclude);
    const parametersSource = options.parametersSource ?? 'config';
    for (const id of Object.keys(options.parameters ?? {})) {
        if (!byId.has(id)) {
            const hint = (0, nearest_1.didYouMean)(id, known);
            errors.push(new errors_1.InputError(parametersSource, `parameters given for unknown policy id "${id}"${hint ? `; ${hint}` : ''}`, `/policies/${escapePointer(id)}`));
        }
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const selected = loaded.filter(({ policy }) => (!options.include?.length || options.include.some((p) => matchesId(policy.id, p))) &&
        !options.exclude?.some((p) => matchesId(policy.id, p)));
    const compilers = policyCompilers();
    const compiled = [];
    for (const { policy, file } of selected) {
        try {
            const parameterValues = resolveParameters(policy, file.file, options.parameters?.[policy.id], parametersSource, compilers);
            const { assert: assertSchema, appliesTo: appliesToSchema } = assertionSchemas(policy, parameterValues, file.file);
            // A built-in policy whose schemas were precompiled was linted by the build (src/build/precompile.ts), with these very
            // schemas: a scan with the built-ins does not read the document schema. Anything else is linted here.
            const linted = file.builtIn &&
                (0, validators_1.precompiledValidator)(assertSchema, validators_1.FLAVORS.explained) !== undefined &&
                (appliesToSchema === undefined || (0, validators_1.precompiledValidator)(appliesToSchema, validators_1.FLAVORS.explained) !== undefined);
            const lint = linted || options.lint === false
                ? []
                : (0, lint_1.lintPolicy)(policy, {
                    assert: assertSchema,
                    ...(appliesToSchema === undefined ? {} : { appliesTo: appliesToSchema }),
                });
            if (lint.length > 0)
                throw new errors_1.InputErrors(lint.map((p) => new errors_1.InputError(file.file, p.problem, p.pointer)));
            const assert = compilers.explained(assertSchema, file.file, '/assert');
            const appliesTo = appliesToSchema === undefined ? undefined : compilers.explained(appliesToSchema, file.file, '/appliesTo');
            const quick = {
                assert: compilers.quick(assertSchema, file.file, '/assert'),
                ...(appliesToSchema === undefined
                    ? {}
                    : { appliesTo: compilers.quick(appliesToSchema, file.file, '/appliesTo') }),
            };
            compiled.push({
                ...policy,
                source: file.file,
                builtIn: file.builtIn,
                parameterValues,
                checks: { assert, appliesTo, quick },
            });
        }
        catch (error) {
            if (error instanceof errors_1.InputErrors)
                errors.push(...error.errors);
            else
                errors.push(error);
        }
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    return compiled.sort((a, b) => a.id.localeCompare(b.id));
}
