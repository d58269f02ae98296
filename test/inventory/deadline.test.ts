/**
 * Nothing hangs, nothing passes silently: a dead endpoint under --deadline and under the per-call timeout, a
 * truncated response, and access denied in one region — each through the whole scan (collection → evaluation →
 * report) against the AWS stand-in, asserting what is recorded, what is evaluated and the exit code.
 */
import {createDeadline, DEADLINE_CODE, formatDuration, parseDuration} from '../../src/inventory/deadline';
import {EXIT} from '../../src/policy/types';
import type {ScanReport} from '../../src/report/types';
import {runScan} from '../../src/services/scan';
import type {LiveOptions} from '../../src/services/inventory';
import type {Snapshot} from '../../src/snapshot/types';
import {type AwsStub, installMq, installSts, mqAccessDenied, restJson, startAwsStub} from '../helpers/aws-stub';
import {installDirectConnect} from '../helpers/aws-stub/directconnect';
import {installEc2Network} from '../helpers/aws-stub/ec2';
import {brokers} from '../helpers/estate';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ACCOUNT = '123456789012';
const HEALTHY = 'eu-west-1';
const SICK = 'eu-central-1';

describe('durations', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2.5s', 2500],
    ['45', 45_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '15x', '1h 30m', '0s', '-5m', 'soon'].filter((t) => t !== '15'))('rejects "%s"', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats durations back the way people write them', () => {
    expect([900_000, 5_400_000, 90_000, 1500, 250].map(formatDuration)).toEqual([
      '15m',
      '1h30m',
      '1m30s',
      '1.5s',
      '250ms',
    ]);
  });

  it('a deadline that passes rejects what is outstanding, and everything after', async () => {
    const deadline = createDeadline(50, '50ms');
    const never = new Promise<string>(() => undefined);
    await expect(deadline.race(never)).rejects.toMatchObject({name: DEADLINE_CODE, code: 'ETIMEDOUT'});
    await expect(deadline.race(Promise.resolve('late'))).rejects.toMatchObject({name: DEADLINE_CODE});
    expect(deadline.aborted).toBe(true);
    deadline.dispose();
  });

  it('a work item that finishes first is unaffected', async () => {
    const deadline = createDeadline(5_000);
    await expect(deadline.race(Promise.resolve('done'))).resolves.toBe('done');
    deadline.dispose();
  });
});

