"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_IAC_BUDGET = exports.MAX_TERRAFORM_FILE_BYTES = exports.SKIPPED_DIRECTORIES = exports.locatableKindOfHop = exports.anchorProperty = exports.CLOUDFORMATION_STACK_TAG = exports.CLOUDFORMATION_LOGICAL_ID_TAG = exports.encodeRepositoryPath = exports.matchResource = exports.locate = void 0;
exports.buildIacIndex = buildIacIndex;
exports.findRepositoryRoot = findRepositoryRoot;
/**
 * The infrastructure-as-code index: every indexed resource definition under the given paths, with its lines.
 * Pure (reads files, never AWS). A file that cannot be read or parsed is a warning; a path that does not exist is
 * an InputError (exit 2), since the user named it.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const cloudformation_1 = require("./cloudformation");
const discover_1 = require("./discover");
const terraform_1 = require("./terraform");
var match_1 = require("./match");
Object.defineProperty(exports, "locate", { enumerable: true, get: function () { return match_1.locate; } });
Object.defineProperty(exports, "matchResource", { enumerable: true, get: function () { return match_1.matchResource; } });
Object.defineProperty(exports, "encodeRepositoryPath", { enumerable: true, get: function () { return match_1.encodeRepositoryPath; } });
Object.defineProperty(exports, "CLOUDFORMATION_LOGICAL_ID_TAG", { enumerable: true, get: function () { return match_1.CLOUDFORMATION_LOGICAL_ID_TAG; } });
Object.defineProperty(exports, "CLOUDFORMATION_STACK_TAG", { enumerable: true, get: function () { return match_1.CLOUDFORMATION_STACK_TAG; } });
var properties_1 = require("./properties");
Object.defineProperty(exports, "anchorProperty", { enumerable: true, get: function () { return properties_1.anchorProperty; } });
var resource_types_1 = require("./resource-types");
Object.defineProperty(exports, "locatableKindOfHop", { enumerable: true, get: function () { return resource_types_1.locatableKindOfHop; } });
var discover_2 = require("./discover");
Object.defineProperty(exports, "SKIPPED_DIRECTORIES", { enumerable: true, get: function () { return discover_2.SKIPPED_DIRECTORIES; } });
const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
/**
 * What indexing one scan may spend, whatever the repository holds (`--iac` defaults to the whole repository, and a
 * pull request can add files): past it the remaining files are skipped, with one warning saying how many and why.
 * A real repository's templates are a few MB and parse in well under a second.
 */
/**
 * Terraform files are parsed by a grammar that can spend microseconds per byte on garbage, and real ones are small:
 * a file larger than this is skipped with a warning rather than parsed for seconds.
 */
exports.MAX_TERRAFORM_FILE_BYTES = 1024 * 1024;
exports.DEFAULT_IAC_BUDGET = { bytes: 64 * 1024 * 1024, milliseconds: 15_000 };
function buildIacIndex(paths, repoRoot, options = {}) {
    const root = (0, node_path_1.resolve)(repoRoot);
    const problems = [];
    const candidates = (0, discover_1.discoverIacFiles)(paths, root, problems);
    const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const definitions = [];
    const files = [];
    const stacks = new Map();
    const environments = new Map();
    const budget = { ...exports.DEFAULT_IAC_BUDGET, ...options.budget };
    const started = performance.now();
    let bytesRead = 0;
    for (const [position, candidate] of candidates.entries()) {
        const spent = bytesRead > budget.bytes
            ? `${budget.bytes} bytes`
            : performance.now() - started > budget.milliseconds
                ? `${budget.milliseconds / 1000} s`
                : undefined;
        if (spent) {
            const left = candidates.length - position;
            problems.push({
                severity: 'warning',
                file: candidate.file,
                message: `not indexed, with ${left - 1} more file(s) after it: the IaC budget of ${spent} per scan was spent (name the folders that hold your templates with --iac)`,
            });
            break;
        }
        const text = readCandidate(candidate, candidate.format === 'terraform' ? Math.min(maxBytes, exports.MAX_TERRAFORM_FILE_BYTES) : maxBytes, problems);
        if (text === undefined)
            continue;
        bytesRead += text.length;
        if (candidate.format === 'cloudformation' && (0, node_path_1.basename)(candidate.file) === 'manifest.json') {
            readCdkManifest(candidate, text, root, stacks, environments, problems);
            continue;
        }
        let parsed;
        try {
            parsed = parseCandidate(candidate, text);
        }
        catch (error) {
            // A file in the repository (written by a pull request) must not take the scan down: on 100 KB of nested
            // `"${` the HCL grammar overflows the stack or leaves a tree without types. A warning, like a syntax error.
            problems.push({
                severity: 'warning',
                file: candidate.file,
                message: `not indexed: the parser gave up on it (${error.message})`,
            });
            continue;
        }
        problems.push(...parsed.problems);
        if (!parsed.indexed)
            continue;
        if (!(0, discover_1.isInsideRepository)(candidate.file)) {
            problems.push({
                severity: 'warning',
                file: candidate.file,
                message: 'not indexed: outside the repository root, so findings could not point at it',
            });
            continue;
        }
        files.push(candidate.file);
        definitions.push(...parsed.definitions);
    }
    addStacksOption(options.stacks ?? {}, root, stacks, files, problems);
    for (const definition of definitions) {
        if (definition.format === 'terraform')
            continue;
        const mapped = stacks.get(definition.file) ?? [];
        // A CDK template is named after its artifact id, which the manifest maps to the real stack name.
        const guessed = mapped.some((stack) => stack.source === 'cdk-manifest')
            ? []
            : [{ name: (0, discover_1.stackNameFromFileName)(definition.file), source: 'file-name' }];
        const known = [...guessed, ...mapped];
        definition.stacks = known.filter((stack, i) => known.findIndex((other) => other.name === stack.name && other.source === stack.source) === i);
        const environment = environments.get(definition.file);
        if (environment)
            definition.environment = environment;
    }
    return { index: { repoRoot: root, files, definitions }, problems };
}
function readCandidate(candidate, maxBytes, problems) {
    try {
        const size = (0, node_fs_1.statSync)(candidate.absolute).size;
        if (size > maxBytes) {
            problems.push({
                severity: 'warning',
                file: candidate.file,
                message: `not indexed: ${size} bytes, more than the ${maxBytes} looked at`,
            });
            return undefined;
        }
        // A byte-order mark is on line 1 and in no token: dropping it keeps every line number.
        return (0, node_fs_1.readFileSync)(candidate.absolute, 'utf8').replace(/^\uFEFF/, '');
    }
    catch (error) {
        problems.push({ severity: 'warning', file: candidate.file, message: `not indexed: ${error.message}` });
        return undefined;
    }
}
function parseCandidate(candidate, text) {
    if (candidate.format === 'terraform') {
        const parsed = (0, terraform_1.parseTerraform)(text, candidate.file);
        return { indexed: parsed.problems.length === 0, ...parsed };
    }
    // Most YAML and JSON files in a repository are not templates; only those naming an AWS type are parsed.
    if (!text.includes('AWS::') && !text.includes('AWSTemplateFormatVersion'))
        return { indexed: false, definitions: [], problems: [] };
    const json = (0, node_path_1.extname)(candidate.file).toLowerCase() === '.json' || text.trimStart().startsWith('{');
    const parsed = (0, cloudformation_1.parseCloudFormation)(text, candidate.file, json ? 'cloudformation-json' : 'cloudformation-yaml');
    return { indexed: parsed.isTemplate, definitions: parsed.definitions, problems: parsed.problems };
}
/**
 * A CDK cloud assembly manifest says which template each stack is synthesized to (`properties.templateFile`) and
 * under which name it is deployed (`properties.stackName`, else the artifact id).
 */
