/**
 * `paths` output (text, json, mermaid, markdown), the choice of hops a failing network finding is about, and
 * those hops in SARIF (code flows, related locations, the location hook). Built from hand-written facts
 * (test/helpers/network-facts.ts); diagrams are asserted on their parsed structure.
 */
import type {Location, Log, Result} from 'sarif';

import type {BrokerNetworkFacts, NetworkPath} from '../../src/network/facts';
import type {Evaluation} from '../../src/policy/types';
import {buildReport as buildScanReport, reportedResults} from '../../src/report/build';
import type {CompiledPolicy} from '../../src/policy/loader';
import {
  escapeMermaid,
  findingNetwork,
  PATHS_REPORT_KIND,
  type PathsReport,
  renderPaths,
  renderPathsJson,
  renderPathsMarkdown,
  renderPathsMermaid,
  renderPathsText,
} from '../../src/report/paths';
import {primaryLocationLineHash, renderSarif, resourcePath} from '../../src/report/sarif';
import type {LocatableResource, ReportedEvaluation, ReportedPolicy, ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {
  BROKER,
  breakAt,
  brokerFacts,
  degradedFacts,
  DXCON,
  dxPath,
  network,
  reachableFacts,
  ROUTE_TABLE,
  SECURITY_GROUP,
  tgwPath,
  TUNNEL_1,
  TUNNEL_2,
  unknownAt,
  unreachableFacts,
  VGW,
  VPN,
  vpnPath,
} from '../helpers/network-facts';
import {edgeIndex, expectWellFormed, nodeWith, parseMermaid, styleOf} from '../helpers/mermaid';
import {assembleReport, reportedPolicies} from '../helpers/report-fixture';
import {snapshotOf} from '../helpers/snapshot-builder';
import {parseSarif, validateSarif} from '../helpers/sarif';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function pathsReport(facts: BrokerNetworkFacts | null, overrides: Partial<PathsReport> = {}): PathsReport {
  return {
    kind: PATHS_REPORT_KIND,
    pathsVersion: 1,
    tool: {name: 'mq-audit', version: '0.1.0'},
    generatedAt: '2026-11-25T10:00:00.000Z',
    inventory: {collectedAt: '2026-11-25T09:59:00Z', method: 'fixture', source: 'inventory.json'},
    broker: BROKER,
    onPremCidrs: ['10.0.0.0/8'],
    verdict: facts ? facts.onPrem.verdict : 'not-collected',
    exitCode: 0,
    reason: 'Test reason.',
    network: facts,
    unknown: {},
    collectionErrors: [],
    ...overrides,
  };
}

/** Wrapped text joined back into single spaces. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------------

describe('renderPathsText', () => {
  it('lists every path hop by hop with routes, tunnel states, rules and ports', () => {
    const text = renderPathsText(pathsReport(reachableFacts()), {verbose: true});
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('Paths to broker orders-prod');
    expect(text).toMatch(/On-premises network 10\.0\.0\.0\/8 \(given\) +REACHABLE/);
    expect(text).toMatch(
      /Path 1\/2 +to subnet-0a1b2c3d4e5f60001 \(10\.0\.0\.0\/8\) via VPN vpn-0a1b2c3d4e5f60001\/203\.0\.113\.10 +HEALTHY/,
    );
    expect(text).toContain(`route table ${ROUTE_TABLE} [return]:`);
    expect(flat(text)).toContain(`- route 10.0.0.0/8 -> ${VGW} (gateway, active, EnableVgwRoutePropagation)`);
    expect(text).toContain(`VPN tunnel ${TUNNEL_2} (${VPN})`);
    expect(flat(text)).toContain(`- tunnel ${TUNNEL_1} UP, 3 BGP route(s) accepted, since 2026-11-20T08:00:00Z`);
    expect(text).toContain('- rule sgr-0aa11bb22cc33dd44');
    expect(text).toContain('- return ports 1024-65535');
    expect(text).toMatch(/^Verdict: REACHABLE\. Test reason\. \(exit code 0\)$/m);
  });

  it('says where and why a broken path breaks, and marks the broken hop', () => {
    const text = renderPathsText(pathsReport(degradedFacts(), {exitCode: 1}), {verbose: true});
    expect(text).toMatch(/On-premises network 10\.0\.0\.0\/8 \(given\) +DEGRADED/);
    expect(flat(text)).toContain(`Path 2/2 to subnet-0a1b2c3d4e5f60001 (10.0.0.0/8) via VPN ${VPN}/${TUNNEL_2} BROKEN`);
    expect(flat(text)).toContain(
      `Breaks at VPN tunnel ${TUNNEL_2} (${VPN}) (tunnel down): ${VPN} tunnel ${TUNNEL_2} is DOWN since 2026-11-24T22:13:00Z`,
    );
    expect(text).toMatch(new RegExp(`^ {4}BROKEN {4}VPN tunnel ${TUNNEL_2.replace(/\./g, '\\.')} `, 'm'));
    expect(text).toMatch(/Verdict: DEGRADED\./);
  });

  it('names the break point of an unreachable network', () => {
    const text = renderPathsText(pathsReport(unreachableFacts()), {verbose: true});
    expect(flat(text)).toContain(
      `Breaks first at route table ${ROUTE_TABLE} (no route, return traffic): ${ROUTE_TABLE} has no route for 172.16.0.0/12`,
    );
    expect(flat(text)).toContain('no link reached');
  });

  it('shows unknown hops with the data that is missing and the call that failed', () => {
    const missing = [
      {
        collection: 'dxVirtualInterfaces',
        reason: 'the virtual interfaces of eu-west-1 could not be read',
        error: {
          service: 'directconnect',
          operation: 'DescribeVirtualInterfaces',
          code: 'AccessDeniedException',
          kind: 'access-denied' as const,
          message: 'denied',
        },
      },
    ];
    const facts = brokerFacts([
      network('10.0.0.0/8', [unknownAt(dxPath(), 'virtual-interface', 'the interface is unknown', missing)]),
    ]);
    const text = renderPathsText(pathsReport(facts, {exitCode: 3}), {verbose: true});
    expect(text).toMatch(/On-premises network 10\.0\.0\.0\/8 \(given\) +UNKNOWN/);
    expect(text).toMatch(/^ {4}UNKNOWN +virtual interface dxvif-/m);
    expect(flat(text)).toContain(
      'missing: the virtual interfaces of eu-west-1 could not be read (directconnect DescribeVirtualInterfaces: AccessDeniedException)',
    );
  });

  it('says clearly when the network was not collected for the broker region', () => {
    const text = renderPathsText(
      pathsReport(null, {
        exitCode: 3,
        reason: 'The inventory has no network data for account 111122223333 in eu-west-1.',
      }),
      {verbose: true},
    );
    expect(text).toMatch(/^Verdict: NOT-COLLECTED\. The inventory has no network data/m);
    expect(text).not.toContain('On-premises network');
  });

  it('reports security group rules that open broker ports to the internet', () => {
    const facts = {
      ...reachableFacts(),
      internetIngress: {
        open: true,
        publiclyAccessible: false,
        openPorts: [61617],
        rules: [
          {
            securityGroupId: SECURITY_GROUP,
            ruleId: 'sgr-0ff0ff0ff0ff0ff00',
            source: '0.0.0.0/0',
            ports: [61617],
            wholeInternet: true,
          },
        ],
        publicSubnet: false,
      },
    };
    const text = renderPathsText(pathsReport(facts), {verbose: true});
    expect(text).toMatch(/^Internet ingress {2}OPEN$/m);
    expect(text).toContain(
      `${SECURITY_GROUP} rule sgr-0ff0ff0ff0ff0ff00 admits 0.0.0.0/0 (the whole internet) on 61617`,
    );
  });

  it('colours only when asked', () => {
    const report = pathsReport(degradedFacts());
    expect(renderPathsText(report, {color: false})).not.toMatch(ANSI);
    const coloured = renderPathsText(report, {color: true});
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(renderPathsText(report, {color: false}));
  });
});

describe('renderPathsJson', () => {
  it('is the report itself: broker identity, verdict, exit code and the model facts', () => {
    const report = pathsReport(degradedFacts(), {exitCode: 1});
    const parsed = JSON.parse(renderPathsJson(report)) as PathsReport;
    expect(parsed).toEqual(report);
    expect(parsed.kind).toBe('mq-audit/paths');
    expect(parsed.broker.arn).toBe(BROKER.arn);
    expect(parsed.network?.onPrem.networks[0].paths[1].breakPoint?.kind).toBe('tunnel-down');
  });
});

describe('renderPathsMermaid', () => {
  it('draws on-premises → link → gateway → route table → subnet → broker, one subgraph per network', () => {
    const diagram = parseMermaid(renderPathsMermaid(pathsReport(reachableFacts())));
    expectWellFormed(diagram);
    expect(diagram.classes.get('B')).toBe('broker');
    expect(diagram.nodes.get('B')?.label).toContain('broker orders-prod');
    const onPrem = nodeWith(diagram, '10.0.0.0/8', 'network');
    expect(diagram.groups.get(diagram.nodes.get(onPrem)!.group!)).toBe('10.0.0.0/8: REACHABLE');
    const tunnel1 = nodeWith(diagram, TUNNEL_1);
    const tunnel2 = nodeWith(diagram, TUNNEL_2);
    const vgw = nodeWith(diagram, `virtual private gateway<br/>${VGW}`);
    const table = nodeWith(diagram, `route table (return)<br/>${ROUTE_TABLE}`);
    const subnet = nodeWith(diagram, 'subnet<br/>subnet-0a1b2c3d4e5f60001');
    // Both tunnels converge on the one gateway, and the chain goes on to the broker.
    for (const tunnel of [tunnel1, tunnel2]) expect(diagram.edges[edgeIndex(diagram, tunnel, vgw)].arrow).toBe('-->');
    edgeIndex(diagram, vgw, table);
    edgeIndex(diagram, table, subnet);
    // The model checks the replies leaving the subnet after the broker; the diagram still ends at the broker.
    const replies = nodeWith(diagram, 'network ACL (return)');
    edgeIndex(diagram, replies, 'B');
    expect(diagram.edges.filter((e) => e.from === 'B')).toEqual([]);
    expect(diagram.nodes.get(table)?.label).toContain(`10.0.0.0/8 → ${VGW}`);
    expect([...diagram.classes.values()].filter((c) => c === 'broken' || c === 'unknown')).toEqual([]);
    expect(diagram.linkStyles).toEqual([]);
  });

  it('marks the broken hop and the edge into it, and greys the rest of the broken path', () => {
    const diagram = parseMermaid(renderPathsMermaid(pathsReport(degradedFacts())));
    expectWellFormed(diagram);
    const down = nodeWith(diagram, TUNNEL_2, 'broken');
    expect(diagram.nodes.get(down)?.label).toContain('tunnel down');
    const into = diagram.edges.findIndex((e) => e.to === down);
    expect(diagram.edges[into].arrow).toBe('--x');
    expect(styleOf(diagram, into)).toMatch(/stroke:#d93025/);
    // Past the break, the broken path's edge to the (shared, healthy) gateway is dead; the healthy tunnel's is not.
    const vgw = nodeWith(diagram, `virtual private gateway<br/>${VGW}`, 'ok');
    const dead = edgeIndex(diagram, down, vgw);
    expect(diagram.edges[dead].arrow).toBe('-.-');
    expect(styleOf(diagram, dead)).toMatch(/dasharray/);
    const live = edgeIndex(diagram, nodeWith(diagram, TUNNEL_1, 'ok'), vgw);
    expect(diagram.edges[live].arrow).toBe('-->');
    expect(styleOf(diagram, live)).toBeUndefined();
    expect(diagram.groups.get('G0')).toBe('10.0.0.0/8: DEGRADED');
  });

  it('draws unknown hops differently from broken ones', () => {
    const facts = brokerFacts([
      network('10.0.0.0/8', [
        unknownAt(dxPath(), 'virtual-interface', 'unknown', [{collection: 'dxVirtualInterfaces', reason: 'denied'}]),
      ]),
    ]);
    const diagram = parseMermaid(renderPathsMermaid(pathsReport(facts)));
    expectWellFormed(diagram);
    const vif = nodeWith(diagram, 'virtual interface', 'unknown');
    const into = diagram.edges.findIndex((e) => e.to === vif);
    expect(diagram.edges[into].arrow).toBe('-.->');
    expect(diagram.classes.get(nodeWith(diagram, DXCON))).toBe('ok');
    expect([...diagram.classes.values()]).not.toContain('broken');
  });

  it('keeps a TGW path and a Direct Connect path of two networks apart, both reaching the one broker node', () => {
    const facts = brokerFacts([
      network('10.0.0.0/8', [tgwPath(), tgwPath({tunnelIp: TUNNEL_2})]),
      network('192.168.0.0/16', [dxPath({cidr: '192.168.0.0/16'})]),
    ]);
    const diagram = parseMermaid(renderPathsMermaid(pathsReport(facts)));
    expectWellFormed(diagram);
    expect([...diagram.groups.values()]).toEqual(['10.0.0.0/8: REACHABLE', '192.168.0.0/16: DEGRADED']);
    // The shared route table appears once per network: a hop's verdict belongs to its network.
    const tables = [...diagram.nodes].filter(([, node]) =>
      node.label.includes(`route table (return)<br/>${ROUTE_TABLE}`),
    );
    expect(tables.map(([, node]) => node.group)).toEqual(['G0', 'G1']);
    expect(diagram.edges.filter((e) => e.to === 'B').length).toBeGreaterThanOrEqual(2);
  });

  it('escapes labels: quotes, brackets, < and ; in names cannot break the diagram', () => {
    const evil = 'orders"] --> X[<b>pwn</b>]; click B "https://evil.example" #1 `md`';
    const path: NetworkPath = breakAt(vpnPath(), 'route-table', 'no-route', 'x');
    path.hops[1] = {...path.hops[1], id: 'cgw-"quoted"<id>[x]'};
    const report = pathsReport(brokerFacts([network('10.0.0.0/8', [path])]), {broker: {...BROKER, name: evil}});
    const text = renderPathsMermaid(report);
    const diagram = parseMermaid(text);
    expectWellFormed(diagram);
    // Only node labels carry the name, and there it is inert text: no tag, no closing quote, no statement.
    expect(text).not.toContain('<b>');
    expect(
      text
        .split('\n')
        .filter((line) => line.includes('click'))
        .every((line) => /^ +B\["[^"]*"\]$/.test(line)),
    ).toBe(true);
    expect(diagram.nodes.get('B')?.label).toContain(
      'broker orders#quot;] --#gt; X[#lt;b#gt;pwn#lt;/b#gt;]#59; click B #quot;htt',
    );
    expect(diagram.nodes.get(nodeWith(diagram, 'customer gateway'))?.label).toBe(
      'customer gateway<br/>cgw-#quot;quoted#quot;#lt;id#gt;[x]',
    );
    expect(escapeMermaid('a"b<c>d;e#f&g`h\ni')).toBe('a#quot;b#lt;c#gt;d#59;e#35;f#amp;g#96;h i');
  });

  it('wraps the diagram in a mermaid fence for Markdown when asked', () => {
    const report = pathsReport(degradedFacts());
    const fenced = renderPathsMermaid(report, {fenced: true});
    expect(fenced.startsWith('```mermaid\nflowchart LR\n')).toBe(true);
    expect(fenced.endsWith('\n```\n')).toBe(true);
    expect(fenced.slice('```mermaid\n'.length, -'```\n'.length)).toBe(renderPathsMermaid(report));
  });

  it('shows a missing network, and internet exposure through security group rules', () => {
    expectWellFormed(parseMermaid(renderPathsMermaid(pathsReport(null))));
    const facts = {
      ...reachableFacts(),
      internetIngress: {
        open: true,
        publiclyAccessible: true,
        openPorts: [61617],
        rules: [
          {
            securityGroupId: SECURITY_GROUP,
            ruleId: 'sgr-0ff0ff0ff0ff0ff00',
            source: '0.0.0.0/0',
            ports: [61617],
            wholeInternet: true,
          },
        ],
        publicSubnet: true,
      },
    };
    const diagram = parseMermaid(renderPathsMermaid(pathsReport(facts)));
    expectWellFormed(diagram);
    expect(diagram.classes.get('I')).toBe('internet');
    const rule = nodeWith(diagram, 'sgr-0ff0ff0ff0ff0ff00', 'broken');
    expect(styleOf(diagram, edgeIndex(diagram, 'I', rule))).toMatch(/stroke:#d93025/);
    expect(styleOf(diagram, edgeIndex(diagram, 'I', 'B'))).toMatch(/stroke:#d93025/);
  });
});

describe('renderPathsMarkdown', () => {
  it('has the verdict, one table row per network and the fenced diagram', () => {
    const facts = brokerFacts([...degradedFacts().onPrem.networks, ...unreachableFacts().onPrem.networks]);
    const markdown = renderPathsMarkdown(pathsReport(facts, {verdict: 'unreachable', reason: 'A | B.'}));
    expect(markdown).toContain('### Network paths to `orders-prod` (111122223333 / eu-west-1)');
    expect(markdown).toContain('**UNREACHABLE**: A \\| B.');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| `10\.0\.0\.0\/8` \| degraded \| 1 \| 1 \| {2}\|$/);
    expect(rows[1]).toContain(
      'route table rtb-0a1b2c3d4e5f60001 (no route, return traffic): rtb-0a1b2c3d4e5f60001 has no route for 172.16.0.0/12',
    );
    const fence = markdown.slice(markdown.indexOf('```mermaid\n'));
    expectWellFormed(parseMermaid(fence.slice('```mermaid\n'.length, fence.lastIndexOf('```'))));
    expect(renderPaths('markdown', pathsReport(facts))).toBe(renderPathsMarkdown(pathsReport(facts)));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('findingNetwork: the hops a failing network finding is about', () => {
  it('a redundancy failure shows the best healthy path', () => {
    const found = findingNetwork(degradedFacts(), BROKER, [
      {path: 'network.onPrem.redundant', found: false, expected: 'true'},
    ]);
    expect(found?.focus).toBe('healthy-path');
    expect(found?.flows).toHaveLength(1);
    expect(found?.flows[0].linkId).toBe(`${VPN}/${TUNNEL_1}`);
    expect(found?.flows[0].hops.every((h) => h.status === 'ok')).toBe(true);
  });

  it('a redundancy failure of a network that is partly unreachable shows where it breaks, not a healthy path', () => {
    const cidr = '10.0.0.0/8';
    const elsewhere = breakAt(
      vpnPath({cidr: '10.8.0.0/16'}),
      'route-table',
      'routed-elsewhere',
      `${ROUTE_TABLE} sends 10.8.0.0/16 to another VPC`,
    );
    const facts = brokerFacts([
      network(cidr, [vpnPath({cidr}), vpnPath({cidr, tunnelIp: TUNNEL_2}), elsewhere], {
        verdict: 'unreachable',
        reachable: false,
        redundant: false,
        breakPoint: elsewhere.breakPoint,
      }),
    ]);
    const found = findingNetwork(facts, BROKER, [{path: 'network.onPrem.redundant', found: false, expected: 'true'}]);
    expect(found?.focus).toBe('healthy-path');
    expect(found?.flows[0].breakPoint?.kind).toBe('routed-elsewhere');
    expect(found?.flows[0].hops.some((h) => h.status === 'broken')).toBe(true);
  });

  it('an internet ingress failure lists only the rules open to the whole internet when there are any', () => {
    const rules = [
      {
        securityGroupId: SECURITY_GROUP,
        ruleId: 'sgr-partner',
        source: '198.51.100.0/24',
        ports: [61614],
        wholeInternet: false,
      },
      {securityGroupId: SECURITY_GROUP, ruleId: 'sgr-world', source: '0.0.0.0/0', ports: [61617], wholeInternet: true},
    ];
    const facts = {
      ...reachableFacts(),
      internetIngress: {open: true, publiclyAccessible: false, openPorts: [61617], rules, publicSubnet: false},
    };
    const found = findingNetwork(facts, BROKER, [
      {path: 'network.internetIngress.openPorts', found: [61617], expected: 'at most 0 item(s)'},
    ]);
    expect(found?.flows[0].hops.map((h) => h.rules)).toEqual([['sgr-world']]);
  });

  it('a reachability failure shows where each failing network breaks', () => {
    const facts = brokerFacts([...reachableFacts().onPrem.networks, ...unreachableFacts().onPrem.networks]);
    const found = findingNetwork(facts, BROKER, [{path: 'network.onPrem.reachable', found: false, expected: 'true'}]);
    expect(found?.focus).toBe('broken-path');
    expect(found?.flows.map((f) => f.from)).toEqual(['172.16.0.0/12']);
    expect(found?.flows[0].breakPoint).toMatchObject({kind: 'no-route', id: ROUTE_TABLE});
    expect(found?.flows[0].hops.find((h) => h.status === 'broken')?.id).toBe(ROUTE_TABLE);
  });

  it('follows the network an explanation points at', () => {
    const facts = brokerFacts([
      ...unreachableFacts('172.16.0.0/12').onPrem.networks,
      ...unreachableFacts('192.168.0.0/16').onPrem.networks,
    ]);
    const found = findingNetwork(facts, BROKER, [
      {path: 'network.onPrem.networks.1.verdict', found: 'unreachable', expected: 'one of "reachable"'},
    ]);
    expect(found?.flows.map((f) => f.from)).toEqual(['192.168.0.0/16']);
  });

  it('an internet ingress failure lists the rules that admit the internet', () => {
    const facts = {
      ...reachableFacts(),
      internetIngress: {
        open: true,
        publiclyAccessible: false,
        openPorts: [5671],
        rules: [{securityGroupId: SECURITY_GROUP, ruleId: 'sgr-1', source: '::/0', ports: [5671], wholeInternet: true}],
        publicSubnet: false,
      },
    };
    const found = findingNetwork(facts, BROKER, [
      {path: 'network.internetIngress.open', found: true, expected: 'false'},
    ]);
    expect(found).toEqual({
      focus: 'internet-ingress',
      flows: [
        {
          from: 'internet',
          hops: [
            expect.objectContaining({
              kind: 'security-group',
              id: SECURITY_GROUP,
              status: 'broken',
              rules: ['sgr-1'],
              accountId: BROKER.accountId,
            }),
          ],
        },
      ],
    });
  });

  it('has nothing to show for a broker every network reaches', () => {
    expect(
      findingNetwork(reachableFacts(), BROKER, [{path: 'network.onPrem.verdict', found: 'reachable', expected: 'x'}]),
    ).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------------

const CONNECTIVITY: ReportedPolicy = {
  id: 'mq/private-connectivity',
  title: 'Production brokers are reachable from every on-premises network',
  severity: 'high',
  description: 'Every on-premises network reaches the broker over a healthy private path.',
  rationale: 'r',
  remediation: 'Fix the path where it breaks.',
  helpUri: 'https://example.com/p',
  controls: {},
  tags: ['network'],
  source: 'policies/mq/private-connectivity.json',
  builtIn: true,
  parameterValues: {},
};

function networkFinding(facts: BrokerNetworkFacts, path: string): ReportedEvaluation {
  const explanations = [{path, found: false, expected: 'true'}];
  return {
    policyId: CONNECTIVITY.id,
    status: 'fail',
    severity: 'high',
    resource: BROKER,
    message: 'Broker orders-prod fails mq/private-connectivity: network.onPrem.reachable is false, expected true.',
    explanations,
    network: findingNetwork(facts, BROKER, explanations),
  };
}

function scanReportWith(results: ReportedEvaluation[]): ScanReport {
  return assembleReport([...reportedPolicies(), CONNECTIVITY], results, []);
}

function onlyResult(log: Log): Result {
  expect(log.runs[0].results).toHaveLength(1);
  return log.runs[0].results![0];
}

describe('SARIF: network findings list their hops', () => {
  const facts = brokerFacts([...unreachableFacts().onPrem.networks]);
  const report = scanReportWith([networkFinding(facts, 'network.onPrem.reachable')]);
  const log = parseSarif(renderSarif(report, {}));
  const result = onlyResult(log);
  const hops = report.results[0].network!.flows[0].hops;

  it('stays schema-valid and ingestible by GitHub', () => {
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
  });

  it('has one code flow per network, one inline physical location per hop, each with its reason', () => {
    expect(result.codeFlows).toHaveLength(1);
    const locations = result.codeFlows![0].threadFlows[0].locations;
    expect(locations).toHaveLength(hops.length);
    locations.forEach((tfl, i) => {
      const physical = tfl.location!.physicalLocation!;
      expect(physical.artifactLocation!.uri).not.toContain(':');
      expect(physical.region!.startLine).toBe(1);
      expect(tfl.location!.message!.text).toContain(hops[i].reason);
      expect(tfl.importance).toBe(hops[i].status === 'ok' ? 'important' : 'essential');
    });
    const table = locations.find((tfl) => (tfl.location!.message!.text ?? '').startsWith('route table'))!;
    expect(table.location!.physicalLocation!.artifactLocation!.uri).toBe(
      `aws/111122223333/eu-west-1/ec2/route-table/${ROUTE_TABLE}`,
    );
    expect(table.location!.message!.text).toMatch(
      /^route table rtb-0a1b2c3d4e5f60001: broken \(no route\), return traffic\. /,
    );
    expect(result.codeFlows![0].message!.text).toBe(
      `From 172.16.0.0/12 (unreachable) to subnet-0a1b2c3d4e5f60001: breaks at route table ${ROUTE_TABLE} (no route).`,
    );
  });

  it('gives every hop a related location, and the message links the one where the path breaks', () => {
    const related = result.relatedLocations!;
    expect(new Set(related.map((r) => r.id)).size).toBe(related.length);
    expect(related.length).toBe(new Set(hops.map((h) => `${h.kind}|${h.id}|${h.direction ?? ''}`)).size);
    const table = related.find((r: Location) =>
      r.physicalLocation?.artifactLocation?.uri?.endsWith(`/route-table/${ROUTE_TABLE}`),
    )!;
    expect(result.message.text).toContain(
      `From 172.16.0.0/12 the path breaks at route table ${ROUTE_TABLE} [${ROUTE_TABLE}](${table.id}) (no route): ${ROUTE_TABLE} has no route for 172.16.0.0/12.`,
    );
    // The first sentence is still the evaluation's own: GitHub shows it when space is short.
    expect((result.message.text ?? '').startsWith('Broker orders-prod fails mq/private-connectivity')).toBe(true);
    const onPrem = related.find((r) => (r.message?.text ?? '').startsWith('on-premises network'))!;
    expect(onPrem.physicalLocation!.artifactLocation!.uri).toBe('on-premises/172.16.0.0-12');
  });

  it('does not change the fingerprint or the primary location', () => {
    expect(result.partialFingerprints!.primaryLocationLineHash).toBe(
      primaryLocationLineHash(CONNECTIVITY.id, BROKER.arn),
    );
    expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe(
      'aws/111122223333/eu-west-1/mq/broker/orders-prod',
    );
  });

  it('a redundancy failure links the tunnel of the one healthy path', () => {
    const redundancy = networkFinding(degradedFacts(), 'network.onPrem.redundant');
    const sarif = parseSarif(renderSarif(scanReportWith([redundancy]), {}));
    expect(validateSarif(sarif)).toEqual([]);
    const only = onlyResult(sarif);
    const tunnel = only.relatedLocations!.find((r) => (r.message?.text ?? '').startsWith(`VPN tunnel ${TUNNEL_1}`))!;
    expect(only.message.text).toContain(
      `the best healthy path runs through VPN tunnel ${TUNNEL_1} (${VPN}) [${VPN}](${tunnel.id})`,
    );
    expect(tunnel.physicalLocation!.artifactLocation!.uri).toBe(`aws/111122223333/eu-west-1/ec2/vpn-connection/${VPN}`);
  });

  it('results without network facts have no code flows', () => {
    const plain = parseSarif(
      renderSarif(
        assembleReport(reportedPolicies(), [{...networkFinding(facts, 'x'), network: undefined} as Evaluation], []),
        {},
      ),
    );
    expect(onlyResult(plain).codeFlows).toBeUndefined();
    expect(onlyResult(plain).relatedLocations).toBeUndefined();
  });
});

describe('SARIF: the location hook', () => {
  const report = scanReportWith([
    networkFinding(brokerFacts([...unreachableFacts().onPrem.networks]), 'network.onPrem.reachable'),
  ]);

  it('anchors the broker and hops where the locator says, and keeps the pseudo-path elsewhere', () => {
    const asked: {resource: LocatableResource; property?: string}[] = [];
    const log = parseSarif(
      renderSarif(report, {
        locate: (resource, property) => {
          asked.push({resource, property});
          if (resource.kind === 'broker') return {uri: 'infra/mq.tf', startLine: 3, endLine: 40};
          if (resource.kind === 'route-table') return {uri: 'infra/network.tf', startLine: 12, endLine: 20};
          return undefined;
        },
      }),
    );
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const result = onlyResult(log);
    expect(result.locations![0].physicalLocation).toEqual({
      artifactLocation: {uri: 'infra/mq.tf'},
      region: {startLine: 3, endLine: 40},
    });
    const table = result.relatedLocations!.find((r) => (r.message?.text ?? '').startsWith('route table'))!;
    expect(table.physicalLocation).toEqual({
      artifactLocation: {uri: 'infra/network.tf'},
      region: {startLine: 12, endLine: 20},
    });
    const sg = result.relatedLocations!.find((r) => (r.message?.text ?? '').startsWith('security group'))!;
    expect(sg.physicalLocation!.artifactLocation!.uri).toBe(
      `aws/111122223333/eu-west-1/ec2/security-group/${SECURITY_GROUP}`,
    );
    // The broker is asked with the document path the finding is about; hops carry their type and ARN.
    expect(asked.find((a) => a.resource.kind === 'broker' && a.property !== undefined)).toMatchObject({
      resource: {arn: BROKER.arn, name: 'orders-prod', resourceType: 'AWS::AmazonMQ::Broker', tags: BROKER.tags},
      property: 'network.onPrem.reachable',
    });
    expect(asked.find((a) => a.resource.kind === 'route-table')?.resource).toMatchObject({
      resourceType: 'AWS::EC2::RouteTable',
      id: ROUTE_TABLE,
      accountId: '111122223333',
      region: 'eu-west-1',
    });
  });

  it('ignores an answer GitHub would reject (a URI scheme, line 0) and falls back to the pseudo-path', () => {
    const log = parseSarif(
      renderSarif(report, {
        locate: (resource) =>
          resource.kind === 'broker' ? {uri: BROKER.arn, startLine: 1} : {uri: 'infra/x.tf', startLine: 0},
      }),
    );
    expect(githubProblems(log)).toEqual([]);
    const result = onlyResult(log);
    expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe(
      'aws/111122223333/eu-west-1/mq/broker/orders-prod',
    );
    expect(
      result.relatedLocations!.every(
        (r) =>
          r.physicalLocation!.region!.startLine === 1 &&
          !r.physicalLocation!.artifactLocation!.uri!.startsWith('infra/'),
      ),
    ).toBe(true);
  });

  it('default pseudo-paths: EC2 and Direct Connect types, global Direct Connect gateways, on-premises networks', () => {
    expect(
      resourcePath({
        kind: 'vpn-gateway',
        resourceType: 'AWS::EC2::VPNGateway',
        id: VGW,
        accountId: '1',
        region: 'eu-west-1',
      }),
    ).toBe(`aws/1/eu-west-1/ec2/vpn-gateway/${VGW}`);
    expect(
      resourcePath({
        kind: 'tgw-route-table',
        resourceType: 'AWS::EC2::TransitGatewayRouteTable',
        id: 'tgw-rtb-1',
        accountId: '1',
        region: 'eu-west-1',
      }),
    ).toBe('aws/1/eu-west-1/ec2/transit-gateway-route-table/tgw-rtb-1');
    expect(
      resourcePath({
        kind: 'dx-gateway',
        resourceType: 'AWS::DirectConnect::DirectConnectGateway',
        id: 'abc',
        accountId: '1',
      }),
    ).toBe('aws/1/global/directconnect/direct-connect-gateway/abc');
    expect(
      resourcePath({
        kind: 'vpc-peering-connection',
        resourceType: 'AWS::EC2::VPCPeeringConnection',
        id: 'pcx-1',
        accountId: '1',
        region: 'r-1',
      }),
    ).toBe('aws/1/r-1/ec2/vpc-peering-connection/pcx-1');
    expect(resourcePath({kind: 'on-premises-network', resourceType: 'OnPremises::Network', id: '10.0.0.0/8'})).toBe(
      'on-premises/10.0.0.0-8',
    );
  });
});

describe('buildReport: failing network findings carry their hops', () => {
  const policy = (id: string, requires?: string[]) =>
    ({...CONNECTIVITY, id, requires, assert: {}, checks: {assert: () => true}}) as unknown as CompiledPolicy;
  const failing = (policyId: string, path: string): Evaluation => ({
    policyId,
    status: 'fail',
    severity: 'high',
    resource: BROKER,
    message: 'm',
    explanations: [{path, found: false, expected: 'true'}],
  });

  it('attaches the hops to failures that point into network, and leaves other results alone', () => {
    const facts = unreachableFacts();
    const results = [
      failing('mq/private-connectivity', 'network.onPrem.reachable'),
      failing('mq/production-ha', 'deploymentMode'),
      {...failing('mq/private-connectivity', 'network.onPrem.reachable'), status: 'pass' as const},
      failing('acme/needs-network', 'deploymentMode'),
    ];
    const policies = [
      policy('mq/private-connectivity'),
      policy('mq/production-ha'),
      policy('acme/needs-network', ['/network/onPrem/reachable']),
    ];
    const built = buildScanReport({
      snapshot: snapshotOf([]),
      policies,
      results: reportedResults(results, policies, (broker) => (broker.arn === BROKER.arn ? facts : undefined)),
      failOn: 'low',
      tool: {name: 'mq-audit', version: 't'},
      generatedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(built.results[0].network?.flows[0].breakPoint?.id).toBe(ROUTE_TABLE);
    expect(built.results[1].network).toBeUndefined();
    expect(built.results[2].network).toBeUndefined();
    // A custom policy that requires a /network pointer is a network policy even when it explains elsewhere.
    expect(built.results[3].network?.focus).toBe('broken-path');
  });
});

describe('Mermaid labels from hostile names (issue 18, item 15)', () => {
  it('neutralise directives, statement breaks and control characters', () => {
    const label = escapeMermaid(
      'x%%{init: {"theme": "dark"}}%%"]; click A href "javascript:alert(1)" \u001b[2J\u202e\u0007',
    );
    // eslint-disable-next-line no-control-regex -- control characters must not survive the escaping
    expect(label).not.toMatch(/%%|"|\];|[\u0000-\u001f\u202e]/);
    expect(label).toContain('#37;#37;{init');
    expect(label).toContain('\\u001b[2J\\u202e\\u0007');
  });
});
