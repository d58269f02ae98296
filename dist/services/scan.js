"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runScan = runScan;
exports.judgeEstate = judgeEstate;
/**
 * `scan`: get a snapshot (a file or live), load policies, evaluate, and build the report. No flags, no printing.
 */
const config_1 = require("./config");
const baseline_1 = require("../policy/baseline");
const evaluate_1 = require("../policy/evaluate");
const loader_1 = require("../policy/loader");
const suppressions_1 = require("../policy/suppressions");
const network_1 = require("../network");
const build_1 = require("../report/build");
const redact_1 = require("../report/redact");
const read_1 = require("../snapshot/read");
const version_1 = require("../foundation/version");
const anchoring_1 = require("./anchoring");
const evaluation_1 = require("./evaluation");
const inventory_1 = require("./inventory");
const change_1 = require("./change");
const overlay_1 = require("../change/overlay");
const compare_1 = require("../change/compare");
const support_calendar_1 = require("../policy/support-calendar");
const paths_1 = require("../report/paths");
const evaluator_1 = require("../policy/evaluator");
const diagrams_1 = require("./diagrams");
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
    const supportCalendar = options.supportCalendarFile === undefined ? undefined : (0, support_calendar_1.readSupportCalendar)(options.supportCalendarFile);
    const anchoring = (0, anchoring_1.prepareAnchoring)(options.iac ?? 'none', options.cwd);
    // A change's inputs are read before any AWS call too: a binary plan should not wait for a collection.
    let proposal = options.change ? (0, change_1.readProposedChanges)(options.change) : undefined;
    const deployed = 'file' in options.source
        ? (0, read_1.readSnapshot)(options.source.file)
        : 'live' in options.source
            ? await (0, inventory_1.collectLive)(options.source.live)
            : (0, overlay_1.emptySnapshot)();
    const inventorySource = 'file' in options.source ? options.source.file : undefined;
    const generatedAt = (options.now?.() ?? new Date()).toISOString();
    const picker = options.diagrams ? new diagrams_1.DiagramPicker(options.diagrams.limit) : undefined;
    const judge = (snapshot) => judgeEstate(snapshot, policies, options, undefined, supportCalendar, picker);
    const independence = options.config.network?.independence ?? network_1.DEFAULT_INDEPENDENCE;
    const common = {
        policies,
        failOn: options.failOn,
        ...(options.failOnEmpty && { failOnEmpty: true }),
        tool: version_1.TOOL,
        generatedAt,
        inventorySource,
        suppressions,
        baseline,
        aliasOf: redactor.aliasOf,
        independence,
    };
    // A template that updates a deployed stack is read again knowing the stack's deployed resources.
    if (proposal && options.change?.stackName && options.change.templates.length > 0)
        proposal = (0, change_1.readProposedChanges)(options.change, deployed);
    let built;
    let snapshot = deployed;
    if (proposal && options.change) {
        const estate = (0, overlay_1.applyChanges)(deployed, proposal.changes, {
            ...(options.change.accountId && { accountId: options.change.accountId }),
            ...(options.change.region && { region: options.change.region }),
        });
        snapshot = estate.snapshot;
        // The pictures are of the proposed estate: the one the gate judges.
        const before = 'none' in options.source
            ? { results: [], verdicts: new Map() }
            : judgeEstate(deployed, policies, options, undefined, supportCalendar);
        const after = judgeEstate(estate.snapshot, policies, options, before.verdicts, supportCalendar, picker);
        const locateEdit = (0, change_1.editLocator)(anchoring, options.cwd, (0, change_1.networkNames)(deployed));
        const classified = (0, compare_1.classifyChanges)(after.results, before.results, estate, locateEdit);
        const gateAll = options.change.gate === 'all';
        built = (0, build_1.buildReport)({
            ...common,
            snapshot: estate.snapshot,
            results: classified.results,
            ...(!gateAll && { changeGate: { introducedErrors: classified.introducedErrors } }),
        });
        built.change = (0, change_1.changeReport)({
            input: options.change,
            proposal,
            estate,
            classified,
            deployed: 'none' in options.source ? null : { source: inventorySource ?? 'live', brokers: countBrokers(deployed) },
            verdicts: (0, compare_1.verdictChanges)(before.verdicts, after.verdicts),
            locateEdit,
        });
    }
    else {
        built = (0, build_1.buildReport)({ ...common, snapshot, results: judge(snapshot).results });
    }
    if (anchoring)
        built.iac = (0, anchoring_1.iacReport)(anchoring, built, options.cwd);
    const stale = (0, support_calendar_1.staleCalendarWarning)(supportCalendar ?? support_calendar_1.BUILT_IN_CALENDAR, new Date(generatedAt), options.supportCalendarFile ?? 'built in');
    if (stale)
        built.warnings = [
            ...(built.warnings ?? []),
            {
                code: 'stale-support-calendar',
                message: stale,
                ...(options.supportCalendarFile && { source: options.supportCalendarFile }),
            },
        ];
    const report = options.redact ? (0, redact_1.redactReport)(built, redactor) : built;
    const diagrams = picker && (await picker.diagrams(options.redact ? redactor : undefined));
    return { report, snapshot, ...(anchoring && { anchoring }), ...(diagrams && { diagrams }) };
}
/** Pictures of moved verdicts in the Markdown summary: a few, for the reviewer; the JSON report has every path. */
const MAX_DIAGRAMS = 10;
const PICTURED = new Set(['degraded', 'unknown', 'unreachable']);
const brokerKey = (accountId, region, name) => `${accountId}|${region}|${name}`;
/**
 * Every broker's results, fingerprinted, with the hops of failing network findings; and each broker's verdict.
 * `deployed`: judging the proposed estate, the deployed estate's verdicts, whose inferred networks carry over.
 */
