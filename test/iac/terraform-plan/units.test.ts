/** The parts of the reader: addresses, references, redaction, protocols, and its speed on a large plan. */
import {placeholderId} from '../../../src/change/types';
import {formatResourceAddress, parseModuleAddress, parseResourceAddress} from '../../../src/iac/terraform-plan/address';
import {terraformPlanChange} from '../../../src/iac/terraform-plan';
import {leafReferences, parseTraversal} from '../../../src/iac/terraform-plan/references';
import {aclProtocol, securityGroupProtocol} from '../../../src/iac/terraform-plan/security';
import {redact} from '../../../src/iac/terraform-plan/values';
import {onlyItem} from './helpers';

describe('resource addresses', () => {
  it('tokenizes keys that hold dots, brackets, quotes and slashes', () => {
    const text = 'module.vpc["eu.west/1"].module.sub[0].aws_route.r["10.0.0.0/16 \\"a[b]\\""]';
    const address = parseResourceAddress(text);
    expect(address).toMatchObject({mode: 'managed', type: 'aws_route', name: 'r', key: '10.0.0.0/16 "a[b]"'});
    expect(address.modules.map((m) => [m.name, m.key])).toEqual([
      ['vpc', 'eu.west/1'],
      ['sub', 0],
    ]);
    expect(formatResourceAddress(address)).toBe(text);
  });

  it('reads data sources in modules and module paths alone', () => {
    expect(parseResourceAddress('module.vpc.data.aws_availability_zones.all')).toMatchObject({
      mode: 'data',
      type: 'aws_availability_zones',
      name: 'all',
      modules: [{name: 'vpc'}],
    });
    expect(parseModuleAddress('module.a["k"].module.b')).toEqual([{name: 'a', key: 'k', keyText: '"k"'}, {name: 'b'}]);
    expect(parseModuleAddress('')).toEqual([]);
  });

  it('rejects what is not an address', () => {
    for (const bad of [
      'aws_route',
      'module.a["x].aws_route.r',
      'aws_route.r[]',
      'aws_route.r[0]x',
      '.aws_route.r',
      'module..aws_route.r',
    ])
      expect(() => parseResourceAddress(bad)).toThrow();
  });
});

describe('configuration references', () => {
  it('keeps only the longest traversals of a references list', () => {
    expect(
      leafReferences([
        'aws_subnet.a[0].id',
        'aws_subnet.a[0]',
        'aws_subnet.a',
        'aws_subnet.ab.id',
        'aws_subnet.ab',
        'var.x',
      ]),
    ).toEqual(['aws_subnet.a[0].id', 'aws_subnet.ab.id', 'var.x']);
    // A dynamic index ends the traversal: the resource and the key's own reference remain.
    expect(leafReferences(['aws_subnet.a', 'count.index'])).toEqual(['aws_subnet.a', 'count.index']);
    expect(leafReferences(['module.net["a.b"].sg_id', 'module.net["a.b"]', 'module.net'])).toEqual([
      'module.net["a.b"].sg_id',
    ]);
  });

  it('parses a traversal with string keys', () => {
    expect(parseTraversal('module.net["eu.x"].sg_id')).toEqual([
      {name: 'module', keys: []},
      {name: 'net', keys: ['eu.x']},
      {name: 'sg_id', keys: []},
    ]);
  });
});

describe('sensitive values', () => {
  it('drops what the plan marks and what is named like a secret, keeping array positions', () => {
    const dropped = new Set<string>();
    const value = {
      user: [
        {username: 'a', password: 'p1'},
        {username: 'b', password: 'p2'},
      ],
      tunnel1_preshared_key: 'k',
      tags: {Owner: 'x'},
      note: 'visible',
    };
    const kept = redact(value, {note: true, user: [{}, {}]}, [], dropped);
    expect(kept).toEqual({user: [{username: 'a'}, {username: 'b'}], tags: {Owner: 'x'}});
    expect([...dropped].sort()).toEqual(['note', 'tunnel1_preshared_key', 'user[0].password', 'user[1].password']);
  });

  it('withholds a mapped field that the plan marks sensitive, saying so in unknown', () => {
    const change = terraformPlanChange(
      {
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_subnet.s',
            mode: 'managed',
            type: 'aws_subnet',
            name: 's',
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: {
              actions: ['create'],
              before: null,
              after: {vpc_id: 'vpc-1', cidr_block: '10.9.0.0/24'},
              after_unknown: {id: true},
              before_sensitive: false,
              after_sensitive: {cidr_block: true},
            },
          },
        ],
      },
      'p.json',
    );
    const subnet = onlyItem(change.edits[0].after, 'subnet');
    expect(subnet.value.cidr).toBe('');
    expect(subnet.unknown).toEqual({'/cidr': 'sensitive in the plan: aws_subnet.s.cidr_block'});
    expect(JSON.stringify(change)).not.toContain('10.9.0.0/24');
  });
});

