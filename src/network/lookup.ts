/**
 * Finding network objects in the snapshot, and saying precisely what is missing when they are not there.
 * Lookups span every inventoried account of the region: a transit gateway shared from a network account is
 * found when that account was inventoried too.
 *
 * Everything is looked up through maps built once per scope and collection (by id, by VPC, by gateway…), so
 * analyzing 10,000 brokers costs 10,000 × a few map reads, not 10,000 scans of every collection.
 */
import {
  NETWORK_COLLECTION_SOURCES,
  type DirectConnectGatewayInfo,
  type NetworkCollection,
  type RegionNetwork,
} from '../snapshot/network';
import type {AccountInventory, CollectionError} from '../snapshot/types';
import type {MissingData} from './facts';

/** One account and region of the snapshot. */
export interface Scope {
  /** `accountId|region`. */
  key: string;
  accountId: string;
  partition: string;
  region: string;
  network: RegionNetwork | undefined;
}

export type CollectionItem<K extends NetworkCollection> = NonNullable<RegionNetwork[K]>[number];

/** A named way to index one collection: the keys an item is found under (several for list fields). */
export interface IndexSpec<K extends NetworkCollection> {
  collection: K;
  name: string;
  keys: (item: CollectionItem<K>) => readonly (string | undefined)[];
}

export function indexSpec<K extends NetworkCollection>(
  collection: K,
  name: string,
  keys: (item: CollectionItem<K>) => readonly (string | undefined)[],
): IndexSpec<K> {
  return {collection, name, keys};
}

/** One spec per collection: the maps are keyed by the spec object. */
const ID_SPECS = new Map<NetworkCollection, IndexSpec<NetworkCollection>>();

/** The id index of a collection (every collection's items have an `id`, except where noted in the types). */
export function byId<K extends NetworkCollection>(collection: K): IndexSpec<K> {
  let spec = ID_SPECS.get(collection) as IndexSpec<K> | undefined;
  if (!spec) {
    spec = indexSpec(collection, 'id', (item) => [(item as {id?: string}).id]);
    ID_SPECS.set(collection, spec as unknown as IndexSpec<NetworkCollection>);
  }

  return spec;
}

export interface DxGatewayOwner {
  gateway: DirectConnectGatewayInfo;
  accountId: string;
  partition: string;
}

export interface NetworkIndex {
  accounts: readonly AccountInventory[];
  scopes: Scope[];
  errors: readonly CollectionError[];
  scopeByKey: Map<string, Scope>;
  scopesByRegion: Map<string, Scope[]>;
  /** Collection errors by `accountId|region` (account-level ones under `accountId|`). */
  errorsByScope: Map<string, CollectionError[]>;
  /** Lazily built on first lookup. */
  /** Scope → index → key → items; keyed by the objects themselves, so a lookup builds no string. */
  maps: Map<Scope, Map<IndexSpec<NetworkCollection>, Map<string, unknown[]>>>;
  /** Accounts whose network was collected in at least one region: the only ones whose gaps matter. */
  networkAccounts: Set<string>;
  dxGatewaysById?: Map<string, DxGatewayOwner[]>;
  dxGatewaysByAssociated?: Map<string, DxGatewayOwner[]>;
  /** Results shared by brokers (a route table's expanded routes, a subnet's paths to a network…): see memoize. */
  memo: Memo;
}

export interface Located<T> {
  item: T;
  scope: Scope;
}

/** Matches, and the collections that could have held more but were not collected. */
export interface SearchResult<T> {
  found: Located<T>[];
  missing: MissingData[];
}

