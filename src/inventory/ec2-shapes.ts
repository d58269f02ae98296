/**
 * EC2 responses → the snapshot's network types (src/snapshot/network.ts). Pure functions, no calls.
 *
 * Rules: a value AWS did not return is omitted (never defaulted); an item without the ids that identify it is
 * malformed (MissingFieldsError: the caller nulls the whole collection, since a list with a hole would read as
 * "this object does not exist"). Secrets the responses carry — VPN pre-shared keys (Options.TunnelOptions) and the
 * CustomerGatewayConfiguration XML — are never read: each mapper copies named fields only.
 */
import type {
  CustomerGateway as Ec2CustomerGateway,
  InternetGateway as Ec2InternetGateway,
  ManagedPrefixList as Ec2ManagedPrefixList,
  NatGateway as Ec2NatGateway,
  NetworkAcl as Ec2NetworkAcl,
  NetworkAclEntry as Ec2NetworkAclEntry,
  NetworkInterface as Ec2NetworkInterface,
  Route as Ec2Route,
  RouteTable as Ec2RouteTable,
  SecurityGroup as Ec2SecurityGroup,
  SecurityGroupRule as Ec2SecurityGroupRule,
  Subnet as Ec2Subnet,
  Tag,
  TransitGateway as Ec2TransitGateway,
  TransitGatewayAttachment as Ec2TransitGatewayAttachment,
  TransitGatewayRouteTablePropagation as Ec2TransitGatewayPropagation,
  TransitGatewayRoute as Ec2TransitGatewayRoute,
  TransitGatewayRouteTable as Ec2TransitGatewayRouteTable,
  Vpc as Ec2Vpc,
  VpcPeeringConnection as Ec2VpcPeeringConnection,
  VpcPeeringConnectionVpcInfo,
  VpnConnection as Ec2VpnConnection,
  VpnGateway as Ec2VpnGateway,
} from '@aws-sdk/client-ec2';

import type {
  CustomerGateway,
  GatewayAttachment,
  InternetGateway,
  ManagedPrefixList,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  PeeringVpcInfo,
  Route,
  RouteTable,
  RouteTargetType,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayPropagation,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Vpc,
  VpcPeeringConnection,
  VpnConnection,
  VpnGateway,
  VpnTunnel,
} from '../snapshot/network';
import {defined, isoDate, MissingFieldsError, optional, optionalList, requireFields, unique} from './shapes';

export function toVpc(vpc: Ec2Vpc): Vpc {
  const {VpcId: id} = requireFields('VPC', vpc.VpcId, {VpcId: vpc.VpcId});
  const associated = (vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlockState?.State === 'associated')
    .map((a) => a.CidrBlock);
  // The primary CIDR (CidrBlock) first; older responses carry only CidrBlock.
  const cidrs = unique([vpc.CidrBlock, ...associated].filter(defined));
  const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === 'associated')
    .map((a) => a.Ipv6CidrBlock);
  return {
    id,
    ...optional('ownerId', vpc.OwnerId),
    ...optional('name', nameTag(vpc.Tags)),
    ...optional('state', vpc.State),
    ...optional('isDefault', vpc.IsDefault),
    cidrs,
    ...optionalList('ipv6Cidrs', ipv6.filter(defined)),
  };
}

export function toSubnet(subnet: Ec2Subnet): Subnet {
  const {SubnetId: id, VpcId: vpcId} = requireFields('subnet', subnet.SubnetId, {
    SubnetId: subnet.SubnetId,
    VpcId: subnet.VpcId,
  });
  const ipv6 = (subnet.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === 'associated')
    .map((a) => a.Ipv6CidrBlock);
  return {
    id,
    vpcId,
    ...optional('ownerId', subnet.OwnerId),
    ...optional('name', nameTag(subnet.Tags)),
    ...optional('availabilityZone', subnet.AvailabilityZone),
    ...optional('availabilityZoneId', subnet.AvailabilityZoneId),
    ...optional('cidr', subnet.CidrBlock),
    ...optionalList('ipv6Cidrs', ipv6.filter(defined)),
    ...optional('mapPublicIpOnLaunch', subnet.MapPublicIpOnLaunch),
  };
}

