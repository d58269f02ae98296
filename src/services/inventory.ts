/**
 * Live collection: the only path to the AWS SDK, loaded lazily so `--help`, `policies` and offline scans never
 * pay for importing it.
 */
import type {Snapshot} from '../snapshot/types';

export interface LiveOptions {
  regions: string[];
  allRegions: boolean;
  profile?: string;
  endpoint?: string;
  onProgress?: (message: string) => void;
}

export async function collectLive(options: LiveOptions): Promise<Snapshot> {
  const {collectInventory} = await import('../inventory/index.js');
  return collectInventory({regions: options.regions, allRegions: options.allRegions, profile: options.profile, endpoint: options.endpoint});
}
