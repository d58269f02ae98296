/**
 * The benchmark's estate: A accounts of one AWS Organization, each with brokers in R regions plus one enabled
 * region without brokers, N brokers in all, spread evenly. Every region carries the recorded network of
 * fixtures/aws/ec2 and fixtures/aws/directconnect (a production VPC with transit gateway, VPN, peering, Direct
 * Connect and prefix lists), and the brokers sit in it, cycling through the three recorded broker shapes
 * (ActiveMQ active/standby, RabbitMQ cluster, ActiveMQ single instance).
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {loadDxEstate} from '../test/helpers/aws-stub/directconnect';
import {loadEc2Estate} from '../test/helpers/aws-stub/ec2';
import type {DescribeBrokerFixture} from '../test/helpers/aws-stub/mq';
import {recordedIds, renamerForAccount} from './ids';

export interface Scenario {
  /** Brokers in all. */
  brokers: number;
  accounts: number;
  /** Regions with brokers per account (each account also has one enabled region without brokers). */
  regions: number;
}

export const BROKER_REGIONS = [
  'eu-west-1',
  'us-east-1',
  'eu-central-1',
  'ap-southeast-2',
  'us-west-2',
  'ca-central-1',
  'eu-north-1',
  'ap-northeast-1',
];
export const EMPTY_REGION = 'sa-east-1';
export const HOME_REGION = 'eu-west-1';
/** Where fixtures/aws was recorded: its network is served in every region. */
export const FIXTURE_REGION = 'eu-west-1';
const TEMPLATES = [
  'DescribeBroker-activemq-active-standby',
  'DescribeBroker-rabbitmq-cluster',
  'DescribeBroker-activemq-single-instance',
];

export interface Estate {
  scenario: Scenario;
  /** Account ids; the first is the organization's management account (the caller). */
  accountIds: string[];
  regions: string[];
  /** account → region → brokers (DescribeBroker responses, CLI shape). */
  brokers: Record<string, Record<string, DescribeBrokerFixture[]>>;
  /** Brokers per account-region, for the call formula and the floor. */
  perAccountRegion: number[];
}

export function accountId(index: number): string {
  return String(100_000_000_000 + index * 1_000_003).padStart(12, '0');
}

export function buildEstate(root: string, scenario: Scenario): Estate {
  if (scenario.regions > BROKER_REGIONS.length)
    throw new RangeError(`at most ${BROKER_REGIONS.length} regions with brokers`);
  const templates = TEMPLATES.map(
    (name) =>
      JSON.parse(readFileSync(join(root, 'fixtures', 'aws', 'mq', `${name}.json`), 'utf8')) as DescribeBrokerFixture,
  );
  // The brokers' subnets and groups renamed as the stand-in renames each account's network (./ids).
  const {ec2, dx} = recordedNetwork(root);
  const ids = recordedIds(ec2, dx);
  const accountIds = Array.from({length: scenario.accounts}, (_, i) => accountId(i));
  const regions = BROKER_REGIONS.slice(0, scenario.regions);
  const slots = scenario.accounts * scenario.regions;
  const brokers: Estate['brokers'] = {};
  const perAccountRegion: number[] = [];
  let next = 0;
  accountIds.forEach((account, a) => {
    brokers[account] = {};
    const ownTemplates = templates.map(renamerForAccount(ids, a));
    regions.forEach((region, r) => {
      const slot = a * scenario.regions + r;
      // Even spread: the first (N mod slots) account-regions get one more.
      const count = Math.floor(scenario.brokers / slots) + (slot < scenario.brokers % slots ? 1 : 0);
      brokers[account][region] = Array.from({length: count}, () =>
        brokerFrom(ownTemplates[next % ownTemplates.length], account, region, next++),
      );
      perAccountRegion.push(count);
    });
  });
  return {scenario, accountIds, regions, brokers, perAccountRegion};
}

/** The recorded network the stand-in serves in every region (the recording's own region). */
export function recordedNetwork(root: string): {
  ec2: ReturnType<typeof loadEc2Estate>[string];
  dx: ReturnType<typeof loadDxEstate>;
} {
  return {
    ec2: loadEc2Estate(join(root, 'fixtures', 'aws', 'ec2'))[FIXTURE_REGION],
    dx: loadDxEstate(join(root, 'fixtures', 'aws', 'directconnect')),
  };
}

function brokerFrom(
  template: DescribeBrokerFixture,
  account: string,
  region: string,
  index: number,
): DescribeBrokerFixture {
  const hex = index.toString(16).padStart(12, '0');
  const id = `b-${account.slice(0, 8)}-${account.slice(8, 12)}-4000-8000-${hex}`;
  const name = `mq-${index}`;
  const instances =
    (template.BrokerInstances as {ConsoleURL?: string; Endpoints?: string[]; IpAddress?: string}[] | undefined) ?? [];
  return {
    ...template,
    BrokerArn: `arn:aws:mq:${region}:${account}:broker:${name}:${id}`,
    BrokerId: id,
    BrokerName: name,
    BrokerInstances: instances.map((instance, i) => ({
      ...instance,
      ConsoleURL: `https://${id}-${i + 1}.mq.${region}.amazonaws.com:8162`,
      Endpoints: (instance.Endpoints ?? []).map((endpoint) =>
        endpoint.replace(/b-[0-9a-f-]+-\d\.mq\.[a-z0-9-]+/, `${id}-${i + 1}.mq.${region}`),
      ),
    })),
  };
}
