/**
 * Judging a change (`scan --plan`, issue 16 §7): a plan of 200 resource changes against the 10,000-broker
 * snapshot, in at most twice the wall time of the offline scan of that snapshot alone; and a plan alone (no
 * deployed estate) in at most a second, start-up included. Figures printed with PASS or MISS, not a timed test.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

import type {Snapshot} from '../src/snapshot/types';
import {type ChildRun, runCli} from './measure';

export const CHANGE_TARGETS = {resourceChanges: 200, factor: 2, aloneS: 1};

export interface ChangeTiming {
  brokers: number;
  resourceChanges: number;
  offline: ChildRun;
  withPlan: ChildRun;
  alone: ChildRun;
}

/**
 * A plan in `terraform show -json`'s format touching the estate as a busy pull request would: security-group rules
 * opened and removed, routes added, brokers resized and one created, spread over the snapshot's accounts.
 */
export function benchmarkPlan(snapshot: Snapshot, changes: number): object {
  const regions = snapshot.accounts.flatMap((account) =>
    account.regions.filter((r) => r.network && r.brokers?.length).map((region) => ({account, region})),
  );
  const resourceChanges: object[] = [];
  const configuration: object[] = [];
  const add = (
    type: string,
    name: string,
    actions: string[],
    before: object | null,
    after: object | null,
    afterUnknown: object = {},
  ) => {
    const address = `${type}.${name}`;
    resourceChanges.push({
      address,
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions,
        before,
        after,
        after_unknown: afterUnknown,
        before_sensitive: before ? {} : false,
        after_sensitive: after ? {} : false,
      },
    });
    configuration.push({
      address,
      mode: 'managed',
      type,
      name,
      provider_config_key: 'aws',
      expressions: {},
      schema_version: 0,
    });
  };

  for (let i = 0; resourceChanges.length < changes - 1; i++) {
    const {region} = regions[i % regions.length];
    const network = region.network!;
    const group = network.securityGroups?.[i % (network.securityGroups.length || 1)];
    const table = network.routeTables?.find((t) => !t.main) ?? network.routeTables?.[0];
    const broker = region.brokers![i % region.brokers!.length];
    switch (i % 4) {
      case 0:
        if (group)
          add(
            'aws_vpc_security_group_ingress_rule',
            `open_${i}`,
            ['create'],
            null,
            {
              security_group_id: group.id,
              ip_protocol: 'tcp',
              from_port: 5671,
              to_port: 5671,
              cidr_ipv4: `10.${i % 250}.0.0/16`,
              region: region.region,
            },
            {id: true, arn: true, security_group_rule_id: true},
          );
        break;
      case 1:
        if (table)
          add(
            'aws_route',
            `extra_${i}`,
            ['create'],
            null,
            {
              route_table_id: table.id,
              destination_cidr_block: `172.${16 + (i % 16)}.${i % 250}.0/24`,
              gateway_id: null,
              transit_gateway_id: null,
              region: region.region,
            },
            {id: true},
          );
        break;
      case 2:
        add('aws_mq_broker', `resize_${i}`, ['update'], brokerValues(broker, region.region), {
          ...brokerValues(broker, region.region),
          host_instance_type: 'mq.m5.xlarge',
        });
        break;
      default: {
        // A deployed rule, as Terraform's state has it: the overlay finds it by content.
        const rules = (network.securityGroupRules ?? []).filter((r) => r.cidrIpv4 && !r.egress);
        const rule = rules[i % (rules.length || 1)];
        if (rule)
          add(
            'aws_security_group_rule',
            `close_${i}`,
            ['delete'],
            {
              type: 'ingress',
              security_group_id: rule.groupId,
              protocol: rule.protocol,
              from_port: rule.fromPort,
              to_port: rule.toPort,
              cidr_blocks: [rule.cidrIpv4],
              region: region.region,
            },
            null,
          );
      }
    }
  }

  const {region} = regions[0];
  add(
    'aws_mq_broker',
    'checkout',
    ['create'],
    null,
    {
      ...brokerValues(region.brokers![0], region.region),
      id: undefined,
      arn: undefined,
      broker_name: 'checkout-bench',
      publicly_accessible: true,
      deployment_mode: 'SINGLE_INSTANCE',
    },
    {id: true, arn: true, instances: true},
  );
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: resourceChanges,
    configuration: {
      provider_config: {aws: {name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws'}},
      root_module: {resources: configuration},
    },
  };
}

