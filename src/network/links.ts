/**
 * From a gateway the broker subnet routes to, out to on-premises: the links (one VPN tunnel, or one Direct
 * Connect virtual interface) and the gateway hops in between, each judged on configuration and health.
 *
 * - virtual private gateway: attached to the VPC; its VPN connections (available, tunnel UP, static routes or
 *   BGP routes for the network), its private virtual interfaces, and Direct Connect gateways associated with it;
 * - transit gateway: the VPC's attachment, its associated route table and the route there for the network, the
 *   VPN or Direct Connect gateway attachment behind it, and the route back to the broker subnet in the table that
 *   attachment is associated with;
 * - Direct Connect: interface available, a BGP session up for the network's address family, the connection or LAG
 *   available, and the gateway association advertising the broker subnet.
 */
import type {
  DirectConnectGatewayAssociation,
  DirectConnectGatewayInfo,
  DxVirtualInterface,
  Subnet,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  VpnConnection,
} from '../snapshot/network';
import {directConnectArn, directConnectGatewayArn, ec2Arn} from './arn';
import {broken, ec2Base, type HopBase, ok, pending, reasons, unknown} from './hops';
import {type Cidr, formatCidr} from './cidr';
import type {MissingData, PathHop} from './facts';
import {
  accountError,
  dxGatewaysAssociatedWith,
  type DxGatewayOwner,
  errorSummary,
  findById,
  findDxGateway,
  indexSpec,
  type Located,
  memoize,
  type NetworkIndex,
  notInInventory,
  regionScopes,
  type Scope,
  scopesFrom,
  searchBy,
  uniqueMissing,
} from './lookup';
import {
  chooseRoutes,
  cidrsCoverPart,
  cidrsFromText,
  describePart,
  expandTgwRoutes,
  type Part,
  unresolvedFor,
  wholePart,
} from './routes';

export interface PathContext {
  index: NetworkIndex;
  /** The broker's account and region. */
  scope: Scope;
  vpcId: string;
  /** The VPC's CIDRs (from the VPC, else from the route table's local routes); undefined when unknown. */
  vpcCidrs?: Cidr[];
  subnet: Pick<Subnet, 'id'> & Partial<Subnet>;
  subnetCidr?: Cidr;
}

const VPNS_BY_VGW = indexSpec('vpnConnections', 'vgw', (v) => [v.vpnGatewayId]);
const VIFS_BY_VGW = indexSpec('dxVirtualInterfaces', 'vgw', (v) => [v.virtualGatewayId]);
const VIFS_BY_DXGW = indexSpec('dxVirtualInterfaces', 'dxgw', (v) => [v.directConnectGatewayId]);
export const TGW_ATTACHMENTS_BY_RESOURCE = indexSpec('transitGatewayAttachments', 'tgw-resource', (a) => [
  `${a.transitGatewayId}|${a.resourceId ?? ''}`,
]);

/** A Direct Connect gateway association that carries traffic (an update keeps the association working). */
const WORKING_ASSOCIATION_STATES = new Set(['associated', 'updating']);

/** A way out to on-premises for one part of the network, up to the link (or where it breaks). */
export interface Trail {
  part: Part;
  via: 'direct-connect' | 'none' | 'vpn';
  linkId?: string;
  /** Direct Connect: the location of the connection or LAG, as the API reports it (redundancy needs two). */
  location?: string;
  /** The location's name (DescribeLocations), when collected: display only. */
  locationName?: string;
  /** On-premises side first: customer gateway and tunnel, or connection and interface (and Direct Connect gateway). */
  linkHops: PathHop[];
  /** The AWS gateway hops, outside in. */
  gatewayHops: PathHop[];
}

// ---------------------------------------------------------------------------------------------------------------
// Virtual private gateway

function vgwBase(scope: Scope, vgwId: string): HopBase {
  return ec2Base(scope, 'vpn-gateway', 'AWS::EC2::VPNGateway', 'vpn-gateway', vgwId);
}

/** The gateway hop alone: is the VGW there, available and attached to the VPC? */
function vgwHop(ctx: PathContext, vgwId: string): PathHop {
  const base = vgwBase(ctx.scope, vgwId);
  const {located, missing} = findById(ctx.index, [ctx.scope], 'vpnGateways', vgwId);
  if (!located) {
    return missing.length > 0
      ? unknown(base, `${vgwId} is unknown: ${reasons(missing)}`, missing)
      : broken(base, 'gateway-detached', `${vgwId} no longer exists in ${ctx.scope.region}`);
  }

  const vgw = located.item;
  const attachment = vgw.attachments.find((a) => a.vpcId === ctx.vpcId);
  if (vgw.state && vgw.state !== 'available') return broken(base, 'gateway-detached', `${vgwId} is ${vgw.state}`);
  if (!attachment || attachment.state !== 'attached') {
    const now = attachment ? `is ${attachment.state} from ${ctx.vpcId}` : `is not attached to ${ctx.vpcId}`;
    return broken(base, 'gateway-detached', `${vgwId} ${now}`);
  }

  return ok(base, `${vgwId}${vgw.name ? ` (${vgw.name})` : ''} is attached to ${ctx.vpcId}`);
}

