/**
 * Issue 19 point 5, end to end with the built CLI: two virtual interfaces on two Direct Connect connections at one
 * location fail mq/private-connectivity-redundant with a message naming the location; config
 * `network.independence: "connection"` relaxes that, and the report, `paths` and its JSON say which rule applied.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli';
import {FIXTURES} from './helpers';

const POLICY = 'mq/private-connectivity-redundant';
const DC = '10.100.0.0/16';
const SHARED =
  'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use connections at Direct Connect location EqDB2 (Equinix DB2, Dublin) (dxcon-fgq3ynu2 and dxcon-ffre0ec3)';
/** The same without the location's name (DescribeLocations not collected: denied, or a snapshot from before it). */
const SHARED_UNNAMED =
  'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use connections at Direct Connect location EqDB2 (dxcon-fgq3ynu2 and dxcon-ffre0ec3)';

interface JsonReport {
  network?: {independence: string};
  results: {policyId: string; status: string; message: string}[];
}

let dir: string;
let inventory: string;
let unnamed: string;
let relaxed: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mq-audit-independence-'));
  const snapshot = JSON.parse(readFileSync(join(FIXTURES, 'dxgw-vgw', 'inventory.json'), 'utf8')) as {
    accounts: {regions: {network: {dxConnections: {location: string; locationName?: string}[]}}[]}[];
  };
  // Both connections at EqDB2 (the fixture has the second at TCSH), named as DescribeLocations names it.
  const connections = snapshot.accounts[0].regions[0].network.dxConnections;
  connections[1].location = 'EqDB2';
  connections[1].locationName = 'Equinix DB2, Dublin';
  inventory = join(dir, 'one-location.json');
  writeFileSync(inventory, JSON.stringify(snapshot));
  for (const connection of connections) delete connection.locationName;
  unnamed = join(dir, 'one-location-unnamed.json');
  writeFileSync(unnamed, JSON.stringify(snapshot));
  relaxed = join(dir, 'connection.json');
  writeFileSync(relaxed, JSON.stringify({network: {independence: 'connection'}}));
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function scan(config?: string, snapshot = inventory): Promise<JsonReport> {
  const run = await runCli(
    [
      'scan',
      '--inventory',
      snapshot,
      '--on-prem-cidr',
      DC,
      '--policy',
      POLICY,
      '--format',
      'json',
      ...(config ? ['--config', config] : []),
    ],
    {cwd: dir},
  );
  expect(run.stderr).not.toMatch(/Error/);
  return JSON.parse(run.stdout) as JsonReport;
}

describe('network.independence', () => {
  it('by default (location) the two connections at one location are not redundant, and the message names the location', async () => {
    const report = await scan();
    expect(report.network).toEqual({independence: 'location'});
    const [result] = report.results.filter((r) => r.policyId === POLICY);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      `1 independent healthy path(s) to the worst-served broker subnet, expected at least 2: ${SHARED} (independence: location)`,
    );
  });

  it('names the location by its code alone when the snapshot has no name for it, with the same verdict', async () => {
    const report = await scan(undefined, unnamed);
    const [result] = report.results.filter((r) => r.policyId === POLICY);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(`expected at least 2: ${SHARED_UNNAMED} (independence: location)`);
  });

  it('with "connection" the same estate passes, and the report says connection applied', async () => {
    const report = await scan(relaxed);
    expect(report.network).toEqual({independence: 'connection'});
    expect(report.results.filter((r) => r.policyId === POLICY).map((r) => r.status)).toEqual(['pass']);
  });

  it('paths says which rule applied and what the paths share, in text and JSON', async () => {
    const strict = await runCli(['paths', 'orders-amq-prod', '--inventory', inventory, '--on-prem-cidr', DC], {
      cwd: dir,
    });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(
      'independence: location (paths over one Direct Connect location are not independent)',
    );
    expect(strict.stdout.replace(/\s+/g, ' ')).toContain(`not independent: ${SHARED}`);
    expect(strict.stdout.replace(/\s+/g, ' ')).toContain(
      `is degraded (1 independent healthy path, no redundancy: ${SHARED})`,
    );

    const loose = await runCli(
      ['paths', 'orders-amq-prod', '--inventory', inventory, '--on-prem-cidr', DC, '--config', relaxed, '--json'],
      {cwd: dir},
    );
    expect(loose.code).toBe(0);
    const json = JSON.parse(loose.stdout) as {
      verdict: string;
      network: {onPrem: {independence: string; redundancyNote: string}};
    };
    expect([json.verdict, json.network.onPrem.independence, json.network.onPrem.redundancyNote]).toEqual([
      'reachable',
      'connection',
      '2 independent healthy paths',
    ]);

    const estate = await runCli(
      ['paths', '--inventory', inventory, '--on-prem-cidr', DC, '--config', relaxed, '--json'],
      {cwd: dir},
    );
    expect((JSON.parse(estate.stdout) as {independence: string}).independence).toBe('connection');
    const estateText = await runCli(['paths', '--inventory', inventory, '--on-prem-cidr', DC], {cwd: dir});
    expect(estateText.stdout).toContain(
      'Independence: location (paths over one Direct Connect location are not independent).',
    );
  });

  it('a value other than location or connection is bad input: exit 2 naming the place', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({network: {independence: 'device'}}));
    const run = await runCli(['scan', '--inventory', inventory, '--config', bad, '--format', 'json'], {cwd: dir});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/network/independence');
  });
});
