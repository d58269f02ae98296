/**
 * Route lookups over VPC and transit gateway route tables: the subnet's effective table, prefix-list routes
 * expanded to their entries, and longest-prefix match over a whole network rather than one address. A network
 * (10.20.0.0/16) can be split by more specific routes (10.20.5.0/24 → pcx-…): each part is looked up on its own,
 * so a more specific route that sends part of the network elsewhere is found, not hidden behind the covering one.
 */
import type {ManagedPrefixList, Route, RouteTable, TransitGatewayRoute} from '../snapshot/network';
import {
  type AddressRange,
  type Cidr,
  cidrContains,
  cidrOf,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  rangeOf,
  rangesCover,
  sameCidr,
  subtractRanges,
} from './cidr';
import type {MissingData} from './facts';
import {
  errorSummary,
  findById,
  indexSpec,
  lookupIn,
  memoize,
  type NetworkIndex,
  notInInventory,
  type Scope,
  scopeErrors,
  scopesFrom,
} from './lookup';

/** A network, or the part of it left after more specific routes took their blocks. */
export interface Part {
  cidr: Cidr;
  excluding: Cidr[];
}

export function partRanges(part: Part): AddressRange[] {
  return subtractRanges([rangeOf(part.cidr)], part.excluding.map(rangeOf));
}

export function wholePart(cidr: Cidr): Part {
  return {cidr, excluding: []};
}

/** A route expanded to one destination block (a prefix-list route gives one per entry). */
export interface Candidate<R> {
  cidr: Cidr;
  /** The block as text, from the route or the prefix list entry. */
  destination: string;
  prefixListId?: string;
  route: R;
  /** Tie-break among equal prefix lengths: lower wins. */
  rank: number;
}

export interface Expansion<R> {
  candidates: Candidate<R>[];
  /** Prefix lists we could not read: lookups of their family are uncertain. */
  unresolved: {prefixListId: string; family?: 4 | 6; missing: MissingData[]}[];
}

export interface RouteChoice<R> {
  /** Undefined when no route matches the parts. */
  candidate?: Candidate<R>;
  parts: Part[];
}

const ROUTE_TABLES_BY_SUBNET = indexSpec('routeTables', 'subnet', (t) =>
  t.associations.filter((a) => a.state === undefined || a.state === 'associated').map((a) => a.subnetId),
);
export const ROUTE_TABLES_BY_VPC = indexSpec('routeTables', 'vpc', (t) => [t.vpcId]);

export type EffectiveRouteTable = {table: RouteTable; association: 'explicit' | 'main'};

/**
 * The table a subnet uses: its explicit association, else the VPC's main table (`vpcId` may be unknown when the
 * subnet itself is not in the inventory; then only an explicit association can be found).
 */
export function effectiveRouteTable(
  index: NetworkIndex,
  scope: Scope,
  subnetId: string,
  vpcId: string | undefined,
): {found?: EffectiveRouteTable; missing?: MissingData} {
  const explicit = lookupIn(index, scope, ROUTE_TABLES_BY_SUBNET, subnetId);
  if ('missing' in explicit) return {missing: explicit.missing};
  if (explicit.items[0]) return {found: {table: explicit.items[0], association: 'explicit'}};
  if (!vpcId) return {};
  const tables = lookupIn(index, scope, ROUTE_TABLES_BY_VPC, vpcId);
  if ('missing' in tables) return {missing: tables.missing};
  const main = tables.items.find((t) => t.main || t.associations.some((a) => a.main));
  return main ? {found: {table: main, association: 'main'}} : {};
}

/** AWS: local first, then a CIDR route over a prefix-list route, static over propagated. */
function vpcRank(route: Route, viaPrefixList: boolean): number {
  if (route.targetType === 'local') return 0;
  if (route.origin === 'EnableVgwRoutePropagation') return 3;
  return viaPrefixList ? 2 : 1;
}

/** AWS: static over propagated; among propagated: VPC, Direct Connect gateway, Connect, VPN, peering. */
const TGW_PROPAGATED_RANK: Record<string, number> = {
  vpc: 3,
  'direct-connect-gateway': 4,
  connect: 5,
  vpn: 6,
  peering: 7,
  'tgw-peering': 7,
};

