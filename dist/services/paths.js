"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runPaths = runPaths;
exports.resolveBroker = resolveBroker;
exports.nearestNames = nearestNames;
exports.decidePaths = decidePaths;
exports.worstVerdict = worstVerdict;
/**
 * `paths`: get a snapshot (a file or live), find the broker, run the path model for it and decide the verdict
 * and exit code. No flags, no printing: the command renders the PathsReport.
 *
 * Exit codes (docs/exit-codes.md), consistent with `scan` (1 = something failed, 3 = we could not look, 1 wins):
 *   0  every on-premises network reaches the broker on at least two independent healthy paths;
 *   1  some network is unreachable or degraded (reachable over a single tunnel or connection);
 *   3  otherwise, some verdict is unknown (data missing), the network was not collected for the broker's
 *      region, or the broker was not found where a ListBrokers call failed.
 */
const config_1 = require("./config");
const errors_1 = require("../foundation/errors");
const index_1 = require("../network/index");
const evaluate_1 = require("../policy/evaluate");
const types_1 = require("../policy/types");
const paths_1 = require("../report/paths");
const version_1 = require("../foundation/version");
const inventory_1 = require("./inventory");
const nearest_1 = require("../foundation/nearest");
async function runPaths(options) {
    const snapshot = await (0, inventory_1.loadEstate)(options.source);
    const resolved = resolveBroker(snapshot, options.broker, 'file' in options.source ? options.source.file : 'the live inventory');
    if ('incomplete' in resolved)
        return { kind: 'unresolved', exitCode: types_1.EXIT.incomplete, message: resolved.incomplete };
    const model = (options.buildModel ?? index_1.buildNetworkModel)(snapshot, {
        onPremCidrs: options.onPremCidrs,
        ...(0, config_1.networkSettings)(options.config),
    });
    const answer = model.factsFor(resolved.scope);
    const facts = answer?.facts ?? null;
    const broker = resourceOfScope(resolved.scope);
    const decision = decidePaths(facts, broker, options.onPremCidrs);
    const report = {
        kind: paths_1.PATHS_REPORT_KIND,
        pathsVersion: paths_1.PATHS_REPORT_VERSION,
        tool: version_1.TOOL,
        generatedAt: (options.now?.() ?? new Date()).toISOString(),
        inventory: (0, inventory_1.inventoryHeader)(snapshot, options.source),
        broker,
        onPremCidrs: options.onPremCidrs,
        ...decision,
        network: facts,
        unknown: answer?.unknown ?? {},
        collectionErrors: errorsAround(snapshot.errors, broker),
    };
    return { kind: 'report', report, snapshot };
}
function resourceOfScope(scope) {
    const { broker } = scope;
    return {
        arn: broker.arn,
        id: broker.id,
        name: broker.name,
        accountId: scope.accountId,
        region: scope.region,
        engineType: broker.engineType,
        ...(broker.details?.tags ? { tags: broker.details.tags } : {}),
    };
}
/**
 * The broker's account and region, plus account-wide calls (Direct Connect gateways have no region); not a call
 * about another broker (its DescribeBroker), which says nothing of this one's paths.
 */
function errorsAround(errors, broker) {
    return errors.filter((e) => (e.accountId === undefined || e.accountId === broker.accountId) &&
        (e.region === undefined || e.region === broker.region) &&
        !(e.service === 'mq' && e.resource !== undefined && e.resource !== broker.id));
}
/**
 * By ARN, broker id, or name (exact, then case-insensitive). Several brokers with the name (in other accounts or
 * regions) → InputError listing them; none → InputError with the nearest names, unless a ListBrokers call
 * failed somewhere, in which case "not found" is not proven and the answer is `incomplete`.
 */
