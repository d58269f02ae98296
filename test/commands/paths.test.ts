/**
 * `mq-audit paths` as a user runs it: the built CLI in a child process over the recorded topologies of
 * fixtures/network, asserting on parsed output and exit codes. (The logic is covered without the CLI in
 * test/services/paths.test.ts and test/report/paths.test.ts.)
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {PathsReport} from '../../src/report/paths';
import type {Snapshot} from '../../src/snapshot/types';
import {runCli, STACK_LINE} from '../helpers/cli';
import {expectWellFormed, parseMermaid} from '../helpers/mermaid';

const fixture = (name: string) => `fixtures/network/${name}/inventory.json`;
const BROKER = 'orders-amq-prod';
const DC = ['--on-prem-cidr', '10.100.0.0/16'];

// Each run starts Node and oclif (2-4 s on a busy two-core machine); some tests run the CLI twice.
jest.setTimeout(30_000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-paths-cli-'));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

function writeJson(name: string, value: unknown): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('exit codes and formats', () => {
  it('exits 0 and prints the paths when every network is reachable with redundancy', async () => {
    const result = await runCli(['paths', BROKER, '--inventory', fixture('vgw-vpn-both-up'), ...DC]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/On-premises network 10\.100\.0\.0\/16 \(given\) +REACHABLE/);
    expect(result.stdout).toMatch(/^Verdict: REACHABLE\. .*\(exit code 0\)$/m);
  });

  it('exits 1 for a degraded network; --json gives the documented document', async () => {
    const result = await runCli(['paths', BROKER, '--inventory', fixture('vgw-vpn-one-tunnel-down'), ...DC, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as PathsReport;
    expect(report).toMatchObject({
      kind: 'mq-audit/paths',
      pathsVersion: 1,
      verdict: 'degraded',
      exitCode: 1,
      onPremCidrs: ['10.100.0.0/16'],
      broker: {name: BROKER},
    });
    expect(report.network?.onPrem.networks[0].paths.some((p) => p.breakPoint?.kind === 'tunnel-down')).toBe(true);
  });

  it('exits 1 for an unreachable network and says where it breaks', async () => {
    const result = await runCli(['paths', BROKER, '--inventory', fixture('blackhole-route'), ...DC]);
    expect(result.code).toBe(1);
    expect(result.stdout.replace(/\s+/g, ' ')).toMatch(
      /Breaks at route table rtb-\w+ \(blackhole route, return traffic\)/,
    );
  });

  it('exits 3 when a verdict is unknown because Direct Connect calls were denied', async () => {
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('dx-access-denied'),
      ...DC,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(3);
    expect((JSON.parse(result.stdout) as PathsReport).verdict).toBe('unknown');
  });

  it('exits 3 and says so when the network was not collected for the broker region', async () => {
    const snapshot = JSON.parse(readFileSync(fixture('vgw-vpn-both-up'), 'utf8')) as Snapshot;
    for (const region of snapshot.accounts[0].regions) delete region.network;
    const result = await runCli(['paths', BROKER, '--inventory', writeJson('no-network.json', snapshot)]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /Verdict: NOT-COLLECTED\. The inventory has no network data for account \d+ in eu-west-1/,
    );
  });

  it('--format mermaid prints a flowchart with the broken hops marked', async () => {
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('vgw-vpn-both-down'),
      ...DC,
      '--format',
      'mermaid',
    ]);
    expect(result.code).toBe(1);
    const diagram = parseMermaid(result.stdout);
    expectWellFormed(diagram);
    expect([...diagram.classes.values()]).toContain('broken');
  });

  it('--format markdown fences the diagram for a pull-request comment or step summary', async () => {
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('vgw-vpn-both-up'),
      ...DC,
      '--format',
      'markdown',
    ]);
    expect(result.stdout).toContain('### Network paths to `orders-amq-prod`');
    expect(result.stdout).toMatch(/```mermaid\nflowchart LR\n[\s\S]+\n```\n$/);
  });

  it('--output writes the file atomically, with the format taken from its extension', async () => {
    const output = join(work, 'paths.mmd');
    const result = await runCli(['paths', BROKER, '--inventory', fixture('dxgw-vgw'), ...DC, '--output', output]);
    expect(result.code).toBe(0);
    expectWellFormed(parseMermaid(readFileSync(output, 'utf8')));
    expect(result.stdout).toContain('Verdict: REACHABLE');
    expect(result.stderr).toContain(`Wrote mermaid paths of ${BROKER} to ${output}`);
  });

  it('takes the on-premises networks from the config file when no flag is given', async () => {
    const config = writeJson('config.json', {defaults: {'on-prem-cidr': ['10.100.0.0/16']}});
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('vgw-vpn-both-up'),
      '--config',
      config,
      '--json',
    ]);
    expect((JSON.parse(result.stdout) as PathsReport).onPremCidrs).toEqual(['10.100.0.0/16']);
  });
});

describe('bad input exits 2 with a clear message and no stack trace', () => {
  it('a bad --on-prem-cidr is named', async () => {
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('vgw-vpn-both-up'),
      '--on-prem-cidr',
      '10.100.1.0/16',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--on-prem-cidr: "10.100.1.0/16" has host bits set; did you mean 10.100.0.0/16?');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('a bad on-prem-cidr in the config file is named with its place', async () => {
    const config = writeJson('bad-config.json', {defaults: {'on-prem-cidr': ['data-centre']}});
    const result = await runCli(['paths', BROKER, '--inventory', fixture('vgw-vpn-both-up'), '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config} at /defaults/on-prem-cidr/0: "data-centre" is not a CIDR block`);
  });

  it('an unknown broker gets the nearest names', async () => {
    const result = await runCli(['paths', 'orders-amq-prd', '--inventory', fixture('vgw-vpn-both-up')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no broker named "orders-amq-prd"');
    expect(result.stderr).toContain('did you mean "orders-amq-prod"?');
  });

  it('a name shared by brokers in two regions lists the candidates', async () => {
    const snapshot = JSON.parse(readFileSync(fixture('vgw-vpn-both-up'), 'utf8')) as Snapshot;
    const region = snapshot.accounts[0].regions[0];
    const twin = {
      ...region.brokers![0],
      arn: region.brokers![0].arn.replace(':eu-west-1:', ':eu-central-1:'),
      id: 'b-00000000-0000-4000-8000-000000000001',
    };
    snapshot.accounts[0].regions.push({region: 'eu-central-1', mqOffered: true, brokers: [twin]});
    const result = await runCli(['paths', BROKER, '--inventory', writeJson('twins.json', snapshot)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`"${BROKER}" names 2 brokers`);
    expect(result.stderr).toContain(twin.arn);
    expect(result.stderr).toContain(region.brokers![0].arn);
    // Either ARN picks one.
    const picked = await runCli(['paths', twin.arn, '--inventory', writeJson('twins.json', snapshot), '--json']);
    expect((JSON.parse(picked.stdout) as PathsReport).broker.region).toBe('eu-central-1');
  });

  it('--json with another --format is a usage error', async () => {
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      fixture('vgw-vpn-both-up'),
      '--json',
      '--format',
      'mermaid',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--json: conflicts with --format mermaid');
  });
});

it('--help documents the exit codes and shows examples', async () => {
  const result = await runCli(['paths', '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('--on-prem-cidr');
  expect(result.stdout).toMatch(/0 +every on-premises network reaches the broker/);
  expect(result.stdout).toMatch(/3 +nothing failed, but some verdict is unknown/);
  expect(result.stdout).toContain('EXAMPLES');
});
