/**
 * `scan --plan`: the pull-request gate judges the change. The built CLI on Terraform plan fixtures and the demo
 * estate; SARIF checked against the official schema and GitHub's rules.
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {githubProblems} from '../helpers/github-sarif-rules';
import {ROOT, runCli, STACK_LINE} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';
import type {JsonReport} from '../../src/report/json';
import type {Snapshot} from '../../src/snapshot/types';

const DEMO = join(ROOT, 'fixtures', 'demo', 'inventory.json');
const NEW_BROKER_PLAN = join(ROOT, 'test', 'fixtures', 'plans', 'new-public-broker.json');
const scratch = () => mkdtempSync(join(tmpdir(), 'mq-audit-change-'));

const PLANS = join(ROOT, 'test', 'fixtures', 'plans');

/** A report of a scan with a change: its change section is there (the tests fail on a TypeError otherwise). */
type JudgedReport = JsonReport & {change: NonNullable<JsonReport['change']>};

/** Runs a plan fixture against the demo estate and returns the JSON report with the exit code. */
async function judgePlan(plan: string, extra: string[] = []) {
  const json = join(scratch(), 'report.json');
  const result = await runCli([
    'scan',
    '--plan',
    join(PLANS, plan),
    '--inventory',
    DEMO,
    '--format',
    'json',
    '--output',
    json,
    '--quiet',
    ...extra,
  ]);
  expect(result.stderr).not.toMatch(STACK_LINE);
  const report = JSON.parse(readFileSync(json, 'utf8')) as JudgedReport;
  const introduced = report.results.filter((r) => r.change === 'introduced');
  return {code: result.code, report, introduced};
}

