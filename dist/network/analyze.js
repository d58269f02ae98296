"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.analyzeBroker = analyzeBroker;
exports.breakPointOf = breakPointOf;
exports.worstVerdict = worstVerdict;
exports.parseNetworks = parseNetworks;
const arn_1 = require("./arn");
const cidr_1 = require("./cidr");
const facts_1 = require("./facts");
const hops_1 = require("./hops");
const ingress_1 = require("./ingress");
const hints_1 = require("./hints");
const infer_1 = require("./infer");
const internet_1 = require("./internet");
const links_1 = require("./links");
const lookup_1 = require("./lookup");
const ports_1 = require("./ports");
const routes_1 = require("./routes");
function analyzeBroker(index, scope, broker, explicit, carried = [], chosen, independence = 'location') {
    const ports = (0, ports_1.brokerPorts)(broker.engineType);
    const required = chosen
        ? { source: 'config', match: 'all', ports: chosen.ports.map((p) => ({ ...p })), rule: chosen.rule }
        : { source: 'engine', match: 'any', ports: (0, ports_1.brokerPorts)(broker.engineType) };
    const details = broker.details;
    const brokerBase = {
        kind: 'broker',
        resourceType: 'AWS::AmazonMQ::Broker',
        id: broker.id,
        arn: broker.arn,
        accountId: scope.accountId,
        region: scope.region,
    };
    const portList = ports.map((p) => `${p.port} ${p.protocol}`).join(', ');
    if (!details)
        return unknownBroker(index, scope, broker, ports, required, explicit, independence);
    const subnets = details.subnetIds.map((id) => subnetInfo(index, scope, id));
    const context = {
        index,
        scope,
        broker,
        engine: broker.engineType,
        ports,
        required,
        securityGroupIds: [...details.securityGroups],
        subnets,
        brokerHop: (0, hops_1.ok)(brokerBase, `${broker.name} (${broker.engineType === 'ACTIVEMQ' ? 'ActiveMQ' : 'RabbitMQ'}) listens on ${portList}`, { ports: ports.map((p) => p.port) }),
        carried,
        independence,
    };
    const noSubnet = subnets.length === 0 || (broker.engineType === 'RABBITMQ' && details.publiclyAccessible);
    if (noSubnet)
        return brokerFacts(context, noSubnetOnPrem(context, explicit, details.publiclyAccessible), details.publiclyAccessible);
    // Brokers in the same subnets behind the same groups share every path but the broker hop: analyze the first,
    // and give the others its paths with their own broker hop (a few hundred analyses for ten thousand brokers).
    const key = `broker|${scope.key}|${broker.engineType}|${details.publiclyAccessible}|${details.subnetIds.join(',')}|${details.securityGroups.join(',')}|${carried.map(cidr_1.formatCidr).join(',')}|${required.match}:${required.ports.map((p) => p.port).join(',')}|${independence}`;
    const shared = (0, lookup_1.memoize)(index, key, () => ({
        brokerHop: context.brokerHop,
        facts: brokerFacts(context, analyzeOnPrem(context, explicit), details.publiclyAccessible),
    }), scope);
    return shared.brokerHop === context.brokerHop
        ? shared.facts
        : withBrokerHop(shared.facts, shared.brokerHop, context.brokerHop);
}
/** The same facts with one broker hop in every path swapped for another; everything else is shared, read-only. */
function withBrokerHop(facts, from, to) {
    const swap = (path) => ({ ...path, hops: path.hops.map((hop) => (hop === from ? to : hop)) });
    return {
        ...facts,
        onPrem: {
            ...facts.onPrem,
            networks: facts.onPrem.networks.map((network) => ({ ...network, paths: network.paths.map(swap) })),
        },
    };
}
function brokerFacts(context, onPrem, publiclyAccessible) {
    const { index, scope, broker, ports, subnets } = context;
    const securityGroups = context.securityGroupIds;
    const internet = (0, internet_1.internetIngress)({
        index,
        scope,
        publiclyAccessible,
        securityGroupIds: securityGroups,
        ports,
        subnets,
    });
    const missing = (0, lookup_1.uniqueMissing)([
        ...subnets.flatMap((s) => s.missing),
        ...(onPrem.missing ?? []),
        ...onPrem.networks.flatMap((n) => n.missing ?? []),
        ...(internet.missing ?? []),
    ]);
    return {
        factsVersion: facts_1.NETWORK_FACTS_VERSION,
        engineType: broker.engineType,
        vpcId: subnets.find((s) => s.vpcId)?.vpcId ?? null,
        subnets: subnets.map(subnetFacts),
        securityGroupIds: [...securityGroups],
        ports,
        requiredPorts: context.required,
        ephemeralPorts: { ...ports_1.DEFAULT_EPHEMERAL_PORTS },
        onPrem,
        internetIngress: internet,
        missing,
    };
}
/** DescribeBroker failed: no subnets, no groups, nothing to judge. */
function unknownBroker(index, scope, broker, ports, required, explicit, independence) {
    const error = index.errorsByScope
        .get(scope.key)
        ?.find((e) => e.service === 'mq' && e.operation === 'DescribeBroker' && e.resource === broker.id);
    const missing = {
        collection: 'brokers',
        accountId: scope.accountId,
        region: scope.region,
        resourceId: broker.id,
        reason: error
            ? `mq:DescribeBroker failed (${error.code}): the broker's subnets and security groups are unknown`
            : `the settings of ${broker.id} are missing from the inventory`,
        ...(error
            ? {
                error: {
                    service: error.service,
                    operation: error.operation,
                    code: error.code,
                    kind: error.kind,
                    message: error.message,
                },
            }
            : {}),
    };
    const networks = explicit.map((cidr) => ({
        cidr: (0, cidr_1.formatCidr)(cidr),
        source: 'explicit',
        verdict: 'unknown',
        reachable: null,
        redundant: null,
        healthyPathCount: 0,
        independentPathCount: 0,
        openPorts: [],
        missing: [missing],
        paths: [],
    }));
    return {
        factsVersion: facts_1.NETWORK_FACTS_VERSION,
        engineType: broker.engineType,
        vpcId: null,
        subnets: [],
        securityGroupIds: [],
        ports,
        requiredPorts: required,
        ephemeralPorts: { ...ports_1.DEFAULT_EPHEMERAL_PORTS },
        onPrem: {
            ...aggregate(networks, explicit.length > 0 ? 'explicit' : 'inferred', true, independence),
            note: `the broker's network settings are unknown: ${missing.reason}`,
            missing: [missing],
        },
        internetIngress: {
            open: null,
            publiclyAccessible: null,
            groupsOpen: null,
            openPorts: [],
            rules: [],
            publicSubnet: null,
            missing: [missing],
        },
        missing: [missing],
    };
}
// ---------------------------------------------------------------------------------------------------------------
// Subnets
const SUBNETS_BY_ID = (0, lookup_1.byId)('subnets');
const VPCS_BY_ID = (0, lookup_1.byId)('vpcs');
function subnetInfo(index, scope, subnetId) {
    return (0, lookup_1.memoize)(index, `subnet|${scope.key}|${subnetId}`, () => {
        const info = { id: subnetId, missing: [] };
        const found = (0, lookup_1.lookupIn)(index, scope, SUBNETS_BY_ID, subnetId);
        if ('missing' in found)
            info.missing.push({ ...found.missing, resourceId: subnetId });
        else if (found.items[0])
            info.subnet = found.items[0];
        else
            info.missing.push((0, lookup_1.notInInventory)('subnets', scope, subnetId));
        info.vpcId = info.subnet?.vpcId;
        info.cidr = info.subnet?.cidr ? (0, cidr_1.parseCidr)(info.subnet.cidr) : undefined;
        const table = (0, routes_1.effectiveRouteTable)(index, scope, subnetId, info.vpcId);
        if (table.missing)
            info.missing.push({ ...table.missing, resourceId: subnetId });
        else if (!table.found) {
            info.missing.push({
                ...(0, lookup_1.notInInventory)('routeTables', scope, subnetId),
                reason: info.vpcId
                    ? `no route table of ${info.vpcId} in the inventory is associated with ${subnetId}, and the VPC's main table is missing`
                    : `the route table of ${subnetId} is not in the inventory`,
            });
        }
        info.table = table.found;
        info.vpcId ??= table.found?.table.vpcId;
        info.vpcCidrs = vpcCidrs(index, scope, info);
        info.naclId = (0, ingress_1.networkAclOf)(index, scope, subnetId)?.id;
        return info;
    }, scope);
}
function vpcCidrs(index, scope, info) {
    if (info.vpcId) {
        const vpc = (0, lookup_1.lookupIn)(index, scope, VPCS_BY_ID, info.vpcId);
        if ('items' in vpc && vpc.items[0])
            return [...vpc.items[0].cidrs, ...(vpc.items[0].ipv6Cidrs ?? [])].flatMap((c) => (0, cidr_1.parseCidr)(c) ?? []);
    }
    // Every table has a local route per VPC CIDR.
    const local = info.table?.table.routes
        .filter((r) => r.targetType === 'local')
        .flatMap((r) => (0, cidr_1.parseCidr)(r.destinationCidr ?? r.destinationIpv6Cidr ?? '') ?? []);
    return local && local.length > 0 ? local : undefined;
}
function subnetFacts(info) {
    return {
        id: info.id,
        ...(info.vpcId ? { vpcId: info.vpcId } : {}),
        ...(info.cidr ? { cidr: (0, cidr_1.formatCidr)(info.cidr) } : {}),
        ...(info.subnet?.availabilityZone ? { availabilityZone: info.subnet.availabilityZone } : {}),
        ...(info.table ? { routeTableId: info.table.table.id, routeTableAssociation: info.table.association } : {}),
        ...(info.naclId ? { networkAclId: info.naclId } : {}),
    };
}
function subnetHop(scope, info) {
    const base = (0, hops_1.ec2Base)(scope, 'subnet', 'AWS::EC2::Subnet', 'subnet', info.id, info.subnet?.ownerId);
    if (!info.subnet)
        return (0, hops_1.unknown)(base, `${info.id} is unknown: ${(0, hops_1.reasons)(info.missing)}`, info.missing);
    const where = [info.subnet.cidr, info.subnet.availabilityZone].filter(Boolean).join(', ');
    const table = info.table
        ? `, route table ${info.table.table.id} (${info.table.association === 'main' ? 'the main table: no explicit association' : 'explicitly associated'})`
        : '';
    return (0, hops_1.ok)(base, `${info.id}${info.subnet.name ? ` (${info.subnet.name})` : ''} in ${info.subnet.vpcId}${where ? `: ${where}` : ''}${table}`);
}
// ---------------------------------------------------------------------------------------------------------------
// On-premises networks
function analyzeOnPrem(context, explicit) {
    if (explicit.length > 0) {
        const networks = explicit.map((cidr) => analyzeNetwork(context, { cidr, source: 'explicit' }, explicitStart(context, cidr)));
        return aggregate(networks, 'explicit', false, context.independence);
    }
    const inference = (0, infer_1.mergeInferences)(context.subnets.map((s) => (0, infer_1.inferFromSubnet)(context.index, context.scope, s)));
    const networks = inference.networks.map((n) => analyzeNetwork(context, { cidr: n.part.cidr, source: 'inferred', inferredFrom: n.from }, n.part));
    // A change that removes the route a network was inferred from must not make the network vanish with it: the
    // network is still there, now unreachable (or routed somewhere the model cannot follow).
    for (const cidr of context.carried) {
        if (inference.networks.some((n) => (0, cidr_1.sameCidr)(n.part.cidr, cidr)))
            continue;
        const from = [
            {
                resourceType: 'OnPremises::Network',
                id: (0, cidr_1.formatCidr)(cidr),
                detail: 'inferred on the deployed estate, before the change',
            },
        ];
        networks.push(analyzeNetwork(context, { cidr, source: 'inferred', inferredFrom: from }, explicitStart(context, cidr)));
    }
    const incomplete = inference.missing.length > 0;
    const facts = aggregate(networks, 'inferred', incomplete, context.independence);
    const missing = (0, lookup_1.uniqueMissing)(inference.missing);
    if (networks.length > 0) {
        const found = networks
            .map((n) => (n.excluding ? `${n.cidr} (except ${n.excluding.join(', ')})` : n.cidr))
            .join(', ');
        facts.note = `inferred from the broker subnets' routes towards VPN and Direct Connect: ${found}${incomplete ? `; some routes could not be followed (${(0, hops_1.reasons)(missing)}), so there may be more` : ''}`;
    }
    else {
        Object.assign(facts, noNetworkFound(context, inference));
    }
    if (missing.length > 0)
        facts.missing = missing;
    return facts;
}
/** A given network minus the VPC's own CIDRs inside it (a corporate supernet that contains the VPC). */
function explicitStart(context, cidr) {
    const vpc = context.subnets.find((s) => s.vpcCidrs)?.vpcCidrs ?? [];
    const inside = vpc.filter((v) => (0, cidr_1.cidrContains)(cidr, v) && !(0, cidr_1.sameCidr)(cidr, v));
    return { cidr, excluding: inside };
}
/** No network inferred: why, and what that means. */
function noNetworkFound(context, inference) {
    if (inference.missing.length > 0) {
        return {
            verdict: 'unknown',
            reachable: null,
            redundant: null,
            note: `on-premises networks could not be inferred: ${(0, hops_1.reasons)(inference.missing)}`,
        };
    }
    if (inference.defaultRoutes.length > 0) {
        const routes = inference.defaultRoutes.map((d) => `${d.id} ${d.detail}`).join('; ');
        return {
            verdict: 'unknown',
            reachable: null,
            redundant: null,
            note: `the broker subnets send only a default route towards VPN or Direct Connect (${routes}); a default route is not taken as an on-premises network: give the networks with --on-prem-cidr`,
        };
    }
    const first = context.subnets.find((s) => s.table);
    const tableId = first?.table?.table.id ?? context.subnets[0]?.id ?? context.broker.id;
    const message = `no route of the broker subnets' route tables (${[...new Set(context.subnets.flatMap((s) => s.table?.table.id ?? []))].join(', ')}) leads to a VPN or Direct Connect, directly or through a transit gateway`;
    const breakPoint = {
        kind: 'no-route',
        hop: 'route-table',
        resourceType: 'AWS::EC2::RouteTable',
        id: tableId,
        ...(first?.table
            ? {
                arn: (0, arn_1.ec2Arn)(context.scope.partition, context.scope.region, first.table.table.ownerId ?? context.scope.accountId, 'route-table', tableId),
            }
            : {}),
        direction: 'return',
        message,
    };
    return {
        verdict: 'unreachable',
        reachable: false,
        redundant: false,
        note: `${message}; give the on-premises networks with --on-prem-cidr to see where each one breaks`,
        breakPoint,
    };
}
/** A public RabbitMQ broker, or one without subnets: no private path exists at all. */
function noSubnetOnPrem(context, explicit, publiclyAccessible) {
    const message = publiclyAccessible && context.engine === 'RABBITMQ'
        ? `${context.broker.name} is a publicly accessible RabbitMQ broker: it has no network interface in a VPC, so there is no private path to it`
        : `${context.broker.name} has no subnet: there is no private path to it`;
    const hop = (0, hops_1.broken)({ ...context.brokerHop }, 'no-subnet', message);
    const breakPoint = breakPointOf(hop);
    const networks = explicit.map((cidr) => ({
        cidr: (0, cidr_1.formatCidr)(cidr),
        source: 'explicit',
        verdict: 'unreachable',
        reachable: false,
        redundant: false,
        healthyPathCount: 0,
        independentPathCount: 0,
        openPorts: [],
        breakPoint,
        paths: [
            {
                subnetId: '',
                destination: (0, cidr_1.formatCidr)(cidr),
                via: 'none',
                status: 'broken',
                breakPoint,
                openPorts: [],
                hops: [onPremHop({ cidr, source: 'explicit' }, { cidr, excluding: [] }), hop],
            },
        ],
    }));
    return {
        ...aggregate(networks, explicit.length > 0 ? 'explicit' : 'inferred', false, context.independence),
        verdict: 'unreachable',
        reachable: false,
        redundant: false,
        redundancyNote: 'no healthy path',
        breakPoint,
        note: message,
    };
}
function analyzeNetwork(context, network, start) {
    const pieces = [];
    for (const subnet of context.subnets) {
        const byPart = new Map();
        for (const trail of routeSide(context.index, context.scope, subnet, start)) {
            const key = (0, routes_1.describePart)(trail.part);
            const list = byPart.get(key);
            if (list)
                list.push(trail);
            else
                byPart.set(key, [trail]);
        }
        const sHop = subnetHop(context.scope, subnet);
        for (const trails of byPart.values()) {
            const part = trails[0].part;
            const ingress = ingressFor(context, subnet, part);
            const entry = onPremHop(network, part);
            pieces.push(judgePiece(trails.map((trail) => assemblePath(entry, subnet, trail, sHop, ingress, context.brokerHop)), context.independence));
        }
    }
    return judgeNetwork(network, start, pieces);
}
function onPremHop(network, part) {
    const block = (0, routes_1.describePart)(part);
    const why = network.source === 'explicit'
        ? 'given as an on-premises network'
        : `inferred as on-premises from ${(network.inferredFrom ?? []).map((f) => `${f.id} ${f.detail}`).join('; ')}`;
    return {
        kind: 'on-premises-network',
        resourceType: 'OnPremises::Network',
        id: (0, cidr_1.formatCidr)(network.cidr),
        status: 'ok',
        reason: block === (0, cidr_1.formatCidr)(network.cidr)
            ? `${block}, ${why}`
            : `${block} (part of ${(0, cidr_1.formatCidr)(network.cidr)}, ${why})`,
    };
}
function ingressFor(context, subnet, part) {
    // The way in depends on the subnet only through its ACL: subnets sharing one share the answer.
    const where = subnet.naclId ? `acl:${subnet.naclId}` : `subnet:${subnet.id}`;
    const key = `ingress|${context.scope.key}|${where}|${context.securityGroupIds.join(',')}|${context.engine}|${context.required.match}:${context.required.ports.map((p) => p.port).join(',')}|${(0, routes_1.describePart)(part)}`;
    return (0, lookup_1.memoize)(context.index, key, () => (0, ingress_1.evaluateIngress)({
        index: context.index,
        scope: context.scope,
        subnetId: subnet.id,
        securityGroupIds: context.securityGroupIds,
        part,
        // The ports a path must pass: the config's required ports, else the engine's.
        ports: context.required.ports,
        ephemeralPorts: ports_1.DEFAULT_EPHEMERAL_PORTS,
        ...(context.required.match === 'all' && { requireAll: true }),
    }), context.scope);
}
function assemblePath(entry, subnet, trail, sHop, ingress, brokerHop) {
    const hops = [entry, ...trail.hops, sHop, ingress.naclInbound, ingress.securityGroup, brokerHop, ingress.naclReturn];
    const firstBroken = hops.find((h) => h.status === 'broken');
    const status = firstBroken
        ? 'broken'
        : hops.some((h) => h.status === 'unknown')
            ? 'unknown'
            : hops.some((h) => h.status === 'pending')
                ? 'pending'
                : 'healthy';
    return {
        subnetId: subnet.id,
        destination: (0, cidr_1.formatCidr)(trail.part.cidr),
        ...(trail.part.excluding.length > 0 ? { excluding: trail.part.excluding.map(cidr_1.formatCidr) } : {}),
        via: trail.via,
        ...(trail.linkId ? { linkId: trail.linkId } : {}),
        ...(trail.location ? { dxLocation: trail.location } : {}),
        ...(trail.locationName ? { dxLocationName: trail.locationName } : {}),
        status,
        ...(firstBroken ? { breakPoint: breakPointOf(firstBroken) } : {}),
        openPorts: status === 'healthy' ? ingress.openPorts : [],
        hops,
    };
}
function breakPointOf(hop) {
    return {
        kind: hop.break ?? 'no-route',
        hop: hop.kind,
        resourceType: hop.resourceType,
        id: hop.id,
        ...(hop.arn ? { arn: hop.arn } : {}),
        ...(hop.direction ? { direction: hop.direction } : {}),
        message: hop.reason,
    };
}
// ---------------------------------------------------------------------------------------------------------------
// The route side: the subnet's table, then the gateway and links it leads to
/**
 * The way out depends on the subnet only where a Direct Connect association must advertise it or a transit
 * gateway table must route back to it. The first analysis of a table and block records whether it looked at
 * the subnet: if not, every subnet on that table shares the answer; if so, each subnet gets its own.
 */
