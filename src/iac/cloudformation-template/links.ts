/**
 * The links out of a VPC: site-to-site VPN, transit gateways, VPC peering, Direct Connect. A created VPN
 * connection or virtual interface has no tunnel or BGP status yet (the overlay marks it pending); an updated one
 * keeps the deployed status (listed as not in the template).
 */
import type {TransitGatewayRoute} from '../../snapshot/network';
import {NOT_IN_TEMPLATE, defined, planned, required} from './items';
import type {ResourceInput, Translation, Translator} from './items';
import {nameOf} from './network';

export const LINK_TRANSLATORS: Record<string, Translator> = {
  'AWS::EC2::VPNGateway': vpnGateway,
  'AWS::EC2::CustomerGateway': customerGateway,
  'AWS::EC2::VPNConnection': vpnConnection,
  'AWS::EC2::VPNConnectionRoute': vpnConnectionRoute,
  'AWS::EC2::TransitGateway': transitGateway,
  'AWS::EC2::TransitGatewayAttachment': vpcAttachment,
  'AWS::EC2::TransitGatewayVpcAttachment': vpcAttachment,
  'AWS::EC2::TransitGatewayPeeringAttachment': peeringAttachment,
  'AWS::EC2::TransitGatewayRouteTable': transitGatewayRouteTable,
  'AWS::EC2::TransitGatewayRoute': transitGatewayRoute,
  'AWS::EC2::TransitGatewayRouteTableAssociation': (input) => tgwTableLink(input, 'transitGatewayAssociation'),
  'AWS::EC2::TransitGatewayRouteTablePropagation': (input) => tgwTableLink(input, 'transitGatewayPropagation'),
  'AWS::EC2::VPCPeeringConnection': vpcPeeringConnection,
  'AWS::DirectConnect::DirectConnectGateway': directConnectGateway,
  'AWS::DirectConnect::DirectConnectGatewayAssociation': directConnectGatewayAssociation,
  'AWS::DirectConnect::PrivateVirtualInterface': (input) => virtualInterface(input, 'private'),
  'AWS::DirectConnect::TransitVirtualInterface': (input) => virtualInterface(input, 'transit'),
};

function vpnGateway({id, fields}: ResourceInput): Translation {
  const value = defined({
    id,
    name: nameOf(fields),
    amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
    attachments: [],
  });
  return {items: [planned('vpnGateway', value, fields.unknown)]};
}

function customerGateway({id, fields}: ResourceInput): Translation {
  const asn = fields.string('BgpAsnExtended', '/bgpAsn') ?? fields.string('BgpAsn', '/bgpAsn');
  const value = defined({
    id,
    name: nameOf(fields),
    ipAddress: fields.string('IpAddress', '/ipAddress'),
    bgpAsn: asn,
    deviceName: fields.string('DeviceName', '/deviceName'),
  });
  return {items: [planned('customerGateway', value, fields.unknown)]};
}

function vpnConnection({id, fields, deployed}: ResourceInput): Translation {
  const sensitive = fields
    .maps('VpnTunnelOptionsSpecifications', '/tunnels')
    .flatMap((tunnel, i) => (tunnel.has('PreSharedKey') ? [`VpnTunnelOptionsSpecifications.${i}.PreSharedKey`] : []));
  const value = defined({
    id,
    name: nameOf(fields),
    type: fields.string('Type', '/type') ?? 'ipsec.1',
    customerGatewayId: required(fields, 'CustomerGatewayId', '/customerGatewayId'),
    vpnGatewayId: fields.string('VpnGatewayId', '/vpnGatewayId'),
    transitGatewayId: fields.string('TransitGatewayId', '/transitGatewayId'),
    staticRoutesOnly: fields.boolean('StaticRoutesOnly', '/staticRoutesOnly') ?? false,
    tunnels: [],
    routes: [],
  });
  if (value.vpnGatewayId === undefined && value.transitGatewayId === undefined)
    throw fields.expected('VpnGatewayId or TransitGatewayId', 'VpnGatewayId');
  if (deployed) fields.markUnknown('/tunnels', NOT_IN_TEMPLATE);
  return {items: [planned('vpnConnection', value, fields.unknown)], ...(sensitive.length > 0 && {sensitive})};
}

