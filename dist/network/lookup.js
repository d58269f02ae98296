"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.indexSpec = indexSpec;
exports.byId = byId;
exports.buildIndex = buildIndex;
exports.memoize = memoize;
exports.memoGet = memoGet;
exports.memoSet = memoSet;
exports.scopeOf = scopeOf;
exports.regionScopes = regionScopes;
exports.scopesFrom = scopesFrom;
exports.collectionIn = collectionIn;
exports.lookupIn = lookupIn;
exports.searchBy = searchBy;
exports.findById = findById;
exports.findDxGateway = findDxGateway;
exports.dxGatewaysAssociatedWith = dxGatewaysAssociatedWith;
exports.scopeErrors = scopeErrors;
exports.missingCollection = missingCollection;
exports.accountError = accountError;
exports.notInInventory = notInInventory;
exports.errorSummary = errorSummary;
exports.uniqueMissing = uniqueMissing;
/**
 * Finding network objects in the snapshot, and saying precisely what is missing when they are not there.
 * Lookups span every inventoried account of the region: a transit gateway shared from a network account is
 * found when that account was inventoried too.
 *
 * Everything is looked up through maps built once per scope and collection (by id, by VPC, by gateway…), so
 * analyzing 10,000 brokers costs 10,000 × a few map reads, not 10,000 scans of every collection.
 */
