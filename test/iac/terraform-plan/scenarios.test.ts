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
    expect(broker).toMatchObject({name: 'checkout-prod', engineType: 'ACTIVEMQ', deploymentMode: 'SINGLE_INSTANCE', hostInstanceType: 'mq.m5.large'});
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
    expect(value.group).toEqual({id: group, name: 'checkout-prod-mq', vpcId: 'vpc-0e7b2c4d6f8a1b3c5', description: 'Checkout broker clients'});
    expect(value.rules).toEqual([
      {id: `${group}/ingress/0`, groupId: group, egress: false, protocol: 'tcp', fromPort: 5671, toPort: 5671, description: 'AMQPS', cidrIpv4: '10.100.0.0/16'},
      {id: `${group}/ingress/1`, groupId: group, egress: false, protocol: 'tcp', fromPort: 5671, toPort: 5671, description: 'AMQPS', cidrIpv4: '10.20.0.0/16'},
      {id: `${group}/ingress/2`, groupId: group, egress: false, protocol: 'tcp', fromPort: 8162, toPort: 8162, description: 'Console from the group itself', referencedGroupId: group},
    ]);
    expect(unknown).toBeUndefined();
  });

  it('places the subnet in the deployed VPC and connects its association through the module output', () => {
    const {value: subnet} = onlyItem(editOf(change, subnetAddress).after, 'subnet');
    expect(subnet).toEqual({id: placeholderId(subnetAddress), vpcId: 'vpc-0e7b2c4d6f8a1b3c5', name: 'checkout-prod-app', availabilityZone: 'eu-west-1a', cidr: '10.20.9.0/24', mapPublicIpOnLaunch: false});
    const {value: association, unknown} = onlyItem(editOf(change, 'aws_route_table_association.checkout').after, 'routeTableAssociation');
    expect(association).toEqual({routeTableId: 'rtb-0b7d9f1c3e5a7b9d2', association: {main: false, subnetId: placeholderId(subnetAddress)}});
    expect(unknown).toBeUndefined();
  });

  it('never writes the admin password', () => {
    expect(JSON.stringify(change)).not.toContain('Ch3ckout-Adm1n-S3cret!');
    expect(itemsOf(editOf(change, brokerAddress).after, 'broker')).toHaveLength(1);
  });
});
