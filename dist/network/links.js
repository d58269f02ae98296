"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TGW_ATTACHMENTS_BY_RESOURCE = void 0;
exports.vgwTrails = vgwTrails;
exports.vpnTrails = vpnTrails;
exports.tgwTrails = tgwTrails;
exports.preferredAttachment = preferredAttachment;
const arn_1 = require("./arn");
const hops_1 = require("./hops");
const cidr_1 = require("./cidr");
const lookup_1 = require("./lookup");
const routes_1 = require("./routes");
const VPNS_BY_VGW = (0, lookup_1.indexSpec)('vpnConnections', 'vgw', (v) => [v.vpnGatewayId]);
const VIFS_BY_VGW = (0, lookup_1.indexSpec)('dxVirtualInterfaces', 'vgw', (v) => [v.virtualGatewayId]);
const VIFS_BY_DXGW = (0, lookup_1.indexSpec)('dxVirtualInterfaces', 'dxgw', (v) => [v.directConnectGatewayId]);
exports.TGW_ATTACHMENTS_BY_RESOURCE = (0, lookup_1.indexSpec)('transitGatewayAttachments', 'tgw-resource', (a) => [
    `${a.transitGatewayId}|${a.resourceId ?? ''}`,
]);
/** A Direct Connect gateway association that carries traffic (an update keeps the association working). */
const WORKING_ASSOCIATION_STATES = new Set(['associated', 'updating']);
// ---------------------------------------------------------------------------------------------------------------
// Virtual private gateway
function vgwBase(scope, vgwId) {
    return (0, hops_1.ec2Base)(scope, 'vpn-gateway', 'AWS::EC2::VPNGateway', 'vpn-gateway', vgwId);
}
/** The gateway hop alone: is the VGW there, available and attached to the VPC? */
function vgwHop(ctx, vgwId) {
    const base = vgwBase(ctx.scope, vgwId);
    const { located, missing } = (0, lookup_1.findById)(ctx.index, [ctx.scope], 'vpnGateways', vgwId);
    if (!located) {
        return missing.length > 0
            ? (0, hops_1.unknown)(base, `${vgwId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing)
            : (0, hops_1.broken)(base, 'gateway-detached', `${vgwId} no longer exists in ${ctx.scope.region}`);
    }
    const vgw = located.item;
    const attachment = vgw.attachments.find((a) => a.vpcId === ctx.vpcId);
    if (vgw.state && vgw.state !== 'available')
        return (0, hops_1.broken)(base, 'gateway-detached', `${vgwId} is ${vgw.state}`);
    if (!attachment || attachment.state !== 'attached') {
        const now = attachment ? `is ${attachment.state} from ${ctx.vpcId}` : `is not attached to ${ctx.vpcId}`;
        return (0, hops_1.broken)(base, 'gateway-detached', `${vgwId} ${now}`);
    }
    return (0, hops_1.ok)(base, `${vgwId}${vgw.name ? ` (${vgw.name})` : ''} is attached to ${ctx.vpcId}`);
}
function vgwTrails(ctx, vgwId, part) {
    const gatewayHop = vgwHop(ctx, vgwId);
    if (gatewayHop.status !== 'ok')
        return [{ part, via: 'none', linkHops: [], gatewayHops: [gatewayHop] }];
    const gatewayHops = [gatewayHop];
    const trails = [];
    const vpns = (0, lookup_1.searchBy)(ctx.index, [ctx.scope], VPNS_BY_VGW, vgwId, (v) => v.state !== 'deleted');
    for (const vpn of vpns.found)
        trails.push(...vpnTrails(ctx, vpn, part, gatewayHops, true));
    if (vpns.missing.length > 0)
        trails.push(unknownLinkTrail(part, gatewayHops, gatewayHop, 'vpn-tunnel', `the VPN connections of ${vgwId} are unknown: ${(0, hops_1.reasons)(vpns.missing)}`, vpns.missing));
    // Private interfaces directly on the gateway live in the gateway's region, possibly in another account (hosted).
    const vifs = (0, lookup_1.searchBy)(ctx.index, (0, lookup_1.regionScopes)(ctx.index, ctx.scope.region), VIFS_BY_VGW, vgwId, (v) => v.state !== 'deleted');
    for (const vif of oncePerInterface(vifs.found))
        trails.push(vifTrail(ctx, vif, part, gatewayHops, []));
    if (vifs.missing.length > 0) {
        trails.push(unknownLinkTrail(part, gatewayHops, gatewayHop, 'virtual-interface', `Direct Connect interfaces on ${vgwId} are unknown: ${(0, hops_1.reasons)(vifs.missing)}`, vifs.missing));
    }
    const dxgws = (0, lookup_1.dxGatewaysAssociatedWith)(ctx.index, vgwId);
    for (const owner of dxgws.found) {
        const association = (owner.gateway.associations ?? []).find((a) => a.associatedGatewayId === vgwId && a.state !== 'disassociated');
        if (association)
            trails.push(...dxGatewayTrails(ctx, owner, association, part, gatewayHops, 'private'));
    }
    for (const { gateway, accountId } of dxgws.unreadable) {
        const missing = associationsUnreadable(ctx.index, accountId, gateway.id);
        trails.push(unknownLinkTrail(part, gatewayHops, gatewayHop, 'dx-gateway', `whether ${gateway.id} is associated with ${vgwId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing));
    }
    if (dxgws.missing.length > 0) {
        trails.push(unknownLinkTrail(part, gatewayHops, gatewayHop, 'dx-gateway', `Direct Connect gateways associated with ${vgwId} are unknown: ${(0, hops_1.reasons)(dxgws.missing)}`, dxgws.missing));
    }
    if (trails.length === 0) {
        return [
            {
                part,
                via: 'none',
                linkHops: [],
                gatewayHops: [
                    (0, hops_1.broken)(vgwBase(ctx.scope, vgwId), 'no-connection', `${vgwId} has no VPN connection and no Direct Connect interface`),
                ],
            },
        ];
    }
    return trails;
}
/** A gateway whose associations could not be read, with the collection error behind it when there is one. */
function associationsUnreadable(index, accountId, gatewayId) {
    const error = (0, lookup_1.accountError)(index, accountId, ['DescribeDirectConnectGatewayAssociations']);
    return [
        {
            collection: 'directConnectGateways',
            accountId,
            resourceId: gatewayId,
            reason: error
                ? `directconnect:${error.operation} failed (${error.code})`
                : `the associations of ${gatewayId} could not be read`,
            ...(error ? { error: (0, lookup_1.errorSummary)(error) } : {}),
        },
    ];
}
const UNKNOWN_LINK = {
    'vpn-tunnel': { resourceType: 'AWS::EC2::VPNConnection', via: 'vpn' },
    'virtual-interface': { resourceType: 'AWS::DirectConnect::VirtualInterface', via: 'direct-connect' },
    'dx-gateway': { resourceType: 'AWS::DirectConnect::DirectConnectGateway', via: 'direct-connect' },
};
/** Links that may exist behind a gateway but could not be read: one unknown hop, named after the gateway. */
function unknownLinkTrail(part, gatewayHops, anchor, kind, reason, missing) {
    const link = UNKNOWN_LINK[kind];
    const hop = {
        kind,
        resourceType: link?.resourceType ?? anchor.resourceType,
        id: anchor.id,
        ...(anchor.accountId ? { accountId: anchor.accountId } : {}),
        ...(anchor.region ? { region: anchor.region } : {}),
        status: 'unknown',
        reason,
        missing: (0, lookup_1.uniqueMissing)(missing),
    };
    return { part, via: link?.via ?? 'none', linkHops: [hop], gatewayHops };
}
/**
 * One record per interface. A hosted interface is listed by the account that owns it and by the owner of the
 * connection it runs on; with both inventoried it would otherwise make two paths over one link.
 */
