/**
 * The bundled demo estate (fixtures/demo/inventory.json) is built to show every built-in policy both passing and
 * failing somewhere, and every network verdict on a production broker. A change to a policy or to the path model
 * that makes the demo stop showing one of them fails here, with the policy or verdict named.
 */
import type {BrokerNetworkFacts, Verdict} from '../../src/network';
import {type BrokerDocument} from '../../src/policy/document';
import {brokerDocuments} from '../../src/policy/evaluate';
import type {ScanReport} from '../../src/report/types';
import {evaluationOptions} from '../../src/services/evaluation';
import type {Snapshot} from '../../src/snapshot/types';
import {scanDemo} from '../helpers/demo';

let report: ScanReport;
let snapshot: Snapshot;
let documents: BrokerDocument[];
let remove: () => void;

beforeAll(async () => {
  ({report, snapshot, remove} = await scanDemo());
  documents = brokerDocuments(snapshot, evaluationOptions(snapshot, {defaults: {}}));
});
afterAll(() => remove());

function networkOf(name: string): BrokerNetworkFacts {
  const document = documents.find((d) => d.name === name);
  if (!document) throw new Error(`the demo estate has no broker ${name}`);
  return document.network as BrokerNetworkFacts;
}

function resultOf(policyId: string, name: string) {
  const result = report.results.find((r) => r.policyId === policyId && r.resource.name === name);
  if (!result) throw new Error(`no result of ${policyId} for ${name}`);
  return result;
}

it('evaluates every built-in policy, the network ones included', () => {
  const ids = report.policies.map((p) => p.id);
  expect(ids).toEqual(
    expect.arrayContaining(['mq/private-connectivity', 'mq/private-connectivity-redundant', 'mq/no-internet-ingress']),
  );
  expect(report.policies.every((p) => p.builtIn)).toBe(true);
});

it('shows every built-in policy passing on one broker and failing on another', () => {
  const missing = report.policies.flatMap((policy) => {
    const statuses = new Set(report.results.filter((r) => r.policyId === policy.id).map((r) => r.status));
    return (['pass', 'fail'] as const)
      .filter((status) => !statuses.has(status))
      .map((status) => `${policy.id} has no ${status}`);
  });
  expect(missing).toEqual([]);
});

it('shows each network verdict on a production broker', () => {
  const production = documents.filter((d) => d.facts.production === true);
  const verdicts = new Set(production.map((d) => (d.network as BrokerNetworkFacts | null)?.onPrem.verdict));
  expect([...verdicts].sort()).toEqual(
    (['degraded', 'reachable', 'unknown', 'unreachable'] satisfies Verdict[]).sort(),
  );
});

