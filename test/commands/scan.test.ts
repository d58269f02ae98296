/**
 * `mq-audit scan` as a user runs it: the built CLI in a child process, asserting on parsed output and exit codes.
 */
import {createHmac} from 'node:crypto';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {ROOT, runCli, STACK_LINE} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';
import {findAll, parseXml} from '../helpers/xml';

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
    const denied = new Set(
      json.report.collectionErrors.filter((e) => e.operation === 'DescribeBroker').map((e) => e.resource),
    );
    expect(denied.size).toBeGreaterThan(0);
    const results = json.report.results.filter(
      (r) => denied.has(r.resource.id) && r.policyId === 'mq/no-public-access',
    );
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
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      `FAILED: ${json.report.gate.reason.replace(/^Gate failed: /, '')}`,
    );
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
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--format',
      'json',
      '--policy',
      'mq/no-public-access',
      '--fail-on',
      'critical',
    ]);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(new Set(report.results.map((r) => r.policyId))).toEqual(new Set(['mq/no-public-access']));
    // The demo estate has a denied DescribeBroker: incomplete, but nothing at critical failed.
    expect(result.code).toBe(3);
  });

  it('adds custom policies with --policies and pins defaults from a config file', async () => {
    const config = join(work, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        defaults: {'fail-on': 'critical', format: 'json', policies: [join(process.cwd(), 'test/fixtures/custom')]},
      }),
    );
    const result = await runCli(['scan', '--inventory', DEMO, '--config', config, '--policy', 'acme/*']);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.gate.failOn).toBe('critical');
    expect(report.policies.map((p) => p.id)).toEqual(['acme/no-burstable-in-production']);
    expect(report.policies[0].builtIn).toBe(false);
  });
});

