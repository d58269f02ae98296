/**
 * The scenarios as fixture plans written against the demo estate (fixtures/demo/inventory.json): real
 * account, region, VPC, subnet, route table, gateway, group and broker ids, so the same plans run end to end.
 */
import {placeholderId} from '../../../src/change/types';
import {editOf, itemsOf, onlyItem, readFixturePlan} from './helpers';

describe('a new public single-instance production broker in a new subnet with a new security group', () => {
  const change = readFixturePlan('new-public-broker.json');
  const module = 'module.brokers["checkout.eu/prod"]';
  const brokerAddress = `${module}.aws_mq_broker.this`;
  const subnetAddress = `${module}.aws_subnet.app`;
  const groupAddress = `${module}.aws_security_group.mq`;

  it('reads the plan as a Terraform plan with four creates', () => {
    expect(change.format).toBe('terraform-plan');
    expect(change.description).toBe('Terraform 1.9.8 plan (format_version 1.2)');
    expect(change.edits.map((e) => [e.address, e.action])).toEqual([
      ['aws_route_table_association.checkout', 'create'],
      [brokerAddress, 'create'],
      [groupAddress, 'create'],
      [subnetAddress, 'create'],
    ]);
    expect(change.skipped).toEqual([]);
    expect(change.warnings).toEqual([]);
  });

  it('translates the broker with the placeholders of the subnet and group it is created with', () => {
    const edit = editOf(change, brokerAddress);
    expect(edit.region).toBe('eu-west-1');
    expect(edit.before).toEqual([]);
    const {value: broker, unknown} = onlyItem(edit.after, 'broker');
    expect(broker.id).toBe(placeholderId(brokerAddress));
    expect(broker.arn).toBe(`arn:aws:mq:eu-west-1::broker:checkout-prod:${placeholderId(brokerAddress)}`);
    expect(broker).toMatchObject({
      name: 'checkout-prod',
      engineType: 'ACTIVEMQ',
      deploymentMode: 'SINGLE_INSTANCE',
      hostInstanceType: 'mq.m5.large',
    });
    expect(broker.details).toMatchObject({
      engineVersion: '5.18',
      storageType: 'EFS',
      publiclyAccessible: true,
      subnetIds: [placeholderId(subnetAddress)],
      securityGroups: [placeholderId(groupAddress)],
      authenticationStrategy: 'SIMPLE',
      logs: {general: true, audit: false},
      encryption: {useAwsOwnedKey: true},
      tags: {Environment: 'prod', Owner: 'checkout-team'},
      users: ['admin'],
    });
    // Known only after apply, never guessed: listed with their reasons.
    expect(unknown).toEqual({
      '/details/maintenanceWindow': `known after apply: ${brokerAddress}.maintenance_window_start_time`,
      '/details/instances': `known after apply: ${brokerAddress}.instances`,
      '/details/configuration': `known after apply: ${brokerAddress}.configuration`,
    });
    expect(edit.sensitive).toEqual(['user[0].password']);
  });

  it('expands the new group inline rules to one rule per source, with no egress (Terraform removes the default)', () => {
    const {value, unknown} = onlyItem(editOf(change, groupAddress).after, 'securityGroup');
    const group = placeholderId(groupAddress);
    expect(value.group).toEqual({
      id: group,
      name: 'checkout-prod-mq',
      vpcId: 'vpc-0e7b2c4d6f8a1b3c5',
      description: 'Checkout broker clients',
    });
    expect(value.rules).toEqual([
      {
        id: `${group}/ingress/0`,
        groupId: group,
        egress: false,
        protocol: 'tcp',
        fromPort: 5671,
        toPort: 5671,
        description: 'AMQPS',
        cidrIpv4: '10.100.0.0/16',
      },
      {
        id: `${group}/ingress/1`,
        groupId: group,
        egress: false,
        protocol: 'tcp',
        fromPort: 5671,
        toPort: 5671,
        description: 'AMQPS',
        cidrIpv4: '10.20.0.0/16',
      },
      {
        id: `${group}/ingress/2`,
        groupId: group,
        egress: false,
        protocol: 'tcp',
        fromPort: 8162,
        toPort: 8162,
        description: 'Console from the group itself',
        referencedGroupId: group,
      },
    ]);
    expect(unknown).toBeUndefined();
  });

  it('places the subnet in the deployed VPC and connects its association through the module output', () => {
    const {value: subnet} = onlyItem(editOf(change, subnetAddress).after, 'subnet');
    expect(subnet).toEqual({
      id: placeholderId(subnetAddress),
      vpcId: 'vpc-0e7b2c4d6f8a1b3c5',
      name: 'checkout-prod-app',
      availabilityZone: 'eu-west-1a',
      cidr: '10.20.9.0/24',
      mapPublicIpOnLaunch: false,
    });
    const {value: association, unknown} = onlyItem(
      editOf(change, 'aws_route_table_association.checkout').after,
      'routeTableAssociation',
    );
    expect(association).toEqual({
      routeTableId: 'rtb-0b7d9f1c3e5a7b9d2',
      association: {main: false, subnetId: placeholderId(subnetAddress)},
    });
    expect(unknown).toBeUndefined();
  });

  it('never writes the admin password', () => {
    expect(JSON.stringify(change)).not.toContain('Ch3ckout-Adm1n-S3cret!');
    expect(itemsOf(editOf(change, brokerAddress).after, 'broker')).toHaveLength(1);
  });
});

