"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROUTE_TABLES_BY_VPC = void 0;
exports.partRanges = partRanges;
exports.wholePart = wholePart;
exports.effectiveRouteTable = effectiveRouteTable;
exports.expandVpcRoutes = expandVpcRoutes;
exports.expandTgwRoutes = expandTgwRoutes;
exports.resolvePrefixList = resolvePrefixList;
exports.chooseRoutes = chooseRoutes;
exports.unresolvedFor = unresolvedFor;
exports.describePart = describePart;
exports.cidrsCoverPart = cidrsCoverPart;
exports.cidrsFromText = cidrsFromText;
const cidr_1 = require("./cidr");
const lookup_1 = require("./lookup");
function partRanges(part) {
    return (0, cidr_1.subtractRanges)([(0, cidr_1.rangeOf)(part.cidr)], part.excluding.map(cidr_1.rangeOf));
}
function wholePart(cidr) {
    return { cidr, excluding: [] };
}
const ROUTE_TABLES_BY_SUBNET = (0, lookup_1.indexSpec)('routeTables', 'subnet', (t) => t.associations.filter((a) => a.state === undefined || a.state === 'associated').map((a) => a.subnetId));
exports.ROUTE_TABLES_BY_VPC = (0, lookup_1.indexSpec)('routeTables', 'vpc', (t) => [t.vpcId]);
/**
 * The table a subnet uses: its explicit association, else the VPC's main table (`vpcId` may be unknown when the
 * subnet itself is not in the inventory; then only an explicit association can be found).
 */
function effectiveRouteTable(index, scope, subnetId, vpcId) {
    const explicit = (0, lookup_1.lookupIn)(index, scope, ROUTE_TABLES_BY_SUBNET, subnetId);
    if ('missing' in explicit)
        return { missing: explicit.missing };
    if (explicit.items[0])
        return { found: { table: explicit.items[0], association: 'explicit' } };
    if (!vpcId)
        return {};
    const tables = (0, lookup_1.lookupIn)(index, scope, exports.ROUTE_TABLES_BY_VPC, vpcId);
    if ('missing' in tables)
        return { missing: tables.missing };
    const main = tables.items.find((t) => t.main || t.associations.some((a) => a.main));
    return main ? { found: { table: main, association: 'main' } } : {};
}
/** AWS: local first, then a CIDR route over a prefix-list route, static over propagated. */
function vpcRank(route, viaPrefixList) {
    if (route.targetType === 'local')
        return 0;
    if (route.origin === 'EnableVgwRoutePropagation')
        return 3;
    return viaPrefixList ? 2 : 1;
}
/** AWS: static over propagated; among propagated: VPC, Direct Connect gateway, Connect, VPN, peering. */
const TGW_PROPAGATED_RANK = {
    vpc: 3,
    'direct-connect-gateway': 4,
    connect: 5,
    vpn: 6,
    peering: 7,
    'tgw-peering': 7,
};
function tgwRank(route, viaPrefixList) {
    if (route.type !== 'propagated')
        return viaPrefixList ? 2 : 1;
    return TGW_PROPAGATED_RANK[route.attachments[0]?.resourceType ?? ''] ?? 8;
}
const USABLE_VPC_ROUTE_STATES = new Set(['active', 'blackhole', undefined]);
const USABLE_TGW_ROUTE_STATES = new Set(['active', 'blackhole', undefined]);
/** Computed once per route table and shared by every subnet and network that uses it. */
function expandVpcRoutes(index, scope, table) {
    return (0, lookup_1.memoize)(index, `vpc-routes|${scope.key}|${table.id}`, () => expandVpcRoutesOnce(index, scope, table), scope);
}
function expandVpcRoutesOnce(index, scope, table) {
    const expansion = { candidates: [], unresolved: [] };
    for (const route of table.routes) {
        if (!USABLE_VPC_ROUTE_STATES.has(route.state))
            continue;
        const text = route.destinationCidr ?? route.destinationIpv6Cidr;
        if (text) {
            const cidr = (0, cidr_1.parseCidr)(text);
            if (cidr)
                expansion.candidates.push({ cidr, destination: (0, cidr_1.formatCidr)(cidr), route, rank: vpcRank(route, false) });
        }
        else if (route.destinationPrefixListId) {
            addPrefixListCandidates(index, scope, route.destinationPrefixListId, route, vpcRank(route, true), expansion);
        }
    }
    return expansion;
}
function expandTgwRoutes(index, scope, tableId, routes) {
    return (0, lookup_1.memoize)(index, `tgw-routes|${scope.key}|${tableId}`, () => expandTgwRoutesOnce(index, scope, routes), scope);
}
function expandTgwRoutesOnce(index, scope, routes) {
    const expansion = { candidates: [], unresolved: [] };
    for (const route of routes) {
        if (!USABLE_TGW_ROUTE_STATES.has(route.state))
            continue;
        if (route.destinationCidr) {
            const cidr = (0, cidr_1.parseCidr)(route.destinationCidr);
            if (cidr)
                expansion.candidates.push({ cidr, destination: (0, cidr_1.formatCidr)(cidr), route, rank: tgwRank(route, false) });
        }
        else if (route.prefixListId) {
            addPrefixListCandidates(index, scope, route.prefixListId, route, tgwRank(route, true), expansion);
        }
    }
    return expansion;
}
function addPrefixListCandidates(index, scope, prefixListId, route, rank, expansion) {
    const resolved = resolvePrefixList(index, scope, prefixListId);
    if ('entries' in resolved) {
        for (const cidr of resolved.entries)
            expansion.candidates.push({ cidr, destination: (0, cidr_1.formatCidr)(cidr), prefixListId, route, rank });
    }
    else {
        expansion.unresolved.push({ prefixListId, family: resolved.family, missing: resolved.missing });
    }
}
/** The entries of a managed prefix list, searched in the scope first, then the region's other accounts. */
function resolvePrefixList(index, scope, prefixListId) {
    return (0, lookup_1.memoize)(index, `prefix-list|${scope.key}|${prefixListId}`, () => resolvePrefixListOnce(index, scope, prefixListId), scope);
}
function resolvePrefixListOnce(index, scope, prefixListId) {
    const { located, missing } = (0, lookup_1.findById)(index, (0, lookup_1.scopesFrom)(index, scope), 'prefixLists', prefixListId);
    if (!located)
        return { missing: missing.length > 0 ? missing : [(0, lookup_1.notInInventory)('prefixLists', scope, prefixListId)] };
    const list = located.item;
    const family = list.addressFamily?.toLowerCase() === 'ipv6' ? 6 : list.addressFamily ? 4 : undefined;
    if (!list.entries) {
        const error = (0, lookup_1.scopeErrors)(index, located.scope).find((e) => e.operation === 'GetManagedPrefixListEntries' && (!e.resource || e.resource === prefixListId));
        const reason = error
            ? `ec2:GetManagedPrefixListEntries failed for ${prefixListId} (${error.code})`
            : `the entries of ${prefixListId} could not be read`;
        return {
            missing: [
                {
                    ...(0, lookup_1.notInInventory)('prefixLists', located.scope, prefixListId),
                    reason,
                    ...(error ? { error: (0, lookup_1.errorSummary)(error) } : {}),
                },
            ],
            family,
        };
    }
    return {
        entries: list.entries.map((e) => (0, cidr_1.parseCidr)(e)).filter((c) => c !== undefined),
        list,
    };
}
function better(a, b) {
    if (a.cidr.prefixLength !== b.cidr.prefixLength)
        return a.cidr.prefixLength > b.cidr.prefixLength;
    return a.rank < b.rank;
}
/**
 * Longest-prefix match over a part of a network: the covering route for what is left, and each more specific
 * route inside it for its own block (recursively). Choices with the same route are merged.
 */