describe('bad input: a clear message naming the file and the place, exit 2, no stack trace', () => {
  it.each([
    [
      'malformed JSON',
      ['--inventory', `${BAD}/malformed-inventory.json`],
      /malformed-inventory\.json at line 5, column 3: inventory file is not valid JSON/,
    ],
    ['an empty file', ['--inventory', `${BAD}/empty-inventory.json`], /empty-inventory\.json: inventory file is empty/],
    [
      'an unreadable file',
      ['--inventory', `${BAD}/does-not-exist.json`],
      /does-not-exist\.json: cannot read inventory file: no such file/,
    ],
    [
      'not an inventory',
      ['--inventory', `${BAD}/not-an-inventory.json`],
      /not-an-inventory\.json at \/kind: "kind" is undefined, expected "mq-audit\/inventory"/,
    ],
    [
      'a schema violation',
      ['--inventory', `${BAD}/wrong-schema-inventory.json`],
      /wrong-schema-inventory\.json at \/accounts\/0\/regions\/0\/brokers\/0\/engineType: expected one of "ACTIVEMQ", "RABBITMQ"/,
    ],
    [
      'an inventory of nothing',
      ['--inventory', `${BAD}/no-accounts-inventory.json`],
      /no-accounts-inventory\.json at \/accounts: the inventory has no accounts/,
    ],
    [
      'an unknown policy id',
      ['--inventory', DEMO, '--policy', 'mq/no-such-policy'],
      /--policy: unknown policy id "mq\/no-such-policy"; known ids: .*mq\/no-public-access/,
    ],
    [
      'a bad policy file',
      ['--inventory', DEMO, '--policies', `${BAD}/policies`],
      /bad-policy\.json at \/severity: expected one of "critical", "high", "medium", "low"/,
    ],
    [
      'a policy that is not valid JSON Schema',
      ['--inventory', DEMO, '--policies', `${BAD}/uncompilable-policy.json`],
      /uncompilable-policy\.json at \/assert: not a valid JSON Schema: strict mode: unknown keyword: "equalz"/,
    ],
    [
      'a bad config file',
      ['--inventory', DEMO, '--config', `${BAD}/bad-config.json`],
      /bad-config\.json at \/defaults\/fail-on: expected one of/,
    ],
    [
      'a bad flag value',
      ['--inventory', DEMO, '--fail-on', 'urgent'],
      /--fail-on: "urgent" is not one of critical, high, medium, low, none$/m,
    ],
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

/** Tests that run the CLI more than once: a child process takes seconds on a busy CI machine. */
const SEVERAL_RUNS = 60_000;

describe('suppressions (--suppressions, .mq-audit/suppressions.json)', () => {
  const SUPPRESSIONS = 'test/fixtures/suppressions/demo.json';
  // billing-prod fails both policies; notifications-prod fails production-ha; the fixture accepts billing-prod's
  // public access until 2099, has an expired entry for notifications-prod and a stale one.
  const SELECT = ['--policy', 'mq/no-public-access', '--policy', 'mq/production-ha', '--fail-on', 'high'];
  let plain: ScanReport;
  let suppressed: {code: number | null; report: ScanReport};
  beforeAll(async () => {
    plain = JSON.parse(
      (await runCli(['scan', '--inventory', DEMO, ...SELECT, '--format', 'json'])).stdout,
    ) as ScanReport;
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      ...SELECT,
      '--suppressions',
      SUPPRESSIONS,
      '--format',
      'json',
    ]);
    suppressed = {code: result.code, report: JSON.parse(result.stdout) as ScanReport};
  }, SEVERAL_RUNS);

  const find = (report: ScanReport, policyId: string, name: string) =>
    report.results.find((r) => r.policyId === policyId && r.resource.name === name)!;

  it('suppresses the accepted finding with its reason and expiry; it still shows as failing', () => {
    expect(find(plain, 'mq/no-public-access', 'billing-prod').status).toBe('fail');
    const finding = find(suppressed.report, 'mq/no-public-access', 'billing-prod');
    expect(finding.status).toBe('fail');
    expect(finding.suppression).toMatchObject({
      file: SUPPRESSIONS,
      pointer: '/suppressions/0',
      expires: '2099-12-31',
      ticket: 'SEC-1',
    });
    expect(finding.suppression!.reason).toContain('billing partner');
    expect(suppressed.report.summary.suppressed).toBe(1);
  });

  it('an expired entry stops suppressing and says so; a stale one is reported without failing', () => {
    expect(find(suppressed.report, 'mq/production-ha', 'notifications-prod').suppression).toBeUndefined();
    expect(suppressed.report.suppressions!.entries.map((e) => e.state)).toEqual(['active', 'expired', 'stale']);
    expect(suppressed.report.warnings!.map((w) => [w.code, w.place])).toEqual([
      ['suppression-expired', '/suppressions/1'],
      ['suppression-stale', '/suppressions/2'],
    ]);
  });

  it('suppressed findings do not fail the gate; the rest still do', () => {
    expect(suppressed.code).toBe(1);
    const gating = (report: ScanReport) =>
      report.results.filter((r) => r.status === 'fail' && ['critical', 'high'].includes(r.severity) && !r.suppression)
        .length;
    expect(gating(suppressed.report)).toBe(gating(plain) - 1);
    expect(suppressed.report.gate.reason).toMatch(
      new RegExp(
        `^Gate failed: ${gating(suppressed.report)} failing finding\\(s\\) at or above high .*; 1 suppressed did not count\\.$`,
      ),
    );
  });

  it('leaves suppressed findings out of SARIF and reports the expired entry as a notification', async () => {
    const output = join(work, 'suppressed.sarif');
    await runCli([
      'scan',
      '--inventory',
      DEMO,
      ...SELECT,
      '--suppressions',
      SUPPRESSIONS,
      '--output',
      output,
      '--quiet',
    ]);
    const log = parseSarif(readFileSync(output, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const run = log.runs[0];
    expect(
      run.results!.some(
        (r) => r.ruleId === 'mq/no-public-access' && String(r.properties!['aws/arn']).includes(':broker:billing-prod:'),
      ),
    ).toBe(false);
    expect(run.results).toHaveLength(plain.results.filter((r) => r.status === 'fail').length - 1);
    const codes = run
      .invocations![0].toolExecutionNotifications!.map((n) => n.properties?.code as unknown)
      .filter(Boolean);
    expect(codes).toEqual(expect.arrayContaining(['suppression-expired', 'suppression-stale', 'suppressed-findings']));
  });

  it('reads .mq-audit/suppressions.json from the working folder when no flag is given', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.mq-audit'), {recursive: true});
    copyFileSync(join(ROOT, SUPPRESSIONS), join(repo, '.mq-audit', 'suppressions.json'));
    const result = await runCli(['scan', '--inventory', join(ROOT, DEMO), ...SELECT, '--format', 'json'], {cwd: repo});
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.suppressions!.file).toBe('.mq-audit/suppressions.json');
    expect(find(report, 'mq/no-public-access', 'billing-prod').suppression).toBeDefined();
  });

  it.each([
    [
      'a missing reason',
      ['--suppressions', 'test/fixtures/suppressions/missing-reason.json'],
      /missing-reason\.json at \/suppressions\/0: missing required property "reason"/,
    ],
    [
      'an impossible date',
      ['--suppressions', 'test/fixtures/suppressions/bad-date.json'],
      /bad-date\.json at \/suppressions\/0\/expires: expected a valid date/,
    ],
    [
      'a misspelt field',
      ['--suppressions', 'test/fixtures/suppressions/unknown-field.json'],
      /unknown-field\.json at \/suppressions\/0: unknown property "expiry"/,
    ],
    [
      'malformed JSON',
      ['--suppressions', 'test/fixtures/suppressions/not-json.json'],
      /not-json\.json at line 3, column \d+: suppressions file is not valid JSON/,
    ],
    [
      'a named file that does not exist',
      ['--suppressions', 'test/fixtures/suppressions/nope.json'],
      /nope\.json: cannot read suppressions file: no such file/,
    ],
  ])('rejects %s: exit 2, file and place named, no stack', async (_name, args, message) => {
    const result = await runCli(['scan', '--inventory', DEMO, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe('');
  });
});

describe('baselines (--baseline)', () => {
  const HIGH = ['--fail-on', 'high'];
  let baselineFile: string;
  beforeAll(async () => {
    baselineFile = join(work, 'baseline.json');
    await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--policy',
      'mq/no-public-access',
      '--format',
      'json',
      '--output',
      baselineFile,
      '--quiet',
    ]);
  }, SEVERAL_RUNS);

  it('only findings new since the baseline fail the gate; each failing finding is marked', async () => {
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--policy',
      'mq/no-public-access',
      '--policy',
      'mq/production-ha',
      ...HIGH,
      '--baseline',
      baselineFile,
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as ScanReport;
    const failing = report.results.filter((r) => r.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const finding of failing)
      expect(finding.baseline).toBe(finding.policyId === 'mq/no-public-access' ? 'unchanged' : 'new');
    const fresh = failing.filter(
      (r) => r.policyId === 'mq/production-ha' && ['critical', 'high'].includes(r.severity),
    ).length;
    expect(fresh).toBeGreaterThan(0);
    expect(result.code).toBe(1);
    expect(report.gate.reason).toMatch(new RegExp(`^Gate failed: ${fresh} new failing finding\\(s\\)`));
    expect(report.baseline).toMatchObject({
      file: baselineFile,
      counts: {new: failing.length - report.baseline!.counts.unchanged, absent: 0},
    });
  });

  it('a scan equal to its baseline has nothing new: unchanged findings do not fail the gate', async () => {
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--policy',
      'mq/no-public-access',
      ...HIGH,
      '--baseline',
      baselineFile,
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.baseline!.counts.new).toBe(0);
    expect(report.baseline!.counts.unchanged).toBe(report.results.filter((r) => r.status === 'fail').length);
    // the demo estate has a broker whose details could not be read: incomplete, not failed
    expect(result.code).toBe(3);
    expect(report.gate.reason).toMatch(/unchanged since the baseline did not count/);
  });

  it('writes the comparison into the markdown summary', async () => {
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--policy',
      'mq/no-public-access',
      '--policy',
      'mq/production-ha',
      ...HIGH,
      '--baseline',
      baselineFile,
      '--format',
      'markdown',
    ]);
    expect(result.stdout).toMatch(/^## mq-audit: gate failed/);
    expect(result.stdout).toContain('### Against the baseline');
    expect(result.stdout).toMatch(/\*\*\d+ new\*\*, \d+ unchanged/);
  });

  it.each([
    ['a SARIF file', 'sarif', /is a SARIF log, not an mq-audit JSON report/],
    ['an inventory', 'inventory', /inventory\.json at \/kind: is an mq-audit inventory, not a report/],
    ['a file that does not exist', 'missing', /cannot read baseline report: no such file/],
  ])(
    'rejects %s as a baseline: exit 2 with what to do instead',
    async (_name, kind, message) => {
      let file = join(work, 'missing-baseline.json');
      if (kind === 'inventory') file = DEMO;
      if (kind === 'sarif') {
        file = join(work, 'as-baseline.sarif');
        await runCli(['scan', '--inventory', DEMO, '--output', file, '--quiet']);
      }

      const result = await runCli(['scan', '--inventory', DEMO, '--baseline', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_LINE);
    },
    SEVERAL_RUNS,
  );
});

describe('--redact', () => {
  const DEMO_ACCOUNTS = ['111122223333', '444455556666'];
  const alias = (accountId: string, key = 'mq-audit/account-alias/v1') =>
    `account-${createHmac('sha256', key).update(accountId).digest('hex').slice(0, 8)}`;
  /** 12-digit runs left once broker ids and fingerprints (hex, account-free) are taken out. */
  const twelveDigitRuns = (text: string) =>
    text
      .replace(/\bb-[0-9a-f-]{36}\b/g, 'b-ID')
      .replace(/\b[0-9a-f]{16}:1\b/g, 'FP')
      .match(/\d{12}/g) ?? [];

  it.each(['json', 'sarif', 'markdown', 'junit', 'table'])('%s: no account id is written', async (format) => {
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--redact',
      '--format',
      format,
      '--category',
      'mq-audit/111122223333',
    ]);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(twelveDigitRuns(result.stdout)).toEqual([]);
    for (const id of DEMO_ACCOUNTS) expect(result.stdout).not.toContain(id);
    expect(result.stdout).toContain(alias('111122223333'));
  });

  it(
    'aliases are keyed by MQ_AUDIT_REDACT_KEY, fingerprints are the same redacted or not',
    async () => {
      const plain = JSON.parse((await runCli(['scan', '--inventory', DEMO, '--format', 'json'])).stdout) as ScanReport;
      const keyed = JSON.parse(
        (
          await runCli(['scan', '--inventory', DEMO, '--format', 'json', '--redact'], {
            env: {MQ_AUDIT_REDACT_KEY: 'ci-secret'},
          })
        ).stdout,
      ) as ScanReport;
      expect(keyed.redaction).toMatchObject({accountAliases: 'keyed'});
      expect(new Set(keyed.inventory.scopes.map((s) => s.accountId))).toEqual(
        new Set(DEMO_ACCOUNTS.map((id) => alias(id, 'ci-secret'))),
      );
      expect(keyed.results.map((r) => r.fingerprint)).toEqual(plain.results.map((r) => r.fingerprint));
      expect(plain.redaction).toBeUndefined();
    },
    SEVERAL_RUNS,
  );

  it('the SARIF category is redacted too', async () => {
    const output = join(work, 'redacted.sarif');
    await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--redact',
      '--output',
      output,
      '--quiet',
      '--category',
      'mq-audit/111122223333/eu-west-1',
    ]);
    const log = parseSarif(readFileSync(output, 'utf8'));
    expect(log.runs[0].automationDetails!.id).toBe(`mq-audit/${alias('111122223333')}/eu-west-1/`);
    expect(githubProblems(log)).toEqual([]);
  });
});