describe('the route that carries 10.100.0.0/16 to the virtual private gateway deleted', () => {
  const change = readFixturePlan('delete-onprem-route.json');

  it('removes the route, matched by table and destination, in the region of the provider variable', () => {
    const edit = editOf(change, 'aws_route.onprem');
    expect(edit).toMatchObject({action: 'delete', resourceType: 'aws_route', region: 'eu-west-1', after: []});
    expect(edit.before).toEqual([
      {
        kind: 'route',
        value: {
          routeTableId: 'rtb-0d5f7b9c1e3a5d7f9',
          route: {
            destinationCidr: '10.100.0.0/16',
            targetType: 'vpn-gateway',
            targetId: 'vgw-0b5d7f9a1c3e5b7d9',
            state: 'active',
            origin: 'CreateRoute',
          },
        },
      },
    ]);
  });

  it('leaves the table that does not manage its routes inline (they come from aws_route resources) alone', () => {
    const edit = editOf(change, 'aws_route_table.private', 'no-op');
    expect(edit.accountId).toBe('444455556666');
    const {value} = onlyItem(edit.after, 'routeTable');
    expect(value).toMatchObject({
      id: 'rtb-0d5f7b9c1e3a5d7f9',
      vpcId: 'vpc-0a2c4e6f8b0d2a4c6',
      name: 'payments-dev-private',
      inlineRoutes: false,
      routes: [],
    });
    expect(onlyItem(edit.before, 'routeTable').value.inlineRoutes).toBe(false);
  });
});