describe('scan --plan on the scenarios of a pull request', () => {
  test('a 0.0.0.0/0 rule on 5671 is introduced, named after the rule that opens it', async () => {
    const {code, introduced} = await judgePlan('open-amqps-to-world.json');
    expect(code).toBe(1);
    expect(introduced.map((r) => `${r.policyId} ${r.resource.name}`).sort()).toEqual([
      'mq/no-internet-ingress orders-prod',
      'mq/no-internet-ingress payments-prod',
    ]);
    expect(introduced[0].cause?.text).toMatch(
      /^ingress rule \(tcp 5671 from 0\.0\.0\.0\/0\) added to sg-0c4e6a8b0d2f41a0[12] by aws_/,
    );
  });

  test('the table and JUnit show what the change does to each finding', async () => {
    const plan = join(PLANS, 'open-amqps-to-world.json');
    const table = await runCli(['scan', '--plan', plan, '--inventory', DEMO, '--format', 'table']);
    expect(table.code).toBe(1);
    const flat = table.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(
      '[introduced: ingress rule (tcp 5671 from 0.0.0.0/0) added to sg-0c4e6a8b0d2f41a01 by aws_vpc_security_group_ingress_rule.orders_amqps_world]',
    );
    expect(flat).toMatch(
      /The change \S+open-amqps-to-world\.json: 2 created; findings 2 introduced, \d+ unchanged, 0 resolved/,
    );
    // What was failing before the change is counted, not listed: the reviewer sees what the change does.
    expect(flat).toMatch(
      /\d+ finding\(s\) already failing on the deployed estate are not listed: they do not count for the gate/,
    );
    expect(flat).not.toContain('[unchanged by the change]');
    const verbose = await runCli(['scan', '--plan', plan, '--inventory', DEMO, '--format', 'table', '--verbose']);
    expect(verbose.stdout.replace(/\s+/g, ' ')).toContain('[unchanged by the change]');
    const junit = await runCli(['scan', '--plan', plan, '--inventory', DEMO, '--format', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(
      /<failure message="\[introduced by the change\] Broker orders-prod fails mq\/no-internet-ingress/,
    );
    expect(junit.stdout).toContain('[already failing before the change]');
  });

  test('a replaced VPN connection is pending: no false alarm, the gate passes', async () => {
    const {code, report, introduced} = await judgePlan('replace-vpn.json');
    expect(code).toBe(0);
    expect(introduced).toEqual([]);
    expect(report.change.verdicts).toContainEqual(
      expect.objectContaining({broker: 'orders-prod', before: 'reachable', after: 'pending'}),
    );
  });

  test('a change that fixes a finding resolves it, and the gate passes', async () => {
    const {code, report, introduced} = await judgePlan('fix-public-broker.json');
    expect(code).toBe(0);
    expect(introduced).toEqual([]);
    const fixed = report.results.find(
      (r) => r.policyId === 'mq/no-public-access' && r.resource.name === 'billing-prod',
    )!;
    expect([fixed.status, fixed.change]).toEqual(['pass', 'resolved']);
    expect(report.change.findings.resolved.high).toBe(1);
  });

  test('the route to on-premises deleted: the brokers behind it become unreachable', async () => {
    const {report} = await judgePlan('delete-onprem-route.json');
    const moved = report.change.verdicts.map((v) => `${v.broker} ${v.before}→${v.after}`);
    expect(moved).toContain('inventory-dev reachable→unreachable');
    const removal = report.change.edits.find((e) => e.action === 'delete')!;
    expect(removal.outcome).toBe('applied');
  });

  test("a deleted propagation breaks production brokers' paths: the finding lands on the route table that still exists", async () => {
    const {code, introduced} = await judgePlan('delete-propagation.json');
    expect(code).toBe(1);
    const orders = introduced.find(
      (r) => r.policyId === 'mq/private-connectivity' && r.resource.name === 'orders-prod',
    )!;
    expect(orders.cause?.text).toBe(
      'propagated route 10.100.0.0/16 → vgw-0f3a5c7e9b1d3f5a7 deleted by aws_vpn_gateway_route_propagation.onprem (fixtures/demo/terraform/network.tf:63)',
    );
    expect(orders.cause?.location).toEqual({uri: 'fixtures/demo/terraform/network.tf', startLine: 63, endLine: 74});
    // --redact reaches the change section too: verdict keys, resolved findings, causes.
    const redacted = join(scratch(), 'redacted.json');
    await runCli([
      'scan',
      '--plan',
      join(PLANS, 'delete-propagation.json'),
      '--inventory',
      DEMO,
      '--redact',
      '--format',
      'json',
      '--output',
      redacted,
      '--quiet',
    ]);
    const text = readFileSync(redacted, 'utf8');
    expect((JSON.parse(text) as JudgedReport).change.verdicts.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/111122223333|444455556666/);
  });

  test("every SARIF file written for a change passes the official schema and GitHub's rules", async () => {
    const dir = scratch();
    const inputs = [
      ...readdirSync(PLANS)
        .filter((f) => f.endsWith('.json'))
        .map((f) => ['--plan', join(PLANS, f)]),
    ];
    const templates = join(ROOT, 'test', 'fixtures', 'templates');
    inputs.push([
      '--template',
      join(templates, 'checkout-broker.yaml'),
      '--template-parameters',
      join(templates, 'checkout-broker.parameters.json'),
    ]);
    for (const [index, input] of inputs.entries()) {
      const sarifFile = join(dir, `${index}.sarif`);
      const result = await runCli(['scan', ...input, '--inventory', DEMO, '--output', sarifFile, '--quiet']);
      expect([input.join(' '), result.code]).toEqual([input.join(' '), expect.any(Number)]);
      expect(result.code === 0 || result.code === 1 || result.code === 3).toBe(true);
      const log = parseSarif(readFileSync(sarifFile, 'utf8'));
      expect([input[1], validateSarif(log)]).toEqual([input[1], []]);
      expect([input[1], githubProblems(log)]).toEqual([input[1], []]);
    }
  });

  test('a route to a Gateway Load Balancer endpoint makes the verdicts it touches unknown, never reachable', async () => {
    const {report} = await judgePlan('unknowns-and-edges.json');
    expect(report.change.verdicts).toContainEqual(
      expect.objectContaining({broker: 'orders-prod', before: 'reachable', after: 'unknown'}),
    );
    const orders = report.results.find(
      (r) => r.policyId === 'mq/private-connectivity' && r.resource.name === 'orders-prod',
    )!;
    expect(orders.status).toBe('error');
  });
});

describe('scan --plan', () => {
  test('a new public single-instance production broker: introduced findings fail the gate, on the lines of the change', async () => {
    const dir = scratch();
    const sarifFile = join(dir, 'out.sarif');
    const result = await runCli([
      'scan',
      '--plan',
      NEW_BROKER_PLAN,
      '--inventory',
      DEMO,
      '--output',
      sarifFile,
      '--quiet',
    ]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.code).toBe(1);
    const log = parseSarif(readFileSync(sarifFile, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const results = log.runs[0].results ?? [];
    const introduced = results.filter((r) => r.properties?.change === 'introduced');
    expect(introduced.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['mq/no-public-access', 'mq/production-ha']),
    );
    // Introduced first, each on the Terraform block that defines the new broker (the demo's module), not a pseudo-path.
    expect(results[0].properties?.change).toBe('introduced');
    for (const r of introduced) {
      expect(r.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe(
        'fixtures/demo/terraform/modules/broker/main.tf',
      );
      expect(r.message.text).toContain(
        'Introduced by this change: broker checkout-prod created by module.brokers["checkout.eu/prod"].aws_mq_broker.this',
      );
    }

    // The deployed estate's own failures are uploaded as unchanged, and never outnumber what the gate counts.
    expect(results.some((r) => r.properties?.change === 'unchanged')).toBe(true);
  });

  test('the JSON report says what the change does; --gate all counts every failing finding', async () => {
    const dir = scratch();
    const json = join(dir, 'report.json');
    const changes = await runCli([
      'scan',
      '--plan',
      NEW_BROKER_PLAN,
      '--inventory',
      DEMO,
      '--format',
      'json',
      '--output',
      json,
      '--quiet',
    ]);
    expect(changes.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as JudgedReport;
    expect(report.change.gate).toBe('changes');
    expect(report.change.resources.created.aws_mq_broker).toBe(1);
    expect(report.change.findings.introduced.high).toBe(2);
    expect(report.gate.reason).toMatch(
      /^Gate failed: \d+ failing finding\(s\) introduced by the change at or above low .*already failing on the deployed estate did not count/,
    );
    const introduced = report.results.filter((r) => r.change === 'introduced');
    expect(introduced.every((r: {resource: {name: string}}) => r.resource.name === 'checkout-prod')).toBe(true);
    // A value known only after apply is never guessed: the broker's maintenance window is listed as unknown.
    expect(
      report.change.unknowns.some((u: {reason: string}) =>
        u.reason.startsWith('known after apply: module.brokers["checkout.eu/prod"].aws_mq_broker.this'),
      ),
    ).toBe(true);

    // Nothing introduced at critical, but the new broker's network checks need values known only after apply:
    // incomplete (3), never a pass; the deployed estate's own collection errors do not count against the change.
    const incomplete = await runCli([
      'scan',
      '--plan',
      NEW_BROKER_PLAN,
      '--inventory',
      DEMO,
      '--fail-on',
      'critical',
      '--format',
      'json',
      '--output',
      json,
      '--quiet',
    ]);
    expect(incomplete.code).toBe(3);
    expect((JSON.parse(readFileSync(json, 'utf8')) as JudgedReport).gate.reason).toMatch(
      /^Scan incomplete: \d+ check\(s\) could not be evaluated on the proposed estate;/,
    );
    const all = await runCli([
      'scan',
      '--plan',
      NEW_BROKER_PLAN,
      '--inventory',
      DEMO,
      '--gate',
      'all',
      '--fail-on',
      'high',
      '--format',
      'json',
      '--output',
      json,
      '--quiet',
    ]);
    expect(all.code).toBe(1);
    expect((JSON.parse(readFileSync(json, 'utf8')) as JudgedReport).gate.reason).not.toContain(
      'introduced by the change',
    );
  });

  test('the Markdown summary leads with what the change introduces', async () => {
    const result = await runCli(['scan', '--plan', NEW_BROKER_PLAN, '--inventory', DEMO, '--format', 'markdown']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    const lead = lines.findIndex((l) =>
      l.startsWith('### This change introduces 5 findings (2 high, 1 medium, 2 low)'),
    );
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(lines.findIndex((l) => l.startsWith('| Severity')));
  });

  test('a fork with no deployed estate: the change is judged alone', async () => {
    const dir = scratch();
    const json = join(dir, 'report.json');
    const result = await runCli(['scan', '--plan', NEW_BROKER_PLAN, '--format', 'json', '--output', json, '--quiet']);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as JudgedReport;
    expect(report.change.deployed).toBeNull();
    expect(report.summary.brokers).toBe(1);
    const connectivity = report.results.find((r) => r.policyId === 'mq/private-connectivity')!;
    expect(connectivity.status).not.toBe('pass');
  });

  test("scan --template: a CloudFormation template with its parameters, findings on the template's lines", async () => {
    const dir = scratch();
    const json = join(dir, 'report.json');
    const template = join(ROOT, 'test', 'fixtures', 'templates', 'checkout-broker.yaml');
    const missing = await runCli(['scan', '--template', template, '--inventory', DEMO]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('parameter VpcId has no value and no default');
    const result = await runCli([
      'scan',
      '--template',
      template,
      '--template-parameters',
      join(ROOT, 'test', 'fixtures', 'templates', 'checkout-broker.parameters.json'),
      '--inventory',
      DEMO,
      '--format',
      'json',
      '--output',
      json,
      '--quiet',
    ]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as JudgedReport;
    expect(report.change.resources.created['AWS::AmazonMQ::Broker']).toBe(1);
    const ha = report.results.find((r) => r.policyId === 'mq/production-ha' && r.change === 'introduced')!;
    expect(ha.cause?.address).toBe('CheckoutBroker');
    expect(ha.cause?.location?.uri).toBe('test/fixtures/templates/checkout-broker.yaml');
  });

  test('scan --template --stack-name: a template that updates a deployed stack updates its broker, not a second one', async () => {
    const dir = scratch();
    const inventory = JSON.parse(readFileSync(DEMO, 'utf8')) as Snapshot;
    // The stack's broker is deployed: a copy of orders-prod under the template's name, with CloudFormation's tags.
    const brokers = inventory.accounts[0].regions[0].brokers!;
    const orders = structuredClone(brokers.find((b) => b.name === 'orders-prod')!);
    Object.assign(orders, {
      name: 'checkout-prod',
      id: 'b-0c0ffee0-0000-4000-8000-000000000001',
      arn: orders.arn.replace(/orders-prod:b-[^:]+$/, 'checkout-prod:b-0c0ffee0-0000-4000-8000-000000000001'),
    });
    Object.assign(orders.details!.tags, {
      'aws:cloudformation:stack-name': 'checkout-stack',
      'aws:cloudformation:logical-id': 'CheckoutBroker',
    });
    brokers.push(orders);
    const tagged = join(dir, 'inventory.json');
    writeFileSync(tagged, JSON.stringify(inventory));
    const json = join(dir, 'report.json');
    const templates = join(ROOT, 'test', 'fixtures', 'templates');
    const result = await runCli([
      'scan',
      '--template',
      join(templates, 'checkout-broker.yaml'),
      '--template-parameters',
      join(templates, 'checkout-broker.parameters.json'),
      '--stack-name',
      'checkout-stack',
      '--inventory',
      tagged,
      '--format',
      'json',
      '--output',
      json,
      '--quiet',
    ]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    const report = JSON.parse(readFileSync(json, 'utf8')) as JudgedReport;
    const edit = report.change.edits.find((e) => e.address.endsWith('CheckoutBroker'))!;
    expect(edit.action).toBe('update');
    const named = report.results.filter(
      (r) => r.resource.name === 'checkout-prod' && r.policyId === 'mq/production-ha',
    );
    expect(named).toHaveLength(1);
    expect(named[0].resource.id).toBe(orders.id);
  });

  test('bad input: a binary plan, a state file, a --gate without a change', async () => {
    const dir = scratch();
    const binary = join(dir, 'tfplan');
    writeFileSync(binary, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
    const zip = await runCli(['scan', '--plan', binary, '--inventory', DEMO]);
    expect(zip.code).toBe(2);
    expect(zip.stderr).toContain('is a binary Terraform plan');
    expect(zip.stderr).toContain('terraform show -json');
    expect(zip.stderr).not.toMatch(STACK_LINE);

    const state = join(dir, 'terraform.tfstate');
    writeFileSync(
      state,
      JSON.stringify({version: 4, terraform_version: '1.9.8', serial: 3, lineage: 'x', outputs: {}, resources: []}),
    );
    const stateResult = await runCli(['scan', '--plan', state, '--inventory', DEMO]);
    expect(stateResult.code).toBe(2);
    expect(stateResult.stderr).toMatch(/state/i);

    const gate = await runCli(['scan', '--gate', 'all', '--inventory', DEMO]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain('--gate');
  });
});
