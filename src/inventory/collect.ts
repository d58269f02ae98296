/**
 * One live collection run: which accounts (the caller's, --role-arn, or an AWS Organization; filtered and
 * sharded) → per account its credentials (AssumeRole) and regions → per region the brokers, then the network
 * around them → one Snapshot. Accounts, regions and services run concurrently; client-side token buckets
 * (./pacing) keep every account-region within AWS's request rates, and the overall deadline (./deadline)
 * cuts whatever is still outstanding. Every failed call ends up in `Snapshot.errors`; nothing is silently
 * skipped.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION} from '../snapshot/types';
import type {AccountInventory, CollectionError, CollectionInfo, RegionInventory, Snapshot} from '../snapshot/types';
import {AssumeRoleError, assumedRole, planAccounts, UNKNOWN_ACCOUNT} from './accounts';
import type {AccountOptions, AccountTarget} from './accounts';
import {AUDITED_SERVICES, createAwsClients, endpointOverrides, sharedConnections} from './clients';
import type {AwsClients, CallRecord, ClientOptions} from './clients';
import {mapWithConcurrency} from './concurrency';
import type {RegionContext} from './context';
import {createDeadline} from './deadline';
import type {Deadline} from './deadline';
import {missingCredentialsError, toCollectionError} from './errors';
import {collectBrokers} from './mq';
import {collectAccountNetwork, collectRegionNetwork} from './network';
import {Pacer} from './pacing';
import type {BucketShape, MqBucketScope, PacedService} from './pacing';
import {discoverEnabledRegions} from './regions';

export interface CollectOptions {
  /** Regions to scan; with `allRegions` the first one (if any) is where DescribeRegions is asked. */
  regions: string[];
  /** Scan every region enabled for each account (EC2 DescribeRegions, opted-in regions only). */
  allRegions: boolean;
  /** Shared-config profile name; recorded by name only. */
  profile?: string;
  /** Endpoint URL for every service (the CLI's --endpoint-url). */
  endpoint?: string;
  /** Which accounts: default the caller's own; --role-arn, --organization, filters and --shard. */
  accounts?: AccountOptions;
  /** DescribeBroker calls in flight per region. Default 10. */
  concurrency?: number;
  /** Accounts collected at once. Default 10. */
  accountConcurrency?: number;
  /** Overall deadline in ms (--deadline): outstanding calls are then cut short and recorded as timeouts. */
  deadlineMs?: number;
  /** The deadline as the user wrote it, for messages and the snapshot (e.g. "15m"). */
  deadlineLabel?: string;
  /** Fraction of AWS's documented request rates to use, in (0, 1]. Default 0.5. */
  rateHeadroom?: number;
  /** Amazon MQ's bucket: one per account-region (default) or one per account. */
  mqBucketScope?: MqBucketScope;
  /** Emulate AWS at another scale (tests, benchmark): replaces a service's bucket shape. */
  bucketShapes?: Partial<Record<PacedService, BucketShape>>;
  /** Clock, for reproducible `collectedAt` in tests. */
  now?: () => Date;
  onProgress?: (event: CollectionProgress) => void;
  /** SDK attempts per call (standard retry mode), first one included. Default 3. */
  maxAttempts?: number;
  /** Per-attempt connection timeout. Default 5 s. */
  connectionTimeoutMs?: number;
  /** Per-attempt request timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** Defaults to this package's name and version. */
  tool?: {name: string; version: string};
}

/** For stderr progress and warnings; the Snapshot is the result. */
export type CollectionProgress =
  | {type: 'accounts'; total: number; skipped: number}
  | {type: 'account'; accountId: string; partition: string}
  | {type: 'account-done'; accountId: string}
  | {type: 'regions'; regions: string[]; accountId?: string}
  | {type: 'region-start'; region: string; accountId?: string}
  | {type: 'region-done'; region: string; mqOffered: boolean; brokers: number | null; accountId?: string}
  | {type: 'brokers-described'; count: number}
  | ({type: 'call'} & CallRecord)
  | {type: 'error'; error: CollectionError};

