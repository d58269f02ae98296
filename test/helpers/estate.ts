/**
 * Generated Amazon MQ estates for the stand-in (tests and the benchmark): DescribeBroker responses in the
 * AWS CLI shape the stub serves, unique per account, region and index, built from a recorded broker.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import type {DescribeBrokerFixture} from './aws-stub';

const TEMPLATE_FILE = join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'aws',
  'mq',
  'DescribeBroker-activemq-single-instance.json',
);
let template: DescribeBrokerFixture | undefined;

/** A deterministic broker id: `b-` + a UUID-shaped hex string derived from account, region and index. */
export function brokerId(account: string, region: string, index: number): string {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- region names are ASCII
  const regionCode = [...region]
    .reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7)
    .toString(16)
    .padStart(8, '0')
    .slice(0, 8);
  const hex = `${account}${regionCode}${index.toString(16).padStart(12, '0')}`.slice(0, 32).padEnd(32, '0');
  return `b-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface BrokerOptions {
  subnetIds?: string[];
  securityGroups?: string[];
  publiclyAccessible?: boolean;
  tags?: Record<string, string>;
}

/** The recorded single-instance ActiveMQ broker, moved to `account`/`region` and renamed `mq-<index>`. */
export function brokerFixture(
  account: string,
  region: string,
  index: number,
  options: BrokerOptions = {},
): DescribeBrokerFixture {
  template ??= JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as DescribeBrokerFixture;
  const id = brokerId(account, region, index);
  const name = `mq-${account.slice(-4)}-${index}`;
  return {
    ...template,
    BrokerArn: `arn:aws:mq:${region}:${account}:broker:${name}:${id}`,
    BrokerId: id,
    BrokerName: name,
    BrokerInstances: [
      {
        ConsoleURL: `https://${id}-1.mq.${region}.amazonaws.com:8162`,
        Endpoints: [`ssl://${id}-1.mq.${region}.amazonaws.com:61617`],
        IpAddress: '10.42.3.24',
      },
    ],
    Logs: {Audit: false, General: false},
    SubnetIds: options.subnetIds ?? template.SubnetIds,
    SecurityGroups: options.securityGroups ?? template.SecurityGroups,
    PubliclyAccessible: options.publiclyAccessible ?? false,
    Tags: options.tags ?? {Environment: 'dev', Owner: 'platform-team'},
  };
}

/** `count` brokers in one account-region. */
export function brokers(
  account: string,
  region: string,
  count: number,
  options?: BrokerOptions,
): DescribeBrokerFixture[] {
  return Array.from({length: count}, (_, index) => brokerFixture(account, region, index, options));
}
