import {readCloudFormationTemplate, readTemplateParameters} from '../../../src/iac/cloudformation-template';
import type {TemplateOptions} from '../../../src/iac/cloudformation-template';
import {lineOf} from '../fixture';
import {DEMO, TEMPLATES, edit, item, template} from './helpers';

const YAML = 'checkout-broker.yaml';
const demoOptions: TemplateOptions = {stackName: 'checkout-stack', region: DEMO.region, accountId: DEMO.accountId};

describe('a pull request stack for the demo estate (YAML with short forms and conditions)', () => {
  const change = readCloudFormationTemplate(template(YAML), {
    ...demoOptions,
    parametersFile: template('checkout-broker.parameters.json'),
  });

  it('describes the input and creates every present resource in template order; unrelated types are skipped', () => {
    expect(change.format).toBe('cloudformation');
    expect(change.description).toBe(
      `CloudFormation template for stack checkout-stack with parameters ${template('checkout-broker.parameters.json')}`,
    );
    expect(change.edits.map((e) => [e.address, e.resourceType, e.action])).toEqual([
      ['checkout-stack/CheckoutSubnet', 'AWS::EC2::Subnet', 'create'],
      ['checkout-stack/CheckoutSubnetRouteTableAssociation', 'AWS::EC2::SubnetRouteTableAssociation', 'create'],
      ['checkout-stack/CheckoutSecurityGroup', 'AWS::EC2::SecurityGroup', 'create'],
      ['checkout-stack/CheckoutBroker', 'AWS::AmazonMQ::Broker', 'create'],
      ['checkout-stack/OnPremisesRoute', 'AWS::EC2::Route', 'create'],
      ['checkout-stack/SecondDataCentreGateway', 'AWS::EC2::CustomerGateway', 'create'],
      ['checkout-stack/SecondDataCentreVpn', 'AWS::EC2::VPNConnection', 'create'],
      ['checkout-stack/SecondDataCentreVpnRoute', 'AWS::EC2::VPNConnectionRoute', 'create'],
    ]);
    // The SNS topic's condition (IsDev) is false with Environment=prod: it is not part of the stack at all.
    expect(change.skipped).toEqual([
      {
        address: 'checkout-stack/BrokerRotationFunctionRole',
        resourceType: 'AWS::IAM::Role',
        reason: 'not a broker or network-path resource',
      },
    ]);
    expect(change.warnings).toEqual([]);
    for (const e of change.edits) expect(e).toMatchObject({region: DEMO.region, accountId: DEMO.accountId, before: []});
  });

  it('makes a new public single-instance production broker, in the new subnet with the new security group', () => {
    const broker = item(edit(change, 'checkout-stack/CheckoutBroker'), 'broker');
    expect(broker.value).toEqual({
      arn: 'arn:aws:mq:eu-west-1:111122223333:broker:checkout-prod:new:checkout-stack/CheckoutBroker',
      id: 'new:checkout-stack/CheckoutBroker',
      name: 'checkout-prod',
      engineType: 'ACTIVEMQ',
      deploymentMode: 'SINGLE_INSTANCE',
      hostInstanceType: 'mq.m5.large',
      details: {
        engineVersion: '5.18',
        storageType: 'EFS',
        publiclyAccessible: true,
        subnetIds: ['new:checkout-stack/CheckoutSubnet'],
        securityGroups: ['new:checkout-stack/CheckoutSecurityGroup'],
        autoMinorVersionUpgrade: true,
        authenticationStrategy: 'SIMPLE',
        logs: {general: true, audit: false},
        encryption: {useAwsOwnedKey: true},
        maintenanceWindow: {dayOfWeek: 'SUNDAY', timeOfDay: '03:00', timeZone: 'UTC'},
        tags: {
          Environment: 'prod',
          Owner: 'checkout-team',
          CostCenter: 'CC-1042',
          'aws:cloudformation:stack-name': 'checkout-stack',
          'aws:cloudformation:logical-id': 'CheckoutBroker',
        },
        instances: [],
        users: ['admin'],
      },
    });
    expect(broker.unknown).toEqual({
      '/details/instances':
        "unknown until deploy: the broker's instances and endpoints (Resources/CheckoutBroker/Properties)",
    });
  });

  it('never outputs a password: the broker and the VPN list where they were, not what', () => {
    const text = JSON.stringify(change);
    expect(text).not.toContain('never-printed-0001');
    expect(edit(change, 'checkout-stack/CheckoutBroker').sensitive).toEqual(['Users.0.Password']);
    expect(edit(change, 'checkout-stack/SecondDataCentreVpn').sensitive).toEqual([
      'VpnTunnelOptionsSpecifications.0.PreSharedKey',
      'VpnTunnelOptionsSpecifications.1.PreSharedKey',
    ]);
  });

  it('places the new subnet in the deployed VPC; its Availability Zone (Fn::GetAZs) is unknown, never guessed', () => {
    const subnet = item(edit(change, 'checkout-stack/CheckoutSubnet'), 'subnet');
    expect(subnet.value).toEqual({
      id: 'new:checkout-stack/CheckoutSubnet',
      vpcId: DEMO.vpcId,
      ownerId: DEMO.accountId,
      name: 'checkout-stack-private-d',
      availabilityZone: '',
      cidr: '10.20.4.0/24',
      mapPublicIpOnLaunch: false,
    });
    expect(subnet.unknown).toEqual({
      '/availabilityZone':
        "unknown until deploy: Fn::GetAZs (the region's Availability Zones) (Resources/CheckoutSubnet/Properties/AvailabilityZone)",
    });
    const association = item(
      edit(change, 'checkout-stack/CheckoutSubnetRouteTableAssociation'),
      'routeTableAssociation',
    );
    expect(association.value).toEqual({
      routeTableId: DEMO.privateRouteTableId,
      vpcId: DEMO.vpcId,
      association: {
        id: 'new:checkout-stack/CheckoutSubnetRouteTableAssociation',
        subnetId: 'new:checkout-stack/CheckoutSubnet',
        main: false,
      },
    });
  });

  it('expands the security group: 0.0.0.0/0 on 5671, on-premises on 61617 (protocol "6" is tcp), and keeps the default egress', () => {
    const group = item(edit(change, 'checkout-stack/CheckoutSecurityGroup'), 'securityGroup');
    const groupId = 'new:checkout-stack/CheckoutSecurityGroup';
    expect(group.value.group).toEqual({
      id: groupId,
      vpcId: DEMO.vpcId,
      ownerId: DEMO.accountId,
      description: 'Amazon MQ checkout-prod clients',
    });
    expect(group.value.rules).toEqual([
      {
        id: `${groupId}/SecurityGroupIngress/0`,
        groupId,
        egress: false,
        protocol: 'tcp',
        fromPort: 5671,
        toPort: 5671,
        cidrIpv4: '0.0.0.0/0',
        description: 'AMQPS from anywhere',
      },
      {
        id: `${groupId}/SecurityGroupIngress/1`,
        groupId,
        egress: false,
        protocol: 'tcp',
        fromPort: 61617,
        toPort: 61617,
        cidrIpv4: '10.200.0.0/16',
        description: 'OpenWire from on-premises',
      },
      {
        id: `${groupId}/DefaultEgress`,
        groupId,
        egress: true,
        protocol: '-1',
        cidrIpv4: '0.0.0.0/0',
        description: 'EC2 default egress (no SecurityGroupEgress in the template)',
      },
    ]);
    expect(group.unknown).toBeUndefined();
  });

  it('routes 10.200.0.0/16 to the VPC virtual private gateway', () => {
    expect(item(edit(change, 'checkout-stack/OnPremisesRoute'), 'route').value).toEqual({
      routeTableId: DEMO.privateRouteTableId,
      route: {
        destinationCidr: '10.200.0.0/16',
        targetType: 'vpn-gateway',
        targetId: DEMO.vpnGatewayId,
        origin: 'CreateRoute',
      },
    });
  });

  it('creates the VPN connection (no tunnels yet) on the deployed VGW, with its customer gateway and static route', () => {
    expect(item(edit(change, 'checkout-stack/SecondDataCentreGateway'), 'customerGateway').value).toEqual({
      id: 'new:checkout-stack/SecondDataCentreGateway',
      name: 'lon-dc2-edge-01',
      ipAddress: '203.0.113.20',
      bgpAsn: '65020',
    });
    expect(item(edit(change, 'checkout-stack/SecondDataCentreVpn'), 'vpnConnection')).toEqual({
      kind: 'vpnConnection',
      value: {
        id: 'new:checkout-stack/SecondDataCentreVpn',
        type: 'ipsec.1',
        customerGatewayId: 'new:checkout-stack/SecondDataCentreGateway',
        vpnGatewayId: DEMO.vpnGatewayId,
        staticRoutesOnly: true,
        tunnels: [],
        routes: [],
      },
    });
    expect(item(edit(change, 'checkout-stack/SecondDataCentreVpnRoute'), 'vpnConnectionRoute').value).toEqual({
      vpnConnectionId: 'new:checkout-stack/SecondDataCentreVpn',
      route: {destinationCidr: '10.210.0.0/16'},
    });
  });

  it('locates each resource and each property on its line', () => {
    const file = YAML;
    const broker = edit(change, 'checkout-stack/CheckoutBroker');
    expect(broker.definedAt).toMatchObject({
      file: template(YAML),
      line: lineOf(TEMPLATES, file, '  CheckoutBroker:'),
      endLine: lineOf(TEMPLATES, file, '- !Ref AWS::NoValue'),
    });
    expect(broker.definedAt?.properties).toMatchObject({
      PubliclyAccessible: lineOf(TEMPLATES, file, 'PubliclyAccessible: !If'),
      'Logs.Audit': lineOf(TEMPLATES, file, 'Audit: !If'),
      'Tags.Environment': lineOf(TEMPLATES, file, '- Key: Environment'),
      'SubnetIds.0': lineOf(TEMPLATES, file, '- !Ref CheckoutSubnet'),
    });
    expect(edit(change, 'checkout-stack/OnPremisesRoute').definedAt?.properties?.DestinationCidrBlock).toBe(
      lineOf(TEMPLATES, file, 'DestinationCidrBlock: !Ref OnPremisesCidr'),
    );
  });
});

