/** The model's contract (buildNetworkModel / factsFor), inference of on-premises networks, and its use by policies. */
import {join} from 'node:path';
import {buildNetworkModel, cidrProblem} from '../../src/network';
import {evaluateSnapshot} from '../../src/policy/evaluate';
import {loadPolicies} from '../../src/policy/loader';
import type {
  NetworkAcl,
  RegionNetwork,
  RouteTable,
  Subnet,
  Vpc,
  VpnConnection,
  VpnGateway,
} from '../../src/snapshot/network';
import type {Broker, Snapshot} from '../../src/snapshot/types';
import {collectionError, route, setRoutes, SUBNET_A, variantOf, VGW} from './builder';
import {analyze, hopKinds, network, onlyBroker, pathLine, topology} from './helpers';

const DC = '10.100.0.0/16';

describe('buildNetworkModel', () => {
  it('returns undefined for a region whose network was not collected', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s}) => {
      delete s.accounts[0].regions[0].network;
    });
    const model = buildNetworkModel(snapshot, {onPremCidrs: []});
    const region = snapshot.accounts[0].regions[0];
    expect(
      model.factsFor({
        broker: region.brokers![0],
        accountId: snapshot.accounts[0].accountId,
        partition: 'aws',
        region: region.region,
      }),
    ).toBeUndefined();
    expect(
      model.factsFor({broker: region.brokers![0], accountId: '999999999999', partition: 'aws', region: region.region}),
    ).toBeUndefined();
  });

  it('rejects networks that are not CIDR blocks, naming the flag and the fix', () => {
    expect(() =>
      buildNetworkModel(topology('vgw-vpn-both-up'), {onPremCidrs: ['10.100.0.0/16', '10.100.1.0/16', 'dc1']}),
    ).toThrow(
      '--on-prem-cidr: "10.100.1.0/16" has host bits set; did you mean 10.100.0.0/16?; "dc1" is not a CIDR block (expected e.g. 10.20.0.0/16 or 2001:db8::/32)',
    );
    expect(cidrProblem('2001:db8::/32')).toBeUndefined();
  });

  it('normalizes and deduplicates the given networks', () => {
    const model = buildNetworkModel(topology('vgw-vpn-both-up'), {
      onPremCidrs: ['10.100.0.0/16', '2001:DB8:0::/32', '10.100.0.0/16'],
    });
    expect(model.onPremCidrs).toEqual(['10.100.0.0/16', '2001:db8::/32']);
  });

  it('judges every given network and the broker by the worst', () => {
    const {facts} = onlyBroker(topology('vgw-vpn-both-up'), [DC, '192.168.40.0/24']);
    expect(facts.onPrem.networks.map((n) => [n.cidr, n.source, n.verdict])).toEqual([
      [DC, 'explicit', 'reachable'],
      ['192.168.40.0/24', 'explicit', 'unreachable'],
    ]);
    expect(facts.onPrem).toMatchObject({
      verdict: 'unreachable',
      reachable: false,
      redundant: false,
      source: 'explicit',
      networkCount: 2,
      reachableCount: 1,
      unreachableCount: 1,
      healthyPathCount: 0,
    });
    expect(facts.onPrem.breakPoint).toMatchObject({kind: 'no-route', hop: 'route-table', id: 'rtb-0d4e5f60718293a4b'});
  });

  it("reports the broker's VPC, subnets and ports", () => {
    const {facts} = onlyBroker(topology('vgw-vpn-both-up'), [DC]);
    expect(facts.vpcId).toBe('vpc-0c3f1a9e5b7d24680');
    expect(facts.subnets[0]).toEqual({
      id: SUBNET_A,
      vpcId: 'vpc-0c3f1a9e5b7d24680',
      cidr: '10.20.1.0/24',
      availabilityZone: 'eu-west-1a',
      routeTableId: 'rtb-0d4e5f60718293a4b',
      routeTableAssociation: 'explicit',
      networkAclId: 'acl-0a9b8c7d6e5f40312',
    });
    expect(facts.ports.map((p) => p.port)).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
    expect(facts.ephemeralPorts).toEqual({from: 1024, to: 65535});
  });
});

