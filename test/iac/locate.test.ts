import {buildIacIndex, encodeRepositoryPath, locatableKindOfHop, locate, matchResource} from '../../src/iac';
import type {Anchor, DeployedResource, IacIndex, MatchResult} from '../../src/iac';
import {demoBroker, demoBrokers, fixtureRoot, lineOf, withStackTags} from './fixture';

function indexOf(fixture: string, options = {}): {root: string; index: IacIndex} {
  const root = fixtureRoot(fixture);
  return {root, index: buildIacIndex([root], root, options).index};
}

function anchored(result: MatchResult): Anchor {
  if (result.status !== 'anchored') throw new Error(`expected an anchor, got ${result.status}: ${result.reason}`);
  return result.anchor;
}

describe('locating the demo brokers in CloudFormation YAML', () => {
  const {root, index} = indexOf('cloudformation-yaml');
  const file = 'templates/payments-prod-brokers.yaml';

  it('anchors orders-prod to its block by its literal BrokerName', () => {
    const anchor = locate(index, demoBroker('orders-prod'));
    expect(anchor).toMatchObject({
      uri: file,
      file,
      startLine: lineOf(root, file, '  OrdersBroker:'),
      endLine: lineOf(root, file, 'Value: CC-1042'),
      definition: {format: 'cloudformation-yaml', type: 'AWS::AmazonMQ::Broker', address: 'OrdersBroker'},
    });
    expect(anchor?.evidence).toEqual([
      {
        kind: 'name',
        strength: 'strong',
        detail: `literal name "orders-prod" at ${file}:${lineOf(root, file, 'BrokerName: orders-prod')}`,
      },
    ]);
    expect(anchor?.propertyLine).toBeUndefined();
  });

  it('pins the property a finding is about, in broker document terms', () => {
    const orders = demoBroker('orders-prod');
    const block = {from: locate(index, orders)!.startLine, to: locate(index, orders)!.endLine};
    expect(locate(index, orders, 'publiclyAccessible')?.propertyLine).toBe(
      lineOf(root, file, 'PubliclyAccessible: false', block),
    );
    expect(locate(index, orders, '/logs/audit')?.property).toEqual({
      requested: '/logs/audit',
      match: 'exact',
      path: 'Logs.Audit',
      line: lineOf(root, file, 'Audit: true'),
    });
    expect(locate(index, orders, 'facts.highAvailability')?.property).toMatchObject({
      match: 'exact',
      path: 'DeploymentMode',
      line: lineOf(root, file, 'DeploymentMode: ACTIVE_STANDBY_MULTI_AZ'),
    });
    expect(locate(index, orders, 'facts.encryptionKey')?.propertyLine).toBe(lineOf(root, file, 'EncryptionOptions:'));
    expect(locate(index, orders, 'facts.engineVersionSupport.status')?.propertyLine).toBe(
      lineOf(root, file, 'EngineVersion: "5.18"'),
    );
    expect(locate(index, orders, 'tags.CostCenter')?.propertyLine).toBe(lineOf(root, file, '- Key: CostCenter'));
  });

  it('falls back to the parent property, then to the block, when the property is not written', () => {
    const orders = demoBroker('orders-prod');
    expect(locate(index, orders, 'tags.DataClassification')?.property).toMatchObject({match: 'ancestor', path: 'Tags'});

    const billing = locate(index, demoBroker('billing-prod'), 'logs.general');
    expect(billing?.property).toEqual({requested: 'logs.general', match: 'absent'});
    expect(billing?.propertyLine).toBeUndefined();
    expect(billing?.startLine).toBe(lineOf(root, file, '  BillingBroker:'));
  });

  it('pins a property whose value is an intrinsic (!If)', () => {
    expect(locate(index, demoBroker('billing-prod'), 'publiclyAccessible')?.propertyLine).toBe(
      lineOf(root, file, 'PubliclyAccessible: !If'),
    );
  });

  it('anchors notifications-prod to the other template', () => {
    const other = 'templates/notifications.yml';
    const anchor = locate(index, demoBroker('notifications-prod'), 'deploymentMode');
    expect(anchor).toMatchObject({
      file: other,
      startLine: lineOf(root, other, '  NotificationsBroker:'),
      propertyLine: lineOf(root, other, 'DeploymentMode: SINGLE_INSTANCE'),
    });
  });

  it('leaves brokers without evidence unmatched: a !Sub name, no definition at all', () => {
    for (const name of ['payments-prod', 'ledger-prod', 'inventory-dev', 'reporting-test', 'sandbox-legacy']) {
      expect(locate(index, demoBroker(name))).toBeUndefined();
    }

    const result = matchResource(index, demoBroker('payments-prod'));
    expect(result.status).toBe('unmatched');
    expect(result.status === 'unmatched' && result.reason).toContain(
      'none of the 4 broker definition(s) has evidence for broker payments-prod',
    );
  });

  it('matches CloudFormation stack tags when the template file is named after the stack (strong)', () => {
    const payments = withStackTags(demoBroker('payments-prod'), 'payments-prod-brokers', 'PaymentsBroker');
    const anchor = anchored(matchResource(index, payments));
    expect(anchor.startLine).toBe(lineOf(root, file, '  PaymentsBroker:'));
    expect(anchor.evidence).toEqual([
      {
        kind: 'cloudformation-stack',
        strength: 'strong',
        detail: `tags aws:cloudformation:stack-name=payments-prod-brokers and aws:cloudformation:logical-id=PaymentsBroker: ${file} is deployed as stack payments-prod-brokers (the template file is named after the stack)`,
      },
    ]);
  });

  it('takes a logical id from a stack not known to use the template as weaker evidence', () => {
    const payments = withStackTags(demoBroker('payments-prod'), 'payments-staging-brokers', 'PaymentsBroker');
    const anchor = anchored(matchResource(index, payments));
    expect(anchor.evidence.map((e) => [e.kind, e.strength])).toEqual([['cloudformation-logical-id', 'medium']]);
    expect(anchor.evidence[0].detail).toContain(
      'known stacks of templates/payments-prod-brokers.yaml: payments-prod-brokers',
    );
  });

  it('uses the stacks mapping for templates not named after their stack', () => {
    const mapped = indexOf('cloudformation-yaml', {stacks: {'payments-prod-v2': file}}).index;
    const anchor = anchored(
      matchResource(mapped, withStackTags(demoBroker('payments-prod'), 'payments-prod-v2', 'PaymentsBroker')),
    );
    expect(anchor.evidence[0]).toMatchObject({kind: 'cloudformation-stack', strength: 'strong'});
    expect(anchor.evidence[0].detail).toContain('(per the stacks mapping)');
  });

  it('rules out a definition whose literal name contradicts the deployed one, unless the stack says it created it', () => {
    const renamed: DeployedResource = {
      ...withStackTags(demoBroker('orders-prod'), 'some-other-stack', 'OrdersBroker'),
      name: 'orders-prod-v2',
    };
    const result = matchResource(index, renamed);
    expect(result.status).toBe('unmatched');
    expect(result.status === 'unmatched' && result.reason).toContain(
      `ruled out: ${file}:${lineOf(root, file, '  OrdersBroker:')} OrdersBroker (its name is "orders-prod"`,
    );

    // The same rename, from the stack the template is deployed as: the template has changed since (a PR renaming it).
    const fromStack = {...renamed, tags: {...renamed.tags, 'aws:cloudformation:stack-name': 'payments-prod-brokers'}};
    expect(anchored(matchResource(index, fromStack)).evidence.map((e) => e.kind)).toEqual(['cloudformation-stack']);
  });

  it('anchors network resources by group name and Name tag', () => {
    const group = locate(
      index,
      {type: 'security-group', id: 'sg-0c4e6a8b0d2f41a01', name: 'orders-prod-mq', tags: {Name: 'orders-prod-mq'}},
      'SecurityGroupIngress.1',
    );
    expect(group).toMatchObject({
      startLine: lineOf(root, file, '  BrokerSecurityGroup:'),
      propertyLine: lineOf(root, file, 'FromPort: 8162') - 1,
    });
    expect(group?.evidence.map((e) => [e.kind, e.strength])).toEqual([
      ['name', 'strong'],
      ['name-tag', 'medium'],
    ]);

    const table = locate(index, {type: 'route-table', id: 'rtb-0a1b2c3d4e5f60001', name: 'payments-prod-private'});
    expect(table).toMatchObject({
      startLine: lineOf(root, file, '  PrivateRouteTable:'),
      evidence: [{kind: 'name-tag', strength: 'medium'}],
    });

    const vpnFile = 'templates/notifications.yml';
    expect(locate(index, {type: 'vpn-connection', id: 'vpn-0a1b2c3d4e5f60001', name: 'dc-east-vpn'})?.startLine).toBe(
      lineOf(root, vpnFile, '  DataCentreVpn:'),
    );
    expect(locate(index, {type: 'route-table', id: 'rtb-0ffffffffffffffff', name: 'unknown-table'})).toBeUndefined();
  });
});

