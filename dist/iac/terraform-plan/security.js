"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.securityGroupProtocol = securityGroupProtocol;
exports.aclProtocol = aclProtocol;
exports.securityGroupItems = securityGroupItems;
exports.securityGroupRuleItems = securityGroupRuleItems;
exports.vpcSecurityGroupRuleItems = vpcSecurityGroupRuleItems;
exports.networkAclItems = networkAclItems;
exports.networkAclRuleItems = networkAclRuleItems;
exports.networkAclAssociationItems = networkAclAssociationItems;
exports.prefixListItems = prefixListItems;
exports.prefixListEntryItems = prefixListEntryItems;
const types_1 = require("../../change/types");
const json_1 = require("./json");
const routing_1 = require("./routing");
const translate_1 = require("./translate");
const values_1 = require("./values");
const PROTOCOL_NUMBERS = {
    all: '-1',
    '-1': '-1',
    tcp: '6',
    udp: '17',
    icmp: '1',
    icmpv6: '58',
    gre: '47',
    esp: '50',
    ah: '51',
};
/** Security group protocol as DescribeSecurityGroupRules writes it: `-1`, `tcp`, `udp`, `icmp`, else the number. */
function securityGroupProtocol(protocol) {
    const lower = protocol.trim().toLowerCase();
    const number = PROTOCOL_NUMBERS[lower] ?? lower;
    const names = { '-1': '-1', '6': 'tcp', '17': 'udp', '1': 'icmp' };
    return names[number] ?? number;
}
/** Network ACL protocol as DescribeNetworkAcls writes it: a number as a string (`6`, `17`, `-1`). */
function aclProtocol(protocol) {
    const lower = protocol.trim().toLowerCase();
    return PROTOCOL_NUMBERS[lower] ?? lower;
}
function securityGroupItems(side) {
    const f = new values_1.Fields(side);
    const isDefault = side.type === 'aws_default_security_group';
    const group = {
        id: side.objectId,
        ...(0, translate_1.optional)('name', f.string(['name'], '/group/name') ?? (isDefault ? 'default' : undefined)),
        ...(0, translate_1.optional)('vpcId', f.id(['vpc_id'], '/group/vpcId')),
        ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
        ...(0, translate_1.optional)('description', f.string(['description'], '/group/description')),
    };
    // aws_default_security_group always manages its rules (it removes what it does not declare).
    const inline = isDefault || (0, values_1.managesInline)(side, 'ingress') || (0, values_1.managesInline)(side, 'egress');
    if (!inline)
        return [(0, translate_1.item)('securityGroup', { group }, f)];
    const rules = [...inlineRules(f, 'ingress'), ...inlineRules(f, 'egress')];
    return [(0, translate_1.item)('securityGroup', { group, rules }, f)];
}
/** Expands an inline `ingress`/`egress` set: one rule per CIDR, IPv6 CIDR, prefix list, group and `self`. */
function inlineRules(f, direction) {
    const list = (0, values_1.knownArray)(f.side, [direction]);
    if (!list) {
        // Omitted on a new group: Terraform removes the default egress rule, so there is none; otherwise unknown.
        if (f.side.creates && !f.side.configured?.has(direction))
            return [];
        if (f.isUnknown([direction]))
            f.markUnknown('/rules', [direction]);
        return [];
    }
    const rules = [];
    for (let index = 0; index < list.length; index += 1) {
        if (!(0, json_1.isObject)(list[index])) {
            f.markUnknown('/rules', [direction, index]);
            continue;
        }
        const base = ruleBase(f, [direction, index], 'protocol', direction === 'egress');
        const sources = [
            ...f.strings([direction, index, 'cidr_blocks'], '/rules').map((cidrIpv4) => ({ cidrIpv4 })),
            ...f.strings([direction, index, 'ipv6_cidr_blocks'], '/rules').map((cidrIpv6) => ({ cidrIpv6 })),
            ...f.ids([direction, index, 'prefix_list_ids'], '/rules').map((prefixListId) => ({ prefixListId })),
            ...f.ids([direction, index, 'security_groups'], '/rules').map((referencedGroupId) => ({ referencedGroupId })),
            ...(f.bool([direction, index, 'self'], '/rules') ? [{ referencedGroupId: f.side.objectId }] : []),
        ];
        for (const source of sources)
            rules.push({ id: `${(0, types_1.placeholderId)(f.side.address)}/${direction}/${rules.length}`, ...base, ...source });
    }
    return rules;
}
/** Group, direction, protocol and ports of a rule; `-1` (all traffic) carries no ports. */
function ruleBase(f, at, protocolField, egress) {
    const protocol = securityGroupProtocol(f.string([...at, protocolField], '/protocol') ?? '-1');
    const groupId = at.length === 0 ? (f.id(['security_group_id'], '/groupId') ?? '') : f.side.objectId;
    const description = f.string([...at, 'description'], '/description');
    const ports = protocol === '-1'
        ? {}
        : {
            ...(0, translate_1.optional)('fromPort', f.number([...at, 'from_port'], '/fromPort')),
            ...(0, translate_1.optional)('toPort', f.number([...at, 'to_port'], '/toPort')),
        };
    return { groupId, egress, protocol, ...ports, ...(0, translate_1.optional)('description', description || undefined) };
}
/** aws_security_group_rule: one resource, one rule per source. Rule ids are synthetic (`new:ADDRESS/N`) unless the API id is known. */
function securityGroupRuleItems(side) {
    const egress = new values_1.Fields(side).string(['type'], '/egress') === 'egress';
    const sources = [
        { field: 'cidr_blocks', key: 'cidrIpv4', list: true, id: false },
        { field: 'ipv6_cidr_blocks', key: 'cidrIpv6', list: true, id: false },
        { field: 'prefix_list_ids', key: 'prefixListId', list: true, id: true },
        { field: 'source_security_group_id', key: 'referencedGroupId', list: false, id: true },
    ];
    const items = [];
    const probe = new values_1.Fields(side);
    const ruleCount = sources.reduce((n, s) => n + (s.list ? probe.length([s.field], '/') : probe.isUnknown([s.field]) || probe.has([s.field]) ? 1 : 0), 0);
    const apiId = ruleCount === 1 ? new values_1.Fields(side).string(['security_group_rule_id'], '/id') : undefined;
    const ruleId = () => apiId || `${(0, types_1.placeholderId)(side.address)}/${items.length}`;
    for (const source of sources) {
        const probeField = new values_1.Fields(side);
        // source_security_group_id is optional+computed: unknown on every new rule, a source only when configured.
        const unknownSource = probeField.isUnknown([source.field]) && (side.configured?.has(source.field) ?? (source.list || ruleCount === 1));
        if (!probeField.has([source.field]) && !unknownSource)
            continue;
        if (unknownSource || !source.list) {
            // An unknown source list is one rule with an unknown source: how many rules there will be is not known either.
            const f = new values_1.Fields(side);
            const base = ruleBase(f, [], 'protocol', egress);
            const value = source.id ? f.id([source.field], `/${source.key}`) : f.string([source.field], `/${source.key}`);
            if (value !== undefined)
                items.push((0, translate_1.item)('securityGroupRule', { id: ruleId(), ...base, [source.key]: value }, f));
            continue;
        }
        const list = (0, values_1.knownArray)(side, [source.field]) ?? [];
        for (let index = 0; index < list.length; index += 1) {
            const f = new values_1.Fields(side);
            const base = ruleBase(f, [], 'protocol', egress);
            const value = source.id
                ? f.id([source.field, index], `/${source.key}`)
                : f.string([source.field, index], `/${source.key}`);
            items.push((0, translate_1.item)('securityGroupRule', { id: ruleId(), ...base, [source.key]: value ?? '' }, f));
        }
    }
    const f = new values_1.Fields(side);
    if (f.bool(['self'], '/referencedGroupId')) {
        const base = ruleBase(f, [], 'protocol', egress);
        items.push((0, translate_1.item)('securityGroupRule', { id: ruleId(), ...base, referencedGroupId: base.groupId }, f));
    }
    return items;
}
/** aws_vpc_security_group_ingress_rule / _egress_rule: one resource, one API rule, with its own `sgr-` id. */
function vpcSecurityGroupRuleItems(side) {
    const f = new values_1.Fields(side);
    const base = ruleBase(f, [], 'ip_protocol', side.type === 'aws_vpc_security_group_egress_rule');
    const apiId = f.has(['security_group_rule_id']) ? f.string(['security_group_rule_id'], '/id') : undefined;
    const rule = {
        id: apiId || side.objectId,
        ...base,
        ...(0, translate_1.optional)('cidrIpv4', f.string(['cidr_ipv4'], '/cidrIpv4') || undefined),
        ...(0, translate_1.optional)('cidrIpv6', f.string(['cidr_ipv6'], '/cidrIpv6') || undefined),
        ...(0, translate_1.optional)('prefixListId', f.id(['prefix_list_id'], '/prefixListId') || undefined),
        ...(0, translate_1.optional)('referencedGroupId', f.id(['referenced_security_group_id'], '/referencedGroupId') || undefined),
    };
    // Keep the stand-ins of unknown sources so the pointers in `unknown` point at something.
    for (const key of ['cidrIpv4', 'cidrIpv6', 'prefixListId', 'referencedGroupId'])
        if (f.unknown[`/${key}`] !== undefined)
            rule[key] = '';
    return [(0, translate_1.item)('securityGroupRule', rule, f)];
}
/** aws_network_acl / aws_default_network_acl with their inline entries. */
function networkAclItems(side) {
    const f = new values_1.Fields(side);
    const isDefault = side.type === 'aws_default_network_acl';
    const id = isDefault ? (f.id(['default_network_acl_id'], '/id') ?? side.objectId) : side.objectId;
    const inlineEntries = isDefault || (0, values_1.managesInline)(side, 'ingress') || (0, values_1.managesInline)(side, 'egress');
    const entries = inlineEntries ? [...inlineAclEntries(f, 'ingress'), ...inlineAclEntries(f, 'egress')] : [];
    const subnetIds = side.creates && !side.configured?.has('subnet_ids') && f.isUnknown(['subnet_ids'])
        ? []
        : f.ids(['subnet_ids'], '/subnetIds');
    return [
        (0, translate_1.item)('networkAcl', {
            id,
            vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            isDefault,
            subnetIds,
            entries,
            inlineEntries,
        }, f),
    ];
}
function inlineAclEntries(f, direction) {
    const list = (0, values_1.knownArray)(f.side, [direction]);
    if (!list) {
        if (f.side.creates && !f.side.configured?.has(direction))
            return [];
        if (f.isUnknown([direction]))
            f.markUnknown('/entries', [direction]);
        return [];
    }
    return list.flatMap((element, index) => {
        if (!(0, json_1.isObject)(element)) {
            f.markUnknown('/entries', [direction, index]);
            return [];
        }
        return [
            aclEntry(f, [direction, index], { ruleNumber: 'rule_no', action: 'action' }, direction === 'egress', '/entries'),
        ];
    });
}
function aclEntry(f, at, names, egress, pointer) {
    const protocol = aclProtocol(f.string([...at, 'protocol'], pointer) ?? '-1');
    const action = f.string([...at, names.action], pointer)?.toLowerCase() === 'deny' ? 'deny' : 'allow';
    const hasPorts = protocol === '6' || protocol === '17';
    const from = hasPorts ? f.number([...at, 'from_port'], pointer) : undefined;
    const to = hasPorts ? f.number([...at, 'to_port'], pointer) : undefined;
    return {
        ruleNumber: f.number([...at, names.ruleNumber], pointer) ?? 0,
        egress,
        action,
        protocol,
        ...(0, translate_1.optional)('cidr', f.string([...at, 'cidr_block'], pointer) || undefined),
        ...(0, translate_1.optional)('ipv6Cidr', f.string([...at, 'ipv6_cidr_block'], pointer) || undefined),
        ...(0, translate_1.optional)('portRange', from !== undefined && to !== undefined ? { from, to } : undefined),
    };
}
function networkAclRuleItems(side) {
    const f = new values_1.Fields(side);
    const networkAclId = f.id(['network_acl_id'], '/networkAclId') ?? '';
    const egress = f.bool(['egress'], '/entry/egress') ?? false;
    return [
        (0, translate_1.item)('networkAclEntry', { networkAclId, entry: aclEntry(f, [], { ruleNumber: 'rule_number', action: 'rule_action' }, egress, '/entry') }, f),
    ];
}
function networkAclAssociationItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('networkAclAssociation', { networkAclId: f.id(['network_acl_id'], '/networkAclId') ?? '', subnetId: f.id(['subnet_id'], '/subnetId') ?? '' }, f),
    ];
}
function prefixListItems(side) {
    const f = new values_1.Fields(side);
    let entries = [];
    const list = (0, values_1.knownArray)(side, ['entry']);
    if (list) {
        entries = list.flatMap((element, index) => (0, json_1.isObject)(element) ? [f.string(['entry', index, 'cidr'], '/entries') ?? ''] : []);
        if (list.some((element) => !(0, json_1.isObject)(element)))
            f.markUnknown('/entries', ['entry']);
    }
    else if (f.isUnknown(['entry']) && (side.configured?.has('entry') ?? !side.creates)) {
        f.markUnknown('/entries', ['entry']);
    }
    return [
        (0, translate_1.item)('prefixList', {
            id: side.objectId,
            ...(0, translate_1.optional)('name', f.string(['name'], '/name') ?? (0, routing_1.nameTag)(f)),
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            ...(0, translate_1.optional)('addressFamily', f.string(['address_family'], '/addressFamily')),
            ...(0, translate_1.optional)('version', f.number(['version'], '/version')),
            ...(0, translate_1.optional)('maxEntries', f.number(['max_entries'], '/maxEntries')),
            entries,
        }, f),
    ];
}
function prefixListEntryItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('prefixListEntry', { prefixListId: f.id(['prefix_list_id'], '/prefixListId') ?? '', cidr: f.string(['cidr'], '/cidr') ?? '' }, f),
    ];
}