export function toRouteTable(table: Ec2RouteTable): RouteTable {
  const {RouteTableId: id, VpcId: vpcId} = requireFields('route table', table.RouteTableId, {
    RouteTableId: table.RouteTableId,
    VpcId: table.VpcId,
  });
  const associations = (table.Associations ?? []).map((a) => ({
    ...optional('id', a.RouteTableAssociationId),
    ...optional('main', a.Main),
    ...optional('subnetId', a.SubnetId),
    ...optional('gatewayId', a.GatewayId),
    ...optional('state', a.AssociationState?.State),
  }));
  return {
    id,
    vpcId,
    ...optional('ownerId', table.OwnerId),
    ...optional('name', nameTag(table.Tags)),
    main: associations.some((a) => a.main === true),
    associations,
    propagatingVgwIds: (table.PropagatingVgws ?? []).map((p) => p.GatewayId).filter(defined),
    routes: (table.Routes ?? []).map((route) => toRoute(route, id)),
  };
}

/** Which response field names the target, in the order AWS fills them (an instance route also names its ENI). */
const ROUTE_TARGETS: readonly [keyof Ec2Route, RouteTargetType][] = [
  ['TransitGatewayId', 'transit-gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering-connection'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['LocalGatewayId', 'local-gateway'],
  ['CoreNetworkArn', 'core-network'],
  ['OdbNetworkArn', 'odb-network'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
];

export function toRoute(route: Ec2Route, tableId: string): Route {
  const destination =
    route.DestinationCidrBlock !== undefined
      ? {destinationCidr: route.DestinationCidrBlock}
      : route.DestinationIpv6CidrBlock !== undefined
        ? {destinationIpv6Cidr: route.DestinationIpv6CidrBlock}
        : route.DestinationPrefixListId !== undefined
          ? {destinationPrefixListId: route.DestinationPrefixListId}
          : undefined;
  if (!destination)
    throw new MissingFieldsError('route', tableId, [
      'DestinationCidrBlock|DestinationIpv6CidrBlock|DestinationPrefixListId',
    ]);
  return {
    ...destination,
    ...routeTarget(route),
    ...optional('state', route.State),
    ...optional('origin', route.Origin),
  };
}

/**
 * The route's target. GatewayId holds several kinds (split by id prefix); a target AWS adds later lands as
 * `unknown` with whatever id it carries, so the route still takes part in longest-prefix matching.
 */
function routeTarget(route: Ec2Route): {targetType: RouteTargetType; targetId: string} {
  if (route.GatewayId) return {targetType: gatewayKind(route.GatewayId), targetId: route.GatewayId};
  for (const [field, targetType] of ROUTE_TARGETS) {
    const value = route[field];
    if (typeof value === 'string' && value !== '') return {targetType, targetId: value};
  }
  return {targetType: 'unknown', targetId: ''};
}

function gatewayKind(gatewayId: string): RouteTargetType {
  if (gatewayId === 'local') return 'local';
  if (gatewayId.startsWith('igw-')) return 'internet-gateway';
  if (gatewayId.startsWith('vgw-')) return 'vpn-gateway';
  if (gatewayId.startsWith('vpce-')) return 'vpc-endpoint';
  return 'unknown';
}

export function toSecurityGroup(group: Ec2SecurityGroup): SecurityGroup {
  const {GroupId: id} = requireFields('security group', group.GroupId, {GroupId: group.GroupId});
  return {
    id,
    ...optional('name', group.GroupName),
    ...optional('vpcId', group.VpcId),
    ...optional('ownerId', group.OwnerId),
    ...optional('description', group.Description),
  };
}

export function toSecurityGroupRule(rule: Ec2SecurityGroupRule): SecurityGroupRule {
  const fields = requireFields('security group rule', rule.SecurityGroupRuleId, {
    SecurityGroupRuleId: rule.SecurityGroupRuleId,
    GroupId: rule.GroupId,
    IsEgress: rule.IsEgress,
    IpProtocol: rule.IpProtocol,
  });
  return {
    id: fields.SecurityGroupRuleId,
    groupId: fields.GroupId,
    egress: fields.IsEgress,
    protocol: fields.IpProtocol,
    ...optional('fromPort', rule.FromPort),
    ...optional('toPort', rule.ToPort),
    ...optional('cidrIpv4', rule.CidrIpv4),
    ...optional('cidrIpv6', rule.CidrIpv6),
    ...optional('prefixListId', rule.PrefixListId),
    ...optional('referencedGroupId', rule.ReferencedGroupInfo?.GroupId),
    ...optional('description', rule.Description),
  };
}

export function toNetworkAcl(acl: Ec2NetworkAcl): NetworkAcl {
  const fields = requireFields('network ACL', acl.NetworkAclId, {
    NetworkAclId: acl.NetworkAclId,
    VpcId: acl.VpcId,
    IsDefault: acl.IsDefault,
  });
  return {
    id: fields.NetworkAclId,
    vpcId: fields.VpcId,
    ...optional('ownerId', acl.OwnerId),
    isDefault: fields.IsDefault,
    subnetIds: unique((acl.Associations ?? []).map((a) => a.SubnetId).filter(defined)),
    entries: (acl.Entries ?? []).map((entry) => toNetworkAclEntry(entry, fields.NetworkAclId)),
  };
}

function toNetworkAclEntry(entry: Ec2NetworkAclEntry, aclId: string): NetworkAclEntry {
  const fields = requireFields('network ACL entry', aclId, {
    RuleNumber: entry.RuleNumber,
    Egress: entry.Egress,
    RuleAction: entry.RuleAction,
    Protocol: entry.Protocol,
  });
  const from = entry.PortRange?.From;
  const to = entry.PortRange?.To;
  return {
    ruleNumber: fields.RuleNumber,
    egress: fields.Egress,
    action: fields.RuleAction,
    protocol: fields.Protocol,
    ...optional('cidr', entry.CidrBlock),
    ...optional('ipv6Cidr', entry.Ipv6CidrBlock),
    ...(from !== undefined && to !== undefined && {portRange: {from, to}}),
  };
}

/** Metadata only; the entries come from GetManagedPrefixListEntries (null when that call failed). */
export function toManagedPrefixList(list: Ec2ManagedPrefixList, entries: string[] | null): ManagedPrefixList {
  const {PrefixListId: id} = requireFields('prefix list', list.PrefixListId, {PrefixListId: list.PrefixListId});
  return {
    id,
    ...optional('name', list.PrefixListName),
    ...optional('ownerId', list.OwnerId),
    ...optional('addressFamily', list.AddressFamily),
    ...optional('state', list.State),
    ...optional('version', list.Version),
    ...optional('maxEntries', list.MaxEntries),
    entries,
  };
}

export function toInternetGateway(gateway: Ec2InternetGateway): InternetGateway {
  const {InternetGatewayId: id} = requireFields('internet gateway', gateway.InternetGatewayId, {
    InternetGatewayId: gateway.InternetGatewayId,
  });
  return {id, ...optional('ownerId', gateway.OwnerId), attachments: gatewayAttachments(gateway.Attachments)};
}

export function toNatGateway(gateway: Ec2NatGateway): NatGateway {
  const {NatGatewayId: id} = requireFields('NAT gateway', gateway.NatGatewayId, {NatGatewayId: gateway.NatGatewayId});
  return {
    id,
    ...optional('vpcId', gateway.VpcId),
    ...optional('subnetId', gateway.SubnetId),
    ...optional('state', gateway.State),
    ...optional('connectivityType', gateway.ConnectivityType),
  };
}

export function toVpnGateway(gateway: Ec2VpnGateway): VpnGateway {
  const {VpnGatewayId: id} = requireFields('virtual private gateway', gateway.VpnGatewayId, {
    VpnGatewayId: gateway.VpnGatewayId,
  });
  return {
    id,
    ...optional('name', nameTag(gateway.Tags)),
    ...optional('state', gateway.State),
    ...optional('amazonSideAsn', gateway.AmazonSideAsn),
    attachments: gatewayAttachments(gateway.VpcAttachments),
  };
}

function gatewayAttachments(attachments: readonly {VpcId?: string; State?: string}[] | undefined): GatewayAttachment[] {
  return (attachments ?? [])
    .filter((a) => a.VpcId !== undefined)
    .map((a) => ({vpcId: a.VpcId as string, ...optional('state', a.State)}));
}

export function toCustomerGateway(gateway: Ec2CustomerGateway): CustomerGateway {
  const {CustomerGatewayId: id} = requireFields('customer gateway', gateway.CustomerGatewayId, {
    CustomerGatewayId: gateway.CustomerGatewayId,
  });
  return {
    id,
    ...optional('name', nameTag(gateway.Tags)),
    ...optional('state', gateway.State),
    ...optional('ipAddress', gateway.IpAddress),
    // BgpAsnExtended carries ASNs above 2,147,483,647; BgpAsn is absent then.
    ...optional('bgpAsn', gateway.BgpAsn ?? gateway.BgpAsnExtended),
    ...optional('deviceName', gateway.DeviceName),
  };
}

/** Never reads CustomerGatewayConfiguration or Options.TunnelOptions (pre-shared keys). */
export function toVpnConnection(vpn: Ec2VpnConnection): VpnConnection {
  const {VpnConnectionId: id} = requireFields('VPN connection', vpn.VpnConnectionId, {
    VpnConnectionId: vpn.VpnConnectionId,
  });
  return {
    id,
    ...optional('name', nameTag(vpn.Tags)),
    ...optional('state', vpn.State),
    ...optional('type', vpn.Type),
    ...optional('customerGatewayId', vpn.CustomerGatewayId),
    ...optional('vpnGatewayId', vpn.VpnGatewayId),
    ...optional('transitGatewayId', vpn.TransitGatewayId),
    ...optional('coreNetworkArn', vpn.CoreNetworkArn),
    // CreateVpnConnection's documented default is dynamic routing (StaticRoutesOnly false).
    staticRoutesOnly: vpn.Options?.StaticRoutesOnly ?? false,
    ...optional('category', vpn.Category),
    tunnels: (vpn.VgwTelemetry ?? []).map((tunnel): VpnTunnel => {
      const fields = requireFields('VPN tunnel', id, {
        OutsideIpAddress: tunnel.OutsideIpAddress,
        Status: tunnel.Status,
      });
      return {
        outsideIpAddress: fields.OutsideIpAddress,
        status: fields.Status,
        ...optional('statusMessage', tunnel.StatusMessage),
        ...optional('lastStatusChange', isoDate(tunnel.LastStatusChange)),
        ...optional('acceptedRouteCount', tunnel.AcceptedRouteCount),
      };
    }),
    routes: (vpn.Routes ?? []).map((route) => {
      const fields = requireFields('VPN static route', id, {DestinationCidrBlock: route.DestinationCidrBlock});
      return {
        destinationCidr: fields.DestinationCidrBlock,
        ...optional('state', route.State),
        ...optional('source', route.Source),
      };
    }),
  };
}

export function toTransitGateway(gateway: Ec2TransitGateway): TransitGateway {
  const {TransitGatewayId: id} = requireFields('transit gateway', gateway.TransitGatewayId, {
    TransitGatewayId: gateway.TransitGatewayId,
  });
  const options = gateway.Options;
  return {
    id,
    ...optional('arn', gateway.TransitGatewayArn),
    ...optional('ownerId', gateway.OwnerId),
    ...optional('name', nameTag(gateway.Tags)),
    ...optional('state', gateway.State),
    ...optional('amazonSideAsn', options?.AmazonSideAsn),
    ...optional('associationDefaultRouteTableId', options?.AssociationDefaultRouteTableId),
    ...optional('propagationDefaultRouteTableId', options?.PropagationDefaultRouteTableId),
  };
}

export function toTransitGatewayAttachment(attachment: Ec2TransitGatewayAttachment): TransitGatewayAttachment {
  const fields = requireFields('transit gateway attachment', attachment.TransitGatewayAttachmentId, {
    TransitGatewayAttachmentId: attachment.TransitGatewayAttachmentId,
    TransitGatewayId: attachment.TransitGatewayId,
    ResourceType: attachment.ResourceType,
  });
  const routeTableId = attachment.Association?.TransitGatewayRouteTableId;
  return {
    id: fields.TransitGatewayAttachmentId,
    transitGatewayId: fields.TransitGatewayId,
    ...optional('transitGatewayOwnerId', attachment.TransitGatewayOwnerId),
    resourceType: fields.ResourceType,
    ...optional('resourceId', attachment.ResourceId),
    ...optional('resourceOwnerId', attachment.ResourceOwnerId),
    ...optional('state', attachment.State),
    ...optional('name', nameTag(attachment.Tags)),
    ...(routeTableId !== undefined && {
      association: {routeTableId, ...optional('state', attachment.Association?.State)},
    }),
  };
}

/** The table alone; routes and propagations come from their own calls (null when those failed). */
export function toTransitGatewayRouteTable(
  table: Ec2TransitGatewayRouteTable,
  propagations: TransitGatewayPropagation[] | null,
  routes: TransitGatewayRoute[] | null,
): TransitGatewayRouteTable {
  const fields = requireFields('transit gateway route table', table.TransitGatewayRouteTableId, {
    TransitGatewayRouteTableId: table.TransitGatewayRouteTableId,
    TransitGatewayId: table.TransitGatewayId,
  });
  return {
    id: fields.TransitGatewayRouteTableId,
    transitGatewayId: fields.TransitGatewayId,
    ...optional('name', nameTag(table.Tags)),
    ...optional('state', table.State),
    ...optional('defaultAssociation', table.DefaultAssociationRouteTable),
    ...optional('defaultPropagation', table.DefaultPropagationRouteTable),
    propagations,
    routes,
  };
}

export function toTransitGatewayPropagation(
  propagation: Ec2TransitGatewayPropagation,
  tableId: string,
): TransitGatewayPropagation {
  const fields = requireFields('transit gateway propagation', tableId, {
    TransitGatewayAttachmentId: propagation.TransitGatewayAttachmentId,
  });
  return {
    attachmentId: fields.TransitGatewayAttachmentId,
    ...optional('resourceType', propagation.ResourceType),
    ...optional('resourceId', propagation.ResourceId),
    ...optional('state', propagation.State),
  };
}

export function toTransitGatewayRoute(route: Ec2TransitGatewayRoute, tableId: string): TransitGatewayRoute {
  if (route.DestinationCidrBlock === undefined && route.PrefixListId === undefined) {
    throw new MissingFieldsError('transit gateway route', tableId, ['DestinationCidrBlock|PrefixListId']);
  }
  return {
    ...optional('destinationCidr', route.DestinationCidrBlock),
    ...optional('prefixListId', route.PrefixListId),
    ...optional('state', route.State),
    ...optional('type', route.Type),
    attachments: (route.TransitGatewayAttachments ?? []).map((a) => {
      const fields = requireFields('transit gateway route attachment', tableId, {
        TransitGatewayAttachmentId: a.TransitGatewayAttachmentId,
      });
      return {
        attachmentId: fields.TransitGatewayAttachmentId,
        ...optional('resourceType', a.ResourceType),
        ...optional('resourceId', a.ResourceId),
      };
    }),
  };
}

export function toVpcPeeringConnection(peering: Ec2VpcPeeringConnection): VpcPeeringConnection {
  const {VpcPeeringConnectionId: id} = requireFields('VPC peering connection', peering.VpcPeeringConnectionId, {
    VpcPeeringConnectionId: peering.VpcPeeringConnectionId,
  });
  return {
    id,
    ...optional('state', peering.Status?.Code),
    requester: peeringVpcInfo(peering.RequesterVpcInfo),
    accepter: peeringVpcInfo(peering.AccepterVpcInfo),
  };
}

function peeringVpcInfo(info: VpcPeeringConnectionVpcInfo | undefined): PeeringVpcInfo {
  const cidrs = unique([info?.CidrBlock, ...(info?.CidrBlockSet ?? []).map((c) => c.CidrBlock)].filter(defined));
  return {
    ...optional('vpcId', info?.VpcId),
    ...optional('ownerId', info?.OwnerId),
    ...optional('region', info?.Region),
    cidrs,
  };
}

export function toNetworkInterface(eni: Ec2NetworkInterface): NetworkInterface {
  const {NetworkInterfaceId: id} = requireFields('network interface', eni.NetworkInterfaceId, {
    NetworkInterfaceId: eni.NetworkInterfaceId,
  });
  const privateIps = unique(
    [eni.PrivateIpAddress, ...(eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress)].filter(defined),
  );
  return {
    id,
    ...optional('subnetId', eni.SubnetId),
    ...optional('vpcId', eni.VpcId),
    ...optional('availabilityZone', eni.AvailabilityZone),
    ...optional('interfaceType', eni.InterfaceType),
    ...optional('description', eni.Description),
    privateIpAddresses: privateIps,
    ...optional('publicIp', eni.Association?.PublicIp),
    securityGroupIds: (eni.Groups ?? []).map((g) => g.GroupId).filter(defined),
    ...optional('requesterManaged', eni.RequesterManaged),
    ...optional('status', eni.Status),
  };
}

// ---- what the collections point at (the ids the next calls are filtered by) -------------------------------------

export function routeTargets(tables: readonly RouteTable[], targetType: RouteTargetType): string[] {
  return unique(tables.flatMap((t) => t.routes.filter((r) => r.targetType === targetType).map((r) => r.targetId)));
}

/** Prefix lists named by VPC routes, security group rules and transit gateway routes. */
export function referencedPrefixLists(
  tables: readonly RouteTable[] | null,
  rules: readonly SecurityGroupRule[] | null,
  tgwTables: readonly TransitGatewayRouteTable[] | null,
): string[] {
  return unique(
    [
      ...(tables ?? []).flatMap((t) => t.routes.map((r) => r.destinationPrefixListId)),
      ...(rules ?? []).map((r) => r.prefixListId),
      ...(tgwTables ?? []).flatMap((t) => (t.routes ?? []).map((r) => r.prefixListId)),
    ].filter(defined),
  );
}

// ---- helpers ------------------------------------------------------------------------------------------------------

function nameTag(tags: readonly Tag[] | undefined): string | undefined {
  return tags?.find((tag) => tag.Key === 'Name')?.Value;
}
