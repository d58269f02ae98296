/** The Brokers the collector must make of fixtures/aws/mq/*, whichever way the responses arrive. */
import type {Broker} from '../../src/snapshot/types';

const ORDERS_ID = 'b-3f2a9c1e-7d4b-4e8a-9b6c-2a1d5e8f0c37';
const SANDBOX_ID = 'b-91c0e7d2-55af-4c3b-8e21-6f4d0a9b7c18';
const EVENTS_ID = 'b-7e4d2b90-1c6a-4f35-a8d7-c05e9f3b2a64';

const activeMqEndpoints = (host: string): string[] => [
  `ssl://${host}:61617`,
  `amqp+ssl://${host}:5671`,
  `stomp+ssl://${host}:61614`,
  `mqtt+ssl://${host}:8883`,
  `wss://${host}:61619`,
];

export const ORDERS_AMQ_PROD: Broker = {
  arn: `arn:aws:mq:eu-west-1:123456789012:broker:orders-amq-prod:${ORDERS_ID}`,
  id: ORDERS_ID,
  name: 'orders-amq-prod',
  state: 'RUNNING',
  engineType: 'ACTIVEMQ',
  deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ',
  hostInstanceType: 'mq.m5.large',
  created: '2024-03-12T09:14:27.512Z',
  details: {
    engineVersion: '5.18',
    storageType: 'EFS',
    publiclyAccessible: false,
    subnetIds: ['subnet-0f1e2d3c4b5a69788', 'subnet-0a9b8c7d6e5f40312'],
    securityGroups: ['sg-0a1b2c3d4e5f60718'],
    autoMinorVersionUpgrade: true,
    authenticationStrategy: 'LDAP',
    ldap: {
      hosts: ['ldap1.corp.example.com', 'ldap2.corp.example.com'],
      userBase: 'ou=users,dc=corp,dc=example,dc=com',
      roleBase: 'ou=groups,dc=corp,dc=example,dc=com',
      serviceAccountUsername: 'svc-amazonmq',
    },
    logs: {
      general: true,
      audit: true,
      generalLogGroup: `/aws/amazonmq/broker/${ORDERS_ID}/general`,
      auditLogGroup: `/aws/amazonmq/broker/${ORDERS_ID}/audit`,
    },
    encryption: {
      useAwsOwnedKey: false,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/8d3f1c2a-6b4e-4f9a-a7c5-2e1d0b9f8a76',
    },
    maintenanceWindow: {dayOfWeek: 'SUNDAY', timeOfDay: '03:00', timeZone: 'UTC'},
    tags: {
      CostCenter: 'cc-4711',
      Environment: 'prod',
      Team: 'payments',
      'aws:cloudformation:stack-name': 'orders-messaging',
    },
    instances: [
      {
        consoleUrl: `https://${ORDERS_ID}-1.mq.eu-west-1.amazonaws.com:8162`,
        endpoints: activeMqEndpoints(`${ORDERS_ID}-1.mq.eu-west-1.amazonaws.com`),
        ipAddress: '10.42.1.37',
      },
      {
        consoleUrl: `https://${ORDERS_ID}-2.mq.eu-west-1.amazonaws.com:8162`,
        endpoints: activeMqEndpoints(`${ORDERS_ID}-2.mq.eu-west-1.amazonaws.com`),
        ipAddress: '10.42.2.118',
      },
    ],
    dataReplicationMode: 'CRDR',
    dataReplication: {
      role: 'PRIMARY',
      counterpartBrokerId: 'b-0d6e8a3c-2f71-4b95-9c4e-8a1b3d5f7e29',
      counterpartRegion: 'eu-central-1',
    },
    users: [],
    configuration: {id: 'c-5a8e2f14-93b7-4d0c-b6e1-7f2c9a4d8e03', revision: 4},
  },
};

