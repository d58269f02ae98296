"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evaluateIngress = evaluateIngress;
exports.networkAclOf = networkAclOf;
exports.ruleAdmitsPort = ruleAdmitsPort;
exports.ruleSources = ruleSources;
exports.securityGroupRulesOf = securityGroupRulesOf;
const cidr_1 = require("./cidr");
const arn_1 = require("./arn");
const lookup_1 = require("./lookup");
const routes_1 = require("./routes");
const TCP = new Set(['-1', '6', 'tcp']);
function evaluateIngress(input) {
    const ranges = (0, routes_1.partRanges)(input.part);
    const family = input.part.cidr.family;
    const allPorts = input.ports.map((p) => p.port);
    const what = (0, routes_1.describePart)(input.part);
    // The groups are judged on every port, whatever the ACL says: a port is open only where both admit it, and
    // which hop blocks is decided port by port below.
    const sg = evaluateSecurityGroups(input, allPorts, ranges);
    const nacl = findNetworkAcl(input);
    if ('missing' in nacl) {
        const naclInbound = unknownNaclHop(input, nacl.missing, false);
        const naclReturn = unknownNaclHop(input, nacl.missing, true);
        return {
            naclInbound,
            securityGroup: securityGroupHop(sg, { aclKnown: false, passing: allPorts, denied: [] }, input, what),
            naclReturn,
            openPorts: [],
        };
    }
    const acl = nacl.acl;
    const inbound = allPorts.map((port) => ({ port, ...evaluateAcl(acl.entries, false, family, ranges, port, port) }));
    const passing = inbound.filter((r) => r.denied.length === 0).map((r) => r.port);
    const denied = inbound
        .filter((r) => r.denied.length > 0)
        .map((r) => ({
        port: r.port,
        rules: r.rules.filter((rule) => rule.endsWith(' deny')).map((rule) => rule.slice(0, -' deny'.length)),
    }));
    const letIn = (port) => inbound
        .find((r) => r.port === port)
        .rules.filter((rule) => rule.endsWith(' allow'))
        .map((rule) => rule.slice(0, -' allow'.length));
    const decided = unique(inbound.flatMap((r) => r.rules));
    // The ports that matter are the ones the groups admit (their rules say what is meant to be used); with none,
    // every broker port. The ACL blocks when it lets none of those in.
    const admitted = sg.hop ? [] : [...sg.proven, ...sg.possible];
    const mattering = admitted.length > 0 ? admitted : allPorts;
    const groupsText = input.securityGroupIds.join(', ');
    const aclBlocks = input.requireAll ? denied.length > 0 : !mattering.some((port) => passing.includes(port));
    let reason;
    if (input.requireAll && aclBlocks) {
        const deniedAdmitted = denied.filter((d) => admitted.includes(d.port)).map((d) => d.port);
        const also = deniedAdmitted.length > 0
            ? `; ${listPorts(deniedAdmitted)} ${deniedAdmitted.length === 1 ? 'is' : 'are'} admitted by ${groupsText}`
            : '';
        reason = `${acl.id} denies ${what} the required ${denied.length === 1 ? 'port' : 'ports'} ${listPorts(denied.map((d) => d.port))} (${ruleWord(unique(denied.flatMap((d) => d.rules)))})${also}`;
    }
    else if (!aclBlocks) {
        reason = `${acl.id} lets ${what} in on ${passing.join(', ')} (rules ${decided.join(', ')})`;
    }
    else if (admitted.length === 0) {
        reason = `${acl.id} lets ${what} in on none of the broker ports ${allPorts.join(', ')} (rules ${decided.join(', ')})`;
    }
    else {
        const groups = input.securityGroupIds.join(', ');
        const deniedAdmitted = denied.filter((d) => admitted.includes(d.port));
        const parts = [
            `${listPorts(deniedAdmitted.map((d) => d.port))} ${deniedAdmitted.length === 1 ? 'is' : 'are'} admitted by ${groups}${sg.proven.length > 0 ? ` (rules ${sg.admitting.join(', ')})` : ''} but denied by ${acl.id} ${ruleWord(unique(deniedAdmitted.flatMap((d) => d.rules)))}`,
        ];
        const letInOnly = passing.filter((port) => !admitted.includes(port));
        const aclAllowsAll = letInOnly.length > 0 &&
            letInOnly.every((port) => letIn(port).length > 0 && letIn(port).every((rule) => ruleIsBroad(acl.entries, rule)));
        if (letInOnly.length > 0 && !aclAllowsAll) {
            parts.push(`${listPorts(letInOnly)} ${letInOnly.length === 1 ? 'is' : 'are'} let in by ${acl.id} (${ruleWord(unique(letInOnly.flatMap(letIn)))}) but not admitted by ${groups}`);
        }
        else {
            const rest = allPorts.filter((port) => !admitted.includes(port));
            if (rest.length > 0)
                parts.push(`${listPorts(rest)} ${rest.length === 1 ? 'is' : 'are'} not admitted by ${groups}`);
        }
        // Each part names the ACL and the groups with their rules: a sentence around them would only say it again.
        reason = `for ${what}, ${parts.join('; ')}`;
    }
    const naclInbound = {
        ...naclBase(input, acl),
        status: aclBlocks ? 'broken' : 'ok',
        reason,
        rules: aclBlocks && input.requireAll
            ? unique(denied.flatMap((d) => d.rules.map((r) => `${r} deny`)))
            : aclBlocks && admitted.length > 0
                ? unique(denied.filter((d) => admitted.includes(d.port)).flatMap((d) => d.rules.map((r) => `${r} deny`)))
                : decided,
        ports: passing,
        ...(aclBlocks ? { break: 'nacl' } : {}),
    };
    const ret = evaluateReturn(acl.entries, family, ranges, input.ephemeralPorts);
    const naclReturn = {
        ...naclBase(input, acl),
        direction: 'return',
        status: ret.deniedPorts.length === 0 ? 'ok' : 'broken',
        reason: ret.deniedPorts.length === 0
            ? `${acl.id} lets replies out to ${what} on ports ${input.ephemeralPorts.from}-${input.ephemeralPorts.to} (rules ${ret.rules.join(', ')})`
            : `${acl.id} blocks replies to ${what} on ports ${ret.deniedPorts.map(formatPortRange).join(', ')} (rules ${ret.rules.join(', ')}): the stateless ACL needs an outbound allow for the client's ephemeral ports`,
        rules: ret.rules,
        portRange: { ...input.ephemeralPorts },
        ...(ret.deniedPorts.length === 0 ? {} : { break: 'nacl' }),
    };
    const securityGroup = securityGroupHop(sg, { aclKnown: true, passing, denied }, input, what);
    const openPorts = naclReturn.status === 'ok' ? sg.proven.filter((port) => passing.includes(port)) : [];
    return { naclInbound, securityGroup, naclReturn, openPorts };
}
/** `61617`, `61617 and 8162`, `5671, 61614, 8883 and 61619`. */
function listPorts(ports) {
    return ports.length <= 1 ? ports.join('') : `${ports.slice(0, -1).join(', ')} and ${ports.at(-1)}`;
}
/** `rule 50`, `rules 50 and 60`. */
function ruleWord(rules) {
    return `${rules.length === 1 ? 'rule' : 'rules'} ${rules.length <= 1 ? rules.join('') : `${rules.slice(0, -1).join(', ')} and ${rules.at(-1)}`}`;
}
/** An allow rule for every TCP port (the default ACL's rule 100): it says nothing about which ports are meant. */
function ruleIsBroad(entries, label) {
    const entry = entries.find((e) => !e.egress && ruleLabel(e.ruleNumber) === label);
    return (!entry || entry.protocol === '-1' || !entry.portRange || (entry.portRange.from <= 0 && entry.portRange.to >= 65535));
}
const ACLS_BY_SUBNET = (0, lookup_1.indexSpec)('networkAcls', 'subnet', (a) => a.subnetIds);
const RULES_BY_GROUP = (0, lookup_1.indexSpec)('securityGroupRules', 'group', (r) => [r.groupId]);
/** The network ACL of a subnet (every subnet has exactly one). */
function networkAclOf(index, scope, subnetId) {
    const acls = (0, lookup_1.lookupIn)(index, scope, ACLS_BY_SUBNET, subnetId);
    return 'items' in acls ? acls.items[0] : undefined;
}
function findNetworkAcl(input) {
    const acls = (0, lookup_1.lookupIn)(input.index, input.scope, ACLS_BY_SUBNET, input.subnetId);
    if ('missing' in acls)
        return { missing: [acls.missing] };
    const acl = acls.items[0];
    return acl
        ? { acl }
        : {
            missing: [
                {
                    ...(0, lookup_1.notInInventory)('networkAcls', input.scope, input.subnetId),
                    reason: `no network ACL in the inventory is associated with ${input.subnetId}`,
                },
            ],
        };
}
function naclBase(input, acl) {
    const owner = acl.ownerId ?? input.scope.accountId;
    return {
        kind: 'network-acl',
        resourceType: 'AWS::EC2::NetworkAcl',
        id: acl.id,
        arn: (0, arn_1.ec2Arn)(input.scope.partition, input.scope.region, owner, 'network-acl', acl.id),
        accountId: owner,
        region: input.scope.region,
    };
}
function unknownNaclHop(input, missing, ret) {
    return {
        kind: 'network-acl',
        resourceType: 'AWS::EC2::NetworkAcl',
        id: input.subnetId,
        accountId: input.scope.accountId,
        region: input.scope.region,
        ...(ret ? { direction: 'return' } : {}),
        status: 'unknown',
        reason: `the network ACL of ${input.subnetId} is unknown: ${missing.map((m) => m.reason).join('; ')}`,
        missing,
    };
}
function entryMatches(entry, egress, family, from, to) {
    if (entry.egress !== egress || !TCP.has(entry.protocol))
        return undefined;
    if (entry.protocol !== '-1' && entry.portRange && (entry.portRange.from > from || entry.portRange.to < to))
        return undefined;
    const text = family === 4 ? entry.cidr : entry.ipv6Cidr;
    const cidr = text ? (0, cidr_1.parseCidr)(text) : undefined;
    return cidr && cidr.family === family ? cidr : undefined;
}
/** First match wins, in rule-number order; what no rule matches is denied (the `*` rule). */
function evaluateAcl(entries, egress, family, ranges, from, to) {
    let remaining = ranges;
    const denied = [];
    const rules = [];
    for (const entry of [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber)) {
        if (remaining.length === 0)
            break;
        const cidr = entryMatches(entry, egress, family, from, to);
        if (!cidr)
            continue;
        const hit = (0, cidr_1.intersectRanges)(remaining, [(0, cidr_1.rangeOf)(cidr)]);
        if (hit.length === 0)
            continue;
        rules.push(`${ruleLabel(entry.ruleNumber)} ${entry.action}`);
        if (entry.action === 'deny')
            denied.push(...hit);
        remaining = (0, cidr_1.subtractRanges)(remaining, [(0, cidr_1.rangeOf)(cidr)]);
    }
    if (remaining.length > 0) {
        denied.push(...remaining);
        rules.push('* deny');
    }
    return { denied, rules };
}
function ruleLabel(ruleNumber) {
    return ruleNumber >= 32767 ? '*' : String(ruleNumber);
}
/** The outbound rules must allow the whole ephemeral range to every address of the network. */
function evaluateReturn(entries, family, ranges, ephemeral) {
    // Cut the range where a rule's port range starts or ends, so every rule matches a segment whole or not at all.
    const cuts = new Set([ephemeral.from, ephemeral.to + 1]);
    for (const entry of entries) {
        if (!entry.egress || !entry.portRange)
            continue;
        for (const edge of [entry.portRange.from, entry.portRange.to + 1])
            if (edge > ephemeral.from && edge <= ephemeral.to)
                cuts.add(edge);
    }
    const edges = [...cuts].sort((a, b) => a - b);
    const deniedPorts = [];
    const rules = [];
    for (let i = 0; i < edges.length - 1; i++) {
        const segment = { from: edges[i], to: edges[i + 1] - 1 };
        const result = evaluateAcl(entries, true, family, ranges, segment.from, segment.to);
        rules.push(...result.rules);
        if (result.denied.length > 0) {
            const last = deniedPorts.at(-1);
            if (last && last.to + 1 === segment.from)
                last.to = segment.to;
            else
                deniedPorts.push(segment);
        }
    }
    return { deniedPorts, rules: unique(rules) };
}
function formatPortRange(range) {
    return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}