describe('a 0.0.0.0/0 ingress rule on 5671 added', () => {
  const change = readFixturePlan('open-amqps-to-world.json');

  it('expands aws_security_group_rule to one rule per source, protocol 6 read as tcp, the computed source group ignored', () => {
    const rules = itemsOf(editOf(change, 'aws_security_group_rule.payments_amqps_world').after, 'securityGroupRule');
    const id = placeholderId('aws_security_group_rule.payments_amqps_world');
    expect(rules).toEqual([
      {
        value: {
          id: `${id}/0`,
          groupId: 'sg-0c4e6a8b0d2f41a02',
          egress: false,
          protocol: 'tcp',
          fromPort: 5671,
          toPort: 5671,
          description: 'AMQPS from anywhere',
          cidrIpv4: '0.0.0.0/0',
        },
        kind: 'securityGroupRule',
      },
      {
        value: {
          id: `${id}/1`,
          groupId: 'sg-0c4e6a8b0d2f41a02',
          egress: false,
          protocol: 'tcp',
          fromPort: 5671,
          toPort: 5671,
          description: 'AMQPS from anywhere',
          cidrIpv6: '::/0',
        },
        kind: 'securityGroupRule',
      },
    ]);
  });

  it('reads aws_vpc_security_group_ingress_rule as one rule, in its own region (provider v6)', () => {
    const edit = editOf(change, 'aws_vpc_security_group_ingress_rule.orders_amqps_world');
    expect(edit.region).toBe('eu-west-1');
    expect(onlyItem(edit.after, 'securityGroupRule')).toEqual({
      kind: 'securityGroupRule',
      value: {
        id: placeholderId('aws_vpc_security_group_ingress_rule.orders_amqps_world'),
        groupId: 'sg-0c4e6a8b0d2f41a01',
        egress: false,
        protocol: 'tcp',
        fromPort: 5671,
        toPort: 5671,
        description: 'AMQPS from anywhere',
        cidrIpv4: '0.0.0.0/0',
      },
    });
  });
});

describe('a VPN connection replaced', () => {
  const change = readFixturePlan('replace-vpn.json');

  it('replaces the connection: the deployed one by id, the new one with no tunnels yet and the new customer gateway', () => {
    const edit = editOf(change, 'aws_vpn_connection.lon_dc1');
    expect(edit.action).toBe('replace');
    expect(onlyItem(edit.before, 'vpnConnection').value).toMatchObject({
      id: 'vpn-0b3c5d7e9f1a3b5c7',
      customerGatewayId: 'cgw-0a2b4c6d8e0f2a4b6',
      vpnGatewayId: 'vgw-0f3a5c7e9b1d3f5a7',
    });
    expect(onlyItem(edit.after, 'vpnConnection')).toEqual({
      kind: 'vpnConnection',
      value: {
        id: placeholderId('aws_vpn_connection.lon_dc1'),
        name: 'payments-prod-to-lon-dc1',
        type: 'ipsec.1',
        customerGatewayId: placeholderId('aws_customer_gateway.lon_dc1'),
        vpnGatewayId: 'vgw-0f3a5c7e9b1d3f5a7',
        staticRoutesOnly: false,
        tunnels: [],
        routes: [],
      },
    });
    expect(edit.sensitive).toEqual([
      'customer_gateway_configuration',
      'tunnel1_preshared_key',
      'tunnel2_preshared_key',
    ]);
  });

  it('reads create-before-destroy as a replace too', () => {
    const edit = editOf(change, 'aws_customer_gateway.lon_dc1');
    expect(edit.action).toBe('replace');
    expect(onlyItem(edit.before, 'customerGateway').value.id).toBe('cgw-0a2b4c6d8e0f2a4b6');
    expect(onlyItem(edit.after, 'customerGateway').value).toMatchObject({
      id: placeholderId('aws_customer_gateway.lon_dc1'),
      ipAddress: '203.0.113.20',
      bgpAsn: '65010',
    });
  });

  it('writes no pre-shared key, neither the configured nor the old ones', () => {
    const text = JSON.stringify(change);
    for (const secret of [
      'N3w-Tunn3l-One-PSK',
      'N3w-Tunn3l-Two-PSK',
      'Old-Tunn3l-One-PSK',
      'Old-Tunn3l-Two-PSK',
      'pre_shared_key',
    ])
      expect(text).not.toContain(secret);
  });
});

