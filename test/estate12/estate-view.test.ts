/** `paths` with no broker: the estate's connectivity, one line per broker and network, worst first. */
import type {EstatePathsReport} from '../../src/services/estate-paths';
import {runCli} from '../helpers/cli';
import {DC, ESTATE12} from './estate';

jest.setTimeout(30_000);

describe('paths with no broker: the estate at a glance', () => {
  it('text: one line per broker and network, worst first, the first break named; exit 1', async () => {
    const {stdout, code} = await runCli(['paths', '--inventory', ESTATE12, ...DC]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines.slice(0, 2)).toEqual([
      'Connectivity of 12 broker/network pairs: 2 unreachable, 1 unknown, 9 reachable',
      'fixture inventory of 2026-12-01T09:00:00.000Z; on-premises 10.200.0.0/16',
    ]);
    const rows = lines.filter((line) => /^(UNREACHABLE|UNKNOWN|DEGRADED|REACHABLE|NOT-COLLECTED) /.test(line));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(
      /^UNREACHABLE +nacl-prod +10\.200\.0\.0\/16 +0\/0 +network ACL blocks at acl-0ac11a2b3c4d5e6f7/,
    );
    expect(rows[1]).toMatch(
      /^UNREACHABLE +reporting-prod +10\.200\.0\.0\/16 +0\/0 +no route \(return\) at rtb-0de900000000a0006/,
    );
    expect(rows[2]).toMatch(/^UNKNOWN +ledger-prod /);
    expect(rows[3]).toMatch(/^REACHABLE +analytics-dev +10\.200\.0\.0\/16 +2\/2 +- +2 l/);
    const wide = await runCli(['paths', '--inventory', ESTATE12, ...DC], {env: {COLUMNS: '160'}});
    expect(wide.stdout).toMatch(
      /^REACHABLE +analytics-dev +10\.200\.0\.0\/16 +2\/2 +- +34\.251\.20\.11 52\.50\.30\.22$/m,
    );
    expect(lines.at(-1)).toBe('Verdict: UNREACHABLE (exit code 1).');
  });

  it('json and markdown; mermaid needs a broker', async () => {
    const json = await runCli(['paths', '--inventory', ESTATE12, ...DC, '--json']);
    const report = JSON.parse(json.stdout) as EstatePathsReport;
    expect([report.kind, report.verdict, report.exitCode, report.rows.length]).toEqual([
      'mq-audit/paths-estate',
      'unreachable',
      1,
      12,
    ]);
    expect(report.rows[0]).toMatchObject({
      broker: 'nacl-prod',
      network: '10.200.0.0/16',
      verdict: 'unreachable',
      breakPoint: {kind: 'nacl', hop: 'network-acl'},
    });
    const events = report.rows.find((r) => r.broker === 'events-prod')!;
    expect(events.links).toEqual(['vpn-0e7e1f2a3b4c5d6e8/34.252.40.33', 'vpn-0e7e1f2a3b4c5d6e8/52.51.50.44']);
    const md = await runCli(['paths', '--inventory', ESTATE12, ...DC, '--format', 'markdown']);
    expect(md.stdout).toContain('| nacl-prod | 10.200.0.0/16 | unreachable | 0 | 0 |');
    const mermaid = await runCli(['paths', '--inventory', ESTATE12, '--format', 'mermaid']);
    expect(mermaid.code).toBe(2);
    expect(mermaid.stderr).toContain('mermaid draws one broker');
  });
});
