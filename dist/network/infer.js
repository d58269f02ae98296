"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.inferFromSubnet = inferFromSubnet;
exports.mergeInferences = mergeInferences;
const cidr_1 = require("./cidr");
const hops_1 = require("./hops");
const links_1 = require("./links");
const lookup_1 = require("./lookup");
const routes_1 = require("./routes");
const ON_PREMISES_ATTACHMENTS = new Set(['direct-connect-gateway', 'vpn']);
/** The networks one subnet routes towards VPN or Direct Connect (computed once per subnet). */
function inferFromSubnet(index, scope, subnet) {
    return (0, lookup_1.memoize)(index, `infer|${scope.key}|${subnet.id}`, () => inferOnce(index, scope, subnet), scope);
}
function inferOnce(index, scope, subnet) {
    const result = { networks: [], defaultRoutes: [], missing: [] };
    if (!subnet.table) {
        result.missing.push(...subnet.missing);
        return result;
    }
    const { table } = subnet.table;
    const expansion = (0, routes_1.expandVpcRoutes)(index, scope, table);
    result.missing.push(...expansion.unresolved.flatMap((u) => u.missing));
    for (const family of [4, 6]) {
        for (const choice of (0, routes_1.chooseRoutes)(expansion.candidates, (0, routes_1.wholePart)((0, cidr_1.everything)(family)))) {
            const candidate = choice.candidate;
            if (!candidate)
                continue;
            const route = candidate.route;
            const tableRef = { resourceType: 'AWS::EC2::RouteTable', id: table.id, detail: routeDetail(candidate) };
            for (const part of choice.parts) {
                // A blackhole route to a virtual private gateway still says where on-premises is meant to be.
                if (route.targetType === 'vpn-gateway')
                    addNetwork(result, part, [tableRef]);
                else if (route.targetType === 'transit-gateway' && route.state !== 'blackhole') {
                    for (const found of throughTransitGateway(index, scope, subnet, route.targetId, part, result.missing))
                        addNetwork(result, found.part, [tableRef, found.from]);
                }
            }
        }
    }
    return result;
    function addNetwork(into, part, from) {
        if (part.cidr.prefixLength === 0)
            into.defaultRoutes.push(...from.slice(0, 1));
        else
            into.networks.push({ part, from });
    }
}
function routeDetail(candidate) {
    const route = candidate.route;
    const from = candidate.prefixListId ? ` (prefix list ${candidate.prefixListId})` : '';
    const origin = route.origin === 'EnableVgwRoutePropagation' ? ', propagated' : '';
    return `route ${candidate.destination}${from} → ${route.targetId}${route.state === 'blackhole' ? ' (blackhole)' : ''}${origin}`;
}
/** The blocks of `part` that the table of the VPC's attachment sends to a VPN or Direct Connect gateway. */
function throughTransitGateway(index, scope, subnet, tgwId, part, missing) {
    const scopes = (0, lookup_1.scopesFrom)(index, scope);
    const vpcId = subnet.vpcId ?? subnet.table?.table.vpcId ?? '';
    const attachments = (0, lookup_1.searchBy)(index, scopes, links_1.TGW_ATTACHMENTS_BY_RESOURCE, `${tgwId}|${vpcId}`, (a) => a.resourceType === 'vpc' && a.state !== 'deleted');
    const attachment = (0, links_1.preferredAttachment)(attachments.found)?.item;
    if (!attachment) {
        missing.push(...attachments.missing);
        return [];
    }
    const tableId = attachment.association?.routeTableId;
    if (!tableId)
        return [];
    const table = (0, lookup_1.findById)(index, scopes, 'transitGatewayRouteTables', tableId);
    if (!table.located) {
        missing.push(...(table.missing.length > 0 ? table.missing : [(0, lookup_1.notInInventory)('transitGatewayRouteTables', scope, tableId)]));
        return [];
    }
    const routes = table.located.item.routes;
    if (!routes) {
        missing.push({
            collection: 'transitGatewayRouteTables',
            accountId: table.located.scope.accountId,
            region: scope.region,
            resourceId: tableId,
            reason: `the routes of ${tableId} could not be read`,
        });
        return [];
    }
    const expansion = (0, routes_1.expandTgwRoutes)(index, table.located.scope, tableId, routes);
    const found = [];
    for (const choice of (0, routes_1.chooseRoutes)(expansion.candidates, part)) {
        const candidate = choice.candidate;
        if (!candidate) {
            for (const p of choice.parts) {
                const uncertain = (0, routes_1.unresolvedFor)(expansion, p);
                if (uncertain.length > 0)
                    missing.push(...uncertain.map((m) => ({ ...m, reason: `${(0, hops_1.reasons)([m])} (routes of ${tableId} for ${(0, routes_1.describePart)(p)})` })));
            }
            continue;
        }
        const targets = candidate.route.attachments.filter((a) => ON_PREMISES_ATTACHMENTS.has(a.resourceType ?? attachmentType(index, scopes, a.attachmentId)));
        if (targets.length === 0 || candidate.route.state === 'blackhole')
            continue;
        const detail = `route ${candidate.destination}${candidate.prefixListId ? ` (prefix list ${candidate.prefixListId})` : ''} → ${targets.map((t) => `${t.attachmentId} (${t.resourceType ?? 'attachment'}${t.resourceId ? ` ${t.resourceId}` : ''})`).join(', ')}${candidate.route.type ? `, ${candidate.route.type}` : ''}`;
        for (const p of choice.parts)
            found.push({ part: p, from: { resourceType: 'AWS::EC2::TransitGatewayRouteTable', id: tableId, detail } });
    }
    return found;
}
function attachmentType(index, scopes, attachmentId) {
    return (0, lookup_1.findById)(index, scopes, 'transitGatewayAttachments', attachmentId).located?.item.resourceType ?? '';
}
/** The networks of several subnets, merged by block (a block found through two subnets is one network). */
function mergeInferences(inferences) {
    const networks = new Map();
    const defaults = new Map();
    for (const inference of inferences) {
        for (const network of inference.networks) {
            const key = (0, routes_1.describePart)(network.part);
            const existing = networks.get(key);
            if (!existing)
                networks.set(key, { part: network.part, from: [...network.from] });
            else
                for (const from of network.from)
                    if (!existing.from.some((f) => f.id === from.id && f.detail === from.detail))
                        existing.from.push(from);
        }
        for (const d of inference.defaultRoutes)
            defaults.set(`${d.id}|${d.detail}`, d);
    }
    return {
        networks: [...networks.values()],
        defaultRoutes: [...defaults.values()],
        missing: inferences.flatMap((i) => i.missing),
    };
}
