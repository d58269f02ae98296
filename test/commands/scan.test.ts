/**
 * `mq-audit scan` as a user runs it: the built CLI in a child process, asserting on parsed output and exit codes.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {runCli, STACK_LINE} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';

const DEMO = 'fixtures/demo/inventory.json';
const BAD = 'test/fixtures/bad';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-scan-'));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('scan of the demo estate', () => {
  let json: {code: number | null; report: ScanReport};
  beforeAll(async () => {
    const result = await runCli(['scan', '--inventory', DEMO, '--format', 'json']);
    json = {code: result.code, report: JSON.parse(result.stdout) as ScanReport};
  });

  it('exits 1 because the demo estate has failing findings, and the report says why', () => {
    expect(json.code).toBe(1);
    expect(json.report.gate).toMatchObject({failOn: 'low', exitCode: 1});
    expect(json.report.gate.reason).toMatch(/^Gate failed: \d+ failing finding/);
    expect(json.report.summary.byStatus.fail).toBeGreaterThan(0);
  });

  it('reports a broker whose DescribeBroker was denied as error, never pass', () => {
    const denied = new Set(json.report.collectionErrors.filter((e) => e.operation === 'DescribeBroker').map((e) => e.resource));
    expect(denied.size).toBeGreaterThan(0);
    const results = json.report.results.filter((r) => denied.has(r.resource.id) && r.policyId === 'mq/no-public-access');
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.status).toBe('error');
  });

  it('writes SARIF that the official schema and GitHub ingestion rules accept, and a table to stdout', async () => {
    const output = join(work, 'demo.sarif');
    const result = await runCli(['scan', '--inventory', DEMO, '--output', output, '--category', 'mq-audit/demo']);
    expect(result.code).toBe(1);
    const log = parseSarif(readFileSync(output, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0].automationDetails?.id).toBe('mq-audit/demo/');
    const failing = json.report.results.filter((r) => r.status === 'fail');
    expect(log.runs[0].results).toHaveLength(failing.length);
    expect(result.stdout).toContain(json.report.gate.reason);
    expect(result.stderr).toContain(`Wrote sarif report to ${output}`);
  });

  it('--fail-on none never fails on findings: the incomplete scan exits 3', async () => {
    const result = await runCli(['scan', '--inventory', DEMO, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.summary.byStatus.fail).toBeGreaterThan(0);
    expect(result.code).toBe(3);
    expect(report.gate.reason).toMatch(/^Scan incomplete/);
  });

  it('--policy selects, and a clean selection exits 0', async () => {
    const result = await runCli(['scan', '--inventory', DEMO, '--format', 'json', '--policy', 'mq/no-public-access', '--fail-on', 'critical']);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(new Set(report.results.map((r) => r.policyId))).toEqual(new Set(['mq/no-public-access']));
    // The demo estate has a denied DescribeBroker: incomplete, but nothing at critical failed.
    expect(result.code).toBe(3);
  });

  it('adds custom policies with --policies and pins defaults from a config file', async () => {
    const config = join(work, 'config.json');
    writeFileSync(config, JSON.stringify({defaults: {'fail-on': 'critical', format: 'json', policies: [join(process.cwd(), 'test/fixtures/custom')]}}));
    const result = await runCli(['scan', '--inventory', DEMO, '--config', config, '--policy', 'acme/*']);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.gate.failOn).toBe('critical');
    expect(report.policies.map((p) => p.id)).toEqual(['acme/no-burstable-in-production']);
    expect(report.policies[0].builtIn).toBe(false);
  });
});

describe('bad input: a clear message naming the file and the place, exit 2, no stack trace', () => {
  it.each([
    ['malformed JSON', ['--inventory', `${BAD}/malformed-inventory.json`], /malformed-inventory\.json at line 5, column 3: inventory file is not valid JSON/],
    ['an empty file', ['--inventory', `${BAD}/empty-inventory.json`], /empty-inventory\.json: inventory file is empty/],
    ['an unreadable file', ['--inventory', `${BAD}/does-not-exist.json`], /does-not-exist\.json: cannot read inventory file: no such file/],
    ['not an inventory', ['--inventory', `${BAD}/not-an-inventory.json`], /not-an-inventory\.json at \/kind: "kind" is undefined, expected "mq-audit\/inventory"/],
    ['a schema violation', ['--inventory', `${BAD}/wrong-schema-inventory.json`], /wrong-schema-inventory\.json at \/accounts\/0\/regions\/0\/brokers\/0\/engineType: expected one of "ACTIVEMQ", "RABBITMQ"/],
    ['an inventory of nothing', ['--inventory', `${BAD}/no-accounts-inventory.json`], /no-accounts-inventory\.json at \/accounts: the inventory has no accounts/],
    ['an unknown policy id', ['--inventory', DEMO, '--policy', 'mq/no-such-policy'], /--policy: unknown policy id "mq\/no-such-policy"; known ids: .*mq\/no-public-access/],
    ['a bad policy file', ['--inventory', DEMO, '--policies', `${BAD}/policies`], /bad-policy\.json at \/severity: expected one of "critical", "high", "medium", "low"/],
    ['a policy that is not valid JSON Schema', ['--inventory', DEMO, '--policies', `${BAD}/uncompilable-policy.json`], /uncompilable-policy\.json at \/assert: not a valid JSON Schema: strict mode: unknown keyword: "equalz"/],
    ['a bad config file', ['--inventory', DEMO, '--config', `${BAD}/bad-config.json`], /bad-config\.json at \/defaults\/fail-on: expected one of/],
    ['a bad flag value', ['--inventory', DEMO, '--fail-on', 'urgent'], /Expected --fail-on=urgent to be one of: critical, high, medium, low, none/],
    ['no source at all', [], /--region: no region given/],
  ])('%s', async (_name, args, message) => {
    const result = await runCli(['scan', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe('');
  });

  it('lists every problem of a bad policy file at once', async () => {
    const result = await runCli(['scan', '--inventory', DEMO, '--policies', `${BAD}/policies`]);
    expect(result.stderr).toMatch(/bad-policy\.json at \/: missing required property "helpUri"/);
    expect(result.stderr).toMatch(/bad-policy\.json at \/severity/);
  });
});
