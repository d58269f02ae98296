"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FALLBACK_HOME_REGION = exports.DEFAULT_ACCOUNT_CONCURRENCY = exports.REGION_CONCURRENCY = exports.DEFAULT_CONCURRENCY = void 0;
exports.collectInventory = collectInventory;
/**
 * One live collection run: which accounts (the caller's, --role-arn, or an AWS Organization; filtered and
 * sharded) → per account its credentials (AssumeRole) and regions → per region the brokers, then the network
 * around them → one Snapshot. Accounts, regions and services run concurrently; client-side token buckets
 * (./pacing) keep every account-region within AWS's request rates, and the overall deadline (./deadline)
 * cuts whatever is still outstanding. Every failed call ends up in `Snapshot.errors`; nothing is silently
 * skipped.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const types_1 = require("../snapshot/types");
const accounts_1 = require("./accounts");
const clients_1 = require("./clients");
const concurrency_1 = require("./concurrency");
const deadline_1 = require("./deadline");
const errors_1 = require("./errors");
const mq_1 = require("./mq");
const network_1 = require("./network");
const pacing_1 = require("./pacing");
const regions_1 = require("./regions");
/** Calls of one kind in flight per region: enough to keep MQ's bucket busy at 50 ms round trips, well under a client's 50 sockets. */
exports.DEFAULT_CONCURRENCY = 10;
/**
 * Regions collected at once per account. In-flight calls are bounded by these limits; the rate is bounded by
 * the token buckets, which are per account-region, so more concurrency would only queue at the buckets.
 */