describe('a scan against a misbehaving endpoint', () => {
  let stub: AwsStub;
  const savedEnv = {...process.env};

  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIADEADLINETEST0001';
    process.env.AWS_SECRET_ACCESS_KEY = 'deadline-secret';
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = savedEnv;
  });

  beforeEach(async () => {
    stub = await startAwsStub();
    installSts(stub);
    installEc2Network(stub, {regions: {}});
    installDirectConnect(stub, {regions: {}, global: {}});
  });
  afterEach(() => stub.close());

  function scan(live: Partial<LiveOptions>): Promise<{report: ScanReport; snapshot: Snapshot; seconds: number}> {
    const started = performance.now();
    return runScan({
      source: {live: {regions: [HEALTHY, SICK], allRegions: false, endpoint: stub.url, ...live}},
      policyPaths: [],
      include: ['mq/no-public-access'],
      exclude: [],
      config: {defaults: {}},
      failOn: 'low',
    }).then((outcome) => ({...outcome, seconds: (performance.now() - started) / 1000}));
  }

  const resultsIn = (report: ScanReport, region: string): ScanReport['results'] =>
    report.results.filter((r) => r.resource.region === region);

  it('--deadline: a dead endpoint is cut short, every unanswered call is a timeout error, the rest is evaluated, exit 3', async () => {
    // GIVEN DescribeBroker in one region never answers
    const handlers = installMq(stub, {
      brokers: {[HEALTHY]: brokers(ACCOUNT, HEALTHY, 2), [SICK]: brokers(ACCOUNT, SICK, 3)},
    });
    stub.on('mq', 'DescribeBroker', (req) =>
      req.region === SICK ? new Promise(() => undefined) : handlers.DescribeBroker(req),
    );

    // WHEN the scan runs with a 1.5 s deadline (the per-call timeout, 10 s, would come much later)
    const {report, snapshot, seconds} = await scan({deadlineMs: 1500, deadlineLabel: '1.5s'});

    // THEN it returns soon after the deadline instead of hanging
    expect(seconds).toBeLessThan(5);
    // Every error is a deadline cut: the three DescribeBroker calls, and whatever was still to come after them
    // (the account's Direct Connect gateways are read after its regions).
    expect(
      snapshot.errors.every(
        (e) => e.code === DEADLINE_CODE && e.kind === 'timeout' && /--deadline 1\.5s/.test(e.message),
      ),
    ).toBe(true);
    const cutBrokers = snapshot.errors.filter((e) => e.operation === 'DescribeBroker');
    expect(cutBrokers.map((e) => e.resource).sort()).toEqual(
      brokers(ACCOUNT, SICK, 3)
        .map((b) => b.BrokerId)
        .sort(),
    );
    expect(cutBrokers.every((e) => e.region === SICK)).toBe(true);
    expect(snapshot.collection.pacing).toMatchObject({deadline: '1.5s', deadlineExceeded: true});
    // the healthy region was collected and evaluated; the cut brokers are errors, never passes
    expect(resultsIn(report, HEALTHY).map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(resultsIn(report, SICK).map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(report.gate.exitCode).toBe(EXIT.incomplete);
  }, 30_000);

  it('without a deadline, the per-call timeout still ends a dead call (classified as timeout)', async () => {
    const handlers = installMq(stub, {
      brokers: {[HEALTHY]: brokers(ACCOUNT, HEALTHY, 1), [SICK]: brokers(ACCOUNT, SICK, 1)},
    });
    stub.on('mq', 'DescribeBroker', (req) =>
      req.region === SICK ? new Promise(() => undefined) : handlers.DescribeBroker(req),
    );
    const {collectInventory} = await import('../../src/inventory/collect');
    const started = performance.now();
    const snapshot = await collectInventory({
      regions: [HEALTHY, SICK],
      allRegions: false,
      endpoint: stub.url,
      requestTimeoutMs: 300,
      maxAttempts: 1,
    });
    expect((performance.now() - started) / 1000).toBeLessThan(5);
    expect(snapshot.errors).toEqual([
      expect.objectContaining({region: SICK, operation: 'DescribeBroker', kind: 'timeout'}),
    ]);
    expect(snapshot.collection.pacing?.deadlineExceeded).toBeUndefined();
  }, 30_000);

  it('a truncated response is a malformed-response error for that broker, not a pass', async () => {
    const handlers = installMq(stub, {brokers: {[HEALTHY]: brokers(ACCOUNT, HEALTHY, 2)}});
    const truncated = brokers(ACCOUNT, HEALTHY, 2)[1].BrokerId;
    stub.on('mq', 'DescribeBroker', async (req) => {
      const full = await handlers.DescribeBroker(req);
      return req.params['broker-id'] === truncated ? {...full, body: (full.body ?? '').slice(0, 120)} : full;
    });
    const {report, snapshot} = await scan({regions: [HEALTHY]});
    expect(snapshot.errors).toEqual([
      expect.objectContaining({operation: 'DescribeBroker', resource: truncated, kind: 'malformed-response'}),
    ]);
    const verdicts = Object.fromEntries(report.results.map((r) => [r.resource.id, r.status]));
    expect(verdicts[truncated]).toBe('error');
    expect(Object.values(verdicts).filter((v) => v === 'pass')).toHaveLength(1);
    expect(report.gate.exitCode).toBe(EXIT.incomplete);
  }, 30_000);

  it('access denied in one region: that region is an error, the other is evaluated; a failing finding still fails the gate', async () => {
    const handlers = installMq(stub, {
      brokers: {[HEALTHY]: brokers(ACCOUNT, HEALTHY, 1, {publiclyAccessible: true}), [SICK]: brokers(ACCOUNT, SICK, 1)},
    });
    stub.on('mq', 'ListBrokers', (req) =>
      req.region === SICK ? mqAccessDenied('mq:ListBrokers', '*') : handlers.ListBrokers(req),
    );
    const {report, snapshot} = await scan({});
    expect(snapshot.errors).toEqual([
      expect.objectContaining({region: SICK, operation: 'ListBrokers', kind: 'access-denied'}),
    ]);
    expect(snapshot.accounts[0].regions.find((r) => r.region === SICK)?.brokers).toBeNull();
    expect(resultsIn(report, HEALTHY).map((r) => r.status)).toEqual(['fail']);
    expect(report.gate.exitCode).toBe(EXIT.gateFailed);
  }, 30_000);

  it('a region answering valid but empty JSON is collected as empty, not as an error', async () => {
    installMq(stub, {brokers: {}});
    stub.on('mq', 'ListBrokers', () => restJson({}));
    const {report, snapshot} = await scan({regions: [HEALTHY]});
    expect(snapshot.errors).toEqual([]);
    expect(report.results).toEqual([]);
    expect(report.gate.exitCode).toBe(EXIT.ok);
  }, 30_000);
});