export function vgwTrails(ctx: PathContext, vgwId: string, part: Part): Trail[] {
  const gatewayHop = vgwHop(ctx, vgwId);
  if (gatewayHop.status !== 'ok') return [{part, via: 'none', linkHops: [], gatewayHops: [gatewayHop]}];
  const gatewayHops = [gatewayHop];
  const trails: Trail[] = [];

  const vpns = searchBy(ctx.index, [ctx.scope], VPNS_BY_VGW, vgwId, (v) => v.state !== 'deleted');
  for (const vpn of vpns.found) trails.push(...vpnTrails(ctx, vpn, part, gatewayHops, true));
  if (vpns.missing.length > 0)
    trails.push(
      unknownLinkTrail(
        part,
        gatewayHops,
        gatewayHop,
        'vpn-tunnel',
        `the VPN connections of ${vgwId} are unknown: ${reasons(vpns.missing)}`,
        vpns.missing,
      ),
    );

  // Private interfaces directly on the gateway live in the gateway's region, possibly in another account (hosted).
  const vifs = searchBy(
    ctx.index,
    regionScopes(ctx.index, ctx.scope.region),
    VIFS_BY_VGW,
    vgwId,
    (v) => v.state !== 'deleted',
  );
  for (const vif of oncePerInterface(vifs.found)) trails.push(vifTrail(ctx, vif, part, gatewayHops, []));
  if (vifs.missing.length > 0) {
    trails.push(
      unknownLinkTrail(
        part,
        gatewayHops,
        gatewayHop,
        'virtual-interface',
        `Direct Connect interfaces on ${vgwId} are unknown: ${reasons(vifs.missing)}`,
        vifs.missing,
      ),
    );
  }

  const dxgws = dxGatewaysAssociatedWith(ctx.index, vgwId);
  for (const owner of dxgws.found) {
    const association = (owner.gateway.associations ?? []).find(
      (a) => a.associatedGatewayId === vgwId && a.state !== 'disassociated',
    );
    if (association) trails.push(...dxGatewayTrails(ctx, owner, association, part, gatewayHops, 'private'));
  }

  for (const {gateway, accountId} of dxgws.unreadable) {
    const missing = associationsUnreadable(ctx.index, accountId, gateway.id);
    trails.push(
      unknownLinkTrail(
        part,
        gatewayHops,
        gatewayHop,
        'dx-gateway',
        `whether ${gateway.id} is associated with ${vgwId} is unknown: ${reasons(missing)}`,
        missing,
      ),
    );
  }

  if (dxgws.missing.length > 0) {
    trails.push(
      unknownLinkTrail(
        part,
        gatewayHops,
        gatewayHop,
        'dx-gateway',
        `Direct Connect gateways associated with ${vgwId} are unknown: ${reasons(dxgws.missing)}`,
        dxgws.missing,
      ),
    );
  }

  if (trails.length === 0) {
    return [
      {
        part,
        via: 'none',
        linkHops: [],
        gatewayHops: [
          broken(
            vgwBase(ctx.scope, vgwId),
            'no-connection',
            `${vgwId} has no VPN connection and no Direct Connect interface`,
          ),
        ],
      },
    ];
  }

  return trails;
}

/** A gateway whose associations could not be read, with the collection error behind it when there is one. */
function associationsUnreadable(index: NetworkIndex, accountId: string, gatewayId: string): MissingData[] {
  const error = accountError(index, accountId, ['DescribeDirectConnectGatewayAssociations']);
  return [
    {
      collection: 'directConnectGateways',
      accountId,
      resourceId: gatewayId,
      reason: error
        ? `directconnect:${error.operation} failed (${error.code})`
        : `the associations of ${gatewayId} could not be read`,
      ...(error ? {error: errorSummary(error)} : {}),
    },
  ];
}

const UNKNOWN_LINK: Partial<Record<PathHop['kind'], {resourceType: string; via: Trail['via']}>> = {
  'vpn-tunnel': {resourceType: 'AWS::EC2::VPNConnection', via: 'vpn'},
  'virtual-interface': {resourceType: 'AWS::DirectConnect::VirtualInterface', via: 'direct-connect'},
  'dx-gateway': {resourceType: 'AWS::DirectConnect::DirectConnectGateway', via: 'direct-connect'},
};

/** Links that may exist behind a gateway but could not be read: one unknown hop, named after the gateway. */
function unknownLinkTrail(
  part: Part,
  gatewayHops: PathHop[],
  anchor: PathHop,
  kind: PathHop['kind'],
  reason: string,
  missing: MissingData[],
): Trail {
  const link = UNKNOWN_LINK[kind];
  const hop: PathHop = {
    kind,
    resourceType: link?.resourceType ?? anchor.resourceType,
    id: anchor.id,
    ...(anchor.accountId ? {accountId: anchor.accountId} : {}),
    ...(anchor.region ? {region: anchor.region} : {}),
    status: 'unknown',
    reason,
    missing: uniqueMissing(missing),
  };
  return {part, via: link?.via ?? 'none', linkHops: [hop], gatewayHops};
}

/**
 * One record per interface. A hosted interface is listed by the account that owns it and by the owner of the
 * connection it runs on; with both inventoried it would otherwise make two paths over one link.
 */