export const DEV_SANDBOX_AMQ: Broker = {
  arn: `arn:aws:mq:eu-west-1:123456789012:broker:dev-sandbox-amq:${SANDBOX_ID}`,
  id: SANDBOX_ID,
  name: 'dev-sandbox-amq',
  state: 'RUNNING',
  engineType: 'ACTIVEMQ',
  deploymentMode: 'SINGLE_INSTANCE',
  hostInstanceType: 'mq.t3.micro',
  created: '2023-08-30T14:02:51.077Z',
  details: {
    engineVersion: '5.17.6',
    pendingEngineVersion: '5.18',
    storageType: 'EBS',
    publiclyAccessible: true,
    subnetIds: ['subnet-0b2c3d4e5f6a70819'],
    securityGroups: ['sg-0c4d5e6f7a8b9c0d1'],
    autoMinorVersionUpgrade: false,
    authenticationStrategy: 'SIMPLE',
    logs: {
      general: false,
      audit: false,
      generalLogGroup: `/aws/amazonmq/broker/${SANDBOX_ID}/general`,
      auditLogGroup: `/aws/amazonmq/broker/${SANDBOX_ID}/audit`,
    },
    encryption: {useAwsOwnedKey: true},
    maintenanceWindow: {dayOfWeek: 'MONDAY', timeOfDay: '22:00', timeZone: 'UTC'},
    tags: {Environment: 'dev', Owner: 'platform-team'},
    instances: [
      {
        consoleUrl: `https://${SANDBOX_ID}-1.mq.eu-west-1.amazonaws.com:8162`,
        endpoints: activeMqEndpoints(`${SANDBOX_ID}-1.mq.eu-west-1.amazonaws.com`),
        ipAddress: '10.42.3.24',
      },
    ],
    dataReplicationMode: 'NONE',
    users: ['admin', 'app-dev'],
    actionsRequired: [],
    configuration: {id: 'c-1b7d4e92-0a6f-4c38-9e5d-3f8a2c6b1e47', revision: 1},
  },
};

export const EVENTS_RMQ_PROD: Broker = {
  arn: `arn:aws:mq:eu-west-1:123456789012:broker:events-rmq-prod:${EVENTS_ID}`,
  id: EVENTS_ID,
  name: 'events-rmq-prod',
  state: 'RUNNING',
  engineType: 'RABBITMQ',
  deploymentMode: 'CLUSTER_MULTI_AZ',
  hostInstanceType: 'mq.m5.large',
  created: '2025-01-21T11:47:03.904Z',
  details: {
    engineVersion: '3.13',
    storageType: 'EBS',
    publiclyAccessible: false,
    subnetIds: ['subnet-0f1e2d3c4b5a69788', 'subnet-0a9b8c7d6e5f40312', 'subnet-0d4c3b2a1f0e9d8c7'],
    securityGroups: ['sg-0e1f2a3b4c5d6e7f8'],
    autoMinorVersionUpgrade: true,
    authenticationStrategy: 'SIMPLE',
    logs: {general: true, generalLogGroup: `/aws/amazonmq/broker/${EVENTS_ID}/general`},
    encryption: {useAwsOwnedKey: true},
    maintenanceWindow: {dayOfWeek: 'WEDNESDAY', timeOfDay: '02:30', timeZone: 'UTC'},
    tags: {Environment: 'prod', Team: 'data-platform'},
    instances: [
      {
        consoleUrl: `https://${EVENTS_ID}.mq.eu-west-1.amazonaws.com`,
        endpoints: [`amqps://${EVENTS_ID}.mq.eu-west-1.amazonaws.com:5671`],
      },
    ],
    dataReplicationMode: 'NONE',
    configuration: {id: 'c-9e2a6d1f-4b8c-47e0-a3f5-0d7b2c9e6a18', revision: 2},
  },
};

/** In ListBrokers order (page 1, then page 2). */
export const ALL_BROKERS: Broker[] = [ORDERS_AMQ_PROD, DEV_SANDBOX_AMQ, EVENTS_RMQ_PROD];
