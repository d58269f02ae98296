/**
 * AWS::AmazonMQ::Broker → a snapshot Broker (DescribeBroker's shape). Enums are upper-cased as the API returns them
 * (the template accepts `ActiveMQ`, `efs`); passwords are never read, only listed as sensitive.
 */
import type {Broker, BrokerDetails, EngineType} from '../../snapshot/types';
import {tagMap} from './fields';
import type {Fields} from './fields';
import {NOT_IN_TEMPLATE, defined, planned, required} from './items';
import type {ResourceInput, Translation} from './items';

const ENGINE_TYPES: Record<string, EngineType> = {activemq: 'ACTIVEMQ', rabbitmq: 'RABBITMQ'};

export function brokerItems(input: ResourceInput): Translation {
  const fields = input.fields;
  if (!fields.has('PubliclyAccessible'))
    throw fields.expected('true or false (the property is required)', 'PubliclyAccessible');
  const name = required(fields, 'BrokerName', '/name');
  const engineType = engineTypeOf(fields);
  const sensitive: string[] = [];
  const details: BrokerDetails = defined({
    engineVersion: engineVersionOf(fields),
    storageType: upper(fields.string('StorageType', '/details/storageType')),
    publiclyAccessible: fields.boolean('PubliclyAccessible', '/details/publiclyAccessible') ?? false,
    subnetIds: fields.strings('SubnetIds', '/details/subnetIds') ?? [],
    securityGroups: securityGroupsOf(fields),
    // Amazon MQ's documented default when the property is not set.
    autoMinorVersionUpgrade: fields.boolean('AutoMinorVersionUpgrade', '/details/autoMinorVersionUpgrade') ?? true,
    authenticationStrategy:
      upper(fields.string('AuthenticationStrategy', '/details/authenticationStrategy')) ?? 'SIMPLE',
    ldap: ldapOf(fields, sensitive),
    logs: logsOf(fields, engineType),
    encryption: encryptionOf(fields),
    maintenanceWindow: maintenanceWindowOf(fields),
    tags: brokerTags(fields, input),
    instances: [],
    dataReplicationMode: upper(fields.string('DataReplicationMode', '/details/dataReplicationMode')),
    users: usersOf(fields, sensitive),
    configuration: configurationOf(fields),
  });

  const instancesReason = input.deployed
    ? NOT_IN_TEMPLATE
    : "unknown until deploy: the broker's instances and endpoints";
  fields.markUnknown('/details/instances', instancesReason);
  const broker: Broker = defined({
    arn: arnOf(input, name),
    id: input.id,
    name,
    engineType,
    deploymentMode: upper(required(fields, 'DeploymentMode', '/deploymentMode')) ?? '',
    hostInstanceType: fields.string('HostInstanceType', '/hostInstanceType'),
    details,
  });
  return {items: [planned('broker', broker, fields.unknown)], ...(sensitive.length > 0 && {sensitive})};
}

function engineTypeOf(fields: Fields): EngineType {
  const text = required(fields, 'EngineType', '/engineType');
  // An unknown engine reads as the neutral ACTIVEMQ; `/engineType` is already listed as unknown.
  if (text === '') return 'ACTIVEMQ';
  const engine = ENGINE_TYPES[text.toLowerCase()];
  if (engine === undefined) throw fields.expected('ActiveMQ or RabbitMQ', 'EngineType');
  return engine;
}

/** The version as written: `3.10` must not become 3.1 (the loader keeps such numbers' text). */
function engineVersionOf(fields: Fields): string {
  const version = fields.string('EngineVersion', '/details/engineVersion');
  if (version === undefined)
    fields.markUnknown('/details/engineVersion', 'unknown until deploy: EngineVersion is not set, Amazon MQ picks it');
  return version ?? '';
}

function securityGroupsOf(fields: Fields): string[] {
  const groups = fields.strings('SecurityGroups', '/details/securityGroups');
  if (groups === undefined)
    fields.markUnknown(
      '/details/securityGroups',
      "unknown until deploy: SecurityGroups is not set, Amazon MQ uses the VPC's default security group",
    );
  return groups ?? [];
}