describe('a change that fixes a finding: a public broker made private (publicly_accessible forces a replacement)', () => {
  const change = readFixturePlan('fix-public-broker.json');

  it('replaces billing-prod: public before, private after, the rest carried over', () => {
    const edit = editOf(change, 'aws_mq_broker.billing_prod');
    expect(edit.action).toBe('replace');
    const before = onlyItem(edit.before, 'broker').value;
    const after = onlyItem(edit.after, 'broker');
    expect(before).toMatchObject({
      id: 'b-5ec36bb9-e935-f61c-09d6-4f0ea95ee5f2',
      arn: 'arn:aws:mq:eu-west-1:111122223333:broker:billing-prod:b-5ec36bb9-e935-f61c-09d6-4f0ea95ee5f2',
    });
    expect(before.details).toMatchObject({
      publiclyAccessible: true,
      storageType: 'EBS',
      logs: {general: true, audit: false},
      users: ['admin', 'app-producer'],
    });
    expect(after.value.id).toBe(placeholderId('aws_mq_broker.billing_prod'));
    expect(after.value.arn).toBe(
      'arn:aws:mq:eu-west-1:111122223333:broker:billing-prod:new:aws_mq_broker.billing_prod',
    );
    expect(after.value.details).toMatchObject({
      publiclyAccessible: false,
      subnetIds: ['subnet-0a1f3c5e7b9d20a11'],
      securityGroups: ['sg-0c4e6a8b0d2f41a03'],
      maintenanceWindow: {dayOfWeek: 'SUNDAY', timeOfDay: '03:00', timeZone: 'UTC'},
    });
    expect(Object.keys(after.unknown ?? {})).toEqual(['/details/instances', '/details/configuration']);
  });

  it('reads LDAP metadata without the service account password, and default tags from tags_all', () => {
    const edit = editOf(change, 'aws_mq_broker.orders_prod', 'update');
    const after = onlyItem(edit.after, 'broker').value;
    expect(after.hostInstanceType).toBe('mq.m5.xlarge');
    expect(after.details).toMatchObject({
      authenticationStrategy: 'LDAP',
      ldap: {
        hosts: ['ldap1.corp.example.com', 'ldap2.corp.example.com'],
        userBase: 'ou=Users,dc=corp,dc=example,dc=com',
        roleBase: 'ou=Groups,dc=corp,dc=example,dc=com',
        serviceAccountUsername: 'svc-amazonmq',
      },
      encryption: {
        useAwsOwnedKey: false,
        kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/7b8345c6-55bd-66bd-0133-37538d6f54ef',
      },
      tags: {CostCenter: 'CC-1042', Environment: 'production', ManagedBy: 'terraform', Owner: 'orders-team'},
    });
    // The plan does not mark it sensitive: the deny list catches it.
    expect(edit.sensitive).toEqual(['ldap_server_metadata[0].service_account_password']);
  });

  it('writes none of the passwords in the plan', () => {
    const text = JSON.stringify(change);
    for (const secret of [
      'B1lling-Adm1n-Old!',
      'B1lling-Adm1n-New!',
      'B1lling-Pr0ducer-Old!',
      'B1lling-Pr0ducer-New!',
      'Ld4p-Service-Acc0unt!',
    ])
      expect(text).not.toContain(secret);
  });
});

