import {readFileSync} from 'node:fs';

import {
  evaluateCloudFormationTemplate,
  listTemplateResources,
  readCloudFormationTemplate,
  readTemplateParameters,
} from '../../../src/iac/cloudformation-template';
import type {DeployedStackResource} from '../../../src/iac/cloudformation-template';
import {DEMO, edit, evaluate, item, template} from './helpers';

const YAML = template('checkout-broker.yaml');
const parameters = readTemplateParameters(template('checkout-broker.parameters.json'));

/** The stack as deployed before this change: the same resources, with the ids AWS gave them. */
const deployedStack: DeployedStackResource[] = [
  {logicalId: 'CheckoutSubnet', resourceType: 'AWS::EC2::Subnet', id: 'subnet-0d4e5f6a7b8c9d0e1'},
  {logicalId: 'CheckoutSecurityGroup', resourceType: 'AWS::EC2::SecurityGroup', id: 'sg-0f1e2d3c4b5a69788'},
  {
    logicalId: 'CheckoutBroker',
    resourceType: 'AWS::AmazonMQ::Broker',
    id: 'b-1234abcd-5678-90ef-1234-567890abcdef',
    arn: 'arn:aws:mq:eu-west-1:111122223333:broker:checkout-prod:b-1234abcd-5678-90ef-1234-567890abcdef',
  },
  // Dropped from the template by this change:
  {logicalId: 'LegacyNatGateway', resourceType: 'AWS::EC2::NatGateway', id: 'nat-0c5e7a9b1d3f5a7c8'},
  {logicalId: 'LegacyOnPremisesRoute', resourceType: 'AWS::EC2::Route', id: 'rtb-0b7d9f1c3e5a7b9d2|10.100.0.0/16'},
  {
    logicalId: 'OldOnPremisesRoute',
    resourceType: 'AWS::EC2::Route',
    id: 'checkout-OldOn-1X2Y3Z',
    before: [
      {
        kind: 'route',
        value: {
          routeTableId: DEMO.privateRouteTableId,
          route: {destinationCidr: '10.200.0.0/16', targetType: 'vpn-gateway', targetId: DEMO.vpnGatewayId},
        },
      },
    ],
  },
  {logicalId: 'RotationLambda', resourceType: 'AWS::Lambda::Function', id: 'checkout-rotation'},
  {
    logicalId: 'InspectionFirewall',
    resourceType: 'AWS::NetworkFirewall::Firewall',
    id: 'arn:aws:network-firewall:eu-west-1:111122223333:firewall/inspect',
  },
  {logicalId: 'AdminRule', resourceType: 'AWS::EC2::SecurityGroupIngress', id: 'sgr-0a1c3e5b7d9f1a303'},
];

