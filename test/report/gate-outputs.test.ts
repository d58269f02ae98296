/**
 * Suppressions and baselines as every format shows them: the table and JSON list suppressed findings with reason
 * and expiry and mark new/unchanged; SARIF leaves suppressed findings out (GitHub ignores SARIF suppressions) and
 * reports expired and stale entries as notifications, with no baselineState anywhere.
 */
import type {Log} from 'sarif';

import {loadBaseline} from '../../src/policy/baseline';
import {decideGate} from '../../src/policy/gate';
import {judgeFindings} from '../../src/report/build';
import {renderJson} from '../../src/report/json';
import {renderSarif} from '../../src/report/sarif';
import {renderTable} from '../../src/report/table';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {BROKERS, buildReport} from '../helpers/report-fixture';
import {parseSarif, validateSarif} from '../helpers/sarif';

function judged(withBaseline: boolean): ScanReport {
  const report = buildReport();
  const {results, sections} = judgeFindings(
    report.results,
    {
      generatedAt: report.generatedAt,
      suppressions: {
        file: '.mq-audit/suppressions.json',
        entries: [
          {
            policy: 'mq/no-public-access',
            resource: {name: 'orders-prod'},
            reason: 'Partner access, approved by security.',
            expires: '2026-12-31',
            ticket: 'SEC-1',
          },
          {
            policy: 'mq/production-ha',
            resource: {name: 'billing-events'},
            reason: 'Was accepted until the migration.',
            expires: '2026-01-01',
          },
          {policy: 'mq/production-ha', resource: {name: 'no-such-broker'}, reason: 'A typo.', expires: '2026-12-31'},
        ],
      },
      ...(withBaseline ? {baseline: loadBaseline('test/fixtures/baseline/earlier-report.json')} : {}),
    },
    report.inventory.scopes,
  );
  const gate = decideGate(results, report.collectionErrors.length, report.gate.failOn, {baseline: withBaseline});
  return {
    ...report,
    results,
    ...sections,
    summary: {...report.summary, suppressed: 1},
    gate: {failOn: report.gate.failOn, ...gate},
  };
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('SARIF with suppressions', () => {
  const report = judged(false);
  const log: Log = parseSarif(renderSarif(report, {}));
  const run = log.runs[0];

  it('leaves the suppressed finding out and keeps every other failure', () => {
    const keys = run.results!.map((r) => `${r.ruleId} ${r.properties!['aws/arn']}`);
    expect(keys).not.toContain(`mq/no-public-access ${BROKERS.ordersProd.arn}`);
    expect(keys).toHaveLength(report.results.filter((ev) => ev.status === 'fail').length - 1);
    // the expired entry suppresses nothing: its finding is an open alert again
    expect(keys).toContain(`mq/production-ha ${BROKERS.billingEvents.arn}`);
  });

  it('emits no suppressions and no baselineState, and stays valid and ingestible', () => {
    const text = renderSarif(judged(true), {});
    expect(text).not.toContain('"suppressions"');
    expect(text).not.toContain('"baselineState"');
    const withBaseline = parseSarif(text);
    expect(validateSarif(withBaseline)).toEqual([]);
    expect(githubProblems(withBaseline)).toEqual([]);
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
  });

  it('keeps unchanged findings under a baseline: GitHub computes new and fixed itself, a missing result would close its alert', () => {
    expect(parseSarif(renderSarif(judged(true), {})).runs[0].results).toHaveLength(run.results!.length);
  });

  it('reports expired and stale entries and the number left out as tool notifications', () => {
    const notifications = run.invocations![0].toolExecutionNotifications!;
    const byCode = (code: string) => notifications.filter((n) => n.properties?.code === code);
    expect(byCode('suppression-expired').map((n) => [n.level, n.properties!.place as unknown])).toEqual([
      ['warning', '/suppressions/1'],
    ]);
    expect(byCode('suppression-expired')[0].message.text).toMatch(/expired on 2026-01-01: it no longer suppresses/);
    expect(byCode('suppression-stale').map((n) => [n.level, n.properties!.place as unknown])).toEqual([
      ['note', '/suppressions/2'],
    ]);
    expect(byCode('suppressed-findings').map((n) => [n.level, n.properties!.suppressed as unknown])).toEqual([
      ['note', 1],
    ]);
  });
});

describe('table (--verbose) with suppressions and a baseline', () => {
  const table = renderTable(judged(true), {verbose: true});

  it('lists the suppressed finding under its broker with expiry and reason', () => {
    expect(flat(table)).toContain(
      'critical mq/no-public-access [suppressed until 2026-12-31] [unchanged] Broker orders-prod is publicly accessible from the internet. Accepted because: Partner access, approved by security. (SEC-1)',
    );
    expect(table).toMatch(/^FAIL {2}orders-prod .*\(1 failing, 1 suppressed, 3 passing\)$/m);
  });

  it('marks failing findings new or unchanged', () => {
    expect(flat(table)).toContain('mq/supported-engine-version [new] Broker legacy~batch.01 runs ActiveMQ 5.15.16');
    expect(flat(table)).toContain('mq/production-ha [unchanged] Broker billing-events is tagged env=prod');
  });

  it('says what changed against the baseline and lists warnings', () => {
    expect(flat(table)).toContain(
      'Against the baseline test/fixtures/baseline/earlier-report.json (2026-11-01T08:00:00.000Z): 3 new, 3 unchanged, 3 no longer failing (1 fixed):',
    );
    expect(table).toMatch(/^ {2}fixed {10}mq\/audit-logs {2}inventory-sync {2}111122223333 \/ us-east-1$/m);
    expect(table).toMatch(/^ {2}not in scan {4}mq\/no-public-access {2}old-broker/m);
    expect(table).toContain('Warnings (2):');
    expect(flat(table)).toContain(
      'Suppression /suppressions/1 in .mq-audit/suppressions.json (policy mq/production-ha, name billing-events) expired on 2026-01-01',
    );
  });

  it('shows the suppressed count in the summary and the gate reason naming what did not count', () => {
    expect(table).toContain('Failing      1 critical, 2 high, 1 medium, 2 low (1 of them suppressed)');
    expect(flat(table)).toContain(
      'Gate: Gate failed: 1 new failing finding(s) at or above high (1 high); 1 suppressed and 1 unchanged since the baseline did not count.',
    );
  });

  it('shows a broker whose only failure is suppressed apart from failing ones', () => {
    const report = judged(false);
    const onlySuppressed = {
      ...report,
      results: report.results.filter(
        (ev) => !(ev.resource.arn === BROKERS.ordersProd.arn && ev.policyId === 'mq/audit-logs'),
      ),
    };
    expect(renderTable(onlySuppressed, {verbose: true})).toMatch(/^SUPPR orders-prod .*\(1 suppressed, 3 passing\)$/m);
  });
});

describe('table (default) with suppressions and a baseline', () => {
  const table = renderTable(judged(true), {});

  it('one line per finding: the suppressed one with expiry and reason, new and unchanged marked', () => {
    expect(flat(table)).toContain(
      'critical orders-prod mq/no-public-access [suppressed until 2026-12-31: Partner access, approved by security. (SEC-1)] [unchanged]',
    );
    expect(flat(table)).toMatch(/mq\/supported-engine-version +\[new\] /);
    expect(flat(table)).toMatch(/mq\/production-ha +\[unchanged\] /);
    expect(flat(table)).toContain('(1 suppressed)');
    expect(flat(table)).toContain(
      'FAILED: 1 new failing finding(s) at or above high (1 high); 1 suppressed and 1 unchanged since the baseline did not count.',
    );
    expect(flat(table)).toContain('Against the baseline test/fixtures/baseline/earlier-report.json');
  });
});

describe('JSON with suppressions and a baseline', () => {
  const json = JSON.parse(renderJson(judged(true))) as ScanReport;

  it('carries fingerprint, suppression and baseline state on the results', () => {
    const orders = json.results.find(
      (ev) => ev.policyId === 'mq/no-public-access' && ev.resource.arn === BROKERS.ordersProd.arn,
    )!;
    expect(orders.status).toBe('fail');
    expect(orders.fingerprint).toMatch(/^[0-9a-f]{16}:1$/);
    expect(orders.suppression).toEqual({
      file: '.mq-audit/suppressions.json',
      pointer: '/suppressions/0',
      reason: 'Partner access, approved by security.',
      expires: '2026-12-31',
      ticket: 'SEC-1',
    });
    expect(orders.baseline).toBe('unchanged');
    expect(json.results.every((ev) => typeof ev.fingerprint === 'string')).toBe(true);
  });

  it('lists every suppression entry with its state, the baseline comparison and the warnings', () => {
    expect(json.suppressions!.entries.map((e) => [e.pointer, e.state, e.matched])).toEqual([
      ['/suppressions/0', 'active', 1],
      ['/suppressions/1', 'expired', 1],
      ['/suppressions/2', 'stale', 0],
    ]);
    expect(json.baseline!.counts).toEqual({new: 3, unchanged: 3, absent: 3, fixed: 1});
    expect(json.baseline!.absent.map((f) => f.now)).toEqual(['pass', 'error', 'missing']);
    expect(json.warnings!.map((w) => w.code)).toEqual(['suppression-expired', 'suppression-stale']);
  });
});