function oncePerInterface(found: Located<DxVirtualInterface>[]): Located<DxVirtualInterface>[] {
  const byId = new Map<string, Located<DxVirtualInterface>>();
  for (const located of found) if (!byId.has(located.item.id)) byId.set(located.item.id, located);
  return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Site-to-Site VPN

/**
 * One trail per tunnel. `checkStaticRoutes`: a static VPN on a virtual private gateway only carries the
 * prefixes in its static routes (on a transit gateway those are TGW routes, already looked up).
 */
export function vpnTrails(
  ctx: PathContext,
  located: Located<VpnConnection>,
  part: Part,
  gatewayHops: PathHop[],
  checkStaticRoutes: boolean,
): Trail[] {
  const {item: vpn, scope} = located;
  const base = ec2Base(scope, 'vpn-tunnel', 'AWS::EC2::VPNConnection', 'vpn-connection', vpn.id);
  const cgw = customerGatewayHop(ctx, scope, vpn);
  const linkHops = (tunnel: PathHop) => (cgw ? [cgw, tunnel] : [tunnel]);
  const label = `${vpn.id}${vpn.name ? ` (${vpn.name})` : ''}`;
  const routing = vpn.staticRoutesOnly ? 'static routes' : 'BGP';

  if (vpn.state && vpn.state !== 'available') {
    return [
      {
        part,
        via: 'vpn',
        linkId: vpn.id,
        linkHops: linkHops(broken(base, 'vpn-unavailable', `${label} is ${vpn.state}`)),
        gatewayHops,
      },
    ];
  }

  if (checkStaticRoutes && vpn.staticRoutesOnly) {
    const routes = cidrsFromText(
      vpn.routes.filter((r) => !r.state || r.state === 'available').map((r) => r.destinationCidr),
    );
    if (!cidrsCoverPart(routes, part)) {
      const listed = routes.length > 0 ? routes.map(formatCidr).join(', ') : 'none';
      return [
        {
          part,
          via: 'vpn',
          linkId: vpn.id,
          linkHops: linkHops(
            broken(
              base,
              'no-route',
              `${label} uses static routes and none covers ${describePart(part)} (static routes: ${listed})`,
            ),
          ),
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
      via: 'vpn' as const,
      linkId: `${vpn.id}/tunnel${n}`,
      gatewayHops,
      linkHops: linkHops(
        pending(base, `${created}: tunnel ${n} (${routing}) is configured, its health is known only after apply`),
      ),
    }));
  }

  if (vpn.tunnels.length === 0) {
    const missing: MissingData[] = [
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
        linkHops: linkHops(unknown(base, `${label} reports no tunnel telemetry`, missing)),
        gatewayHops,
      },
    ];
  }

  return vpn.tunnels.map((tunnel) => {
    const telemetry = {
      outsideIpAddress: tunnel.outsideIpAddress,
      status: tunnel.status,
      ...(tunnel.acceptedRouteCount === undefined ? {} : {acceptedRouteCount: tunnel.acceptedRouteCount}),
      ...(tunnel.lastStatusChange ? {lastStatusChange: tunnel.lastStatusChange} : {}),
    };
    const name = `${label} tunnel ${tunnel.outsideIpAddress}`;
    const since = tunnel.lastStatusChange ? ` since ${tunnel.lastStatusChange}` : '';
    let hop: PathHop;
    if (tunnel.status !== 'UP') {
      const why = tunnel.statusMessage ? ` (${tunnel.statusMessage})` : '';
      hop = broken(base, 'tunnel-down', `${name} is ${tunnel.status}${since}${why}`, {tunnel: telemetry});
    } else if (!vpn.staticRoutesOnly && tunnel.acceptedRouteCount === 0) {
      hop = broken(base, 'no-route', `${name} is UP but accepts no BGP routes from the customer gateway`, {
        tunnel: telemetry,
      });
    } else {
      const accepted =
        tunnel.acceptedRouteCount === undefined ? '' : `, ${tunnel.acceptedRouteCount} BGP route(s) accepted`;
      hop = ok(base, `${name} is UP${since} (${routing}${vpn.staticRoutesOnly ? '' : accepted})`, {tunnel: telemetry});
    }

    return {part, via: 'vpn', linkId: `${vpn.id}/${tunnel.outsideIpAddress}`, linkHops: linkHops(hop), gatewayHops};
  });
}

function customerGatewayHop(ctx: PathContext, scope: Scope, vpn: VpnConnection): PathHop | undefined {
  if (!vpn.customerGatewayId) return undefined;
  const base = ec2Base(
    scope,
    'customer-gateway',
    'AWS::EC2::CustomerGateway',
    'customer-gateway',
    vpn.customerGatewayId,
  );
  const {located} = findById(ctx.index, [scope], 'customerGateways', vpn.customerGatewayId);
  if (!located) return ok(base, `on-premises device ${vpn.customerGatewayId}`);
  const cgw = located.item;
  // The hop's label names the gateway's id; the device name is often its Name tag too.
  const deviceName = cgw.deviceName !== cgw.name ? cgw.deviceName : undefined;
  const details = [cgw.ipAddress, cgw.bgpAsn ? `ASN ${cgw.bgpAsn}` : undefined, deviceName].filter(Boolean).join(', ');
  return ok(base, `on-premises device${cgw.name ? ` ${cgw.name}` : ''}${details ? `: ${details}` : ''}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Direct Connect

/** A Direct Connect gateway association, then every interface attached to the gateway. */
function dxGatewayTrails(
  ctx: PathContext,
  owner: DxGatewayOwner,
  association: DirectConnectGatewayAssociation,
  part: Part,
  gatewayHops: PathHop[],
  interfaceType: 'private' | 'transit',
): Trail[] {
  const {gateway} = owner;
  const base: HopBase = {
    kind: 'dx-gateway',
    resourceType: 'AWS::DirectConnect::DirectConnectGateway',
    id: gateway.id,
    arn: directConnectGatewayArn(owner.partition, gateway.ownerAccount ?? owner.accountId, gateway.id),
    accountId: gateway.ownerAccount ?? owner.accountId,
  };
  const label = `${gateway.id}${gateway.name ? ` (${gateway.name})` : ''}`;
  let hop: PathHop;
  if (gateway.state !== 'available') {
    hop = broken(base, 'gateway-detached', `${label} is ${gateway.state}`);
  } else if (!WORKING_ASSOCIATION_STATES.has(association.state)) {
    hop = broken(
      base,
      'gateway-detached',
      `${label}'s association ${association.associationId} with ${association.associatedGatewayId} is ${association.state}`,
    );
  } else {
    // Without allowed prefixes a VGW association advertises the VPC's CIDRs; a TGW association must list them.
    const allowed =
      association.allowedPrefixes.length > 0 || interfaceType === 'transit'
        ? cidrsFromText(association.allowedPrefixes)
        : ctx.vpcCidrs;
    const shown =
      association.allowedPrefixes.length > 0
        ? association.allowedPrefixes.join(', ')
        : interfaceType === 'transit'
          ? 'none'
          : 'the VPC CIDRs';
    if (!allowed) {
      hop = unknown(
        base,
        `whether ${label} advertises ${ctx.subnet.id} is unknown: the association has no allowed prefixes (so it advertises the VPC's CIDRs), and the CIDRs of ${ctx.vpcId} are not in the inventory`,
        [notInInventory('vpcs', ctx.scope, ctx.vpcId)],
      );
    } else if (!ctx.subnetCidr) {
      hop = unknown(base, `whether ${label} advertises ${ctx.subnet.id} is unknown: its CIDR is not in the inventory`, [
        notInInventory('subnets', ctx.scope, ctx.subnet.id),
      ]);
    } else if (!cidrsCoverPart(allowed, wholePart(ctx.subnetCidr))) {
      hop = broken(
        base,
        'not-advertised',
        `${label} does not advertise the broker subnet ${formatCidr(ctx.subnetCidr)} to on-premises: allowed prefixes ${shown}`,
      );
    } else {
      hop = ok(
        base,
        `${label} is associated with ${association.associatedGatewayId} and advertises ${formatCidr(ctx.subnetCidr)} (allowed prefixes ${shown})`,
      );
    }
  }

  const refs = attachedInterfaces(ctx.index, gateway, owner.accountId, interfaceType);
  const trails = refs.found.map((ref) => vifTrailById(ctx, ref, part, gatewayHops, [hop]));
  if (refs.missing.length > 0) {
    trails.push({
      part,
      via: 'none',
      linkHops: [
        unknown(
          {...base, kind: 'virtual-interface'},
          `interfaces attached to ${label} are unknown: ${reasons(refs.missing)}`,
          refs.missing,
        ),
        hop,
      ],
      gatewayHops,
    });
  }

  if (trails.length === 0) {
    const noInterface = broken(base, 'no-connection', `${label} has no ${interfaceType} virtual interface attached`);
    return [{part, via: 'none', linkHops: [hop.status === 'ok' ? noInterface : hop], gatewayHops}];
  }

  return trails;
}

