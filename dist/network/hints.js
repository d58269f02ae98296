"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.peeringHint = peeringHint;
exports.transitHint = transitHint;
const cidr_1 = require("./cidr");
const lookup_1 = require("./lookup");
const routes_1 = require("./routes");
const PEERINGS_BY_VPC = (0, lookup_1.indexSpec)('vpcPeeringConnections', 'vpc', (p) => [p.requester.vpcId, p.accepter.vpcId]);
const VPN_BY_VGW = (0, lookup_1.indexSpec)('vpnConnections', 'hint-vgw', (v) => [v.vpnGatewayId]);
const TGW_ATTACHMENTS_BY_VPC = (0, lookup_1.indexSpec)('transitGatewayAttachments', 'hint-vpc', (a) => [
    a.resourceType === 'vpc' ? a.resourceId : undefined,
]);
/** What a peered VPC's routes do with the network: the route and, behind a gateway, its VPN connections. */
function reachesFrom(index, scopes, vpcId, part) {
    for (const { item: table, scope } of (0, lookup_1.searchBy)(index, scopes, routes_1.ROUTE_TABLES_BY_VPC, vpcId).found) {
        const route = table.routes.find((r) => isOnPremTarget(r) && covers(r, part));
        if (!route)
            continue;
        if (route.targetType === 'vpn-gateway') {
            const vpns = (0, lookup_1.lookupIn)(index, scope, VPN_BY_VGW, route.targetId);
            const ids = 'items' in vpns ? vpns.items.filter((v) => v.state !== 'deleted').map((v) => v.id) : [];
            return ids.length > 0 ? `over ${ids.join(', ')} (${route.targetId})` : `over ${route.targetId}`;
        }
        return `over ${route.targetId}`;
    }
    return undefined;
}
function isOnPremTarget(route) {
    return (route.targetType === 'vpn-gateway' || route.targetType === 'transit-gateway') && route.state !== 'blackhole';
}
function covers(route, part) {
    const cidr = (0, cidr_1.parseCidr)(route.destinationCidr ?? route.destinationIpv6Cidr ?? '');
    return cidr !== undefined && cidr.family === part.cidr.family && (0, cidr_1.cidrContains)(cidr, part.cidr);
}
function vpcLabel(index, scopes, vpcId) {
    const vpc = (0, lookup_1.searchBy)(index, scopes, (0, lookup_1.byId)('vpcs'), vpcId).found[0]?.item;
    return vpc?.name ? `${vpc.name} (${vpcId})` : vpcId;
}
/**
 * The VPC's active peering connections whose peer reaches the network: "vpc-… is peered with prod-core (vpc-…)
 * over pcx-…, which reaches 10.200.0.0/16 over vpn-… (vgw-…), but VPC peering is not transitive: …".
 * `only`: just this peering connection (the route leads into it).
 */
function peeringHint(index, scope, vpcId, part, only) {
    if (!vpcId)
        return undefined;
    const scopes = (0, lookup_1.scopesFrom)(index, scope);
    const what = (0, routes_1.describePart)(part);
    for (const { item: pcx } of (0, lookup_1.searchBy)(index, scopes, PEERINGS_BY_VPC, vpcId).found) {
        if (only && pcx.id !== only)
            continue;
        if (pcx.state && pcx.state !== 'active')
            continue;
        const peer = pcx.requester.vpcId === vpcId ? pcx.accepter : pcx.requester;
        if (!peer.vpcId)
            continue;
        const over = reachesFrom(index, scopes, peer.vpcId, part);
        if (!over)
            continue;
        const subject = only
            ? `the peer ${vpcLabel(index, scopes, peer.vpcId)}`
            : `${vpcId} is peered with ${vpcLabel(index, scopes, peer.vpcId)} (${pcx.id}), which`;
        return only
            ? `${subject} reaches ${what} ${over}, but VPC peering is not transitive: traffic from ${what} cannot cross the peer into this VPC; route ${what} to a gateway of this VPC (a virtual private gateway, or a transit gateway attachment)`
            : `${subject} reaches ${what} ${over}, but VPC peering is not transitive: a route to ${pcx.id} would not help; give this VPC its own path (a virtual private gateway, or a transit gateway attachment)`;
    }
    return undefined;
}
/** A VPC attached to a transit gateway whose table routes the network, with no route to that gateway. */
function transitHint(index, scope, vpcId, tableId, part) {
    if (!vpcId)
        return undefined;
    const scopes = (0, lookup_1.scopesFrom)(index, scope);
    const what = (0, routes_1.describePart)(part);
    for (const { item: attachment } of (0, lookup_1.searchBy)(index, scopes, TGW_ATTACHMENTS_BY_VPC, vpcId).found) {
        if (attachment.state && attachment.state !== 'available')
            continue;
        const rtbId = attachment.association?.routeTableId;
        if (!rtbId)
            continue;
        const rtb = (0, lookup_1.searchBy)(index, scopes, (0, lookup_1.byId)('transitGatewayRouteTables'), rtbId).found[0]?.item;
        const route = rtb?.routes?.find((r) => {
            const cidr = (0, cidr_1.parseCidr)(r.destinationCidr ?? '');
            return (r.state !== 'blackhole' &&
                cidr !== undefined &&
                (0, cidr_1.cidrContains)(cidr, part.cidr) &&
                r.attachments.some((a) => a.resourceType === 'vpn' || a.resourceType === 'direct-connect-gateway'));
        });
        if (!route)
            continue;
        const towards = route.attachments.map((a) => a.resourceId ?? a.attachmentId).join(', ');
        return `${vpcId} is attached to ${attachment.transitGatewayId} (${attachment.id}), whose route table ${rtbId} routes ${what} to ${towards}; add a route for ${what} to ${attachment.transitGatewayId} in ${tableId}`;
    }
    return undefined;
}
