"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SKIPPED_DIRECTORIES = void 0;
exports.discoverIacFiles = discoverIacFiles;
exports.repositoryPath = repositoryPath;
exports.isInsideRepository = isInsideRepository;
exports.stackNameFromFileName = stackNameFromFileName;
/** Finding the files that may hold infrastructure as code under the directories (or files) given. */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const errors_1 = require("../foundation/errors");
/** Dependencies and tool caches, never the project's own definitions. cdk.out is kept: it holds CDK's templates. */
exports.SKIPPED_DIRECTORIES = new Set(['.git', '.terraform', 'node_modules']);
/** `.template` is CloudFormation's classic extension (JSON or YAML). */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.template', '.yaml', '.yml']);
/**
 * Every candidate file under `paths`, each once, sorted by path. A path that does not exist is bad input (the user
 * named it); a directory that cannot be read is a warning. Symbolic links are not followed (no cycles, no escaping
 * the repository).
 */
function discoverIacFiles(paths, repoRoot, problems) {
    const found = new Map();
    for (const given of paths) {
        const absolute = (0, node_path_1.resolve)(given);
        if (!(0, node_fs_1.existsSync)(absolute)) {
            throw new errors_1.InputError(given, 'does not exist: expected a directory (or file) holding CloudFormation templates or Terraform files');
        }
        if ((0, node_fs_1.statSync)(absolute).isDirectory())
            walk(absolute, repoRoot, found, problems);
        else
            addCandidate(absolute, repoRoot, found);
    }
    return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
function walk(directory, repoRoot, found, problems) {
    let entries;
    try {
        entries = (0, node_fs_1.readdirSync)(directory, { withFileTypes: true });
    }
    catch (error) {
        problems.push({
            severity: 'warning',
            file: repositoryPath(directory, repoRoot),
            message: `directory not searched: ${error.message}`,
        });
        return;
    }
    for (const entry of entries) {
        const path = (0, node_path_1.join)(directory, entry.name);
        if (entry.isDirectory()) {
            if (!exports.SKIPPED_DIRECTORIES.has(entry.name))
                walk(path, repoRoot, found, problems);
        }
        else if (entry.isFile()) {
            addCandidate(path, repoRoot, found);
        }
    }
}
function addCandidate(absolute, repoRoot, found) {
    const format = candidateFormat(absolute);
    if (format && !found.has(absolute))
        found.set(absolute, { absolute, file: repositoryPath(absolute, repoRoot), format });
}
function candidateFormat(path) {
    const extension = (0, node_path_1.extname)(path).toLowerCase();
    if (extension === '.tf')
        return 'terraform';
    return TEMPLATE_EXTENSIONS.has(extension) ? 'cloudformation' : undefined;
}
/** Repository-relative with forward slashes; a path outside the repository keeps its `../` form. */
function repositoryPath(absolute, repoRoot) {
    return (0, node_path_1.relative)(repoRoot, absolute).split(node_path_1.sep).join('/');
}
function isInsideRepository(file) {
    return file !== '' && file !== '..' && !file.startsWith('../') && !/^[A-Za-z]:/.test(file) && !file.startsWith('/');
}
/** The stack name a template's file name suggests: `orders-prod.yaml`, `OrdersStack.template.json` → the stem. */
function stackNameFromFileName(file) {
    let stem = (0, node_path_1.basename)(file);
    for (let extension = (0, node_path_1.extname)(stem); extension !== ''; extension = (0, node_path_1.extname)(stem)) {
        if (!['.json', '.template', '.yaml', '.yml', '.cfn'].includes(extension.toLowerCase()))
            break;
        stem = stem.slice(0, -extension.length);
    }
    return stem;
}
