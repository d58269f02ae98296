/**
 * Live collection as a user runs it: the built CLI, with the real AWS SDK, against the local AWS stand-in on
 * 127.0.0.1 (the way users point mq-audit at LocalStack or moto: --endpoint-url or AWS_ENDPOINT_URL).
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ScanReport} from '../../src/report/types';
import {readSnapshot} from '../../src/snapshot/read';
import {type AwsStub, installMq, installSts, mqAccessDenied, startAwsStub} from '../helpers/aws-stub';
import {runCli, STACK_LINE} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';
import {ACTIVE_STANDBY, mqFixture, RABBITMQ_CLUSTER, SINGLE_INSTANCE, SINGLE_INSTANCE_ID} from '../inventory/fixtures';

// Fake credentials: the stand-in does not check signatures, and the test proves they are never echoed.
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = {AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET};

let stub: AwsStub;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-live-'));
  stub = await startAwsStub();
  installSts(stub);
  // One broker's DescribeBroker is denied, as an SCP would.
  const handlers = installMq(stub, {
    brokers: {'eu-west-1': [mqFixture(ACTIVE_STANDBY), mqFixture(SINGLE_INSTANCE), mqFixture(RABBITMQ_CLUSTER)]},
  });
  stub.on('mq', 'DescribeBroker', (req) =>
    req.params['broker-id'] === SINGLE_INSTANCE_ID
      ? mqAccessDenied('mq:DescribeBroker', `arn:aws:mq:eu-west-1:123456789012:broker:x:${SINGLE_INSTANCE_ID}`)
      : handlers.DescribeBroker(req),
  );
});

afterAll(async () => {
  await stub.close();
  rmSync(work, {recursive: true, force: true});
});

describe('mq-audit inventory against an AWS endpoint', () => {
  let code: number | null;
  let stderr: string;
  let stdout: string;
  const output = (): string => join(work, 'inventory.json');

  beforeAll(async () => {
    ({code, stdout, stderr} = await runCli(
      ['inventory', '--region', 'eu-west-1', '--endpoint-url', stub.url, '--output', output()],
      {env: CREDENTIALS},
    ));
  });

  it('writes a snapshot the inventory schema accepts, with every broker the account lists', () => {
    const snapshot = readSnapshot(output());
    expect(snapshot.collection).toMatchObject({method: 'live', regions: ['eu-west-1']});
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual(['123456789012']);
    const brokers = snapshot.accounts[0].regions[0].brokers ?? [];
    expect(brokers).toHaveLength(3);
    expect(
      brokers
        .filter((b) => b.details !== null)
        .map((b) => b.engineType)
        .sort(),
    ).toEqual(['ACTIVEMQ', 'RABBITMQ']);
  });

  it('records the denied DescribeBroker as a collection error and keeps the broker with unknown details', () => {
    const snapshot = readSnapshot(output());
    const denied = snapshot.errors.find((e) => e.operation === 'DescribeBroker');
    expect(denied).toMatchObject({
      service: 'mq',
      region: 'eu-west-1',
      code: 'AccessDeniedException',
      kind: 'access-denied',
      resource: SINGLE_INSTANCE_ID,
    });
    const broker = snapshot.accounts[0].regions[0].brokers?.find((b) => b.id === SINGLE_INSTANCE_ID);
    expect(broker?.details).toBeNull();
  });

  it('exits 3 (incomplete), says so, and never echoes the credentials', () => {
    expect(code).toBe(3);
    expect(stderr).toMatch(/DescribeBroker/);
    expect(stderr).not.toMatch(STACK_LINE);
    for (const text of [stdout, stderr, readFileSync(output(), 'utf8')]) expect(text).not.toContain(SECRET);
  });

  it('sent only read-only calls, and DescribeBroker once per broker', () => {
    const operations = stub.requests.map((r) => r.operation);
    expect(operations.every((op) => /^(Describe|List|Get)/.test(op))).toBe(true);
    expect(operations).not.toContain('ListTags');
    expect(operations.filter((op) => op === 'DescribeBroker')).toHaveLength(3);
  });
});

describe('mq-audit scan live (AWS_ENDPOINT_URL, as with LocalStack or moto)', () => {
  it('evaluates the collected brokers, reports the denied one as error, and writes valid SARIF', async () => {
    const sarif = join(work, 'live.sarif');
    const json = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json', '--fail-on', 'none'], {
      env: {...CREDENTIALS, AWS_ENDPOINT_URL: stub.url},
    });
    const report = JSON.parse(json.stdout) as ScanReport;
    expect(report.summary.brokers).toBe(3);
    const denied = report.results.filter(
      (r) => r.resource.id === SINGLE_INSTANCE_ID && r.policyId === 'mq/no-public-access',
    );
    expect(denied.map((r) => r.status)).toEqual(['error']);
    expect(json.code).toBe(3);

    const result = await runCli(
      ['scan', '--region', 'eu-west-1', '--endpoint-url', stub.url, '--output', sarif, '--quiet'],
      {env: CREDENTIALS},
    );
    expect([1, 3]).toContain(result.code);
    const log = parseSarif(readFileSync(sarif, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    const notifications = log.runs[0].invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications.some((n) => n.message.text?.includes('DescribeBroker'))).toBe(true);
  });
});