describe('brokers without a private path to judge', () => {
  it('DescribeBroker failed: everything unknown, with the failed call', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, broker}) => {
      broker.details = null;
      s.errors.push(collectionError('mq', 'DescribeBroker', 'AccessDeniedException', {resource: broker.id}));
    });
    const {facts, unknown} = onlyBroker(snapshot, [DC]);
    expect([facts.vpcId, facts.onPrem.verdict, facts.onPrem.reachable, facts.internetIngress.open]).toEqual([
      null,
      'unknown',
      null,
      null,
    ]);
    expect(network(facts, DC).verdict).toBe('unknown');
    expect(unknown['/network/onPrem/reachable']).toContain('mq:DescribeBroker failed (AccessDeniedException)');
    expect(Object.keys(unknown).sort()).toEqual([
      '/network/internetIngress/groupsOpen',
      '/network/internetIngress/open',
      '/network/internetIngress/publicSubnet',
      '/network/internetIngress/publiclyAccessible',
      '/network/onPrem/networks/0/reachable',
      '/network/onPrem/networks/0/redundant',
      '/network/onPrem/networks/0/verdict',
      '/network/onPrem/reachable',
      '/network/onPrem/redundant',
      '/network/onPrem/verdict',
      '/network/vpcId',
    ]);
  });

  it('a publicly accessible RabbitMQ broker has no subnet: no-subnet, exposed', () => {
    const snapshot = variantOf('tgw-vpn', ({details}) => {
      details.publiclyAccessible = true;
      details.subnetIds = [];
      details.securityGroups = [];
    });
    const {facts} = onlyBroker(snapshot, [DC]);
    const dc = network(facts, DC);
    expect([facts.onPrem.verdict, dc.verdict]).toEqual(['unreachable', 'unreachable']);
    expect(dc.breakPoint).toMatchObject({
      kind: 'no-subnet',
      hop: 'broker',
      id: 'b-3f8a1c6e-7d2b-4e9f-a051-6c4d2e8b9f17',
    });
    expect(dc.paths.map((p) => hopKinds(p))).toEqual([['on-premises-network', 'broker']]);
    expect([facts.internetIngress.open, facts.internetIngress.publiclyAccessible]).toEqual([true, true]);
    expect(onlyBroker(snapshot, [DC]).unknown).toEqual({});
  });
});

