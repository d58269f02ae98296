import {readFileSync} from 'node:fs';

import {isInputError, isInputErrors} from '../../src/foundation/errors';
import {type Baseline, compareWithBaseline, loadBaseline, parseBaseline} from '../../src/policy/baseline';
import {decideGate} from '../../src/policy/gate';
import {applySuppressions} from '../../src/policy/suppressions';
import type {Evaluation} from '../../src/policy/types';
import {renderJson} from '../../src/report/json';
import {accountAlias, createRedactor, redactReport} from '../../src/report/redact';
import {BROKERS, buildReport, evaluations, PROD_ACCOUNT, STAGING_ACCOUNT} from '../helpers/report-fixture';

const EARLIER = 'test/fixtures/baseline/earlier-report.json';
const ACCOUNTS = [PROD_ACCOUNT, STAGING_ACCOUNT];

function messagesOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (isInputErrors(error)) return error.errors.map((e) => e.message);
    if (isInputError(error)) return [error.message];
    throw error;
  }

  throw new Error('expected an input error');
}

function key(ev: {policyId: string; resource: {name: string}}): string {
  return `${ev.policyId} ${ev.resource.name}`;
}

function statesOf(results: (Evaluation & {baseline?: string})[]): Record<string, string> {
  return Object.fromEntries(results.filter((ev) => ev.baseline).map((ev) => [key(ev), ev.baseline!]));
}

describe('loading a baseline', () => {
  it('keeps the failing findings of an earlier JSON report, with recomputed fingerprints', () => {
    const baseline = loadBaseline(EARLIER);
    expect(baseline.file).toBe(EARLIER);
    expect(baseline.generatedAt).toBe('2026-11-01T08:00:00.000Z');
    expect(baseline.findings.map((f) => `${f.policyId} ${f.name}`)).toEqual([
      'mq/no-public-access orders-prod',
      'mq/production-ha billing-events',
      'mq/required-tags legacy~batch.01',
      'mq/audit-logs inventory-sync',
      'mq/no-public-access payments-dr',
      'mq/no-public-access old-broker',
    ]);
    // the stored (stale) fingerprint is ignored: matching recomputes it
    expect(baseline.findings[0].fingerprint).not.toBe('stale-value-from-an-older-version:1');
    expect(baseline.findings[0].fingerprint).toMatch(/^[0-9a-f]{16}:1$/);
    expect(baseline.accounts).toEqual(ACCOUNTS);
  });

  it.each([
    [
      'sarif-log.json',
      /sarif-log\.json: is a SARIF log, not an mq-audit JSON report; --baseline needs the JSON report: write one with `mq-audit scan --format json --output FILE`/,
    ],
    ['inventory.json', /inventory\.json at \/kind: is an mq-audit inventory, not a report/],
    [
      'newer-report.json',
      /newer-report\.json at \/reportVersion: was written by a newer mq-audit \(report version 4\); this one reads versions 1 to 3/,
    ],
    ['array.json', /array\.json: is not an mq-audit JSON report \(expected an object\)/],
    [
      'bad-result.json',
      /bad-result\.json at \/results\/0\/status: expected one of "pass", "fail", "not_applicable", "error" \(in the baseline report\)/,
    ],
    [
      'bad-result.json',
      /bad-result\.json at \/results\/1\/resource: missing required property "arn" \(in the baseline report\)/,
    ],
    ['does-not-exist.json', /does-not-exist\.json: cannot read baseline report: no such file/],
  ])('rejects %s with a clear message', (file, message) => {
    expect(messagesOf(() => loadBaseline(`test/fixtures/baseline/${file}`)).join('\n')).toMatch(message);
  });

  it('rejects another kind of document naming what it found', () => {
    expect(messagesOf(() => parseBaseline({kind: 'something/else'}, 'x.json'))).toEqual([
      'x.json at /kind: is not an mq-audit JSON report: "kind" is "something/else", expected "mq-audit/report"; write one with `mq-audit scan --format json --output FILE`',
    ]);
  });

  it('accepts what `scan --format json` writes, redacted or not', () => {
    const report = buildReport();
    expect(parseBaseline(JSON.parse(renderJson(report)), 'plain.json').findings).toHaveLength(6);
    const redacted = parseBaseline(JSON.parse(renderJson(redactReport(report, createRedactor('k')))), 'redacted.json');
    expect(redacted.findings).toHaveLength(6);
    expect(redacted.accounts).toEqual([accountAlias(PROD_ACCOUNT, 'k'), accountAlias(STAGING_ACCOUNT, 'k')].sort());
  });
});