function brokerValues(
  broker: NonNullable<Snapshot['accounts'][number]['regions'][number]['brokers']>[number],
  region: string,
): object {
  const details = broker.details;
  return {
    id: broker.id,
    arn: broker.arn,
    broker_name: broker.name,
    engine_type: broker.engineType,
    deployment_mode: broker.deploymentMode,
    host_instance_type: broker.hostInstanceType ?? 'mq.m5.large',
    engine_version: details?.engineVersion ?? '5.18',
    publicly_accessible: details?.publiclyAccessible ?? false,
    subnet_ids: details?.subnetIds ?? [],
    security_groups: details?.securityGroups ?? [],
    auto_minor_version_upgrade: details?.autoMinorVersionUpgrade ?? true,
    authentication_strategy: details?.authenticationStrategy ?? 'simple',
    logs: [{general: details?.logs.general ?? true, audit: String(details?.logs.audit ?? '')}],
    encryption_options: [{use_aws_owned_key: details?.encryption.useAwsOwnedKey ?? true}],
    storage_type: details?.storageType ?? 'efs',
    tags: details?.tags ?? {},
    region,
  };
}

/** The offline scan of the snapshot, the same scan judging the plan, and the plan alone. */
export async function timeChange(root: string, snapshot: Snapshot, scratch: string): Promise<ChangeTiming> {
  const inventory = join(scratch, 'change-inventory.json');
  const plan = join(scratch, 'change-plan.json');
  writeFileSync(inventory, JSON.stringify(snapshot));
  const planJson = benchmarkPlan(snapshot, CHANGE_TARGETS.resourceChanges) as {resource_changes: unknown[]};
  writeFileSync(plan, JSON.stringify(planJson));
  const scan = (extra: string[]) =>
    runCli(
      root,
      [
        'scan',
        '--format',
        'json',
        '--output',
        join(scratch, 'change-report.json'),
        '--quiet',
        '--iac',
        'none',
        ...extra,
      ],
      {},
      scratch,
    );
  const offline = await scan(['--inventory', inventory]);
  const withPlan = await scan(['--inventory', inventory, '--plan', plan]);
  const alone = await scan(['--plan', plan]);
  const brokers = snapshot.accounts.reduce(
    (n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0),
    0,
  );
  return {brokers, resourceChanges: planJson.resource_changes.length, offline, withPlan, alone};
}

export function printChange(timing: ChangeTiming, verdict: (ok: boolean) => string): void {
  const {offline, withPlan, alone} = timing;
  const ratio = withPlan.wallS / offline.wallS;
  console.log(
    `Judging a change: a plan of ${timing.resourceChanges} resource changes against ${timing.brokers.toLocaleString('en-US')} brokers`,
  );
  console.log(
    `  offline scan of the snapshot: ${offline.wallS.toFixed(2)} s (exit ${offline.exitCode}); with --plan: ${withPlan.wallS.toFixed(2)} s (exit ${withPlan.exitCode}), ${ratio.toFixed(2)}× — peak RSS ${withPlan.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  ${verdict(ratio <= CHANGE_TARGETS.factor && withPlan.exitCode !== 2)} with the plan within ${CHANGE_TARGETS.factor}× the offline scan`,
  );
  console.log(
    `  the plan alone (no deployed estate), start-up included: ${alone.wallS.toFixed(2)} s (exit ${alone.exitCode})`,
  );
  console.log(
    `  ${verdict(alone.wallS <= CHANGE_TARGETS.aloneS && alone.exitCode !== 2)} the plan alone within ${CHANGE_TARGETS.aloneS} s\n`,
  );
}