interface InterfaceRef {
  id: string;
  region?: string;
  attachmentState?: string;
}

/** Attachments say which interfaces (in any region); interfaces also name their gateway. */
function attachedInterfaces(
  index: NetworkIndex,
  gateway: DirectConnectGatewayInfo,
  accountId: string,
  interfaceType: 'private' | 'transit',
): {found: InterfaceRef[]; missing: MissingData[]} {
  // The search spans every account and region: once per gateway, not once per broker subnet behind it.
  return memoize(index, `dxgw-interfaces|${accountId}|${gateway.id}|${interfaceType}`, () =>
    attachedInterfacesOnce(index, gateway, accountId, interfaceType),
  );
}

function attachedInterfacesOnce(
  index: NetworkIndex,
  gateway: DirectConnectGatewayInfo,
  accountId: string,
  interfaceType: 'private' | 'transit',
): {found: InterfaceRef[]; missing: MissingData[]} {
  const refs = new Map<string, InterfaceRef>();
  const wantedAttachment = interfaceType === 'transit' ? 'TransitVirtualInterface' : 'PrivateVirtualInterface';
  for (const a of gateway.attachments ?? []) {
    if (a.state === 'detached' || (a.type && a.type !== wantedAttachment)) continue;
    refs.set(a.virtualInterfaceId, {
      id: a.virtualInterfaceId,
      region: a.virtualInterfaceRegion,
      attachmentState: a.state,
    });
  }

  const vifs = searchBy(
    index,
    index.scopes,
    VIFS_BY_DXGW,
    gateway.id,
    (v) => v.state !== 'deleted' && (!v.type || v.type === interfaceType),
  );
  for (const {item, scope} of vifs.found)
    if (!refs.has(item.id)) refs.set(item.id, {id: item.id, region: item.region ?? scope.region});
  // With the attachment list we know every interface even where the regional list is missing.
  const missing = gateway.attachments ? [] : vifs.missing;
  if (gateway.attachments === null) {
    const error = accountError(index, accountId, ['DescribeDirectConnectGatewayAttachments']);
    missing.push({
      collection: 'directConnectGateways',
      resourceId: gateway.id,
      reason: error
        ? `directconnect:${error.operation} failed (${error.code})`
        : `the attachments of ${gateway.id} could not be read`,
      ...(error ? {error: errorSummary(error)} : {}),
    });
  }
  return {found: [...refs.values()], missing};
}

function vifTrailById(
  ctx: PathContext,
  ref: InterfaceRef,
  part: Part,
  gatewayHops: PathHop[],
  afterInterface: PathHop[],
): Trail {
  const scopes = ref.region ? regionScopes(ctx.index, ref.region) : ctx.index.scopes;
  const base: HopBase = {
    kind: 'virtual-interface',
    resourceType: 'AWS::DirectConnect::VirtualInterface',
    id: ref.id,
    ...(ref.region ? {region: ref.region} : {}),
  };
  if (ref.attachmentState && ref.attachmentState !== 'attached') {
    return {
      part,
      via: 'direct-connect',
      linkId: ref.id,
      linkHops: [
        broken(base, 'interface-down', `${ref.id} is ${ref.attachmentState} to the Direct Connect gateway`),
        ...afterInterface,
      ],
      gatewayHops,
    };
  }

  // Interfaces are looked up across the region's accounts: once per interface, however many brokers sit behind it.
  const found = memoize(ctx.index, `vif-by-id|${ref.region ?? '*'}|${ref.id}`, () =>
    findById(ctx.index, scopes, 'dxVirtualInterfaces', ref.id),
  );
  if (!found.located) {
    const missing =
      found.missing.length > 0
        ? found.missing
        : [
            scopes.length === 0
              ? {
                  collection: 'dxVirtualInterfaces',
                  region: ref.region,
                  resourceId: ref.id,
                  reason: `${ref.id} is in ${ref.region}, which was not inventoried`,
                }
              : notInInventory('dxVirtualInterfaces', undefined, ref.id),
          ];
    return {
      part,
      via: 'direct-connect',
      linkId: ref.id,
      linkHops: [unknown(base, `${ref.id} is unknown: ${reasons(missing)}`, missing), ...afterInterface],
      gatewayHops,
    };
  }

  return vifTrail(ctx, found.located, part, gatewayHops, afterInterface);
}

