"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNKNOWN_REGION = exports.UNKNOWN_ACCOUNT = void 0;
exports.emptySnapshot = emptySnapshot;
exports.applyChanges = applyChanges;
/**
 * The proposed estate: the deployed snapshot with proposed changes applied. The result is an ordinary Snapshot, so
 * the same policies and path model judge it; objects the change creates or alters carry a `planned` mark (a new VPN
 * connection is pending, a broker's values known only after apply are unknown).
 *
 * Copy-on-write: accounts and regions the change does not touch are the deployed snapshot's own objects, so a
 * 200-resource plan against a 10,000-broker estate copies a few regions, not the estate. Pure: no I/O.
 */
const network_1 = require("../snapshot/network");
const walk_1 = require("../snapshot/walk");
const items_1 = require("./items");
/** A snapshot with nothing deployed: a change judged alone (a fork's pull request has no AWS credentials). */
function emptySnapshot(now = new Date()) {
    return {
        kind: 'mq-audit/inventory',
        schemaVersion: 1,
        tool: { name: 'mq-audit', version: '0' },
        collectedAt: now.toISOString(),
        collection: {
            method: 'fixture',
            regions: [],
            allRegions: false,
            description: 'no deployed estate: the change is judged alone',
        },
        accounts: [],
        errors: [],
    };
}
/** Stand-ins when neither the change nor the deployed estate says (a plan alone, without account ids). */
exports.UNKNOWN_ACCOUNT = '000000000000';
exports.UNKNOWN_REGION = 'us-east-1';
function applyChanges(deployed, changes, options = {}) {
    const estate = new EstateBuilder(deployed, options);
    const applied = [];
    const edits = changes.flatMap((change) => change.edits);
    estate.placeAll(edits);
    // Removals first, so a replacement's new object never collides with its old one (create-before-destroy or not).
    const order = [...edits.filter((e) => removes(e.action)), ...edits.filter((e) => !removes(e.action))];
    const outcomes = new Map();
    for (const edit of edits.filter((e) => removes(e.action)))
        outcomes.set(edit, estate.remove(edit));
    for (const edit of order.filter((e) => adds(e.action))) {
        const removal = outcomes.get(edit);
        const outcome = estate.add(edit);
        outcomes.set(edit, removal?.outcome === 'not-deployed' && outcome.outcome === 'applied' ? { ...outcome, note: removal.note } : outcome);
    }
    for (const edit of edits)
        applied.push(outcomes.get(edit) ?? { edit, ...estate.scopeOf(edit), outcome: 'ignored', note: ignoredBecause(edit) });
    return {
        snapshot: estate.snapshot(),
        applied,
        removals: estate.removals,
        additions: estate.additions,
        editOf: estate.editOf,
        unknowns: estate.unknowns,
        warnings: [...changes.flatMap((c) => c.warnings), ...estate.warnings],
    };
}
const removes = (action) => action === 'delete' || action === 'replace' || action === 'update';
const adds = (action) => action === 'create' || action === 'replace' || action === 'update';
function ignoredBecause(edit) {
    if (edit.action === 'forget')
        return 'forgotten: the object stays deployed, unmanaged';
    if (edit.action === 'read')
        return 'a data source read at apply time';
    return 'unchanged';
}
/** The proposed snapshot under construction: regions are copied when the change first touches them. */
class EstateBuilder {
    deployed;
    options;
    removals = [];
    additions = [];
    editOf = new Map();
    unknowns = [];
    warnings = [];
    accounts;
    copied = new Set();
    /** Deployed object id → where it lives, built on first need. */
    whereIs;
    /** Where each edit goes, decided once for all (placeAll). */
    placed = new Map();
    constructor(deployed, options) {
        this.deployed = deployed;
        this.options = options;
        this.accounts = [...deployed.accounts];
    }
    snapshot() {
        return { ...this.deployed, accounts: this.accounts };
    }
    /**
     * Places every edit: as it says, else where the deployed objects it names live, else where the new objects it
     * names are placed (a new broker in a new subnet of a deployed VPC goes where that VPC is).
     */
    placeAll(edits) {
        this.whereIs ??= indexDeployedIds(this.deployed);
        for (let pass = 0, progress = true; progress && pass < 8; pass++) {
            progress = false;
            for (const edit of edits) {
                if (this.placed.has(edit))
                    continue;
                const located = edit.accountId && edit.region ? { accountId: edit.accountId, region: edit.region } : this.locate(edit);
                if (!located)
                    continue;
                const scope = { accountId: edit.accountId || located.accountId, region: edit.region || located.region };
                this.placed.set(edit, scope);
                for (const item of edit.after) {
                    const id = item.value.id ?? item.value.group?.id;
                    if (id)
                        this.whereIs.set(id, scope);
                }
                progress = true;
            }
        }
    }
    /** The account and region an edit applies to: as it says, else where the objects it names are deployed. */
    scopeOf(edit) {
        const placed = this.placed.get(edit);
        if (placed)
            return placed;
        const located = this.locate(edit);
        const accounts = this.deployed.accounts;
        const regions = [...new Set(accounts.flatMap((a) => a.regions.map((r) => r.region)))];
        const accountId = edit.accountId ||
            located?.accountId ||
            this.options.accountId ||
            (accounts.length === 1 ? accounts[0].accountId : undefined) ||
            exports.UNKNOWN_ACCOUNT;
        const region = edit.region ||
            located?.region ||
            this.options.region ||
            (regions.length === 1 ? regions[0] : undefined) ||
            exports.UNKNOWN_REGION;
        return { accountId, region };
    }
    remove(edit) {
        const scope = this.scopeOf(edit);
        const target = this.target(scope);
        const misses = [];
        for (const item of edit.before) {
            const removed = (0, items_1.removeItem)(target, item);
            if (removed === undefined)
                misses.push(describeItem(item));
            else
                this.removals.push(...removed.map((what) => ({ edit, parentId: what.parentId, what: what.what })));
        }
        // An update whose deployed object is not in the estate is applied as a create (its `before` is the plan's).
        if (misses.length > 0 && edit.action === 'delete') {
            return { edit, ...scope, outcome: 'not-deployed', note: `not in the deployed inventory: ${misses.join(', ')}` };
        }
        return {
            edit,
            ...scope,
            outcome: 'applied',
            ...(misses.length > 0 ? { note: `not in the deployed inventory: ${misses.join(', ')}` } : {}),
        };
    }
    add(edit) {
        const scope = this.scopeOf(edit);
        const target = this.target(scope);
        const action = edit.action === 'update' ? 'update' : edit.action === 'replace' ? 'replace' : 'create';
        for (const item of edit.after) {
            const planned = {
                address: edit.address,
                action,
                ...(item.unknown && Object.keys(item.unknown).length > 0 ? { unknown: item.unknown } : {}),
            };
            for (const [pointer, reason] of Object.entries(item.unknown ?? {}))
                this.unknowns.push({ address: edit.address, pointer, reason });
            if (item.kind === 'opaque') {
                this.unknowns.push({
                    address: edit.address,
                    reason: `${edit.resourceType} ${item.value.description}: the path model does not follow it; paths through it are unknown`,
                });
                continue;
            }
            const id = (0, items_1.applyItem)(target, item, planned);
            if (id === undefined)
                continue;
            const added = (0, items_1.describeAddition)(item);
            if (added)
                this.additions.push({ edit, parentId: id, what: added });
            else
                this.editOf.set(id, edit);
        }
        if (edit.action === 'replace')
            retargetReplacedVpns(target, edit);
        return { edit, ...scope, outcome: 'applied' };
    }
    /** Where the objects an edit names (its own id, the table or group it belongs to) are deployed. */
    locate(edit) {
        const ids = [...edit.before, ...edit.after].flatMap(referencedIds);
        if (ids.length === 0)
            return undefined;
        this.whereIs ??= indexDeployedIds(this.deployed);
        for (const id of ids) {
            const found = this.whereIs.get(id);
            if (found)
                return found;
        }
        return undefined;
    }
    /** The region to change, copied out of the deployed snapshot on first use. */
    target(scope) {
        let accountIndex = this.accounts.findIndex((a) => a.accountId === scope.accountId);
        if (accountIndex < 0) {
            // Known empty, not uncollected: a new account must not make other brokers' Direct Connect paths unknown.
            this.accounts.push({
                accountId: scope.accountId,
                partition: this.options.partition ?? this.accounts[0]?.partition ?? 'aws',
                regions: [],
                directConnectGateways: [],
            });
            accountIndex = this.accounts.length - 1;
        }
        let account = this.accounts[accountIndex];
        if (!this.copied.has(account)) {
            account = {
                ...account,
                regions: [...account.regions],
                ...(account.directConnectGateways
                    ? { directConnectGateways: structuredClone(account.directConnectGateways) }
                    : {}),
            };
            this.accounts[accountIndex] = account;
            this.copied.add(account);
        }
        let regionIndex = account.regions.findIndex((r) => r.region === scope.region);
        if (regionIndex < 0) {
            account.regions.push({ region: scope.region, mqOffered: true, brokers: [], network: (0, network_1.emptyNetwork)() });
            regionIndex = account.regions.length - 1;
            this.copied.add(account.regions[regionIndex]);
        }
        let region = account.regions[regionIndex];
        if (!this.copied.has(region)) {
            region = copyRegion(region);
            account.regions[regionIndex] = region;
            this.copied.add(region);
        }
        const owner = account;
        return {
            accountId: scope.accountId,
            region,
            dxGateways: () => (owner.directConnectGateways ??= []),
        };
    }
}
/**
 * A VPN connection on a transit gateway, replaced: the transit gateway's routes learned over the old connection's
 * attachment are learned again over the new one once its tunnels are up. Until then the routes lead to the new
 * connection, whose tunnels are pending, not to a connection that no longer exists.
 */