function routeSide(index, scope, subnet, part) {
    const block = (0, routes_1.describePart)(part);
    const own = `route|${scope.key}|subnet:${subnet.id}|${block}`;
    if (!subnet.table)
        return (0, lookup_1.memoize)(index, own, () => routeSideOnce(index, scope, subnet, part).trails, scope);
    // The association kind is in the key: the main table can be explicit for one subnet and implicit for another.
    const shared = `route|${scope.key}|table:${subnet.table.table.id}:${subnet.table.association}|${block}`;
    const known = (0, lookup_1.memoGet)(index, shared, scope);
    if (known && known !== 'per-subnet')
        return known.trails;
    if (known === 'per-subnet')
        return (0, lookup_1.memoize)(index, own, () => routeSideOnce(index, scope, subnet, part).trails, scope);
    const result = routeSideOnce(index, scope, subnet, part);
    (0, lookup_1.memoSet)(index, shared, result.usesSubnet ? 'per-subnet' : { trails: result.trails }, scope);
    if (result.usesSubnet)
        (0, lookup_1.memoSet)(index, own, result.trails, scope);
    return result.trails;
}
function routeSideOnce(index, scope, subnet, part) {
    if (!subnet.table) {
        const base = {
            kind: 'route-table',
            resourceType: 'AWS::EC2::RouteTable',
            id: subnet.id,
            accountId: scope.accountId,
            region: scope.region,
        };
        return {
            trails: [
                {
                    part,
                    via: 'none',
                    hops: [
                        (0, hops_1.unknown)(base, `the route table of ${subnet.id} is unknown: ${(0, hops_1.reasons)(subnet.missing)}`, subnet.missing, {
                            direction: 'return',
                        }),
                    ],
                },
            ],
            usesSubnet: true,
        };
    }
    const { table } = subnet.table;
    const base = (0, hops_1.ec2Base)(scope, 'route-table', 'AWS::EC2::RouteTable', 'route-table', table.id, table.ownerId);
    const expansion = (0, routes_1.expandVpcRoutes)(index, scope, table);
    let usesSubnet = false;
    const ctx = {
        index,
        scope,
        vpcId: subnet.vpcId ?? table.vpcId,
        vpcCidrs: subnet.vpcCidrs,
        get subnet() {
            usesSubnet = true;
            return subnet.subnet ?? { id: subnet.id };
        },
        get subnetCidr() {
            usesSubnet = true;
            return subnet.cidr;
        },
    };
    const trails = [];
    for (const choice of (0, routes_1.chooseRoutes)(expansion.candidates, part)) {
        for (const piece of choice.parts)
            trails.push(...routeChoice(ctx, base, subnet.table, expansion, choice.candidate, piece));
    }
    return { trails, usesSubnet };
}
function routeChoice(ctx, base, effective, expansion, candidate, part) {
    const { table, association } = effective;
    const what = (0, routes_1.describePart)(part);
    const label = `${table.id}${table.name ? ` (${table.name})` : ''}`;
    const tableKind = association === 'main'
        ? 'the VPC main table: the subnet has no explicit association'
        : 'explicitly associated with the subnet';
    const uncertain = (0, routes_1.unresolvedFor)(expansion, part);
    const single = (...hops) => [{ part, via: 'none', hops }];
    if (!candidate) {
        return single(uncertain.length > 0
            ? (0, hops_1.unknown)(base, `whether ${label} routes ${what} is unknown: ${(0, hops_1.reasons)(uncertain)}`, uncertain, {
                direction: 'return',
            })
            : (0, hops_1.broken)(base, 'no-route', withHint(`${label} has no route for ${what}: replies from the broker cannot get back`, (0, hints_1.peeringHint)(ctx.index, ctx.scope, ctx.vpcId, part) ??
                (0, hints_1.transitHint)(ctx.index, ctx.scope, ctx.vpcId, table.id, part)), { direction: 'return' }));
    }
    const route = candidate.route;
    const hopRoute = {
        destination: candidate.destination,
        ...(candidate.prefixListId ? { prefixListId: candidate.prefixListId } : {}),
        target: route.targetId,
        targetType: route.targetType,
        ...(route.state ? { state: route.state } : {}),
        ...(route.origin ? { origin: route.origin } : {}),
    };
    const routeText = `route ${candidate.destination}${candidate.prefixListId ? ` (prefix list ${candidate.prefixListId})` : ''} → ${route.targetId}${route.origin === 'EnableVgwRoutePropagation' ? ' (propagated)' : ''}`;
    const extra = { route: hopRoute, direction: 'return' };
    if (route.state === 'blackhole') {
        return single((0, hops_1.broken)(base, 'blackhole', `${label} drops replies to ${what}: ${routeText} is a blackhole (its target was deleted or detached)`, extra));
    }
    if (route.targetType === 'local') {
        return single((0, hops_1.broken)(base, 'routed-elsewhere', `${label} keeps ${what} inside ${ctx.vpcId} (${routeText}): it is the VPC's own range, so it cannot be on-premises`, extra));
    }
    let routeHop = (0, hops_1.ok)(base, `${label} sends replies to ${what} by ${routeText} (${tableKind})`, extra);
    if (uncertain.length > 0)
        routeHop = {
            ...routeHop,
            status: 'unknown',
            missing: uncertain,
            reason: `${routeHop.reason}, unless a prefix list that could not be read has a more specific route`,
        };
    const withRoute = (trails) => trails.map((t) => ({
        part: t.part,
        via: t.via,
        ...(t.linkId ? { linkId: t.linkId } : {}),
        ...(t.location ? { location: t.location } : {}),
        ...(t.locationName ? { locationName: t.locationName } : {}),
        hops: [...t.linkHops, ...t.gatewayHops, routeHop],
    }));
    switch (route.targetType) {
        case 'vpn-gateway': {
            return withRoute((0, links_1.vgwTrails)(ctx, route.targetId, part));
        }
        case 'transit-gateway': {
            return withRoute((0, links_1.tgwTrails)(ctx, route.targetId, part));
        }
        case 'vpc-peering-connection': {
            return single(peeringHop(ctx, route.targetId, what, (0, hints_1.peeringHint)(ctx.index, ctx.scope, ctx.vpcId, part, route.targetId)), routeHop);
        }
        case 'internet-gateway':
        case 'egress-only-internet-gateway':
        case 'nat-gateway':
        case 'carrier-gateway': {
            return single(publicTargetHop(ctx, route.targetType, route.targetId, what), routeHop);
        }
        case 'vpc-endpoint': {
            const hop = (0, hops_1.broken)(targetBase(ctx, 'AWS::EC2::VPCEndpoint', route.targetId), 'routed-elsewhere', `${what} is routed to the gateway endpoint ${route.targetId} (an AWS service), not on-premises`);
            return single(hop, routeHop);
        }
        default: {
            const missing = [
                {
                    collection: 'routeTables',
                    accountId: ctx.scope.accountId,
                    region: ctx.scope.region,
                    resourceId: route.targetId,
                    reason: `paths through a ${route.targetType} target (${route.targetId}) are not modeled`,
                },
            ];
            const hop = (0, hops_1.unknown)(targetBase(ctx, TARGET_TYPES[route.targetType] ?? 'AWS::EC2::Route', route.targetId), `${what} is routed to ${route.targetType} ${route.targetId}; whether it reaches on-premises from there is not modeled`, missing);
            return single(hop, routeHop);
        }
    }
}
const TARGET_TYPES = {
    'core-network': 'AWS::NetworkManager::CoreNetwork',
    'gateway-load-balancer-endpoint': 'AWS::EC2::VPCEndpoint',
    instance: 'AWS::EC2::Instance',
    'local-gateway': 'AWS::EC2::LocalGateway',
    'network-interface': 'AWS::EC2::NetworkInterface',
};
function targetBase(ctx, resourceType, id) {
    return { kind: 'target', resourceType, id, accountId: ctx.scope.accountId, region: ctx.scope.region };
}
/** A hop's reason with a hint after it: what nearby reaches the network. */
function withHint(reason, hint) {
    return hint ? `${reason}; ${hint}` : reason;
}
function peeringHop(ctx, pcxId, what, hint) {
    const base = (0, hops_1.ec2Base)(ctx.scope, 'vpc-peering-connection', 'AWS::EC2::VPCPeeringConnection', 'vpc-peering-connection', pcxId);
    const found = (0, lookup_1.findById)(ctx.index, (0, lookup_1.scopesFrom)(ctx.index, ctx.scope), 'vpcPeeringConnections', pcxId).located?.item;
    const peer = found ? (found.requester.vpcId === ctx.vpcId ? found.accepter : found.requester) : undefined;
    const peerText = peer
        ? ` with ${peer.vpcId ?? 'a VPC'}${peer.ownerId && peer.ownerId !== ctx.scope.accountId ? ` of ${peer.ownerId}` : ''}${peer.region && peer.region !== ctx.scope.region ? ` in ${peer.region}` : ''}${peer.cidrs.length > 0 ? ` (${peer.cidrs.join(', ')})` : ''}`
        : '';
    const state = found?.state && found.state !== 'active' ? `, which is ${found.state},` : '';
    const why = hint
        ? `; ${hint}`
        : "; peering is not transitive: it never carries traffic to or from networks beyond the peer VPC, such as the peer's VPN or Direct Connect";
    return (0, hops_1.broken)(base, 'not-transitive', `${what} is routed to the peering connection ${pcxId}${peerText}${state}${why}`);
}
function publicTargetHop(ctx, type, id, what) {
    const scope = ctx.scope;
    const base = type === 'nat-gateway'
        ? (0, hops_1.ec2Base)(scope, 'nat-gateway', 'AWS::EC2::NatGateway', 'nat-gateway', id)
        : type === 'carrier-gateway'
            ? targetBase(ctx, 'AWS::EC2::CarrierGateway', id)
            : type === 'egress-only-internet-gateway'
                ? { ...targetBase(ctx, 'AWS::EC2::EgressOnlyInternetGateway', id), kind: 'internet-gateway' }
                : (0, hops_1.ec2Base)(scope, 'internet-gateway', 'AWS::EC2::InternetGateway', 'internet-gateway', id);
    const name = type.replaceAll('-', ' ');
    return (0, hops_1.broken)(base, 'not-private', `${what} is routed to the ${name} ${id}: over the internet, not a private path (VPN or Direct Connect)`);
}
/**
 * How many independent failure domains the paths span. Paths that share a tunnel, a Direct Connect connection or
 * LAG, or (under the location rule, the default) a Direct Connect location (a location's outage or maintenance
 * takes down every connection there, so AWS's resiliency recommendations ask for connections at two locations) are
 * one domain; a VPN is independent of Direct Connect. Sharing is transitive (a LAG whose member connections report
 * two locations is still one domain). The connection rule (config network.independence) leaves locations out.
 */