function vifTrail(
  ctx: PathContext,
  located: Located<DxVirtualInterface>,
  part: Part,
  gatewayHops: PathHop[],
  afterInterface: PathHop[],
): Trail {
  const family = part.cidr.family === 6 ? 'ipv6' : 'ipv4';
  const hops = memoize(
    ctx.index,
    `vif-hops|${ctx.scope.key}|${located.scope.key}|${located.item.id}|${family}`,
    () => interfaceHops(ctx, located, family),
    ctx.scope,
  );
  return {
    part,
    via: 'direct-connect',
    linkId: hops.linkId,
    ...(hops.location ? {location: hops.location} : {}),
    ...(hops.locationName ? {locationName: hops.locationName} : {}),
    linkHops: [hops.connection, hops.vif, ...afterInterface],
    gatewayHops,
  };
}

/** The connection hop and the interface hop: the same for every path over the interface. */
function interfaceHops(
  ctx: PathContext,
  located: Located<DxVirtualInterface>,
  family: 'ipv4' | 'ipv6',
): {connection: PathHop; vif: PathHop; linkId: string; location?: string; locationName?: string} {
  const {item: vif, scope} = located;
  const region = vif.region ?? scope.region;
  const owner = vif.ownerAccount ?? scope.accountId;
  const base: HopBase = {
    kind: 'virtual-interface',
    resourceType: 'AWS::DirectConnect::VirtualInterface',
    id: vif.id,
    arn: directConnectArn(scope.partition, region, owner, vif.id),
    accountId: owner,
    region,
  };
  const peers = vif.bgpPeers.filter(
    (p) =>
      (p.addressFamily ?? vif.addressFamily ?? 'ipv4') === family && p.state !== 'deleted' && p.state !== 'deleting',
  );
  const up = peers.filter((p) => p.status === 'up').length;
  const summary = {
    ...(vif.state ? {state: vif.state} : {}),
    ...(vif.type ? {type: vif.type} : {}),
    bgpUp: up,
    bgpPeers: peers.length,
  };
  const label = `${vif.id}${vif.name ? ` (${vif.name})` : ''}`;
  let hop: PathHop;
  if (vif.planned && vif.planned.action !== 'update') {
    hop = pending(
      base,
      `${label} is ${vif.planned.action === 'replace' ? 'replaced' : 'created'} by ${vif.planned.address}: its state and BGP sessions are known only after apply`,
      {virtualInterface: summary},
    );
  } else if (vif.state !== 'available') {
    hop = broken(base, 'interface-down', `${label} is ${vif.state ?? 'in an unknown state'}`, {
      virtualInterface: summary,
    });
  } else if (up === 0) {
    const what =
      peers.length === 0
        ? `has no ${family} BGP peer`
        : `has ${peers.length} ${family} BGP session(s), none up (${peers.map((p) => p.status ?? 'unknown').join(', ')})`;
    hop = broken(base, 'bgp-down', `${label} ${what}`, {virtualInterface: summary});
  } else {
    hop = ok(
      base,
      `${label} (${vif.type ?? 'virtual interface'}, VLAN ${vif.vlan ?? '?'}) is available with ${up}/${peers.length} ${family} BGP session(s) up`,
      {virtualInterface: summary},
    );
  }

  const connection = connectionHop(ctx, vif, scope, region);
  // The interface reports its connection's location too: what places a partner's (hosted) connection.
  // Its name is known for the account's own connections and LAGs only (collected with them).
  const location = connection.location ?? vif.location;
  return {
    connection: connection.hop,
    vif: hop,
    linkId: connection.linkId,
    ...(location ? {location} : {}),
    ...(connection.location && connection.locationName ? {locationName: connection.locationName} : {}),
  };
}

