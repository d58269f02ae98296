/**
 * `paths` without the CLI: finding the broker, the on-premises networks from flags and config, the verdict and
 * exit code, and the real path model over the recorded topologies in fixtures/network (each rendered in every
 * format, and its failing path as SARIF hops).
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {onPremCidrs} from '../../src/cli/flags';
import type {Config} from '../../src/services/config';
import type {BreakKind, Verdict} from '../../src/network/facts';
import {findingNetwork, renderPaths, type PathsReport} from '../../src/report/paths';
import {renderSarif} from '../../src/report/sarif';
import type {ReportedPolicy} from '../../src/report/types';
import {decidePaths, nearestNames, resolveBroker, runPaths, type PathsOutcome} from '../../src/services/paths';
import type {Snapshot} from '../../src/snapshot/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {expectWellFormed, parseMermaid} from '../helpers/mermaid';
import {
  BROKER,
  brokerFacts,
  degradedFacts,
  network,
  reachableFacts,
  unknownAt,
  unreachableFacts,
  dxPath,
} from '../helpers/network-facts';
import {assembleReport} from '../helpers/report-fixture';
import {parseSarif, validateSarif} from '../helpers/sarif';
import {broker, snapshotOf} from '../helpers/snapshot-builder';

const NO_CONFIG: Config = {defaults: {}};
const FIXTURES = 'fixtures/network';
const DATA_CENTRE = '10.100.0.0/16';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-paths-'));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

function writeSnapshot(name: string, snapshot: Snapshot): string {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

function fixture(name: string): string {
  return join(FIXTURES, name, 'inventory.json');
}

function reportOf(outcome: PathsOutcome): PathsReport {
  expect(outcome.kind).toBe('report');
  if (outcome.kind !== 'report') throw new Error('no report');
  return outcome.report;
}

describe('resolveBroker', () => {
  const orders = broker('orders-prod');
  const payments = broker('payments');
  const snapshot = snapshotOf([orders, payments]);

  it('finds a broker by name, by id and by ARN', () => {
    for (const query of ['orders-prod', orders.id, orders.arn, 'ORDERS-PROD']) {
      const found = resolveBroker(snapshot, query, 'inv.json');
      expect('scope' in found && found.scope.broker.arn).toBe(orders.arn);
    }
  });

  it('rejects a name that several brokers carry, listing each with its account, region and ARN', () => {
    const twin = {...orders, arn: orders.arn.replace('eu-west-1', 'us-east-1')};
    const both: Snapshot = {
      ...snapshot,
      accounts: [
        {
          ...snapshot.accounts[0],
          regions: [...snapshot.accounts[0].regions, {region: 'us-east-1', mqOffered: true, brokers: [twin]}],
        },
      ],
    };
    expect(() => resolveBroker(both, 'orders-prod', 'inv.json')).toThrow(
      /"orders-prod" names 2 brokers in inv\.json; give the ARN or broker id of one:/,
    );
    try {
      resolveBroker(both, 'orders-prod', 'inv.json');
    } catch (error) {
      expect((error as Error).message).toContain(`orders-prod  111122223333 / eu-west-1  ${orders.arn}`);
      expect((error as Error).message).toContain(`orders-prod  111122223333 / us-east-1  ${twin.arn}`);
    }
  });

  it('names the nearest brokers when none matches', () => {
    expect(() => resolveBroker(snapshot, 'orders-prd', 'inv.json')).toThrow(
      /no broker named "orders-prd" \(nor with that id or ARN\) in inv\.json; did you mean "orders-prod"\?/,
    );
    expect(() => resolveBroker(snapshot, 'zzzzzzzz', 'inv.json')).toThrow(/brokers: orders-prod, payments$/);
    expect(nearestNames('paymnts', ['payments', 'orders-prod', 'paymints-dr'])).toEqual(['payments']);
    expect(nearestNames('orders', ['payments', 'orders-prod', 'orders-dr'])).toEqual(['orders-dr', 'orders-prod']);
  });

  it('does not call a broker absent when ListBrokers failed somewhere: the answer is incomplete', () => {
    const failed: Snapshot = {
      ...snapshot,
      accounts: [
        {
          ...snapshot.accounts[0],
          regions: [...snapshot.accounts[0].regions, {region: 'us-east-1', mqOffered: true, brokers: null}],
        },
      ],
    };
    const found = resolveBroker(failed, 'billing', 'inv.json');
    expect(found).toEqual({
      incomplete: expect.stringContaining(
        'the brokers of 111122223333 / us-east-1 could not be listed (ListBrokers failed)',
      ),
    });
  });
});

describe('onPremCidrs', () => {
  const config = (cidrs: string[]): Config => ({source: '.mq-audit/config.json', defaults: {'on-prem-cidr': cidrs}});

  it('takes the flag over the config file, keeps order and drops duplicates', () => {
    expect(onPremCidrs(['10.0.0.0/8', '172.16.0.0/12', '10.0.0.0/8'], config(['192.168.0.0/16']))).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
    ]);
    expect(onPremCidrs(undefined, config(['192.168.0.0/16']))).toEqual(['192.168.0.0/16']);
    expect(onPremCidrs(undefined, NO_CONFIG)).toEqual([]);
  });

  it('rejects a bad flag value, naming it', () => {
    expect(() => onPremCidrs(['10.0.0.0/8', '10.1.2.3/8'], NO_CONFIG)).toThrow(
      '--on-prem-cidr: "10.1.2.3/8" has host bits set; did you mean 10.0.0.0/8?',
    );
    expect(() => onPremCidrs(['datacentre'], NO_CONFIG)).toThrow('--on-prem-cidr: "datacentre" is not a CIDR block');
  });

  it('rejects a bad config value, naming the file and the place', () => {
    expect(() => onPremCidrs(undefined, config(['10.0.0.0/8', '300.0.0.0/8']))).toThrow(
      '.mq-audit/config.json at /defaults/on-prem-cidr/1: "300.0.0.0/8" is not a CIDR block',
    );
  });
});

describe('decidePaths: verdict and exit code', () => {
  const cases: [string, Parameters<typeof decidePaths>[0], Verdict | 'not-collected', number, RegExp][] = [
    [
      'reachable',
      reachableFacts(),
      'reachable',
      0,
      /^Every on-premises network \(10\.0\.0\.0\/8\) reaches broker orders-prod on at least two independent healthy paths\.$/,
    ],
    [
      'degraded',
      degradedFacts(),
      'degraded',
      1,
      /^10\.0\.0\.0\/8 is degraded \(1 independent healthy path, no redundancy\)\.$/,
    ],
    [
      'unreachable',
      unreachableFacts(),
      'unreachable',
      1,
      /^172\.16\.0\.0\/12 is unreachable \(breaks at rtb-0a1b2c3d4e5f60001: no route\)\.$/,
    ],
    ['not collected', null, 'not-collected', 3, /has no network data for account 111122223333 in eu-west-1/],
  ];
  it.each(cases)('%s', (_name, facts, verdict, exitCode, reason) => {
    const decision = decidePaths(facts, BROKER);
    expect(decision).toMatchObject({verdict, exitCode});
    expect(decision.reason).toMatch(reason);
  });

  it('unknown exits 3, unless another network is unreachable or degraded (1 wins, as in scan)', () => {
    const missing = [
      {
        collection: 'dxVirtualInterfaces',
        reason: 'denied',
        error: {
          service: 'directconnect',
          operation: 'DescribeVirtualInterfaces',
          code: 'AccessDeniedException',
          kind: 'access-denied' as const,
          message: 'x',
        },
      },
    ];
    const unknownNetwork = network('192.168.0.0/16', [
      unknownAt(dxPath({cidr: '192.168.0.0/16'}), 'virtual-interface', 'unknown', missing),
    ]);
    const unknownOnly = decidePaths(brokerFacts([...reachableFacts().onPrem.networks, unknownNetwork]), BROKER);
    expect(unknownOnly).toMatchObject({verdict: 'unknown', exitCode: 3});
    expect(unknownOnly.reason).toBe(
      '192.168.0.0/16 is unknown (directconnect DescribeVirtualInterfaces: AccessDeniedException); 10.0.0.0/8 is reachable with redundancy.',
    );
    expect(decidePaths(brokerFacts([...unreachableFacts().onPrem.networks, unknownNetwork]), BROKER)).toMatchObject({
      verdict: 'unreachable',
      exitCode: 1,
    });
  });
});

describe('runPaths', () => {
  it('says when the network was not collected for the broker region (exit 3), and still names the broker', async () => {
    const file = writeSnapshot('no-network', snapshotOf([broker('orders-prod')]));
    const report = reportOf(
      await runPaths({source: {file}, broker: 'orders-prod', onPremCidrs: [], config: NO_CONFIG}),
    );
    expect(report).toMatchObject({
      kind: 'mq-audit/paths',
      verdict: 'not-collected',
      exitCode: 3,
      network: null,
      broker: {name: 'orders-prod', region: 'eu-west-1'},
    });
    expect(renderPaths('text', report)).toContain(
      'Verdict: NOT-COLLECTED. The inventory has no network data for account 111122223333 in eu-west-1',
    );
  });

  it('passes the on-premises networks to the model, and keeps the collection errors of the broker scope', async () => {
    const file = writeSnapshot(
      'errors',
      snapshotOf(
        [broker('orders-prod')],
        [
          {
            accountId: '111122223333',
            region: 'eu-west-1',
            service: 'ec2',
            operation: 'DescribeRouteTables',
            code: 'UnauthorizedOperation',
            kind: 'access-denied',
            message: 'no',
          },
          {
            accountId: '111122223333',
            region: 'us-east-1',
            service: 'ec2',
            operation: 'DescribeVpcs',
            code: 'UnauthorizedOperation',
            kind: 'access-denied',
            message: 'no',
          },
          {
            accountId: '111122223333',
            service: 'directconnect',
            operation: 'DescribeDirectConnectGateways',
            code: 'AccessDeniedException',
            kind: 'access-denied',
            message: 'no',
          },
        ],
      ),
    );
    const asked: string[][] = [];
    const report = reportOf(
      await runPaths({
        source: {file},
        broker: 'orders-prod',
        onPremCidrs: ['10.0.0.0/8'],
        config: NO_CONFIG,
        buildModel: (_snapshot, options) => {
          asked.push(options.onPremCidrs);
          return {factsFor: () => ({facts: degradedFacts(), unknown: {}})};
        },
      }),
    );
    expect(asked).toEqual([['10.0.0.0/8']]);
    expect(report).toMatchObject({verdict: 'degraded', exitCode: 1, onPremCidrs: ['10.0.0.0/8']});
    expect(report.collectionErrors.map((e) => e.operation)).toEqual([
      'DescribeRouteTables',
      'DescribeDirectConnectGateways',
    ]);
  });

  it('answers "incomplete" for a broker not found where a ListBrokers call failed', async () => {
    const snapshot = snapshotOf([broker('orders-prod')]);
    snapshot.accounts[0].regions.push({region: 'us-east-1', mqOffered: true, brokers: null});
    const outcome = await runPaths({
      source: {file: writeSnapshot('unlisted', snapshot)},
      broker: 'billing',
      onPremCidrs: [],
      config: NO_CONFIG,
    });
    expect(outcome).toEqual({kind: 'unresolved', exitCode: 3, message: expect.stringContaining('could not be listed')});
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The recorded topologies of fixtures/network, through the real path model.

interface FixtureCase {
  name: string;
  broker: string;
  verdict: Verdict;
  exitCode: number;
  breaks?: BreakKind;
  direction?: 'return';
}

const FIXTURE_CASES: FixtureCase[] = [
  {name: 'vgw-vpn-both-up', broker: 'orders-amq-prod', verdict: 'reachable', exitCode: 0},
  {name: 'vgw-vpn-one-tunnel-down', broker: 'orders-amq-prod', verdict: 'degraded', exitCode: 1},
  {name: 'vgw-vpn-both-down', broker: 'orders-amq-prod', verdict: 'unreachable', exitCode: 1, breaks: 'tunnel-down'},
  {name: 'tgw-vpn', broker: 'events-rmq-prod', verdict: 'reachable', exitCode: 0},
  {name: 'dxgw-vgw', broker: 'orders-amq-prod', verdict: 'reachable', exitCode: 0},
  {name: 'dxgw-tgw', broker: 'orders-amq-prod', verdict: 'reachable', exitCode: 0},
  {name: 'dx-vif-down', broker: 'orders-amq-prod', verdict: 'unreachable', exitCode: 1, breaks: 'interface-down'},
  {name: 'blackhole-route', broker: 'orders-amq-prod', verdict: 'unreachable', exitCode: 1, breaks: 'blackhole'},
  {name: 'peering-only', broker: 'orders-amq-prod', verdict: 'unreachable', exitCode: 1, breaks: 'not-transitive'},
  {name: 'main-route-table', broker: 'orders-amq-prod', verdict: 'reachable', exitCode: 0},
  {
    name: 'more-specific-route',
    broker: 'orders-amq-prod',
    verdict: 'unreachable',
    exitCode: 1,
    breaks: 'routed-elsewhere',
  },
  {name: 'sg-not-admitting', broker: 'orders-amq-prod', verdict: 'unreachable', exitCode: 1, breaks: 'security-group'},
  {
    name: 'nacl-denies-return',
    broker: 'orders-amq-prod',
    verdict: 'unreachable',
    exitCode: 1,
    breaks: 'nacl',
    direction: 'return',
  },
  {name: 'dx-access-denied', broker: 'orders-amq-prod', verdict: 'unknown', exitCode: 3},
];

const CONNECTIVITY: ReportedPolicy = {
  id: 'mq/private-connectivity',
  title: 'Production brokers are reachable from every on-premises network',
  severity: 'high',
  description: 'Every on-premises network reaches the broker over a healthy private path.',
  rationale: 'r',
  remediation: 'Fix the path where it breaks.',
  helpUri: 'https://example.com/p',
  controls: {},
  source: 'policies/mq/private-connectivity.json',
  builtIn: true,
  parameterValues: {},
};

describe.each(FIXTURE_CASES)('fixtures/network/$name', (c) => {
  let report: PathsReport;
  beforeAll(async () => {
    report = reportOf(
      await runPaths({
        source: {file: fixture(c.name)},
        broker: c.broker,
        onPremCidrs: [DATA_CENTRE],
        config: NO_CONFIG,
      }),
    );
  });

  it(`is ${c.verdict}, exit ${c.exitCode}${c.breaks ? `, breaking at ${c.breaks}` : ''}`, () => {
    expect(report.verdict).toBe(c.verdict);
    expect(report.exitCode).toBe(c.exitCode);
    const onPrem = report.network!.onPrem.networks[0];
    expect(onPrem.cidr).toBe(DATA_CENTRE);
    if (c.breaks) {
      expect(onPrem.breakPoint?.kind).toBe(c.breaks);
      if (c.direction) expect(onPrem.breakPoint?.direction).toBe(c.direction);
      expect(report.reason).toContain(`${DATA_CENTRE} is unreachable (breaks at ${onPrem.breakPoint!.id}`);
    }
  });

  it('--verbose prints every path hop by hop, and where a broken one breaks', () => {
    const text = renderPaths('text', report, {verbose: true}).replace(/\s+/g, ' ');
    const onPrem = report.network!.onPrem.networks[0];
    expect(text).toContain(`On-premises network ${DATA_CENTRE} (given) ${c.verdict.toUpperCase()}`);
    onPrem.paths.forEach((path, i) => {
      expect(text).toContain(`Path ${i + 1}/${onPrem.paths.length} to ${path.subnetId}`);
      if (path.breakPoint) expect(text).toContain(path.breakPoint.message.replace(/\s+/g, ' '));
    });
    for (const hop of onPrem.paths.flatMap((p) => p.hops)) expect(text).toContain(hop.reason.replace(/\s+/g, ' '));
    expect(text).toContain(`Verdict: ${c.verdict.toUpperCase()}. `);
  });

  it('by default prints each hop once, forward and return apart, and where broken paths break', () => {
    const text = renderPaths('text', report).replace(/\s+/g, ' ');
    const onPrem = report.network!.onPrem.networks[0];
    expect(text).toContain(`On-premises network ${DATA_CENTRE} (given) ${c.verdict.toUpperCase()}`);
    expect(text).not.toContain('Path 1/');
    for (const path of onPrem.paths)
      if (path.breakPoint) expect(text).toContain(path.breakPoint.message.replace(/\s+/g, ' '));
    if (onPrem.paths.some((p) => p.hops.some((h) => h.direction === 'return')))
      expect(text).toContain('Return (broker → on-premises)');
    const verbose = renderPaths('text', report, {verbose: true});
    expect(renderPaths('text', report).split('\n').length).toBeLessThanOrEqual(verbose.split('\n').length);
    expect(text).toContain(`Verdict: ${c.verdict.toUpperCase()}. `);
  });

  it('draws a well-formed diagram whose marks match the hops', () => {
    const diagram = parseMermaid(renderPaths('mermaid', report));
    expectWellFormed(diagram);
    const hops = report.network!.onPrem.networks[0].paths.flatMap((p) => p.hops);
    const classes = [...diagram.classes.values()];
    expect(classes.includes('broken')).toBe(hops.some((h) => h.status === 'broken'));
    expect(classes.includes('unknown')).toBe(hops.some((h) => h.status === 'unknown'));
    expect(diagram.edges.some((e) => e.arrow === '--x')).toBe(hops.some((h) => h.status === 'broken'));
  });

  it('round-trips as JSON', () => {
    expect(JSON.parse(renderPaths('json', report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('lists the hops of its failing path in SARIF that GitHub accepts', () => {
    const facts = report.network!;
    const explanations = [
      {
        path: c.verdict === 'degraded' ? 'network.onPrem.redundant' : 'network.onPrem.reachable',
        found: false,
        expected: 'true',
      },
    ];
    const network = findingNetwork(facts, report.broker, explanations);
    if (c.verdict === 'reachable') {
      expect(network).toBeUndefined();
      return;
    }

    const evaluation = {
      policyId: CONNECTIVITY.id,
      status: 'fail' as const,
      severity: 'high' as const,
      resource: report.broker,
      message: `Broker ${report.broker.name} fails mq/private-connectivity.`,
      explanations,
      network,
    };
    const log = parseSarif(renderSarif(assembleReport([CONNECTIVITY], [evaluation], []), {}));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const result = log.runs[0].results![0];
    expect(result.codeFlows![0].threadFlows[0].locations.length).toBe(network!.flows[0].hops.length);
    for (const related of result.relatedLocations!)
      expect(related.physicalLocation!.artifactLocation!.uri).toMatch(/^(aws|on-premises)\/[A-Za-z0-9._/-]+$/);
    if (c.breaks) expect(result.message.text).toMatch(/the path breaks at .+ \[[^\]]+\]\(\d+\)/);
  });
});

describe('fixtures/network, other views', () => {
  it('infers the data-centre network when none is given, and says so', async () => {
    const report = reportOf(
      await runPaths({
        source: {file: fixture('vgw-vpn-both-up')},
        broker: 'orders-amq-prod',
        onPremCidrs: [],
        config: NO_CONFIG,
      }),
    );
    expect(report.network!.onPrem.source).toBe('inferred');
    expect(report.network!.onPrem.networks.map((n) => n.cidr)).toContain(DATA_CENTRE);
    expect(renderPaths('text', report)).toContain('(inferred)');
  });

  it('shows internet ingress: the rules in text, the exposure in the diagram', async () => {
    const report = reportOf(
      await runPaths({
        source: {file: fixture('internet-exposure')},
        broker: 'orders-amq-prod',
        onPremCidrs: [DATA_CENTRE],
        config: NO_CONFIG,
      }),
    );
    const ingress = report.network!.internetIngress;
    expect(ingress.open).toBe(true);
    const text = renderPaths('text', report);
    expect(text).toMatch(/^Internet ingress {2}OPEN$/m);
    for (const rule of ingress.rules)
      expect(text.replace(/\s+/g, ' ')).toContain(`${rule.securityGroupId} rule ${rule.ruleId} admits ${rule.source}`);
    const diagram = parseMermaid(renderPaths('mermaid', report));
    expectWellFormed(diagram);
    expect(diagram.classes.get('I')).toBe('internet');
    // The exit code is about on-premises reachability; the scan policy gates internet ingress.
    expect(report.exitCode).toBe(report.verdict === 'reachable' ? 0 : 1);
  });

  it('the unknown verdict names the Direct Connect call that was denied', async () => {
    const report = reportOf(
      await runPaths({
        source: {file: fixture('dx-access-denied')},
        broker: 'orders-amq-prod',
        onPremCidrs: [DATA_CENTRE],
        config: NO_CONFIG,
      }),
    );
    expect(report.reason).toMatch(/^10\.100\.0\.0\/16 is unknown \(directconnect Describe\w+: AccessDenied/);
    const denied = JSON.parse(readFileSync(fixture('dx-access-denied'), 'utf8')) as Snapshot;
    expect(report.collectionErrors).toEqual(denied.errors.filter((e) => !e.region || e.region === 'eu-west-1'));
  });
});
