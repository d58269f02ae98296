"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.transitGatewayItems = transitGatewayItems;
exports.transitGatewayVpcAttachmentItems = transitGatewayVpcAttachmentItems;
exports.vpnTransitAttachmentItems = vpnTransitAttachmentItems;
exports.transitGatewayRouteTableItems = transitGatewayRouteTableItems;
exports.transitGatewayRouteItems = transitGatewayRouteItems;
exports.transitGatewayAssociationItems = transitGatewayAssociationItems;
exports.vpcPeeringItems = vpcPeeringItems;
const types_1 = require("../../change/types");
const routing_1 = require("./routing");
const translate_1 = require("./translate");
const values_1 = require("./values");
function transitGatewayItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('transitGateway', {
            id: side.objectId,
            ...(0, translate_1.optional)('arn', f.has(['arn']) ? f.string(['arn'], '/arn') : undefined),
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
            ...(0, translate_1.optional)('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
            ...(0, translate_1.optional)('associationDefaultRouteTableId', f.string(['association_default_route_table_id'], '/associationDefaultRouteTableId') ||
                defaultTableStandIn(f, '/associationDefaultRouteTableId')),
            ...(0, translate_1.optional)('propagationDefaultRouteTableId', f.string(['propagation_default_route_table_id'], '/propagationDefaultRouteTableId') ||
                defaultTableStandIn(f, '/propagationDefaultRouteTableId')),
        }, f),
    ];
}
/** '' when the field is unknown (the pointer then needs its stand-in), undefined when it is absent or empty. */
function defaultTableStandIn(f, pointer) {
    return f.unknown[pointer] === undefined ? undefined : '';
}
/** The default route tables of a transit gateway the plan knows; undefined when the plan does not say. */
function defaultTables(tgwId, plan) {
    const values = plan.instanceById(tgwId)?.values;
    const association = values?.association_default_route_table_id;
    const propagation = values?.propagation_default_route_table_id;
    if (typeof association !== 'string' || typeof propagation !== 'string')
        return undefined;
    return { association, propagation };
}
/**
 * The association and propagation an attachment gets implicitly from its transit gateway's default tables (no
 * resource appears in the plan for them). Expressed as items when the default table ids are known; otherwise the
 * attachment lists them as unknown (`/association`, `/propagation`).
 */
