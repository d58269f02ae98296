/**
 * Client-side pacing: the token bucket itself (fake clock), the AWS-shaped bucket keys, and a throttling storm
 * at the local AWS stand-in, where plain SDK retries lose brokers and paced calls lose none.
 */
import {AWS_BUCKETS, bucketFor, Pacer, scaled, TokenBucket} from '../../src/inventory/pacing';
import {createAwsClients} from '../../src/inventory/clients';
import type {AwsClients, CallRecord} from '../../src/inventory/clients';
import {createDeadline, DeadlineExceededError} from '../../src/inventory/deadline';
import {collectBrokers} from '../../src/inventory/mq';
import {type AwsStub, installMq, startAwsStub, tokenBucketGate} from '../helpers/aws-stub';
import {brokers} from '../helpers/estate';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const STATIC_CREDENTIALS = async (): Promise<{accessKeyId: string; secretAccessKey: string}> => ({
  accessKeyId: 'AKIAPACINGTEST000001',
  secretAccessKey: 'x',
});

describe('TokenBucket', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Acquire `n` tokens; record the fake time at which each was granted. */
  function grants(bucket: TokenBucket, n: number): number[] {
    const times: number[] = [];
    for (let i = 0; i < n; i++) void bucket.acquire().then(() => times.push(Date.now()));
    return times;
  }

  it('hands out its burst at once, then one token per 1/rate seconds, in order', async () => {
    const start = Date.now();
    const bucket = new TokenBucket({burst: 3, refillPerSecond: 10}, () => Date.now());
    const times = grants(bucket, 6);

    await jest.advanceTimersByTimeAsync(0);
    expect(times.map((t) => t - start)).toEqual([0, 0, 0]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(times.map((t) => t - start)).toEqual([0, 0, 0, 100, 200, 300]);
    expect(bucket.stats.taken).toBe(6);
  });

  it('after a throttling answer stops, halves its rate, and wins it back with successes', async () => {
    const start = Date.now();
    const bucket = new TokenBucket({burst: 5, refillPerSecond: 10}, () => Date.now());
    bucket.onThrottle();
    expect(bucket.currentRate).toBe(5);
    const times = grants(bucket, 2);
    await jest.advanceTimersByTimeAsync(1000);
    // An emptied bucket at 5 tokens/s: the first token after 200 ms, the next 200 ms later.
    expect(times.map((t) => t - start)).toEqual([200, 400]);

    for (let i = 0; i < 20; i++) bucket.onSuccess();
    expect(bucket.currentRate).toBe(10);
    expect(bucket.stats.throttled).toBe(1);
  });

  it('never slows below a tenth of its shape, however often it is throttled', () => {
    const bucket = new TokenBucket({burst: 5, refillPerSecond: 10}, () => Date.now());
    for (let i = 0; i < 20; i++) bucket.onThrottle();
    expect(bucket.currentRate).toBeCloseTo(1);
  });

  it('rejects queued callers with the deadline error when the deadline passes, and forgets them', async () => {
    const bucket = new TokenBucket({burst: 1, refillPerSecond: 1}, () => Date.now());
    const deadline = createDeadline(500, '500ms');
    const outcomes = [bucket.acquire(deadline), bucket.acquire(deadline), bucket.acquire(deadline)].map((p) =>
      p.then(
        () => 'granted',
        (error: Error) => error,
      ),
    );
    await jest.advanceTimersByTimeAsync(600);
    const settled = await Promise.all(outcomes);
    expect(settled[0]).toBe('granted');
    for (const outcome of settled.slice(1)) {
      expect(outcome).toBeInstanceOf(DeadlineExceededError);
      expect((outcome as Error).message).toContain('--deadline 500ms');
    }
    // After the deadline nothing is queued and every new caller fails at once.
    await expect(bucket.acquire(deadline)).rejects.toBeInstanceOf(DeadlineExceededError);
    deadline.dispose();
  });
});

