"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runScan = runScan;
/**
 * `scan`: get a snapshot (a file or live), load policies, evaluate, and build the report. No flags, no printing.
 */
const config_1 = require("../config");
const baseline_1 = require("../policy/baseline");
const evaluate_1 = require("../policy/evaluate");
const loader_1 = require("../policy/loader");
const suppressions_1 = require("../policy/suppressions");
const build_1 = require("../report/build");
const redact_1 = require("../report/redact");
const read_1 = require("../snapshot/read");
const version_1 = require("../version");
const anchoring_1 = require("./anchoring");
const evaluation_1 = require("./evaluation");
const inventory_1 = require("./inventory");
async function runScan(options) {
    // Policies first: a typo in a policy file should fail in milliseconds, not after a ten-minute collection.
    const policies = (0, loader_1.loadPolicies)({
        paths: options.policyPaths,
        include: options.include,
        exclude: options.exclude,
        parameters: (0, config_1.parameterOverrides)(options.config),
        parametersSource: options.config.source,
    });
    // Suppressions and baseline too: bad input is reported before any AWS call.
    const suppressions = (0, suppressions_1.loadSuppressions)(options.suppressionsFile, options.cwd);
    const baseline = options.baselineFile === undefined ? undefined : (0, baseline_1.loadBaseline)(options.baselineFile, options.cwd);
    const redactor = (0, redact_1.createRedactor)(options.redactKey);
    const anchoring = (0, anchoring_1.prepareAnchoring)(options.iac ?? 'none', options.cwd);
    const snapshot = 'file' in options.source ? (0, read_1.readSnapshot)(options.source.file) : await (0, inventory_1.collectLive)(options.source.live);
    const evaluation = (0, evaluation_1.evaluationOptions)(snapshot, options.config, { onPremCidrs: options.onPremCidrs });
    // Failing network findings take their hops from the document being evaluated: one path analysis per broker.
    const results = (0, evaluate_1.evaluateSnapshot)(snapshot, policies, {
        ...evaluation,
        // Fingerprinted here too, so the report does not hold a second copy of every result.
        withDocument: (own, document) => (0, build_1.reportedResults)(own, policies, () => document.network),
    });
    const built = (0, build_1.buildReport)({
        snapshot,
        policies,
        results,
        failOn: options.failOn,
        tool: version_1.TOOL,
        generatedAt: (options.now?.() ?? new Date()).toISOString(),
        inventorySource: 'file' in options.source ? options.source.file : undefined,
        suppressions,
        baseline,
        aliasOf: redactor.aliasOf,
    });
    if (anchoring)
        built.iac = (0, anchoring_1.iacReport)(anchoring, built, options.cwd);
    const report = options.redact ? (0, redact_1.redactReport)(built, redactor) : built;
    return { report, snapshot, ...(anchoring && { anchoring }) };
}