function failureDomains(paths, independence) {
    const parent = new Map();
    const find = (key) => {
        let root = key;
        while (parent.get(root) !== root)
            root = parent.get(root);
        parent.set(key, root);
        return root;
    };
    const add = (key) => {
        if (!parent.has(key))
            parent.set(key, key);
    };
    const roots = [];
    paths.forEach((path, index) => {
        const link = `link|${path.linkId ?? `path-${index}`}`;
        add(link);
        if (independence === 'location' && path.via === 'direct-connect' && path.dxLocation) {
            const location = `dx-location|${path.dxLocation}`;
            add(location);
            parent.set(find(location), find(link));
        }
        roots.push(link);
    });
    return new Set(roots.map(find)).size;
}
/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
/** The virtual interface a Direct Connect path goes through (its interface hop), or its link when there is none. */
function interfaceOf(path) {
    return path.hops.find((hop) => hop.kind === 'virtual-interface')?.id ?? path.linkId ?? 'a virtual interface';
}
function linkWords(linkId) {
    return linkId.startsWith('dxlag-') ? `the LAG ${linkId}` : `the connection ${linkId}`;
}
/** `both virtual interfaces (a, b)` / `all 3 virtual interfaces (a, b, c)`. */
function interfacesWords(interfaces) {
    return `${interfaces.length === 2 ? 'both' : `all ${interfaces.length}`} virtual interfaces (${interfaces.join(', ')})`;
}
/**
 * What healthy Direct Connect paths over several virtual interfaces share, in a sentence, when that makes them one
 * failure domain: one connection or LAG, or (location rule) connections at one Direct Connect location, as the API
 * reports it. Undefined when they share nothing.
 */
