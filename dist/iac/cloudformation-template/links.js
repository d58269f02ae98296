"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LINK_TRANSLATORS = void 0;
const items_1 = require("./items");
const network_1 = require("./network");
exports.LINK_TRANSLATORS = {
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
function vpnGateway({ id, fields }) {
    const value = (0, items_1.defined)({
        id,
        name: (0, network_1.nameOf)(fields),
        amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
        attachments: [],
    });
    return { items: [(0, items_1.planned)('vpnGateway', value, fields.unknown)] };
}
function customerGateway({ id, fields }) {
    const asn = fields.string('BgpAsnExtended', '/bgpAsn') ?? fields.string('BgpAsn', '/bgpAsn');
    const value = (0, items_1.defined)({
        id,
        name: (0, network_1.nameOf)(fields),
        ipAddress: fields.string('IpAddress', '/ipAddress'),
        bgpAsn: asn,
        deviceName: fields.string('DeviceName', '/deviceName'),
    });
    return { items: [(0, items_1.planned)('customerGateway', value, fields.unknown)] };
}
function vpnConnection({ id, fields, deployed }) {
    const sensitive = fields
        .maps('VpnTunnelOptionsSpecifications', '/tunnels')
        .flatMap((tunnel, i) => (tunnel.has('PreSharedKey') ? [`VpnTunnelOptionsSpecifications.${i}.PreSharedKey`] : []));
    const value = (0, items_1.defined)({
        id,
        name: (0, network_1.nameOf)(fields),
        type: fields.string('Type', '/type') ?? 'ipsec.1',
        customerGatewayId: (0, items_1.required)(fields, 'CustomerGatewayId', '/customerGatewayId'),
        vpnGatewayId: fields.string('VpnGatewayId', '/vpnGatewayId'),
        transitGatewayId: fields.string('TransitGatewayId', '/transitGatewayId'),
        staticRoutesOnly: fields.boolean('StaticRoutesOnly', '/staticRoutesOnly') ?? false,
        tunnels: [],
        routes: [],
    });
    if (value.vpnGatewayId === undefined && value.transitGatewayId === undefined)
        throw fields.expected('VpnGatewayId or TransitGatewayId', 'VpnGatewayId');
    if (deployed)
        fields.markUnknown('/tunnels', items_1.NOT_IN_TEMPLATE);
    return { items: [(0, items_1.planned)('vpnConnection', value, fields.unknown)], ...(sensitive.length > 0 && { sensitive }) };
}
function vpnConnectionRoute({ fields }) {
    const value = {
        vpnConnectionId: (0, items_1.required)(fields, 'VpnConnectionId', '/vpnConnectionId'),
        route: { destinationCidr: (0, items_1.required)(fields, 'DestinationCidrBlock', '/route/destinationCidr') },
    };
    return { items: [(0, items_1.planned)('vpnConnectionRoute', value, fields.unknown)] };
}
/** With default association/propagation on (CloudFormation's default), EC2 creates a default table whose id is known only after deploy. */
function transitGateway({ id, fields, accountId }) {
    const defaultTable = (switchProperty, idProperty, at) => {
        const enabled = (fields.string(switchProperty, at) ?? 'enable').toLowerCase() === 'enable';
        if (!enabled)
            return undefined;
        const given = fields.string(idProperty, at);
        if (given === undefined)
            fields.markUnknown(at, "unknown until deploy: the transit gateway's default route table");
        return given ?? '';
    };
    const value = (0, items_1.defined)({
        id,
        ownerId: accountId,
        name: (0, network_1.nameOf)(fields),
        amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
        associationDefaultRouteTableId: defaultTable('DefaultRouteTableAssociation', 'AssociationDefaultRouteTableId', '/associationDefaultRouteTableId'),
        propagationDefaultRouteTableId: defaultTable('DefaultRouteTablePropagation', 'PropagationDefaultRouteTableId', '/propagationDefaultRouteTableId'),
    });
    return { items: [(0, items_1.planned)('transitGateway', value, fields.unknown)] };
}
function vpcAttachment({ id, fields }) {
    const value = (0, items_1.defined)({
        id,
        transitGatewayId: (0, items_1.required)(fields, 'TransitGatewayId', '/transitGatewayId'),
        resourceType: 'vpc',
        resourceId: (0, items_1.required)(fields, 'VpcId', '/resourceId'),
        name: (0, network_1.nameOf)(fields),
    });
    return { items: [(0, items_1.planned)('transitGatewayAttachment', value, fields.unknown)] };
}
function peeringAttachment({ id, fields }) {
    const value = (0, items_1.defined)({
        id,
        transitGatewayId: (0, items_1.required)(fields, 'TransitGatewayId', '/transitGatewayId'),
        resourceType: 'peering',
        resourceId: (0, items_1.required)(fields, 'PeerTransitGatewayId', '/resourceId'),
        resourceOwnerId: fields.string('PeerAccountId', '/resourceOwnerId'),
        name: (0, network_1.nameOf)(fields),
    });
    return { items: [(0, items_1.planned)('transitGatewayAttachment', value, fields.unknown)] };
}
function transitGatewayRouteTable({ id, fields }) {
    const value = (0, items_1.defined)({
        id,
        transitGatewayId: (0, items_1.required)(fields, 'TransitGatewayId', '/transitGatewayId'),
        name: (0, network_1.nameOf)(fields),
        propagations: [],
        routes: [],
    });
    return { items: [(0, items_1.planned)('transitGatewayRouteTable', value, fields.unknown)] };
}
function transitGatewayRoute({ fields }) {
    const routeTableId = (0, items_1.required)(fields, 'TransitGatewayRouteTableId', '/routeTableId');
    const blackhole = fields.boolean('Blackhole', '/route/state') ?? false;
    const attachmentId = fields.string('TransitGatewayAttachmentId', '/route/attachments/0/attachmentId');
    if (!blackhole && attachmentId === undefined)
        throw fields.expected('TransitGatewayAttachmentId (or Blackhole: true)', 'TransitGatewayAttachmentId');
    const route = {
        destinationCidr: (0, items_1.required)(fields, 'DestinationCidrBlock', '/route/destinationCidr'),
        state: blackhole ? 'blackhole' : 'active',
        type: 'static',
        attachments: blackhole || attachmentId === undefined ? [] : [{ attachmentId }],
    };
    return { items: [(0, items_1.planned)('transitGatewayRoute', { routeTableId, route }, fields.unknown)] };
}
function tgwTableLink({ fields }, kind) {
    const value = {
        routeTableId: (0, items_1.required)(fields, 'TransitGatewayRouteTableId', '/routeTableId'),
        attachmentId: (0, items_1.required)(fields, 'TransitGatewayAttachmentId', '/attachmentId'),
    };
    return { items: [(0, items_1.planned)(kind, value, fields.unknown)] };
}
/**
 * Same-account peering (or one with PeerRoleArn) is accepted by CloudFormation itself; otherwise the peer must
 * accept it. The VPCs' CIDR blocks are the deployed VPCs' (or this template's).
 */
function vpcPeeringConnection(input) {
    const { id, fields, accountId, region } = input;
    const vpcId = (0, items_1.required)(fields, 'VpcId', '/requester/vpcId');
    const peerOwner = fields.string('PeerOwnerId', '/accepter/ownerId') ?? accountId;
    const accepted = peerOwner === accountId || fields.has('PeerRoleArn');
    const cidrsOf = (id, at) => {
        const other = input.resourceById(id);
        const cidr = other?.type === 'AWS::EC2::VPC' ? other.fields.forItem({}).string('CidrBlock', at) : undefined;
        if (cidr === undefined || cidr === '')
            fields.markUnknown(at, `${items_1.NOT_IN_TEMPLATE}: the CIDR blocks of ${id || 'the VPC'}`);
        return cidr ? [cidr] : [];
    };
    const peerVpcId = (0, items_1.required)(fields, 'PeerVpcId', '/accepter/vpcId');
    const value = (0, items_1.defined)({
        id,
        state: accepted ? 'active' : 'pending-acceptance',
        requester: (0, items_1.defined)({ vpcId, ownerId: accountId, region, cidrs: cidrsOf(vpcId, '/requester/cidrs') }),
        accepter: (0, items_1.defined)({
            vpcId: peerVpcId,
            ownerId: peerOwner,
            region: fields.string('PeerRegion', '/accepter/region') ?? region,
            cidrs: cidrsOf(peerVpcId, '/accepter/cidrs'),
        }),
    });
    return { items: [(0, items_1.planned)('vpcPeeringConnection', value, fields.unknown)] };
}
function directConnectGateway({ id, fields, accountId }) {
    const value = (0, items_1.defined)({
        id,
        name: fields.string('DirectConnectGatewayName', '/name'),
        state: 'available',
        ownerAccount: accountId,
        amazonSideAsn: fields.number('AmazonSideAsn', '/amazonSideAsn'),
        associations: [],
    });
    return { items: [(0, items_1.planned)('directConnectGateway', value, fields.unknown)] };
}
function directConnectGatewayAssociation(input) {
    const { id, fields, accountId, region } = input;
    const gatewayId = (0, items_1.required)(fields, 'AssociatedGatewayId', '/association/associatedGatewayId');
    const type = input.resourceById(gatewayId)?.type;
    const isTransit = gatewayId.startsWith('tgw-') || type === 'AWS::EC2::TransitGateway';
    const association = (0, items_1.defined)({
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
            (0, items_1.planned)('directConnectGatewayAssociation', { directConnectGatewayId: (0, items_1.required)(fields, 'DirectConnectGatewayId', '/directConnectGatewayId'), association }, fields.unknown),
        ],
    };
}
function virtualInterface({ id, fields, accountId, region }, type) {
    const peers = fields.maps('BgpPeers', '/bgpPeers');
    const value = (0, items_1.defined)({
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
    return { items: [(0, items_1.planned)('dxVirtualInterface', value, fields.unknown)], ...(sensitive.length > 0 && { sensitive }) };
}