function vpnConnectionRoute({fields}: ResourceInput): Translation {
  const value = {
    vpnConnectionId: required(fields, 'VpnConnectionId', '/vpnConnectionId'),
    route: {destinationCidr: required(fields, 'DestinationCidrBlock', '/route/destinationCidr')},
  };
  return {items: [planned('vpnConnectionRoute', value, fields.unknown)]};
}

/** With default association/propagation on (CloudFormation's default), EC2 creates a default table whose id is known only after deploy. */
function transitGateway({id, fields, accountId}: ResourceInput): Translation {
  const defaultTable = (switchProperty: string, idProperty: string, at: string): string | undefined => {
    const enabled = (fields.string(switchProperty, at) ?? 'enable').toLowerCase() === 'enable';
    if (!enabled) return undefined;
    const given = fields.string(idProperty, at);
    if (given === undefined) fields.markUnknown(at, "unknown until deploy: the transit gateway's default route table");
    return given ?? '';
  };

  const value = defined({
    id,
    ownerId: accountId,
    name: nameOf(fields),
    amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
    associationDefaultRouteTableId: defaultTable(
      'DefaultRouteTableAssociation',
      'AssociationDefaultRouteTableId',
      '/associationDefaultRouteTableId',
    ),
    propagationDefaultRouteTableId: defaultTable(
      'DefaultRouteTablePropagation',
      'PropagationDefaultRouteTableId',
      '/propagationDefaultRouteTableId',
    ),
  });
  return {items: [planned('transitGateway', value, fields.unknown)]};
}

function vpcAttachment({id, fields}: ResourceInput): Translation {
  const value = defined({
    id,
    transitGatewayId: required(fields, 'TransitGatewayId', '/transitGatewayId'),
    resourceType: 'vpc',
    resourceId: required(fields, 'VpcId', '/resourceId'),
    name: nameOf(fields),
  });
  return {items: [planned('transitGatewayAttachment', value, fields.unknown)]};
}

function peeringAttachment({id, fields}: ResourceInput): Translation {
  const value = defined({
    id,
    transitGatewayId: required(fields, 'TransitGatewayId', '/transitGatewayId'),
    resourceType: 'peering',
    resourceId: required(fields, 'PeerTransitGatewayId', '/resourceId'),
    resourceOwnerId: fields.string('PeerAccountId', '/resourceOwnerId'),
    name: nameOf(fields),
  });
  return {items: [planned('transitGatewayAttachment', value, fields.unknown)]};
}

function transitGatewayRouteTable({id, fields}: ResourceInput): Translation {
  const value = defined({
    id,
    transitGatewayId: required(fields, 'TransitGatewayId', '/transitGatewayId'),
    name: nameOf(fields),
    propagations: [],
    routes: [],
  });
  return {items: [planned('transitGatewayRouteTable', value, fields.unknown)]};
}

function transitGatewayRoute({fields}: ResourceInput): Translation {
  const routeTableId = required(fields, 'TransitGatewayRouteTableId', '/routeTableId');
  const blackhole = fields.boolean('Blackhole', '/route/state') ?? false;
  const attachmentId = fields.string('TransitGatewayAttachmentId', '/route/attachments/0/attachmentId');
  if (!blackhole && attachmentId === undefined)
    throw fields.expected('TransitGatewayAttachmentId (or Blackhole: true)', 'TransitGatewayAttachmentId');
  const route: TransitGatewayRoute = {
    destinationCidr: required(fields, 'DestinationCidrBlock', '/route/destinationCidr'),
    state: blackhole ? 'blackhole' : 'active',
    type: 'static',
    attachments: blackhole || attachmentId === undefined ? [] : [{attachmentId}],
  };
  return {items: [planned('transitGatewayRoute', {routeTableId, route}, fields.unknown)]};
}

function tgwTableLink(
  {fields}: ResourceInput,
  kind: 'transitGatewayAssociation' | 'transitGatewayPropagation',
): Translation {
  const value = {
    routeTableId: required(fields, 'TransitGatewayRouteTableId', '/routeTableId'),
    attachmentId: required(fields, 'TransitGatewayAttachmentId', '/attachmentId'),
  };
  return {items: [planned(kind, value, fields.unknown)]};
}