/** The connection or LAG under an interface; a hosted interface's connection belongs to the partner. */
function connectionHop(
  ctx: PathContext,
  vif: DxVirtualInterface,
  scope: Scope,
  region: string,
): {hop: PathHop; linkId: string; location?: string; locationName?: string} {
  const id = vif.connectionId ?? `${vif.id}-connection`;
  const base: HopBase = {
    kind: 'dx-connection',
    resourceType: id.startsWith('dxlag-') ? 'AWS::DirectConnect::Lag' : 'AWS::DirectConnect::Connection',
    id,
    region,
  };
  if (!vif.connectionId) return {hop: unknown(base, `${vif.id} names no connection`, []), linkId: vif.id};
  const scopes = region === scope.region ? scopesFrom(ctx.index, scope) : regionScopes(ctx.index, region);
  const isLag = id.startsWith('dxlag-');
  const found = isLag ? findById(ctx.index, scopes, 'dxLags', id) : findById(ctx.index, scopes, 'dxConnections', id);
  if (!found.located) {
    if (found.missing.length > 0)
      return {hop: unknown(base, `${id} is unknown: ${reasons(found.missing)}`, found.missing), linkId: id};
    return {
      hop: ok(
        base,
        `${id} is not in this account (a hosted interface on a partner's connection); its health shows in the interface's BGP state`,
      ),
      linkId: id,
    };
  }

  const item = found.located.item as {
    id: string;
    name?: string;
    state?: string;
    location?: string;
    locationName?: string;
    bandwidth?: string;
    lagId?: string;
    ownerAccount?: string;
  };
  const owner = item.ownerAccount ?? found.located.scope.accountId;
  const full: HopBase = {
    ...base,
    arn: directConnectArn(found.located.scope.partition, region, owner, id),
    accountId: owner,
  };
  const label = `${id}${item.name ? ` (${item.name})` : ''}`;
  const where = [item.location, item.bandwidth].filter(Boolean).join(', ');
  const hop =
    item.state === 'available'
      ? ok(full, `${label}${where ? ` at ${where}` : ''} is available`)
      : broken(
          full,
          'connection-down',
          `${label}${where ? ` at ${where}` : ''} is ${item.state ?? 'in an unknown state'}`,
        );
  return {
    hop,
    linkId: item.lagId ?? id,
    ...(item.location ? {location: item.location} : {}),
    ...(item.location && item.locationName ? {locationName: item.locationName} : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Transit gateway

/** What the VPC route to a transit gateway leads to. */
export function tgwTrails(ctx: PathContext, tgwId: string, part: Part): Trail[] {
  const scopes = scopesFrom(ctx.index, ctx.scope);
  const tgwBase = ec2Base(ctx.scope, 'transit-gateway', 'AWS::EC2::TransitGateway', 'transit-gateway', tgwId);
  const single = (hop: PathHop): Trail[] => [{part, via: 'none', linkHops: [], gatewayHops: [hop]}];

  const tgwFound = findById(ctx.index, scopes, 'transitGateways', tgwId);
  if (!tgwFound.located) {
    const missing =
      tgwFound.missing.length > 0
        ? tgwFound.missing
        : [notInInventory('transitGateways', ctx.scope, tgwId, ' (shared from an account that was not inventoried?)')];
    return single(unknown(tgwBase, `${tgwId} is unknown: ${reasons(missing)}`, missing));
  }

  const tgw = tgwFound.located.item;
  const tgwScope = tgwFound.located.scope;
  const tgwOwner = tgw.ownerId ?? tgwScope.accountId;
  const base: HopBase = {
    ...tgwBase,
    arn: tgw.arn ?? ec2Arn(tgwScope.partition, tgwScope.region, tgwOwner, 'transit-gateway', tgwId),
    accountId: tgwOwner,
  };
  if (tgw.state && tgw.state !== 'available')
    return single(broken(base, 'gateway-detached', `${tgwId} is ${tgw.state}`));
  const tgwHop = ok(base, `${tgwId}${tgw.name ? ` (${tgw.name})` : ''}`);

  const attachments = searchBy(
    ctx.index,
    scopes,
    TGW_ATTACHMENTS_BY_RESOURCE,
    `${tgwId}|${ctx.vpcId}`,
    (a) => a.resourceType === 'vpc' && a.state !== 'deleted',
  );
  const vpcAttachment = preferredAttachment(attachments.found);
  const vpcAttachmentBase = (id: string, scope: Scope) =>
    ec2Base(scope, 'tgw-attachment', 'AWS::EC2::TransitGatewayAttachment', 'transit-gateway-attachment', id, tgwOwner);
  if (!vpcAttachment) {
    if (attachments.missing.length > 0)
      return single(
        unknown(
          tgwBase,
          `the attachment of ${ctx.vpcId} to ${tgwId} is unknown: ${reasons(attachments.missing)}`,
          attachments.missing,
        ),
      );
    return [
      {
        part,
        via: 'none',
        linkHops: [],
        gatewayHops: [broken(base, 'gateway-detached', `${ctx.vpcId} has no attachment on ${tgwId}`)],
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
          broken(
            attachmentBase,
            'gateway-detached',
            `${attachment.id} (${ctx.vpcId} on ${tgwId}) is ${attachment.state}`,
          ),
        ],
      },
    ];
  }

  const association = attachment.association;
  if (!association || (association.state && association.state !== 'associated')) {
    const hop = broken(
      attachmentBase,
      'no-route',
      `${attachment.id} (${ctx.vpcId}) is not associated with a route table of ${tgwId}: its traffic has no table to be looked up in`,
    );
    return [{part, via: 'none', linkHops: [], gatewayHops: [tgwHop, hop]}];
  }

  const attachmentHop = ok(
    attachmentBase,
    `${ctx.vpcId} is attached to ${tgwId}, associated with ${association.routeTableId}`,
  );
  const table = tgwRouteTable(ctx, scopes, association.routeTableId, tgwOwner);
  if ('hop' in table)
    return [
      {part, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, {...table.hop, direction: 'return'}]},
    ];

  const expansion = expandTgwRoutes(ctx.index, table.scope, table.base.id, table.routes);
  const trails: Trail[] = [];
  for (const choice of chooseRoutes(expansion.candidates, part)) {
    for (const subPart of choice.parts) {
      const uncertain = unresolvedFor(expansion, subPart);
      const route = choice.candidate;
      if (!route) {
        const hop =
          uncertain.length > 0
            ? unknown(
                table.base,
                `whether ${table.base.id} routes ${describePart(subPart)} is unknown: ${reasons(uncertain)}`,
                uncertain,
                {direction: 'return'},
              )
            : broken(table.base, 'no-route', `${table.base.id} has no route for ${describePart(subPart)}`, {
                direction: 'return',
              });
        trails.push({part: subPart, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, hop]});
        continue;
      }

      const hopRoute = tgwHopRoute(route.route, route.destination, route.prefixListId);
      if (route.route.state === 'blackhole' || route.route.attachments.length === 0) {
        const hop = broken(
          table.base,
          'blackhole',
          `${table.base.id} drops ${describePart(subPart)}: route ${route.destination} is a blackhole`,
          {route: hopRoute, direction: 'return'},
        );
        trails.push({part: subPart, via: 'none', linkHops: [], gatewayHops: [tgwHop, attachmentHop, hop]});
        continue;
      }

      for (const target of route.route.attachments) {
        const returnHop = ok(
          table.base,
          `${table.base.id} routes ${describePart(subPart)} to ${target.attachmentId} (${target.resourceType ?? 'attachment'} ${target.resourceId ?? ''})`.replace(
            / \)$/,
            ')',
          ),
          {route: {...hopRoute, target: target.attachmentId}, direction: 'return'},
        );
        trails.push(
          ...tgwTargetTrails(
            ctx,
            {tgwScope, tgwOwner, tgwHop, attachmentHop, vpcAttachmentId: attachment.id, scopes},
            target,
            subPart,
            returnHop,
            uncertain,
          ),
        );
      }
    }
  }

  return trails;
}

/**
 * The VPC's attachment as the transit gateway's owner sees it: an available record with its route table
 * association wins (the attachment is listed in both the VPC's and the gateway's account when they differ).
 */
export function preferredAttachment<T extends Located<TransitGatewayAttachment>>(found: readonly T[]): T | undefined {
  const score = (a: T) => (a.item.state === 'available' ? 2 : 0) + (a.item.association ? 1 : 0);
  return [...found].sort((a, b) => score(b) - score(a))[0];
}