describe('a change to a deployed stack (--stack-name)', () => {
  const change = readCloudFormationTemplate(YAML, {
    parameters,
    stackName: 'checkout-stack',
    region: DEMO.region,
    accountId: DEMO.accountId,
    deployedResources: deployedStack,
  });

  it('updates deployed resources in place: their ids are the deployed ones, and so are references to them', () => {
    const broker = edit(change, 'checkout-stack/CheckoutBroker');
    expect(broker.action).toBe('update');
    expect(broker.before).toEqual([
      {kind: 'broker', value: {id: 'b-1234abcd-5678-90ef-1234-567890abcdef', arn: deployedStack[2].arn}},
    ]);
    const value = item(broker, 'broker');
    expect(value.value).toMatchObject({
      id: 'b-1234abcd-5678-90ef-1234-567890abcdef',
      arn: deployedStack[2].arn,
      details: {subnetIds: ['subnet-0d4e5f6a7b8c9d0e1'], securityGroups: ['sg-0f1e2d3c4b5a69788']},
    });
    // What the template cannot say about a deployed broker is kept from the snapshot, and listed as such.
    expect(value.unknown).toEqual({
      '/details/instances': 'not in the template: kept from the deployed object (Resources/CheckoutBroker/Properties)',
    });
    expect(edit(change, 'checkout-stack/CheckoutSubnet').before).toEqual([
      {kind: 'subnet', value: {id: 'subnet-0d4e5f6a7b8c9d0e1', vpcId: DEMO.vpcId}},
    ]);
    expect(edit(change, 'checkout-stack/CheckoutSecurityGroup').before).toEqual([
      {kind: 'securityGroup', value: {group: {id: 'sg-0f1e2d3c4b5a69788', vpcId: DEMO.vpcId}}},
    ]);
    // The association was not deployed: it is created, pointing at the deployed subnet.
    const association = edit(change, 'checkout-stack/CheckoutSubnetRouteTableAssociation');
    expect(association.action).toBe('create');
    expect(item(association, 'routeTableAssociation').value.association.subnetId).toBe('subnet-0d4e5f6a7b8c9d0e1');
  });

  it('deletes what the template dropped: by id, or by the content the caller found; a route without either is a warning; a Lambda is no edit', () => {
    const deletes = change.edits.filter((e) => e.action === 'delete');
    expect(deletes.map((e) => [e.address, e.before])).toEqual([
      ['checkout-stack/LegacyNatGateway', [{kind: 'natGateway', value: {id: 'nat-0c5e7a9b1d3f5a7c8'}}]],
      ['checkout-stack/LegacyOnPremisesRoute', []],
      ['checkout-stack/OldOnPremisesRoute', deployedStack[5].before],
      [
        'checkout-stack/InspectionFirewall',
        [
          {
            kind: 'opaque',
            value: {
              description:
                'AWS::NetworkFirewall::Firewall arn:aws:network-firewall:eu-west-1:111122223333:firewall/inspect deleted',
              vpcIds: [],
            },
          },
        ],
      ],
      ['checkout-stack/AdminRule', [{kind: 'securityGroupRule', value: {id: 'sgr-0a1c3e5b7d9f1a303'}}]],
    ]);
    expect(change.warnings.map((w) => w.message)).toEqual([
      'checkout-stack/LegacyOnPremisesRoute (AWS::EC2::Route) is deleted, but the deployed route has no id to find it by: give its deployed content to apply the deletion',
    ]);
  });

  it('a resource whose Condition became false is deleted too', () => {
    const dev = readCloudFormationTemplate(YAML, {
      parameters: {...parameters, Environment: 'dev'},
      stackName: 'checkout-stack',
      deployedResources: [
        {logicalId: 'SecondDataCentreVpn', resourceType: 'AWS::EC2::VPNConnection', id: 'vpn-0b3c5d7e9f1a3b5c7'},
      ],
    });
    expect(edit(dev, 'checkout-stack/SecondDataCentreVpn')).toMatchObject({
      action: 'delete',
      before: [{kind: 'vpnConnection', value: {id: 'vpn-0b3c5d7e9f1a3b5c7'}}],
      after: [],
    });
  });

  it('the deployed callback alone marks updates; given items become `before` as they are', () => {
    const before = [
      {
        kind: 'route' as const,
        value: {
          routeTableId: DEMO.privateRouteTableId,
          route: {destinationCidr: '10.100.0.0/16', targetType: 'vpn-gateway' as const, targetId: DEMO.vpnGatewayId},
        },
      },
    ];
    const updated = readCloudFormationTemplate(YAML, {
      parameters,
      deployed: (id) => (id === 'OnPremisesRoute' ? {id: 'route-1', before} : undefined),
    });
    expect(edit(updated, 'OnPremisesRoute')).toMatchObject({action: 'update', before});
    // Without given items, a route's before is the same key as after (CloudFormation replaces a route whose key changes).
    const keyed = readCloudFormationTemplate(YAML, {
      parameters,
      deployed: (id) => (id === 'OnPremisesRoute' ? {id: 'route-1'} : undefined),
    });
    expect(edit(keyed, 'OnPremisesRoute').before).toEqual(edit(keyed, 'OnPremisesRoute').after);
  });

  it('lists the template resources (for callers matching a deployed stack)', () => {
    expect(listTemplateResources(readFileSync(YAML, 'utf8'), YAML).slice(4, 6)).toEqual([
      {logicalId: 'OnPremisesRoute', resourceType: 'AWS::EC2::Route', condition: 'HasVpnGateway'},
      {logicalId: 'SecondDataCentreGateway', resourceType: 'AWS::EC2::CustomerGateway', condition: 'ProdWithVpn'},
    ]);
  });
});