describe('AWS-shaped buckets', () => {
  const key = {account: '111111111111', region: 'eu-west-1'};

  it('Amazon MQ: one bucket across all its APIs, per account-region (or per account)', () => {
    const list = bucketFor({...key, service: 'mq', operation: 'ListBrokers'});
    const describe = bucketFor({...key, service: 'mq', operation: 'DescribeBroker'});
    expect(list.id).toBe(describe.id);
    expect(list.shape).toEqual({burst: 100, refillPerSecond: 15});
    expect(bucketFor({...key, region: 'us-east-1', service: 'mq', operation: 'ListBrokers'}).id).not.toBe(list.id);
    expect(bucketFor({...key, region: 'us-east-1', service: 'mq', operation: 'ListBrokers'}, 'account').id).toBe(
      bucketFor({...key, service: 'mq', operation: 'DescribeBroker'}, 'account').id,
    );
    expect(bucketFor({...key, account: '222222222222', service: 'mq', operation: 'ListBrokers'}).id).not.toBe(list.id);
  });

  it('EC2: one bucket per action; unfiltered unpaginated DescribeSecurityGroups draws from the small one', () => {
    const subnets = bucketFor({
      ...key,
      service: 'ec2',
      operation: 'DescribeSubnets',
      input: {Filters: [{Name: 'subnet-id', Values: ['subnet-1']}]},
    });
    const vpcs = bucketFor({...key, service: 'ec2', operation: 'DescribeVpcs'});
    expect(subnets.id).not.toBe(vpcs.id);
    expect(subnets.shape).toEqual({burst: 100, refillPerSecond: 20});

    const paginated = bucketFor({
      ...key,
      service: 'ec2',
      operation: 'DescribeSecurityGroups',
      input: {MaxResults: 1000},
    });
    const unfiltered = bucketFor({...key, service: 'ec2', operation: 'DescribeSecurityGroups', input: {}});
    expect(paginated.shape).toEqual(AWS_BUCKETS.ec2);
    expect(unfiltered.shape).toEqual({burst: 50, refillPerSecond: 10});
    expect(unfiltered.id).not.toBe(paginated.id);
  });

  it('scales every bucket to the headroom (default half of AWS’s rates)', () => {
    const pacer = new Pacer();
    expect(pacer.headroom).toBe(0.5);
    expect(pacer.bucket({...key, service: 'mq', operation: 'DescribeBroker'}).shape).toEqual({
      burst: 50,
      refillPerSecond: 7.5,
    });
    expect(scaled({burst: 1, refillPerSecond: 2}, 0.1)).toEqual({burst: 1, refillPerSecond: 0.2});
    expect(() => new Pacer({headroom: 0})).toThrow(/headroom/);
    expect(() => new Pacer({headroom: 1.5})).toThrow(/headroom/);
  });
});

describe('a throttling storm at the AWS stand-in', () => {
  // AWS's MQ bucket shape at a smaller scale so the test takes seconds: burst 10, 40 calls/s per account-region.
  const SHAPE = {burst: 10, refillPerSecond: 40};
  const REGION = 'eu-west-1';
  const BROKERS = 80;
  let stub: AwsStub;
  let gate: ReturnType<typeof tokenBucketGate>;

  beforeEach(async () => {
    gate = tokenBucketGate({...SHAPE, scope: (req) => (req.service === 'mq' ? `mq|${req.region}` : undefined)});
    stub = await startAwsStub({gates: [gate], latencyMs: 2});
    installMq(stub, {brokers: {[REGION]: brokers('123456789012', REGION, BROKERS)}});
  });
  afterEach(() => stub.close());

  async function collect(clients: AwsClients): Promise<Awaited<ReturnType<typeof collectBrokers>>> {
    try {
      return await collectBrokers({
        clients,
        accountId: '123456789012',
        partition: 'aws',
        region: REGION,
        concurrency: 20,
      });
    } finally {
      clients.destroy();
    }
  }

  const throttledAtStub = (): number => [...gate.throttled.values()].reduce((a, b) => a + b, 0);

  it('unpaced, the SDK sends into the storm: many throttling answers (each one spends budget AWS shares with production)', async () => {
    const result = await collect(createAwsClients({endpoint: stub.url, credentials: STATIC_CREDENTIALS}));
    expect(throttledAtStub()).toBeGreaterThan(BROKERS / 2);
    // Whatever the retries saved, a lost broker is reported, never dropped.
    const lost = result.errors.filter((e) => e.kind === 'throttled');
    expect(result.brokers?.filter((b) => b.details === null).length).toBe(lost.length);
  }, 30_000);

  it('paced at the default headroom: every broker described, zero throttling answers, at the bucket rate', async () => {
    const calls: CallRecord[] = [];
    const pacer = new Pacer({shapes: {mq: SHAPE}});
    const started = performance.now();
    const result = await collect(
      createAwsClients({
        endpoint: stub.url,
        credentials: STATIC_CREDENTIALS,
        pacing: {pacer, account: '123456789012'},
        onCall: (call) => calls.push(call),
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    expect(result.errors).toEqual([]);
    expect(result.brokers).toHaveLength(BROKERS);
    expect(result.brokers?.every((b) => b.details !== null)).toBe(true);
    expect(throttledAtStub()).toBe(0);
    // 81 calls (1 ListBrokers + 80 DescribeBroker) through a 5-token, 20/s bucket take ≥ (81 − 5) / 20 s.
    expect(stub.count('mq')).toBe(BROKERS + 1);
    expect(seconds).toBeGreaterThanOrEqual((BROKERS + 1 - 5) / 20 - 0.1);
    expect(calls.filter((c) => c.operation === 'DescribeBroker')).toHaveLength(BROKERS);
    expect(calls.every((c) => c.service === 'mq' && c.region === REGION && !c.throttled)).toBe(true);
  }, 30_000);

  it('paced at full headroom: throttling answers (if any) slow the bucket and nothing is lost', async () => {
    const pacer = new Pacer({headroom: 1, shapes: {mq: SHAPE}});
    const result = await collect(
      createAwsClients({endpoint: stub.url, credentials: STATIC_CREDENTIALS, pacing: {pacer, account: '123456789012'}}),
    );
    expect(result.errors).toEqual([]);
    expect(result.brokers?.every((b) => b.details !== null)).toBe(true);
    expect(pacer.totals().throttled).toBe(throttledAtStub());
    expect(throttledAtStub()).toBeLessThanOrEqual(5);
  }, 30_000);
});
