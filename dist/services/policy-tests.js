"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_ESTATE = void 0;
exports.testPolicies = testPolicies;
exports.fixtureBrokers = fixtureBrokers;
/**
 * `policies test`: every case of every policy found under the given paths (default: the built-in policies), each
 * evaluated as a scan would. Cases name their base brokers from a fixture estate: the bundled demo estate
 * (fixtures/demo/inventory.json), or another inventory, made into documents as `mq-audit documents` makes them
 * (default production selector, on-premises networks inferred from the routes, network facts included).
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const errors_1 = require("../foundation/errors");
const evaluate_1 = require("../policy/evaluate");
const loader_1 = require("../policy/loader");
const policy_tests_1 = require("../policy/policy-tests");
const package_paths_1 = require("../foundation/package-paths");
const read_1 = require("../snapshot/read");
const evaluation_1 = require("./evaluation");
/** The estate base brokers come from unless --inventory says otherwise. */
exports.DEMO_ESTATE = (0, node_path_1.join)(package_paths_1.PACKAGE_ROOT, 'fixtures', 'demo', 'inventory.json');
/** Runs every case; throws InputErrors (exit 2) naming every bad test file, case or policy file, before running any. */
function testPolicies(options) {
    const errors = [];
    const collect = (work) => {
        try {
            work();
        }
        catch (error) {
            if ((0, errors_1.isInputErrors)(error))
                errors.push(...error.errors);
            else if ((0, errors_1.isInputError)(error))
                errors.push(error);
            else
                throw error;
        }
    };
    // A test file named on the command line stands for its policy; a folder must hold policies, and no test file
    // without its policy beside it (a misspelt test file name would otherwise never run).
    const paths = options.paths.map((path) => (path.endsWith(loader_1.TEST_FILE_SUFFIX) ? (0, policy_tests_1.policyFileOf)(path) : path));
    for (const [index, path] of options.paths.entries()) {
        if (path.endsWith(loader_1.TEST_FILE_SUFFIX) && !(0, node_fs_1.existsSync)(paths[index]))
            errors.push(new errors_1.InputError(path, `no policy file ${paths[index]} beside this test file`));
    }
    for (const path of paths.length > 0 ? paths : [package_paths_1.BUILT_IN_POLICIES]) {
        if (!(0, node_fs_1.existsSync)(path) || !(0, node_fs_1.statSync)(path).isDirectory())
            continue;
        collect(() => {
            if ((0, loader_1.findPolicyFiles)(path).length === 0)
                throw new errors_1.InputError(path, 'folder holds no .json policy files');
            for (const test of (0, loader_1.findPolicyTestFiles)(path)) {
                if (!(0, node_fs_1.existsSync)((0, policy_tests_1.policyFileOf)(test.file)))
                    throw new errors_1.InputError(test.file, `test file without a policy: expected ${(0, node_path_1.relative)(process.cwd(), (0, policy_tests_1.policyFileOf)(test.file)) || (0, policy_tests_1.policyFileOf)(test.file)} beside it`);
            }
        });
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const policies = paths.length > 0 ? (0, loader_1.loadPolicies)({ builtIn: false, paths }) : (0, loader_1.loadPolicies)({});
    const located = policies.map((policy) => {
        let cases = [];
        collect(() => (cases = (0, policy_tests_1.casesOf)(policy)));
        return { policy, cases };
    });
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    // The fixture estate is read only when a case names a base, and its problems are told once, not per case.
    const fixturesFile = options.inventory ?? exports.DEMO_ESTATE;
    const needsFixtures = located.some(({ cases }) => cases.some((c) => c.testCase.base !== undefined));
    const fixtures = needsFixtures ? fixtureBrokers(fixturesFile) : () => ({ problem: 'no fixture estate' });
    const planned = located.map(({ policy, cases }) => {
        const documents = [];
        for (const one of cases)
            collect(() => documents.push({ located: one, document: (0, policy_tests_1.caseDocument)(one, fixtures) }));
        return { policy, cases: documents };
    });
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const results = planned.map(({ policy, cases }) => ({
        policyId: policy.id,
        source: policy.source,
        cases: cases.map(({ located, document }) => (0, policy_tests_1.runCase)(policy, located, document)),
    }));
    const all = results.flatMap((r) => r.cases);
    return {
        passed: all.filter((c) => c.passed).length,
        failed: all.filter((c) => !c.passed).length,
        fixtures: shownPath(fixturesFile),
        policies: results,
        untested: results.filter((r) => r.cases.length === 0).map((r) => r.policyId),
    };
}
/** The brokers of an inventory by name, id or ARN, made into documents on first use. */
function fixtureBrokers(file) {
    const shown = shownPath(file);
    const snapshot = (0, read_1.readSnapshot)(file);
    const documents = (0, evaluate_1.brokerDocuments)(snapshot, (0, evaluation_1.evaluationOptions)(snapshot, { defaults: {} }, { onPremCidrs: [] }));
    const names = documents.map((d) => d.name);
    const byKey = new Map();
    for (const document of documents) {
        byKey.set(document.id, document);
        byKey.set(document.arn, document);
    }
    for (const document of documents) {
        const clash = byKey.has(document.name) && byKey.get(document.name) !== document;
        byKey.set(document.name, clash
            ? { problem: `"${document.name}" names more than one broker in ${shown}; name the base by its id or ARN` }
            : document);
    }
    return (key) => byKey.get(key) ?? {
        problem: `no broker named "${key}" in the fixture estate ${shown}; its brokers: ${names.join(', ')}`,
    };
}
/** A path relative to the working directory when it is below it, else as given (the bundled demo estate: absolute). */
function shownPath(file) {
    const shown = (0, node_path_1.relative)(process.cwd(), file);
    return shown === '' || shown.startsWith('..') ? file : shown;
}
