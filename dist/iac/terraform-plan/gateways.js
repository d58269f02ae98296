"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.internetGatewayItems = internetGatewayItems;
exports.internetGatewayAttachmentItems = internetGatewayAttachmentItems;
exports.natGatewayItems = natGatewayItems;
exports.vpnGatewayItems = vpnGatewayItems;
exports.vpnGatewayAttachmentItems = vpnGatewayAttachmentItems;
exports.customerGatewayItems = customerGatewayItems;
exports.vpnConnectionItems = vpnConnectionItems;
exports.vpnConnectionRouteItems = vpnConnectionRouteItems;
exports.dxGatewayItems = dxGatewayItems;
exports.dxGatewayAssociationItems = dxGatewayAssociationItems;
exports.dxVirtualInterfaceItems = dxVirtualInterfaceItems;
const json_1 = require("./json");
const routing_1 = require("./routing");
const transit_1 = require("./transit");
const translate_1 = require("./translate");
const values_1 = require("./values");
function internetGatewayItems(side) {
    const f = new values_1.Fields(side);
    const vpcId = attachedVpc(f, side);
    return [
        (0, translate_1.item)('internetGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            attachments: vpcId === undefined ? [] : [{ vpcId, state: 'available' }],
        }, f),
    ];
}
/** `vpc_id` on a gateway attaches it; unknown without configuration it is just computed (a separate attachment). */
function attachedVpc(f, side) {
    if (f.isUnknown(['vpc_id']) && !(side.configured?.has('vpc_id') ?? !side.creates))
        return undefined;
    const vpcId = f.id(['vpc_id'], '/attachments');
    return vpcId === undefined ? undefined : vpcId;
}
function internetGatewayAttachmentItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('internetGatewayAttachment', {
            internetGatewayId: f.id(['internet_gateway_id'], '/internetGatewayId') ?? '',
            vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
        }, f),
    ];
}
function natGatewayItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('natGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('vpcId', f.has(['vpc_id']) ? f.id(['vpc_id'], '/vpcId') : undefined),
            ...(0, translate_1.optional)('subnetId', f.id(['subnet_id'], '/subnetId')),
            ...(0, translate_1.optional)('connectivityType', f.string(['connectivity_type'], '/connectivityType') ?? 'public'),
        }, f),
    ];
}
function vpnGatewayItems(side) {
    const f = new values_1.Fields(side);
    const vpcId = attachedVpc(f, side);
    return [
        (0, translate_1.item)('vpnGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
            ...(0, translate_1.optional)('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
            attachments: vpcId === undefined ? [] : [{ vpcId, state: 'attached' }],
        }, f),
    ];
}
function vpnGatewayAttachmentItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('vpnGatewayAttachment', { vpnGatewayId: f.id(['vpn_gateway_id'], '/vpnGatewayId') ?? '', vpcId: f.id(['vpc_id'], '/vpcId') ?? '' }, f),
    ];
}
function customerGatewayItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('customerGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
            ...(0, translate_1.optional)('ipAddress', f.string(['ip_address'], '/ipAddress')),
            ...(0, translate_1.optional)('bgpAsn', f.string(['bgp_asn'], '/bgpAsn')),
            ...(0, translate_1.optional)('deviceName', f.string(['device_name'], '/deviceName') || undefined),
        }, f),
    ];
}
/**
 * A VPN connection. Tunnels are always []: a connection that exists keeps its deployed telemetry (the overlay
 * takes it from the snapshot), a new or replaced one has none yet (pending). On a transit gateway, the
 * connection's implicit attachment comes with it.
 */