function ruleAdmitsPort(rule, port) {
    if (rule.egress || !TCP.has(rule.protocol))
        return false;
    if (rule.protocol === '-1')
        return true;
    if (rule.fromPort === undefined || rule.fromPort === -1)
        return true;
    return rule.fromPort <= port && port <= (rule.toPort ?? rule.fromPort);
}
/** The blocks a rule admits from, or what is missing to know them. Rules referencing groups admit no network. */
function ruleSources(index, scope, rule) {
    if (rule.cidrIpv4 || rule.cidrIpv6) {
        const text = (rule.cidrIpv4 ?? rule.cidrIpv6);
        const cidr = (0, cidr_1.parseCidr)(text);
        return { cidrs: cidr ? [cidr] : [], missing: [], label: text };
    }
    if (rule.prefixListId) {
        const resolved = (0, routes_1.resolvePrefixList)(index, scope, rule.prefixListId);
        return 'entries' in resolved
            ? { cidrs: resolved.entries, missing: [], label: rule.prefixListId }
            : { cidrs: [], missing: resolved.missing, label: rule.prefixListId };
    }
    return { cidrs: [], missing: [], label: rule.referencedGroupId ?? 'a security group' };
}
/**
 * The rules of the groups. A group that is in neither the group list nor the rule list was not collected (the
 * collector reads the brokers' groups): its rules are unknown, not "none".
 */