describe('unknown values that cannot be resolved, and the other edges of a plan', () => {
  const change = readFixturePlan('unknowns-and-edges.json');

  it('lists what a local or a data source read at apply time makes unknown, with a neutral stand-in', () => {
    const broker = onlyItem(editOf(change, 'aws_mq_broker.checkout').after, 'broker');
    expect(broker.value.details?.securityGroups).toEqual([]);
    expect(broker.value.details?.subnetIds).toEqual([]);
    expect(broker.unknown).toMatchObject({
      '/details/securityGroups': 'known after apply: aws_mq_broker.checkout.security_groups',
      '/details/subnetIds': 'known after apply: aws_mq_broker.checkout.subnet_ids',
    });
    // RabbitMQ has no audit log: none is read.
    expect(broker.value.details?.logs).toEqual({general: true});
  });

  it('resolves a counted table by its literal index, and leaves an ARN where an id is expected unknown', () => {
    const route = onlyItem(editOf(change, 'aws_route.via_tgw[0]').after, 'route');
    expect(route.value).toEqual({
      routeTableId: placeholderId('aws_route_table.app[0]'),
      route: {destinationCidr: '10.200.0.0/16', targetType: 'transit-gateway', targetId: ''},
    });
    expect(route.unknown).toEqual({
      '/route/targetId': 'known after apply: aws_route.via_tgw[0].transit_gateway_id',
      '/route/targetType': 'known after apply: aws_route.via_tgw[0].transit_gateway_id',
    });
  });

  it('makes a Gateway Load Balancer endpoint and a Network Firewall opaque, and routes to the endpoint stay routes', () => {
    expect(onlyItem(editOf(change, 'aws_vpc_endpoint.inspection').after, 'opaque').value).toEqual({
      description:
        'aws_vpc_endpoint.inspection: a Gateway Load Balancer endpoint (traffic inspection), which the path model does not follow',
      vpcIds: ['vpc-0e7b2c4d6f8a1b3c5'],
    });
    expect(onlyItem(editOf(change, 'aws_networkfirewall_firewall.inspect').after, 'opaque').value.vpcIds).toEqual([
      'vpc-0e7b2c4d6f8a1b3c5',
    ]);
    expect(onlyItem(editOf(change, 'aws_route.to_inspection').after, 'route').value.route).toEqual({
      destinationCidr: '10.100.0.0/16',
      targetType: 'gateway-load-balancer-endpoint',
      targetId: placeholderId('aws_vpc_endpoint.inspection'),
    });
  });

  it('chases a module variable into the parent call: a new gateway in a counted module attached to a new VPC', () => {
    const gateway = onlyItem(editOf(change, 'module.edge[0].aws_internet_gateway.this').after, 'internetGateway');
    expect(gateway).toEqual({
      kind: 'internetGateway',
      value: {
        id: placeholderId('module.edge[0].aws_internet_gateway.this'),
        attachments: [{vpcId: placeholderId('aws_vpc.edge'), state: 'available'}],
      },
    });
  });

  it('keeps a forgotten object, and splits a replace that forgets the old object into a forget and a create', () => {
    expect(editOf(change, 'aws_subnet.legacy')).toMatchObject({action: 'forget', after: []});
    expect(onlyItem(editOf(change, 'aws_subnet.legacy').before, 'subnet').value.id).toBe('subnet-0a1f3c5e7b9d20c33');
    expect(
      onlyItem(editOf(change, 'aws_security_group.billing', 'forget').before, 'securityGroup').value.group.id,
    ).toBe('sg-0c4e6a8b0d2f41a03');
    const created = onlyItem(editOf(change, 'aws_security_group.billing', 'create').after, 'securityGroup').value;
    expect(created.rules?.map((r) => [r.egress, r.protocol, r.fromPort, r.referencedGroupId ?? r.cidrIpv4])).toEqual([
      [false, '-1', undefined, 'sg-0c4e6a8b0d2f41a03'],
      [true, '-1', undefined, '0.0.0.0/0'],
    ]);
  });

  it('deletes a deposed object by its own id next to the current one', () => {
    expect(onlyItem(editOf(change, 'aws_nat_gateway.egress', 'delete').before, 'natGateway').value.id).toBe(
      'nat-0deadbeef00000001',
    );
    expect(onlyItem(editOf(change, 'aws_nat_gateway.egress', 'no-op').after, 'natGateway').value.id).toBe(
      'nat-0c5e7a9b1d3f5a7c8',
    );
  });

  it('skips what is not a broker or network path resource, and data sources make no edit', () => {
    expect(change.skipped.map((s) => [s.address, s.reason])).toEqual([
      ['aws_instance.bastion', 'not a broker or network path resource'],
      ['aws_mq_configuration.checkout', expect.stringContaining('configuration XML is not modelled')],
      ['random_id.suffix', 'not an AWS provider resource (registry.terraform.io/hashicorp/random)'],
    ]);
    expect(change.edits.some((e) => e.address.startsWith('data.'))).toBe(false);
    expect(JSON.stringify(change)).not.toContain('R4bbit-Checkout!');
  });
});

