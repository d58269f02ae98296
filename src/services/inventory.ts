/**
 * Live collection: the only path to the AWS SDK, loaded lazily so `--help`, `policies` and offline scans never
 * pay for importing it.
 */
import type {AccountOptions, CollectionProgress} from '../inventory/index';
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