describe('protocols', () => {
  it('writes security group protocols as DescribeSecurityGroupRules does, ACL protocols as numbers', () => {
    expect(['all', '-1', 'TCP', '6', 'udp', '17', 'icmp', '1', 'icmpv6', '50'].map(securityGroupProtocol)).toEqual([
      '-1',
      '-1',
      'tcp',
      'tcp',
      'udp',
      'udp',
      'icmp',
      'icmp',
      '58',
      '50',
    ]);
    expect(['all', '-1', 'tcp', '6', 'udp', 'icmp', '47'].map(aclProtocol)).toEqual([
      '-1',
      '-1',
      '6',
      '6',
      '17',
      '1',
      '47',
    ]);
  });
});

/** A plan of `count` new subnets, each in a module instance with a route-table association that references it. */
function largePlan(count: number): Record<string, unknown> {
  const changes: unknown[] = [];
  for (let i = 0; i < count / 2; i += 1) {
    const module = `module.zone["az.${i}/x"]`;
    const base = {mode: 'managed', provider_name: 'registry.terraform.io/hashicorp/aws', module_address: module};
    changes.push({
      ...base,
      address: `${module}.aws_subnet.this`,
      type: 'aws_subnet',
      name: 'this',
      change: {
        actions: ['create'],
        before: null,
        after: {vpc_id: 'vpc-0e7b2c4d6f8a1b3c5', cidr_block: `10.${i % 250}.0.0/24`},
        after_unknown: {id: true, arn: true},
        after_sensitive: {},
      },
    });
    changes.push({
      ...base,
      address: `${module}.aws_route_table_association.this`,
      type: 'aws_route_table_association',
      name: 'this',
      change: {
        actions: ['create'],
        before: null,
        after: {route_table_id: 'rtb-0b7d9f1c3e5a7b9d2'},
        after_unknown: {id: true, subnet_id: true},
        after_sensitive: {},
      },
    });
  }

  const moduleConfig = {
    resources: [
      {
        address: 'aws_subnet.this',
        mode: 'managed',
        type: 'aws_subnet',
        name: 'this',
        provider_config_key: 'aws',
        expressions: {vpc_id: {constant_value: 'vpc-0e7b2c4d6f8a1b3c5'}},
      },
      {
        address: 'aws_route_table_association.this',
        mode: 'managed',
        type: 'aws_route_table_association',
        name: 'this',
        provider_config_key: 'aws',
        expressions: {subnet_id: {references: ['aws_subnet.this.id', 'aws_subnet.this']}},
      },
    ],
  };
  return {
    format_version: '1.2',
    resource_changes: changes,
    configuration: {
      provider_config: {aws: {name: 'aws', expressions: {region: {constant_value: 'eu-west-1'}}}},
      root_module: {
        module_calls: {
          zone: {source: './zone', for_each_expression: {references: ['var.zones']}, module: moduleConfig},
        },
      },
    },
  };
}

describe('a large plan', () => {
  // How fast it reads is the benchmark's (npm run bench: a 200-change plan against 10,000 brokers), not a test's.
  it('reads a plan of 200 resource changes across module instances, references resolved', () => {
    const change = terraformPlanChange(largePlan(200), 'large.json');
    expect(change.edits).toHaveLength(200);
    const association = onlyItem(change.edits[199].after, 'routeTableAssociation').value;
    expect(association.association.subnetId).toBe(placeholderId('module.zone["az.99/x"].aws_subnet.this'));
  });
});
