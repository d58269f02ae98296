/**
 * Client-side pacing: token buckets shaped like the ones AWS throttles with, taken before every attempt
 * (retries included), so a scan spends AWS's request budget evenly instead of bursting into throttling
 * errors and burning the SDK's retry quota (performance-limits.md §1.6: plain retries lost 172 of 300
 * DescribeBroker calls under MQ's bucket; a client-side bucket lost none).
 *
 * Shapes (burst, refill per second), from AWS's documentation:
 *   - Amazon MQ: one bucket across all MQ APIs, 100 / 15 per account (per region, see MqBucketScope);
 *   - EC2: one bucket per API action, per account and region: 100 / 20 for the non-mutating actions we call,
 *     50 / 10 for the "unfiltered and unpaginated" ones (DescribeSecurityGroups … without a filter or
 *     MaxResults), 20 / 5 for uncategorized ones (DescribeSecurityGroupReferences …);
 *   - STS: 600 / s per account and region;
 *   - Direct Connect and Organizations publish no rate: assumed 20 / 10 per account and region, which at the
 *     default headroom gives the conservative 10 / 5 performance-limits.md §7 proposes.
 * Every bucket is filled at `headroom` × the documented rate (default 0.5): the account's own automation
 * shares the same buckets, and a scanner must not starve it.
 *
 * No SDK import: the middleware in clients.ts calls `Pacer.bucket(...)`; tests drive buckets with a fake clock.
 */

export interface BucketShape {
  /** Bucket size: calls that may go out at once after a quiet period. */
  burst: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export type PacedService = 'directconnect' | 'ec2' | 'mq' | 'organizations' | 'sts';

/** AWS's documented buckets (see the file comment for sources). */
export const AWS_BUCKETS = {
  mq: {burst: 100, refillPerSecond: 15},
  ec2: {burst: 100, refillPerSecond: 20},
  ec2Unfiltered: {burst: 50, refillPerSecond: 10},
  ec2Uncategorized: {burst: 20, refillPerSecond: 5},
  sts: {burst: 600, refillPerSecond: 600},
  directconnect: {burst: 20, refillPerSecond: 10},
  organizations: {burst: 20, refillPerSecond: 10},
} as const satisfies Record<string, BucketShape>;

/**
 * EC2 actions AWS charges to the small 50 / 10 bucket when called without pagination and without a filter
 * ("unfiltered and unpaginated non-mutating actions").
 */
export const EC2_UNFILTERED_ACTIONS: ReadonlySet<string> = new Set([
  'DescribeInstances',
  'DescribeInstanceStatus',
  'DescribeNetworkInterfaces',
  'DescribeSecurityGroups',
  'DescribeSnapshots',
  'DescribeSpotInstanceRequests',
  'DescribeVolumes',
]);

/** EC2 actions in AWS's "uncategorized" table (20 / 5) that touch this domain. */
export const EC2_UNCATEGORIZED_ACTIONS: ReadonlySet<string> = new Set([
  'DescribeSecurityGroupReferences',
  'DescribeStaleSecurityGroups',
]);

/**
 * AWS documents MQ's bucket as "per AWS account, across all Amazon MQ APIs" without saying whether it is
 * regional. `region` (AWS quotas are regional as a rule) paces each account-region on its own; `account`
 * shares one bucket across the account's regions, the conservative reading.
 */
export type MqBucketScope = 'account' | 'region';

export const DEFAULT_HEADROOM = 0.5;
/** After a throttling answer a bucket halves its rate, never below this fraction of its shape… */
const MIN_RATE_FRACTION = 0.1;
/** …and wins back this fraction of its shape's rate per successful call. */
const RECOVERY_FRACTION = 0.05;

export interface PaceKey {
  /** Whose budget: the account id (or a stable stand-in such as "caller" before the id is known). */
  account: string;
  region: string;
  service: PacedService;
  /** API action without the "Command" suffix, e.g. DescribeBroker. */
  operation: string;
  /** The call's input, to tell filtered/paginated EC2 calls from unfiltered ones. */
  input?: unknown;
}

/** Which bucket a call draws from, and the bucket's documented shape (before headroom). */
export function bucketFor(key: PaceKey, mqScope: MqBucketScope = 'region'): {id: string; shape: BucketShape} {
  switch (key.service) {
    case 'mq':
      return {
        id: mqScope === 'account' ? `mq|${key.account}` : `mq|${key.account}|${key.region}`,
        shape: AWS_BUCKETS.mq,
      };
    case 'ec2':
      return {
        id: `ec2|${key.account}|${key.region}|${ec2BucketName(key.operation, key.input)}`,
        shape: ec2Shape(key.operation, key.input),
      };
    default:
      return {id: `${key.service}|${key.account}|${key.region}`, shape: AWS_BUCKETS[key.service]};
  }
}

function ec2BucketName(operation: string, input: unknown): string {
  // AWS charges an unfiltered, unpaginated call to a different (smaller) bucket than a filtered one.
  return EC2_UNFILTERED_ACTIONS.has(operation) && isUnfilteredUnpaginated(input)
    ? `${operation}#unfiltered`
    : operation;
}

function ec2Shape(operation: string, input: unknown): BucketShape {
  if (EC2_UNCATEGORIZED_ACTIONS.has(operation)) return AWS_BUCKETS.ec2Uncategorized;
  if (EC2_UNFILTERED_ACTIONS.has(operation) && isUnfilteredUnpaginated(input)) return AWS_BUCKETS.ec2Unfiltered;
  return AWS_BUCKETS.ec2;
}

function isUnfilteredUnpaginated(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return true;
  const fields = input as {Filters?: unknown[]; MaxResults?: number; NextToken?: string};
  return !(fields.Filters?.length || fields.MaxResults !== undefined || fields.NextToken);
}

/** Rejects waits when the overall deadline passes (see ./deadline). */
export interface AbortSource {
  readonly aborted: boolean;
  /** Calls `onAbort` once when aborted; returns a function that unregisters it. */
  onAbort(onAbort: () => void): () => void;
  /** The error a call that was cut short rejects with. */
  reason(): Error;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  unregister?: () => void;
}

export interface BucketStats {
  /** Tokens handed out (= attempts sent). */
  taken: number;
  /** Throttling answers seen. */
  throttled: number;
  /** Total time callers spent waiting for a token, in ms. */
  waitedMs: number;
}

/**
 * A token bucket with a FIFO queue: callers that find it empty wait their turn (one timer for the whole
 * queue), so a burst of a thousand DescribeBroker calls leaves at the bucket's rate, in order.
 * A throttling answer empties the bucket and halves its rate (AWS's bucket is shared with other callers we
 * cannot see); each success wins a little of it back.
 */
export class TokenBucket {
  readonly shape: BucketShape;
  private tokens: number;
  private rate: number;
  private at: number;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly statsValue: BucketStats = {taken: 0, throttled: 0, waitedMs: 0};