interface TgwContext {
  tgwScope: Scope;
  tgwOwner: string;
  tgwHop: PathHop;
  attachmentHop: PathHop;
  vpcAttachmentId: string;
  scopes: Scope[];
}

function tgwTargetTrails(
  ctx: PathContext,
  tgw: TgwContext,
  target: TransitGatewayRoute['attachments'][number],
  part: Part,
  returnHop: PathHop,
  uncertain: MissingData[],
): Trail[] {
  const returnWithDoubt =
    uncertain.length > 0
      ? {
          ...returnHop,
          status: 'unknown' as const,
          missing: uncertain,
          reason: `${returnHop.reason}, unless a prefix list we could not read says otherwise`,
        }
      : returnHop;
  const inner = [tgw.tgwHop, tgw.attachmentHop, returnWithDoubt];
  const attachmentBase = ec2Base(
    tgw.tgwScope,
    'tgw-attachment',
    'AWS::EC2::TransitGatewayAttachment',
    'transit-gateway-attachment',
    target.attachmentId,
    tgw.tgwOwner,
  );
  const found = findById(ctx.index, tgw.scopes, 'transitGatewayAttachments', target.attachmentId);
  const sideAttachment = found.located?.item;
  const type = target.resourceType ?? sideAttachment?.resourceType;
  const resourceId = target.resourceId ?? sideAttachment?.resourceId;

  if (type === 'vpc') {
    const hop = broken(
      returnHop,
      'routed-elsewhere',
      `${returnHop.id} sends ${describePart(part)} to another VPC (${resourceId ?? target.attachmentId}), not on-premises`,
    );
    return [{part, via: 'none', linkHops: [], gatewayHops: [tgw.tgwHop, tgw.attachmentHop, hop]}];
  }

  if (type !== 'vpn' && type !== 'direct-connect-gateway') {
    const missing: MissingData[] = [
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
          unknown(
            attachmentBase,
            `${describePart(part)} leaves ${tgw.tgwHop.id} through ${target.attachmentId} (${type ?? 'unknown type'}${resourceId ? ` ${resourceId}` : ''}); the path beyond is not followed`,
            missing,
          ),
        ],
        gatewayHops: inner,
      },
    ];
  }

  // The on-premises side: its attachment must be up, and its own route table must route back to the broker subnet.
  let sideHop: PathHop;
  let inboundHop: PathHop | undefined;
  if (!sideAttachment) {
    const missing =
      found.missing.length > 0
        ? found.missing
        : [notInInventory('transitGatewayAttachments', tgw.tgwScope, target.attachmentId)];
    sideHop = unknown(attachmentBase, `${target.attachmentId} is unknown: ${reasons(missing)}`, missing);
  } else if (sideAttachment.state !== 'available') {
    sideHop = broken(
      attachmentBase,
      'gateway-detached',
      `${target.attachmentId} (${type} ${resourceId ?? ''}) is ${sideAttachment.state}`,
    );
  } else {
    sideHop = ok(attachmentBase, `${resourceId ?? type} is attached to ${tgw.tgwHop.id}`);
    inboundHop = inboundRouteHop(ctx, tgw, sideAttachment);
  }

  // Outside in: the on-premises attachment, the transit gateway, the table its traffic is looked up in, then the
  // VPC's attachment and the table the VPC's traffic is looked up in (the way back).
  const [tgwHop, ...vpcSide] = inner;
  const gatewayHops = inboundHop ? [sideHop, tgwHop, inboundHop, ...vpcSide] : [sideHop, tgwHop, ...vpcSide];
  if (type === 'vpn') {
    if (!resourceId) return [{part, via: 'none', linkHops: [], gatewayHops}];
    const vpn = findById(ctx.index, tgw.scopes, 'vpnConnections', resourceId);
    if (!vpn.located) {
      const missing =
        vpn.missing.length > 0 ? vpn.missing : [notInInventory('vpnConnections', tgw.tgwScope, resourceId)];
      const hop = unknown(
        ec2Base(tgw.tgwScope, 'vpn-tunnel', 'AWS::EC2::VPNConnection', 'vpn-connection', resourceId, tgw.tgwOwner),
        `${resourceId} is unknown: ${reasons(missing)}`,
        missing,
      );
      return [{part, via: 'vpn', linkId: resourceId, linkHops: [hop], gatewayHops}];
    }

    return vpnTrails(ctx, vpn.located, part, gatewayHops, false);
  }

  // direct-connect-gateway
  if (!resourceId) return [{part, via: 'none', linkHops: [], gatewayHops}];
  const dxgws = findDxGateway(ctx.index, resourceId);
  const owner = dxgws.found[0];
  if (!owner) {
    const missing =
      dxgws.missing.length > 0
        ? dxgws.missing
        : [
            notInInventory(
              'directConnectGateways',
              undefined,
              resourceId,
              ' (owned by an account that was not inventoried?)',
            ),
          ];
    const hop = unknown(
      {kind: 'dx-gateway', resourceType: 'AWS::DirectConnect::DirectConnectGateway', id: resourceId},
      `${resourceId} is unknown: ${reasons(missing)}`,
      missing,
    );
    return [{part, via: 'direct-connect', linkId: resourceId, linkHops: [hop], gatewayHops}];
  }

  const tgwId = tgw.tgwHop.id;
  const association = (owner.gateway.associations ?? []).find(
    (a) => a.associatedGatewayId === tgwId && a.state !== 'disassociated',
  );
  if (!association) {
    const base: HopBase = {
      kind: 'dx-gateway',
      resourceType: 'AWS::DirectConnect::DirectConnectGateway',
      id: resourceId,
      arn: directConnectGatewayArn(owner.partition, owner.accountId, resourceId),
      accountId: owner.accountId,
    };
    const hop =
      owner.gateway.associations === null
        ? unknown(
            base,
            `the associations of ${resourceId} could not be read`,
            associationsUnreadable(ctx.index, owner.accountId, resourceId),
          )
        : broken(base, 'gateway-detached', `${resourceId} is not associated with ${tgwId}`);
    return [{part, via: 'direct-connect', linkId: resourceId, linkHops: [hop], gatewayHops}];
  }

  return dxGatewayTrails(ctx, owner, association, part, gatewayHops, 'transit');
}