function judgeEstate(snapshot, policies, options, deployed, supportCalendar, picker) {
    const carriedNetworks = deployed &&
        ((scope) => deployed.get(brokerKey(scope.accountId, scope.region, scope.broker.name))?.inferred ?? []);
    const evaluation = {
        ...(0, evaluation_1.evaluationOptions)(snapshot, options.config, {
            onPremCidrs: options.onPremCidrs,
            ...(carriedNetworks && { carriedNetworks }),
        }),
        ...(supportCalendar && { supportCalendar }),
    };
    const verdicts = new Map();
    let diagrams = 0;
    // Failing network findings take their hops from the document being evaluated: one path analysis per broker.
    const results = (0, evaluate_1.evaluateSnapshot)(snapshot, policies, {
        ...evaluation,
        // Fingerprinted here too, so the report does not hold a second copy of every result.
        withDocument: (own, document) => {
            const network = document.network;
            if (options.change) {
                const key = brokerKey(document.accountId, document.region, document.name);
                const inferred = network?.onPrem.networks.filter((n) => n.source === 'inferred').map((n) => n.cidr) ?? [];
                const verdict = network?.onPrem.verdict ?? null;
                // Judging the proposed estate: a verdict the change makes worse gets the picture of its paths.
                const moved = deployed !== undefined &&
                    network &&
                    PICTURED.has(verdict) &&
                    deployed.get(key)?.verdict !== verdict &&
                    diagrams++ < MAX_DIAGRAMS;
                verdicts.set(key, {
                    name: document.name,
                    verdict,
                    inferred,
                    ...(moved && { diagram: (0, paths_1.brokerPathsMermaid)((0, evaluator_1.resourceOf)(document), network) }),
                });
            }
            const reported = (0, build_1.reportedResults)(own, policies, () => network);
            picker?.offer((0, evaluator_1.resourceOf)(document), network, reported);
            return reported;
        },
    });
    return { results, verdicts };
}
function countBrokers(snapshot) {
    return snapshot.accounts.reduce((n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0), 0);
}