function chooseRoutes(candidates, part) {
    const leaves = [];
    collectLeaves(candidates, part, leaves);
    const choices = [];
    for (const leaf of leaves) {
        const existing = choices.find((c) => c.candidate === leaf.candidate);
        if (existing)
            existing.parts.push(leaf.part);
        else
            choices.push({ candidate: leaf.candidate, parts: [leaf.part] });
    }
    return choices;
}
function collectLeaves(candidates, part, leaves) {
    const relevant = candidates.filter((c) => (0, cidr_1.cidrsOverlap)(c.cidr, part.cidr) && !part.excluding.some((x) => (0, cidr_1.cidrContains)(x, c.cidr)));
    let covering;
    for (const c of relevant)
        if ((0, cidr_1.cidrContains)(c.cidr, part.cidr) && (!covering || better(c, covering)))
            covering = c;
    const inner = relevant.filter((c) => c.cidr.prefixLength > part.cidr.prefixLength);
    // The outermost inner blocks; deeper ones are handled by the recursion.
    const blocks = [];
    for (const c of inner) {
        if (inner.some((o) => o.cidr.prefixLength < c.cidr.prefixLength && (0, cidr_1.cidrContains)(o.cidr, c.cidr)))
            continue;
        if (!blocks.some((b) => (0, cidr_1.sameCidr)(b, c.cidr)))
            blocks.push(c.cidr);
    }
    const rest = { cidr: part.cidr, excluding: [...part.excluding, ...blocks] };
    if (partRanges(rest).length > 0)
        leaves.push({ candidate: covering, part: rest });
    for (const block of blocks) {
        const sub = { cidr: block, excluding: part.excluding.filter((x) => (0, cidr_1.cidrContains)(block, x)) };
        if (partRanges(sub).length > 0)
            collectLeaves(candidates, sub, leaves);
    }
}
/** The prefix lists we could not read that may matter for this part's family. */
function unresolvedFor(expansion, part) {
    return expansion.unresolved
        .filter((u) => u.family === undefined || u.family === part.cidr.family)
        .flatMap((u) => u.missing);
}
function describePart(part) {
    const base = (0, cidr_1.formatCidr)(part.cidr);
    return part.excluding.length > 0 ? `${base} except ${part.excluding.map(cidr_1.formatCidr).join(', ')}` : base;
}
/** True when the union of `cidrs` covers the part. */
function cidrsCoverPart(cidrs, part) {
    return (0, cidr_1.rangesCover)(cidrs.filter((c) => c.family === part.cidr.family).map(cidr_1.rangeOf), partRanges(part));
}
function cidrsFromText(texts) {
    return texts
        .map((t) => (0, cidr_1.parseCidr)(t))
        .filter((c) => c !== undefined)
        .map((c) => (0, cidr_1.cidrOf)((0, cidr_1.formatCidr)(c)));
}
