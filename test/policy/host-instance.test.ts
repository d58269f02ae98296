/** facts.hostInstance: the host instance type taken apart, so "mq.m5.large or larger" is one assertion. */
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseHostInstance} from '../../src/policy/document';
import {runCli} from '../helpers/cli';

const DEMO = 'fixtures/demo/inventory.json';

describe('parseHostInstance', () => {
  it('takes a type apart; rank orders sizes across families', () => {
    expect(parseHostInstance('mq.m5.large')).toEqual({
      family: 'm5',
      size: 'large',
      rank: 4,
      burstable: false,
      listed: true,
    });
    expect(parseHostInstance('mq.t3.micro')).toEqual({
      family: 't3',
      size: 'micro',
      rank: 1,
      burstable: true,
      listed: true,
    });
    expect(parseHostInstance('mq.m7g.16xlarge')?.rank).toBe(10);
    const ranks = ['mq.t3.micro', 'mq.m7g.medium', 'mq.m5.large', 'mq.m5.xlarge', 'mq.m5.2xlarge', 'mq.m5.4xlarge'].map(
      (t) => parseHostInstance(t)!.rank!,
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(parseHostInstance('mq.m7g.large')!.rank).toBe(parseHostInstance('mq.m5.large')!.rank);
  });

  it('a type not in the table still has family and size; an unknown size has no rank; not mq.<family>.<size> is null', () => {
    expect(parseHostInstance('mq.m9.large')).toEqual({
      family: 'm9',
      size: 'large',
      rank: 4,
      burstable: false,
      listed: false,
    });
    expect(parseHostInstance('mq.m9.metal')?.rank).toBeNull();
    expect(parseHostInstance('m5.large')).toBeNull();
  });
});

describe('a policy on instance size', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-size-'));
    mkdirSync(join(dir, 'acme'));
    writeFileSync(
      join(dir, 'acme', 'large-enough.json'),
      JSON.stringify({
        id: 'acme/large-enough',
        title: 'Brokers run on mq.m5.large or larger',
        severity: 'low',
        description: 'd',
        rationale: 'r',
        remediation: 'x',
        helpUri: 'https://example.com',
        controls: {},
        requires: ['/facts/hostInstance/rank'],
        assert: {properties: {facts: {properties: {hostInstance: {properties: {rank: {minimum: 4}}}}}}},
        messages: {fail: '{{hostInstanceType}} is smaller than mq.m5.large (rank {{facts.hostInstance.rank}} < 4)'},
      }),
    );
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('is one assertion: mq.t3.micro fails, mq.m5.large and larger pass', async () => {
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--policies',
      dir,
      '--policy',
      'acme/large-enough',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {results: {status: string; message: string}[]};
    const failing = report.results.filter((r) => r.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const r of failing) expect(r.message).toContain('mq.t3.micro is smaller than mq.m5.large (rank 1 < 4)');
    expect(report.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(0);
  });

  it('documents show the fact', async () => {
    const result = await runCli(['documents', '--inventory', DEMO]);
    const documents = JSON.parse(result.stdout) as {hostInstanceType: string; facts: {hostInstance: unknown}}[];
    const large = documents.find((d) => d.hostInstanceType === 'mq.m5.large')!;
    expect(large.facts.hostInstance).toEqual({family: 'm5', size: 'large', rank: 4, burstable: false, listed: true});
  });
});