export function buildIndex(accounts: readonly AccountInventory[], errors: readonly CollectionError[]): NetworkIndex {
  const scopes: Scope[] = accounts.flatMap((account) =>
    account.regions.map((region) => ({
      key: `${account.accountId}|${region.region}`,
      accountId: account.accountId,
      partition: account.partition,
      region: region.region,
      network: region.network,
    })),
  );
  const scopeByKey = new Map(scopes.map((s) => [s.key, s]));
  const scopesByRegion = new Map<string, Scope[]>();
  for (const scope of scopes) pushTo(scopesByRegion, scope.region, scope);
  const errorsByScope = new Map<string, CollectionError[]>();
  for (const error of errors) pushTo(errorsByScope, `${error.accountId ?? ''}|${error.region ?? ''}`, error);
  const networkAccounts = new Set(scopes.filter((s) => s.network).map((s) => s.accountId));
  return {
    accounts,
    scopes,
    errors,
    scopeByKey,
    scopesByRegion,
    errorsByScope,
    maps: new Map(),
    networkAccounts,
    memo: {global: new Map(), scopes: new Map()},
  };
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Work shared between brokers. What belongs to one account-region goes into that scope's bucket, and only the
 * most recently used buckets are kept: brokers come scope by scope, so memory stays flat however many accounts
 * are scanned (a scope seen again is simply analyzed again). What spans scopes is kept for the whole run.
 */
export interface Memo {
  global: Map<string, unknown>;
  /** Scope key → its entries, least recently used first. */
  scopes: Map<string, Map<string, unknown>>;
}

/** Enough for a broker whose paths cross into a few other accounts (transit gateways, Direct Connect owners). */
const SCOPE_BUCKETS = 16;

function bucketOf(index: NetworkIndex, scope: Scope | undefined): Map<string, unknown> {
  if (!scope) return index.memo.global;
  const {scopes} = index.memo;
  let bucket = scopes.get(scope.key);
  if (bucket) {
    if (scopes.size > 1) {
      scopes.delete(scope.key);
      scopes.set(scope.key, bucket);
    }

    return bucket;
  }

  bucket = new Map();
  scopes.set(scope.key, bucket);
  if (scopes.size > SCOPE_BUCKETS) scopes.delete(scopes.keys().next().value!);
  return bucket;
}

/** The value computed once for `key` (in `scope`'s bucket when given); brokers sharing subnets, tables and groups share the work. */
export function memoize<T>(index: NetworkIndex, key: string, compute: () => T, scope?: Scope): T {
  const bucket = bucketOf(index, scope);
  if (bucket.has(key)) return bucket.get(key) as T;
  const value = compute();
  bucket.set(key, value);
  return value;
}

export function memoGet(index: NetworkIndex, key: string, scope?: Scope): unknown {
  return bucketOf(index, scope).get(key);
}

export function memoSet(index: NetworkIndex, key: string, value: unknown, scope?: Scope): void {
  bucketOf(index, scope).set(key, value);
}

export function scopeOf(index: NetworkIndex, accountId: string, region: string): Scope | undefined {
  return index.scopeByKey.get(`${accountId}|${region}`);
}

export function regionScopes(index: NetworkIndex, region: string): Scope[] {
  return index.scopesByRegion.get(region) ?? [];
}

/** The scope first, then the rest of its region: the account's own objects win over shared ones. */
export function scopesFrom(index: NetworkIndex, scope: Scope): Scope[] {
  const region = regionScopes(index, scope.region);
  return region[0] === scope ? region : [scope, ...region.filter((s) => s !== scope)];
}

/** The items of one collection in one scope, or why there are none. */
export function collectionIn<K extends NetworkCollection>(
  index: NetworkIndex,
  scope: Scope,
  key: K,
): {items: CollectionItem<K>[]} | {missing: MissingData} {
  const items = scope.network?.[key] as CollectionItem<K>[] | null | undefined;
  if (Array.isArray(items)) return {items};
  return {missing: missingCollection(index, scope, key)};
}

/** Items of one scope whose index keys include `value`; or why the collection is missing. */
export function lookupIn<K extends NetworkCollection>(
  index: NetworkIndex,
  scope: Scope,
  spec: IndexSpec<K>,
  value: string,
): {items: CollectionItem<K>[]} | {missing: MissingData} {
  const collection = collectionIn(index, scope, spec.collection);
  if ('missing' in collection) return collection;
  let scopeMaps = index.maps.get(scope);
  if (!scopeMaps) {
    scopeMaps = new Map();
    index.maps.set(scope, scopeMaps);
  }

  let map = scopeMaps.get(spec as unknown as IndexSpec<NetworkCollection>);
  if (!map) {
    map = new Map();
    for (const item of collection.items) for (const k of spec.keys(item)) if (k !== undefined) pushTo(map, k, item);
    scopeMaps.set(spec as unknown as IndexSpec<NetworkCollection>, map);
  }

  return {items: (map.get(value) ?? []) as CollectionItem<K>[]};
}

/**
 * Search one collection in the given scopes by an index. Scopes whose network was not collected at all hold
 * nothing and are not a gap (another account's region that was simply not inventoried).
 */
export function searchBy<K extends NetworkCollection>(
  index: NetworkIndex,
  scopes: readonly Scope[],
  spec: IndexSpec<K>,
  value: string,
  match: (item: CollectionItem<K>) => boolean = () => true,
): SearchResult<CollectionItem<K>> {
  const result: SearchResult<CollectionItem<K>> = {found: [], missing: []};
  for (const scope of scopes) {
    if (!scope.network) continue;
    const looked = lookupIn(index, scope, spec, value);
    if ('missing' in looked) result.missing.push(looked.missing);
    else for (const item of looked.items) if (match(item)) result.found.push({item, scope});
  }

  return result;
}

export function findById<K extends NetworkCollection>(
  index: NetworkIndex,
  scopes: readonly Scope[],
  key: K,
  id: string,
): {located?: Located<CollectionItem<K>>; missing: MissingData[]} {
  const result = searchBy(index, scopes, byId(key), id);
  return {located: result.found[0], missing: result.found.length > 0 ? [] : result.missing};
}

export interface DxGatewaySearch {
  found: DxGatewayOwner[];
  missing: MissingData[];
}

/** Direct Connect gateways are global: one map over every account's list, built once. */
function dxGatewayMaps(index: NetworkIndex): {
  byId: Map<string, DxGatewayOwner[]>;
  byAssociated: Map<string, DxGatewayOwner[]>;
} {
  if (!index.dxGatewaysById || !index.dxGatewaysByAssociated) {
    const ids = new Map<string, DxGatewayOwner[]>();
    const associated = new Map<string, DxGatewayOwner[]>();
    for (const account of index.accounts) {
      for (const gateway of account.directConnectGateways ?? []) {
        const owner = {gateway, accountId: account.accountId, partition: account.partition};
        pushTo(ids, gateway.id, owner);
        for (const a of gateway.associations ?? []) pushTo(associated, a.associatedGatewayId, owner);
      }
    }

    index.dxGatewaysById = ids;
    index.dxGatewaysByAssociated = associated;
  }

  return {byId: index.dxGatewaysById, byAssociated: index.dxGatewaysByAssociated};
}

/** Accounts (with a collected network) whose Direct Connect gateways could not be read. */
function dxGatewayGaps(index: NetworkIndex): MissingData[] {
  const gaps: MissingData[] = [];
  for (const account of index.accounts) {
    if (Array.isArray(account.directConnectGateways) || !index.networkAccounts.has(account.accountId)) continue;
    gaps.push(missingAccountCollection(index, account, account.directConnectGateways === undefined));
  }

  return gaps;
}

/** The Direct Connect gateway with this id, in any inventoried account. */
export function findDxGateway(index: NetworkIndex, id: string): DxGatewaySearch {
  const found = dxGatewayMaps(index).byId.get(id) ?? [];
  return {found, missing: found.length > 0 ? [] : dxGatewayGaps(index)};
}

/**
 * Direct Connect gateways associated with a virtual private or transit gateway; also those whose associations
 * could not be read (the caller says "unknown" for them), and the accounts whose gateways could not be read.
 */
export function dxGatewaysAssociatedWith(
  index: NetworkIndex,
  gatewayId: string,
): DxGatewaySearch & {unreadable: DxGatewayOwner[]} {
  const maps = dxGatewayMaps(index);
  const unreadable: DxGatewayOwner[] = [];
  for (const owners of maps.byId.values())
    for (const owner of owners) if (owner.gateway.associations === null) unreadable.push(owner);
  return {found: maps.byAssociated.get(gatewayId) ?? [], missing: dxGatewayGaps(index), unreadable};
}

export function scopeErrors(index: NetworkIndex, scope: Pick<Scope, 'accountId' | 'region'>): CollectionError[] {
  return index.errorsByScope.get(`${scope.accountId}|${scope.region}`) ?? [];
}

export function missingCollection(
  index: NetworkIndex,
  scope: Scope,
  key: NetworkCollection,
  resourceId?: string,
): MissingData {
  const source = NETWORK_COLLECTION_SOURCES[key];
  const base = {collection: key, accountId: scope.accountId, region: scope.region, ...(resourceId ? {resourceId} : {})};
  if (!scope.network) return {...base, reason: `the network of ${scope.accountId}/${scope.region} was not inventoried`};
  const scoped = scopeErrors(index, scope);
  const own = scoped.find(
    (e) =>
      e.service === source.service &&
      source.operations.includes(e.operation) &&
      (!resourceId || !e.resource || e.resource === resourceId),
  );
  if (own)
    return {...base, reason: `${source.service}:${own.operation} failed (${own.code})`, error: errorSummary(own)};
  // Collections scoped by the brokers' VPCs are skipped when the calls that find those VPCs failed.
  const upstream = scoped.find((e) => e.service === 'ec2' || e.service === 'mq');
  if (upstream)
    return {
      ...base,
      reason: `not collected because ${upstream.service}:${upstream.operation} failed (${upstream.code})`,
      error: errorSummary(upstream),
    };
  return {...base, reason: `${key} is missing from the inventory`};
}

function missingAccountCollection(index: NetworkIndex, account: AccountInventory, absent: boolean): MissingData {
  const source = NETWORK_COLLECTION_SOURCES.directConnectGateways;
  const base = {collection: 'directConnectGateways', accountId: account.accountId};
  const error = accountError(index, account.accountId, source.operations);
  if (error)
    return {...base, reason: `directconnect:${error.operation} failed (${error.code})`, error: errorSummary(error)};
  return {
    ...base,
    reason: absent
      ? `Direct Connect gateways of ${account.accountId} were not inventoried`
      : 'Direct Connect gateways could not be read',
  };
}

/** An account's Direct Connect error (gateways are global; the collector may record a region or none). */
export function accountError(
  index: NetworkIndex,
  accountId: string,
  operations: readonly string[],
): CollectionError | undefined {
  return index.errors.find(
    (e) => e.accountId === accountId && e.service === 'directconnect' && operations.includes(e.operation),
  );
}

/** A resource looked up by id that no inventoried account holds. */
export function notInInventory(
  collection: string,
  scope: Pick<Scope, 'accountId' | 'region'> | undefined,
  resourceId: string,
  hint = '',
): MissingData {
  return {
    collection,
    ...(scope ? {accountId: scope.accountId, region: scope.region} : {}),
    resourceId,
    reason: `${resourceId} is not in the inventory${hint}`,
  };
}

export function errorSummary(error: CollectionError): NonNullable<MissingData['error']> {
  return {
    service: error.service,
    operation: error.operation,
    code: error.code,
    kind: error.kind,
    message: error.message,
  };
}

/** Deduplicated by collection, account, region, resource and reason. */
export function uniqueMissing(missing: readonly MissingData[]): MissingData[] {
  const seen = new Map<string, MissingData>();
  for (const m of missing) {
    const key = [m.collection, m.accountId, m.region, m.resourceId, m.reason].join('|');
    if (!seen.has(key)) seen.set(key, m);
  }

  return [...seen.values()];
}
