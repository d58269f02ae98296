/**
 * Security groups and their rules. Inline rules expand to one snapshot rule per source (DescribeSecurityGroupRules'
 * shape). CloudFormation keeps EC2's default allow-all egress when `SecurityGroupEgress` is absent; CDK's
 * "Disallow all traffic" rule (255.255.255.255/32, ICMP type 252 code 86) exists only to remove it: no egress.
 */
import {placeholderId} from '../../change/types';
import type {SecurityGroupRule} from '../../snapshot/network';
import type {Fields} from './fields';
import {defined, planned, required} from './items';
import type {ResourceInput, Translation, Translator} from './items';

export const SECURITY_GROUP_TRANSLATORS: Record<string, Translator> = {
  'AWS::EC2::SecurityGroup': securityGroup,
  'AWS::EC2::SecurityGroupIngress': (input) => ruleResource(input, false),
  'AWS::EC2::SecurityGroupEgress': (input) => ruleResource(input, true),
};

/** Protocol numbers the API reports by name. */
const PROTOCOL_NAMES: Record<string, string> = {'6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6'};

/** Per direction, each source property and the rule field it fills (one rule per source set). */
const SOURCES: Record<'egress' | 'ingress', [string, keyof SecurityGroupRule][]> = {
  ingress: [
    ['CidrIp', 'cidrIpv4'],
    ['CidrIpv6', 'cidrIpv6'],
    ['SourcePrefixListId', 'prefixListId'],
    ['SourceSecurityGroupId', 'referencedGroupId'],
  ],
  egress: [
    ['CidrIp', 'cidrIpv4'],
    ['CidrIpv6', 'cidrIpv6'],
    ['DestinationPrefixListId', 'prefixListId'],
    ['DestinationSecurityGroupId', 'referencedGroupId'],
  ],
};

function securityGroup(input: ResourceInput): Translation {
  const {id, fields, accountId, address} = input;
  const group = defined({
    id,
    name: fields.string('GroupName', '/group/name'),
    vpcId: fields.string('VpcId', '/group/vpcId'),
    ownerId: accountId,
    description: required(fields, 'GroupDescription', '/group/description'),
  });
  const ingress = inlineRules(fields, 'SecurityGroupIngress', id, address, false);
  // No egress rules (absent, removed by AWS::NoValue, or an empty list): EC2 keeps or restores its default.
  const declaredEgress = fields.raw('SecurityGroupEgress');
  const keepsDefault = declaredEgress === undefined || (Array.isArray(declaredEgress) && declaredEgress.length === 0);
  const egress = keepsDefault
    ? [{rule: defaultEgress(id, address), unknown: {}}]
    : inlineRules(fields, 'SecurityGroupEgress', id, address, true);
  const rules = [...ingress, ...egress];
  // Each rule's unknown fields, re-rooted at its place in the group item's `rules`.
  rules.forEach(({unknown}, index) => {
    for (const [pointer, reason] of Object.entries(unknown)) fields.unknown[`/rules/${index}${pointer}`] = reason;
  });
  return {items: [planned('securityGroup', {group, rules: rules.map(({rule}) => rule)}, fields.unknown)]};
}

/** EC2's rule for a group created without egress rules: all traffic to anywhere (IPv4). */
function defaultEgress(groupId: string, address: string): SecurityGroupRule {
  return {
    id: placeholderId(`${address}/DefaultEgress`),
    groupId,
    egress: true,
    protocol: '-1',
    cidrIpv4: '0.0.0.0/0',
    description: 'EC2 default egress (no SecurityGroupEgress in the template)',
  };
}

interface RuleWithUnknowns {
  rule: SecurityGroupRule;
  /** Pointers into the rule. */
  unknown: Record<string, string>;
}

function inlineRules(
  fields: Fields,
  property: string,
  groupId: string,
  address: string,
  egress: boolean,
): RuleWithUnknowns[] {
  return fields
    .maps(property, '/rules')
    .flatMap((rule, i) =>
      egress && isCdkDisallowAll(rule)
        ? []
        : rulesOf(rule, groupId, placeholderId(`${address}/${property}/${i}`), egress),
    );
}

/** A separate SecurityGroupIngress/Egress resource: one rule, on the group named by GroupId. */
function ruleResource({id, fields}: ResourceInput, egress: boolean): Translation {
  let groupId = fields.string('GroupId', '/groupId');
  if (groupId === undefined && fields.has('GroupName')) {
    fields.markUnknown(
      '/groupId',
      'unknown until deploy: GroupName names a group of the default VPC, whose id is not in the template',
    );
    groupId = '';
  }

  if (groupId === undefined) throw fields.expected('a value (the property is required)', 'GroupId');
  if (egress && isCdkDisallowAll(fields)) return {items: []};
  return {
    items: rulesOf(fields, groupId, id, egress).map(({rule, unknown}) =>
      planned('securityGroupRule', rule, {...fields.unknown, ...unknown}),
    ),
  };
}

/** One rule per source the definition sets, each with its unknown fields (pointers into the rule). */
function rulesOf(definition: Fields, groupId: string, id: string, egress: boolean): RuleWithUnknowns[] {
  const baseUnknown: Record<string, string> = {};
  const rule = definition.forItem(baseUnknown);
  const protocolText = required(rule, 'IpProtocol', '/protocol').toLowerCase();
  const protocol = PROTOCOL_NAMES[protocolText] ?? protocolText;
  const allTraffic = protocol === '-1';
  const base = defined({
    groupId,
    egress,
    protocol,
    fromPort: allTraffic ? undefined : rule.number('FromPort', '/fromPort'),
    toPort: allTraffic ? undefined : rule.number('ToPort', '/toPort'),
    description: rule.string('Description', '/description'),
  });

  if (rule.has('SourceSecurityGroupName') && !egress) {
    rule.markUnknown(
      '/referencedGroupId',
      'unknown until deploy: SourceSecurityGroupName names a group of the default VPC, whose id is not in the template',
    );
    return [{rule: {...base, id, referencedGroupId: ''}, unknown: baseUnknown}];
  }

  const sources = SOURCES[egress ? 'egress' : 'ingress'].filter(([property]) => rule.has(property));
  if (sources.length === 0)
    throw rule.expected(
      `a ${egress ? 'destination' : 'source'} (CidrIp, CidrIpv6, a prefix list or a security group)`,
      'CidrIp',
    );
  return sources.map(([property, field], k) => {
    const unknown = {...baseUnknown};
    const value = definition.forItem(unknown).string(property, `/${field}`) ?? '';
    return {rule: {...base, id: sources.length === 1 ? id : `${id}/${k}`, [field]: value}, unknown};
  });
}

/** CDK's `allowAllOutbound: false` marker rule (aws-cdk-lib security-group.ts): it matches no traffic. */
function isCdkDisallowAll(rule: Fields): boolean {
  const probe = rule.forItem({});
  return (
    probe.string('CidrIp', '/') === '255.255.255.255/32' &&
    probe.string('IpProtocol', '/')?.toLowerCase() === 'icmp' &&
    probe.number('FromPort', '/') === 252 &&
    probe.number('ToPort', '/') === 86
  );
}
