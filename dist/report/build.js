"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reportedPolicy = reportedPolicy;
exports.buildReport = buildReport;
exports.withFingerprint = withFingerprint;
exports.judgeFindings = judgeFindings;
exports.reportedResults = reportedResults;
const baseline_1 = require("../policy/baseline");
const gate_1 = require("../policy/gate");
const suppressions_1 = require("../policy/suppressions");
const types_1 = require("../policy/types");
const fingerprint_1 = require("./fingerprint");
const paths_1 = require("./paths");
const types_2 = require("./types");
function reportedPolicy(policy) {
    const { appliesTo: _a, assert: _b, messages: _c, requires: _d, checks: _e, ...metadata } = policy;
    return metadata;
}
function buildReport(input) {
    const { snapshot, results } = input;
    const byStatus = Object.fromEntries(types_1.STATUSES.map((s) => [s, results.filter((r) => r.status === s).length]));
    const failingBySeverity = Object.fromEntries(types_1.SEVERITIES.map((s) => [s, results.filter((r) => r.status === 'fail' && r.severity === s).length]));
    const brokers = snapshot.accounts.reduce((n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0), 0);
    const scopes = snapshot.accounts.flatMap((a) => a.regions.filter((r) => r.mqOffered).map((r) => ({ accountId: a.accountId, region: r.region })));
    const judged = judgeFindings(results, input, scopes);
    const empty = brokers === 0 ? emptyEstateWarning(snapshot, input.inventorySource) : undefined;
    if (empty)
        judged.sections.warnings = [empty, ...(judged.sections.warnings ?? [])];
    const gate = (0, gate_1.decideGate)(judged.results, snapshot.errors.length, input.failOn, {
        baseline: input.baseline !== undefined,
        ...(empty && { empty: { failOnEmpty: input.failOnEmpty === true } }),
        ...(input.changeGate && { changesOnly: true, introducedErrors: input.changeGate.introducedErrors }),
    });
    const suppressed = judged.results.filter((ev) => ev.suppression).length;
    return {
        kind: types_2.REPORT_KIND,
        reportVersion: types_2.REPORT_VERSION,
        tool: input.tool,
        generatedAt: input.generatedAt,
        inventory: {
            collectedAt: snapshot.collectedAt,
            method: snapshot.collection.method,
            scopes,
            ...(input.inventorySource ? { source: input.inventorySource } : {}),
            ...(snapshot.collection.accountSelection?.shard ? { shard: snapshot.collection.accountSelection.shard } : {}),
        },
        policies: input.policies.map((p) => reportedPolicy(p)),
        results: judged.results,
        collectionErrors: snapshot.errors,
        summary: {
            brokers,
            evaluations: results.length,
            byStatus,
            failingBySeverity,
            collectionErrors: snapshot.errors.length,
            ...(input.suppressions ? { suppressed } : {}),
        },
        gate: { failOn: input.failOn, ...gate },
        ...(input.independence && { network: { independence: input.independence } }),
        ...judged.sections,
    };
}
/**
 * No broker in any region scanned, each region having answered (a region whose ListBrokers failed leaves the scan
 * incomplete instead: we could not look). Usually the scan looked in the wrong place: another region, another
 * account, or credentials that see nothing.
 */