function resolveBroker(snapshot, query, where) {
    const wanted = query.trim();
    if (wanted === '')
        throw new errors_1.InputError('BROKER', 'the broker is empty; give its name, broker id (b-…) or ARN');
    const all = (0, evaluate_1.brokersOf)(snapshot);
    const lower = wanted.toLowerCase();
    let matches;
    if (wanted.startsWith('arn:'))
        matches = all.filter((s) => s.broker.arn === wanted);
    else if (all.some((s) => s.broker.id.toLowerCase() === lower))
        matches = all.filter((s) => s.broker.id.toLowerCase() === lower);
    else {
        matches = all.filter((s) => s.broker.name === wanted);
        if (matches.length === 0)
            matches = all.filter((s) => s.broker.name.toLowerCase() === lower);
    }
    if (matches.length === 1)
        return { scope: matches[0] };
    if (matches.length > 1) {
        const listed = matches.map((s) => `  ${s.broker.name}  ${s.accountId} / ${s.region}  ${s.broker.arn}`).join('\n');
        throw new errors_1.InputError('BROKER', `"${wanted}" names ${matches.length} brokers in ${where}; give the ARN or broker id of one:\n${listed}`);
    }
    const unlisted = snapshot.accounts.flatMap((a) => a.regions
        .filter((r) => r.mqOffered && r.brokers === null)
        .map((r) => {
        const error = snapshot.errors.find((e) => e.accountId === a.accountId && e.region === r.region && e.operation === 'ListBrokers');
        return `${a.accountId} / ${r.region}${error ? ` (${error.code})` : ''}`;
    }));
    if (unlisted.length > 0) {
        return {
            incomplete: `Broker "${wanted}" is not in ${where}, but the brokers of ${unlisted.join(', ')} could not be listed (ListBrokers failed): it may be there. Fix the access and collect again.`,
        };
    }
    const names = [...new Set(all.map((s) => s.broker.name))];
    if (names.length === 0)
        throw new errors_1.InputError('BROKER', `no broker "${wanted}": ${where} has no brokers at all`);
    const near = nearestNames(wanted, names);
    const hint = near.length > 0
        ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
        : `brokers: ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … (${names.length} in all)` : ''}`;
    throw new errors_1.InputError('BROKER', `no broker named "${wanted}" (nor with that id or ARN) in ${where}; ${hint}`);
}
/** Up to three names within a small edit distance (case-insensitive), closest first; or containing the query. */
function nearestNames(query, names) {
    return (0, nearest_1.nearest)(query, names);
}
/**
 * 1 when a network is unreachable or degraded (wins over 3, as in `scan`); 3 when a verdict is unknown or the
 * network was not collected; 0 when every network is reachable. Internet ingress is shown, not gated on here:
 * the `mq/no-internet-ingress` policy of `scan` is the gate for it.
 */
function decidePaths(facts, broker, asked = []) {
    if (!facts) {
        return {
            verdict: 'not-collected',
            exitCode: types_1.EXIT.incomplete,
            reason: `The inventory has no network data for account ${broker.accountId} in ${broker.region}, so the paths to broker ${broker.name} cannot be judged; collect it again with this version of mq-audit (\`mq-audit inventory\`) or run \`paths\` live.`,
        };
    }
    const { networks } = facts.onPrem;
    if (networks.length === 0) {
        const why = facts.onPrem.note ??
            (asked.length > 0
                ? 'the model returned no network'
                : 'none was given (--on-prem-cidr, or defaults["on-prem-cidr"] in the config file) and the broker subnets route nothing to a VPN or Direct Connect');
        const breaks = facts.onPrem.breakPoint
            ? ` It breaks at ${facts.onPrem.breakPoint.id} (${paths_1.BREAK_WORDS[facts.onPrem.breakPoint.kind]}): ${facts.onPrem.breakPoint.message}.`
            : '';
        return {
            verdict: facts.onPrem.verdict,
            exitCode: exitFor([facts.onPrem.verdict]),
            reason: `No on-premises network to check: ${trimStop(why)}.${breaks}`,
        };
    }
    const by = (verdict) => networks.filter((n) => n.verdict === verdict);
    const parts = [
        ...by('unreachable').map((n) => `${n.cidr} is unreachable${n.breakPoint ? ` (breaks at ${n.breakPoint.id}: ${paths_1.BREAK_WORDS[n.breakPoint.kind]})` : ''}`),
        ...by('degraded').map((n) => `${n.cidr} is degraded (${n.independentPathCount} independent healthy path${n.independentPathCount === 1 ? '' : 's'}, no redundancy${n.sharedFailure ? `: ${n.sharedFailure}` : ''})`),
        ...by('unknown').map((n) => `${n.cidr} is unknown (${unknownWhy(n)})`),
        ...by('pending').map((n) => `${n.cidr} is pending (reachable once the links the change creates come up: ${n.pendingPathCount ?? 0} path(s) over them)`),
    ];
    const verdict = worstVerdict(networks.map((n) => n.verdict));
    const exitCode = exitFor(networks.map((n) => n.verdict));
    const reached = by('reachable').map((n) => n.cidr);
    if (parts.length === 0) {
        return {
            verdict,
            exitCode,
            reason: `Every on-premises network (${reached.join(', ')}) reaches broker ${broker.name} on at least two independent healthy paths.`,
        };
    }
    const fine = reached.length > 0
        ? `; ${reached.join(', ')} ${reached.length === 1 ? 'is' : 'are'} reachable with redundancy`
        : '';
    return { verdict, exitCode, reason: `${capitalize(parts.join('; '))}${fine}.` };
}
const VERDICT_ORDER = ['unreachable', 'degraded', 'unknown', 'pending', 'reachable'];
function worstVerdict(verdicts) {
    return VERDICT_ORDER.find((v) => verdicts.includes(v)) ?? 'unknown';
}
function exitFor(verdicts) {
    if (verdicts.some((v) => v === 'unreachable' || v === 'degraded'))
        return types_1.EXIT.gateFailed;
    if (verdicts.length === 0 || verdicts.some((v) => v === 'unknown'))
        return types_1.EXIT.incomplete;
    return types_1.EXIT.ok;
}
function unknownWhy(network) {
    const missing = network.missing?.[0] ?? network.paths.flatMap((p) => p.hops).find((h) => h.status === 'unknown')?.missing?.[0];
    if (!missing)
        return 'data is missing';
    return missing.error
        ? `${missing.error.service} ${missing.error.operation}: ${missing.error.code}`
        : trimStop(missing.reason);
}
function trimStop(text) {
    return text.trim().replace(/[.]+$/, '');
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