describe('--format markdown and junit', () => {
  it(
    'infers the format from .md and .xml outputs',
    async () => {
      const md = join(work, 'summary.md');
      const xml = join(work, 'junit.xml');
      const mdRun = await runCli(['scan', '--inventory', DEMO, '--output', md, '--quiet']);
      const xmlRun = await runCli(['scan', '--inventory', DEMO, '--output', xml, '--quiet']);
      expect(mdRun.stderr).toContain(`Wrote markdown report to ${md}`);
      expect(xmlRun.stderr).toContain(`Wrote junit report to ${xml}`);
      expect(readFileSync(md, 'utf8')).toMatch(/^## mq-audit: gate failed ❌\n/);
      const root = parseXml(readFileSync(xml, 'utf8'));
      expect(root.name).toBe('testsuites');
      expect(findAll(root, 'failure').length).toBe(Number(root.attributes.failures));
      expect(Number(root.attributes.failures)).toBeGreaterThan(0);
    },
    SEVERAL_RUNS,
  );

  it('takes suppressions, baseline and redact defaults from the config file, relative to it', async () => {
    const folder = join(work, 'configured');
    mkdirSync(folder, {recursive: true});
    copyFileSync(join(ROOT, 'test/fixtures/suppressions/demo.json'), join(folder, 'accepted.json'));
    writeFileSync(
      join(folder, 'config.json'),
      JSON.stringify({defaults: {suppressions: 'accepted.json', redact: true, format: 'json'}}),
    );
    const result = await runCli(['scan', '--inventory', DEMO, '--config', join(folder, 'config.json')]);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.suppressions!.entries).toHaveLength(3);
    expect(report.redaction).toBeDefined();
    expect(result.stdout).not.toContain('111122223333');
  });
});
