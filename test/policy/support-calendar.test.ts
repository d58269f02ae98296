/** The engine support calendar as data: replaced with --support-calendar, and reported when it is stale (issue 19). */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ROOT, runCli, STACK_LINE} from '../helpers/cli';
import {BUILT_IN_CALENDAR, staleCalendarWarning} from '../../src/policy/support-calendar';
import type {JsonReport} from '../../src/report/json';

const DEMO = join(ROOT, 'fixtures', 'demo', 'inventory.json');

describe('the engine support calendar', () => {
  it('is stale past 180 days, and says how to give a current one', () => {
    const asOf = Date.parse(BUILT_IN_CALENDAR.asOf);
    expect(staleCalendarWarning(BUILT_IN_CALENDAR, new Date(asOf + 180 * 86_400_000), 'built in')).toBeUndefined();
    expect(staleCalendarWarning(BUILT_IN_CALENDAR, new Date(asOf + 200 * 86_400_000), 'built in')).toBe(
      `the engine support calendar (built in) is dated ${BUILT_IN_CALENDAR.asOf}, 200 days ago: ends of support announced since are not known to it, so a version may be called supported after its end; give a current one with --support-calendar FILE`,
    );
  });

  it('--support-calendar replaces the built-in one: a version the file ends is end-of-support, and an old file is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-audit-calendar-'));
    const calendar = {
      asOf: '2020-01-01',
      sources: ['test'],
      engines: {
        ACTIVEMQ: [{version: '5.18', endOfSupport: '2021-01-01'}],
        RABBITMQ: [{version: '3.13', endOfSupport: null}],
      },
    };
    const file = join(dir, 'calendar.json');
    writeFileSync(file, JSON.stringify(calendar));
    const output = join(dir, 'report.json');
    const result = await runCli([
      'scan',
      '--inventory',
      DEMO,
      '--support-calendar',
      file,
      '--policy',
      'mq/supported-engine-version',
      '--format',
      'json',
      '--output',
      output,
      '--quiet',
    ]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    const report = JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
    const orders = report.results.find((r) => r.resource.name === 'orders-prod')!;
    expect(orders.status).toBe('fail');
    expect(report.warnings?.map((w) => w.code)).toContain('stale-support-calendar');

    writeFileSync(file, JSON.stringify({...calendar, engines: {ACTIVEMQ: [{version: '5.18', endOfSupport: 'soon'}]}}));
    const bad = await runCli(['scan', '--inventory', DEMO, '--support-calendar', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/engines/ACTIVEMQ/0/endOfSupport');
  });
});