describe('locating the demo brokers in CloudFormation JSON', () => {
  const {root, index} = indexOf('cloudformation-json');
  const file = 'stacks/dev-brokers.template.json';

  it('anchors the development brokers with literal names', () => {
    expect(locate(index, demoBroker('inventory-dev'), 'autoMinorVersionUpgrade')).toMatchObject({
      file,
      startLine: lineOf(root, file, '"InventoryBroker": {'),
      propertyLine: lineOf(root, file, '"AutoMinorVersionUpgrade": false', {
        to: lineOf(root, file, '"ReportingBroker": {'),
      }),
    });
    expect(locate(index, demoBroker('sandbox-legacy'), 'engineVersion')?.propertyLine).toBe(
      lineOf(root, file, '"EngineVersion": "5.15"'),
    );
  });

  it('anchors reporting-test only with CloudFormation tags, since its name is an Fn::Sub', () => {
    expect(locate(index, demoBroker('reporting-test'))).toBeUndefined();
    const anchor = locate(
      index,
      withStackTags(demoBroker('reporting-test'), 'dev-brokers', 'ReportingBroker'),
      'logs.audit',
    );
    expect(anchor).toMatchObject({
      startLine: lineOf(root, file, '"ReportingBroker": {'),
      propertyLine: lineOf(root, file, '"Logs": {"General": true, "Audit": false}'),
    });
    expect(anchor?.evidence.map((e) => e.kind)).toEqual(['cloudformation-stack']);
  });

  it('leaves the production brokers unmatched', () => {
    const production = [...demoBrokers().values()].filter((broker) => broker.arn?.includes(':111122223333:'));
    expect(production.length).toBeGreaterThan(0);
    for (const broker of production) expect(locate(index, broker)).toBeUndefined();
  });
});