describe('other path resources', () => {
  it('a route to a Gateway Load Balancer endpoint is named as opaque; a Network Firewall is opaque; a VPC CIDR block joins its VPC', () => {
    const text = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.30.0.0/16}
  Secondary:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.31.0.0/16}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Inspect:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.200.0.0/16, VpcEndpointId: vpce-0abc}
  Firewall:
    Type: AWS::NetworkFirewall::Firewall
    Properties: {VpcId: !Ref Vpc, FirewallName: fw, FirewallPolicyArn: arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/p, SubnetMappings: []}
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: {VpcId: !Ref Vpc, PeerVpcId: vpc-0e7b2c4d6f8a1b3c5}`;
    const change = evaluate(text);
    expect(item(edit(change, 'Secondary'), 'vpc').value.cidrs).toEqual(['10.30.0.0/16', '10.31.0.0/16']);
    const inspect = edit(change, 'Inspect');
    expect(item(inspect, 'route').value.route).toMatchObject({
      targetType: 'gateway-load-balancer-endpoint',
      targetId: 'vpce-0abc',
    });
    expect(item(inspect, 'opaque').value).toEqual({
      description:
        'route 10.200.0.0/16 in new:Table → vpce-0abc, an endpoint of a Gateway Load Balancer or Network Firewall',
      vpcIds: ['new:Vpc'],
    });
    expect(item(edit(change, 'Firewall'), 'opaque').value).toEqual({
      description: 'a Network Firewall (traffic routed through it is inspected)',
      vpcIds: ['new:Vpc'],
    });
    const peering = item(edit(change, 'Peering'), 'vpcPeeringConnection');
    expect(peering.value).toMatchObject({
      state: 'active',
      requester: {vpcId: 'new:Vpc', cidrs: ['10.30.0.0/16']},
      accepter: {vpcId: DEMO.vpcId, ownerId: DEMO.accountId, region: DEMO.region, cidrs: []},
    });
    expect(Object.keys(peering.unknown ?? {})).toEqual(['/accepter/cidrs']);
  });

  it('network ACL entries, transit gateway routes and associations, VGW propagation', () => {
    const text = `Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-0e7b2c4d6f8a1b3c5}
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: ALLOW, CidrBlock: 10.200.0.0/16, PortRange: {From: 5671, To: 5671}}
  Tgw:
    Type: AWS::EC2::TransitGateway
    Properties: {AmazonSideAsn: 64600, DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}
  Attachment:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: {TransitGatewayId: !Ref Tgw, VpcId: vpc-0e7b2c4d6f8a1b3c5, SubnetIds: [subnet-0a1f3c5e7b9d20a11]}
  TgwTable:
    Type: AWS::EC2::TransitGatewayRouteTable
    Properties: {TransitGatewayId: !Ref Tgw}
  TgwRoute:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: {TransitGatewayRouteTableId: !Ref TgwTable, DestinationCidrBlock: 10.200.0.0/16, TransitGatewayAttachmentId: !Ref Attachment}
  TgwAssociation:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: {TransitGatewayRouteTableId: !Ref TgwTable, TransitGatewayAttachmentId: !GetAtt Attachment.Id}
  Propagation:
    Type: AWS::EC2::VPNGatewayRoutePropagation
    Properties: {VpnGatewayId: vgw-0f3a5c7e9b1d3f5a7, RouteTableIds: [rtb-0a6c8e0b2d4f6a8c1, rtb-0b7d9f1c3e5a7b9d2]}`;
    const change = evaluate(text);
    expect(
      item(edit(change, 'Acl'), 'networkAcl').value.entries.map((e) => [e.ruleNumber, e.egress, e.action]),
    ).toEqual([
      [32767, false, 'deny'],
      [32767, true, 'deny'],
    ]);
    expect(item(edit(change, 'Entry'), 'networkAclEntry').value).toEqual({
      networkAclId: 'new:Acl',
      entry: {
        ruleNumber: 100,
        egress: false,
        action: 'allow',
        protocol: '6',
        cidr: '10.200.0.0/16',
        portRange: {from: 5671, to: 5671},
      },
    });
    expect(item(edit(change, 'Tgw'), 'transitGateway')).toEqual({
      kind: 'transitGateway',
      value: {id: 'new:Tgw', ownerId: DEMO.accountId, amazonSideAsn: 64600},
    });
    expect(item(edit(change, 'TgwRoute'), 'transitGatewayRoute').value).toEqual({
      routeTableId: 'new:TgwTable',
      route: {
        destinationCidr: '10.200.0.0/16',
        state: 'active',
        type: 'static',
        attachments: [{attachmentId: 'new:Attachment'}],
      },
    });
    expect(item(edit(change, 'TgwAssociation'), 'transitGatewayAssociation').value).toEqual({
      routeTableId: 'new:TgwTable',
      attachmentId: 'new:Attachment',
    });
    expect(edit(change, 'Propagation').after.map((i) => i.value)).toEqual([
      {routeTableId: 'rtb-0a6c8e0b2d4f6a8c1', vpnGatewayId: DEMO.vpnGatewayId},
      {routeTableId: 'rtb-0b7d9f1c3e5a7b9d2', vpnGatewayId: DEMO.vpnGatewayId},
    ]);
  });

  it('evaluates a 200-resource template quickly (a hang guard; the figure is in the report)', () => {
    let text = 'Parameters:\n  Vpc:\n    Type: String\n    Default: vpc-0e7b2c4d6f8a1b3c5\nResources:\n';
    for (let i = 0; i < 50; i++) {
      text += `  Subnet${i}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: !Select [${i}, !Cidr [10.40.0.0/16, 64, 8]]\n      Tags: [{Key: Name, Value: !Sub "subnet-\${AWS::Region}-${i}"}]\n`;
      text += `  Group${i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g${i}\n      VpcId: !Ref Vpc\n      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5671, ToPort: 5671, CidrIp: 10.200.0.0/16}]\n`;
      text += `  Route${i}:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: rtb-0b7d9f1c3e5a7b9d2, DestinationCidrBlock: !Select [${i}, !Cidr [10.100.0.0/16, 64, 8]], GatewayId: vgw-0f3a5c7e9b1d3f5a7}\n`;
      text += `  Broker${i}:\n    Type: AWS::AmazonMQ::Broker\n    Properties: {BrokerName: b${i}, EngineType: ActiveMQ, EngineVersion: "5.18", DeploymentMode: SINGLE_INSTANCE, HostInstanceType: mq.m5.large, PubliclyAccessible: false, SubnetIds: [!Ref Subnet${i}], SecurityGroups: [!GetAtt Group${i}.GroupId]}\n`;
    }

    const started = process.hrtime.bigint();
    const change = evaluateCloudFormationTemplate(text, 'big.yaml', {region: DEMO.region, accountId: DEMO.accountId});
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(change.edits).toHaveLength(200);
    expect(ms).toBeLessThan(2000);
  });
});

describe('Direct Connect, transit gateway defaults, transforms', () => {
  it('a Direct Connect gateway, its association with the VGW and a private virtual interface (no BGP status yet)', () => {
    const text = `Resources:
  DxGateway:
    Type: AWS::DirectConnect::DirectConnectGateway
    Properties: {DirectConnectGatewayName: lon-dx, AmazonSideAsn: 64700}
  DxAssociation:
    Type: AWS::DirectConnect::DirectConnectGatewayAssociation
    Properties: {DirectConnectGatewayId: !Ref DxGateway, AssociatedGatewayId: vgw-0f3a5c7e9b1d3f5a7, AllowedPrefixesToDirectConnectGateway: [10.20.0.0/16]}
  Vif:
    Type: AWS::DirectConnect::PrivateVirtualInterface
    Properties: {VirtualInterfaceName: lon-vif, ConnectionId: dxcon-fh6ayh1d, Vlan: 201, DirectConnectGatewayId: !GetAtt DxGateway.DirectConnectGatewayId, BgpPeers: [{AddressFamily: ipv4, Asn: 65010, AuthKey: not-in-output-42}]}`;
    const change = evaluate(text);
    expect(item(edit(change, 'DxGateway'), 'directConnectGateway').value).toEqual({
      id: 'new:DxGateway',
      name: 'lon-dx',
      state: 'available',
      ownerAccount: DEMO.accountId,
      amazonSideAsn: 64700,
      associations: [],
    });
    expect(item(edit(change, 'DxAssociation'), 'directConnectGatewayAssociation').value).toEqual({
      directConnectGatewayId: 'new:DxGateway',
      association: {
        associationId: 'new:DxAssociation',
        state: 'associated',
        associatedGatewayId: DEMO.vpnGatewayId,
        associatedGatewayType: 'virtualPrivateGateway',
        associatedGatewayRegion: DEMO.region,
        associatedGatewayOwnerAccount: DEMO.accountId,
        allowedPrefixes: ['10.20.0.0/16'],
      },
    });
    const vif = edit(change, 'Vif');
    expect(item(vif, 'dxVirtualInterface').value).toEqual({
      id: 'new:Vif',
      name: 'lon-vif',
      ownerAccount: DEMO.accountId,
      type: 'private',
      connectionId: 'dxcon-fh6ayh1d',
      region: DEMO.region,
      vlan: 201,
      asn: 65010,
      directConnectGatewayId: 'new:DxGateway',
      bgpPeers: [],
    });
    expect(vif.sensitive).toEqual(['BgpPeers.0.AuthKey']);
    expect(JSON.stringify(change)).not.toContain('not-in-output-42');
  });

  it("a new transit gateway's default route tables are unknown until deploy", () => {
    const tgw = item(
      edit(
        evaluate('Resources:\n  Tgw:\n    Type: AWS::EC2::TransitGateway\n    Properties: {AmazonSideAsn: 64600}'),
        'Tgw',
      ),
      'transitGateway',
    );
    expect(tgw.value).toMatchObject({associationDefaultRouteTableId: '', propagationDefaultRouteTableId: ''});
    expect(Object.keys(tgw.unknown ?? {})).toEqual([
      '/associationDefaultRouteTableId',
      '/propagationDefaultRouteTableId',
    ]);
  });

  it('nested GetAtt attribute names of a new broker are unknown; a Transform is a warning and what it generates is unknown', () => {
    const nested = evaluate(
      'Resources:\n  B:\n    Type: AWS::SNS::Topic\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !GetAtt B.Endpoint.Address}',
    );
    expect(item(edit(nested, 'Vpc'), 'vpc').unknown).toEqual({
      '/cidrs/0':
        'unknown until deploy: Fn::GetAtt B.Endpoint.Address (of a resource this change creates) (Resources/Vpc/Properties/CidrBlock)',
    });
    const sam = evaluate(
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref FnRole}',
    );
    expect(sam.warnings.map((w) => w.message)).toEqual([
      'the template declares Transform AWS::Serverless-2016-10-31: what it generates at deploy is not judged (references to generated resources are unknown)',
    ]);
    expect(item(edit(sam, 'Vpc'), 'vpc').unknown?.['/cidrs/0']).toBe(
      "unknown until deploy: FnRole, a resource the template's Transform generates (Resources/Vpc/Properties/CidrBlock)",
    );
  });
});
