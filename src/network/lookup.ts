/**
 * Finding network objects in the snapshot, and saying precisely what is missing when they are not there.
 * Lookups span every inventoried account of the region: a transit gateway shared from a network account is
 * found when that account was inventoried too.
 */
import {NETWORK_COLLECTION_SOURCES, type DirectConnectGatewayInfo, type NetworkCollection, type RegionNetwork} from '../snapshot/network';
import type {AccountInventory, CollectionError} from '../snapshot/types';
import type {MissingData} from './facts';

/** One account and region of the snapshot. */
export interface Scope {
  accountId: string;
  partition: string;
  region: string;
  network: RegionNetwork | undefined;
}

export interface NetworkIndex {
  accounts: readonly AccountInventory[];
  scopes: Scope[];
  errors: readonly CollectionError[];
}

export type CollectionItem<K extends NetworkCollection> = NonNullable<RegionNetwork[K]>[number];

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
  const scopes = accounts.flatMap((account) =>
    account.regions.map((region) => ({accountId: account.accountId, partition: account.partition, region: region.region, network: region.network})));
  return {accounts, scopes, errors};
}

export function scopeOf(index: NetworkIndex, accountId: string, region: string): Scope | undefined {
  return index.scopes.find((s) => s.accountId === accountId && s.region === region);
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

/** Search one collection in the given scopes. */
export function search<K extends NetworkCollection>(
  index: NetworkIndex,
  scopes: readonly Scope[],
  key: K,
  match: (item: CollectionItem<K>) => boolean,
): SearchResult<CollectionItem<K>> {
  const result: SearchResult<CollectionItem<K>> = {found: [], missing: []};
  for (const scope of scopes) {
    const collection = collectionIn(index, scope, key);
    if ('missing' in collection) result.missing.push(collection.missing);
    else for (const item of collection.items) if (match(item)) result.found.push({item, scope});
  }

  return result;
}

export function regionScopes(index: NetworkIndex, region: string): Scope[] {
  return index.scopes.filter((s) => s.region === region);
}

/** The scope first, then the rest of its region: the account's own objects win over shared ones. */
export function scopesFrom(index: NetworkIndex, scope: Scope): Scope[] {
  return [scope, ...regionScopes(index, scope.region).filter((s) => s !== scope)];
}

export function findById<K extends NetworkCollection>(
  index: NetworkIndex,
  scopes: readonly Scope[],
  key: K,
  id: string,
): {located?: Located<CollectionItem<K>>; missing: MissingData[]} {
  const result = search(index, scopes, key, (item) => (item as {id: string}).id === id);
  return {located: result.found[0], missing: result.found.length > 0 ? [] : result.missing};
}

export interface DxGatewaySearch {
  found: {gateway: DirectConnectGatewayInfo; accountId: string; partition: string}[];
  missing: MissingData[];
}

/** Direct Connect gateways are global: search every account's list. */
export function searchDxGateways(index: NetworkIndex, match: (gateway: DirectConnectGatewayInfo) => boolean): DxGatewaySearch {
  const result: DxGatewaySearch = {found: [], missing: []};
  for (const account of index.accounts) {
    const gateways = account.directConnectGateways;
    if (!Array.isArray(gateways)) {
      result.missing.push(missingAccountCollection(index, account, gateways === undefined));
      continue;
    }

    for (const gateway of gateways) if (match(gateway)) result.found.push({gateway, accountId: account.accountId, partition: account.partition});
  }

  return result;
}

export function missingCollection(index: NetworkIndex, scope: Scope, key: NetworkCollection, resourceId?: string): MissingData {
  const source = NETWORK_COLLECTION_SOURCES[key];
  const base = {collection: key, accountId: scope.accountId, region: scope.region, ...(resourceId ? {resourceId} : {})};
  if (!scope.network) return {...base, reason: `the network of ${scope.accountId}/${scope.region} was not inventoried`};
  const scoped = index.errors.filter((e) => e.accountId === scope.accountId && e.region === scope.region);
  const own = scoped.find((e) => e.service === source.service && source.operations.includes(e.operation) && (!resourceId || !e.resource || e.resource === resourceId));
  if (own) return {...base, reason: `${source.service}:${own.operation} failed (${own.code})`, error: errorSummary(own)};
  // Collections scoped by the brokers' VPCs are skipped when the calls that find those VPCs failed.
  const upstream = scoped.find((e) => e.service === 'ec2' || e.service === 'mq');
  if (upstream) return {...base, reason: `not collected because ${upstream.service}:${upstream.operation} failed (${upstream.code})`, error: errorSummary(upstream)};
  return {...base, reason: `${key} is missing from the inventory`};
}

function missingAccountCollection(index: NetworkIndex, account: AccountInventory, absent: boolean): MissingData {
  const source = NETWORK_COLLECTION_SOURCES.directConnectGateways;
  const base = {collection: 'directConnectGateways', accountId: account.accountId};
  const error = index.errors.find((e) => e.accountId === account.accountId && e.service === source.service && source.operations.includes(e.operation));
  if (error) return {...base, reason: `directconnect:${error.operation} failed (${error.code})`, error: errorSummary(error)};
  return {...base, reason: absent ? `Direct Connect gateways of ${account.accountId} were not inventoried` : 'Direct Connect gateways could not be read'};
}

/** A resource looked up by id that no inventoried account holds. */
export function notInInventory(collection: string, scope: Scope | undefined, resourceId: string, hint = ''): MissingData {
  return {
    collection,
    ...(scope ? {accountId: scope.accountId, region: scope.region} : {}),
    resourceId,
    reason: `${resourceId} is not in the inventory${hint}`,
  };
}

export function errorSummary(error: CollectionError): NonNullable<MissingData['error']> {
  return {service: error.service, operation: error.operation, code: error.code, kind: error.kind, message: error.message};
}

/** Deduplicated by collection, account, region and resource. */
export function uniqueMissing(missing: readonly MissingData[]): MissingData[] {
  const seen = new Map<string, MissingData>();
  for (const m of missing) {
    const key = [m.collection, m.accountId, m.region, m.resourceId].join('|');
    if (!seen.has(key)) seen.set(key, m);
  }

  return [...seen.values()];
}
