import type {AwsClients} from './clients';

/** What a per-region collector needs to know. Plain data plus the client factory; no SDK types. */
export interface RegionContext {
  clients: AwsClients;
  /** 'unknown' when STS GetCallerIdentity failed (see Snapshot.errors). */
  accountId: string;
  partition: string;
  region: string;
  /** Most calls of one kind (e.g. DescribeBroker) in flight at once in this region. */
  concurrency: number;
}
