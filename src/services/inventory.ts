/**
 * Live collection: the only path to the AWS SDK, loaded lazily so `--help`, `policies` and offline scans never
 * pay for importing it.
 */
import type {AccountOptions, CollectionProgress} from '../inventory/index';
import {readSnapshot} from '../snapshot/read';
import type {Snapshot} from '../snapshot/types';

export interface LiveOptions {
  regions: string[];
  allRegions: boolean;
  profile?: string;
  endpoint?: string;
  /** --role-arn, --organization, --account, --exclude-account, --shard. */
  accounts?: AccountOptions;
  /** --deadline in ms, and as written for messages. */
  deadlineMs?: number;
  deadlineLabel?: string;
  /** --rate-headroom. */
  rateHeadroom?: number;
  onProgress?: (event: CollectionProgress) => void;
}

export async function collectLive(options: LiveOptions): Promise<Snapshot> {
  const {collectInventory} = await import('../inventory/index');
  return collectInventory({
    regions: options.regions,
    allRegions: options.allRegions,
    profile: options.profile,
    endpoint: options.endpoint,
    accounts: options.accounts,
    deadlineMs: options.deadlineMs,
    deadlineLabel: options.deadlineLabel,
    rateHeadroom: options.rateHeadroom,
    onProgress: options.onProgress,
  });
}

/** Where a command's estate comes from: an inventory file, or a live collection. */
export type EstateSource = {file: string} | {live: LiveOptions};

export async function loadEstate(source: EstateSource): Promise<Snapshot> {
  return 'file' in source ? readSnapshot(source.file) : collectLive(source.live);
}

/** How a report says which inventory it judged. */
export function inventoryHeader(
  snapshot: Snapshot,
  source: EstateSource,
): {collectedAt: string; method: 'fixture' | 'live'; source?: string} {
  return {
    collectedAt: snapshot.collectedAt,
    method: snapshot.collection.method,
    ...('file' in source ? {source: source.file} : {}),
  };
}
