/**
 * network.requiredPorts through the built CLI (issue 17 item 5): which ports must pass is the config's; a broker
 * is reachable when its required ports pass; the JSON report and the paths output say which ports were required;
 * an unknown protocol name is exit 2 with the file, the JSON pointer and the nearest names.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {PathsReport} from '../../src/report/paths';
import type {JsonReport} from '../../src/report/json';
import {runCli, STACK_LINE} from '../helpers/cli';
import {SG, variantOf} from '../network/builder';

jest.setTimeout(60_000);

const BROKER = 'orders-amq-prod';
const DC = ['--on-prem-cidr', '10.100.0.0/16'];
let work: string;
let inventory: string;

/** The security group admits the data centre on 61617 (OpenWire) only. */
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-required-'));
  const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
    network.securityGroupRules = network.securityGroupRules!.filter((rule) => rule.egress || rule.fromPort === 61617);
  });
  inventory = join(work, 'inventory.json');
  writeFileSync(inventory, JSON.stringify(snapshot));
});

afterAll(() => rmSync(work, {recursive: true, force: true}));

function config(name: string, requiredPorts: unknown): string {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify({network: {requiredPorts}}));
  return file;
}

async function paths(args: string[]): Promise<{code: number | null; report: PathsReport; text: string}> {
  const [json, text] = await Promise.all([
    runCli(['paths', BROKER, '--inventory', inventory, ...DC, '--format', 'json', ...args]),
    runCli(['paths', BROKER, '--inventory', inventory, ...DC, ...args], {env: {COLUMNS: '200'}}),
  ]);
  expect(text.code).toBe(json.code);
  return {code: json.code, report: JSON.parse(json.stdout) as PathsReport, text: text.stdout};
}

describe('network.requiredPorts', () => {
  it("default (no config): the engine's ports, any one passing; 61617 alone makes the broker reachable", async () => {
    const {code, report} = await paths([]);
    expect(code).toBe(0);
    expect(report.network!.onPrem.verdict).toBe('reachable');
    expect(report.network!.requiredPorts).toMatchObject({source: 'engine', match: 'any'});
    expect(report.network!.requiredPorts!.ports.map((p) => p.port)).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
  });

  it('requiring only 61617 (by name, for the engine): reachable, and the output says which ports were required', async () => {
    const file = config('openwire', {engines: {ACTIVEMQ: ['openwire']}});
    const {code, report, text} = await paths(['--config', file]);
    expect(code).toBe(0);
    expect(report.network!.onPrem.verdict).toBe('reachable');
    expect(report.network!.requiredPorts).toEqual({
      source: 'config',
      match: 'all',
      ports: [{port: 61617, protocol: 'openwire'}],
      rule: `${file} at /network/requiredPorts/engines/ACTIVEMQ`,
    });
    expect(text).toContain(
      `  required ports 61617 openwire: every one must pass (${file} at /network/requiredPorts/engines/ACTIVEMQ)`,
    );
  });

  it('requiring 5671 (by number, for the broker) that the group does not admit: unreachable, naming the port', async () => {
    const file = config('amqp', {engines: {ACTIVEMQ: ['openwire']}, brokers: {'orders-*': [61617, 5671]}});
    const {code, report, text} = await paths(['--config', file]);
    expect(code).toBe(1);
    const network = report.network!.onPrem.networks[0];
    expect(network.verdict).toBe('unreachable');
    expect(network.breakPoint).toMatchObject({kind: 'security-group', id: SG});
    expect(network.breakPoint!.message).toBe(
      `no rule of ${SG} admits all of 10.100.0.0/16 on the required port 5671; ${SG} admits 61617 (rules sgr-0a11b22c33d44e550)`,
    );
    expect(report.network!.requiredPorts).toMatchObject({
      source: 'config',
      match: 'all',
      rule: `${file} at /network/requiredPorts/brokers/orders-*`,
    });
    expect(text.replace(/\s+/g, ' ')).toContain('on the required port 5671');
  });

  it('scan: the failing finding in the JSON report carries the required ports', async () => {
    const file = config('scan', {brokers: {[BROKER]: ['amqp']}});
    const result = await runCli([
      'scan',
      '--inventory',
      inventory,
      ...DC,
      '--config',
      file,
      '--format',
      'json',
      '--policy',
      'mq/private-connectivity',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const finding = report.results.find((r) => r.policyId === 'mq/private-connectivity' && r.status === 'fail')!;
    expect(finding.network?.requiredPorts).toEqual({
      source: 'config',
      match: 'all',
      ports: [{port: 5671, protocol: 'amqp'}],
      rule: `${file} at /network/requiredPorts/brokers/${BROKER}`,
    });
    expect(finding.reason).toContain('on the required port 5671');
  });

  it('the ACL denying a required port the group admits is the hop blamed', async () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network, details}) => {
      const acl = network.networkAcls!.find((a) => a.subnetIds.includes(details.subnetIds[0]))!;
      acl.entries.unshift({
        ruleNumber: 40,
        egress: false,
        action: 'deny',
        protocol: '6',
        cidr: '10.100.0.0/16',
        portRange: {from: 8162, to: 8162},
      });
    });
    const file = join(work, 'acl-inventory.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const required = config('console', {engines: {ACTIVEMQ: ['openwire', 'console']}});
    const result = await runCli([
      'paths',
      BROKER,
      '--inventory',
      file,
      ...DC,
      '--config',
      required,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const network = (JSON.parse(result.stdout) as PathsReport).network!.onPrem.networks[0];
    expect(network.breakPoint).toMatchObject({kind: 'nacl', hop: 'network-acl'});
    expect(network.breakPoint!.message).toMatch(
      /^acl-\S+ denies 10\.100\.0\.0\/16 the required port 8162 \(rule 40\); 8162 is admitted by sg-0f7e6d5c4b3a29180$/,
    );
    // Without the config, 61617 passes and the broker is reachable.
    const plain = await runCli(['paths', BROKER, '--inventory', file, ...DC, '--format', 'json']);
    expect(plain.code).toBe(0);
  });

  it('an unknown protocol name: exit 2 with the file, the JSON pointer and the nearest names, before anything is read', async () => {
    const file = config('typo', {engines: {ACTIVEMQ: ['openwrie']}});
    for (const argv of [
      ['scan', '--inventory', inventory],
      ['paths', BROKER, '--inventory', inventory],
      ['paths', '--inventory', inventory],
    ]) {
      const result = await runCli([...argv, ...DC, '--config', file]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).toBe(
        `Error: ${file} at /network/requiredPorts/engines/ACTIVEMQ/0: "openwrie" is not an ActiveMQ protocol; did you mean "openwire"? (ActiveMQ: 61617 openwire, 5671 amqp, 61614 stomp, 8883 mqtt, 61619 wss, 8162 console; or give a port number)\n`,
      );
    }
  });

  it('the schema: a port out of range or an unknown engine is exit 2 at its place', async () => {
    const file = config('schema', {engines: {ACTIVEMQ: [70000], KAFKA: ['x']}});
    const result = await runCli(['scan', '--inventory', inventory, '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/network/requiredPorts/engines');
  });
});