function tgwRank(route: TransitGatewayRoute, viaPrefixList: boolean): number {
  if (route.type !== 'propagated') return viaPrefixList ? 2 : 1;
  return TGW_PROPAGATED_RANK[route.attachments[0]?.resourceType ?? ''] ?? 8;
}

const USABLE_VPC_ROUTE_STATES = new Set(['active', 'blackhole', undefined]);
const USABLE_TGW_ROUTE_STATES = new Set(['active', 'blackhole', undefined]);

/** Computed once per route table and shared by every subnet and network that uses it. */
export function expandVpcRoutes(index: NetworkIndex, scope: Scope, table: RouteTable): Expansion<Route> {
  return memoize(index, `vpc-routes|${scope.key}|${table.id}`, () => expandVpcRoutesOnce(index, scope, table), scope);
}

function expandVpcRoutesOnce(index: NetworkIndex, scope: Scope, table: RouteTable): Expansion<Route> {
  const expansion: Expansion<Route> = {candidates: [], unresolved: []};
  for (const route of table.routes) {
    if (!USABLE_VPC_ROUTE_STATES.has(route.state)) continue;
    const text = route.destinationCidr ?? route.destinationIpv6Cidr;
    if (text) {
      const cidr = parseCidr(text);
      if (cidr) expansion.candidates.push({cidr, destination: formatCidr(cidr), route, rank: vpcRank(route, false)});
    } else if (route.destinationPrefixListId) {
      addPrefixListCandidates(index, scope, route.destinationPrefixListId, route, vpcRank(route, true), expansion);
    }
  }

  return expansion;
}

export function expandTgwRoutes(
  index: NetworkIndex,
  scope: Scope,
  tableId: string,
  routes: readonly TransitGatewayRoute[],
): Expansion<TransitGatewayRoute> {
  return memoize(index, `tgw-routes|${scope.key}|${tableId}`, () => expandTgwRoutesOnce(index, scope, routes), scope);
}

function expandTgwRoutesOnce(
  index: NetworkIndex,
  scope: Scope,
  routes: readonly TransitGatewayRoute[],
): Expansion<TransitGatewayRoute> {
  const expansion: Expansion<TransitGatewayRoute> = {candidates: [], unresolved: []};
  for (const route of routes) {
    if (!USABLE_TGW_ROUTE_STATES.has(route.state)) continue;
    if (route.destinationCidr) {
      const cidr = parseCidr(route.destinationCidr);
      if (cidr) expansion.candidates.push({cidr, destination: formatCidr(cidr), route, rank: tgwRank(route, false)});
    } else if (route.prefixListId) {
      addPrefixListCandidates(index, scope, route.prefixListId, route, tgwRank(route, true), expansion);
    }
  }

  return expansion;
}

function addPrefixListCandidates<R>(
  index: NetworkIndex,
  scope: Scope,
  prefixListId: string,
  route: R,
  rank: number,
  expansion: Expansion<R>,
): void {
  const resolved = resolvePrefixList(index, scope, prefixListId);
  if ('entries' in resolved) {
    for (const cidr of resolved.entries)
      expansion.candidates.push({cidr, destination: formatCidr(cidr), prefixListId, route, rank});
  } else {
    expansion.unresolved.push({prefixListId, family: resolved.family, missing: resolved.missing});
  }
}

/** The entries of a managed prefix list, searched in the scope first, then the region's other accounts. */
export function resolvePrefixList(index: NetworkIndex, scope: Scope, prefixListId: string): ResolvedPrefixList {
  return memoize(
    index,
    `prefix-list|${scope.key}|${prefixListId}`,
    () => resolvePrefixListOnce(index, scope, prefixListId),
    scope,
  );
}

export type ResolvedPrefixList = {entries: Cidr[]; list: ManagedPrefixList} | {missing: MissingData[]; family?: 4 | 6};