describe('what each production broker shows', () => {
  it('orders-prod: reachable from the data centre over both VPN tunnels and Direct Connect', () => {
    const onPrem = networkOf('orders-prod').onPrem;
    expect([onPrem.verdict, onPrem.source, onPrem.networks.map((n) => n.cidr)]).toEqual([
      'reachable',
      'inferred',
      ['10.100.0.0/16'],
    ]);
    const links = new Set(
      onPrem.networks[0].paths.filter((p) => p.status === 'healthy').map((p) => `${p.via} ${p.linkId}`),
    );
    expect([...links].sort()).toEqual([
      'direct-connect dxcon-fh6ayh1d',
      'vpn vpn-0b3c5d7e9f1a3b5c7/34.247.18.92',
      'vpn vpn-0b3c5d7e9f1a3b5c7/52.213.40.158',
    ]);
    expect(onPrem.independentPathCount).toBe(3);
    expect(resultOf('mq/private-connectivity', 'orders-prod').status).toBe('pass');
    expect(resultOf('mq/private-connectivity-redundant', 'orders-prod').status).toBe('pass');
  });

  it('payments-prod: unreachable, because its eu-west-1c subnet is on the main route table without a route back', () => {
    const onPrem = networkOf('payments-prod').onPrem;
    expect(onPrem.verdict).toBe('unreachable');
    expect(onPrem.breakPoint).toMatchObject({
      kind: 'no-route',
      hop: 'route-table',
      id: 'rtb-0a6c8e0b2d4f6a8c1',
      direction: 'return',
    });
    const broken = onPrem.networks[0].paths.filter((p) => p.status === 'broken').map((p) => p.subnetId);
    expect([...new Set(broken)]).toEqual(['subnet-0a1f3c5e7b9d20c33']);
    const result = resultOf('mq/private-connectivity', 'payments-prod');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('rtb-0a6c8e0b2d4f6a8c1 (payments-prod-main) has no route for 10.100.0.0/16');
  });

  it('settlement-prod: degraded, one tunnel of the transit gateway VPN is down', () => {
    const onPrem = networkOf('settlement-prod').onPrem;
    expect([onPrem.verdict, onPrem.reachable, onPrem.redundant, onPrem.independentPathCount]).toEqual([
      'degraded',
      true,
      false,
      1,
    ]);
    const down = onPrem.networks[0].paths
      .filter((p) => p.status === 'broken')
      .map((p) => `${p.linkId} ${p.breakPoint?.kind}`);
    expect([...new Set(down)]).toEqual(['vpn-0d5e7f9a1b3c5d7e9/44.205.96.31 tunnel-down']);
    expect(onPrem.networks[0].paths.every((p) => p.hops.some((h) => h.kind === 'transit-gateway'))).toBe(true);
    expect(resultOf('mq/private-connectivity', 'settlement-prod').status).toBe('pass');
    const redundancy = resultOf('mq/private-connectivity-redundant', 'settlement-prod');
    expect(redundancy.status).toBe('fail');
    for (const fragment of ['verdict degraded', '1 independent healthy path(s)'])
      expect(redundancy.message).toContain(fragment);
  });

  it("notifications-prod: unknown, the region's Direct Connect calls were denied; the network checks are errors, never passes", () => {
    const onPrem = networkOf('notifications-prod').onPrem;
    expect([onPrem.verdict, onPrem.reachable, onPrem.redundant]).toEqual(['unknown', null, null]);
    const denied = networkOf('notifications-prod').missing.map((m) => `${m.error?.operation} ${m.error?.code}`);
    expect(denied).toContain('DescribeVirtualInterfaces AccessDeniedException');
    for (const policyId of ['mq/private-connectivity', 'mq/private-connectivity-redundant']) {
      expect(resultOf(policyId, 'notifications-prod')).toMatchObject({
        status: 'error',
        message: expect.stringContaining('directconnect:DescribeVirtualInterfaces failed (AccessDeniedException)'),
      });
    }
  });

  it('billing-prod: reachable, but its security group admits the whole internet on OpenWire 61617', () => {
    const network = networkOf('billing-prod');
    expect(network.onPrem.verdict).toBe('reachable');
    expect(network.internetIngress).toMatchObject({groupsOpen: true, openPorts: [61617]});
    expect(network.internetIngress.rules).toEqual([
      {
        securityGroupId: 'sg-0c4e6a8b0d2f41a03',
        ruleId: 'sgr-0c3e5a7b9d1f3c501',
        source: '0.0.0.0/0',
        ports: [61617],
        wholeInternet: true,
      },
    ]);
    expect(resultOf('mq/no-internet-ingress', 'billing-prod')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('sg-0c4e6a8b0d2f41a03'),
    });
  });

  it('ledger-prod: its settings were denied, so every network check is an error', () => {
    for (const policyId of ['mq/private-connectivity', 'mq/private-connectivity-redundant', 'mq/no-internet-ingress']) {
      expect({policyId, status: resultOf(policyId, 'ledger-prod').status}).toEqual({policyId, status: 'error'});
    }
  });

  it('the collection description names every production broker it explains', () => {
    const production = documents.filter((d) => d.facts.production !== false).map((d) => d.name);
    expect(production.filter((name) => !snapshot.collection.description?.includes(name))).toEqual([]);
  });
});

describe('assumptions of the CLI tests (test/commands) about the demo', () => {
  it('keeps a denied DescribeBroker and a Direct Connect AccessDenied in us-east-1 of the production account', () => {
    const errors = report.collectionErrors.map(
      (e) => `${e.accountId} ${e.region} ${e.service}:${e.operation} ${e.code}`,
    );
    expect(errors).toContain('111122223333 eu-west-1 mq:DescribeBroker AccessDeniedException');
    expect(errors).toContain('111122223333 us-east-1 directconnect:DescribeVirtualInterfaces AccessDeniedException');
  });

  it('fails the gate (exit 1) with the default --fail-on', () => {
    expect(report.gate.exitCode).toBe(1);
  });
});
