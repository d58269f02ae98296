/** Small builders for hand-made snapshots in unit tests (realistic ids, minimal noise). */
import type {Broker, BrokerDetails, CollectionError, Snapshot} from '../../src/snapshot/types';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

export function details(overrides: Partial<BrokerDetails> = {}): BrokerDetails {
  return {
    engineVersion: '5.18',
    storageType: 'EFS',
    publiclyAccessible: false,
    subnetIds: ['subnet-0a1b2c3d4e5f60001'],
    securityGroups: ['sg-0123456789abcdef0'],
    autoMinorVersionUpgrade: true,
    authenticationStrategy: 'SIMPLE',
    logs: {general: true, audit: true},
    encryption: {useAwsOwnedKey: true},
    tags: {},
    instances: [{endpoints: ['ssl://b-1.mq.eu-west-1.amazonaws.com:61617'], ipAddress: '10.20.1.15'}],
    ...overrides,
  };
}

export function broker(
  name: string,
  overrides: Partial<Broker> = {},
  detailOverrides: Partial<BrokerDetails> = {},
): Broker {
  const id = `b-${name.padEnd(8, '0').slice(0, 8)}-1111-2222-3333-444455556666`;
  return {
    arn: `arn:aws:mq:${REGION}:${ACCOUNT}:broker:${name}:${id}`,
    id,
    name,
    state: 'RUNNING',
    engineType: 'ACTIVEMQ',
    deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ',
    hostInstanceType: 'mq.m5.large',
    details: overrides.details === null ? null : details(detailOverrides),
    ...overrides,
  };
}

export function snapshotOf(brokers: Broker[], errors: CollectionError[] = []): Snapshot {
  return {
    kind: 'mq-audit/inventory',
    schemaVersion: 1,
    tool: {name: 'mq-audit', version: 'test'},
    collectedAt: '2026-11-25T10:00:00.000Z',
    collection: {method: 'fixture', regions: [REGION], allRegions: false},
    accounts: [{accountId: ACCOUNT, partition: 'aws', regions: [{region: REGION, mqOffered: true, brokers}]}],
    errors,
  };
}

export function describeBrokerDenied(target: Broker): CollectionError {
  return {
    accountId: ACCOUNT,
    region: REGION,
    service: 'mq',
    operation: 'DescribeBroker',
    code: 'AccessDeniedException',
    kind: 'access-denied',
    message: 'User is not authorized to perform: mq:DescribeBroker',
    resource: target.id,
  };
}
