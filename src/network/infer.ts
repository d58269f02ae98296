/**
 * When no on-premises network is given: every destination that a broker subnet routes towards a VPN or Direct
 * Connect is taken as one. The subnet's effective table is matched against the whole address space (longest
 * prefix), so each block comes out with the route that wins it:
 * - a route to a virtual private gateway (static or propagated) leads to VPN or Direct Connect by definition;
 * - a route to a transit gateway is followed into the route table of the VPC's attachment, and the blocks there
 *   routed to a VPN or Direct Connect gateway attachment are kept.
 * Blocks a more specific route sends elsewhere are left out (`excluding`), and default routes (0.0.0.0/0, ::/0)
 * are not taken as a network: "the whole internet is on-premises" answers nothing; the caller says so.
 */
import type {Route} from '../snapshot/network';
import {everything, type IpFamily} from './cidr';
import type {MissingData, OnPremNetworkFacts} from './facts';
import {reasons} from './hops';
import {preferredAttachment, TGW_ATTACHMENTS_BY_RESOURCE} from './links';
import {findById, memoize, type NetworkIndex, notInInventory, type Scope, scopesFrom, searchBy} from './lookup';
import {
  chooseRoutes,
  type Candidate,
  describePart,
  type EffectiveRouteTable,
  expandTgwRoutes,
  expandVpcRoutes,
  type Part,
  unresolvedFor,
  wholePart,
} from './routes';

export type Provenance = NonNullable<OnPremNetworkFacts['inferredFrom']>[number];

export interface InferredNetwork {
  part: Part;
  from: Provenance[];
}

export interface Inference {
  networks: InferredNetwork[];
  /** Default routes towards VPN or Direct Connect, not taken as networks. */
  defaultRoutes: Provenance[];
  /** What kept some routes from being followed. */
  missing: MissingData[];
}

export interface InferenceSubnet {
  id: string;
  vpcId?: string;
  table?: EffectiveRouteTable;
  missing: MissingData[];
}

const ON_PREMISES_ATTACHMENTS = new Set(['direct-connect-gateway', 'vpn']);

/** The networks one subnet routes towards VPN or Direct Connect (computed once per subnet). */
export function inferFromSubnet(index: NetworkIndex, scope: Scope, subnet: InferenceSubnet): Inference {
  return memoize(index, `infer|${scope.key}|${subnet.id}`, () => inferOnce(index, scope, subnet), scope);
}

function inferOnce(index: NetworkIndex, scope: Scope, subnet: InferenceSubnet): Inference {
  const result: Inference = {networks: [], defaultRoutes: [], missing: []};
  if (!subnet.table) {
    result.missing.push(...subnet.missing);
    return result;
  }

  const {table} = subnet.table;
  const expansion = expandVpcRoutes(index, scope, table);
  result.missing.push(...expansion.unresolved.flatMap((u) => u.missing));
  for (const family of [4, 6] as IpFamily[]) {
    for (const choice of chooseRoutes(expansion.candidates, wholePart(everything(family)))) {
      const candidate = choice.candidate;
      if (!candidate) continue;
      const route = candidate.route;
      const tableRef: Provenance = {resourceType: 'AWS::EC2::RouteTable', id: table.id, detail: routeDetail(candidate)};
      for (const part of choice.parts) {
        // A blackhole route to a virtual private gateway still says where on-premises is meant to be.
        if (route.targetType === 'vpn-gateway') addNetwork(result, part, [tableRef]);
        else if (route.targetType === 'transit-gateway' && route.state !== 'blackhole') {
          for (const found of throughTransitGateway(index, scope, subnet, route.targetId, part, result.missing))
            addNetwork(result, found.part, [tableRef, found.from]);
        }
      }
    }
  }

  return result;

  function addNetwork(into: Inference, part: Part, from: Provenance[]): void {
    if (part.cidr.prefixLength === 0) into.defaultRoutes.push(...from.slice(0, 1));
    else into.networks.push({part, from});
  }
}

function routeDetail(candidate: Candidate<Route>): string {
  const route = candidate.route;
  const from = candidate.prefixListId ? ` (prefix list ${candidate.prefixListId})` : '';
  const origin = route.origin === 'EnableVgwRoutePropagation' ? ', propagated' : '';
  return `route ${candidate.destination}${from} → ${route.targetId}${route.state === 'blackhole' ? ' (blackhole)' : ''}${origin}`;
}

