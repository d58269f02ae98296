/**
 * Hints for a missing path: when a VPC has no route for an on-premises network (or routes it into a peering
 * connection), what nearby does reach it. A VPC peered with one that has the VPN is the classic mistake (peering
 * is not transitive); a VPC attached to a transit gateway that routes the network, but without a route to that
 * gateway in its own table, is the other. Read-only and best effort: nothing here changes a verdict.
 */
import type {Route} from '../snapshot/network';
import {cidrContains, parseCidr} from './cidr';
import {byId, indexSpec, lookupIn, type NetworkIndex, type Scope, scopesFrom, searchBy} from './lookup';
import {describePart, type Part, ROUTE_TABLES_BY_VPC} from './routes';

const PEERINGS_BY_VPC = indexSpec('vpcPeeringConnections', 'vpc', (p) => [p.requester.vpcId, p.accepter.vpcId]);
const VPN_BY_VGW = indexSpec('vpnConnections', 'hint-vgw', (v) => [v.vpnGatewayId]);
const TGW_ATTACHMENTS_BY_VPC = indexSpec('transitGatewayAttachments', 'hint-vpc', (a) => [
  a.resourceType === 'vpc' ? a.resourceId : undefined,
]);

/** What a peered VPC's routes do with the network: the route and, behind a gateway, its VPN connections. */
function reachesFrom(index: NetworkIndex, scopes: readonly Scope[], vpcId: string, part: Part): string | undefined {
  for (const {item: table, scope} of searchBy(index, scopes, ROUTE_TABLES_BY_VPC, vpcId).found) {
    const route = table.routes.find((r) => isOnPremTarget(r) && covers(r, part));
    if (!route) continue;
    if (route.targetType === 'vpn-gateway') {
      const vpns = lookupIn(index, scope, VPN_BY_VGW, route.targetId);
      const ids = 'items' in vpns ? vpns.items.filter((v) => v.state !== 'deleted').map((v) => v.id) : [];
      return ids.length > 0 ? `over ${ids.join(', ')} (${route.targetId})` : `over ${route.targetId}`;
    }

    return `over ${route.targetId}`;
  }

  return undefined;
}

function isOnPremTarget(route: Route): boolean {
  return (route.targetType === 'vpn-gateway' || route.targetType === 'transit-gateway') && route.state !== 'blackhole';
}

function covers(route: Route, part: Part): boolean {
  const cidr = parseCidr(route.destinationCidr ?? route.destinationIpv6Cidr ?? '');
  return cidr !== undefined && cidr.family === part.cidr.family && cidrContains(cidr, part.cidr);
}

function vpcLabel(index: NetworkIndex, scopes: readonly Scope[], vpcId: string): string {
  const vpc = searchBy(index, scopes, byId('vpcs'), vpcId).found[0]?.item;
  return vpc?.name ? `${vpc.name} (${vpcId})` : vpcId;
}

/**
 * The VPC's active peering connections whose peer reaches the network: "vpc-… is peered with prod-core (vpc-…)
 * over pcx-…, which reaches 10.200.0.0/16 over vpn-… (vgw-…), but VPC peering is not transitive: …".
 * `only`: just this peering connection (the route leads into it).
 */
export function peeringHint(
  index: NetworkIndex,
  scope: Scope,
  vpcId: string | undefined,
  part: Part,
  only?: string,
): string | undefined {
  if (!vpcId) return undefined;
  const scopes = scopesFrom(index, scope);
  const what = describePart(part);
  for (const {item: pcx} of searchBy(index, scopes, PEERINGS_BY_VPC, vpcId).found) {
    if (only && pcx.id !== only) continue;
    if (pcx.state && pcx.state !== 'active') continue;
    const peer = pcx.requester.vpcId === vpcId ? pcx.accepter : pcx.requester;
    if (!peer.vpcId) continue;
    const over = reachesFrom(index, scopes, peer.vpcId, part);
    if (!over) continue;
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
export function transitHint(
  index: NetworkIndex,
  scope: Scope,
  vpcId: string | undefined,
  tableId: string,
  part: Part,
): string | undefined {
  if (!vpcId) return undefined;
  const scopes = scopesFrom(index, scope);
  const what = describePart(part);
  for (const {item: attachment} of searchBy(index, scopes, TGW_ATTACHMENTS_BY_VPC, vpcId).found) {
    if (attachment.state && attachment.state !== 'available') continue;
    const rtbId = attachment.association?.routeTableId;
    if (!rtbId) continue;
    const rtb = searchBy(index, scopes, byId('transitGatewayRouteTables'), rtbId).found[0]?.item;
    const route = rtb?.routes?.find((r) => {
      const cidr = parseCidr(r.destinationCidr ?? '');
      return (
        r.state !== 'blackhole' &&
        cidr !== undefined &&
        cidrContains(cidr, part.cidr) &&
        r.attachments.some((a) => a.resourceType === 'vpn' || a.resourceType === 'direct-connect-gateway')
      );
    });
    if (!route) continue;
    const towards = route.attachments.map((a) => a.resourceId ?? a.attachmentId).join(', ');
    return `${vpcId} is attached to ${attachment.transitGatewayId} (${attachment.id}), whose route table ${rtbId} routes ${what} to ${towards}; add a route for ${what} to ${attachment.transitGatewayId} in ${tableId}`;
  }

  return undefined;
}
