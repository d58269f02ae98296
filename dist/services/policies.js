"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.listPolicies = listPolicies;
exports.policyCatalogue = policyCatalogue;
exports.validatePolicyFiles = validatePolicyFiles;
/** `policies list` and `policies validate`. */
const errors_1 = require("../foundation/errors");
const loader_1 = require("../policy/loader");
const catalogue_1 = require("../report/catalogue");
function listPolicies(paths) {
    return (0, loader_1.loadPolicies)({ paths }).map((p) => ({
        id: p.id,
        severity: p.severity,
        title: p.title,
        source: p.source,
        builtIn: p.builtIn,
        ...(p.engines ? { engines: p.engines } : {}),
    }));
}
/** The catalogue table (README, `policies list --markdown`). */
function policyCatalogue(paths) {
    return (0, catalogue_1.policyCatalogueMarkdown)((0, loader_1.loadPolicies)({ paths }));
}
/**
 * Checks each file on its own (schema, id, parameters, that its assertions compile), then the set together
 * (duplicate ids, clashes with built-ins), so every problem is reported with its file and place.
 */
function validatePolicyFiles(paths) {
    const results = [];
    for (const path of paths) {
        let files;
        try {
            files = (0, loader_1.findPolicyFiles)(path);
        }
        catch (error) {
            results.push({ file: path, problems: [toProblem(error)] });
            continue;
        }
        if (files.length === 0)
            results.push({ file: path, problems: [{ problem: 'folder holds no .json policy files' }] });
        for (const file of files) {
            const { policy, errors } = (0, loader_1.readPolicyFile)(file);
            const problems = errors.map((e) => toProblem(e));
            if (policy && problems.length === 0) {
                try {
                    (0, loader_1.loadPolicies)({ builtIn: false, paths: [file.file] });
                }
                catch (error) {
                    problems.push(...problemsOf(error));
                }
            }
            results.push({ file: file.file, id: policy?.id, problems });
        }
    }
    // Clashes across the whole set and with the built-ins.
    if (results.every((r) => r.problems.length === 0)) {
        try {
            (0, loader_1.loadPolicies)({ paths });
        }
        catch (error) {
            for (const problem of (0, errors_1.isInputErrors)(error) ? error.errors : [error]) {
                const target = results.find((r) => r.file === problem.source);
                if (target)
                    target.problems.push(toProblem(problem));
                else
                    results.push({ file: problem.source, problems: [toProblem(problem)] });
            }
        }
    }
    return results;
}
function problemsOf(error) {
    if ((0, errors_1.isInputErrors)(error))
        return error.errors.map((e) => toProblem(e));
    return [toProblem(error)];
}
function toProblem(error) {
    if ((0, errors_1.isInputError)(error))
        return { ...(error.place ? { place: error.place } : {}), problem: error.problem };
    throw error;
}