/** Calls of one kind in flight per region: enough to keep MQ's bucket busy at 50 ms round trips, well under a client's 50 sockets. */
export const DEFAULT_CONCURRENCY = 10;
/**
 * Regions collected at once per account. In-flight calls are bounded by these limits; the rate is bounded by
 * the token buckets, which are per account-region, so more concurrency would only queue at the buckets.
 */
export const REGION_CONCURRENCY = 4;
/** Accounts at once: each has its own buckets, so accounts are the scan's parallelism; bounded for memory (SDK clients). */
export const DEFAULT_ACCOUNT_CONCURRENCY = 10;
/** Where to ask STS/EC2 when neither --region nor the SDK configuration names a region. */
export const FALLBACK_HOME_REGION = 'us-east-1';
/** Pacing key for the caller's own clients (STS, Organizations; and the account itself without roles). */
const CALLER = 'caller';

type Notify = (event: CollectionProgress) => void;

interface RunContext {
  options: CollectOptions;
  clientOptions: ClientOptions;
  pacer: Pacer;
  deadline: Deadline;
  callerClients: AwsClients;
  homeRegion: string;
  notify: Notify;
}

export async function collectInventory(options: CollectOptions): Promise<Snapshot> {
  const now = options.now ?? (() => new Date());
  const collectedAt = now().toISOString();
  const notify: Notify = options.onProgress ?? (() => undefined);
  const deadline = createDeadline(options.deadlineMs, options.deadlineLabel);
  const pacer = new Pacer({
    headroom: options.rateHeadroom,
    mqScope: options.mqBucketScope,
    shapes: options.bucketShapes,
  });
  const clientOptions: ClientOptions = {
    profile: options.profile,
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts,
    connectionTimeoutMs: options.connectionTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    deadline,
    connections: sharedConnections(),
    // Only when someone listens: a call event per request is garbage otherwise.
    ...(options.onProgress && {onCall: (call: CallRecord) => notify({type: 'call', ...call})}),
  };
  const callerClients = createAwsClients({...clientOptions, pacing: {pacer, account: CALLER}});

  try {
    const explicitRegions = [...new Set(options.regions)];
    const homeRegion = explicitRegions[0] ?? (await callerClients.defaultRegion()) ?? FALLBACK_HOME_REGION;
    const run: RunContext = {options, clientOptions, pacer, deadline, callerClients, homeRegion, notify};

    const plan = await planAccounts(callerClients, options.accounts ?? {}, homeRegion);
    // No credentials for GetCallerIdentity: every other call would fail the same way, so stop before making them.
    const identityErrors = plan.targets.flatMap((target) => (target.identityError ? [target.identityError] : []));
    const noCredentials = missingCredentialsError(identityErrors, options.profile ?? process.env.AWS_PROFILE);
    if (noCredentials) throw noCredentials;
    plan.errors.forEach((error) => notify({type: 'error', error}));
    notify({type: 'accounts', total: plan.targets.length, skipped: plan.selection?.skipped?.length ?? 0});

    const collected = await mapWithConcurrency(
      plan.targets,
      options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
      (target) => collectAccount(run, target),
    );

    const accounts = collected.map((c) => c.account).sort((a, b) => compare(a.accountId, b.accountId));
    const errors = [...plan.errors, ...collected.flatMap((c) => c.errors)];
    // --role-arn or --organization without credentials to assume or list with. Only when nothing was collected:
    // a session that expired part-way (an SSO session, say) leaves an incomplete inventory, not a set-up problem.
    const listedSomething = accounts.some((account) => account.regions.some((region) => region.brokers !== null));
    const noCredentialsAtAll = listedSomething
      ? undefined
      : missingCredentialsError(errors, options.profile ?? process.env.AWS_PROFILE);
    if (noCredentialsAtAll) throw noCredentialsAtAll;
    const regions = [...new Set(collected.flatMap((c) => c.regions))].sort(compare);
    return {
      kind: SNAPSHOT_KIND,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: options.tool ?? toolInfo(),
      collectedAt,
      collection: {
        ...collectionInfo(options, regions.length > 0 ? regions : explicitRegions),
        ...(plan.selection && {accountSelection: plan.selection}),
        pacing: {
          rateHeadroom: pacer.headroom,
          mqBucketScope: pacer.mqScope,
          ...(options.deadlineMs !== undefined && {deadline: options.deadlineLabel ?? `${options.deadlineMs}ms`}),
          ...(deadline.aborted && {deadlineExceeded: true}),
        },
      },
      accounts,
      errors: sortErrors(errors),
    };
  } finally {
    deadline.dispose();
    callerClients.destroy();
    clientOptions.connections?.close();
  }
}

