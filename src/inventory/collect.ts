/**
 * One live collection run: who we are (STS) → which regions → per region the brokers, then the network
 * around them → one Snapshot. Every failed call ends up in `Snapshot.errors`; nothing is silently skipped.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';

import {SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION} from '../snapshot/types';
import type {AccountInventory, CollectionError, CollectionInfo, RegionInventory, Snapshot} from '../snapshot/types';
import {createAwsClients, endpointOverrides} from './clients';
import type {AwsClients} from './clients';
import {mapWithConcurrency} from './concurrency';
import type {RegionContext} from './context';
import {toCollectionError} from './errors';
import {collectBrokers} from './mq';
import {collectRegionNetwork} from './network';
import {discoverEnabledRegions, partitionOfRegion} from './regions';

export interface CollectOptions {
  /** Regions to scan; with `allRegions` the first one (if any) is where DescribeRegions is asked. */
  regions: string[];
  /** Scan every region enabled for the account (EC2 DescribeRegions). */
  allRegions: boolean;
  /** Shared-config profile name; recorded by name only. */
  profile?: string;
  /** Endpoint URL for every service (the CLI's --endpoint-url). */
  endpoint?: string;
  /** DescribeBroker calls in flight per region. Default 5. */
  concurrency?: number;
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
  | {type: 'account'; accountId: string; partition: string}
  | {type: 'regions'; regions: string[]}
  | {type: 'region-start'; region: string}
  | {type: 'region-done'; region: string; mqOffered: boolean; brokers: number | null}
  | {type: 'error'; error: CollectionError};

export const DEFAULT_CONCURRENCY = 5;
/**
 * Regions collected at once. In-flight MQ calls are at most REGION_CONCURRENCY × concurrency; MQ throttles
 * per account across all its APIs (burst 100, 15 req/s), so larger estates will lean on SDK retries until
 * client-side pacing exists (performance-limits.md §1.6).
 */
export const REGION_CONCURRENCY = 4;
/** Where to ask STS/EC2 when neither --region nor the SDK configuration names a region. */
export const FALLBACK_HOME_REGION = 'us-east-1';
const UNKNOWN_ACCOUNT = 'unknown';

