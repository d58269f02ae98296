/**
 * Security groups and their rules, network ACLs and their entries, managed prefix lists. Terraform's rule shapes
 * (one inline element or rule resource, many sources) are expanded to the API's atomic rules: one per source.
 */
import type {PlannedItem} from '../../change/types';
import type {NetworkAclEntry, SecurityGroupRule} from '../../snapshot/network';
import {placeholderId} from '../../change/types';
import {isObject} from './json';
import {nameTag} from './routing';
import {item, optional} from './translate';
import {type AttrPath, Fields, knownArray, managesInline, type Side} from './values';

const PROTOCOL_NUMBERS: Record<string, string> = {
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
export function securityGroupProtocol(protocol: string): string {
  const lower = protocol.trim().toLowerCase();
  const number = PROTOCOL_NUMBERS[lower] ?? lower;
  const names: Record<string, string> = {'-1': '-1', '6': 'tcp', '17': 'udp', '1': 'icmp'};
  return names[number] ?? number;
}

/** Network ACL protocol as DescribeNetworkAcls writes it: a number as a string (`6`, `17`, `-1`). */
export function aclProtocol(protocol: string): string {
  const lower = protocol.trim().toLowerCase();
  return PROTOCOL_NUMBERS[lower] ?? lower;
}

export function securityGroupItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const isDefault = side.type === 'aws_default_security_group';
  const group = {
    id: side.objectId,
    ...optional('name', f.string(['name'], '/group/name') ?? (isDefault ? 'default' : undefined)),
    ...optional('vpcId', f.id(['vpc_id'], '/group/vpcId')),
    ...optional('ownerId', f.descriptive(['owner_id'])),
    ...optional('description', f.string(['description'], '/group/description')),
  };
  // aws_default_security_group always manages its rules (it removes what it does not declare).
  const inline = isDefault || managesInline(side, 'ingress') || managesInline(side, 'egress');
  if (!inline) return [item('securityGroup', {group}, f)];
  const rules = [...inlineRules(f, 'ingress'), ...inlineRules(f, 'egress')];
  return [item('securityGroup', {group, rules}, f)];
}

/** Expands an inline `ingress`/`egress` set: one rule per CIDR, IPv6 CIDR, prefix list, group and `self`. */
function inlineRules(f: Fields, direction: 'egress' | 'ingress'): SecurityGroupRule[] {
  const list = knownArray(f.side, [direction]);
  if (!list) {
    // Omitted on a new group: Terraform removes the default egress rule, so there is none; otherwise unknown.
    if (f.side.creates && !f.side.configured?.has(direction)) return [];
    if (f.isUnknown([direction])) f.markUnknown('/rules', [direction]);
    return [];
  }

  const rules: SecurityGroupRule[] = [];
  for (let index = 0; index < list.length; index += 1) {
    if (!isObject(list[index])) {
      f.markUnknown('/rules', [direction, index]);
      continue;
    }

    const base = ruleBase(f, [direction, index], 'protocol', direction === 'egress');
    const sources = [
      ...f.strings([direction, index, 'cidr_blocks'], '/rules').map((cidrIpv4) => ({cidrIpv4})),
      ...f.strings([direction, index, 'ipv6_cidr_blocks'], '/rules').map((cidrIpv6) => ({cidrIpv6})),
      ...f.ids([direction, index, 'prefix_list_ids'], '/rules').map((prefixListId) => ({prefixListId})),
      ...f.ids([direction, index, 'security_groups'], '/rules').map((referencedGroupId) => ({referencedGroupId})),
      ...(f.bool([direction, index, 'self'], '/rules') ? [{referencedGroupId: f.side.objectId}] : []),
    ];
    for (const source of sources)
      rules.push({id: `${placeholderId(f.side.address)}/${direction}/${rules.length}`, ...base, ...source});
  }

  return rules;
}

/** Group, direction, protocol and ports of a rule; `-1` (all traffic) carries no ports. */
function ruleBase(f: Fields, at: AttrPath, protocolField: string, egress: boolean): Omit<SecurityGroupRule, 'id'> {
  const protocol = securityGroupProtocol(f.string([...at, protocolField], '/protocol') ?? '-1');
  const groupId = at.length === 0 ? (f.id(['security_group_id'], '/groupId') ?? '') : f.side.objectId;
  const description = f.string([...at, 'description'], '/description');
  const ports =
    protocol === '-1'
      ? {}
      : {
          ...optional('fromPort', f.number([...at, 'from_port'], '/fromPort')),
          ...optional('toPort', f.number([...at, 'to_port'], '/toPort')),
        };
  return {groupId, egress, protocol, ...ports, ...optional('description', description || undefined)};
}

