/**
 * The proposed estate: hand-built changes (in the contract's own terms, as the plan and template readers write
 * them) applied to the demo estate, judged by the same policies and path model, and compared with the deployed
 * estate's findings.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {classifyChanges} from '../../src/change/compare';
import {applyChanges, emptySnapshot} from '../../src/change/overlay';
import {placeholderId, type PlannedItem, type ProposedChange, type ResourceEdit} from '../../src/change/types';
import {loadPolicies} from '../../src/policy/loader';
import type {ReportedEvaluation} from '../../src/report/types';
import {judgeEstate} from '../../src/services/scan';
import type {Broker, Snapshot} from '../../src/snapshot/types';

const DEMO = join(__dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');
const demo = (): Snapshot => JSON.parse(readFileSync(DEMO, 'utf8')) as Snapshot;
const policies = loadPolicies();
const options = {
  config: {defaults: {}},
  failOn: 'low' as const,
  source: {none: true as const},
  policyPaths: [],
  include: [],
  exclude: [],
  change: {plans: [], templates: [], gate: 'changes' as const},
};
const ORDERS_TABLE = 'rtb-0b7d9f1c3e5a7b9d2';
const ORDERS_VGW = 'vgw-0f3a5c7e9b1d3f5a7';
const ORDERS_VPN = 'vpn-0b3c5d7e9f1a3b5c7';

function edit(
  address: string,
  resourceType: string,
  action: ResourceEdit['action'],
  before: PlannedItem[],
  after: PlannedItem[],
): ResourceEdit {
  return {
    format: 'terraform-plan',
    input: 'plan.json',
    address,
    resourceType,
    action,
    before,
    after,
    region: 'eu-west-1',
    accountId: '111122223333',
  };
}

function change(...edits: ResourceEdit[]): ProposedChange {
  return {format: 'terraform-plan', input: 'plan.json', description: 'test', edits, skipped: [], warnings: []};
}

function judge(deployed: Snapshot, proposal: ProposedChange) {
  const estate = applyChanges(deployed, [proposal]);
  const before = judgeEstate(deployed, policies, options);
  const after = judgeEstate(estate.snapshot, policies, options, before.verdicts);
  const classified = classifyChanges(after.results, before.results, estate, () => undefined);
  return {estate, before, after, classified};
}

function find(results: ReportedEvaluation[], broker: string, policyId: string): ReportedEvaluation {
  const found = results.find((r) => r.resource.name === broker && r.policyId === policyId);
  if (!found) throw new Error(`no result for ${broker} ${policyId}`);
  return found;
}

function newBroker(
  overrides: Partial<NonNullable<Broker['details']>> = {},
  deploymentMode = 'SINGLE_INSTANCE',
): Broker {
  const address = 'aws_mq_broker.checkout';
  return {
    arn: `arn:aws:mq:::broker:checkout:${placeholderId(address)}`,
    id: placeholderId(address),
    name: 'checkout',
    engineType: 'RABBITMQ',
    deploymentMode,
    hostInstanceType: 'mq.m5.large',
    details: {
      engineVersion: '3.13',
      publiclyAccessible: true,
      subnetIds: ['subnet-0a1f3c5e7b9d20a11'],
      securityGroups: ['sg-0c4e6a8b0d2f41a01'],
      autoMinorVersionUpgrade: true,
      logs: {general: true},
      encryption: {useAwsOwnedKey: true},
      tags: {Environment: 'prod', Owner: 'checkout-team', CostCenter: 'CC-1'},
      instances: [],
      ...overrides,
    },
  };
}

describe('the proposed estate', () => {
  test('deleting the route to on-premises makes a deployed broker unreachable: introduced, caused by the deletion', () => {
    // The demo's route is propagated; here it is a static route, as aws_route writes it.
    const deployed = demo();
    for (const route of deployed.accounts[0].regions[0].network!.routeTables!.find((t) => t.id === ORDERS_TABLE)!
      .routes)
      if (route.targetId === ORDERS_VGW) route.origin = 'CreateRoute';
    const route = {
      routeTableId: ORDERS_TABLE,
      route: {destinationCidr: '10.100.0.0/16', targetType: 'vpn-gateway' as const, targetId: ORDERS_VGW},
    };
    const {classified, before, after} = judge(
      deployed,
      change(edit('aws_route.onprem', 'aws_route', 'delete', [{kind: 'route', value: route}], [])),
    );
    const earlier = find(before.results, 'orders-prod', 'mq/private-connectivity');
    const now = find(classified.results, 'orders-prod', 'mq/private-connectivity');
    expect(earlier.status).toBe('pass');
    expect(now.status).toBe('fail');
    expect(now.change).toBe('introduced');
    expect(now.cause?.text).toBe(`route 10.100.0.0/16 → ${ORDERS_VGW} deleted by aws_route.onprem`);
    expect(after.verdicts.get(`111122223333|eu-west-1|orders-prod`)?.verdict).toBe('unreachable');
    // The network was inferred from the deleted route; it is still judged, now unreachable.
    expect(now.message).toContain('10.100.0.0/16');
    // orders-prod itself is untouched: a broker whose path the change breaks is reported like any other.
    // Other accounts' and regions' brokers keep their results, and the deployed snapshot is untouched.
    expect(find(classified.results, 'settlement-prod', 'mq/private-connectivity').change).not.toBe('introduced');
    expect(demo().accounts[0].regions[0].network!.routeTables!.find((t) => t.id === ORDERS_TABLE)!.routes).toHaveLength(
      3,
    );
  });

  test("deleting the gateway's route propagation takes its propagated routes: introduced, named", () => {
    const propagation = {routeTableId: ORDERS_TABLE, vpnGatewayId: ORDERS_VGW};
    const {classified} = judge(
      demo(),
      change(
        edit(
          'aws_vpn_gateway_route_propagation.onprem',
          'aws_vpn_gateway_route_propagation',
          'delete',
          [{kind: 'routePropagation', value: propagation}],
          [],
        ),
      ),
    );
    const now = find(classified.results, 'orders-prod', 'mq/private-connectivity');
    expect([now.status, now.change]).toEqual(['fail', 'introduced']);
    expect(now.cause?.text).toBe(
      `propagated route 10.100.0.0/16 → ${ORDERS_VGW} deleted by aws_vpn_gateway_route_propagation.onprem`,
    );
  });

  test('a replaced VPN connection is pending, not an introduced failure', () => {
    const deployed = demo();
    const vpn = deployed.accounts[0].regions[0].network!.vpnConnections!.find((v) => v.id === ORDERS_VPN)!;
    const replacement = {...vpn, id: placeholderId('aws_vpn_connection.primary'), tunnels: []};
    const {classified, after, estate} = judge(
      deployed,
      change(
        edit(
          'aws_vpn_connection.primary',
          'aws_vpn_connection',
          'replace',
          [{kind: 'vpnConnection', value: vpn}],
          [{kind: 'vpnConnection', value: replacement}],
        ),
      ),
    );
    const orders = find(classified.results, 'orders-prod', 'mq/private-connectivity');
    expect(orders.status).toBe('pass');
    expect(orders.change).toBeUndefined();
    expect(find(classified.results, 'orders-prod', 'mq/private-connectivity-redundant').status).toBe('pass');
    expect(after.verdicts.get(`111122223333|eu-west-1|orders-prod`)?.verdict).toBe('pending');
    const region = estate.snapshot.accounts[0].regions[0].network!;
    expect(region.vpnConnections!.map((v) => v.id)).toEqual([placeholderId('aws_vpn_connection.primary')]);
    expect(region.vpnConnections![0].planned).toEqual({address: 'aws_vpn_connection.primary', action: 'replace'});
  });

  test("a replaced VPN connection on a transit gateway is pending too: the gateway's routes follow the new connection", () => {
    const deployed = demo();
    const region = deployed.accounts[0].regions.find((r) => r.region === 'us-east-1')!;
    const vpn = region.network!.vpnConnections!.find((v) => v.transitGatewayId)!;
    const replacement = {...vpn, id: placeholderId('aws_vpn_connection.core'), tunnels: []};
    const replace = edit(
      'aws_vpn_connection.core',
      'aws_vpn_connection',
      'replace',
      [{kind: 'vpnConnection', value: vpn}],
      [{kind: 'vpnConnection', value: replacement}],
    );
    const {classified, after} = judge(deployed, change({...replace, region: 'us-east-1'}));
    const settlement = find(classified.results, 'settlement-prod', 'mq/private-connectivity');
    expect(settlement.status).toBe('pass');
    expect(settlement.change).toBeUndefined();
    expect(after.verdicts.get('111122223333|us-east-1|settlement-prod')?.verdict).toBe('pending');
  });

  test('a new public single-instance production broker: its findings are introduced and named after its edit', () => {
    const broker = newBroker();
    const {classified} = judge(
      demo(),
      change(edit('aws_mq_broker.checkout', 'aws_mq_broker', 'create', [], [{kind: 'broker', value: broker}])),
    );
    const ha = find(classified.results, 'checkout', 'mq/production-ha');
    const publicAccess = find(classified.results, 'checkout', 'mq/no-public-access');
    expect([ha.status, ha.change]).toEqual(['fail', 'introduced']);
    expect([publicAccess.status, publicAccess.change]).toEqual(['fail', 'introduced']);
    expect(ha.cause?.text).toBe('broker checkout created by aws_mq_broker.checkout');
    expect(ha.resource.arn).toBe(
      `arn:aws:mq:eu-west-1:111122223333:broker:checkout:${placeholderId('aws_mq_broker.checkout')}`,
    );
    // The deployed estate's own failures are unchanged, not introduced.
    expect(find(classified.results, 'billing-prod', 'mq/production-ha').change).toBe('unchanged');
  });

  test('a value known only after apply makes exactly the checks that need it error, never pass', () => {
    const address = 'aws_mq_broker.checkout';
    const broker = newBroker({publiclyAccessible: false, securityGroups: []}, 'CLUSTER_MULTI_AZ');
    const reason = `known after apply: ${address}.security_groups`;
    const {classified, estate} = judge(
      demo(),
      change(
        edit(
          address,
          'aws_mq_broker',
          'create',
          [],
          [{kind: 'broker', value: broker, unknown: {'/details/securityGroups': reason}}],
        ),
      ),
    );
    for (const policyId of ['mq/private-connectivity', 'mq/no-internet-ingress']) {
      const result = find(classified.results, 'checkout', policyId);
      expect(result.status).toBe('error');
      expect(result.message).toContain(reason);
    }

    expect(find(classified.results, 'checkout', 'mq/production-ha').status).toBe('pass');
    expect(find(classified.results, 'checkout', 'mq/no-public-access').status).toBe('pass');
    expect(classified.introducedErrors).toBeGreaterThanOrEqual(2);
    expect(estate.unknowns).toContainEqual({address, pointer: '/details/securityGroups', reason});
  });

  test('a change that fixes a finding resolves it; deleting a failing broker resolves its findings', () => {
    const deployed = demo();
    const billing = deployed.accounts[0].regions[0].brokers!.find((b) => b.name === 'billing-prod')!;
    const fixed = {
      ...billing,
      id: placeholderId('aws_mq_broker.billing'),
      deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ',
      details: {
        ...billing.details!,
        subnetIds: ['subnet-0a1f3c5e7b9d20a11', 'subnet-0a1f3c5e7b9d20b22'],
        storageType: 'EFS',
      },
    };
    const {classified} = judge(
      deployed,
      change(
        edit(
          'aws_mq_broker.billing',
          'aws_mq_broker',
          'replace',
          [{kind: 'broker', value: billing}],
          [{kind: 'broker', value: fixed}],
        ),
      ),
    );
    expect(find(classified.results, 'billing-prod', 'mq/production-ha')).toMatchObject({
      status: 'pass',
      change: 'resolved',
    });
    expect(
      classified.findings.resolved.high + classified.findings.resolved.critical + classified.findings.resolved.medium,
    ).toBeGreaterThan(0);

    const deletion = judge(
      demo(),
      change(edit('aws_mq_broker.billing', 'aws_mq_broker', 'delete', [{kind: 'broker', value: billing}], [])),
    );
    expect(deletion.classified.results.some((r) => r.resource.name === 'billing-prod')).toBe(false);
    expect(deletion.classified.resolvedByDeletion.map((r) => r.policyId)).toContain('mq/production-ha');
  });

  test('a 0.0.0.0/0 rule on a broker port is introduced', () => {
    const rule = {
      id: placeholderId('aws_vpc_security_group_ingress_rule.open'),
      groupId: 'sg-0c4e6a8b0d2f41a01',
      egress: false,
      protocol: 'tcp',
      fromPort: 61617,
      toPort: 61617,
      cidrIpv4: '0.0.0.0/0',
    };
    const {classified} = judge(
      demo(),
      change(
        edit(
          'aws_vpc_security_group_ingress_rule.open',
          'aws_vpc_security_group_ingress_rule',
          'create',
          [],
          [{kind: 'securityGroupRule', value: rule}],
        ),
      ),
    );
    const result = find(classified.results, 'orders-prod', 'mq/no-internet-ingress');
    expect([result.status, result.change]).toEqual(['fail', 'introduced']);
    expect(result.cause?.address).toBe('aws_vpc_security_group_ingress_rule.open');
  });

  test('with no deployed estate the change is judged alone: what it refers to outside itself is unknown', () => {
    const {classified, estate} = judge(
      emptySnapshot(),
      change(
        edit(
          'aws_mq_broker.checkout',
          'aws_mq_broker',
          'create',
          [],
          [{kind: 'broker', value: newBroker({publiclyAccessible: false})}],
        ),
      ),
    );
    expect(estate.snapshot.accounts.map((a) => a.accountId)).toEqual(['111122223333']);
    expect(find(classified.results, 'checkout', 'mq/production-ha')).toMatchObject({
      status: 'fail',
      change: 'introduced',
    });
    // The subnet and security group are not in the change and not deployed: the network checks cannot pass.
    expect(find(classified.results, 'checkout', 'mq/private-connectivity').status).toBe('error');
  });
});
