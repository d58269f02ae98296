"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.brokerItems = brokerItems;
const fields_1 = require("./fields");
const items_1 = require("./items");
const ENGINE_TYPES = { activemq: 'ACTIVEMQ', rabbitmq: 'RABBITMQ' };
function brokerItems(input) {
    const fields = input.fields;
    if (!fields.has('PubliclyAccessible'))
        throw fields.expected('true or false (the property is required)', 'PubliclyAccessible');
    const name = (0, items_1.required)(fields, 'BrokerName', '/name');
    const engineType = engineTypeOf(fields);
    const sensitive = [];
    const details = (0, items_1.defined)({
        engineVersion: engineVersionOf(fields),
        storageType: upper(fields.string('StorageType', '/details/storageType')),
        publiclyAccessible: fields.boolean('PubliclyAccessible', '/details/publiclyAccessible') ?? false,
        subnetIds: fields.strings('SubnetIds', '/details/subnetIds') ?? [],
        securityGroups: securityGroupsOf(fields),
        // Amazon MQ's documented default when the property is not set.
        autoMinorVersionUpgrade: fields.boolean('AutoMinorVersionUpgrade', '/details/autoMinorVersionUpgrade') ?? true,
        authenticationStrategy: upper(fields.string('AuthenticationStrategy', '/details/authenticationStrategy')) ?? 'SIMPLE',
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
        ? items_1.NOT_IN_TEMPLATE
        : "unknown until deploy: the broker's instances and endpoints";
    fields.markUnknown('/details/instances', instancesReason);
    const broker = (0, items_1.defined)({
        arn: arnOf(input, name),
        id: input.id,
        name,
        engineType,
        deploymentMode: upper((0, items_1.required)(fields, 'DeploymentMode', '/deploymentMode')) ?? '',
        hostInstanceType: fields.string('HostInstanceType', '/hostInstanceType'),
        details,
    });
    return { items: [(0, items_1.planned)('broker', broker, fields.unknown)], ...(sensitive.length > 0 && { sensitive }) };
}
function engineTypeOf(fields) {
    const text = (0, items_1.required)(fields, 'EngineType', '/engineType');
    // An unknown engine reads as the neutral ACTIVEMQ; `/engineType` is already listed as unknown.
    if (text === '')
        return 'ACTIVEMQ';
    const engine = ENGINE_TYPES[text.toLowerCase()];
    if (engine === undefined)
        throw fields.expected('ActiveMQ or RabbitMQ', 'EngineType');
    return engine;
}
/** The version as written: `3.10` must not become 3.1 (the loader keeps such numbers' text). */
function engineVersionOf(fields) {
    const version = fields.string('EngineVersion', '/details/engineVersion');
    if (version === undefined)
        fields.markUnknown('/details/engineVersion', 'unknown until deploy: EngineVersion is not set, Amazon MQ picks it');
    return version ?? '';
}
function securityGroupsOf(fields) {
    const groups = fields.strings('SecurityGroups', '/details/securityGroups');
    if (groups === undefined)
        fields.markUnknown('/details/securityGroups', "unknown until deploy: SecurityGroups is not set, Amazon MQ uses the VPC's default security group");
    return groups ?? [];
}
function ldapOf(fields, sensitive) {
    if (!fields.has('LdapServerMetadata'))
        return undefined;
    const ldap = fields.child('LdapServerMetadata');
    if (ldap.has('ServiceAccountPassword'))
        sensitive.push('LdapServerMetadata.ServiceAccountPassword');
    return (0, items_1.defined)({
        hosts: ldap.strings('Hosts', '/details/ldap/hosts') ?? [],
        userBase: ldap.string('UserBase', '/details/ldap/userBase'),
        roleBase: ldap.string('RoleBase', '/details/ldap/roleBase'),
        serviceAccountUsername: ldap.string('ServiceAccountUsername', '/details/ldap/serviceAccountUsername'),
    });
}
function logsOf(fields, engine) {
    const logs = fields.child('Logs');
    const general = logs.boolean('General', '/details/logs/general') ?? false;
    // RabbitMQ brokers have no audit log.
    return engine === 'RABBITMQ' ? { general } : { general, audit: logs.boolean('Audit', '/details/logs/audit') ?? false };
}
function encryptionOf(fields) {
    if (!fields.has('EncryptionOptions'))
        return { useAwsOwnedKey: true };
    const encryption = fields.child('EncryptionOptions');
    return (0, items_1.defined)({
        useAwsOwnedKey: encryption.boolean('UseAwsOwnedKey', '/details/encryption/useAwsOwnedKey') ?? true,
        kmsKeyId: encryption.string('KmsKeyId', '/details/encryption/kmsKeyId'),
    });
}
function maintenanceWindowOf(fields) {
    if (!fields.has('MaintenanceWindowStartTime'))
        return undefined;
    const window = fields.child('MaintenanceWindowStartTime');
    return (0, items_1.defined)({
        dayOfWeek: upper(window.string('DayOfWeek', '/details/maintenanceWindow/dayOfWeek')) ?? '',
        timeOfDay: window.string('TimeOfDay', '/details/maintenanceWindow/timeOfDay') ?? '',
        timeZone: window.string('TimeZone', '/details/maintenanceWindow/timeZone'),
    });
}
/** The template's tags, and the ones CloudFormation adds to every resource of a named stack. */
function brokerTags(fields, input) {
    const tags = (0, fields_1.tagMap)(fields, '/details/tags');
    if (input.stackName) {
        tags['aws:cloudformation:stack-name'] = input.stackName;
        tags['aws:cloudformation:logical-id'] = input.logicalId;
    }
    return tags;
}
/** Usernames only: a password is never read into an item. */
function usersOf(fields, sensitive) {
    if (!fields.has('Users'))
        return undefined;
    return fields.maps('Users', '/details/users').map((user, i) => {
        if (user.has('Password'))
            sensitive.push(`Users.${i}.Password`);
        return user.string('Username', `/details/users/${i}`) ?? '';
    });
}
function configurationOf(fields) {
    if (!fields.has('Configuration'))
        return undefined;
    const configuration = fields.child('Configuration');
    return {
        id: configuration.string('Id', '/details/configuration/id') ?? '',
        revision: configuration.number('Revision', '/details/configuration/revision') ?? 0,
    };
}
/** A deployed broker's ARN as given; a new one's is built around its placeholder id, like the id itself. */
function arnOf(input, name) {
    if (input.deployed?.arn)
        return input.deployed.arn;
    const missing = [
        input.partition ? '' : 'partition',
        input.region ? '' : 'region',
        input.accountId ? '' : 'account id',
    ].filter((m) => m !== '');
    if (missing.length > 0)
        input.fields.markUnknown('/arn', `not given: the ${missing.join(', ')} of the broker's ARN`);
    return `arn:${input.partition ?? ''}:mq:${input.region ?? ''}:${input.accountId ?? ''}:broker:${name}:${input.id}`;
}
function upper(value) {
    return value === undefined || value === '' ? value : value.toUpperCase();
}