describe('inferring on-premises networks', () => {
  it('from a propagated VPN route', () => {
    const {facts} = onlyBroker(topology('vgw-vpn-both-up'));
    expect(facts.onPrem.source).toBe('inferred');
    expect(facts.onPrem.networks.map((n) => [n.cidr, n.source, n.verdict])).toEqual([[DC, 'inferred', 'reachable']]);
    expect(facts.onPrem.networks[0].inferredFrom).toEqual([
      {resourceType: 'AWS::EC2::RouteTable', id: 'rtb-0d4e5f60718293a4b', detail: `route ${DC} → ${VGW}, propagated`},
    ]);
    expect(facts.onPrem.note).toBe(`inferred from the broker subnets' routes towards VPN and Direct Connect: ${DC}`);
  });

  it('through a transit gateway: the summary route to the gateway, the specific route to the VPN there', () => {
    const {facts} = onlyBroker(topology('tgw-vpn'));
    const [dc] = facts.onPrem.networks;
    expect([dc.cidr, dc.verdict]).toEqual([DC, 'reachable']);
    expect(dc.inferredFrom?.map((f) => `${f.id}: ${f.detail}`)).toEqual([
      'rtb-0d4e5f60718293a4b: route 10.0.0.0/8 → tgw-0f9e8d7c6b5a43210',
      'tgw-rtb-0a1b2c3d4e5f6a7b8: route 10.100.0.0/16 → tgw-attach-0b2c3d4e5f6070002 (vpn vpn-0e1f2a3b4c5d6e7f8), propagated',
    ]);
  });

  it('leaves out blocks a more specific route sends elsewhere', () => {
    const {facts} = onlyBroker(topology('more-specific-route'));
    const [dc] = facts.onPrem.networks;
    expect([dc.cidr, dc.excluding, dc.verdict]).toEqual([DC, ['10.100.8.0/21'], 'reachable']);
    expect(dc.paths.map(pathLine).slice(0, 1)).toEqual([
      `${SUBNET_A} ${DC} except 10.100.8.0/21 vpn vpn-0e1f2a3b4c5d6e7f8/34.250.12.34 healthy`,
    ]);
  });

  it('keeps a blackhole route to a virtual private gateway, so the break shows', () => {
    const {facts} = onlyBroker(topology('blackhole-route'));
    expect(facts.onPrem.networks.map((n) => [n.cidr, n.verdict, n.breakPoint?.kind])).toEqual([
      [DC, 'unreachable', 'blackhole'],
    ]);
  });

  it('nothing routed towards VPN or Direct Connect: unreachable, and says how to ask', () => {
    const {facts} = onlyBroker(topology('peering-only'));
    expect(facts.onPrem).toMatchObject({
      verdict: 'unreachable',
      reachable: false,
      networkCount: 0,
      breakPoint: {kind: 'no-route', hop: 'route-table', id: 'rtb-0d4e5f60718293a4b'},
    });
    expect(facts.onPrem.note).toContain('give the on-premises networks with --on-prem-cidr');
  });

  it('only a default route towards the VPN: unknown, not "the internet is on-premises"', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) =>
      setRoutes(network, [route('0.0.0.0/0', 'vpn-gateway', VGW)]),
    );
    const {facts, unknown} = onlyBroker(snapshot);
    expect([facts.onPrem.verdict, facts.onPrem.networkCount]).toEqual(['unknown', 0]);
    expect(unknown['/network/onPrem/reachable']).toContain('only a default route towards VPN or Direct Connect');
  });

  it('route tables that could not be read: unknown', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.routeTables = null;
      s.errors.push(collectionError('ec2', 'DescribeRouteTables', 'UnauthorizedOperation'));
    });
    const {facts} = onlyBroker(snapshot);
    expect([facts.onPrem.verdict, facts.onPrem.reachable]).toEqual(['unknown', null]);
    expect(facts.onPrem.note).toBe(
      'on-premises networks could not be inferred: ec2:DescribeRouteTables failed (UnauthorizedOperation)',
    );
  });
});

describe('policies on the network facts', () => {
  const policies = loadPolicies({builtIn: false, paths: [join(__dirname, 'policies')]});
  const evaluate = (snapshot: Snapshot, onPremCidrs = [DC]) => {
    const model = buildNetworkModel(snapshot, {onPremCidrs});
    return Object.fromEntries(
      evaluateSnapshot(snapshot, policies, {networkFacts: (scope) => model.factsFor(scope)}).map((r) => [
        r.policyId,
        r,
      ]),
    );
  };

  it('pass on a healthy, redundant, closed broker', () => {
    const results = evaluate(topology('vgw-vpn-both-up'));
    expect(Object.values(results).map((r) => [r.policyId, r.status])).toEqual([
      ['acme/no-internet-ingress', 'pass'],
      ['acme/private-connectivity', 'pass'],
      ['acme/private-connectivity-redundant', 'pass'],
    ]);
  });

  it('AccessDenied on Direct Connect: the checks that need the verdict report error, with the reason', () => {
    const results = evaluate(topology('dx-access-denied'));
    expect(results['acme/private-connectivity'].status).toBe('error');
    expect(results['acme/private-connectivity'].message).toContain(
      'network.onPrem.reachable is unknown (directconnect:DescribeVirtualInterfaces failed (AccessDeniedException)',
    );
    expect(results['acme/private-connectivity-redundant'].status).toBe('error');
    expect(results['acme/no-internet-ingress'].status).toBe('pass');
  });

  it('one tunnel down fails redundancy only; exposure fails its own check', () => {
    const degraded = evaluate(topology('vgw-vpn-one-tunnel-down'));
    expect([
      degraded['acme/private-connectivity'].status,
      degraded['acme/private-connectivity-redundant'].status,
    ]).toEqual(['pass', 'fail']);
    expect(evaluate(topology('internet-exposure'))['acme/no-internet-ingress'].status).toBe('fail');
    expect(evaluate(topology('vgw-vpn-both-down'))['acme/private-connectivity'].status).toBe('fail');
  });
});

