/**
 * The default table on the 12-broker account (fixtures/estate12) through the built CLI: verdict and counts first,
 * one line per finding fitted to the width, findings grouped across brokers, checks not evaluated for one cause
 * on one line, display filters that never touch the gate, --quiet, --verbose. Golden files in ./golden
 * (UPDATE_GOLDEN=1 rewrites them; read the diff before committing it).
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import {runCli} from '../helpers/cli';
import {DC, ESTATE12} from './estate';

jest.setTimeout(60_000);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const scan = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'table', ...args], {env: {COLUMNS: '100', ...env}});
const lines = (text: string) => text.trimEnd().split('\n');
const flat = (text: string) => text.replace(/\s+/g, ' ');

function golden(name: string, text: string): void {
  const file = join(__dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('the default table on the 12-broker account', () => {
  it.each([80, 100, 160])(
    'at %i columns: every line fits, the verdict comes first and last (golden)',
    async (columns) => {
      const result = await scan([], {COLUMNS: String(columns)});
      expect(result.code).toBe(1);
      for (const line of lines(result.stdout)) expect(line.length).toBeLessThanOrEqual(columns);
      expect(lines(result.stdout).find((line) => /^[A-Z]+: /.test(line))).toMatch(/^FAILED: 38 failing finding/);
      expect(flat(lines(result.stdout).slice(-3).join(' '))).toMatch(/Exit code 1 \(fail-on low\)\.$/);
      golden(`table-${columns}.txt`, result.stdout);
    },
  );

  it.each([80, 100, 160])(
    'fits in 60 lines at %i columns (312 lines before; 75 at 80 columns before the narrow layout)',
    async (columns) => {
      const result = await scan([], {COLUMNS: String(columns)});
      expect(lines(result.stdout).length).toBeLessThanOrEqual(60);
    },
  );

  it.each([80, 160])(
    'with colour at %i columns (golden): every line fits once the colour codes are taken out',
    async (columns) => {
      const [plain, coloured] = await Promise.all([
        scan([], {COLUMNS: String(columns)}),
        scan([], {COLUMNS: String(columns), NO_COLOR: '', FORCE_COLOR: '1'}),
      ]);
      expect(coloured.stdout).toMatch(ANSI);
      expect(coloured.stdout.replace(ANSI, '')).toBe(plain.stdout);
      for (const line of lines(coloured.stdout.replace(ANSI, ''))) expect(line.length).toBeLessThanOrEqual(columns);
      golden(`table-${columns}-colour.txt`, coloured.stdout);
    },
  );

  it("at 80 columns: the narrow layout keeps every word — each cause after its own policy id, a group's brokers in its paragraph", async () => {
    const [narrow, wide] = await Promise.all([scan([], {COLUMNS: '80'}), scan([], {COLUMNS: '160'})]);
    const words = (text: string) =>
      text
        .replace(/\s—\son\sthe\ssame\s8\sbrokers\sas\sabove/, '')
        .replace(/\s—\s/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
        .sort();
    const body = (text: string) => text.split('\n\n').slice(1, -2).join('\n\n');
    // The wide layout lists the 8 brokers of mq/ldap-authentication again; the narrow one refers to the row above.
    const wideWords = words(body(wide.stdout));
    const eight =
      'on analytics-dev, billing-prod, nacl-prod, orders-prod, reporting-prod, reports-test, sandbox-dev, search-prod'.split(
        ' ',
      );
    for (const word of eight) wideWords.splice(wideWords.lastIndexOf(word), 1);
    expect(words(body(narrow.stdout))).toEqual(wideWords);
    expect(narrow.stdout).toMatch(
      /^high {3}billing-prod {4}mq\/production-ha {2}deploymentMode is "SINGLE_INSTANCE",$/m,
    );
    expect(flat(narrow.stdout)).toContain('your directory — on the same 8 brokers as above');
    expect(narrow.stdout).toMatch(
      /^FAILED: 38 failing finding\(s\) at or above low \(4 high, 5 medium, 29 low\)\.\nExit code 1 \(fail-on low\) · 12 brokers:/m,
    );
  });

  it('with colour: the same text once the colour codes are taken out', async () => {
    const [plain, coloured] = await Promise.all([scan(), scan([], {NO_COLOR: '', FORCE_COLOR: '1'})]);
    expect(coloured.stdout).toMatch(ANSI);
    expect(coloured.stdout.replace(ANSI, '')).toBe(plain.stdout);
  });

  it('one line per finding: no broker, policy id or title restated in the reason; groups across brokers', async () => {
    const {stdout} = await scan();
    expect(stdout).not.toMatch(/Broker \S+ fails/);
    expect(stdout).not.toContain('Production brokers are reachable from every on-premises network');
    expect(stdout).toMatch(/^low {4}8 brokers {7}mq\/ldap-authentication {2}authenticationStrategy is SIMPLE,/m);
    expect(flat(stdout)).toContain(
      'on analytics-dev, billing-prod, nacl-prod, orders-prod, reporting-prod, reports-test, sandbox-dev, search-prod',
    );
    // The true cause of nacl-prod, whole.
    expect(flat(stdout)).toContain(
      '61617 and 8162 are admitted by sg-0ac15a6b7c8d9e0f1 (rules sgr-005ac15a6b7c8d9e0, sgr-006ac15a6b7c8d9e0) but denied by acl-0ac11a2b3c4d5e6f7 rules 50 and 60',
    );
  });

  it('the eleven checks DescribeBroker could not feed are one line', async () => {
    const {stdout} = await scan();
    const errors = lines(stdout).filter((line) => line.startsWith('error '));
    expect(errors).toEqual([
      'error  ledger-prod     11 checks  not evaluated: mq:DescribeBroker denied (AccessDeniedException)',
    ]);
    expect(flat(stdout)).toContain('not evaluated: mq:DescribeBroker denied (AccessDeniedException)');
  });

  it('display filters change what is shown, never the gate', async () => {
    const high = await scan(['--severity', 'high']);
    expect(high.code).toBe(1);
    const rows = lines(high.stdout).filter((line) => /^(critical|high|medium|low|error) /.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'high sandbox-dev',
      'high nacl-prod',
      'high reporting-prod',
      'high billing-prod',
      'error ledger-prod',
    ]);
    expect(high.stdout).toContain('Showing 48 results of 144 (display filter; the gate counts every result).');
    expect(lines(high.stdout)[1]).toMatch(/^FAILED: 38 failing finding\(s\) at or above low/);

    const nacl = await scan(['--broker', 'nacl-*', '--status', 'fail']);
    expect(nacl.code).toBe(1);
    const naclRows = lines(nacl.stdout).filter((line) => /^(critical|high|medium|low|error) /.test(line));
    expect(naclRows.map((row) => row.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'high nacl-prod mq/private-connectivity',
      'medium nacl-prod mq/private-connectivity-redundant',
      'low nacl-prod mq/encryption-customer-managed-key',
      'low nacl-prod mq/ldap-authentication',
      'low nacl-prod mq/required-tags',
    ]);

    const passing = await scan(['--status', 'pass', '--broker', 'events-prod']);
    expect(lines(passing.stdout).filter((line) => line.startsWith('pass '))).toHaveLength(8);
  });

  it('--quiet prints no table, with or without --output; the exit code still gates', async () => {
    const quiet = await scan(['--quiet']);
    expect([quiet.code, quiet.stdout]).toEqual([1, '']);
  });

  it('--verbose gives the detail: every message under its broker', async () => {
    const {stdout, code} = await scan(['--verbose']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}nacl-prod {2}210987654321 \/ eu-west-1 {2}ACTIVEMQ/m);
    expect(flat(stdout)).toContain(
      'Broker nacl-prod fails mq/private-connectivity (Production brokers are reachable from every on-premises network over private connectivity)',
    );
    expect(stdout.split('\n').length).toBeGreaterThan(250);
  });
});