function oncePerInterface(found) {
    const byId = new Map();
    for (const located of found)
        if (!byId.has(located.item.id))
            byId.set(located.item.id, located);
    return [...byId.values()];
}
// ---------------------------------------------------------------------------------------------------------------
// Site-to-Site VPN
/**
 * One trail per tunnel. `checkStaticRoutes`: a static VPN on a virtual private gateway only carries the
 * prefixes in its static routes (on a transit gateway those are TGW routes, already looked up).
 */
function vpnTrails(ctx, located, part, gatewayHops, checkStaticRoutes) {
    const { item: vpn, scope } = located;
    const base = (0, hops_1.ec2Base)(scope, 'vpn-tunnel', 'AWS::EC2::VPNConnection', 'vpn-connection', vpn.id);
    const cgw = customerGatewayHop(ctx, scope, vpn);
    const linkHops = (tunnel) => (cgw ? [cgw, tunnel] : [tunnel]);
    const label = `${vpn.id}${vpn.name ? ` (${vpn.name})` : ''}`;
    const routing = vpn.staticRoutesOnly ? 'static routes' : 'BGP';
    if (vpn.state && vpn.state !== 'available') {
        return [
            {
                part,
                via: 'vpn',
                linkId: vpn.id,
                linkHops: linkHops((0, hops_1.broken)(base, 'vpn-unavailable', `${label} is ${vpn.state}`)),
                gatewayHops,
            },
        ];
    }
    if (checkStaticRoutes && vpn.staticRoutesOnly) {
        const routes = (0, routes_1.cidrsFromText)(vpn.routes.filter((r) => !r.state || r.state === 'available').map((r) => r.destinationCidr));
        if (!(0, routes_1.cidrsCoverPart)(routes, part)) {
            const listed = routes.length > 0 ? routes.map(cidr_1.formatCidr).join(', ') : 'none';
            return [
                {
                    part,
                    via: 'vpn',
                    linkId: vpn.id,
                    linkHops: linkHops((0, hops_1.broken)(base, 'no-route', `${label} uses static routes and none covers ${(0, routes_1.describePart)(part)} (static routes: ${listed})`)),
                    gatewayHops,
                },
            ];
        }
    }
    if (vpn.tunnels.length === 0 && vpn.planned && vpn.planned.action !== 'update') {
        // A Site-to-Site VPN connection always has two tunnels; a new one's come up only after apply.
        const created = `${label} is ${vpn.planned.action === 'replace' ? 'replaced' : 'created'} by ${vpn.planned.address}`;
        return [1, 2].map((n) => ({
            part,
            via: 'vpn',
            linkId: `${vpn.id}/tunnel${n}`,
            gatewayHops,
            linkHops: linkHops((0, hops_1.pending)(base, `${created}: tunnel ${n} (${routing}) is configured, its health is known only after apply`)),
        }));
    }
    if (vpn.tunnels.length === 0) {
        const missing = [
            {
                collection: 'vpnConnections',
                accountId: scope.accountId,
                region: scope.region,
                resourceId: vpn.id,
                reason: `${vpn.id} reports no tunnel telemetry`,
            },
        ];
        return [
            {
                part,
                via: 'vpn',
                linkId: vpn.id,
                linkHops: linkHops((0, hops_1.unknown)(base, `${label} reports no tunnel telemetry`, missing)),
                gatewayHops,
            },
        ];
    }
    return vpn.tunnels.map((tunnel) => {
        const telemetry = {
            outsideIpAddress: tunnel.outsideIpAddress,
            status: tunnel.status,
            ...(tunnel.acceptedRouteCount === undefined ? {} : { acceptedRouteCount: tunnel.acceptedRouteCount }),
            ...(tunnel.lastStatusChange ? { lastStatusChange: tunnel.lastStatusChange } : {}),
        };
        const name = `${label} tunnel ${tunnel.outsideIpAddress}`;
        const since = tunnel.lastStatusChange ? ` since ${tunnel.lastStatusChange}` : '';
        let hop;
        if (tunnel.status !== 'UP') {
            const why = tunnel.statusMessage ? ` (${tunnel.statusMessage})` : '';
            hop = (0, hops_1.broken)(base, 'tunnel-down', `${name} is ${tunnel.status}${since}${why}`, { tunnel: telemetry });
        }
        else if (!vpn.staticRoutesOnly && tunnel.acceptedRouteCount === 0) {
            hop = (0, hops_1.broken)(base, 'no-route', `${name} is UP but accepts no BGP routes from the customer gateway`, {
                tunnel: telemetry,
            });
        }
        else {
            const accepted = tunnel.acceptedRouteCount === undefined ? '' : `, ${tunnel.acceptedRouteCount} BGP route(s) accepted`;
            hop = (0, hops_1.ok)(base, `${name} is UP${since} (${routing}${vpn.staticRoutesOnly ? '' : accepted})`, { tunnel: telemetry });
        }
        return { part, via: 'vpn', linkId: `${vpn.id}/${tunnel.outsideIpAddress}`, linkHops: linkHops(hop), gatewayHops };
    });
}
function customerGatewayHop(ctx, scope, vpn) {
    if (!vpn.customerGatewayId)
        return undefined;
    const base = (0, hops_1.ec2Base)(scope, 'customer-gateway', 'AWS::EC2::CustomerGateway', 'customer-gateway', vpn.customerGatewayId);
    const { located } = (0, lookup_1.findById)(ctx.index, [scope], 'customerGateways', vpn.customerGatewayId);
    if (!located)
        return (0, hops_1.ok)(base, `on-premises device ${vpn.customerGatewayId}`);
    const cgw = located.item;
    // The hop's label names the gateway's id; the device name is often its Name tag too.
    const deviceName = cgw.deviceName !== cgw.name ? cgw.deviceName : undefined;
    const details = [cgw.ipAddress, cgw.bgpAsn ? `ASN ${cgw.bgpAsn}` : undefined, deviceName].filter(Boolean).join(', ');
    return (0, hops_1.ok)(base, `on-premises device${cgw.name ? ` ${cgw.name}` : ''}${details ? `: ${details}` : ''}`);
}
// ---------------------------------------------------------------------------------------------------------------
// Direct Connect
/** A Direct Connect gateway association, then every interface attached to the gateway. */
function dxGatewayTrails(ctx, owner, association, part, gatewayHops, interfaceType) {
    const { gateway } = owner;
    const base = {
        kind: 'dx-gateway',
        resourceType: 'AWS::DirectConnect::DirectConnectGateway',
        id: gateway.id,
        arn: (0, arn_1.directConnectGatewayArn)(owner.partition, gateway.ownerAccount ?? owner.accountId, gateway.id),
        accountId: gateway.ownerAccount ?? owner.accountId,
    };
    const label = `${gateway.id}${gateway.name ? ` (${gateway.name})` : ''}`;
    let hop;
    if (gateway.state !== 'available') {
        hop = (0, hops_1.broken)(base, 'gateway-detached', `${label} is ${gateway.state}`);
    }
    else if (!WORKING_ASSOCIATION_STATES.has(association.state)) {
        hop = (0, hops_1.broken)(base, 'gateway-detached', `${label}'s association ${association.associationId} with ${association.associatedGatewayId} is ${association.state}`);
    }
    else {
        // Without allowed prefixes a VGW association advertises the VPC's CIDRs; a TGW association must list them.
        const allowed = association.allowedPrefixes.length > 0 || interfaceType === 'transit'
            ? (0, routes_1.cidrsFromText)(association.allowedPrefixes)
            : ctx.vpcCidrs;
        const shown = association.allowedPrefixes.length > 0
            ? association.allowedPrefixes.join(', ')
            : interfaceType === 'transit'
                ? 'none'
                : 'the VPC CIDRs';
        if (!allowed) {
            hop = (0, hops_1.unknown)(base, `whether ${label} advertises ${ctx.subnet.id} is unknown: the association has no allowed prefixes (so it advertises the VPC's CIDRs), and the CIDRs of ${ctx.vpcId} are not in the inventory`, [(0, lookup_1.notInInventory)('vpcs', ctx.scope, ctx.vpcId)]);
        }
        else if (!ctx.subnetCidr) {
            hop = (0, hops_1.unknown)(base, `whether ${label} advertises ${ctx.subnet.id} is unknown: its CIDR is not in the inventory`, [
                (0, lookup_1.notInInventory)('subnets', ctx.scope, ctx.subnet.id),
            ]);
        }
        else if (!(0, routes_1.cidrsCoverPart)(allowed, (0, routes_1.wholePart)(ctx.subnetCidr))) {
            hop = (0, hops_1.broken)(base, 'not-advertised', `${label} does not advertise the broker subnet ${(0, cidr_1.formatCidr)(ctx.subnetCidr)} to on-premises: allowed prefixes ${shown}`);
        }
        else {
            hop = (0, hops_1.ok)(base, `${label} is associated with ${association.associatedGatewayId} and advertises ${(0, cidr_1.formatCidr)(ctx.subnetCidr)} (allowed prefixes ${shown})`);
        }
    }
    const refs = attachedInterfaces(ctx.index, gateway, owner.accountId, interfaceType);
    const trails = refs.found.map((ref) => vifTrailById(ctx, ref, part, gatewayHops, [hop]));
    if (refs.missing.length > 0) {
        trails.push({
            part,
            via: 'none',
            linkHops: [
                (0, hops_1.unknown)({ ...base, kind: 'virtual-interface' }, `interfaces attached to ${label} are unknown: ${(0, hops_1.reasons)(refs.missing)}`, refs.missing),
                hop,
            ],
            gatewayHops,
        });
    }
    if (trails.length === 0) {
        const noInterface = (0, hops_1.broken)(base, 'no-connection', `${label} has no ${interfaceType} virtual interface attached`);
        return [{ part, via: 'none', linkHops: [hop.status === 'ok' ? noInterface : hop], gatewayHops }];
    }
    return trails;
}
/** Attachments say which interfaces (in any region); interfaces also name their gateway. */
function attachedInterfaces(index, gateway, accountId, interfaceType) {
    // The search spans every account and region: once per gateway, not once per broker subnet behind it.
    return (0, lookup_1.memoize)(index, `dxgw-interfaces|${accountId}|${gateway.id}|${interfaceType}`, () => attachedInterfacesOnce(index, gateway, accountId, interfaceType));
}
function attachedInterfacesOnce(index, gateway, accountId, interfaceType) {
    const refs = new Map();
    const wantedAttachment = interfaceType === 'transit' ? 'TransitVirtualInterface' : 'PrivateVirtualInterface';
    for (const a of gateway.attachments ?? []) {
        if (a.state === 'detached' || (a.type && a.type !== wantedAttachment))
            continue;
        refs.set(a.virtualInterfaceId, {
            id: a.virtualInterfaceId,
            region: a.virtualInterfaceRegion,
            attachmentState: a.state,
        });
    }
    const vifs = (0, lookup_1.searchBy)(index, index.scopes, VIFS_BY_DXGW, gateway.id, (v) => v.state !== 'deleted' && (!v.type || v.type === interfaceType));
    for (const { item, scope } of vifs.found)
        if (!refs.has(item.id))
            refs.set(item.id, { id: item.id, region: item.region ?? scope.region });
    // With the attachment list we know every interface even where the regional list is missing.
    const missing = gateway.attachments ? [] : vifs.missing;
    if (gateway.attachments === null) {
        const error = (0, lookup_1.accountError)(index, accountId, ['DescribeDirectConnectGatewayAttachments']);
        missing.push({
            collection: 'directConnectGateways',
            resourceId: gateway.id,
            reason: error
                ? `directconnect:${error.operation} failed (${error.code})`
                : `the attachments of ${gateway.id} could not be read`,
            ...(error ? { error: (0, lookup_1.errorSummary)(error) } : {}),
        });
    }
    return { found: [...refs.values()], missing };
}
function vifTrailById(ctx, ref, part, gatewayHops, afterInterface) {
    const scopes = ref.region ? (0, lookup_1.regionScopes)(ctx.index, ref.region) : ctx.index.scopes;
    const base = {
        kind: 'virtual-interface',
        resourceType: 'AWS::DirectConnect::VirtualInterface',
        id: ref.id,
        ...(ref.region ? { region: ref.region } : {}),
    };
    if (ref.attachmentState && ref.attachmentState !== 'attached') {
        return {
            part,
            via: 'direct-connect',
            linkId: ref.id,
            linkHops: [
                (0, hops_1.broken)(base, 'interface-down', `${ref.id} is ${ref.attachmentState} to the Direct Connect gateway`),
                ...afterInterface,
            ],
            gatewayHops,
        };
    }
    // Interfaces are looked up across the region's accounts: once per interface, however many brokers sit behind it.
    const found = (0, lookup_1.memoize)(ctx.index, `vif-by-id|${ref.region ?? '*'}|${ref.id}`, () => (0, lookup_1.findById)(ctx.index, scopes, 'dxVirtualInterfaces', ref.id));
    if (!found.located) {
        const missing = found.missing.length > 0
            ? found.missing
            : [
                scopes.length === 0
                    ? {
                        collection: 'dxVirtualInterfaces',
                        region: ref.region,
                        resourceId: ref.id,
                        reason: `${ref.id} is in ${ref.region}, which was not inventoried`,
                    }
                    : (0, lookup_1.notInInventory)('dxVirtualInterfaces', undefined, ref.id),
            ];
        return {
            part,
            via: 'direct-connect',
            linkId: ref.id,
            linkHops: [(0, hops_1.unknown)(base, `${ref.id} is unknown: ${(0, hops_1.reasons)(missing)}`, missing), ...afterInterface],
            gatewayHops,
        };
    }
    return vifTrail(ctx, found.located, part, gatewayHops, afterInterface);
}
function vifTrail(ctx, located, part, gatewayHops, afterInterface) {
    const family = part.cidr.family === 6 ? 'ipv6' : 'ipv4';
    const hops = (0, lookup_1.memoize)(ctx.index, `vif-hops|${ctx.scope.key}|${located.scope.key}|${located.item.id}|${family}`, () => interfaceHops(ctx, located, family), ctx.scope);
    return {
        part,
        via: 'direct-connect',
        linkId: hops.linkId,
        ...(hops.location ? { location: hops.location } : {}),
        ...(hops.locationName ? { locationName: hops.locationName } : {}),
        linkHops: [hops.connection, hops.vif, ...afterInterface],
        gatewayHops,
    };
}
/** The connection hop and the interface hop: the same for every path over the interface. */
function interfaceHops(ctx, located, family) {
    const { item: vif, scope } = located;
    const region = vif.region ?? scope.region;
    const owner = vif.ownerAccount ?? scope.accountId;
    const base = {
        kind: 'virtual-interface',
        resourceType: 'AWS::DirectConnect::VirtualInterface',
        id: vif.id,
        arn: (0, arn_1.directConnectArn)(scope.partition, region, owner, vif.id),
        accountId: owner,
        region,
    };
    const peers = vif.bgpPeers.filter((p) => (p.addressFamily ?? vif.addressFamily ?? 'ipv4') === family && p.state !== 'deleted' && p.state !== 'deleting');
    const up = peers.filter((p) => p.status === 'up').length;
    const summary = {
        ...(vif.state ? { state: vif.state } : {}),
        ...(vif.type ? { type: vif.type } : {}),
        bgpUp: up,
        bgpPeers: peers.length,
    };
    const label = `${vif.id}${vif.name ? ` (${vif.name})` : ''}`;
    let hop;
    if (vif.planned && vif.planned.action !== 'update') {
        hop = (0, hops_1.pending)(base, `${label} is ${vif.planned.action === 'replace' ? 'replaced' : 'created'} by ${vif.planned.address}: its state and BGP sessions are known only after apply`, { virtualInterface: summary });
    }
    else if (vif.state !== 'available') {
        hop = (0, hops_1.broken)(base, 'interface-down', `${label} is ${vif.state ?? 'in an unknown state'}`, {
            virtualInterface: summary,
        });
    }
    else if (up === 0) {
        const what = peers.length === 0
            ? `has no ${family} BGP peer`
            : `has ${peers.length} ${family} BGP session(s), none up (${peers.map((p) => p.status ?? 'unknown').join(', ')})`;
        hop = (0, hops_1.broken)(base, 'bgp-down', `${label} ${what}`, { virtualInterface: summary });
    }
    else {
        hop = (0, hops_1.ok)(base, `${label} (${vif.type ?? 'virtual interface'}, VLAN ${vif.vlan ?? '?'}) is available with ${up}/${peers.length} ${family} BGP session(s) up`, { virtualInterface: summary });
    }
    const connection = connectionHop(ctx, vif, scope, region);
    // The interface reports its connection's location too: what places a partner's (hosted) connection.
    // Its name is known for the account's own connections and LAGs only (collected with them).
    const location = connection.location ?? vif.location;
    return {
        connection: connection.hop,
        vif: hop,
        linkId: connection.linkId,
        ...(location ? { location } : {}),
        ...(connection.location && connection.locationName ? { locationName: connection.locationName } : {}),
    };
}
/** The connection or LAG under an interface; a hosted interface's connection belongs to the partner. */
function connectionHop(ctx, vif, scope, region) {
    const id = vif.connectionId ?? `${vif.id}-connection`;
    const base = {
        kind: 'dx-connection',
        resourceType: id.startsWith('dxlag-') ? 'AWS::DirectConnect::Lag' : 'AWS::DirectConnect::Connection',
        id,
        region,
    };
    if (!vif.connectionId)
        return { hop: (0, hops_1.unknown)(base, `${vif.id} names no connection`, []), linkId: vif.id };
    const scopes = region === scope.region ? (0, lookup_1.scopesFrom)(ctx.index, scope) : (0, lookup_1.regionScopes)(ctx.index, region);
    const isLag = id.startsWith('dxlag-');
    const found = isLag ? (0, lookup_1.findById)(ctx.index, scopes, 'dxLags', id) : (0, lookup_1.findById)(ctx.index, scopes, 'dxConnections', id);
    if (!found.located) {
        if (found.missing.length > 0)
            return { hop: (0, hops_1.unknown)(base, `${id} is unknown: ${(0, hops_1.reasons)(found.missing)}`, found.missing), linkId: id };
        return {
            hop: (0, hops_1.ok)(base, `${id} is not in this account (a hosted interface on a partner's connection); its health shows in the interface's BGP state`),
            linkId: id,
        };
    }
    const item = found.located.item;
    const owner = item.ownerAccount ?? found.located.scope.accountId;
    const full = {
        ...base,
        arn: (0, arn_1.directConnectArn)(found.located.scope.partition, region, owner, id),
        accountId: owner,
    };
    const label = `${id}${item.name ? ` (${item.name})` : ''}`;
    const where = [item.location, item.bandwidth].filter(Boolean).join(', ');
    const hop = item.state === 'available'
        ? (0, hops_1.ok)(full, `${label}${where ? ` at ${where}` : ''} is available`)
        : (0, hops_1.broken)(full, 'connection-down', `${label}${where ? ` at ${where}` : ''} is ${item.state ?? 'in an unknown state'}`);
    return {
        hop,
        linkId: item.lagId ?? id,
        ...(item.location ? { location: item.location } : {}),
        ...(item.location && item.locationName ? { locationName: item.locationName } : {}),
    };
}
// ---------------------------------------------------------------------------------------------------------------
// Transit gateway
/** What the VPC route to a transit gateway leads to. */
function tgwTrails(ctx, tgwId, part) {
    const scopes = (0, lookup_1.scopesFrom)(ctx.index, ctx.scope);
    const tgwBase = (0, hops_1.ec2Base)(ctx.scope, 'transit-gateway', 'AWS::EC2::TransitGateway', 'transit-gateway', tgwId);
    const single = (hop) => [{ part, via: 'none', linkHops: [], gatewayHops: [hop] }];
    const tgwFound = (0, lookup_1.findById)(ctx.index, scopes, 'transitGateways', tgwId);
    if (!tgwFound.located) {
        const missing = tgwFound.missing.length > 0
            ? tgwFound.missing
            : [(0, lookup_1.notInInventory)('transitGateways', ctx.scope, tgwId, ' (shared from an account that was not inventoried?)')];
        return single((0, hops_1.unknown)(tgwBase, `${tgwId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing));
    }
    const tgw = tgwFound.located.item;
    const tgwScope = tgwFound.located.scope;
    const tgwOwner = tgw.ownerId ?? tgwScope.accountId;
    const base = {
        ...tgwBase,
        arn: tgw.arn ?? (0, arn_1.ec2Arn)(tgwScope.partition, tgwScope.region, tgwOwner, 'transit-gateway', tgwId),
        accountId: tgwOwner,
    };
    if (tgw.state && tgw.state !== 'available')
        return single((0, hops_1.broken)(base, 'gateway-detached', `${tgwId} is ${tgw.state}`));
    const tgwHop = (0, hops_1.ok)(base, `${tgwId}${tgw.name ? ` (${tgw.name})` : ''}`);
    const attachments = (0, lookup_1.searchBy)(ctx.index, scopes, exports.TGW_ATTACHMENTS_BY_RESOURCE, `${tgwId}|${ctx.vpcId}`, (a) => a.resourceType === 'vpc' && a.state !== 'deleted');
    const vpcAttachment = preferredAttachment(attachments.found);
    const vpcAttachmentBase = (id, scope) => (0, hops_1.ec2Base)(scope, 'tgw-attachment', 'AWS::EC2::TransitGatewayAttachment', 'transit-gateway-attachment', id, tgwOwner);
    if (!vpcAttachment) {
        if (attachments.missing.length > 0)
            return single((0, hops_1.unknown)(tgwBase, `the attachment of ${ctx.vpcId} to ${tgwId} is unknown: ${(0, hops_1.reasons)(attachments.missing)}`, attachments.missing));
        return [
            {
                part,
                via: 'none',
                linkHops: [],
                gatewayHops: [(0, hops_1.broken)(base, 'gateway-detached', `${ctx.vpcId} has no attachment on ${tgwId}`)],
            },
        ];
    }
    const attachment = vpcAttachment.item;
    const attachmentBase = vpcAttachmentBase(attachment.id, vpcAttachment.scope);
    if (attachment.state !== 'available') {
        return [
            {
                part,
                via: 'none',
                linkHops: [],
                gatewayHops: [
                    tgwHop,
                    (0, hops_1.broken)(attachmentBase, 'gateway-detached', `${attachment.id} (${ctx.vpcId} on ${tgwId}) is ${attachment.state}`),
                ],
            },
        ];
    }
    const association = attachment.association;
    if (!association || (association.state && association.state !== 'associated')) {
        const hop = (0, hops_1.broken)(attachmentBase, 'no-route', `${attachment.id} (${ctx.vpcId}) is not associated with a route table of ${tgwId}: its traffic has no table to be looked up in`);
        return [{ part, via: 'none', linkHops: [], gatewayHops: [tgwHop, hop] }];
    }
    const attachmentHop = (0, hops_1.ok)(attachmentBase, `${ctx.vpcId} is attached to ${tgwId}, associated with ${association.routeTableId}`);
    const table = tgwRouteTable(ctx, scopes, association.routeTableId, tgwOwner);
    if ('hop' in table)
        return [
            { part, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, { ...table.hop, direction: 'return' }] },
        ];
    const expansion = (0, routes_1.expandTgwRoutes)(ctx.index, table.scope, table.base.id, table.routes);
    const trails = [];
    for (const choice of (0, routes_1.chooseRoutes)(expansion.candidates, part)) {
        for (const subPart of choice.parts) {
            const uncertain = (0, routes_1.unresolvedFor)(expansion, subPart);
            const route = choice.candidate;
            if (!route) {
                const hop = uncertain.length > 0
                    ? (0, hops_1.unknown)(table.base, `whether ${table.base.id} routes ${(0, routes_1.describePart)(subPart)} is unknown: ${(0, hops_1.reasons)(uncertain)}`, uncertain, { direction: 'return' })
                    : (0, hops_1.broken)(table.base, 'no-route', `${table.base.id} has no route for ${(0, routes_1.describePart)(subPart)}`, {
                        direction: 'return',
                    });
                trails.push({ part: subPart, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, hop] });
                continue;
            }
            const hopRoute = tgwHopRoute(route.route, route.destination, route.prefixListId);
            if (route.route.state === 'blackhole' || route.route.attachments.length === 0) {
                const hop = (0, hops_1.broken)(table.base, 'blackhole', `${table.base.id} drops ${(0, routes_1.describePart)(subPart)}: route ${route.destination} is a blackhole`, { route: hopRoute, direction: 'return' });
                trails.push({ part: subPart, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, hop] });
                continue;
            }
            for (const target of route.route.attachments) {
                const returnHop = (0, hops_1.ok)(table.base, `${table.base.id} routes ${(0, routes_1.describePart)(subPart)} to ${target.attachmentId} (${target.resourceType ?? 'attachment'} ${target.resourceId ?? ''})`.replace(/ \)$/, ')'), { route: { ...hopRoute, target: target.attachmentId }, direction: 'return' });
                trails.push(...tgwTargetTrails(ctx, { tgwScope, tgwOwner, tgwHop, attachmentHop, vpcAttachmentId: attachment.id, scopes }, target, subPart, returnHop, uncertain));
            }
        }
    }
    return trails;
}
/**
 * The VPC's attachment as the transit gateway's owner sees it: an available record with its route table
 * association wins (the attachment is listed in both the VPC's and the gateway's account when they differ).
 */
function preferredAttachment(found) {
    const score = (a) => (a.item.state === 'available' ? 2 : 0) + (a.item.association ? 1 : 0);
    return [...found].sort((a, b) => score(b) - score(a))[0];
}
function tgwTargetTrails(ctx, tgw, target, part, returnHop, uncertain) {
    const returnWithDoubt = uncertain.length > 0
        ? {
            ...returnHop,
            status: 'unknown',
            missing: uncertain,
            reason: `${returnHop.reason}, unless a prefix list we could not read says otherwise`,
        }
        : returnHop;
    const inner = [tgw.tgwHop, tgw.attachmentHop, returnWithDoubt];
    const attachmentBase = (0, hops_1.ec2Base)(tgw.tgwScope, 'tgw-attachment', 'AWS::EC2::TransitGatewayAttachment', 'transit-gateway-attachment', target.attachmentId, tgw.tgwOwner);
    const found = (0, lookup_1.findById)(ctx.index, tgw.scopes, 'transitGatewayAttachments', target.attachmentId);
    const sideAttachment = found.located?.item;
    const type = target.resourceType ?? sideAttachment?.resourceType;
    const resourceId = target.resourceId ?? sideAttachment?.resourceId;
    if (type === 'vpc') {
        const hop = (0, hops_1.broken)(returnHop, 'routed-elsewhere', `${returnHop.id} sends ${(0, routes_1.describePart)(part)} to another VPC (${resourceId ?? target.attachmentId}), not on-premises`);
        return [{ part, via: 'none', linkHops: [], gatewayHops: [tgw.tgwHop, tgw.attachmentHop, hop] }];
    }
    if (type !== 'vpn' && type !== 'direct-connect-gateway') {
        const missing = [
            {
                collection: 'transitGatewayAttachments',
                resourceId: target.attachmentId,
                reason: `paths through a ${type ?? 'unknown'} attachment are not modeled`,
            },
        ];
        return [
            {
                part,
                via: 'none',
                linkHops: [
                    (0, hops_1.unknown)(attachmentBase, `${(0, routes_1.describePart)(part)} leaves ${tgw.tgwHop.id} through ${target.attachmentId} (${type ?? 'unknown type'}${resourceId ? ` ${resourceId}` : ''}); the path beyond is not followed`, missing),
                ],
                gatewayHops: inner,
            },
        ];
    }
    // The on-premises side: its attachment must be up, and its own route table must route back to the broker subnet.
    let sideHop;
    let inboundHop;
    if (!sideAttachment) {
        const missing = found.missing.length > 0
            ? found.missing
            : [(0, lookup_1.notInInventory)('transitGatewayAttachments', tgw.tgwScope, target.attachmentId)];
        sideHop = (0, hops_1.unknown)(attachmentBase, `${target.attachmentId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing);
    }
    else if (sideAttachment.state !== 'available') {
        sideHop = (0, hops_1.broken)(attachmentBase, 'gateway-detached', `${target.attachmentId} (${type} ${resourceId ?? ''}) is ${sideAttachment.state}`);
    }
    else {
        sideHop = (0, hops_1.ok)(attachmentBase, `${resourceId ?? type} is attached to ${tgw.tgwHop.id}`);
        inboundHop = inboundRouteHop(ctx, tgw, sideAttachment);
    }
    // Outside in: the on-premises attachment, the transit gateway, the table its traffic is looked up in, then the
    // VPC's attachment and the table the VPC's traffic is looked up in (the way back).
    const [tgwHop, ...vpcSide] = inner;
    const gatewayHops = inboundHop ? [sideHop, tgwHop, inboundHop, ...vpcSide] : [sideHop, tgwHop, ...vpcSide];
    if (type === 'vpn') {
        if (!resourceId)
            return [{ part, via: 'none', linkHops: [], gatewayHops }];
        const vpn = (0, lookup_1.findById)(ctx.index, tgw.scopes, 'vpnConnections', resourceId);
        if (!vpn.located) {
            const missing = vpn.missing.length > 0 ? vpn.missing : [(0, lookup_1.notInInventory)('vpnConnections', tgw.tgwScope, resourceId)];
            const hop = (0, hops_1.unknown)((0, hops_1.ec2Base)(tgw.tgwScope, 'vpn-tunnel', 'AWS::EC2::VPNConnection', 'vpn-connection', resourceId, tgw.tgwOwner), `${resourceId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing);
            return [{ part, via: 'vpn', linkId: resourceId, linkHops: [hop], gatewayHops }];
        }
        return vpnTrails(ctx, vpn.located, part, gatewayHops, false);
    }
    // direct-connect-gateway
    if (!resourceId)
        return [{ part, via: 'none', linkHops: [], gatewayHops }];
    const dxgws = (0, lookup_1.findDxGateway)(ctx.index, resourceId);
    const owner = dxgws.found[0];
    if (!owner) {
        const missing = dxgws.missing.length > 0
            ? dxgws.missing
            : [
                (0, lookup_1.notInInventory)('directConnectGateways', undefined, resourceId, ' (owned by an account that was not inventoried?)'),
            ];
        const hop = (0, hops_1.unknown)({ kind: 'dx-gateway', resourceType: 'AWS::DirectConnect::DirectConnectGateway', id: resourceId }, `${resourceId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing);
        return [{ part, via: 'direct-connect', linkId: resourceId, linkHops: [hop], gatewayHops }];
    }
    const tgwId = tgw.tgwHop.id;
    const association = (owner.gateway.associations ?? []).find((a) => a.associatedGatewayId === tgwId && a.state !== 'disassociated');
    if (!association) {
        const base = {
            kind: 'dx-gateway',
            resourceType: 'AWS::DirectConnect::DirectConnectGateway',
            id: resourceId,
            arn: (0, arn_1.directConnectGatewayArn)(owner.partition, owner.accountId, resourceId),
            accountId: owner.accountId,
        };
        const hop = owner.gateway.associations === null
            ? (0, hops_1.unknown)(base, `the associations of ${resourceId} could not be read`, associationsUnreadable(ctx.index, owner.accountId, resourceId))
            : (0, hops_1.broken)(base, 'gateway-detached', `${resourceId} is not associated with ${tgwId}`);
        return [{ part, via: 'direct-connect', linkId: resourceId, linkHops: [hop], gatewayHops }];
    }
    return dxGatewayTrails(ctx, owner, association, part, gatewayHops, 'transit');
}
/** In the table the on-premises attachment is associated with, the broker subnet must route to the VPC's attachment. */
function inboundRouteHop(ctx, tgw, side) {
    const sideBase = (0, hops_1.ec2Base)(tgw.tgwScope, 'tgw-route-table', 'AWS::EC2::TransitGatewayRouteTable', 'transit-gateway-route-table', side.association?.routeTableId ?? side.id, tgw.tgwOwner);
    if (!side.association || (side.association.state && side.association.state !== 'associated')) {
        return (0, hops_1.broken)({ ...sideBase, kind: 'tgw-attachment', resourceType: 'AWS::EC2::TransitGatewayAttachment', id: side.id }, 'no-route', `${side.id} (${side.resourceType} ${side.resourceId ?? ''}) is not associated with a route table: traffic from on-premises has nowhere to go on ${side.transitGatewayId}`);
    }
    if (!ctx.subnetCidr)
        return (0, hops_1.unknown)(sideBase, `the CIDR of ${ctx.subnet.id} is not in the inventory`, [
            (0, lookup_1.notInInventory)('subnets', ctx.scope, ctx.subnet.id),
        ]);
    const table = tgwRouteTable(ctx, tgw.scopes, side.association.routeTableId, tgw.tgwOwner);
    if ('hop' in table)
        return table.hop;
    const subnetPart = (0, routes_1.wholePart)(ctx.subnetCidr);
    const expansion = (0, routes_1.expandTgwRoutes)(ctx.index, table.scope, table.base.id, table.routes);
    const subnetText = `the broker subnet ${(0, cidr_1.formatCidr)(ctx.subnetCidr)}`;
    let okRoute;
    for (const choice of (0, routes_1.chooseRoutes)(expansion.candidates, subnetPart)) {
        const route = choice.candidate;
        if (!route) {
            const uncertain = (0, routes_1.unresolvedFor)(expansion, subnetPart);
            if (uncertain.length > 0)
                return (0, hops_1.unknown)(table.base, `whether ${table.base.id} routes back to ${subnetText} is unknown: ${(0, hops_1.reasons)(uncertain)}`, uncertain);
            return (0, hops_1.broken)(table.base, 'no-route', `${table.base.id} (associated with ${side.id}) has no route back to ${subnetText}`);
        }
        const hopRoute = tgwHopRoute(route.route, route.destination, route.prefixListId);
        if (route.route.state === 'blackhole' || route.route.attachments.length === 0) {
            return (0, hops_1.broken)(table.base, 'blackhole', `${table.base.id} drops traffic to ${subnetText}: route ${route.destination} is a blackhole`, { route: hopRoute });
        }
        if (!route.route.attachments.some((a) => a.attachmentId === tgw.vpcAttachmentId)) {
            const elsewhere = route.route.attachments
                .map((a) => `${a.attachmentId} (${a.resourceType ?? ''} ${a.resourceId ?? ''})`.replace(/ \)/, ')'))
                .join(', ');
            return (0, hops_1.broken)(table.base, 'routed-elsewhere', `${table.base.id} sends ${subnetText} to ${elsewhere}, not to ${tgw.vpcAttachmentId}`, { route: hopRoute });
        }
        okRoute ??= hopRoute;
    }
    return (0, hops_1.ok)(table.base, `${table.base.id} (associated with ${side.id}) routes ${subnetText} to ${tgw.vpcAttachmentId}`, okRoute ? { route: okRoute } : {});
}
function tgwRouteTable(ctx, scopes, routeTableId, owner) {
    const found = (0, lookup_1.findById)(ctx.index, scopes, 'transitGatewayRouteTables', routeTableId);
    const scope = found.located?.scope ?? ctx.scope;
    const base = (0, hops_1.ec2Base)(scope, 'tgw-route-table', 'AWS::EC2::TransitGatewayRouteTable', 'transit-gateway-route-table', routeTableId, owner);
    if (!found.located) {
        const missing = found.missing.length > 0
            ? found.missing
            : [
                (0, lookup_1.notInInventory)('transitGatewayRouteTables', ctx.scope, routeTableId, ' (owned by an account that was not inventoried?)'),
            ];
        return { hop: (0, hops_1.unknown)(base, `${routeTableId} is unknown: ${(0, hops_1.reasons)(missing)}`, missing) };
    }
    const table = found.located.item;
    if (!table.routes) {
        const missing = [
            {
                collection: 'transitGatewayRouteTables',
                accountId: scope.accountId,
                region: scope.region,
                resourceId: routeTableId,
                reason: `the routes of ${routeTableId} could not be read`,
            },
        ];
        const error = ctx.index.errors.find((e) => e.accountId === scope.accountId && e.region === scope.region && e.operation === 'SearchTransitGatewayRoutes');
        if (error)
            missing[0].error = {
                service: error.service,
                operation: error.operation,
                code: error.code,
                kind: error.kind,
                message: error.message,
            };
        return { hop: (0, hops_1.unknown)(base, `the routes of ${routeTableId} could not be read`, missing) };
    }
    const named = table.name ? { ...base } : base;
    return { routes: table.routes, scope, base: named };
}
function tgwHopRoute(route, destination, prefixListId) {
    return {
        destination,
        ...(prefixListId ? { prefixListId } : {}),
        target: route.attachments.map((a) => a.attachmentId).join(', ') || 'blackhole',
        targetType: route.attachments[0]?.resourceType ?? 'blackhole',
        ...(route.state ? { state: route.state } : {}),
        ...(route.type ? { origin: route.type } : {}),
    };
}