function resolvePrefixListOnce(index: NetworkIndex, scope: Scope, prefixListId: string): ResolvedPrefixList {
  const {located, missing} = findById(index, scopesFrom(index, scope), 'prefixLists', prefixListId);
  if (!located) return {missing: missing.length > 0 ? missing : [notInInventory('prefixLists', scope, prefixListId)]};
  const list = located.item;
  const family = list.addressFamily?.toLowerCase() === 'ipv6' ? 6 : list.addressFamily ? 4 : undefined;
  if (!list.entries) {
    const error = scopeErrors(index, located.scope).find(
      (e) => e.operation === 'GetManagedPrefixListEntries' && (!e.resource || e.resource === prefixListId),
    );
    const reason = error
      ? `ec2:GetManagedPrefixListEntries failed for ${prefixListId} (${error.code})`
      : `the entries of ${prefixListId} could not be read`;
    return {
      missing: [
        {
          ...notInInventory('prefixLists', located.scope, prefixListId),
          reason,
          ...(error ? {error: errorSummary(error)} : {}),
        },
      ],
      family,
    };
  }

  return {
    entries: list.entries.map((e) => parseCidr(e)).filter((c): c is NonNullable<typeof c> => c !== undefined),
    list,
  };
}

function better<R>(a: Candidate<R>, b: Candidate<R>): boolean {
  if (a.cidr.prefixLength !== b.cidr.prefixLength) return a.cidr.prefixLength > b.cidr.prefixLength;
  return a.rank < b.rank;
}

/**
 * Longest-prefix match over a part of a network: the covering route for what is left, and each more specific
 * route inside it for its own block (recursively). Choices with the same route are merged.
 */
export function chooseRoutes<R>(candidates: readonly Candidate<R>[], part: Part): RouteChoice<R>[] {
  const leaves: {candidate?: Candidate<R>; part: Part}[] = [];
  collectLeaves(candidates, part, leaves);
  const choices: RouteChoice<R>[] = [];
  for (const leaf of leaves) {
    const existing = choices.find((c) => c.candidate === leaf.candidate);
    if (existing) existing.parts.push(leaf.part);
    else choices.push({candidate: leaf.candidate, parts: [leaf.part]});
  }

  return choices;
}

function collectLeaves<R>(
  candidates: readonly Candidate<R>[],
  part: Part,
  leaves: {candidate?: Candidate<R>; part: Part}[],
): void {
  const relevant = candidates.filter(
    (c) => cidrsOverlap(c.cidr, part.cidr) && !part.excluding.some((x) => cidrContains(x, c.cidr)),
  );
  let covering: Candidate<R> | undefined;
  for (const c of relevant) if (cidrContains(c.cidr, part.cidr) && (!covering || better(c, covering))) covering = c;
  const inner = relevant.filter((c) => c.cidr.prefixLength > part.cidr.prefixLength);
  // The outermost inner blocks; deeper ones are handled by the recursion.
  const blocks: Cidr[] = [];
  for (const c of inner) {
    if (inner.some((o) => o.cidr.prefixLength < c.cidr.prefixLength && cidrContains(o.cidr, c.cidr))) continue;
    if (!blocks.some((b) => sameCidr(b, c.cidr))) blocks.push(c.cidr);
  }

  const rest: Part = {cidr: part.cidr, excluding: [...part.excluding, ...blocks]};
  if (partRanges(rest).length > 0) leaves.push({candidate: covering, part: rest});
  for (const block of blocks) {
    const sub: Part = {cidr: block, excluding: part.excluding.filter((x) => cidrContains(block, x))};
    if (partRanges(sub).length > 0) collectLeaves(candidates, sub, leaves);
  }
}

/** The prefix lists we could not read that may matter for this part's family. */
export function unresolvedFor<R>(expansion: Expansion<R>, part: Part): MissingData[] {
  return expansion.unresolved
    .filter((u) => u.family === undefined || u.family === part.cidr.family)
    .flatMap((u) => u.missing);
}

export function describePart(part: Part): string {
  const base = formatCidr(part.cidr);
  return part.excluding.length > 0 ? `${base} except ${part.excluding.map(formatCidr).join(', ')}` : base;
}

/** True when the union of `cidrs` covers the part. */
export function cidrsCoverPart(cidrs: readonly Cidr[], part: Part): boolean {
  return rangesCover(cidrs.filter((c) => c.family === part.cidr.family).map(rangeOf), partRanges(part));
}

export function cidrsFromText(texts: readonly string[]): Cidr[] {
  return texts
    .map((t) => parseCidr(t))
    .filter((c): c is NonNullable<typeof c> => c !== undefined)
    .map((c) => cidrOf(formatCidr(c)));
}