/**
 * Same-account peering (or one with PeerRoleArn) is accepted by CloudFormation itself; otherwise the peer must
 * accept it. The VPCs' CIDR blocks are the deployed VPCs' (or this template's).
 */
function vpcPeeringConnection(input: ResourceInput): Translation {
  const {id, fields, accountId, region} = input;
  const vpcId = required(fields, 'VpcId', '/requester/vpcId');
  const peerOwner = fields.string('PeerOwnerId', '/accepter/ownerId') ?? accountId;
  const accepted = peerOwner === accountId || fields.has('PeerRoleArn');
  const cidrsOf = (id: string, at: string): string[] => {
    const other = input.resourceById(id);
    const cidr = other?.type === 'AWS::EC2::VPC' ? other.fields.forItem({}).string('CidrBlock', at) : undefined;
    if (cidr === undefined || cidr === '')
      fields.markUnknown(at, `${NOT_IN_TEMPLATE}: the CIDR blocks of ${id || 'the VPC'}`);
    return cidr ? [cidr] : [];
  };

  const peerVpcId = required(fields, 'PeerVpcId', '/accepter/vpcId');
  const value = defined({
    id,
    state: accepted ? 'active' : 'pending-acceptance',
    requester: defined({vpcId, ownerId: accountId, region, cidrs: cidrsOf(vpcId, '/requester/cidrs')}),
    accepter: defined({
      vpcId: peerVpcId,
      ownerId: peerOwner,
      region: fields.string('PeerRegion', '/accepter/region') ?? region,
      cidrs: cidrsOf(peerVpcId, '/accepter/cidrs'),
    }),
  });
  return {items: [planned('vpcPeeringConnection', value, fields.unknown)]};
}

function directConnectGateway({id, fields, accountId}: ResourceInput): Translation {
  const value = defined({
    id,
    name: fields.string('DirectConnectGatewayName', '/name'),
    state: 'available',
    ownerAccount: accountId,
    amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
    associations: [],
  });
  return {items: [planned('directConnectGateway', value, fields.unknown)]};
}

function directConnectGatewayAssociation(input: ResourceInput): Translation {
  const {id, fields, accountId, region} = input;
  const gatewayId = required(fields, 'AssociatedGatewayId', '/association/associatedGatewayId');
  const type = input.resourceById(gatewayId)?.type;
  const isTransit = gatewayId.startsWith('tgw-') || type === 'AWS::EC2::TransitGateway';
  const association = defined({
    associationId: id,
    state: 'associated',
    associatedGatewayId: gatewayId,
    associatedGatewayType: isTransit ? 'transitGateway' : 'virtualPrivateGateway',
    associatedGatewayRegion: region,
    associatedGatewayOwnerAccount: accountId,
    allowedPrefixes: fields.strings('AllowedPrefixesToDirectConnectGateway', '/association/allowedPrefixes') ?? [],
  });
  return {
    items: [
      planned(
        'directConnectGatewayAssociation',
        {directConnectGatewayId: required(fields, 'DirectConnectGatewayId', '/directConnectGatewayId'), association},
        fields.unknown,
      ),
    ],
  };
}

function virtualInterface({id, fields, accountId, region}: ResourceInput, type: 'private' | 'transit'): Translation {
  const peers = fields.maps('BgpPeers', '/bgpPeers');
  const value = defined({
    id,
    name: fields.string('VirtualInterfaceName', '/name'),
    ownerAccount: accountId,
    type,
    connectionId: fields.string('ConnectionId', '/connectionId'),
    region,
    vlan: fields.number('Vlan', '/vlan'),
    asn: peers.length > 0 ? peers[0].number('Asn', '/asn') : undefined,
    virtualGatewayId: fields.string('VirtualGatewayId', '/virtualGatewayId'),
    directConnectGatewayId: fields.string('DirectConnectGatewayId', '/directConnectGatewayId'),
    bgpPeers: [],
  });
  const sensitive = peers.flatMap((peer, i) => (peer.has('AuthKey') ? [`BgpPeers.${i}.AuthKey`] : []));
  return {items: [planned('dxVirtualInterface', value, fields.unknown)], ...(sensitive.length > 0 && {sensitive})};
}