function retargetReplacedVpns(target, edit) {
    const network = target.region.network;
    const before = edit.before.find((i) => i.kind === 'vpnConnection');
    const after = edit.after.find((i) => i.kind === 'vpnConnection');
    if (!network ||
        before?.kind !== 'vpnConnection' ||
        after?.kind !== 'vpnConnection' ||
        before.value.id === after.value.id)
        return;
    const [from, to] = [before.value.id, after.value.id];
    for (const attachment of network.transitGatewayAttachments ?? [])
        if (attachment.resourceId === from)
            attachment.resourceId = to;
    for (const table of network.transitGatewayRouteTables ?? []) {
        for (const route of table.routes ?? [])
            for (const hop of route.attachments)
                if (hop.resourceId === from)
                    hop.resourceId = to;
        for (const propagation of table.propagations ?? [])
            if (propagation.resourceId === from)
                propagation.resourceId = to;
    }
}
function copyRegion(region) {
    return {
        ...region,
        // A region where the brokers could not be listed stays unknown: the change's brokers are added to nothing.
        brokers: region.brokers === null ? null : region.brokers.map((b) => b),
        network: region.network ? structuredClone(region.network) : (0, network_1.emptyNetwork)(),
    };
}
function indexDeployedIds(snapshot) {
    const where = new Map();
    for (const { id, accountId, region } of (0, walk_1.snapshotObjects)(snapshot))
        where.set(id, { accountId, region });
    return where;
}
/** Ids an item names: its own and its parent's (a route's table, a rule's group). */
function referencedIds(item) {
    const value = item.value;
    const candidates = [
        value.id,
        value.routeTableId,
        value.groupId,
        value.networkAclId,
        value.vpcId,
        value.subnetId,
        value.vpnGatewayId,
        value.vpnConnectionId,
        value.internetGatewayId,
        value.prefixListId,
        value.transitGatewayId,
        value.attachmentId,
        value.group?.id,
    ];
    if (item.kind === 'broker')
        candidates.push(...(item.value.details?.subnetIds ?? []), ...(item.value.details?.securityGroups ?? []));
    return candidates.filter((id) => typeof id === 'string' && id !== '');
}
function describeItem(item) {
    const value = item.value;
    const id = value.id ?? value.group?.id;
    return id ? `${item.kind} ${id}` : item.kind;
}
