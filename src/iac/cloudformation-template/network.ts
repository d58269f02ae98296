/**
 * VPC-level resources → snapshot items: VPCs and their CIDR blocks, subnets, route tables, routes and their
 * associations, network ACLs and entries, prefix lists, internet and NAT gateways, gateway attachments.
 */
import type {NetworkAclEntry, Route, RouteTargetType} from '../../snapshot/network';
import {tagMap} from './fields';
import type {Fields} from './fields';
import {defined, planned, required, vpcOfTemplateResource} from './items';
import type {ResourceInput, Translation, Translator} from './items';

export const NETWORK_TRANSLATORS: Record<string, Translator> = {
  'AWS::EC2::VPC': vpc,
  'AWS::EC2::VPCCidrBlock': vpcCidrBlock,
  'AWS::EC2::Subnet': subnet,
  'AWS::EC2::RouteTable': routeTable,
  'AWS::EC2::Route': route,
  'AWS::EC2::SubnetRouteTableAssociation': subnetRouteTableAssociation,
  'AWS::EC2::GatewayRouteTableAssociation': gatewayRouteTableAssociation,
  'AWS::EC2::VPNGatewayRoutePropagation': vpnGatewayRoutePropagation,
  'AWS::EC2::NetworkAcl': networkAcl,
  'AWS::EC2::NetworkAclEntry': networkAclEntry,
  'AWS::EC2::SubnetNetworkAclAssociation': subnetNetworkAclAssociation,
  'AWS::EC2::PrefixList': prefixList,
  'AWS::EC2::InternetGateway': internetGateway,
  'AWS::EC2::VPCGatewayAttachment': gatewayAttachment,
  'AWS::EC2::NatGateway': natGateway,
};

function vpc({id, fields, accountId}: ResourceInput): Translation {
  const cidr = fields.string('CidrBlock', '/cidrs/0');
  if (cidr === undefined) fields.markUnknown('/cidrs', 'unknown until deploy: the CIDR block comes from an IPAM pool');
  const value = defined({
    id,
    ownerId: accountId,
    name: nameOf(fields),
    isDefault: false,
    cidrs: cidr === undefined ? [] : [cidr],
  });
  return {items: [planned('vpc', value, fields.unknown)]};
}

/**
 * A secondary CIDR block. The index merges it into its VPC when the template defines that VPC; for a deployed
 * VPC it is opaque (the snapshot item would need the VPC's other blocks).
 */
function vpcCidrBlock({fields}: ResourceInput): Translation {
  const vpcId = required(fields, 'VpcId', '/vpcIds/0');
  const cidr =
    fields.string('CidrBlock', '/description') ??
    fields.string('Ipv6CidrBlock', '/description') ??
    'an IPAM-allocated block';
  return {
    items: [
      planned('opaque', {description: `CIDR block ${cidr} added to VPC ${vpcId}`, vpcIds: [vpcId]}, fields.unknown),
    ],
  };
}

function subnet({id, fields, accountId}: ResourceInput): Translation {
  const cidr = fields.string('CidrBlock', '/cidr');
  if (cidr === undefined && !fields.has('Ipv6CidrBlock'))
    fields.markUnknown('/cidr', 'unknown until deploy: the CIDR block comes from an IPAM pool');
  const ipv6 = fields.string('Ipv6CidrBlock', '/ipv6Cidrs/0');
  const value = defined({
    id,
    vpcId: required(fields, 'VpcId', '/vpcId'),
    ownerId: accountId,
    name: nameOf(fields),
    availabilityZone: fields.string('AvailabilityZone', '/availabilityZone'),
    availabilityZoneId: fields.string('AvailabilityZoneId', '/availabilityZoneId'),
    cidr,
    ipv6Cidrs: ipv6 === undefined ? undefined : [ipv6],
    mapPublicIpOnLaunch: fields.boolean('MapPublicIpOnLaunch', '/mapPublicIpOnLaunch') ?? false,
  });
  return {items: [planned('subnet', value, fields.unknown)]};
}

/** Routes and associations are separate resources in CloudFormation: the table manages none inline. */
function routeTable({id, fields, accountId}: ResourceInput): Translation {
  const value = defined({
    id,
    vpcId: required(fields, 'VpcId', '/vpcId'),
    ownerId: accountId,
    name: nameOf(fields),
    main: false,
    associations: [],
    propagatingVgwIds: [],
    routes: [],
    inlineRoutes: false,
  });
  return {items: [planned('routeTable', value, fields.unknown)]};
}

