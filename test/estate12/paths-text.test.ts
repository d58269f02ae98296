/**
 * `paths` text for a broker in three subnets behind a transit gateway with a two-tunnel VPN (events-prod: six
 * paths): each hop once, forward and return apart, the links with their state; --verbose keeps every hop of
 * every path (289 lines before this view existed).
 */
import {runCli} from '../helpers/cli';
import {DC, ESTATE12} from './estate';

jest.setTimeout(30_000);

const paths = (broker: string, ...extra: string[]) =>
  runCli(['paths', broker, '--inventory', ESTATE12, ...DC, ...extra]);

describe('paths text reads like the diagram', () => {
  it('events-prod: 6 paths in 45 lines at most, each hop once, forward and return apart', async () => {
    const {stdout, code} = await paths('events-prod');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(45);
    const flat = stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('6 paths to 3 subnets: 6 healthy');
    // Sections in the order traffic takes.
    const at = (text: string) => lines.findIndex((line) => line.trim() === text);
    expect(
      [at('Links'), at('Forward (on-premises → broker)'), at('Return (broker → on-premises)')].every(
        (i, n, all) => i > 0 && (n === 0 || i > all[n - 1]),
      ),
    ).toBe(true);
    // Each shared hop once: the transit gateway, the VPC attachment, the subnet's route back.
    expect(flat.match(/transit gateway tgw-0e7e9d8c7b6a54321 \(euw1-hub\)/g)).toHaveLength(1);
    expect(flat.match(/route table rtb-0e7e00000000a0004 \(events-private\) sends replies/g)).toHaveLength(1);
    expect(
      flat.match(/VPN tunnel 34\.252\.40\.33 \(vpn-0e7e1f2a3b4c5d6e8\): UP, 2 BGP route\(s\) accepted/g),
    ).toHaveLength(1);
    // The forward TGW route per subnet: once, saying it covers the others.
    expect(flat).toContain(
      'routes the broker subnet 10.50.1.0/24 to tgw-attach-0e7e00000000a0001 (likewise for 2 other subnets)',
    );
    // The return hops come after the forward ones, broker side first.
    const ret = lines.slice(at('Return (broker → on-premises)'));
    expect(ret.findIndex((l) => l.includes('network ACL'))).toBeLessThan(
      ret.findIndex((l) => l.includes('TGW route table')),
    );
  });

  it('--verbose prints every hop of every path, as before', async () => {
    const {stdout} = await paths('events-prod', '--verbose');
    expect(stdout.split('\n').length).toBeGreaterThan(250);
    expect(stdout).toContain('Path 6/6');
  });

  it('a broken path: where it breaks once, with how many paths it stops', async () => {
    const {stdout} = await paths('nacl-prod');
    const flat = stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'Breaks at network ACL acl-0ac11a2b3c4d5e6f7 (network ACL blocks): for 10.200.0.0/16, 61617 and 8162 are admitted by sg-0ac15a6b7c8d9e0f1',
    );
    expect(flat).toContain('(4 of 4 paths)');
    expect(flat.match(/BROKEN/g)).toHaveLength(1);
  });
});