describe('the same template as JSON, and parameters in both file forms', () => {
  const fromYaml = readCloudFormationTemplate(template(YAML), {
    ...demoOptions,
    parametersFile: template('checkout-broker.parameters.json'),
  });
  const withoutLines = (change: typeof fromYaml): unknown => change.edits.map(({definedAt, input, ...rest}) => rest);

  it('JSON gives the same edits, at its own lines', () => {
    const fromJson = readCloudFormationTemplate(template('checkout-broker.json'), {
      ...demoOptions,
      parametersFile: template('checkout-broker.parameters.json'),
    });
    expect(withoutLines(fromJson)).toEqual(withoutLines(fromYaml));
    expect(edit(fromJson, 'checkout-stack/CheckoutBroker').definedAt?.line).toBe(
      lineOf(TEMPLATES, 'checkout-broker.json', '"CheckoutBroker": {'),
    );
  });

  it('a plain {"Name": "value"} parameters file is the same as the CLI list form', () => {
    expect(readTemplateParameters(template('checkout-broker.parameters.object.json'))).toEqual(
      readTemplateParameters(template('checkout-broker.parameters.json')),
    );
    const fromObject = readCloudFormationTemplate(template(YAML), {
      ...demoOptions,
      parametersFile: template('checkout-broker.parameters.object.json'),
    });
    expect(withoutLines(fromObject)).toEqual(withoutLines(fromYaml));
  });

  it('given parameters take precedence over the file; defaults and conditions follow them (dev: private, no VPN, no route)', () => {
    const parameters = {
      ...readTemplateParameters(template('checkout-broker.parameters.json')),
      Environment: 'dev',
      VpnGatewayId: '',
    };
    const dev = readCloudFormationTemplate(template(YAML), {
      ...demoOptions,
      parameters,
      parametersFile: 'ignored.json',
    });
    expect(dev.edits.map((e) => e.resourceType)).toEqual([
      'AWS::EC2::Subnet',
      'AWS::EC2::SubnetRouteTableAssociation',
      'AWS::EC2::SecurityGroup',
      'AWS::AmazonMQ::Broker',
    ]);
    const broker = item(edit(dev, 'checkout-stack/CheckoutBroker'), 'broker').value;
    expect(broker).toMatchObject({name: 'checkout-dev', hostInstanceType: 'mq.t3.micro'});
    // Audit: !If [IsDev, AWS::NoValue, false] removed the property: it reads as its default, off.
    expect(broker.details).toMatchObject({
      publiclyAccessible: false,
      logs: {general: true, audit: false},
      tags: {Environment: 'dev', Owner: 'checkout-team'},
    });
    expect(broker.details?.tags).not.toHaveProperty('CostCenter');
    expect(dev.skipped.map((s) => s.resourceType)).toEqual(['AWS::SNS::Topic', 'AWS::IAM::Role']);
  });

  it('without a stack name, addresses and placeholders are the logical ids and no CloudFormation tags are added', () => {
    const change = readCloudFormationTemplate(template(YAML), {
      region: DEMO.region,
      accountId: DEMO.accountId,
      parametersFile: template('checkout-broker.parameters.json'),
    });
    const broker = item(edit(change, 'CheckoutBroker'), 'broker').value;
    expect(broker.id).toBe('new:CheckoutBroker');
    expect(Object.keys(broker.details?.tags ?? {})).toEqual(['Environment', 'Owner', 'CostCenter']);
    // The subnet's Name tag uses AWS::StackName: not given, so unknown (and named as such).
    expect(item(edit(change, 'CheckoutSubnet'), 'subnet').unknown?.['/name']).toBe(
      'not given: AWS::StackName (the stack name: give --stack-name) (Resources/CheckoutSubnet/Properties/Tags/0/Value)',
    );
  });
});