interface CollectedAccount {
  account: AccountInventory;
  errors: CollectionError[];
  regions: string[];
}

async function collectAccount(run: RunContext, target: AccountTarget): Promise<CollectedAccount> {
  const errors: CollectionError[] = [];
  const record = (error: CollectionError): void => {
    errors.push(error);
    run.notify({type: 'error', error});
  };
  const finish = (account: AccountInventory, regions: string[]): CollectedAccount => {
    run.notify({type: 'account-done', accountId: account.accountId});
    return {account, errors: errors.map((error) => withAccount(error, account.accountId)), regions};
  };

  let clients = run.callerClients;
  let owned = false;
  if (target.roleArn !== undefined) {
    const role = assumedRole(
      run.callerClients,
      run.homeRegion,
      target.roleArn,
      run.options.accounts?.externalId,
      target.accountId,
    );
    try {
      await role.assume();
    } catch (err) {
      record(
        err instanceof AssumeRoleError
          ? err.collectionError
          : toCollectionError(err, {
              service: 'sts',
              operation: 'AssumeRole',
              region: run.homeRegion,
              resource: target.roleArn,
            }),
      );
      return finish(accountInventory(target, []), []);
    }
    clients = createAwsClients({
      ...run.clientOptions,
      credentials: role.credentials,
      pacing: {pacer: run.pacer, account: target.accountId},
    });
    owned = true;
  }

  try {
    if (target.identityError) {
      // The STS error is recorded once we know whether broker ARNs could stand in for the account id.
      run.notify({type: 'error', error: target.identityError});
    } else {
      run.notify({type: 'account', accountId: target.accountId, partition: target.partition});
    }
    const accountId = target.identityError ? undefined : target.accountId;
    const regions = await regionsToScan(clients, run.options, run.homeRegion, record);
    run.notify({type: 'regions', regions, ...(accountId && {accountId})});

    const concurrency = run.options.concurrency ?? DEFAULT_CONCURRENCY;
    const regionInventories = await mapWithConcurrency(regions, REGION_CONCURRENCY, (region) =>
      collectRegion(
        {clients, accountId: target.accountId, partition: target.partition, region, concurrency},
        run.notify,
        record,
      ),
    );

    const networkErrors: CollectionError[] = [];
    const accountNetwork = await collectAccountNetwork(clients, regionInventories, concurrency, networkErrors);
    networkErrors.forEach(record);

    if (target.identityError) {
      const account = accountFromBrokerArns(target, regionInventories);
      errors.push(explainAccountFallback(target.identityError, account.accountId));
      return finish({...account, ...accountNetwork}, regions);
    }
    return finish({...accountInventory(target, regionInventories), ...accountNetwork}, regions);
  } finally {
    if (owned) clients.destroy();
  }
}