describe('locating the demo brokers in Terraform', () => {
  const {root, index} = indexOf('terraform');
  const file = 'brokers.tf';

  it('anchors orders-prod by broker_name, with the resource name as weak extra evidence', () => {
    const anchor = locate(index, demoBroker('orders-prod'), 'publiclyAccessible');
    expect(anchor).toMatchObject({
      uri: file,
      startLine: lineOf(root, file, 'resource "aws_mq_broker" "orders_prod" {'),
      propertyLine: lineOf(root, file, 'publicly_accessible        = false', {
        to: lineOf(root, file, 'resource "aws_mq_broker" "payments_prod" {'),
      }),
      definition: {format: 'terraform', type: 'aws_mq_broker', address: 'aws_mq_broker.orders_prod'},
    });
    expect(anchor?.evidence.map((e) => [e.kind, e.strength])).toEqual([
      ['name', 'strong'],
      ['terraform-resource-name', 'weak'],
    ]);
  });

  it('pins Terraform properties: nested blocks, tags inside merge()', () => {
    const orders = demoBroker('orders-prod');
    expect(locate(index, orders, 'logs.audit')?.propertyLine).toBe(lineOf(root, file, 'audit   = true', {to: 80}));
    expect(locate(index, orders, 'encryption.kmsKeyId')?.propertyLine).toBe(lineOf(root, file, 'kms_key_id'));
    expect(locate(index, orders, 'facts.encryptionKey')?.propertyLine).toBe(lineOf(root, file, 'encryption_options {'));
    expect(locate(index, orders, 'tags.CostCenter')?.propertyLine).toBe(lineOf(root, file, 'CostCenter  = "CC-1042"'));
    expect(locate(index, orders, 'maintenanceWindow')?.propertyLine).toBe(
      lineOf(root, file, 'maintenance_window_start_time {'),
    );
  });

  it('anchors payments-prod, whose broker_name is interpolated, on its resource name alone, and says it is weak', () => {
    const anchor = locate(index, demoBroker('payments-prod'), 'deploymentMode');
    expect(anchor).toMatchObject({
      startLine: lineOf(root, file, 'resource "aws_mq_broker" "payments_prod" {'),
      propertyLine: lineOf(root, file, '"CLUSTER_MULTI_AZ"'),
    });
    expect(anchor?.evidence).toEqual([
      {
        kind: 'terraform-resource-name',
        strength: 'weak',
        detail: 'Terraform resource aws_mq_broker.payments_prod is named like "payments-prod"',
      },
    ]);
  });

  it('anchors billing-prod and notifications-prod, and reports properties left to defaults as absent', () => {
    expect(locate(index, demoBroker('billing-prod'), 'publiclyAccessible')?.propertyLine).toBe(
      lineOf(root, file, 'publicly_accessible        = true'),
    );
    expect(locate(index, demoBroker('billing-prod'), 'logs.general')?.property?.match).toBe('absent');
    expect(locate(index, demoBroker('notifications-prod'))?.startLine).toBe(
      lineOf(root, file, 'resource "aws_mq_broker" "notifications_prod" {'),
    );
    expect(locate(index, demoBroker('inventory-dev'))).toMatchObject({file: 'envs/dev/main.tf', startLine: 2});
  });

  it('leaves ledger-prod (a module with a variable name) and reporting-test unmatched', () => {
    expect(matchResource(index, demoBroker('ledger-prod')).status).toBe('unmatched');
    expect(matchResource(index, demoBroker('reporting-test')).status).toBe('unmatched');
  });

  it('does not anchor sandbox-legacy, defined twice with the same broker_name, and says why', () => {
    const result = matchResource(index, demoBroker('sandbox-legacy'));
    expect(result.status).toBe('ambiguous');
    if (result.status !== 'ambiguous') return;
    expect(result.candidates.map((c) => `${c.file}:${c.startLine}`)).toEqual([
      `envs/dev/main.tf:${lineOf(root, 'envs/dev/main.tf', 'resource "aws_mq_broker" "sandbox" {')}`,
      `legacy/sandbox.tf:${lineOf(root, 'legacy/sandbox.tf', 'resource "aws_mq_broker" "sandbox" {')}`,
    ]);
    expect(result.reason).toMatch(
      /^2 definitions match broker sandbox-legacy equally well \(envs\/dev\/main\.tf:\d+ aws_mq_broker\.sandbox; legacy\/sandbox\.tf:\d+ aws_mq_broker\.sandbox\): not anchored$/,
    );
    expect(locate(index, demoBroker('sandbox-legacy'))).toBeUndefined();
  });

  it('never anchors a resource CloudFormation created to a Terraform block, even with the same name', () => {
    const result = matchResource(
      index,
      withStackTags(demoBroker('orders-prod'), 'payments-prod-brokers', 'OrdersBroker'),
    );
    expect(result.status).toBe('unmatched');
    expect(result.status === 'unmatched' && result.reason).toContain(
      'created by CloudFormation (logical id OrdersBroker), not by Terraform',
    );
  });

  it('anchors the network hops by name and Name tag, and rules out contradicting Name tags', () => {
    const network = 'network.tf';
    expect(
      locate(index, {type: 'security-group', id: 'sg-0c4e6a8b0d2f41a01', name: 'orders-prod-mq'}, 'ingress.0'),
    ).toMatchObject({
      startLine: lineOf(root, network, 'resource "aws_security_group" "brokers" {'),
      propertyLine: lineOf(root, network, 'description = "OpenWire from on-premises"') - 1,
    });
    expect(locate(index, {type: 'route-table', id: 'rtb-1', name: 'payments-prod-private'})?.startLine).toBe(
      lineOf(root, network, 'resource "aws_route_table" "private" {'),
    );
    expect(
      locate(index, {type: 'subnet', id: 'subnet-0a1b2c3d4e5f60001', name: 'payments-prod-private-a'})?.startLine,
    ).toBe(lineOf(root, network, 'resource "aws_subnet" "private_a" {'));
    expect(
      locate(index, {type: 'transit-gateway', id: 'tgw-0a1b2c3d4e5f60718', name: 'core-tgw'})?.evidence.map(
        (e) => e.kind,
      ),
    ).toEqual(['name-tag']);
    expect(
      locate(index, {type: 'dx-connection', id: 'dxcon-fg5678gh', name: 'dx-frankfurt-1'})?.evidence.map((e) => e.kind),
    ).toEqual(['name']);
    expect(locate(index, {type: 'virtual-interface', id: 'dxvif-ffabcd12', name: 'frankfurt-transit'})?.startLine).toBe(
      lineOf(root, network, 'resource "aws_dx_transit_virtual_interface" "frankfurt" {'),
    );

    // Named `private` like the block, but tagged otherwise: the literal Name tag contradicts the resource name.
    const other = matchResource(index, {
      type: 'route-table',
      id: 'rtb-2',
      name: 'private',
      tags: {Name: 'shared-private'},
    });
    expect(other.status).toBe('unmatched');
    expect(other.status === 'unmatched' && other.reason).toContain('its Name tag is "payments-prod-private"');
  });
});

