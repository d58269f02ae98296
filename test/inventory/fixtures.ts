/** Recorded AWS responses from fixtures/aws/, for aws-sdk-client-mock tests and the stub server. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import type {DescribeBrokerResponse, ListBrokersResponse} from '@aws-sdk/client-mq';

import type {DescribeBrokerFixture} from '../helpers/aws-stub';

const MQ_DIR = join(__dirname, '..', '..', 'fixtures', 'aws', 'mq');

export const ACTIVE_STANDBY = 'DescribeBroker-activemq-active-standby';
export const SINGLE_INSTANCE = 'DescribeBroker-activemq-single-instance';
export const RABBITMQ_CLUSTER = 'DescribeBroker-rabbitmq-cluster';

export const ACTIVE_STANDBY_ID = 'b-3f2a9c1e-7d4b-4e8a-9b6c-2a1d5e8f0c37';
export const SINGLE_INSTANCE_ID = 'b-91c0e7d2-55af-4c3b-8e21-6f4d0a9b7c18';
export const RABBITMQ_CLUSTER_ID = 'b-7e4d2b90-1c6a-4f35-a8d7-c05e9f3b2a64';

/** The file as recorded (CLI shape): what the stub serves. */
export function mqFixture(name: string): DescribeBrokerFixture {
  return JSON.parse(readFileSync(join(MQ_DIR, `${name}.json`), 'utf8')) as DescribeBrokerFixture;
}

/** The file as the SDK would hand it to us: timestamps become Dates. */
export function mqSdkOutput<T extends DescribeBrokerResponse | ListBrokersResponse>(name: string): T {
  return reviveDates(mqFixture(name)) as T;
}

export function describeBrokerOutput(name: string): DescribeBrokerResponse {
  return mqSdkOutput<DescribeBrokerResponse>(name);
}

export function listBrokersPage(page: 1 | 2): ListBrokersResponse {
  return mqSdkOutput<ListBrokersResponse>(`ListBrokers-page-${page}`);
}

function reviveDates(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveDates(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, reviveDates(member, name)]));
  }
  return key === 'Created' && typeof value === 'string' ? new Date(value) : value;
}