async function collectRegion(
  ctx: RegionContext,
  notify: Notify,
  record: (error: CollectionError) => void,
): Promise<RegionInventory> {
  const accountId = ctx.accountId === UNKNOWN_ACCOUNT ? undefined : ctx.accountId;
  notify({type: 'region-start', region: ctx.region, ...(accountId && {accountId})});
  const {mqOffered, brokers, errors} = await collectBrokers(ctx);
  errors.forEach(record);
  const described = brokers?.filter((broker) => broker.details !== null).length ?? 0;
  if (described > 0) notify({type: 'brokers-described', count: described});

  const inventory: RegionInventory = {region: ctx.region, mqOffered, brokers};
  if (mqOffered) {
    const networkErrors: CollectionError[] = [];
    const network = await collectRegionNetwork(ctx.clients, ctx, brokers, networkErrors);
    networkErrors.forEach(record);
    if (network !== undefined) inventory.network = network;
  }
  notify({
    type: 'region-done',
    region: ctx.region,
    mqOffered,
    brokers: brokers === null ? null : brokers.length,
    ...(accountId && {accountId}),
  });
  return inventory;
}

async function regionsToScan(
  clients: AwsClients,
  options: CollectOptions,
  homeRegion: string,
  record: (error: CollectionError) => void,
): Promise<string[]> {
  const explicitRegions = [...new Set(options.regions)];
  if (!options.allRegions) return explicitRegions.length > 0 ? explicitRegions : [homeRegion];
  try {
    return await discoverEnabledRegions(clients, homeRegion);
  } catch (err) {
    const error = toCollectionError(err, {service: 'ec2', operation: 'DescribeRegions', region: homeRegion});
    const fallback = explicitRegions.length > 0 ? explicitRegions : [homeRegion];
    record({...error, message: `${error.message} (--all-regions: scanned only ${fallback.join(', ')})`});
    return fallback;
  }
}

function accountInventory(target: AccountTarget, regions: RegionInventory[]): AccountInventory {
  return {accountId: target.accountId, ...(target.name && {name: target.name}), partition: target.partition, regions};
}

/**
 * The caller's account when STS failed: broker ARNs carry the account id and partition, so "unknown" is used
 * only when no broker was listed either.
 */
function accountFromBrokerArns(target: AccountTarget, regions: RegionInventory[]): AccountInventory {
  const arn = regions.flatMap((region) => region.brokers ?? [])[0]?.arn;
  const [, arnPartition, , , arnAccount] = arn?.split(':') ?? [];
  return arnAccount
    ? {accountId: arnAccount, partition: arnPartition || target.partition, regions}
    : {accountId: UNKNOWN_ACCOUNT, partition: target.partition, regions};
}

function explainAccountFallback(error: CollectionError, accountId: string): CollectionError {
  const note =
    accountId === UNKNOWN_ACCOUNT
      ? 'account id could not be determined: recorded as "unknown"'
      : `account id ${accountId} taken from broker ARNs`;
  return {...error, message: `${error.message} (${note})`};
}

function collectionInfo(options: CollectOptions, regions: string[]): CollectionInfo {
  const profile = options.profile ?? process.env.AWS_PROFILE;
  const services =
    options.accounts?.organizationRoleName !== undefined
      ? [...AUDITED_SERVICES, 'organizations' as const]
      : AUDITED_SERVICES;
  const endpoints = endpointOverrides(options.endpoint, process.env, services);
  return {
    method: 'live',
    regions,
    allRegions: options.allRegions,
    ...(profile && {profile}),
    ...(endpoints && {endpoints}),
  };
}

function withAccount(error: CollectionError, accountId: string): CollectionError {
  return error.accountId !== undefined || accountId === UNKNOWN_ACCOUNT ? error : {accountId, ...error};
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calls finish in any order; sort so two runs over the same estate give the same file. */
function sortErrors(errors: CollectionError[]): CollectionError[] {
  const key = (e: CollectionError): string =>
    [e.accountId ?? '', e.region ?? '', e.service, e.operation, e.resource ?? '', e.code].join('\u0000');
  return [...errors].sort((a, b) => compare(key(a), key(b)));
}

let cachedToolInfo: {name: string; version: string} | undefined;

/** From package.json, two levels up from both src/inventory and dist/inventory. */
function toolInfo(): {name: string; version: string} {
  if (!cachedToolInfo) {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    cachedToolInfo = {name: manifest.name, version: manifest.version};
  }
  return cachedToolInfo;
}