describe('locating the demo brokers in a CDK app', () => {
  const {root, index} = indexOf('cdk');
  const file = 'cdk.out/OrdersMessaging.template.json';

  it('anchors orders-prod with the stack tags CloudFormation put on it, through the CDK manifest', () => {
    const anchor = locate(
      index,
      withStackTags(demoBroker('orders-prod'), 'orders-messaging-prod', 'OrdersBroker'),
      'logs.audit',
    );
    expect(anchor).toMatchObject({
      file,
      startLine: lineOf(root, file, '"OrdersBroker": {'),
      propertyLine: lineOf(root, file, '"Audit": true'),
    });
    expect(anchor?.evidence.map((e) => [e.kind, e.strength])).toEqual([
      ['cloudformation-stack', 'strong'],
      ['name', 'strong'],
    ]);
    expect(anchor?.evidence[0].detail).toContain('(per the CDK cloud assembly manifest)');
  });

  it('does not take the artifact id for the stack name', () => {
    const anchor = locate(index, withStackTags(demoBroker('orders-prod'), 'OrdersMessaging', 'OrdersBroker'));
    expect(anchor?.evidence.map((e) => [e.kind, e.strength])).toEqual([
      ['name', 'strong'],
      ['cloudformation-logical-id', 'medium'],
    ]);
  });

  it('rules the template out for a broker in another account than the manifest deploys it to', () => {
    const elsewhere: DeployedResource = {
      ...demoBroker('orders-prod'),
      arn: 'arn:aws:mq:eu-west-1:444455556666:broker:orders-prod:b-4f05e3d5-9933-b59e-e26b-2d7485c2d44d',
    };
    const result = matchResource(index, withStackTags(elsewhere, 'orders-messaging-prod', 'OrdersBroker'));
    expect(result.status).toBe('unmatched');
    expect(result.status === 'unmatched' && result.reason).toContain(
      `the CDK manifest deploys ${file} to account 111122223333, the resource is in 444455556666`,
    );
  });

  it('anchors the hashed-id security group only through its logical-id tag', () => {
    const group: DeployedResource = {
      type: 'security-group',
      id: 'sg-0c4e6a8b0d2f41a01',
      tags: {
        'aws:cloudformation:stack-name': 'orders-messaging-prod',
        'aws:cloudformation:logical-id': 'BrokerClients4C2E6F31',
      },
    };
    expect(locate(index, group)?.startLine).toBe(lineOf(root, file, '"BrokerClients4C2E6F31": {'));
    expect(locate(index, {type: 'security-group', id: 'sg-0c4e6a8b0d2f41a01'})).toBeUndefined();
  });
});

describe('anchor URIs and hop kinds', () => {
  it('percent-encodes each path segment, keeping the slashes', () => {
    expect(encodeRepositoryPath('infra/my stacks/brokers#1.yaml')).toBe('infra/my%20stacks/brokers%231.yaml');
  });

  it('locates network path hops by kind, VPN tunnels by their connection', () => {
    expect(locatableKindOfHop('security-group')).toBe('security-group');
    expect(locatableKindOfHop('vpn-tunnel')).toBe('vpn-connection');
    expect(locatableKindOfHop('on-premises-network')).toBeUndefined();
  });
});