/** aws_security_group_rule: one resource, one rule per source. Rule ids are synthetic (`new:ADDRESS/N`) unless the API id is known. */
export function securityGroupRuleItems(side: Side): PlannedItem[] {
  const egress = new Fields(side).string(['type'], '/egress') === 'egress';
  const sources: {field: string; key: keyof SecurityGroupRule; list: boolean; id: boolean}[] = [
    {field: 'cidr_blocks', key: 'cidrIpv4', list: true, id: false},
    {field: 'ipv6_cidr_blocks', key: 'cidrIpv6', list: true, id: false},
    {field: 'prefix_list_ids', key: 'prefixListId', list: true, id: true},
    {field: 'source_security_group_id', key: 'referencedGroupId', list: false, id: true},
  ];
  const items: PlannedItem[] = [];
  const probe = new Fields(side);
  const ruleCount = sources.reduce(
    (n, s) => n + (s.list ? probe.length([s.field], '/') : probe.isUnknown([s.field]) || probe.has([s.field]) ? 1 : 0),
    0,
  );
  const apiId = ruleCount === 1 ? new Fields(side).string(['security_group_rule_id'], '/id') : undefined;
  const ruleId = (): string => apiId || `${placeholderId(side.address)}/${items.length}`;
  for (const source of sources) {
    const probeField = new Fields(side);
    // source_security_group_id is optional+computed: unknown on every new rule, a source only when configured.
    const unknownSource =
      probeField.isUnknown([source.field]) && (side.configured?.has(source.field) ?? (source.list || ruleCount === 1));
    if (!probeField.has([source.field]) && !unknownSource) continue;
    if (unknownSource || !source.list) {
      // An unknown source list is one rule with an unknown source: how many rules there will be is not known either.
      const f = new Fields(side);
      const base = ruleBase(f, [], 'protocol', egress);
      const value = source.id ? f.id([source.field], `/${source.key}`) : f.string([source.field], `/${source.key}`);
      if (value !== undefined) items.push(item('securityGroupRule', {id: ruleId(), ...base, [source.key]: value}, f));
      continue;
    }

    const list = knownArray(side, [source.field]) ?? [];
    for (let index = 0; index < list.length; index += 1) {
      const f = new Fields(side);
      const base = ruleBase(f, [], 'protocol', egress);
      const value = source.id
        ? f.id([source.field, index], `/${source.key}`)
        : f.string([source.field, index], `/${source.key}`);
      items.push(item('securityGroupRule', {id: ruleId(), ...base, [source.key]: value ?? ''}, f));
    }
  }

  const f = new Fields(side);
  if (f.bool(['self'], '/referencedGroupId')) {
    const base = ruleBase(f, [], 'protocol', egress);
    items.push(item('securityGroupRule', {id: ruleId(), ...base, referencedGroupId: base.groupId}, f));
  }

  return items;
}

/** aws_vpc_security_group_ingress_rule / _egress_rule: one resource, one API rule, with its own `sgr-` id. */
export function vpcSecurityGroupRuleItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const base = ruleBase(f, [], 'ip_protocol', side.type === 'aws_vpc_security_group_egress_rule');
  const apiId = f.has(['security_group_rule_id']) ? f.string(['security_group_rule_id'], '/id') : undefined;
  const rule: SecurityGroupRule = {
    id: apiId || side.objectId,
    ...base,
    ...optional('cidrIpv4', f.string(['cidr_ipv4'], '/cidrIpv4') || undefined),
    ...optional('cidrIpv6', f.string(['cidr_ipv6'], '/cidrIpv6') || undefined),
    ...optional('prefixListId', f.id(['prefix_list_id'], '/prefixListId') || undefined),
    ...optional('referencedGroupId', f.id(['referenced_security_group_id'], '/referencedGroupId') || undefined),
  };
  // Keep the stand-ins of unknown sources so the pointers in `unknown` point at something.
  for (const key of ['cidrIpv4', 'cidrIpv6', 'prefixListId', 'referencedGroupId'] as const)
    if (f.unknown[`/${key}`] !== undefined) rule[key] = '';
  return [item('securityGroupRule', rule, f)];
}