function vpnConnectionItems(side, plan) {
    const f = new values_1.Fields(side);
    const vpnGatewayId = f.id(['vpn_gateway_id'], '/vpnGatewayId');
    const transitGatewayId = f.id(['transit_gateway_id'], '/transitGatewayId');
    const connection = {
        id: side.objectId,
        ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
        ...(0, translate_1.optional)('type', f.string(['type'], '/type')),
        customerGatewayId: f.id(['customer_gateway_id'], '/customerGatewayId') ?? '',
        ...(0, translate_1.optional)('vpnGatewayId', vpnGatewayId),
        ...(0, translate_1.optional)('transitGatewayId', transitGatewayId),
        ...(0, translate_1.optional)('coreNetworkArn', f.descriptive(['core_network_arn'])),
        staticRoutesOnly: f.bool(['static_routes_only'], '/staticRoutesOnly') ?? false,
        tunnels: [],
        routes: side.creates ? [] : vpnRoutes(f),
    };
    const items = [(0, translate_1.item)('vpnConnection', connection, f)];
    if (transitGatewayId)
        items.push(...(0, transit_1.vpnTransitAttachmentItems)(side, side.objectId, transitGatewayId, plan));
    return items;
}
/** The `routes` the provider reads back (static routes, including those of aws_vpn_connection_route). */
function vpnRoutes(f) {
    const list = (0, values_1.knownArray)(f.side, ['routes']);
    if (!list) {
        if (f.isUnknown(['routes']))
            f.markUnknown('/routes', ['routes']);
        return [];
    }
    return list.filter(json_1.isObject).flatMap((route) => typeof route.destination_cidr_block === 'string'
        ? [
            {
                destinationCidr: route.destination_cidr_block,
                ...(0, translate_1.optional)('state', typeof route.state === 'string' ? route.state : undefined),
                ...(0, translate_1.optional)('source', typeof route.source === 'string' ? route.source : undefined),
            },
        ]
        : []);
}
function vpnConnectionRouteItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('vpnConnectionRoute', {
            vpnConnectionId: f.id(['vpn_connection_id'], '/vpnConnectionId') ?? '',
            route: { destinationCidr: f.string(['destination_cidr_block'], '/route/destinationCidr') ?? '' },
        }, f),
    ];
}
/** A Direct Connect gateway: Terraform has no state attribute; one Terraform reads back exists. */
function dxGatewayItems(side) {
    const f = new values_1.Fields(side);
    if (side.creates)
        f.unknown['/state'] = `known after apply: ${side.address}.id`;
    return [
        (0, translate_1.item)('directConnectGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('name', f.string(['name'], '/name')),
            state: side.creates ? '' : 'available',
            ...(0, translate_1.optional)('ownerAccount', f.descriptive(['owner_account_id'])),
            ...(0, translate_1.optional)('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
            // Associations and attachments are separate resources: the overlay keeps the deployed ones.
            associations: [],
        }, f),
    ];
}
function dxGatewayAssociationItems(side, plan) {
    const f = new values_1.Fields(side);
    const gatewayId = f.id(['associated_gateway_id'], '/association/associatedGatewayId') ?? '';
    const knownAssociationId = f.has(['dx_gateway_association_id'])
        ? f.string(['dx_gateway_association_id'], '/association/associationId')
        : undefined;
    const type = f.has(['associated_gateway_type'])
        ? f.string(['associated_gateway_type'], '/association/associatedGatewayType')
        : gatewayType(gatewayId, plan);
    if (side.creates)
        f.unknown['/association/state'] = `known after apply: ${side.address}.id`;
    return [
        (0, translate_1.item)('directConnectGatewayAssociation', {
            directConnectGatewayId: f.id(['dx_gateway_id'], '/directConnectGatewayId') ?? '',
            association: {
                associationId: knownAssociationId || (0, routing_1.knownId)(side) || side.objectId,
                state: side.creates ? '' : 'associated',
                associatedGatewayId: gatewayId,
                associatedGatewayType: type ?? '',
                ...(0, translate_1.optional)('associatedGatewayOwnerAccount', f.descriptive(['associated_gateway_owner_account_id'])),
                allowedPrefixes: f.strings(['allowed_prefixes'], '/association/allowedPrefixes'),
            },
        }, f),
    ];
}
function gatewayType(gatewayId, plan) {
    const type = gatewayId.startsWith('tgw-')
        ? 'aws_ec2_transit_gateway'
        : gatewayId.startsWith('vgw-')
            ? 'aws_vpn_gateway'
            : plan.instanceById(gatewayId)?.type;
    if (type === 'aws_ec2_transit_gateway')
        return 'transitGateway';
    if (type === 'aws_vpn_gateway')
        return 'virtualPrivateGateway';
    return undefined;
}
/** Private, transit and hosted virtual interfaces (and their accepters); BGP auth keys were dropped before. */
function dxVirtualInterfaceItems(side) {
    const f = new values_1.Fields(side);
    const isAccepter = side.type.endsWith('_accepter');
    const id = isAccepter ? (f.id(['virtual_interface_id'], '/id') ?? side.objectId) : side.objectId;
    return [
        (0, translate_1.item)('dxVirtualInterface', {
            id,
            ...(0, translate_1.optional)('name', f.string(['name'], '/name')),
            ...(0, translate_1.optional)('ownerAccount', f.descriptive(['owner_account_id'])),
            type: side.type.includes('transit') ? 'transit' : 'private',
            ...(0, translate_1.optional)('connectionId', f.id(['connection_id'], '/connectionId')),
            ...(0, translate_1.optional)('vlan', f.number(['vlan'], '/vlan')),
            ...(0, translate_1.optional)('asn', f.number(['bgp_asn'], '/asn')),
            ...(0, translate_1.optional)('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
            ...(0, translate_1.optional)('addressFamily', f.string(['address_family'], '/addressFamily')),
            ...(0, translate_1.optional)('virtualGatewayId', f.id(['vpn_gateway_id'], '/virtualGatewayId')),
            ...(0, translate_1.optional)('directConnectGatewayId', f.id(['dx_gateway_id'], '/directConnectGatewayId')),
            bgpPeers: [],
        }, f),
    ];
}