exports.REGION_CONCURRENCY = 4;
/** Accounts at once: each has its own buckets, so accounts are the scan's parallelism; bounded for memory (SDK clients). */
exports.DEFAULT_ACCOUNT_CONCURRENCY = 10;
/** Where to ask STS/EC2 when neither --region nor the SDK configuration names a region. */
exports.FALLBACK_HOME_REGION = 'us-east-1';
/** Pacing key for the caller's own clients (STS, Organizations; and the account itself without roles). */
const CALLER = 'caller';
async function collectInventory(options) {
    const now = options.now ?? (() => new Date());
    const collectedAt = now().toISOString();
    const notify = options.onProgress ?? (() => undefined);
    const deadline = (0, deadline_1.createDeadline)(options.deadlineMs, options.deadlineLabel);
    const pacer = new pacing_1.Pacer({
        headroom: options.rateHeadroom,
        mqScope: options.mqBucketScope,
        shapes: options.bucketShapes,
    });
    const clientOptions = {
        profile: options.profile,
        endpoint: options.endpoint,
        maxAttempts: options.maxAttempts,
        connectionTimeoutMs: options.connectionTimeoutMs,
        requestTimeoutMs: options.requestTimeoutMs,
        deadline,
        connections: (0, clients_1.sharedConnections)(),
        // Only when someone listens: a call event per request is garbage otherwise.
        ...(options.onProgress && { onCall: (call) => notify({ type: 'call', ...call }) }),
    };
    const callerClients = (0, clients_1.createAwsClients)({ ...clientOptions, pacing: { pacer, account: CALLER } });
    try {
        const explicitRegions = [...new Set(options.regions)];
        const homeRegion = explicitRegions[0] ?? (await callerClients.defaultRegion()) ?? exports.FALLBACK_HOME_REGION;
        const run = { options, clientOptions, pacer, deadline, callerClients, homeRegion, notify };
        const plan = await (0, accounts_1.planAccounts)(callerClients, options.accounts ?? {}, homeRegion);
        // No credentials for GetCallerIdentity: every other call would fail the same way, so stop before making them.
        const identityErrors = plan.targets.flatMap((target) => (target.identityError ? [target.identityError] : []));
        const noCredentials = (0, errors_1.missingCredentialsError)(identityErrors, options.profile ?? process.env.AWS_PROFILE);
        if (noCredentials)
            throw noCredentials;
        plan.errors.forEach((error) => notify({ type: 'error', error }));
        notify({ type: 'accounts', total: plan.targets.length, skipped: plan.selection?.skipped?.length ?? 0 });
        const collected = await (0, concurrency_1.mapWithConcurrency)(plan.targets, options.accountConcurrency ?? exports.DEFAULT_ACCOUNT_CONCURRENCY, (target) => collectAccount(run, target));
        const accounts = collected.map((c) => c.account).sort((a, b) => compare(a.accountId, b.accountId));
        const errors = [...plan.errors, ...collected.flatMap((c) => c.errors)];
        // --role-arn or --organization without credentials to assume or list with. Only when nothing was collected:
        // a session that expired part-way (an SSO session, say) leaves an incomplete inventory, not a set-up problem.
        const listedSomething = accounts.some((account) => account.regions.some((region) => region.brokers !== null));
        const noCredentialsAtAll = listedSomething
            ? undefined
            : (0, errors_1.missingCredentialsError)(errors, options.profile ?? process.env.AWS_PROFILE);
        if (noCredentialsAtAll)
            throw noCredentialsAtAll;
        const regions = [...new Set(collected.flatMap((c) => c.regions))].sort(compare);
        return {
            kind: types_1.SNAPSHOT_KIND,
            schemaVersion: types_1.SNAPSHOT_SCHEMA_VERSION,
            tool: options.tool ?? toolInfo(),
            collectedAt,
            collection: {
                ...collectionInfo(options, regions.length > 0 ? regions : explicitRegions),
                ...(plan.selection && { accountSelection: plan.selection }),
                pacing: {
                    rateHeadroom: pacer.headroom,
                    mqBucketScope: pacer.mqScope,
                    ...(options.deadlineMs !== undefined && { deadline: options.deadlineLabel ?? `${options.deadlineMs}ms` }),
                    ...(deadline.aborted && { deadlineExceeded: true }),
                },
            },
            accounts,
            errors: sortErrors(errors),
        };
    }
    finally {
        deadline.dispose();
        callerClients.destroy();
        clientOptions.connections?.close();
    }
}
async function collectAccount(run, target) {
    const errors = [];
    const record = (error) => {
        errors.push(error);
        run.notify({ type: 'error', error });
    };
    const finish = (account, regions) => {
        run.notify({ type: 'account-done', accountId: account.accountId });
        return { account, errors: errors.map((error) => withAccount(error, account.accountId)), regions };
    };
    let clients = run.callerClients;
    let owned = false;
    if (target.roleArn !== undefined) {
        const role = (0, accounts_1.assumedRole)(run.callerClients, run.homeRegion, target.roleArn, run.options.accounts?.externalId, target.accountId);
        try {
            await role.assume();
        }
        catch (err) {
            record(err instanceof accounts_1.AssumeRoleError
                ? err.collectionError
                : (0, errors_1.toCollectionError)(err, {
                    service: 'sts',
                    operation: 'AssumeRole',
                    region: run.homeRegion,
                    resource: target.roleArn,
                }));
            return finish(accountInventory(target, []), []);
        }
        clients = (0, clients_1.createAwsClients)({
            ...run.clientOptions,
            credentials: role.credentials,
            pacing: { pacer: run.pacer, account: target.accountId },
        });
        owned = true;
    }
    try {
        if (target.identityError) {
            // The STS error is recorded once we know whether broker ARNs could stand in for the account id.
            run.notify({ type: 'error', error: target.identityError });
        }
        else {
            run.notify({ type: 'account', accountId: target.accountId, partition: target.partition });
        }
        const accountId = target.identityError ? undefined : target.accountId;
        const regions = await regionsToScan(clients, run.options, run.homeRegion, record);
        run.notify({ type: 'regions', regions, ...(accountId && { accountId }) });
        const concurrency = run.options.concurrency ?? exports.DEFAULT_CONCURRENCY;
        const regionInventories = await (0, concurrency_1.mapWithConcurrency)(regions, exports.REGION_CONCURRENCY, (region) => collectRegion({ clients, accountId: target.accountId, partition: target.partition, region, concurrency }, run.notify, record));
        const networkErrors = [];
        const accountNetwork = await (0, network_1.collectAccountNetwork)(clients, regionInventories, concurrency, networkErrors);
        networkErrors.forEach(record);
        if (target.identityError) {
            const account = accountFromBrokerArns(target, regionInventories);
            errors.push(explainAccountFallback(target.identityError, account.accountId));
            return finish({ ...account, ...accountNetwork }, regions);
        }
        return finish({ ...accountInventory(target, regionInventories), ...accountNetwork }, regions);
    }
    finally {
        if (owned)
            clients.destroy();
    }
}
async function collectRegion(ctx, notify, record) {
    const accountId = ctx.accountId === accounts_1.UNKNOWN_ACCOUNT ? undefined : ctx.accountId;
    notify({ type: 'region-start', region: ctx.region, ...(accountId && { accountId }) });
    const { mqOffered, brokers, errors } = await (0, mq_1.collectBrokers)(ctx);
    errors.forEach(record);
    const described = brokers?.filter((broker) => broker.details !== null).length ?? 0;
    if (described > 0)
        notify({ type: 'brokers-described', count: described });
    const inventory = { region: ctx.region, mqOffered, brokers };
    if (mqOffered) {
        const networkErrors = [];
        const network = await (0, network_1.collectRegionNetwork)(ctx.clients, ctx, brokers, networkErrors);
        networkErrors.forEach(record);
        if (network !== undefined)
            inventory.network = network;
    }
    notify({
        type: 'region-done',
        region: ctx.region,
        mqOffered,
        brokers: brokers === null ? null : brokers.length,
        ...(accountId && { accountId }),
    });
    return inventory;
}
async function regionsToScan(clients, options, homeRegion, record) {
    const explicitRegions = [...new Set(options.regions)];
    if (!options.allRegions)
        return explicitRegions.length > 0 ? explicitRegions : [homeRegion];
    try {
        return await (0, regions_1.discoverEnabledRegions)(clients, homeRegion);
    }
    catch (err) {
        const error = (0, errors_1.toCollectionError)(err, { service: 'ec2', operation: 'DescribeRegions', region: homeRegion });
        const fallback = explicitRegions.length > 0 ? explicitRegions : [homeRegion];
        record({ ...error, message: `${error.message} (--all-regions: scanned only ${fallback.join(', ')})` });
        return fallback;
    }
}
function accountInventory(target, regions) {
    return { accountId: target.accountId, ...(target.name && { name: target.name }), partition: target.partition, regions };
}
/**
 * The caller's account when STS failed: broker ARNs carry the account id and partition, so "unknown" is used
 * only when no broker was listed either.
 */