/** Route target properties, in the order CloudFormation documents them; GatewayId is split by what it names. */
const ROUTE_TARGETS: [string, RouteTargetType | 'gateway'][] = [
  ['GatewayId', 'gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering-connection'],
  ['NetworkInterfaceId', 'network-interface'],
  ['InstanceId', 'instance'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  // AWS::EC2::Route takes only Gateway Load Balancer (and Network Firewall) endpoints here.
  ['VpcEndpointId', 'gateway-load-balancer-endpoint'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['LocalGatewayId', 'local-gateway'],
  ['CoreNetworkArn', 'core-network'],
];

function route(input: ResourceInput): Translation {
  const {fields} = input;
  const routeTableId = required(fields, 'RouteTableId', '/routeTableId');
  const destination = defined({
    destinationCidr: fields.string('DestinationCidrBlock', '/route/destinationCidr'),
    destinationIpv6Cidr: fields.string('DestinationIpv6CidrBlock', '/route/destinationIpv6Cidr'),
    destinationPrefixListId: fields.string('DestinationPrefixListId', '/route/destinationPrefixListId'),
  });
  if (Object.keys(destination).length === 0)
    throw fields.expected(
      'DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId',
      'DestinationCidrBlock',
    );
  const target = routeTarget(input);
  const value: {routeTableId: string; route: Route} = {
    routeTableId,
    route: {...destination, ...target, origin: 'CreateRoute'},
  };
  const items = [planned('route', value, fields.unknown)];
  if (target.targetType === 'gateway-load-balancer-endpoint') {
    const vpcId = vpcOfTemplateResource(input, routeTableId);
    const to = Object.values(destination)[0];
    items.push(
      planned(
        'opaque',
        {
          description: `route ${to} in ${routeTableId} → ${target.targetId}, an endpoint of a Gateway Load Balancer or Network Firewall`,
          vpcIds: vpcId ? [vpcId] : [],
        },
        {},
      ),
    );
  }

  return {items};
}

function routeTarget(input: ResourceInput): {targetType: RouteTargetType; targetId: string} {
  const {fields} = input;
  for (const [property, kind] of ROUTE_TARGETS) {
    if (!fields.has(property)) continue;
    const targetId = fields.string(property, '/route/targetId') ?? '';
    const unknownTarget = fields.unknown['/route/targetId'];
    if (unknownTarget !== undefined) fields.unknown['/route/targetType'] = unknownTarget;
    return {targetType: kind === 'gateway' ? gatewayKind(input, targetId) : kind, targetId};
  }

  throw fields.expected('a target (GatewayId, NatGatewayId, TransitGatewayId, VpcPeeringConnectionId …)', 'GatewayId');
}

/** `GatewayId` holds an internet or a virtual private gateway: its id prefix says which, or its type in this template. */
function gatewayKind(input: ResourceInput, id: string): RouteTargetType {
  if (id.startsWith('igw-')) return 'internet-gateway';
  if (id.startsWith('vgw-')) return 'vpn-gateway';
  const type = input.resourceById(id)?.type;
  if (type === 'AWS::EC2::InternetGateway') return 'internet-gateway';
  if (type === 'AWS::EC2::VPNGateway') return 'vpn-gateway';
  return 'unknown';
}

function subnetRouteTableAssociation(input: ResourceInput): Translation {
  const {id, fields} = input;
  const routeTableId = required(fields, 'RouteTableId', '/routeTableId');
  const subnetId = required(fields, 'SubnetId', '/association/subnetId');
  const vpcId = vpcOfTemplateResource(input, subnetId) ?? vpcOfTemplateResource(input, routeTableId);
  return {
    items: [
      planned(
        'routeTableAssociation',
        defined({routeTableId, vpcId, association: {id, subnetId, main: false}}),
        fields.unknown,
      ),
    ],
  };
}

function gatewayRouteTableAssociation({id, fields}: ResourceInput): Translation {
  const routeTableId = required(fields, 'RouteTableId', '/routeTableId');
  const gatewayId = required(fields, 'GatewayId', '/association/gatewayId');
  return {
    items: [
      planned('routeTableAssociation', {routeTableId, association: {id, gatewayId, main: false}}, fields.unknown),
    ],
  };
}

/** One propagation per route table listed. */
function vpnGatewayRoutePropagation({fields}: ResourceInput): Translation {
  const vpnGatewayId = required(fields, 'VpnGatewayId', '/vpnGatewayId');
  const tables = fields.strings('RouteTableIds', '/routeTableId');
  if (tables === undefined) throw fields.expected('a list of route table ids', 'RouteTableIds');
  const items = (tables.length > 0 || fields.unknown['/routeTableId'] === undefined ? tables : ['']).map(
    (routeTableId, i) => {
      const unknown: Record<string, string> = {};
      const reason = fields.unknown[`/routeTableId/${i}`] ?? fields.unknown['/routeTableId'];
      if (reason) unknown['/routeTableId'] = reason;
      if (fields.unknown['/vpnGatewayId']) unknown['/vpnGatewayId'] = fields.unknown['/vpnGatewayId'];
      return planned('routePropagation', {routeTableId, vpnGatewayId}, unknown);
    },
  );
  return {items};
}

/** A new ACL denies everything but its own rules: EC2 adds the `*` (32767) deny entries. */
function networkAcl({id, fields, accountId, deployed}: ResourceInput): Translation {
  const denyAll = (egress: boolean): NetworkAclEntry => ({
    ruleNumber: 32767,
    egress,
    action: 'deny',
    protocol: '-1',
    cidr: '0.0.0.0/0',
  });
  const value = defined({
    id,
    vpcId: required(fields, 'VpcId', '/vpcId'),
    ownerId: accountId,
    isDefault: false,
    subnetIds: [],
    entries: deployed ? [] : [denyAll(false), denyAll(true)],
    inlineEntries: false,
  });
  return {items: [planned('networkAcl', value, fields.unknown)]};
}

/** CloudFormation's protocol numbers as the API reports them (`-1`, `6`); ports only for TCP and UDP. */
function networkAclEntry({fields}: ResourceInput): Translation {
  const networkAclId = required(fields, 'NetworkAclId', '/networkAclId');
  const protocolNumber = fields.number('Protocol', '/entry/protocol');
  if (protocolNumber === undefined) throw fields.expected('a protocol number (-1 for all)', 'Protocol');
  const protocol = String(protocolNumber);
  const action = required(fields, 'RuleAction', '/entry/action').toLowerCase();
  if (action !== 'allow' && action !== 'deny' && action !== '') throw fields.expected('allow or deny', 'RuleAction');
  const ruleNumber = fields.number('RuleNumber', '/entry/ruleNumber');
  if (ruleNumber === undefined) throw fields.expected('a rule number', 'RuleNumber');
  const ports = fields.child('PortRange');
  const portRange =
    (protocol === '6' || protocol === '17') && fields.has('PortRange')
      ? {
          from: ports.number('From', '/entry/portRange/from') ?? 0,
          to: ports.number('To', '/entry/portRange/to') ?? 65535,
        }
      : undefined;
  const entry: NetworkAclEntry = defined({
    ruleNumber,
    egress: fields.boolean('Egress', '/entry/egress') ?? false,
    action: action === 'allow' ? 'allow' : 'deny',
    protocol,
    cidr: fields.string('CidrBlock', '/entry/cidr'),
    ipv6Cidr: fields.string('Ipv6CidrBlock', '/entry/ipv6Cidr'),
    portRange,
  });
  return {items: [planned('networkAclEntry', {networkAclId, entry}, fields.unknown)]};
}

function subnetNetworkAclAssociation({fields}: ResourceInput): Translation {
  const value = {
    networkAclId: required(fields, 'NetworkAclId', '/networkAclId'),
    subnetId: required(fields, 'SubnetId', '/subnetId'),
  };
  return {items: [planned('networkAclAssociation', value, fields.unknown)]};
}

function prefixList({id, fields, accountId}: ResourceInput): Translation {
  const entries = fields.maps('Entries', '/entries').map((entry, i) => entry.string('Cidr', `/entries/${i}`) ?? '');
  const value = defined({
    id,
    name: fields.string('PrefixListName', '/name'),
    ownerId: accountId,
    addressFamily: fields.string('AddressFamily', '/addressFamily'),
    maxEntries: fields.number('MaxEntries', '/maxEntries'),
    entries,
  });
  return {items: [planned('prefixList', value, fields.unknown)]};
}

function internetGateway({id, fields}: ResourceInput): Translation {
  return {items: [planned('internetGateway', {id, attachments: []}, fields.unknown)]};
}

/** One resource type for both kinds of gateway: which property is set says which. */
function gatewayAttachment({fields}: ResourceInput): Translation {
  const vpcId = required(fields, 'VpcId', '/vpcId');
  if (fields.has('InternetGatewayId'))
    return {
      items: [
        planned(
          'internetGatewayAttachment',
          {internetGatewayId: required(fields, 'InternetGatewayId', '/internetGatewayId'), vpcId},
          fields.unknown,
        ),
      ],
    };
  if (fields.has('VpnGatewayId'))
    return {
      items: [
        planned(
          'vpnGatewayAttachment',
          {vpnGatewayId: required(fields, 'VpnGatewayId', '/vpnGatewayId'), vpcId},
          fields.unknown,
        ),
      ],
    };
  throw fields.expected('InternetGatewayId or VpnGatewayId', 'InternetGatewayId');
}

function natGateway(input: ResourceInput): Translation {
  const {id, fields} = input;
  const subnetId = fields.string('SubnetId', '/subnetId');
  const value = defined({
    id,
    subnetId,
    vpcId: vpcOfTemplateResource(input, subnetId),
    connectivityType: (fields.string('ConnectivityType', '/connectivityType') ?? 'public').toLowerCase(),
  });
  return {items: [planned('natGateway', value, fields.unknown)]};
}

/** The `Name` tag; an unknown one is recorded at `/name`. */
export function nameOf(fields: Fields): string | undefined {
  const unknown: Record<string, string> = {};
  const name = tagMap(fields.forItem(unknown), '/name').Name;
  if (unknown['/name/Name']) fields.unknown['/name'] = unknown['/name/Name'];
  return name;
}