function emptyEstateWarning(snapshot, inventorySource) {
    const regions = snapshot.accounts.flatMap((account) => account.regions);
    if (regions.some((region) => region.mqOffered && region.brokers === null))
        return undefined;
    const offered = [...new Set(regions.filter((region) => region.mqOffered).map((region) => region.region))].sort();
    const accounts = snapshot.accounts.length;
    const where = offered.length === 0
        ? `no region scanned offers Amazon MQ${regions.length > 0 ? ` (${[...new Set(regions.map((region) => region.region))].sort().join(', ')})` : ''}`
        : `Amazon MQ lists no broker in ${offered.length === 1 ? 'the region' : `any of the ${offered.length} regions`} scanned (${offered.join(', ')})${accounts > 1 ? ` of ${accounts} accounts` : ''}`;
    const source = inventorySource === undefined ? '' : ` in ${inventorySource}`;
    return {
        code: types_2.NO_BROKERS_WARNING,
        message: `No broker found${source}: ${where}. Check the regions (--region, --all-regions), the account (--profile, --role-arn) and that the ` +
            'credentials may call mq:ListBrokers; --fail-on-empty (or defaults["fail-on-empty"]) makes this fail the gate.',
    };
}
/** The result with its fingerprint (the same object when it has one: scan adds them while evaluating). */
function withFingerprint(ev) {
    return ev.fingerprint === undefined ? { ...ev, fingerprint: (0, fingerprint_1.findingFingerprint)(ev.policyId, ev.resource.arn) } : ev;
}
/**
 * Every result gets its fingerprint; failing ones what the suppressions and the baseline make of them. Suppressions
 * go first: a suppressed finding is still marked new or unchanged, so the baseline counts stay true.
 */
function judgeFindings(results, input, scopes) {
    let current = results.map(withFingerprint);
    const sections = {};
    const warnings = [];
    if (input.suppressions) {
        const outcome = (0, suppressions_1.applySuppressions)(current, input.suppressions, {
            today: (0, suppressions_1.utcDay)(new Date(input.generatedAt)),
            scopes,
            aliasOf: input.aliasOf,
        });
        current = outcome.results;
        sections.suppressions = { file: input.suppressions.file, entries: outcome.statuses };
        warnings.push(...outcome.warnings);
    }
    if (input.baseline) {
        const accounts = [...new Set(scopes.map((scope) => scope.accountId))];
        const outcome = (0, baseline_1.compareWithBaseline)(current, input.baseline, { accounts, aliasOf: input.aliasOf });
        current = outcome.results;
        sections.baseline = {
            file: input.baseline.file,
            generatedAt: input.baseline.generatedAt,
            counts: outcome.counts,
            absent: outcome.absent,
        };
        warnings.push(...outcome.warnings);
    }
    if (warnings.length > 0)
        sections.warnings = warnings;
    return { results: current, sections };
}
/**
 * The results as the report keeps them, with their fingerprints. Failing results of policies that read the broker
 * document's `network` (their explanations point there, or they require a /network pointer) get the hops they are
 * about; `networkFacts` is the path model's answer for the broker (its document's `network`), undefined or null
 * when the network was not modelled. Each result is built as one object of a fixed shape, not as copies of
 * copies: ten thousand brokers' results are kept to the end.
 */
function reportedResults(results, policies, networkFacts) {
    return results.map((ev) => {
        const network = networkOf(ev, policies, networkFacts);
        const fingerprint = (0, fingerprint_1.findingFingerprint)(ev.policyId, ev.resource.arn);
        const { policyId, status, severity, resource, message, reason, explanations } = ev;
        if (explanations) {
            return network
                ? { policyId, status, severity, resource, message, reason, explanations, network, fingerprint }
                : { policyId, status, severity, resource, message, reason, explanations, fingerprint };
        }
        return network
            ? { policyId, status, severity, resource, message, reason, network, fingerprint }
            : { policyId, status, severity, resource, message, reason, fingerprint };
    });
}
/** Policies that require a /network pointer, per policy list (scan asks once per broker). */
const REQUIRES_NETWORK = new WeakMap();
function networkOf(ev, policies, networkFacts) {
    if (ev.status !== 'fail')
        return undefined;
    let requiresNetwork = REQUIRES_NETWORK.get(policies);
    if (!requiresNetwork) {
        requiresNetwork = new Set(policies
            .filter((p) => (p.requires ?? []).some((pointer) => pointer === '/network' || pointer.startsWith('/network/')))
            .map((p) => p.id));
        REQUIRES_NETWORK.set(policies, requiresNetwork);
    }
    const explanations = ev.explanations ?? [];
    if (!requiresNetwork.has(ev.policyId) && !explanations.some(paths_1.aboutNetwork))
        return undefined;
    const facts = networkFacts(ev.resource);
    return facts ? (0, paths_1.findingNetwork)(facts, ev.resource, explanations) : undefined;
}