function accountFromBrokerArns(target, regions) {
    const arn = regions.flatMap((region) => region.brokers ?? [])[0]?.arn;
    const [, arnPartition, , , arnAccount] = arn?.split(':') ?? [];
    return arnAccount
        ? { accountId: arnAccount, partition: arnPartition || target.partition, regions }
        : { accountId: accounts_1.UNKNOWN_ACCOUNT, partition: target.partition, regions };
}
function explainAccountFallback(error, accountId) {
    const note = accountId === accounts_1.UNKNOWN_ACCOUNT
        ? 'account id could not be determined: recorded as "unknown"'
        : `account id ${accountId} taken from broker ARNs`;
    return { ...error, message: `${error.message} (${note})` };
}
function collectionInfo(options, regions) {
    const profile = options.profile ?? process.env.AWS_PROFILE;
    const services = options.accounts?.organizationRoleName !== undefined
        ? [...clients_1.AUDITED_SERVICES, 'organizations']
        : clients_1.AUDITED_SERVICES;
    const endpoints = (0, clients_1.endpointOverrides)(options.endpoint, process.env, services);
    return {
        method: 'live',
        regions,
        allRegions: options.allRegions,
        ...(profile && { profile }),
        ...(endpoints && { endpoints }),
    };
}
function withAccount(error, accountId) {
    return error.accountId !== undefined || accountId === accounts_1.UNKNOWN_ACCOUNT ? error : { accountId, ...error };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Calls finish in any order; sort so two runs over the same estate give the same file. */
function sortErrors(errors) {
    const key = (e) => [e.accountId ?? '', e.region ?? '', e.service, e.operation, e.resource ?? '', e.code].join('\u0000');
    return [...errors].sort((a, b) => compare(key(a), key(b)));
}
let cachedToolInfo;
/** From package.json, two levels up from both src/inventory and dist/inventory. */
function toolInfo() {
    if (!cachedToolInfo) {
        const manifest = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(__dirname, '..', '..', 'package.json'), 'utf8'));
        cachedToolInfo = { name: manifest.name, version: manifest.version };
    }
    return cachedToolInfo;
}