function readCdkManifest(candidate, text, root, stacks, environments, problems) {
    let manifest;
    try {
        manifest = JSON.parse(text);
    }
    catch (error) {
        problems.push({
            severity: 'warning',
            file: candidate.file,
            message: `CDK manifest not read: ${error.message}`,
        });
        return;
    }
    for (const [artifactId, artifact] of Object.entries(manifest?.artifacts ?? {})) {
        const templateFile = artifact?.properties?.templateFile;
        if (artifact?.type !== 'aws:cloudformation:stack' || typeof templateFile !== 'string')
            continue;
        const stackName = typeof artifact.properties?.stackName === 'string' ? artifact.properties.stackName : artifactId;
        const template = (0, discover_1.repositoryPath)((0, node_path_1.join)((0, node_path_1.dirname)(candidate.absolute), templateFile), root);
        stacks.set(template, [...(stacks.get(template) ?? []), { name: stackName, source: 'cdk-manifest' }]);
        const environment = cdkEnvironment(artifact.environment);
        if (environment)
            environments.set(template, environment);
    }
}
/** `aws://111122223333/eu-west-1`; CDK writes `unknown-account` / `unknown-region` for environment-agnostic stacks. */
function cdkEnvironment(value) {
    if (typeof value !== 'string' || !value.startsWith('aws://'))
        return undefined;
    const [account, region] = value.slice('aws://'.length).split('/');
    const environment = {
        ...(account && account !== 'unknown-account' && { account }),
        ...(region && region !== 'unknown-region' && { region }),
    };
    return Object.keys(environment).length > 0 ? environment : undefined;
}
function addStacksOption(mapping, root, stacks, files, problems) {
    for (const [stackName, path] of Object.entries(mapping)) {
        const template = (0, discover_1.repositoryPath)((0, node_path_1.isAbsolute)(path) ? path : (0, node_path_1.join)(root, path), root);
        if (!files.includes(template)) {
            problems.push({
                severity: 'warning',
                file: template,
                message: `stack ${stackName} is mapped to this file, which is not an indexed CloudFormation template`,
            });
            continue;
        }
        stacks.set(template, [...(stacks.get(template) ?? []), { name: stackName, source: 'stacks-option' }]);
    }
}
/** The nearest directory at or above `start` holding `.git`: the default root for repository-relative paths. */
function findRepositoryRoot(start) {
    for (let directory = (0, node_path_1.resolve)(start);; directory = (0, node_path_1.dirname)(directory)) {
        if ((0, node_fs_1.existsSync)((0, node_path_1.join)(directory, '.git')))
            return directory;
        if ((0, node_path_1.dirname)(directory) === directory)
            return undefined;
    }
}