describe('scale', () => {
  it('analyzes 10,000 brokers in 20,000 subnets in seconds', () => {
    const snapshot = syntheticEstate(10_000);
    // CPU time, not wall time: other jobs on a shared machine slow the clock, not the work.
    const started = process.cpuUsage();
    const answers = analyze(snapshot, [DC]);
    const used = process.cpuUsage(started);
    const seconds = (used.user + used.system) / 1e6;
    expect(answers).toHaveLength(10_000);
    expect(new Set(answers.map((a) => a.facts.onPrem.verdict))).toEqual(new Set(['reachable']));
    // Work shared per route table and ACL keeps this linear in brokers; about 2 s of CPU when measured.
    expect(seconds).toBeLessThan(10);
  });
});

/** `count` brokers, each in two subnets of its own, 40 VPCs with a VGW and a two-tunnel VPN each. */
function syntheticEstate(count: number): Snapshot {
  const base = topology('vgw-vpn-both-up');
  const region = base.accounts[0].regions[0];
  const template = region.network!;
  const id = (prefix: string, n: number) => `${prefix}-0${n.toString(16).padStart(16, '0')}`;
  const vpcCount = 40;
  const vpcs: Vpc[] = [];
  const subnets: Subnet[] = [];
  const routeTables: RouteTable[] = [];
  const networkAcls: NetworkAcl[] = [];
  const vpnGateways: VpnGateway[] = [];
  const vpnConnections: VpnConnection[] = [];
  for (let v = 0; v < vpcCount; v++) {
    const vpcId = id('vpc', v);
    const vgwId = id('vgw', v);
    vpcs.push({id: vpcId, cidrs: [`10.${20 + v}.0.0/16`]});
    vpnGateways.push({id: vgwId, state: 'available', attachments: [{vpcId, state: 'attached'}]});
    vpnConnections.push({...template.vpnConnections![0], id: id('vpn', v), vpnGatewayId: vgwId});
    routeTables.push({
      id: id('rtb', v),
      vpcId,
      main: true,
      associations: [{main: true}],
      propagatingVgwIds: [vgwId],
      routes: [
        route(`10.${20 + v}.0.0/16`, 'local', 'local', {origin: 'CreateRouteTable'}),
        route(DC, 'vpn-gateway', vgwId, {origin: 'EnableVgwRoutePropagation'}),
      ],
    });
    networkAcls.push({...template.networkAcls![0], id: id('acl', v), vpcId, subnetIds: []});
  }

  const template_ = region.brokers![0];
  const brokers: Broker[] = [];
  for (let b = 0; b < count; b++) {
    const vpcId = id('vpc', b % vpcCount);
    const subnetIds = [id('subnet', b * 2), id('subnet', b * 2 + 1)];
    for (const subnetId of subnetIds) {
      subnets.push({id: subnetId, vpcId});
      networkAcls[b % vpcCount].subnetIds.push(subnetId);
    }

    const brokerId = `b-${b.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`;
    brokers.push({
      ...template_,
      id: brokerId,
      arn: template_.arn.replace(template_.id, brokerId),
      name: `broker-${b}`,
      details: {...template_.details!, subnetIds},
    });
  }

  const network: RegionNetwork = {...template, vpcs, subnets, routeTables, networkAcls, vpnGateways, vpnConnections};
  return {...base, accounts: [{...base.accounts[0], regions: [{...region, brokers, network}]}]};
}