function ldapOf(fields: Fields, sensitive: string[]): BrokerDetails['ldap'] {
  if (!fields.has('LdapServerMetadata')) return undefined;
  const ldap = fields.child('LdapServerMetadata');
  if (ldap.has('ServiceAccountPassword')) sensitive.push('LdapServerMetadata.ServiceAccountPassword');
  return defined({
    hosts: ldap.strings('Hosts', '/details/ldap/hosts') ?? [],
    userBase: ldap.string('UserBase', '/details/ldap/userBase'),
    roleBase: ldap.string('RoleBase', '/details/ldap/roleBase'),
    serviceAccountUsername: ldap.string('ServiceAccountUsername', '/details/ldap/serviceAccountUsername'),
  });
}

function logsOf(fields: Fields, engine: EngineType): BrokerDetails['logs'] {
  const logs = fields.child('Logs');
  const general = logs.boolean('General', '/details/logs/general') ?? false;
  // RabbitMQ brokers have no audit log.
  return engine === 'RABBITMQ' ? {general} : {general, audit: logs.boolean('Audit', '/details/logs/audit') ?? false};
}

function encryptionOf(fields: Fields): BrokerDetails['encryption'] {
  if (!fields.has('EncryptionOptions')) return {useAwsOwnedKey: true};
  const encryption = fields.child('EncryptionOptions');
  return defined({
    useAwsOwnedKey: encryption.boolean('UseAwsOwnedKey', '/details/encryption/useAwsOwnedKey') ?? true,
    kmsKeyId: encryption.string('KmsKeyId', '/details/encryption/kmsKeyId'),
  });
}

function maintenanceWindowOf(fields: Fields): BrokerDetails['maintenanceWindow'] {
  if (!fields.has('MaintenanceWindowStartTime')) return undefined;
  const window = fields.child('MaintenanceWindowStartTime');
  return defined({
    dayOfWeek: upper(window.string('DayOfWeek', '/details/maintenanceWindow/dayOfWeek')) ?? '',
    timeOfDay: window.string('TimeOfDay', '/details/maintenanceWindow/timeOfDay') ?? '',
    timeZone: window.string('TimeZone', '/details/maintenanceWindow/timeZone'),
  });
}

/** The template's tags, and the ones CloudFormation adds to every resource of a named stack. */
function brokerTags(fields: Fields, input: ResourceInput): Record<string, string> {
  const tags = tagMap(fields, '/details/tags');
  if (input.stackName) {
    tags['aws:cloudformation:stack-name'] = input.stackName;
    tags['aws:cloudformation:logical-id'] = input.logicalId;
  }

  return tags;
}

/** Usernames only: a password is never read into an item. */
function usersOf(fields: Fields, sensitive: string[]): string[] | undefined {
  if (!fields.has('Users')) return undefined;
  return fields.maps('Users', '/details/users').map((user, i) => {
    if (user.has('Password')) sensitive.push(`Users.${i}.Password`);
    return user.string('Username', `/details/users/${i}`) ?? '';
  });
}

function configurationOf(fields: Fields): BrokerDetails['configuration'] {
  if (!fields.has('Configuration')) return undefined;
  const configuration = fields.child('Configuration');
  return {
    id: configuration.string('Id', '/details/configuration/id') ?? '',
    revision: configuration.number('Revision', '/details/configuration/revision') ?? 0,
  };
}

/** A deployed broker's ARN as given; a new one's is built around its placeholder id, like the id itself. */
function arnOf(input: ResourceInput, name: string): string {
  if (input.deployed?.arn) return input.deployed.arn;
  const missing = [
    input.partition ? '' : 'partition',
    input.region ? '' : 'region',
    input.accountId ? '' : 'account id',
  ].filter((m) => m !== '');
  if (missing.length > 0) input.fields.markUnknown('/arn', `not given: the ${missing.join(', ')} of the broker's ARN`);
  return `arn:${input.partition ?? ''}:mq:${input.region ?? ''}:${input.accountId ?? ''}:broker:${name}:${input.id}`;
}

function upper(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? value : value.toUpperCase();
}
