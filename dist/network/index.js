"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NETWORK_POINTER = exports.NETWORK_FACTS_VERSION = exports.DEFAULT_INDEPENDENCE = exports.cidrProblem = exports.requiredPortsRules = void 0;
exports.buildNetworkModel = buildNetworkModel;
exports.unknownPointers = unknownPointers;
/**
 * The network path model (pure: no AWS SDK, no oclif). Built once per snapshot; `factsFor` answers per broker
 * with the `network` member of its broker document and the reasons for every null in it. See docs/network.md.
 */
const errors_1 = require("../foundation/errors");
const analyze_1 = require("./analyze");
const cidr_1 = require("./cidr");
const facts_1 = require("./facts");
const lookup_1 = require("./lookup");
var ports_1 = require("./ports");
Object.defineProperty(exports, "requiredPortsRules", { enumerable: true, get: function () { return ports_1.requiredPortsRules; } });
var cidr_2 = require("./cidr");
Object.defineProperty(exports, "cidrProblem", { enumerable: true, get: function () { return cidr_2.cidrProblem; } });
var facts_2 = require("./facts");
Object.defineProperty(exports, "DEFAULT_INDEPENDENCE", { enumerable: true, get: function () { return facts_2.DEFAULT_INDEPENDENCE; } });
Object.defineProperty(exports, "NETWORK_FACTS_VERSION", { enumerable: true, get: function () { return facts_2.NETWORK_FACTS_VERSION; } });
/** Where the facts sit in the broker document. */
exports.NETWORK_POINTER = '/network';
function buildNetworkModel(snapshot, options) {
    const problems = options.onPremCidrs.map((text) => (0, cidr_1.cidrProblem)(text)).filter((p) => p !== undefined);
    if (problems.length > 0)
        throw new errors_1.InputError('--on-prem-cidr', problems.join('; '));
    const networks = (0, analyze_1.parseNetworks)(options.onPremCidrs);
    const index = (0, lookup_1.buildIndex)(snapshot.accounts, snapshot.errors);
    const independence = options.independence ?? facts_1.DEFAULT_INDEPENDENCE;
    return {
        onPremCidrs: networks.map(cidr_1.formatCidr),
        independence,
        factsFor({ broker, accountId, region }) {
            const scope = (0, lookup_1.scopeOf)(index, accountId, region);
            if (!scope?.network)
                return undefined;
            const carried = networks.length === 0
                ? (0, analyze_1.parseNetworks)(options.carriedNetworks?.({ broker, accountId, partition: scope.partition, region }) ?? [])
                : [];
            const facts = (0, analyze_1.analyzeBroker)(index, scope, broker, networks, carried, options.requiredPorts?.choose(broker), independence);
            return { facts, unknown: unknownPointers(facts) };
        },
    };
}
/** JSON pointer → reason, for every null the facts hold (so a policy that needs one reports `error`). */
function unknownPointers(facts) {
    const unknown = {};
    const at = (pointer, reason) => {
        unknown[`${exports.NETWORK_POINTER}${pointer}`] = reason;
    };
    // A broker without subnets (a public RabbitMQ broker) has no VPC: null then is an answer, not a gap.
    if (facts.vpcId === null && (facts.subnets.length > 0 || facts.missing.length > 0))
        at('/vpcId', summarize(facts.missing) ?? 'the broker subnets are not in the inventory');
    addOnPrem(facts.onPrem, facts.missing, at);
    facts.onPrem.networks.forEach((network, i) => addNetwork(network, `/onPrem/networks/${i}`, at));
    const ingress = facts.internetIngress;
    const ingressWhy = summarize(ingress.missing ?? []) ?? 'the security group rules are unknown';
    if (ingress.open === null)
        at('/internetIngress/open', ingressWhy);
    if (ingress.publiclyAccessible === null)
        at('/internetIngress/publiclyAccessible', ingressWhy);
    if (ingress.groupsOpen === null)
        at('/internetIngress/groupsOpen', ingressWhy);
    if (ingress.publicSubnet === null)
        at('/internetIngress/publicSubnet', summarize(ingress.missing ?? []) ?? "the broker subnets' route tables are unknown");
    return unknown;
}
function addOnPrem(onPrem, all, at) {
    const why = onPrem.note && onPrem.networks.length === 0
        ? onPrem.note
        : (summarize([...(onPrem.missing ?? []), ...onPrem.networks.flatMap((n) => n.missing ?? [])]) ??
            summarize(all) ??
            'data the path model needs is missing');
    if (onPrem.verdict === 'unknown')
        at('/onPrem/verdict', why);
    if (onPrem.reachable === null)
        at('/onPrem/reachable', why);
    if (onPrem.redundant === null)
        at('/onPrem/redundant', `whether there are two independent healthy paths is unknown: ${why}`);
}
function addNetwork(network, pointer, at) {
    const why = summarize(network.missing ?? []) ?? 'data the path model needs is missing';
    if (network.verdict === 'unknown')
        at(`${pointer}/verdict`, `${network.cidr}: ${why}`);
    if (network.reachable === null)
        at(`${pointer}/reachable`, `${network.cidr}: ${why}`);
    if (network.redundant === null)
        at(`${pointer}/redundant`, `${network.cidr}: whether there are two independent healthy paths is unknown: ${why}`);
}
/** The distinct reasons, at most three, for a one-line message. */
function summarize(missing) {
    const reasons = [...new Set(missing.map((m) => m.reason))];
    if (reasons.length === 0)
        return undefined;
    const shown = reasons.slice(0, 3).join('; ');
    return reasons.length > 3 ? `${shown} (and ${reasons.length - 3} more)` : shown;
}
