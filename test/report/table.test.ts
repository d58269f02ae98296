import type {Evaluation} from '../../src/policy/types';
import {renderTable} from '../../src/report/table';
import {assembleReport, BROKERS, buildReport, reportedPolicies, shuffledReport} from '../helpers/report-fixture';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function lines(text: string): string[] {
  return text.split('\n');
}

/** Wrapped text joined back into single spaces, for matching sentences regardless of where they wrap. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The line that starts the block of the named broker (its header). */
function headerIndex(text: string, brokerName: string): number {
  return lines(text).findIndex((line) => /^(FAIL|ERROR|PASS|N\/A) /.test(line) && line.includes(` ${brokerName} `));
}

describe('renderTable --verbose: every message under its broker (the detail of the earlier table)', () => {
  const report = buildReport();
  const table = renderTable(report, {verbose: true});

  it('lists every broker with its account, region and engine', () => {
    for (const broker of Object.values(BROKERS)) {
      const index = headerIndex(table, broker.name);
      expect(index).toBeGreaterThanOrEqual(0);
      const header = lines(table)[index];
      expect(header).toContain(`${broker.accountId} / ${broker.region}`);
      expect(header).toContain(broker.engineType);
    }
  });

  it('puts failing brokers first, the most severe first, then not fully evaluated ones, then passing ones', () => {
    const order = ['orders-prod', 'billing-events', 'legacy~batch.01', 'payments-dr', 'inventory-sync'].map((name) =>
      headerIndex(table, name),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines(table)[order[0]]).toMatch(/^FAIL /);
    expect(lines(table)[order[3]]).toMatch(/^ERROR /);
    expect(lines(table)[order[4]]).toMatch(/^PASS /);
  });

  it('shows each failing policy with its severity, id and reason under its broker', () => {
    const block = flat(
      lines(table).slice(headerIndex(table, 'orders-prod'), headerIndex(table, 'billing-events')).join('\n'),
    );
    expect(block).toMatch(
      /critical +mq\/no-public-access +Broker orders-prod is publicly accessible from the internet\./,
    );
    expect(block).toMatch(/medium +mq\/audit-logs +Broker orders-prod does not stream audit logs to CloudWatch\./);
    // most severe first within the broker
    expect(block.indexOf('mq/no-public-access')).toBeLessThan(block.indexOf('mq/audit-logs'));
    // passing policies are counted, not listed
    expect(block).not.toContain('mq/production-ha');
    expect(block).toContain('2 failing, 3 passing');
  });

  it('shows error results as "could not evaluate" with the reason', () => {
    const block = flat(
      lines(table).slice(headerIndex(table, 'payments-dr'), headerIndex(table, 'inventory-sync')).join('\n'),
    );
    expect(block).toMatch(
      /error +mq\/no-public-access +could not evaluate: Broker payments-dr: its details could not be read \(DescribeBroker failed\), so \/details is missing\./,
    );
  });

  it('gives a passing broker one compact line', () => {
    const line = lines(table)[headerIndex(table, 'inventory-sync')];
    expect(line).toMatch(
      /^PASS +inventory-sync +111122223333 \/ us-east-1 +ACTIVEMQ +\(all 5 passing, 1 not applicable\)$/,
    );
    expect(lines(table)[headerIndex(table, 'inventory-sync') + 1]).not.toMatch(/^ {6}/);
  });

  it('lists what could not be read: service, operation, account, region, code and kind', () => {
    expect(table).toContain('Could not read (2):');
    expect(table).toMatch(/ec2 DescribeRouteTables +111122223333 \/ us-east-1 +RequestLimitExceeded \(throttled\)/);
    expect(table).toMatch(/mq DescribeBroker +444455556666 \/ eu-west-1 +AccessDeniedException \(access-denied\)/);
    expect(flat(table)).toContain(
      `${BROKERS.paymentsDr.id}: User: arn:aws:sts::444455556666:assumed-role/mq-audit/ci is not authorized`,
    );
  });

  it('ends with the summary and the gate line', () => {
    expect(table).toMatch(/Brokers +5: 3 failing, 1 not fully evaluated, 1 passing/);
    expect(table).toMatch(/Results +14 pass, 6 fail, 5 not applicable, 4 error/);
    expect(table).toMatch(/Failing +1 critical, 2 high, 1 medium, 2 low/);
    expect(table).toMatch(/Not read +2 collection errors/);
    const last = lines(table.trimEnd()).at(-1);
    expect(last).toBe(`Gate: ${report.gate.reason} (fail-on high, exit code 1)`);
  });

  it('keeps lines within 100 columns', () => {
    for (const line of lines(table)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('wraps a long reason under its own column', () => {
    const index = lines(table).findIndex((line) => line.includes('Broker billing-events is tagged env=prod'));
    const column = lines(table)[index].indexOf('Broker billing-events');
    const next = lines(table)[index + 1];
    expect(next.slice(0, column).trim()).toBe('');
    expect(next.slice(column)).toMatch(/^\S/);
  });

  it('has no ANSI escape codes unless colour is asked for', () => {
    expect(table).not.toMatch(ANSI);
    expect(renderTable(report, {color: false, verbose: true})).not.toMatch(ANSI);
  });

  it('colours when asked, even when stdout is not a terminal, and the text is otherwise the same', () => {
    const coloured = renderTable(report, {color: true, verbose: true});
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(table);
  });

  it('does not depend on the order of the report arrays', () => {
    expect(renderTable(shuffledReport(report, 4), {verbose: true})).toBe(table);
  });

  it('says so when there are no brokers, and still shows the gate', () => {
    const empty = renderTable(assembleReport(reportedPolicies(), [], []), {verbose: true});
    expect(empty).toContain('No brokers were evaluated.');
    expect(empty).not.toContain('Could not read');
    expect(empty).toMatch(/Failing +none/);
    expect(empty).toMatch(/^Gate: No failing results at or above severity high\. \(fail-on high, exit code 0\)$/m);
  });

  it('puts the reason on its own line when the policy id is very long', () => {
    const longId = `mq/${'very-long-policy-identifier-'.repeat(3)}x`;
    const ev: Evaluation = {
      policyId: longId,
      status: 'fail',
      severity: 'high',
      resource: BROKERS.ordersProd,
      message: 'Broker orders-prod fails the long one.',
    };
    const text = renderTable(assembleReport(reportedPolicies(), [ev], []), {verbose: true});
    const index = lines(text).findIndex((line) => line.includes(longId));
    expect(lines(text)[index].trimEnd().endsWith(longId)).toBe(true);
    expect(lines(text)[index + 1]).toBe('        Broker orders-prod fails the long one.');
  });
});