/** In the table the on-premises attachment is associated with, the broker subnet must route to the VPC's attachment. */
function inboundRouteHop(ctx: PathContext, tgw: TgwContext, side: TransitGatewayAttachment): PathHop {
  const sideBase = ec2Base(
    tgw.tgwScope,
    'tgw-route-table',
    'AWS::EC2::TransitGatewayRouteTable',
    'transit-gateway-route-table',
    side.association?.routeTableId ?? side.id,
    tgw.tgwOwner,
  );
  if (!side.association || (side.association.state && side.association.state !== 'associated')) {
    return broken(
      {...sideBase, kind: 'tgw-attachment', resourceType: 'AWS::EC2::TransitGatewayAttachment', id: side.id},
      'no-route',
      `${side.id} (${side.resourceType} ${side.resourceId ?? ''}) is not associated with a route table: traffic from on-premises has nowhere to go on ${side.transitGatewayId}`,
    );
  }

  if (!ctx.subnetCidr)
    return unknown(sideBase, `the CIDR of ${ctx.subnet.id} is not in the inventory`, [
      notInInventory('subnets', ctx.scope, ctx.subnet.id),
    ]);
  const table = tgwRouteTable(ctx, tgw.scopes, side.association.routeTableId, tgw.tgwOwner);
  if ('hop' in table) return table.hop;
  const subnetPart = wholePart(ctx.subnetCidr);
  const expansion = expandTgwRoutes(ctx.index, table.scope, table.base.id, table.routes);
  const subnetText = `the broker subnet ${formatCidr(ctx.subnetCidr)}`;
  let okRoute: PathHop['route'];
  for (const choice of chooseRoutes(expansion.candidates, subnetPart)) {
    const route = choice.candidate;
    if (!route) {
      const uncertain = unresolvedFor(expansion, subnetPart);
      if (uncertain.length > 0)
        return unknown(
          table.base,
          `whether ${table.base.id} routes back to ${subnetText} is unknown: ${reasons(uncertain)}`,
          uncertain,
        );
      return broken(
        table.base,
        'no-route',
        `${table.base.id} (associated with ${side.id}) has no route back to ${subnetText}`,
      );
    }

    const hopRoute = tgwHopRoute(route.route, route.destination, route.prefixListId);
    if (route.route.state === 'blackhole' || route.route.attachments.length === 0) {
      return broken(
        table.base,
        'blackhole',
        `${table.base.id} drops traffic to ${subnetText}: route ${route.destination} is a blackhole`,
        {route: hopRoute},
      );
    }

    if (!route.route.attachments.some((a) => a.attachmentId === tgw.vpcAttachmentId)) {
      const elsewhere = route.route.attachments
        .map((a) => `${a.attachmentId} (${a.resourceType ?? ''} ${a.resourceId ?? ''})`.replace(/ \)/, ')'))
        .join(', ');
      return broken(
        table.base,
        'routed-elsewhere',
        `${table.base.id} sends ${subnetText} to ${elsewhere}, not to ${tgw.vpcAttachmentId}`,
        {route: hopRoute},
      );
    }

    okRoute ??= hopRoute;
  }

  return ok(
    table.base,
    `${table.base.id} (associated with ${side.id}) routes ${subnetText} to ${tgw.vpcAttachmentId}`,
    okRoute ? {route: okRoute} : {},
  );
}

function tgwRouteTable(
  ctx: PathContext,
  scopes: Scope[],
  routeTableId: string,
  owner: string,
): {routes: TransitGatewayRoute[]; scope: Scope; base: HopBase} | {hop: PathHop} {
  const found = findById(ctx.index, scopes, 'transitGatewayRouteTables', routeTableId);
  const scope = found.located?.scope ?? ctx.scope;
  const base = ec2Base(
    scope,
    'tgw-route-table',
    'AWS::EC2::TransitGatewayRouteTable',
    'transit-gateway-route-table',
    routeTableId,
    owner,
  );
  if (!found.located) {
    const missing =
      found.missing.length > 0
        ? found.missing
        : [
            notInInventory(
              'transitGatewayRouteTables',
              ctx.scope,
              routeTableId,
              ' (owned by an account that was not inventoried?)',
            ),
          ];
    return {hop: unknown(base, `${routeTableId} is unknown: ${reasons(missing)}`, missing)};
  }

  const table = found.located.item;
  if (!table.routes) {
    const missing: MissingData[] = [
      {
        collection: 'transitGatewayRouteTables',
        accountId: scope.accountId,
        region: scope.region,
        resourceId: routeTableId,
        reason: `the routes of ${routeTableId} could not be read`,
      },
    ];
    const error = ctx.index.errors.find(
      (e) =>
        e.accountId === scope.accountId && e.region === scope.region && e.operation === 'SearchTransitGatewayRoutes',
    );
    if (error)
      missing[0].error = {
        service: error.service,
        operation: error.operation,
        code: error.code,
        kind: error.kind,
        message: error.message,
      };
    return {hop: unknown(base, `the routes of ${routeTableId} could not be read`, missing)};
  }

  const named: HopBase = table.name ? {...base} : base;
  return {routes: table.routes, scope, base: named};
}

function tgwHopRoute(
  route: TransitGatewayRoute,
  destination: string,
  prefixListId?: string,
): NonNullable<PathHop['route']> {
  return {
    destination,
    ...(prefixListId ? {prefixListId} : {}),
    target: route.attachments.map((a) => a.attachmentId).join(', ') || 'blackhole',
    targetType: route.attachments[0]?.resourceType ?? 'blackhole',
    ...(route.state ? {state: route.state} : {}),
    ...(route.type ? {origin: route.type} : {}),
  };
}