describe('transit gateways and Direct Connect on the us-east-1 core transit gateway', () => {
  const change = readFixturePlan('transit-and-direct-connect.json');

  it('gives a new VPC attachment the implicit association and propagation of the known default table', () => {
    const edit = editOf(change, 'aws_ec2_transit_gateway_vpc_attachment.notifications');
    expect(edit.region).toBe('us-east-1');
    const attachment = placeholderId('aws_ec2_transit_gateway_vpc_attachment.notifications');
    expect(edit.after).toEqual([
      {
        kind: 'transitGatewayAttachment',
        value: {
          id: attachment,
          transitGatewayId: 'tgw-0b1d3f5a7c9e1b3d5',
          resourceType: 'vpc',
          resourceId: 'vpc-0c9e1a3b5d7f9c1e3',
          name: 'notifications-prod',
          association: {routeTableId: 'tgw-rtb-0c2e4a6b8d0f2c4e6'},
        },
      },
      {kind: 'transitGatewayAssociation', value: {routeTableId: 'tgw-rtb-0c2e4a6b8d0f2c4e6', attachmentId: attachment}},
      {kind: 'transitGatewayPropagation', value: {routeTableId: 'tgw-rtb-0c2e4a6b8d0f2c4e6', attachmentId: attachment}},
    ]);
  });

  it('leaves the default propagation unknown when the transit gateway is new, and links explicit associations by placeholder', () => {
    const attachment = onlyItem(
      editOf(change, 'aws_ec2_transit_gateway_vpc_attachment.lab').after,
      'transitGatewayAttachment',
    );
    expect(attachment.value.transitGatewayId).toBe(placeholderId('aws_ec2_transit_gateway.lab'));
    expect(attachment.value.association).toBeUndefined();
    expect(Object.keys(attachment.unknown ?? {})).toEqual(['/propagation']);
    expect(
      onlyItem(editOf(change, 'aws_ec2_transit_gateway_route_table_association.lab').after, 'transitGatewayAssociation')
        .value,
    ).toEqual({
      routeTableId: placeholderId('aws_ec2_transit_gateway_route_table.lab'),
      attachmentId: placeholderId('aws_ec2_transit_gateway_vpc_attachment.lab'),
    });
    expect(
      onlyItem(editOf(change, 'aws_ec2_transit_gateway_route.onprem_blackhole').after, 'transitGatewayRoute').value,
    ).toEqual({
      routeTableId: 'tgw-rtb-0c2e4a6b8d0f2c4e6',
      route: {destinationCidr: '10.100.0.0/16', state: 'blackhole', type: 'static', attachments: []},
    });
  });

  it('reads a Direct Connect association and a virtual interface without its BGP key', () => {
    const association = onlyItem(
      editOf(change, 'aws_dx_gateway_association.core').after,
      'directConnectGatewayAssociation',
    );
    expect(association.value.association).toMatchObject({
      associatedGatewayId: 'tgw-0b1d3f5a7c9e1b3d5',
      associatedGatewayType: 'transitGateway',
      allowedPrefixes: ['10.30.0.0/16', '10.32.0.0/16'],
    });
    const edit = editOf(change, 'aws_dx_private_virtual_interface.dub');
    expect(onlyItem(edit.after, 'dxVirtualInterface').value).toMatchObject({
      type: 'private',
      connectionId: 'dxcon-fh6ayh1d',
      vlan: 413,
      asn: 65010,
      directConnectGatewayId: '8d3f1c2a-6b4e-4f7a-9c15-2e7d0b9a4c61',
      bgpPeers: [],
    });
    expect(edit.sensitive).toEqual(['bgp_auth_key']);
    expect(JSON.stringify(change)).not.toContain('Bgp-Auth-K3y-Dub!');
  });
});