function securityGroupRulesOf(index, scope, groupIds) {
    const rules = [];
    for (const groupId of groupIds) {
        const found = (0, lookup_1.lookupIn)(index, scope, RULES_BY_GROUP, groupId);
        if ('missing' in found)
            return { missing: found.missing };
        if (found.items.length === 0) {
            const group = (0, lookup_1.lookupIn)(index, scope, (0, lookup_1.byId)('securityGroups'), groupId);
            if ('missing' in group)
                return { missing: group.missing };
            if (group.items.length === 0)
                return { missing: (0, lookup_1.notInInventory)('securityGroups', scope, groupId) };
        }
        rules.push(...found.items);
    }
    return { rules };
}
function evaluateSecurityGroups(input, ports, ranges) {
    const groupIds = input.securityGroupIds;
    const first = groupIds[0] ?? input.subnetId;
    const base = {
        kind: 'security-group',
        resourceType: 'AWS::EC2::SecurityGroup',
        id: first,
        accountId: input.scope.accountId,
        region: input.scope.region,
    };
    const arnOf = (id) => (0, arn_1.ec2Arn)(input.scope.partition, input.scope.region, input.scope.accountId, 'security-group', id);
    const empty = { base, anchor: first, proven: [], possible: [], admitting: [], partial: [], missing: [] };
    if (groupIds.length === 0) {
        return {
            ...empty,
            hop: { ...base, status: 'broken', break: 'security-group', reason: 'the broker has no security group' },
        };
    }
    const found = securityGroupRulesOf(input.index, input.scope, groupIds);
    if ('missing' in found) {
        return {
            ...empty,
            arn: arnOf(first),
            possible: [...ports],
            hop: {
                ...base,
                arn: arnOf(first),
                status: 'unknown',
                reason: `the rules of ${groupIds.join(', ')} are unknown: ${found.missing.reason}`,
                missing: [found.missing],
            },
        };
    }
    const proven = [];
    const possible = [];
    const admitting = [];
    const partial = [];
    const missing = [];
    for (const port of ports) {
        const sources = found.rules
            .filter((r) => ruleAdmitsPort(r, port))
            .map((rule) => ({ rule, ...ruleSources(input.index, input.scope, rule) }));
        const covering = sources
            .flatMap((s) => s.cidrs)
            .filter((c) => c.family === input.part.cidr.family)
            .map(cidr_1.rangeOf);
        if ((0, cidr_1.rangesCover)(covering, ranges)) {
            proven.push(port);
            for (const s of sources)
                if (s.cidrs.some((c) => (0, cidr_1.intersectRanges)([(0, cidr_1.rangeOf)(c)], ranges).length > 0) && !admitting.includes(s.rule))
                    admitting.push(s.rule);
        }
        else if (sources.some((s) => s.missing.length > 0)) {
            possible.push(port);
            missing.push(...sources.flatMap((s) => s.missing));
        }
        else {
            for (const s of sources) {
                if (s.cidrs.some((c) => (0, cidr_1.intersectRanges)([(0, cidr_1.rangeOf)(c)], ranges).length > 0) &&
                    !partial.some((p) => p.rule === s.rule))
                    partial.push({ rule: s.rule, label: s.label });
            }
        }
    }
    const anchor = admitting[0]?.groupId ?? partial[0]?.rule.groupId ?? first;
    return { base, anchor, arn: arnOf(anchor), proven, possible, admitting: admitting.map((r) => r.id), partial, missing };
}
/**
 * The groups' hop, given what the ACL in front of them lets in. The groups block only when they admit no broker
 * port at all; their reason then names the ports the ACL lets in (opening one the ACL denies would not help).
 */
