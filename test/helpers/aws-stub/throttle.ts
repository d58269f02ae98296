/**
 * A token-bucket gate for benchmarks: emulates AWS request throttling (e.g. MQ: burst 100, refill 15/s per
 * account across all MQ APIs; EC2: per action). Requests that find the bucket empty get the protocol's
 * throttling error, which the SDK retries like the real thing.
 *
 *   const mqBucket = tokenBucketGate({burst: 100, refillPerSecond: 15, scope: (req) => req.service === 'mq' ? 'mq' : undefined});
 *   stub.use(mqBucket);
 */
import {throttlingError} from './protocols';
import type {StubGate, StubRequest, StubResponse} from './server';

export interface TokenBucketOptions {
  burst: number;
  refillPerSecond: number;
  /** Which bucket a request draws from; undefined = not throttled. Default: one bucket per service. */
  scope?: (req: StubRequest) => string | undefined;
  reject?: (req: StubRequest) => StubResponse;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

export interface TokenBucketGate extends StubGate {
  /** Requests refused so far, per bucket. */
  readonly throttled: ReadonlyMap<string, number>;
}

export function tokenBucketGate(options: TokenBucketOptions): TokenBucketGate {
  const now = options.now ?? (() => performance.now());
  const scope = options.scope ?? ((req: StubRequest) => req.service);
  const reject = options.reject ?? throttlingError;
  const buckets = new Map<string, {tokens: number; at: number}>();
  const throttled = new Map<string, number>();

  const gate = (req: StubRequest): StubResponse | undefined => {
    const name = scope(req);
    if (name === undefined) return undefined;
    const t = now();
    const bucket = buckets.get(name) ?? {tokens: options.burst, at: t};
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.refillPerSecond);
    bucket.at = t;
    buckets.set(name, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    throttled.set(name, (throttled.get(name) ?? 0) + 1);
    return reject(req);
  };
  return Object.assign(gate, {throttled});
}