function implicitTableItems(f, attachment, flags, plan) {
    if (!flags.associate && !flags.propagate)
        return [];
    const tables = attachment.transitGatewayId === '' ? undefined : defaultTables(attachment.transitGatewayId, plan);
    const items = [];
    const why = `${f.side.address}.transit_gateway_id`;
    if (flags.associate) {
        if (tables?.association) {
            attachment.association = { routeTableId: tables.association };
            items.push({
                kind: 'transitGatewayAssociation',
                value: { routeTableId: tables.association, attachmentId: attachment.id },
            });
        }
        else if (!tables) {
            attachment.association = { routeTableId: '' };
            f.unknown['/association'] =
                `known after apply: ${why} (association with the transit gateway's default route table)`;
        }
    }
    if (flags.propagate) {
        if (tables?.propagation)
            items.push({
                kind: 'transitGatewayPropagation',
                value: { routeTableId: tables.propagation, attachmentId: attachment.id },
            });
        else if (!tables)
            f.unknown['/propagation'] =
                `known after apply: ${why} (propagation to the transit gateway's default route table)`;
    }
    return items;
}
function transitGatewayVpcAttachmentItems(side, plan) {
    const f = new values_1.Fields(side);
    const attachment = {
        id: side.objectId,
        transitGatewayId: f.id(['transit_gateway_id'], '/transitGatewayId') ?? '',
        resourceType: 'vpc',
        resourceId: f.id(['vpc_id'], '/resourceId') ?? '',
        ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
    };
    const flags = {
        associate: f.bool(['transit_gateway_default_route_table_association'], '/association') ?? true,
        propagate: f.bool(['transit_gateway_default_route_table_propagation'], '/propagation') ?? true,
    };
    const implicit = implicitTableItems(f, attachment, flags, plan);
    return [(0, translate_1.item)('transitGatewayAttachment', attachment, f), ...implicit];
}
/** The implicit attachment of a VPN connection on a transit gateway (no resource of its own in the plan). */
function vpnTransitAttachmentItems(side, vpnConnectionId, transitGatewayId, plan) {
    const f = new values_1.Fields(side);
    const known = (0, values_1.attr)(side, ['transit_gateway_attachment_id']);
    const id = known.state === 'known' && typeof known.value === 'string' && known.value !== ''
        ? known.value
        : (0, types_1.placeholderId)(`${side.address}/transit_gateway_attachment`);
    const attachment = { id, transitGatewayId, resourceType: 'vpn', resourceId: vpnConnectionId };
    const implicit = implicitTableItems(f, attachment, { associate: true, propagate: true }, plan);
    return [(0, translate_1.item)('transitGatewayAttachment', attachment, f), ...implicit];
}
function transitGatewayRouteTableItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('transitGatewayRouteTable', {
            id: side.objectId,
            transitGatewayId: f.id(['transit_gateway_id'], '/transitGatewayId') ?? '',
            ...(0, translate_1.optional)('name', (0, routing_1.nameTag)(f)),
            ...(0, translate_1.optional)('defaultAssociation', f.bool(['default_association_route_table'], '/defaultAssociation')),
            ...(0, translate_1.optional)('defaultPropagation', f.bool(['default_propagation_route_table'], '/defaultPropagation')),
            // Routes and propagations are separate resources (or implicit): the overlay keeps the deployed ones.
            propagations: [],
            routes: [],
        }, f),
    ];
}
function transitGatewayRouteItems(side) {
    const f = new values_1.Fields(side);
    const blackhole = f.bool(['blackhole'], '/route/state') ?? false;
    const attachmentId = blackhole ? undefined : f.id(['transit_gateway_attachment_id'], '/route/attachments');
    return [
        (0, translate_1.item)('transitGatewayRoute', {
            routeTableId: f.id(['transit_gateway_route_table_id'], '/routeTableId') ?? '',
            route: {
                destinationCidr: f.string(['destination_cidr_block'], '/route/destinationCidr') ?? '',
                ...(0, translate_1.optional)('state', blackhole ? 'blackhole' : undefined),
                type: 'static',
                attachments: attachmentId === undefined ? [] : [{ attachmentId }],
            },
        }, f),
    ];
}
function transitGatewayAssociationItems(side) {
    const f = new values_1.Fields(side);
    const kind = side.type === 'aws_ec2_transit_gateway_route_table_association'
        ? 'transitGatewayAssociation'
        : 'transitGatewayPropagation';
    const value = {
        routeTableId: f.id(['transit_gateway_route_table_id'], '/routeTableId') ?? '',
        attachmentId: f.id(['transit_gateway_attachment_id'], '/attachmentId') ?? '',
    };
    return [(0, translate_1.item)(kind, value, f)];
}
function vpcPeeringItems(side) {
    const f = new values_1.Fields(side);
    const isAccepter = side.type === 'aws_vpc_peering_connection_accepter';
    const id = isAccepter ? (f.id(['vpc_peering_connection_id'], '/id') ?? side.objectId) : side.objectId;
    // accept_status is unknown until apply: a peering the plan creates opens no path until it is active.
    const state = f.string(['accept_status'], '/state');
    const local = { vpcId: f.id(['vpc_id'], isAccepter ? '/accepter/vpcId' : '/requester/vpcId') ?? '', cidrs: [] };
    const peer = {
        ...(0, translate_1.optional)('vpcId', f.id(['peer_vpc_id'], isAccepter ? '/requester/vpcId' : '/accepter/vpcId')),
        ...(0, translate_1.optional)('ownerId', f.string(['peer_owner_id'], isAccepter ? '/requester/ownerId' : '/accepter/ownerId') || undefined),
        ...(0, translate_1.optional)('region', f.string(['peer_region'], isAccepter ? '/requester/region' : '/accepter/region') || undefined),
        cidrs: [],
    };
    return [
        (0, translate_1.item)('vpcPeeringConnection', { id, ...(0, translate_1.optional)('state', state), requester: isAccepter ? peer : local, accepter: isAccepter ? local : peer }, f),
    ];
}