/** aws_network_acl / aws_default_network_acl with their inline entries. */
export function networkAclItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const isDefault = side.type === 'aws_default_network_acl';
  const id = isDefault ? (f.id(['default_network_acl_id'], '/id') ?? side.objectId) : side.objectId;
  const inlineEntries = isDefault || managesInline(side, 'ingress') || managesInline(side, 'egress');
  const entries = inlineEntries ? [...inlineAclEntries(f, 'ingress'), ...inlineAclEntries(f, 'egress')] : [];
  const subnetIds =
    side.creates && !side.configured?.has('subnet_ids') && f.isUnknown(['subnet_ids'])
      ? []
      : f.ids(['subnet_ids'], '/subnetIds');
  return [
    item(
      'networkAcl',
      {
        id,
        vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
        ...optional('ownerId', f.descriptive(['owner_id'])),
        isDefault,
        subnetIds,
        entries,
        inlineEntries,
      },
      f,
    ),
  ];
}

function inlineAclEntries(f: Fields, direction: 'egress' | 'ingress'): NetworkAclEntry[] {
  const list = knownArray(f.side, [direction]);
  if (!list) {
    if (f.side.creates && !f.side.configured?.has(direction)) return [];
    if (f.isUnknown([direction])) f.markUnknown('/entries', [direction]);
    return [];
  }

  return list.flatMap((element, index) => {
    if (!isObject(element)) {
      f.markUnknown('/entries', [direction, index]);
      return [];
    }

    return [
      aclEntry(f, [direction, index], {ruleNumber: 'rule_no', action: 'action'}, direction === 'egress', '/entries'),
    ];
  });
}

function aclEntry(
  f: Fields,
  at: AttrPath,
  names: {ruleNumber: string; action: string},
  egress: boolean,
  pointer: string,
): NetworkAclEntry {
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
    ...optional('cidr', f.string([...at, 'cidr_block'], pointer) || undefined),
    ...optional('ipv6Cidr', f.string([...at, 'ipv6_cidr_block'], pointer) || undefined),
    ...optional('portRange', from !== undefined && to !== undefined ? {from, to} : undefined),
  };
}

export function networkAclRuleItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const networkAclId = f.id(['network_acl_id'], '/networkAclId') ?? '';
  const egress = f.bool(['egress'], '/entry/egress') ?? false;
  return [
    item(
      'networkAclEntry',
      {networkAclId, entry: aclEntry(f, [], {ruleNumber: 'rule_number', action: 'rule_action'}, egress, '/entry')},
      f,
    ),
  ];
}

export function networkAclAssociationItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'networkAclAssociation',
      {networkAclId: f.id(['network_acl_id'], '/networkAclId') ?? '', subnetId: f.id(['subnet_id'], '/subnetId') ?? ''},
      f,
    ),
  ];
}

export function prefixListItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  let entries: string[] | null = [];
  const list = knownArray(side, ['entry']);
  if (list) {
    entries = list.flatMap((element, index) =>
      isObject(element) ? [f.string(['entry', index, 'cidr'], '/entries') ?? ''] : [],
    );
    if (list.some((element) => !isObject(element))) f.markUnknown('/entries', ['entry']);
  } else if (f.isUnknown(['entry']) && (side.configured?.has('entry') ?? !side.creates)) {
    f.markUnknown('/entries', ['entry']);
  }

  return [
    item(
      'prefixList',
      {
        id: side.objectId,
        ...optional('name', f.string(['name'], '/name') ?? nameTag(f)),
        ...optional('ownerId', f.descriptive(['owner_id'])),
        ...optional('addressFamily', f.string(['address_family'], '/addressFamily')),
        ...optional('version', f.number(['version'], '/version')),
        ...optional('maxEntries', f.number(['max_entries'], '/maxEntries')),
        entries,
      },
      f,
    ),
  ];
}

export function prefixListEntryItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'prefixListEntry',
      {prefixListId: f.id(['prefix_list_id'], '/prefixListId') ?? '', cidr: f.string(['cidr'], '/cidr') ?? ''},
      f,
    ),
  ];
}