function sharedFailureOf(paths, independence) {
    const byKey = (key) => {
        const groups = new Map();
        for (const path of paths) {
            const value = path.via === 'direct-connect' ? key(path) : undefined;
            if (value === undefined)
                continue;
            groups.set(value, [...(groups.get(value) ?? []), path]);
        }
        return groups;
    };
    for (const [linkId, group] of byKey((p) => p.linkId)) {
        const interfaces = [...new Set(group.map(interfaceOf))];
        if (interfaces.length >= 2)
            return `${interfacesWords(interfaces)} use ${linkWords(linkId)}`;
    }
    if (independence !== 'location')
        return undefined;
    for (const [location, group] of byKey((p) => (p.linkId ? p.dxLocation : undefined))) {
        const links = [...new Set(group.map((p) => p.linkId))];
        if (links.length < 2)
            continue;
        const interfaces = [...new Set(group.map(interfaceOf))];
        const lags = links.every((l) => l.startsWith('dxlag-'))
            ? 'LAGs'
            : links.some((l) => l.startsWith('dxlag-'))
                ? 'connections and LAGs'
                : 'connections';
        // `EqDB2 (Equinix DB2, Dublin)` when DescribeLocations named it, the code alone otherwise.
        const name = group.find((p) => p.dxLocationName)?.dxLocationName;
        const where = name ? `${location} (${name})` : location;
        return `${interfacesWords(interfaces)} use ${lags} at Direct Connect location ${where} (${listed(links)})`;
    }
    return undefined;
}
function judgePiece(paths, independence) {
    const healthy = paths.filter((p) => p.status === 'healthy');
    const pendingPaths = paths.filter((p) => p.status === 'pending');
    // Redundancy is per failure domain: two tunnels, two Direct Connect connections (or LAGs) at two locations (one
    // location is enough under the connection rule), or a tunnel and a connection.
    const independent = failureDomains(healthy, independence);
    const anyUnknown = paths.some((p) => p.status === 'unknown');
    // The paths of a piece share its ingress: the same ports, in the engine's order.
    const openPorts = [...new Set([...healthy, ...pendingPaths].flatMap((p) => p.openPorts))];
    const piece = {
        paths,
        healthy: healthy.length,
        independent,
        openPorts,
        pending: pendingPaths.length,
    };
    if (healthy.length > 0 && independent >= 2)
        return { ...piece, verdict: 'reachable', redundant: true };
    const shared = sharedFailureOf([...healthy, ...pendingPaths], independence);
    if (shared)
        piece.sharedFailure = shared;
    if (pendingPaths.length > 0) {
        // Reachable once the new links come up: neither healthy (not proven) nor a failure the change introduces.
        const withPending = failureDomains([...healthy, ...pendingPaths], independence);
        return { ...piece, verdict: 'pending', redundant: withPending >= 2 ? true : anyUnknown ? null : false };
    }
    if (healthy.length > 0) {
        // Another path might exist where data is missing: then the lack of redundancy is not proven.
        return { ...piece, verdict: 'degraded', redundant: anyUnknown ? null : false };
    }
    if (anyUnknown)
        return { ...piece, verdict: 'unknown', redundant: null };
    const first = paths.find((p) => p.breakPoint);
    return {
        ...piece,
        verdict: 'unreachable',
        redundant: false,
        ...(first?.breakPoint ? { breakPoint: first.breakPoint } : {}),
    };
}
const SEVERITY = { unreachable: 4, unknown: 3, degraded: 2, pending: 1, reachable: 0 };
function worstVerdict(verdicts) {
    return verdicts.reduce((worst, v) => (SEVERITY[v] > SEVERITY[worst] ? v : worst), 'reachable');
}
function reachableOf(verdict) {
    return verdict === 'unreachable' ? false : verdict === 'unknown' ? null : true;
}
function redundantOf(values) {
    if (values.includes(false))
        return false;
    return values.every((v) => v === true) ? true : null;
}
function judgeNetwork(network, start, pieces) {
    const verdict = pieces.length > 0 ? worstVerdict(pieces.map((p) => p.verdict)) : 'unknown';
    const reachable = reachableOf(verdict);
    const openPorts = reachable === true ? intersect(pieces.map((p) => p.openPorts)) : [];
    const paths = pieces.flatMap((p) => p.paths);
    // A loop, not nested flatMaps: this runs for every path of every broker, and most hops miss nothing.
    const hopsMissing = [];
    for (const path of paths)
        for (const hop of path.hops)
            if (hop.missing)
                hopsMissing.push(...hop.missing);
    const missing = (0, lookup_1.uniqueMissing)(hopsMissing);
    const breakPoint = verdict === 'unreachable' ? pieces.find((p) => p.verdict === 'unreachable')?.breakPoint : undefined;
    const sharedFailure = pieces.find((p) => p.sharedFailure)?.sharedFailure;
    return {
        cidr: (0, cidr_1.formatCidr)(network.cidr),
        source: network.source,
        ...(network.inferredFrom ? { inferredFrom: network.inferredFrom } : {}),
        ...(start.excluding.length > 0 ? { excluding: start.excluding.map(cidr_1.formatCidr) } : {}),
        verdict,
        reachable,
        redundant: verdict === 'unreachable' ? false : redundantOf(pieces.map((p) => p.redundant)),
        healthyPathCount: pieces.length > 0 ? Math.min(...pieces.map((p) => p.healthy)) : 0,
        independentPathCount: pieces.length > 0 ? Math.min(...pieces.map((p) => p.independent)) : 0,
        ...(pieces.some((p) => p.pending > 0) ? { pendingPathCount: Math.min(...pieces.map((p) => p.pending)) } : {}),
        openPorts,
        ...(breakPoint ? { breakPoint } : {}),
        ...(sharedFailure ? { sharedFailure } : {}),
        ...(missing.length > 0 ? { missing } : {}),
        paths,
    };
}
function intersect(lists) {
    if (lists.length === 0)
        return [];
    return lists[0].filter((port) => lists.every((l) => l.includes(port)));
}
/** The broker's verdict over its networks; `incomplete`: networks may be missing, so at best unknown. */
function aggregate(networks, source, incomplete, independence) {
    const verdicts = networks.map((n) => n.verdict);
    const verdict = worstVerdict(incomplete ? [...verdicts, 'unknown'] : verdicts);
    const count = (v) => verdicts.filter((x) => x === v).length;
    const breakPoint = networks.find((n) => n.verdict === 'unreachable')?.breakPoint;
    const sharedFailure = networks.find((n) => n.sharedFailure)?.sharedFailure;
    return {
        verdict,
        reachable: reachableOf(verdict),
        redundant: verdict === 'unreachable'
            ? false
            : redundantOf(incomplete ? [...networks.map((n) => n.redundant), null] : networks.map((n) => n.redundant)),
        source,
        networkCount: networks.length,
        reachableCount: count('reachable'),
        degradedCount: count('degraded'),
        unreachableCount: count('unreachable'),
        unknownCount: count('unknown'),
        ...(count('pending') > 0 ? { pendingCount: count('pending') } : {}),
        healthyPathCount: networks.length > 0 ? Math.min(...networks.map((n) => n.healthyPathCount)) : 0,
        independentPathCount: networks.length > 0 ? Math.min(...networks.map((n) => n.independentPathCount)) : 0,
        ...(breakPoint ? { breakPoint } : {}),
        ...(sharedFailure ? { sharedFailure } : {}),
        independence,
        redundancyNote: redundancyNoteOf(networks),
        networks,
    };
}
/** OnPremFacts.redundancyNote: about the network with the fewest independent healthy paths (the first such). */
function redundancyNoteOf(networks) {
    if (networks.length === 0)
        return 'no on-premises network';
    const network = networks.reduce((least, n) => (n.independentPathCount < least.independentPathCount ? n : least));
    const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const where = networks.length > 1 ? ` from ${network.cidr}` : '';
    if (network.redundant === true)
        return `${count(network.independentPathCount, 'independent healthy path')}${where}`;
    if (network.sharedFailure)
        return `${network.sharedFailure}${where}`;
    if (network.healthyPathCount === 0) {
        if (network.verdict === 'pending')
            return `no healthy path${where} until the links the change creates come up`;
        return network.verdict === 'unknown'
            ? `no healthy path proven${where}: data is missing`
            : `no healthy path${where}`;
    }
    const links = [...new Set(network.paths.filter((p) => p.status === 'healthy').map((p) => p.linkId ?? p.via))];
    if (links.length === 1)
        return `every healthy path${where} uses one link, ${links[0]}`;
    return `${count(network.independentPathCount, 'independent healthy path')}${where} to the worst-served subnet`;
}
/** Parses given networks (already validated with cidrProblem by the caller). */
function parseNetworks(texts) {
    const result = [];
    for (const text of texts) {
        const cidr = (0, cidr_1.cidrOf)(text);
        if (!result.some((c) => (0, cidr_1.sameCidr)(c, cidr)))
            result.push(cidr);
    }
    return result;
}
