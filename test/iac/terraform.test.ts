import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {buildIacIndex} from '../../src/iac';
import type {IacDefinition, IacIndex} from '../../src/iac';
import {fixtureRoot, lineOf} from './fixture';

const root = fixtureRoot('terraform');
const {index, problems} = buildIacIndex([root], root);

function definition(found: IacIndex, address: string, file?: string): IacDefinition {
  const matches = found.definitions.filter((d) => d.address === address && (file === undefined || d.file === file));
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('Terraform files', () => {
  it('parses every file (heredocs, comments, merge(), provider aliases) without problems', () => {
    expect(problems).toEqual([]);
    expect(index.files).toEqual([
      'brokers.tf',
      'envs/dev/main.tf',
      'legacy/sandbox.tf',
      'modules/broker/main.tf',
      'network.tf',
      'variables.tf',
      'versions.tf',
    ]);
  });

  it('indexes resource blocks only: not data, module, variable or provider blocks, nor other resource types', () => {
    const types = new Set(index.definitions.map((d) => d.type));
    expect(types.has('aws_mq_configuration')).toBe(false);
    expect(types.has('random_password')).toBe(false);
    expect(index.definitions.every((d) => d.format === 'terraform')).toBe(true);
  });

  it('gives each broker its address, block lines and literal broker_name', () => {
    const file = 'brokers.tf';
    const orders = definition(index, 'aws_mq_broker.orders_prod');
    expect(orders).toMatchObject({kind: 'broker', type: 'aws_mq_broker', localName: 'orders_prod', file});
    expect(orders.startLine).toBe(lineOf(root, file, 'resource "aws_mq_broker" "orders_prod" {'));
    expect(orders.endLine).toBe(lineOf(root, file, 'resource "aws_mq_broker" "payments_prod" {') - 2);
    expect(orders.name).toEqual({
      value: 'orders-prod',
      line: lineOf(root, file, 'broker_name                = "orders-prod"'),
    });

    const notifications = definition(index, 'aws_mq_broker.notifications_prod');
    expect(notifications.name?.value).toBe('notifications-prod');
    expect(notifications.startLine).toBe(lineOf(root, file, 'resource "aws_mq_broker" "notifications_prod" {'));
  });

  it('does not take an interpolated or variable name for a literal', () => {
    expect(definition(index, 'aws_mq_broker.payments_prod').name).toBeUndefined();
    expect(definition(index, 'aws_mq_broker.this').name).toBeUndefined();
  });

  it('records attributes, nested blocks and their attributes, repeated blocks and tag keys inside merge()', () => {
    const file = 'brokers.tf';
    const orders = definition(index, 'aws_mq_broker.orders_prod');
    const block = {from: orders.startLine, to: orders.endLine};
    expect(orders.properties).toMatchObject({
      publicly_accessible: lineOf(root, file, 'publicly_accessible        = false', block),
      deployment_mode: lineOf(root, file, '"ACTIVE_STANDBY_MULTI_AZ"'),
      logs: lineOf(root, file, 'logs {', block),
      'logs.audit': lineOf(root, file, 'audit   = true', block),
      encryption_options: lineOf(root, file, 'encryption_options {'),
      'encryption_options.kms_key_id': lineOf(root, file, 'kms_key_id        = aws_kms_key.brokers.arn'),
      'user.0': lineOf(root, file, 'user {', block),
      tags: lineOf(root, file, 'tags = merge(local.common_tags, {'),
      'tags.CostCenter': lineOf(root, file, 'CostCenter  = "CC-1042"'),
    });
  });

  it('reads literal Name tags, also as the last argument of merge()', () => {
    const group = definition(index, 'aws_security_group.brokers');
    expect(group).toMatchObject({kind: 'security-group', name: {value: 'orders-prod-mq'}});
    expect(group.nameTag).toEqual({
      value: 'orders-prod-mq',
      line: lineOf(root, 'network.tf', 'tags = merge(local.common_tags, { Name = "orders-prod-mq" })'),
    });
    expect(group.properties['ingress.1']).toBe(
      lineOf(root, 'network.tf', 'description = "Web console from the VPC"') - 1,
    );
    expect(definition(index, 'aws_route_table.private').nameTag?.value).toBe('payments-prod-private');
  });

  it('indexes the network families with their kinds', () => {
    const kinds = Object.fromEntries(
      index.definitions.filter((d) => d.file === 'network.tf').map((d) => [d.address, d.kind]),
    );
    expect(kinds).toEqual({
      'aws_subnet.private_a': 'subnet',
      'aws_subnet.private_b': 'subnet',
      'aws_security_group.brokers': 'security-group',
      'aws_vpc_security_group_ingress_rule.amqps_on_premises': 'security-group-rule',
      'aws_security_group_rule.console_from_bastion': 'security-group-rule',
      'aws_route_table.private': 'route-table',
      'aws_route.to_data_centre': 'route',
      'aws_route_table_association.private_a': 'auxiliary',
      'aws_network_acl.brokers': 'network-acl',
      'aws_network_acl_rule.openwire_in': 'network-acl-entry',
      'aws_ec2_transit_gateway.core': 'transit-gateway',
      'aws_ec2_transit_gateway_vpc_attachment.payments': 'tgw-attachment',
      'aws_ec2_transit_gateway_route_table.on_premises': 'tgw-route-table',
      'aws_ec2_transit_gateway_route_table_association.payments': 'auxiliary',
      'aws_customer_gateway.dc_west': 'customer-gateway',
      'aws_vpn_connection.dc_west': 'vpn-connection',
      'aws_vpn_gateway.legacy': 'vpn-gateway',
      'aws_dx_connection.frankfurt': 'dx-connection',
      'aws_dx_gateway.core': 'dx-gateway',
      'aws_dx_transit_virtual_interface.frankfurt': 'virtual-interface',
      'aws_dx_gateway_association.core': 'auxiliary',
    });
  });

  it('marks blocks with count or for_each as repeated', () => {
    expect(definition(index, 'aws_vpc_security_group_ingress_rule.clients').repeated).toBe(true);
    expect(definition(index, 'aws_mq_broker.orders_prod').repeated).toBeUndefined();
  });

  it('reads bare identifier labels and escapes in literal strings', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-tf-'));
    try {
      writeFileSync(
        join(scratch, 'main.tf'),
        'resource aws_security_group legacy {\n  name = "legacy \\"mq\\" \\u00e9 $${x}"\n}\n',
      );
      const {index: found, problems: none} = buildIacIndex([scratch], scratch);
      expect(none).toEqual([]);
      expect(found.definitions).toMatchObject([
        {address: 'aws_security_group.legacy', name: {value: 'legacy "mq" \u00e9 ${x}', line: 2}},
      ]);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });
});