function securityGroupHop(sg, acl, input, what) {
    if (sg.hop)
        return sg.hop;
    const groupIds = input.securityGroupIds;
    const groups = `${groupIds.join(', ')} ${groupIds.length === 1 ? 'admits' : 'admit'}`;
    const hop = {
        ...sg.base,
        id: sg.anchor,
        ...(sg.arn ? { arn: sg.arn } : {}),
        status: 'ok',
        reason: '',
        rules: sg.admitting,
    };
    const throughAcl = sg.proven.filter((port) => acl.passing.includes(port));
    const notAdmitted = input.requireAll
        ? input.ports.map((p) => p.port).filter((port) => !sg.proven.includes(port) && !sg.possible.includes(port))
        : [];
    if (notAdmitted.length > 0) {
        // Required ports (network.requiredPorts): each must be admitted; name the ones that are not.
        hop.status = 'broken';
        hop.break = 'security-group';
        const only = sg.partial
            .filter((p) => notAdmitted.some((port) => ruleAdmitsPort(p.rule, port)))
            .map((p) => `${p.rule.id} admits only ${p.label}${portText(p.rule)}`);
        const admits = sg.proven.length > 0 ? `; ${groups} ${sg.proven.join(', ')} (rules ${sg.admitting.join(', ')})` : '';
        hop.reason = `no rule of ${groupIds.join(', ')} admits all of ${what} on the required ${notAdmitted.length === 1 ? 'port' : 'ports'} ${listPorts(notAdmitted)}${only.length > 0 ? ` (${only.join('; ')})` : ''}${admits}`;
        hop.rules = [...sg.admitting, ...sg.partial.map((p) => p.rule.id)];
        hop.ports = throughAcl;
    }
    else if (sg.proven.length > 0) {
        const blocked = sg.proven.filter((port) => !acl.passing.includes(port));
        const tail = blocked.length > 0 && acl.aclKnown ? `; the network ACL denies ${listPorts(blocked)}` : '';
        hop.reason = `${groups} ${what} on ${sg.proven.join(', ')} (rules ${sg.admitting.join(', ')})${tail}`;
        hop.ports = throughAcl.length > 0 ? throughAcl : sg.proven;
        if (!acl.aclKnown) {
            hop.status = 'unknown';
            hop.reason = `${groups} ${what} on ${sg.proven.join(', ')}, but the network ACL in front of them is unknown`;
            hop.ports = [...sg.proven, ...sg.possible];
        }
    }
    else if (sg.possible.length > 0) {
        hop.status = 'unknown';
        hop.reason =
            sg.missing.length > 0
                ? `whether ${groupIds.join(', ')} admit ${what} is unknown: ${[...new Set(sg.missing.map((m) => m.reason))].join('; ')}`
                : `${groups} ${what} on ${sg.possible.join(', ')}, but the network ACL in front of them is unknown`;
        hop.ports = sg.possible;
        if (sg.missing.length > 0)
            hop.missing = sg.missing;
    }
    else {
        hop.status = 'broken';
        hop.break = 'security-group';
        const only = sg.partial.map((p) => `${p.rule.id} admits only ${p.label}${portText(p.rule)}`);
        // Name the ports worth opening: those the ACL lets in (all of them when the ACL denies every port too).
        const worth = acl.aclKnown && acl.passing.length > 0 ? acl.passing : input.ports.map((p) => p.port);
        const deniedRules = unique(acl.denied.flatMap((d) => d.rules));
        const aclNote = acl.aclKnown && acl.passing.length > 0 && acl.denied.length > 0
            ? `; ${aclIdOf(input)} denies ${listPorts(acl.denied.map((d) => d.port))} (${ruleWord(deniedRules)})`
            : '';
        hop.reason = `no rule of ${groupIds.join(', ')} admits all of ${what} on ${worth.join(', ')}${only.length > 0 ? ` (${only.join('; ')})` : ''}${aclNote}`;
        hop.rules = sg.partial.map((p) => p.rule.id);
    }
    return hop;
}
function aclIdOf(input) {
    return networkAclOf(input.index, input.scope, input.subnetId)?.id ?? 'the network ACL';
}
function portText(rule) {
    if (rule.protocol === '-1' || rule.fromPort === undefined || rule.fromPort === -1)
        return ' on all ports';
    return rule.toPort === undefined || rule.toPort === rule.fromPort
        ? ` on ${rule.fromPort}`
        : ` on ${rule.fromPort}-${rule.toPort}`;
}
function unique(items) {
    return [...new Set(items)];
}