describe('compareWithBaseline', () => {
  const baseline = loadBaseline(EARLIER);
  const outcome = compareWithBaseline(evaluations(), baseline, {accounts: ACCOUNTS});

  it('marks each failing finding new or unchanged, and nothing else', () => {
    expect(statesOf(outcome.results)).toEqual({
      'mq/no-public-access orders-prod': 'unchanged',
      'mq/audit-logs orders-prod': 'new',
      'mq/production-ha billing-events': 'unchanged',
      'mq/rabbitmq-cluster-mode billing-events': 'new',
      // an error in the baseline is not a failure: failing now is new
      'mq/supported-engine-version legacy~batch.01': 'new',
      // suppressed in the baseline, but it was failing: unchanged
      'mq/required-tags legacy~batch.01': 'unchanged',
    });
    expect(outcome.results.filter((ev) => ev.status !== 'fail').every((ev) => !('baseline' in ev))).toBe(true);
  });

  it('lists the findings failing then but not now, with what they are now', () => {
    expect(outcome.absent.map((f) => [f.policyId, f.name, f.now])).toEqual([
      ['mq/audit-logs', 'inventory-sync', 'pass'],
      ['mq/no-public-access', 'payments-dr', 'error'],
      ['mq/no-public-access', 'old-broker', 'missing'],
    ]);
    expect(outcome.counts).toEqual({new: 3, unchanged: 3, absent: 3, fixed: 1});
  });

  it('matches whatever the order of either side', () => {
    const reversed = compareWithBaseline(
      [...evaluations()].reverse(),
      {...baseline, findings: [...baseline.findings].reverse()},
      {accounts: ACCOUNTS},
    );
    expect(statesOf(reversed.results)).toEqual(statesOf(outcome.results));
    expect(reversed.counts).toEqual(outcome.counts);
  });

  it('matches when the current scan is redacted and the baseline is not, and the other way round', () => {
    const redactor = createRedactor('secret');
    const redacted = redactReport(buildReport(), redactor);
    const current = compareWithBaseline(redacted.results, baseline, {
      accounts: redacted.inventory.scopes.map((s) => s.accountId),
    });
    expect(current.counts).toEqual(outcome.counts);
    const redactedBaseline = parseBaseline(JSON.parse(renderJson(redactReport(buildReport(), redactor))), 'b.json');
    expect(
      compareWithBaseline(evaluations(), redactedBaseline, {accounts: ACCOUNTS, aliasOf: redactor.aliasOf}).counts,
    ).toEqual({new: 0, unchanged: 6, absent: 0, fixed: 0});
  });

  it('warns when the baseline covers none of the accounts scanned, and not when aliases match', () => {
    expect(outcome.warnings).toEqual([]);
    const elsewhere: Baseline = {...baseline, accounts: ['999988887777']};
    const warned = compareWithBaseline(evaluations(), elsewhere, {accounts: ACCOUNTS});
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0]).toMatchObject({code: 'baseline-disjoint', source: EARLIER});
    expect(warned.warnings[0].message).toMatch(
      /covers none of this scan's accounts \(it has 999988887777\), so every failing finding counts as new/,
    );
    const aliased: Baseline = {...baseline, accounts: [accountAlias(PROD_ACCOUNT, 'k')]};
    expect(
      compareWithBaseline(evaluations(), aliased, {accounts: ACCOUNTS, aliasOf: (id) => accountAlias(id, 'k')})
        .warnings,
    ).toEqual([]);
  });

  it('an unchanged finding does not fail the gate, a new one does, and the reason says new', () => {
    const onlyUnchanged = outcome.results.filter((ev) => ev.status !== 'fail' || ev.baseline === 'unchanged');
    const passed = decideGate(onlyUnchanged, 0, 'low', {baseline: true});
    // payments-dr has errors: incomplete, but nothing new failed
    expect(passed.exitCode).toBe(3);
    expect(passed.reason).toBe(
      'Scan incomplete: 4 check(s) could not be evaluated; nothing evaluated failed the gate (--fail-on low) (3 unchanged since the baseline did not count).',
    );
    const failed = decideGate(outcome.results, 0, 'low', {baseline: true});
    expect(failed.exitCode).toBe(1);
    expect(failed.reason).toBe(
      'Gate failed: 3 new failing finding(s) at or above low (1 high, 1 medium, 1 low); 3 unchanged since the baseline did not count.',
    );
    expect(decideGate(outcome.results, 0, 'high', {baseline: true}).reason).toBe(
      'Gate failed: 1 new failing finding(s) at or above high (1 high); 2 unchanged since the baseline did not count.',
    );
  });

  it('suppressions and the baseline combine: suppressed findings keep their baseline mark, neither gates', () => {
    const suppressed = applySuppressions(
      evaluations(),
      {
        file: 's.json',
        entries: [{policy: 'mq/*', resource: {name: 'legacy~batch.01'}, reason: 'going away', expires: '2099-01-01'}],
      },
      {today: '2026-11-25', scopes: []},
    );
    const both = compareWithBaseline(suppressed.results, baseline, {accounts: ACCOUNTS});
    const legacy = both.results.filter((ev) => ev.resource.arn === BROKERS.legacyBatch.arn && ev.status === 'fail');
    expect(legacy.map((ev) => [ev.policyId, ev.baseline, Boolean(ev.suppression)])).toEqual([
      ['mq/supported-engine-version', 'new', true],
      ['mq/required-tags', 'unchanged', true],
    ]);
    expect(decideGate(both.results, 0, 'low', {baseline: true}).reason).toBe(
      'Gate failed: 2 new failing finding(s) at or above low (1 medium, 1 low); 2 suppressed and 2 unchanged since the baseline did not count.',
    );
  });

  it('reads the fixture as plain JSON, so the test does not depend on the code under test to write it', () => {
    const raw = JSON.parse(readFileSync(EARLIER, 'utf8')) as {results: {status: string}[]};
    expect(raw.results.filter((r) => r.status === 'fail')).toHaveLength(baseline.findings.length);
  });
});