const network_1 = require("../snapshot/network");
function indexSpec(collection, name, keys) {
    return { collection, name, keys };
}
/** One spec per collection: the maps are keyed by the spec object. */
const ID_SPECS = new Map();
/** The id index of a collection (every collection's items have an `id`, except where noted in the types). */
function byId(collection) {
    let spec = ID_SPECS.get(collection);
    if (!spec) {
        spec = indexSpec(collection, 'id', (item) => [item.id]);
        ID_SPECS.set(collection, spec);
    }
    return spec;
}
function buildIndex(accounts, errors) {
    const scopes = accounts.flatMap((account) => account.regions.map((region) => ({
        key: `${account.accountId}|${region.region}`,
        accountId: account.accountId,
        partition: account.partition,
        region: region.region,
        network: region.network,
    })));
    const scopeByKey = new Map(scopes.map((s) => [s.key, s]));
    const scopesByRegion = new Map();
    for (const scope of scopes)
        pushTo(scopesByRegion, scope.region, scope);
    const errorsByScope = new Map();
    for (const error of errors)
        pushTo(errorsByScope, `${error.accountId ?? ''}|${error.region ?? ''}`, error);
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
        memo: { global: new Map(), scopes: new Map() },
    };
}
function pushTo(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
/** Enough for a broker whose paths cross into a few other accounts (transit gateways, Direct Connect owners). */
const SCOPE_BUCKETS = 16;
function bucketOf(index, scope) {
    if (!scope)
        return index.memo.global;
    const { scopes } = index.memo;
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
    if (scopes.size > SCOPE_BUCKETS)
        scopes.delete(scopes.keys().next().value);
    return bucket;
}
/** The value computed once for `key` (in `scope`'s bucket when given); brokers sharing subnets, tables and groups share the work. */
function memoize(index, key, compute, scope) {
    const bucket = bucketOf(index, scope);
    if (bucket.has(key))
        return bucket.get(key);
    const value = compute();
    bucket.set(key, value);
    return value;
}
function memoGet(index, key, scope) {
    return bucketOf(index, scope).get(key);
}
function memoSet(index, key, value, scope) {
    bucketOf(index, scope).set(key, value);
}
function scopeOf(index, accountId, region) {
    return index.scopeByKey.get(`${accountId}|${region}`);
}
function regionScopes(index, region) {
    return index.scopesByRegion.get(region) ?? [];
}
/** The scope first, then the rest of its region: the account's own objects win over shared ones. */
function scopesFrom(index, scope) {
    const region = regionScopes(index, scope.region);
    return region[0] === scope ? region : [scope, ...region.filter((s) => s !== scope)];
}
/** The items of one collection in one scope, or why there are none. */
function collectionIn(index, scope, key) {
    const items = scope.network?.[key];
    if (Array.isArray(items))
        return { items };
    return { missing: missingCollection(index, scope, key) };
}
/** Items of one scope whose index keys include `value`; or why the collection is missing. */
function lookupIn(index, scope, spec, value) {
    const collection = collectionIn(index, scope, spec.collection);
    if ('missing' in collection)
        return collection;
    let scopeMaps = index.maps.get(scope);
    if (!scopeMaps) {
        scopeMaps = new Map();
        index.maps.set(scope, scopeMaps);
    }
    let map = scopeMaps.get(spec);
    if (!map) {
        map = new Map();
        for (const item of collection.items)
            for (const k of spec.keys(item))
                if (k !== undefined)
                    pushTo(map, k, item);
        scopeMaps.set(spec, map);
    }
    return { items: (map.get(value) ?? []) };
}
/**
 * Search one collection in the given scopes by an index. Scopes whose network was not collected at all hold
 * nothing and are not a gap (another account's region that was simply not inventoried).
 */
function searchBy(index, scopes, spec, value, match = () => true) {
    const result = { found: [], missing: [] };
    for (const scope of scopes) {
        if (!scope.network)
            continue;
        const looked = lookupIn(index, scope, spec, value);
        if ('missing' in looked)
            result.missing.push(looked.missing);
        else
            for (const item of looked.items)
                if (match(item))
                    result.found.push({ item, scope });
    }
    return result;
}
function findById(index, scopes, key, id) {
    const result = searchBy(index, scopes, byId(key), id);
    return { located: result.found[0], missing: result.found.length > 0 ? [] : result.missing };
}
/** Direct Connect gateways are global: one map over every account's list, built once. */
function dxGatewayMaps(index) {
    if (!index.dxGatewaysById || !index.dxGatewaysByAssociated) {
        const ids = new Map();
        const associated = new Map();
        for (const account of index.accounts) {
            for (const gateway of account.directConnectGateways ?? []) {
                const owner = { gateway, accountId: account.accountId, partition: account.partition };
                pushTo(ids, gateway.id, owner);
                for (const a of gateway.associations ?? [])
                    pushTo(associated, a.associatedGatewayId, owner);
            }
        }
        index.dxGatewaysById = ids;
        index.dxGatewaysByAssociated = associated;
    }
    return { byId: index.dxGatewaysById, byAssociated: index.dxGatewaysByAssociated };
}
/** Accounts (with a collected network) whose Direct Connect gateways could not be read. */
function dxGatewayGaps(index) {
    const gaps = [];
    for (const account of index.accounts) {
        if (Array.isArray(account.directConnectGateways) || !index.networkAccounts.has(account.accountId))
            continue;
        gaps.push(missingAccountCollection(index, account, account.directConnectGateways === undefined));
    }
    return gaps;
}
/** The Direct Connect gateway with this id, in any inventoried account. */
function findDxGateway(index, id) {
    const found = dxGatewayMaps(index).byId.get(id) ?? [];
    return { found, missing: found.length > 0 ? [] : dxGatewayGaps(index) };
}
/**
 * Direct Connect gateways associated with a virtual private or transit gateway; also those whose associations
 * could not be read (the caller says "unknown" for them), and the accounts whose gateways could not be read.
 */
function dxGatewaysAssociatedWith(index, gatewayId) {
    const maps = dxGatewayMaps(index);
    const unreadable = [];
    for (const owners of maps.byId.values())
        for (const owner of owners)
            if (owner.gateway.associations === null)
                unreadable.push(owner);
    return { found: maps.byAssociated.get(gatewayId) ?? [], missing: dxGatewayGaps(index), unreadable };
}
function scopeErrors(index, scope) {
    return index.errorsByScope.get(`${scope.accountId}|${scope.region}`) ?? [];
}
function missingCollection(index, scope, key, resourceId) {
    const source = network_1.NETWORK_COLLECTION_SOURCES[key];
    const base = { collection: key, accountId: scope.accountId, region: scope.region, ...(resourceId ? { resourceId } : {}) };
    if (!scope.network)
        return { ...base, reason: `the network of ${scope.accountId}/${scope.region} was not inventoried` };
    const scoped = scopeErrors(index, scope);
    const own = scoped.find((e) => e.service === source.service &&
        source.operations.includes(e.operation) &&
        (!resourceId || !e.resource || e.resource === resourceId));
    if (own)
        return { ...base, reason: `${source.service}:${own.operation} failed (${own.code})`, error: errorSummary(own) };
    // Collections scoped by the brokers' VPCs are skipped when the calls that find those VPCs failed.
    const upstream = scoped.find((e) => e.service === 'ec2' || e.service === 'mq');
    if (upstream)
        return {
            ...base,
            reason: `not collected because ${upstream.service}:${upstream.operation} failed (${upstream.code})`,
            error: errorSummary(upstream),
        };
    return { ...base, reason: `${key} is missing from the inventory` };
}
function missingAccountCollection(index, account, absent) {
    const source = network_1.NETWORK_COLLECTION_SOURCES.directConnectGateways;
    const base = { collection: 'directConnectGateways', accountId: account.accountId };
    const error = accountError(index, account.accountId, source.operations);
    if (error)
        return { ...base, reason: `directconnect:${error.operation} failed (${error.code})`, error: errorSummary(error) };
    return {
        ...base,
        reason: absent
            ? `Direct Connect gateways of ${account.accountId} were not inventoried`
            : 'Direct Connect gateways could not be read',
    };
}
/** An account's Direct Connect error (gateways are global; the collector may record a region or none). */
function accountError(index, accountId, operations) {
    return index.errors.find((e) => e.accountId === accountId && e.service === 'directconnect' && operations.includes(e.operation));
}
/** A resource looked up by id that no inventoried account holds. */
function notInInventory(collection, scope, resourceId, hint = '') {
    return {
        collection,
        ...(scope ? { accountId: scope.accountId, region: scope.region } : {}),
        resourceId,
        reason: `${resourceId} is not in the inventory${hint}`,
    };
}
function errorSummary(error) {
    return {
        service: error.service,
        operation: error.operation,
        code: error.code,
        kind: error.kind,
        message: error.message,
    };
}
/** Deduplicated by collection, account, region, resource and reason. */
function uniqueMissing(missing) {
    const seen = new Map();
    for (const m of missing) {
        const key = [m.collection, m.accountId, m.region, m.resourceId, m.reason].join('|');
        if (!seen.has(key))
            seen.set(key, m);
    }
    return [...seen.values()];
}
