import {buildIacIndex} from '../../src/iac';
import type {IacDefinition, IacIndex} from '../../src/iac';
import {fixtureRoot, lineOf} from './fixture';

function definition(index: IacIndex, file: string, address: string): IacDefinition {
  const found = index.definitions.filter((d) => d.file === file && d.address === address);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('CloudFormation YAML templates', () => {
  const root = fixtureRoot('cloudformation-yaml');
  const file = 'templates/payments-prod-brokers.yaml';
  const {index, problems} = buildIacIndex([root], root);

  it('parses short-form intrinsics (!Ref, !GetAtt, !Sub, !If, !Join, !Select, !FindInMap, !Equals) without problems', () => {
    expect(problems).toEqual([]);
    expect(index.files).toEqual(['templates/notifications.yml', 'templates/payments-prod-brokers.yaml']);
  });

  it('ignores YAML files that are not templates, even when they mention an AWS type', () => {
    expect(index.definitions.map((d) => d.file)).not.toContain('config/app.yaml');
    expect(index.files).not.toContain('.github/workflows/deploy.yml');
  });

  it('gives each broker its logical id, block lines and literal name', () => {
    const orders = definition(index, file, 'OrdersBroker');
    expect(orders).toMatchObject({
      kind: 'broker',
      format: 'cloudformation-yaml',
      type: 'AWS::AmazonMQ::Broker',
      localName: 'OrdersBroker',
    });
    expect(orders.startLine).toBe(lineOf(root, file, '  OrdersBroker:'));
    // The block ends on its last tag value, before the blank line and the next resource's comment.
    expect(orders.endLine).toBe(lineOf(root, file, 'Value: CC-1042'));
    expect(orders.name).toEqual({value: 'orders-prod', line: lineOf(root, file, 'BrokerName: orders-prod')});

    const billing = definition(index, file, 'BillingBroker');
    expect(billing.startLine).toBe(lineOf(root, file, '  BillingBroker:'));
    expect(billing.endLine).toBe(lineOf(root, file, 'Value: billing'));
    expect(billing.name?.value).toBe('billing-prod');
  });

  it('does not take a !Sub name for a literal', () => {
    const payments = definition(index, file, 'PaymentsBroker');
    expect(payments.name).toBeUndefined();
    expect(payments.properties.BrokerName).toBe(lineOf(root, file, 'BrokerName: !Sub "${Team}-prod"'));
  });

  it('records the line of each property, nested properties, list items and tag keys', () => {
    const orders = definition(index, file, 'OrdersBroker');
    const block = {from: orders.startLine, to: orders.endLine};
    expect(orders.properties).toMatchObject({
      PubliclyAccessible: lineOf(root, file, 'PubliclyAccessible: false', block),
      DeploymentMode: lineOf(root, file, 'DeploymentMode: ACTIVE_STANDBY_MULTI_AZ'),
      EngineVersion: lineOf(root, file, 'EngineVersion: "5.18"'),
      Logs: lineOf(root, file, 'Logs:', block),
      'Logs.General': lineOf(root, file, 'General: true', block),
      'Logs.Audit': lineOf(root, file, 'Audit: true'),
      'EncryptionOptions.KmsKeyId': lineOf(root, file, 'KmsKeyId: !Ref BrokerKmsKeyArn'),
      'Tags.CostCenter': lineOf(root, file, '- Key: CostCenter'),
      'SubnetIds.1': lineOf(root, file, '- !Ref PrivateSubnetB', block),
    });
  });

  it('takes a tagged !If value as a property, never as a literal', () => {
    const billing = definition(index, file, 'BillingBroker');
    expect(billing.properties.PubliclyAccessible).toBe(
      lineOf(root, file, 'PubliclyAccessible: !If [IsBillingPublic, true, false]'),
    );
  });

  it('indexes the network resources with their GroupName and Name tags', () => {
    const group = definition(index, file, 'BrokerSecurityGroup');
    expect(group).toMatchObject({
      kind: 'security-group',
      name: {value: 'orders-prod-mq'},
      nameTag: {value: 'orders-prod-mq'},
    });
    expect(group.properties['SecurityGroupIngress.1']).toBe(lineOf(root, file, 'FromPort: 8162') - 1);
    expect(definition(index, file, 'AmqpFromOnPremises').kind).toBe('security-group-rule');
    expect(definition(index, file, 'PrivateRouteTable')).toMatchObject({
      kind: 'route-table',
      nameTag: {value: 'payments-prod-private'},
    });
    expect(definition(index, file, 'OnPremisesRoute').kind).toBe('route');
    expect(definition(index, file, 'BrokerTransitGatewayAttachment').kind).toBe('tgw-attachment');
    expect(definition(index, file, 'PrivateSubnetARouteTableAssociation').kind).toBe('auxiliary');

    const vpnFile = 'templates/notifications.yml';
    expect(definition(index, vpnFile, 'DataCentreVpn')).toMatchObject({
      kind: 'vpn-connection',
      nameTag: {value: 'dc-east-vpn'},
    });
    expect(definition(index, vpnFile, 'NotificationsVpnGateway').kind).toBe('vpn-gateway');
    expect(definition(index, vpnFile, 'DataCentreGateway').kind).toBe('customer-gateway');
    expect(definition(index, vpnFile, 'BrokerSubnetAcl').kind).toBe('network-acl');
    expect(definition(index, vpnFile, 'AmqpsFromDataCentre').kind).toBe('network-acl-entry');
  });

  it('reads flow-style YAML, quoted types and a trailing comment', () => {
    const vpnFile = 'templates/notifications.yml';
    const broker = definition(index, vpnFile, 'NotificationsBroker');
    expect(broker.name).toEqual({
      value: 'notifications-prod',
      line: lineOf(root, vpnFile, "BrokerName: 'notifications-prod'"),
    });
    expect(broker.properties.DeploymentMode).toBe(lineOf(root, vpnFile, 'DeploymentMode: SINGLE_INSTANCE   # TODO'));
    expect(broker.properties['Logs.General']).toBe(lineOf(root, vpnFile, 'Logs: {General: true}'));
    expect(broker.endLine).toBe(lineOf(root, vpnFile, '{Key: Owner, Value: notifications-team}'));
  });

  it('guesses the stack name from the file name, and says that is where it came from', () => {
    expect(definition(index, file, 'OrdersBroker').stacks).toEqual([
      {name: 'payments-prod-brokers', source: 'file-name'},
    ]);
  });
});

describe('CloudFormation JSON templates', () => {
  const root = fixtureRoot('cloudformation-json');
  const file = 'stacks/dev-brokers.template.json';
  const {index, problems} = buildIacIndex([root], root);

  it('detects templates by AWSTemplateFormatVersion or by a Resources map of AWS types, and nothing else', () => {
    expect(problems).toEqual([]);
    expect(index.files).toEqual(['stacks/dev-brokers.template.json', 'stacks/legacy-network.json']);
  });

  it('gives each broker its lines and literal name; Fn::Sub is not a literal', () => {
    const inventory = definition(index, file, 'InventoryBroker');
    expect(inventory.startLine).toBe(lineOf(root, file, '"InventoryBroker": {'));
    expect(inventory.endLine).toBe(lineOf(root, file, '"ReportingBroker": {') - 1);
    expect(inventory.name).toEqual({value: 'inventory-dev', line: lineOf(root, file, '"BrokerName": "inventory-dev"')});
    expect(inventory.properties.PubliclyAccessible).toBe(
      lineOf(root, file, '"PubliclyAccessible": false', {from: inventory.startLine, to: inventory.endLine}),
    );

    const reporting = definition(index, file, 'ReportingBroker');
    expect(reporting.name).toBeUndefined();
    expect(reporting.properties['Logs.Audit']).toBe(lineOf(root, file, '"Logs": {"General": true, "Audit": false}'));

    const sandbox = definition(index, file, 'SandboxBroker');
    // Its closing brace: after it come the one closing Resources and then Outputs.
    expect(sandbox.endLine).toBe(lineOf(root, file, '"Outputs": {') - 2);
    expect(sandbox.stacks).toEqual([{name: 'dev-brokers', source: 'file-name'}]);
  });

  it('reads tab-indented JSON', () => {
    const table = definition(index, 'stacks/legacy-network.json', 'LegacyRouteTable');
    expect(table).toMatchObject({
      kind: 'route-table',
      startLine: 3,
      endLine: 9,
      nameTag: {value: 'dev-legacy', line: 7},
    });
  });
});

describe("CDK's synthesized templates", () => {
  const root = fixtureRoot('cdk');
  const file = 'cdk.out/OrdersMessaging.template.json';
  const {index, problems} = buildIacIndex([root], root);

  it('indexes cdk.out and takes the stack name from the cloud assembly manifest, not from the file name', () => {
    expect(problems).toEqual([]);
    expect(index.files).toEqual([file]);
    const broker = definition(index, file, 'OrdersBroker');
    expect(broker.stacks).toEqual([{name: 'orders-messaging-prod', source: 'cdk-manifest'}]);
    expect(broker.cdkPath).toBe('OrdersMessaging/OrdersBroker');
    expect(broker.startLine).toBe(lineOf(root, file, '"OrdersBroker": {'));
    expect(broker.endLine).toBe(lineOf(root, file, '"CDKMetadata": {') - 1);
    expect(broker.properties['Logs.Audit']).toBe(lineOf(root, file, '"Audit": true'));
  });

  it('keeps the hashed logical ids CDK generates', () => {
    expect(definition(index, file, 'BrokerClients4C2E6F31')).toMatchObject({
      kind: 'security-group',
      cdkPath: 'OrdersMessaging/BrokerClients/Resource',
    });
  });
});