export async function collectInventory(options: CollectOptions): Promise<Snapshot> {
  const now = options.now ?? (() => new Date());
  const collectedAt = now().toISOString();
  const notify = options.onProgress ?? (() => undefined);
  const errors: CollectionError[] = [];
  const record = (error: CollectionError): void => {
    errors.push(error);
    notify({type: 'error', error});
  };

  const clients = createAwsClients({
    profile: options.profile,
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts,
    connectionTimeoutMs: options.connectionTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  try {
    const explicitRegions = [...new Set(options.regions)];
    const homeRegion = explicitRegions[0] ?? (await clients.defaultRegion()) ?? FALLBACK_HOME_REGION;

    const identity = await callerIdentity(clients, homeRegion);
    // The STS error is recorded once we know whether broker ARNs could stand in for the account id.
    notify('error' in identity ? {type: 'error', error: identity.error} : {type: 'account', ...identity});
    const partition = 'error' in identity ? partitionOfRegion(homeRegion) : identity.partition;
    const accountId = 'error' in identity ? UNKNOWN_ACCOUNT : identity.accountId;

    const regions = await regionsToScan(clients, options.allRegions, explicitRegions, homeRegion, record);
    notify({type: 'regions', regions});

    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const regionInventories = await mapWithConcurrency(regions, REGION_CONCURRENCY, (region) =>
      collectRegion({clients, accountId, partition, region, concurrency}, notify, record),
    );

    const account = accountFrom(identity, regionInventories, partition);
    if ('error' in identity) errors.push(explainAccountFallback(identity.error, account.accountId));

    return {
      kind: SNAPSHOT_KIND,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: options.tool ?? toolInfo(),
      collectedAt,
      collection: collectionInfo(options, regions),
      accounts: [account],
      errors: sortErrors(errors.map((error) => withAccount(error, account.accountId))),
    };
  } finally {
    clients.destroy();
  }
}

async function collectRegion(
  ctx: RegionContext,
  notify: (event: CollectionProgress) => void,
  record: (error: CollectionError) => void,
): Promise<RegionInventory> {
  notify({type: 'region-start', region: ctx.region});
  const {mqOffered, brokers, errors} = await collectBrokers(ctx);
  errors.forEach(record);

  const inventory: RegionInventory = {region: ctx.region, mqOffered, brokers};
  if (mqOffered) {
    const networkErrors: CollectionError[] = [];
    const network = await collectRegionNetwork(ctx.clients, ctx, brokers, networkErrors);
    networkErrors.forEach(record);
    if (network !== undefined) inventory.network = network;
  }
  notify({type: 'region-done', region: ctx.region, mqOffered, brokers: brokers === null ? null : brokers.length});
  return inventory;
}

type Identity = {accountId: string; partition: string} | {error: CollectionError};

async function callerIdentity(clients: AwsClients, region: string): Promise<Identity> {
  try {
    const output = await clients.sts(region).send(new GetCallerIdentityCommand({}));
    const partition = output.Arn?.split(':')[1];
    if (!output.Account || !partition) {
      return {
        error: {
          service: 'sts',
          operation: 'GetCallerIdentity',
          region,
          code: 'MalformedResponse',
          kind: 'malformed-response',
          message: 'GetCallerIdentity returned no Account or Arn',
        },
      };
    }
    return {accountId: output.Account, partition};
  } catch (err) {
    return {error: toCollectionError(err, {service: 'sts', operation: 'GetCallerIdentity', region})};
  }
}

async function regionsToScan(
  clients: AwsClients,
  allRegions: boolean,
  explicitRegions: string[],
  homeRegion: string,
  record: (error: CollectionError) => void,
): Promise<string[]> {
  if (!allRegions) return explicitRegions.length > 0 ? explicitRegions : [homeRegion];
  try {
    return await discoverEnabledRegions(clients, homeRegion);
  } catch (err) {
    const error = toCollectionError(err, {service: 'ec2', operation: 'DescribeRegions', region: homeRegion});
    const fallback = explicitRegions.length > 0 ? explicitRegions : [homeRegion];
    record({...error, message: `${error.message} (--all-regions: scanned only ${fallback.join(', ')})`});
    return fallback;
  }
}

/**
 * The account, even when STS failed: broker ARNs carry the account id and partition, so "unknown" is
 * used only when no broker was listed either.
 */
function accountFrom(identity: Identity, regions: RegionInventory[], partition: string): AccountInventory {
  if (!('error' in identity)) return {accountId: identity.accountId, partition: identity.partition, regions};
  const arn = regions.flatMap((region) => region.brokers ?? [])[0]?.arn;
  const [, arnPartition, , , arnAccount] = arn?.split(':') ?? [];
  return arnAccount
    ? {accountId: arnAccount, partition: arnPartition || partition, regions}
    : {accountId: UNKNOWN_ACCOUNT, partition, regions};
}

function explainAccountFallback(error: CollectionError, accountId: string): CollectionError {
  const note =
    accountId === UNKNOWN_ACCOUNT ? 'account id could not be determined: recorded as "unknown"' : `account id ${accountId} taken from broker ARNs`;
  return {...error, message: `${error.message} (${note})`};
}

function collectionInfo(options: CollectOptions, regions: string[]): CollectionInfo {
  const profile = options.profile ?? process.env.AWS_PROFILE;
  const endpoints = endpointOverrides(options.endpoint);
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

/** Calls finish in any order; sort so two runs over the same estate give the same file. */
function sortErrors(errors: CollectionError[]): CollectionError[] {
  const key = (e: CollectionError): string => [e.region ?? '', e.service, e.operation, e.resource ?? '', e.code].join('\u0000');
  return [...errors].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

let cachedToolInfo: {name: string; version: string} | undefined;

/** From package.json, two levels up from both src/inventory and dist/inventory. */
function toolInfo(): {name: string; version: string} {
  if (!cachedToolInfo) {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {name: string; version: string};
    cachedToolInfo = {name: manifest.name, version: manifest.version};
  }
  return cachedToolInfo;
}
