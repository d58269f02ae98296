/**
 * The scale features as a user runs them (the built CLI): an organization scanned in two shards against the AWS
 * stand-in, `report merge` of their JSON reports and SARIF files, progress on stderr, and bad flags.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {shardOf} from '../../src/inventory/selection';
import type {ScanReport} from '../../src/report/types';
import {type AwsStub, startAwsStub} from '../helpers/aws-stub';
import {installAccountMq, installAccountRegions, installOrganization} from '../helpers/aws-stub/accounts';
import {installDirectConnect} from '../helpers/aws-stub/directconnect';
import {installEc2Network} from '../helpers/aws-stub/ec2';
import {runCli, STACK_LINE} from '../helpers/cli';
import {brokers} from '../helpers/estate';
import {parseSarif, validateSarif} from '../helpers/sarif';

const MANAGEMENT = '111111111111';
const MEMBERS = ['222222222222', '333333333333', '444444444444', '555555555555'];
const SUSPENDED = '666666666666';
const REGION = 'eu-west-1';
const CALLER = {AWS_ACCESS_KEY_ID: 'AKIAMANAGEMENTCLI001', AWS_SECRET_ACCESS_KEY: 'cli-secret', AWS_REGION: REGION};

let stub: AwsStub;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-scale-'));
  stub = await startAwsStub();
  installOrganization(stub, {
    management: MANAGEMENT,
    accounts: [...[MANAGEMENT, ...MEMBERS].map((id) => ({id})), {id: SUSPENDED, state: 'SUSPENDED' as const}],
  });
  installAccountMq(
    stub,
    Object.fromEntries(
      MEMBERS.map((id, i) => [id, {brokers: {[REGION]: brokers(id, REGION, 2, {publiclyAccessible: i === 0})}}]),
    ),
    MANAGEMENT,
  );
  installAccountRegions(stub, Object.fromEntries([MANAGEMENT, ...MEMBERS].map((id) => [id, [REGION]])), MANAGEMENT);
  installEc2Network(stub, {regions: {}});
  installDirectConnect(stub, {regions: {}, global: {}});
});

afterAll(async () => {
  await stub.close();
  rmSync(work, {recursive: true, force: true});
});

const scanShard = (index: number, output: string, extra: string[] = []): ReturnType<typeof runCli> =>
  runCli(
    [
      'scan',
      '--organization',
      '--role-name',
      'mq-audit-readonly',
      '--region',
      REGION,
      '--endpoint-url',
      stub.url,
      '--shard',
      `${index}/2`,
      '--policy',
      'mq/no-public-access',
      '--output',
      join(work, output),
      '--quiet',
      ...extra,
    ],
    {env: CALLER},
  );

describe('an organization scanned in two shards, then merged', () => {
  beforeAll(async () => {
    await Promise.all([1, 2].map((i) => scanShard(i, `shard-${i}.json`)));
    await Promise.all([1, 2].map((i) => scanShard(i, `shard-${i}.sarif`, ['--category', `mq-audit/shard-${i}`])));
  }, 120_000);

  const report = (index: number): ScanReport =>
    JSON.parse(readFileSync(join(work, `shard-${index}.json`), 'utf8')) as ScanReport;

  it('each shard scans its own accounts and says which shard it is', () => {
    for (const index of [1, 2]) {
      const accounts = new Set(report(index).inventory.scopes.map((s) => s.accountId));
      for (const id of accounts) expect(shardOf(id, 2)).toBe(index);
      expect(report(index).inventory.shard).toEqual({index, count: 2});
    }
    const all = [1, 2].flatMap((i) => report(i).inventory.scopes.map((s) => s.accountId)).sort();
    expect(all).toEqual([MANAGEMENT, ...MEMBERS].sort());
  });

  it('report merge: one gate over the union (the public broker fails it), exit 1', async () => {
    const merged = join(work, 'merged.json');
    const result = await runCli([
      'report',
      'merge',
      join(work, 'shard-1.json'),
      join(work, 'shard-2.json'),
      '--output',
      merged,
      '--quiet',
    ]);
    expect(result.code).toBe(1);
    const union = JSON.parse(readFileSync(merged, 'utf8')) as ScanReport;
    expect(union.summary.brokers).toBe(MEMBERS.length * 2);
    expect(union.results.filter((r) => r.status === 'fail')).toHaveLength(2);
    expect(union.gate.exitCode).toBe(1);
    expect(result.stderr).toContain('Merged 2 report(s)');
  });

  it('report merge to SARIF: one run, valid', async () => {
    const out = join(work, 'merged.sarif');
    const result = await runCli([
      'report',
      'merge',
      join(work, 'shard-1.json'),
      join(work, 'shard-2.json'),
      '--output',
      out,
      '--category',
      'mq-audit',
      '--quiet',
    ]);
    expect(result.code).toBe(1);
    const log = parseSarif(readFileSync(out, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toHaveLength(2);
  });

  it('report merge takes its format from the output file, as scan does: .md is markdown, .xml JUnit', async () => {
    const markdown = join(work, 'merged.md');
    const md = await runCli([
      'report',
      'merge',
      join(work, 'shard-1.json'),
      join(work, 'shard-2.json'),
      '--output',
      markdown,
      '--quiet',
    ]);
    expect(md.code).toBe(1);
    expect(md.stderr).toContain(`into ${markdown} (markdown)`);
    expect(readFileSync(markdown, 'utf8')).toMatch(/^\|.*\|$/m);
    const xml = join(work, 'merged.xml');
    const junit = await runCli([
      'report',
      'merge',
      join(work, 'shard-1.json'),
      join(work, 'shard-2.json'),
      '--output',
      xml,
      '--quiet',
    ]);
    expect(junit.code).toBe(1);
    expect(readFileSync(xml, 'utf8')).toMatch(/^<\?xml[^>]*>\s*<testsuites /);
  });

  it('merging the shards’ SARIF files keeps both runs, each with its category', async () => {
    const out = join(work, 'runs.sarif');
    const result = await runCli([
      'report',
      'merge',
      join(work, 'shard-1.sarif'),
      join(work, 'shard-2.sarif'),
      '--output',
      out,
    ]);
    expect(result.code).toBe(0);
    const log = parseSarif(readFileSync(out, 'utf8'));
    expect(log.runs.map((run) => run.automationDetails?.id)).toEqual(['mq-audit/shard-1/', 'mq-audit/shard-2/']);
    expect(validateSarif(log)).toEqual([]);
  });

  it('a missing shard or a conflict is bad input (exit 2), said plainly, without a stack trace', async () => {
    const missing = await runCli(['report', 'merge', join(work, 'shard-1.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 2\/2 missing/);
    expect(missing.stderr).not.toMatch(STACK_LINE);
    const mixed = await runCli(['report', 'merge', join(work, 'shard-1.json'), join(work, 'shard-2.sarif')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is a SARIF file, but .*shard-1\.json is a JSON report/);
  });
});

describe('inventory of an organization', () => {
  it('records the suspended account as skipped, shows forced progress on stderr, exits 0', async () => {
    const out = join(work, 'inventory.json');
    const result = await runCli(
      [
        'inventory',
        '--organization',
        '--role-name',
        'mq-audit-readonly',
        '--region',
        REGION,
        '--endpoint-url',
        stub.url,
        '--output',
        out,
        '--progress',
      ],
      {env: {...CALLER, CI: 'true'}},
    );
    expect(result.code).toBe(0);
    const snapshot = JSON.parse(readFileSync(out, 'utf8')) as {
      collection: {accountSelection: {skipped: {accountId: string; state: string}[]}};
    };
    expect(snapshot.collection.accountSelection.skipped).toEqual([
      expect.objectContaining({accountId: SUSPENDED, reason: 'not-active', state: 'SUSPENDED'}),
    ]);
    expect(result.stderr).toMatch(
      /accounts 5\/5 · regions 5\/5 · brokers 8 described of 8 · calls \d+ · throttled 0 · errors 0/,
    );
    expect(result.stderr).toMatch(/skipped account 666666666666 .*state SUSPENDED/);
  }, 60_000);

  it('without --progress, in CI, stderr carries no progress line', async () => {
    const result = await runCli(
      [
        'inventory',
        '--organization',
        '--role-name',
        'mq-audit-readonly',
        '--region',
        REGION,
        '--endpoint-url',
        stub.url,
        '--output',
        join(work, 'quiet.json'),
      ],
      {
        env: {...CALLER, CI: 'true'},
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/accounts \d+\/\d+ ·/);
  }, 60_000);
});

describe('bad scale flags', () => {
  it.each([
    [['--shard', '3/2'], /--shard: "3\/2" is not a shard/],
    [['--deadline', 'tomorrow'], /--deadline: "tomorrow" is not a duration/],
    [['--role-arn', 'arn:aws:iam::1:role/x'], /--role-arn: .* is not an IAM role ARN/],
    [['--account', '222222222222'], /--account: selects among the accounts of --role-arn or --organization/],
  ])('%j exits 2 with a clear message', async (flags, message) => {
    const result = await runCli(['scan', '--region', REGION, ...flags], {env: CALLER});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('--inventory cannot be combined with live-only flags', async () => {
    const result = await runCli(['scan', '--inventory', 'fixtures/demo/inventory.json', '--shard', '1/2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--shard|--inventory/);
  });
});