  constructor(
    shape: BucketShape,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(shape.burst >= 1) || !(shape.refillPerSecond > 0)) {
      throw new RangeError(
        `a token bucket needs burst ≥ 1 and a positive refill rate, got ${shape.burst} / ${shape.refillPerSecond}`,
      );
    }
    this.shape = shape;
    this.tokens = shape.burst;
    this.rate = shape.refillPerSecond;
    this.at = now();
  }

  /** Current refill rate (tokens/s): the shape's, or less after throttling. */
  get currentRate(): number {
    return this.rate;
  }

  get stats(): Readonly<BucketStats> {
    return this.statsValue;
  }

  /** Resolves when a token is ours; rejects with `abort.reason()` if the deadline passes first. */
  acquire(abort?: AbortSource): Promise<void> {
    if (abort?.aborted) return Promise.reject(abort.reason());
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.statsValue.taken += 1;
      return Promise.resolve();
    }
    const queuedAt = this.now();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          this.statsValue.waitedMs += this.now() - queuedAt;
          resolve();
        },
        reject,
      };
      if (abort) {
        waiter.unregister = abort.onAbort(() => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(abort.reason());
          if (this.queue.length === 0) this.clearTimer();
        });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /** A throttling answer: stop sending for a while and slow down. */
  onThrottle(): void {
    this.statsValue.throttled += 1;
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    this.rate = Math.max(this.shape.refillPerSecond * MIN_RATE_FRACTION, this.rate / 2);
    this.reschedule();
  }

  onSuccess(): void {
    if (this.rate >= this.shape.refillPerSecond) return;
    this.refill();
    this.rate = Math.min(this.shape.refillPerSecond, this.rate + this.shape.refillPerSecond * RECOVERY_FRACTION);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.shape.burst, this.tokens + ((t - this.at) / 1000) * this.rate);
    this.at = t;
  }

  private release(): void {
    this.timer = undefined;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.statsValue.taken += 1;
      const waiter = this.queue.shift()!;
      waiter.unregister?.();
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.queue.length === 0) return;
    const waitMs = Math.max(0, ((1 - this.tokens) / this.rate) * 1000);
    // Kept referenced: a scan waiting for tokens must keep the process alive.
    this.timer = setTimeout(() => this.release(), Math.ceil(waitMs));
  }

  private reschedule(): void {
    this.clearTimer();
    this.schedule();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface PacerOptions {
  /** Fraction of AWS's documented rates and bursts to use, in (0, 1]. Default 0.5. */
  headroom?: number;
  mqScope?: MqBucketScope;
  /** Replace AWS's shape for a service (all its buckets): for emulating AWS at a smaller scale in tests. */
  shapes?: Partial<Record<PacedService, BucketShape>>;
  now?: () => number;
}

export interface CallStats {
  /** Attempts sent (retries included). */
  calls: number;
  throttled: number;
  waitedMs: number;
}

/** All buckets of one scan, created on first use and kept for the whole run (they are the budget). */
export class Pacer {
  readonly headroom: number;
  readonly mqScope: MqBucketScope;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly now: () => number;
  private readonly shapes: Partial<Record<PacedService, BucketShape>>;

  constructor(options: PacerOptions = {}) {
    const headroom = options.headroom ?? DEFAULT_HEADROOM;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError(`rate headroom must be in (0, 1], got ${headroom}`);
    this.headroom = headroom;
    this.mqScope = options.mqScope ?? 'region';
    this.now = options.now ?? (() => performance.now());
    this.shapes = options.shapes ?? {};
  }

  bucket(key: PaceKey): TokenBucket {
    const {id, shape} = bucketFor(key, this.mqScope);
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(scaled(this.shapes[key.service] ?? shape, this.headroom), this.now);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  /** Totals over every bucket. */
  totals(): CallStats {
    const totals: CallStats = {calls: 0, throttled: 0, waitedMs: 0};
    for (const bucket of this.buckets.values()) {
      totals.calls += bucket.stats.taken;
      totals.throttled += bucket.stats.throttled;
      totals.waitedMs += bucket.stats.waitedMs;
    }
    return totals;
  }
}

/** A bucket at `headroom` of AWS's shape; never below one token of burst. */
export function scaled(shape: BucketShape, headroom: number): BucketShape {
  return {burst: Math.max(1, Math.floor(shape.burst * headroom)), refillPerSecond: shape.refillPerSecond * headroom};
}