/** The blocks of `part` that the table of the VPC's attachment sends to a VPN or Direct Connect gateway. */
function throughTransitGateway(
  index: NetworkIndex,
  scope: Scope,
  subnet: InferenceSubnet,
  tgwId: string,
  part: Part,
  missing: MissingData[],
): {part: Part; from: Provenance}[] {
  const scopes = scopesFrom(index, scope);
  const vpcId = subnet.vpcId ?? subnet.table?.table.vpcId ?? '';
  const attachments = searchBy(
    index,
    scopes,
    TGW_ATTACHMENTS_BY_RESOURCE,
    `${tgwId}|${vpcId}`,
    (a) => a.resourceType === 'vpc' && a.state !== 'deleted',
  );
  const attachment = preferredAttachment(attachments.found)?.item;
  if (!attachment) {
    missing.push(...attachments.missing);
    return [];
  }

  const tableId = attachment.association?.routeTableId;
  if (!tableId) return [];
  const table = findById(index, scopes, 'transitGatewayRouteTables', tableId);
  if (!table.located) {
    missing.push(
      ...(table.missing.length > 0 ? table.missing : [notInInventory('transitGatewayRouteTables', scope, tableId)]),
    );
    return [];
  }

  const routes = table.located.item.routes;
  if (!routes) {
    missing.push({
      collection: 'transitGatewayRouteTables',
      accountId: table.located.scope.accountId,
      region: scope.region,
      resourceId: tableId,
      reason: `the routes of ${tableId} could not be read`,
    });
    return [];
  }

  const expansion = expandTgwRoutes(index, table.located.scope, tableId, routes);
  const found: {part: Part; from: Provenance}[] = [];
  for (const choice of chooseRoutes(expansion.candidates, part)) {
    const candidate = choice.candidate;
    if (!candidate) {
      for (const p of choice.parts) {
        const uncertain = unresolvedFor(expansion, p);
        if (uncertain.length > 0)
          missing.push(
            ...uncertain.map((m) => ({...m, reason: `${reasons([m])} (routes of ${tableId} for ${describePart(p)})`})),
          );
      }

      continue;
    }

    const targets = candidate.route.attachments.filter((a) =>
      ON_PREMISES_ATTACHMENTS.has(a.resourceType ?? attachmentType(index, scopes, a.attachmentId)),
    );
    if (targets.length === 0 || candidate.route.state === 'blackhole') continue;
    const detail = `route ${candidate.destination}${candidate.prefixListId ? ` (prefix list ${candidate.prefixListId})` : ''} → ${targets.map((t) => `${t.attachmentId} (${t.resourceType ?? 'attachment'}${t.resourceId ? ` ${t.resourceId}` : ''})`).join(', ')}${candidate.route.type ? `, ${candidate.route.type}` : ''}`;
    for (const p of choice.parts)
      found.push({part: p, from: {resourceType: 'AWS::EC2::TransitGatewayRouteTable', id: tableId, detail}});
  }

  return found;
}

function attachmentType(index: NetworkIndex, scopes: Scope[], attachmentId: string): string {
  return findById(index, scopes, 'transitGatewayAttachments', attachmentId).located?.item.resourceType ?? '';
}

/** The networks of several subnets, merged by block (a block found through two subnets is one network). */
export function mergeInferences(inferences: readonly Inference[]): Inference {
  const networks = new Map<string, InferredNetwork>();
  const defaults = new Map<string, Provenance>();
  for (const inference of inferences) {
    for (const network of inference.networks) {
      const key = describePart(network.part);
      const existing = networks.get(key);
      if (!existing) networks.set(key, {part: network.part, from: [...network.from]});
      else
        for (const from of network.from)
          if (!existing.from.some((f) => f.id === from.id && f.detail === from.detail)) existing.from.push(from);
    }

    for (const d of inference.defaultRoutes) defaults.set(`${d.id}|${d.detail}`, d);
  }

  return {
    networks: [...networks.values()],
    defaultRoutes: [...defaults.values()],
    missing: inferences.flatMap((i) => i.missing),
  };
}
