"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.internetIngress = internetIngress;
const cidr_1 = require("./cidr");
const ingress_1 = require("./ingress");
const lookup_1 = require("./lookup");
const FAMILIES = [4, 6];
function internetIngress(input) {
    const publicSubnet = hasPublicSubnet(input.subnets);
    const portsKey = input.ports.map((p) => p.port).join(',');
    const exposure = (0, lookup_1.memoize)(input.index, `exposure|${input.scope.key}|${input.securityGroupIds.join(',')}|${portsKey}`, () => groupExposure(input), input.scope);
    const missing = [
        ...exposure.missing,
        ...(publicSubnet === null ? input.subnets.flatMap((s) => (s.table ? [] : s.missing)) : []),
    ];
    const groupsOpen = exposure.openPorts.length > 0 ? true : exposure.unreadable || exposure.uncertainPorts.length > 0 ? null : false;
    // Proven open wins over anything unknown; otherwise an unknown part leaves the answer unknown.
    const open = input.publiclyAccessible || groupsOpen === true ? true : groupsOpen === null ? null : false;
    const unique = (0, lookup_1.uniqueMissing)(missing);
    return {
        open,
        publiclyAccessible: input.publiclyAccessible,
        groupsOpen,
        openPorts: exposure.openPorts,
        rules: exposure.rules,
        publicSubnet,
        ...(unique.length > 0 ? { missing: unique } : {}),
    };
}
function groupExposure(input) {
    const found = (0, ingress_1.securityGroupRulesOf)(input.index, input.scope, input.securityGroupIds);
    if ('missing' in found)
        return { openPorts: [], uncertainPorts: [], rules: [], unreadable: found.missing, missing: [found.missing] };
    const openPorts = [];
    const uncertainPorts = [];
    const missing = [];
    const openFamilies = new Map();
    const publicRules = new Map();
    for (const { port } of input.ports) {
        const admitting = found.rules
            .filter((r) => (0, ingress_1.ruleAdmitsPort)(r, port))
            .map((rule) => ({ rule, ...(0, ingress_1.ruleSources)(input.index, input.scope, rule) }));
        const families = new Set(FAMILIES.filter((family) => (0, cidr_1.rangesCover)(admitting
            .flatMap((a) => a.cidrs)
            .filter((c) => c.family === family)
            .map(cidr_1.rangeOf), [(0, cidr_1.rangeOf)((0, cidr_1.everything)(family))])));
        if (families.size > 0) {
            openPorts.push(port);
            openFamilies.set(port, families);
        }
        else if (admitting.some((a) => a.missing.length > 0)) {
            uncertainPorts.push(port);
            missing.push(...admitting.flatMap((a) => a.missing));
        }
        for (const a of admitting) {
            if (!a.cidrs.some(cidr_1.includesPublicAddresses))
                continue;
            const entry = publicRules.get(a.rule.id) ?? { rule: a.rule, label: a.label, cidrs: a.cidrs, ports: [] };
            entry.ports.push(port);
            publicRules.set(a.rule.id, entry);
        }
    }
    const rules = [...publicRules.values()].map(({ rule, label, cidrs, ports }) => ({
        securityGroupId: rule.groupId,
        ruleId: rule.id,
        source: label,
        ports,
        // Part of the whole internet: the rule adds public addresses of a family that is open on one of its ports.
        wholeInternet: ports.some((port) => cidrs.some((c) => (0, cidr_1.includesPublicAddresses)(c) && (openFamilies.get(port)?.has(c.family) ?? false))),
    }));
    return { openPorts, uncertainPorts, rules, missing };
}
/** A subnet whose table sends the default route (IPv4 or IPv6) to an internet gateway. */
function hasPublicSubnet(subnets) {
    if (subnets.some((s) => s.table && s.table.table.routes.some(isDefaultToInternet)))
        return true;
    return subnets.some((s) => !s.table) ? null : false;
}
function isDefaultToInternet(route) {
    const isDefault = route.destinationCidr === '0.0.0.0/0' || route.destinationIpv6Cidr === '::/0';
    return isDefault && route.targetType === 'internet-gateway' && route.state !== 'blackhole';
}
