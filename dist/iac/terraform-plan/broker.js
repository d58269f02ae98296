"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.brokerItems = brokerItems;
const json_1 = require("./json");
const translate_1 = require("./translate");
const values_1 = require("./values");
function brokerItems(side, plan) {
    const f = new values_1.Fields(side);
    const name = f.string(['broker_name'], '/name') ?? '';
    const engineType = f.string(['engine_type'], '/engineType')?.toUpperCase();
    const details = {
        engineVersion: f.string(['engine_version'], '/details/engineVersion') ?? '',
        ...(0, translate_1.optional)('storageType', f.string(['storage_type'], '/details/storageType')?.toUpperCase()),
        publiclyAccessible: f.bool(['publicly_accessible'], '/details/publiclyAccessible') ?? false,
        subnetIds: f.ids(['subnet_ids'], '/details/subnetIds'),
        securityGroups: f.ids(['security_groups'], '/details/securityGroups'),
        autoMinorVersionUpgrade: f.bool(['auto_minor_version_upgrade'], '/details/autoMinorVersionUpgrade') ?? false,
        ...(0, translate_1.optional)('authenticationStrategy', f.string(['authentication_strategy'], '/details/authenticationStrategy')?.toUpperCase()),
        ...(0, translate_1.optional)('ldap', ldap(f)),
        logs: logs(f, engineType),
        encryption: encryption(f),
        ...(0, translate_1.optional)('maintenanceWindow', maintenanceWindow(f)),
        tags: tags(f),
        instances: instances(f),
        ...(0, translate_1.optional)('dataReplicationMode', f.string(['data_replication_mode'], '/details/dataReplicationMode')),
        users: users(f),
        ...(0, translate_1.optional)('configuration', configuration(f)),
    };
    const broker = {
        arn: brokerArn(f, side, plan, name),
        id: side.objectId,
        name,
        engineType: (engineType === 'RABBITMQ' ? 'RABBITMQ' : 'ACTIVEMQ'),
        deploymentMode: f.string(['deployment_mode'], '/deploymentMode')?.toUpperCase() ?? 'SINGLE_INSTANCE',
        ...(0, translate_1.optional)('hostInstanceType', f.string(['host_instance_type'], '/hostInstanceType')),
        details,
    };
    return [(0, translate_1.item)('broker', broker, f)];
}
/** The known ARN, or one built around the placeholder id; unknown region/account stay empty for the overlay to fill. */
function brokerArn(f, side, plan, name) {
    if (f.has(['arn']))
        return f.string(['arn'], '/arn') ?? '';
    return `arn:${plan.partition}:mq:${plan.region ?? ''}:${plan.accountId ?? ''}:broker:${name}:${side.objectId}`;
}
function ldap(f) {
    if (f.isUnknown(['ldap_server_metadata'])) {
        f.markUnknown('/details/ldap', ['ldap_server_metadata']);
        return { hosts: [] };
    }
    if (((0, values_1.knownArray)(f.side, ['ldap_server_metadata']) ?? []).length === 0)
        return undefined;
    const at = (key) => ['ldap_server_metadata', 0, key];
    return {
        hosts: f.strings(at('hosts'), '/details/ldap/hosts'),
        ...(0, translate_1.optional)('userBase', f.string(at('user_base'), '/details/ldap/userBase')),
        ...(0, translate_1.optional)('roleBase', f.string(at('role_base'), '/details/ldap/roleBase')),
        ...(0, translate_1.optional)('serviceAccountUsername', f.string(at('service_account_username'), '/details/ldap/serviceAccountUsername')),
    };
}
/** `logs[0].audit` is a string in the provider ("true", "false" or ""), and means nothing for RabbitMQ. */
function logs(f, engineType) {
    if (f.isUnknown(['logs'])) {
        f.markUnknown('/details/logs', ['logs']);
        return { general: false };
    }
    const general = f.bool(['logs', 0, 'general'], '/details/logs/general') ?? false;
    if (engineType === 'RABBITMQ')
        return { general };
    const audit = f.string(['logs', 0, 'audit'], '/details/logs/audit');
    return { general, ...(0, translate_1.optional)('audit', audit === undefined ? undefined : audit === 'true') };
}
function encryption(f) {
    if (f.isUnknown(['encryption_options'])) {
        f.markUnknown('/details/encryption', ['encryption_options']);
        return { useAwsOwnedKey: false };
    }
    // Absent block: AWS-owned key, the provider's default.
    if (((0, values_1.knownArray)(f.side, ['encryption_options']) ?? []).length === 0)
        return { useAwsOwnedKey: true };
    const useAwsOwnedKey = f.bool(['encryption_options', 0, 'use_aws_owned_key'], '/details/encryption/useAwsOwnedKey') ?? true;
    // With an AWS-owned key there is no customer key to know (the provider still plans kms_key_id as unknown).
    if (useAwsOwnedKey && !f.unknown['/details/encryption/useAwsOwnedKey'])
        return { useAwsOwnedKey };
    const kmsKeyId = f.string(['encryption_options', 0, 'kms_key_id'], '/details/encryption/kmsKeyId');
    return {
        useAwsOwnedKey,
        ...(0, translate_1.optional)('kmsKeyId', kmsKeyId === '' && !f.unknown['/details/encryption/kmsKeyId'] ? undefined : kmsKeyId),
    };
}
function maintenanceWindow(f) {
    if (f.isUnknown(['maintenance_window_start_time'])) {
        f.markUnknown('/details/maintenanceWindow', ['maintenance_window_start_time']);
        return { dayOfWeek: '', timeOfDay: '' };
    }
    if (((0, values_1.knownArray)(f.side, ['maintenance_window_start_time']) ?? []).length === 0)
        return undefined;
    const at = (key) => ['maintenance_window_start_time', 0, key];
    return {
        dayOfWeek: f.string(at('day_of_week'), '/details/maintenanceWindow/dayOfWeek') ?? '',
        timeOfDay: f.string(at('time_of_day'), '/details/maintenanceWindow/timeOfDay') ?? '',
        ...(0, translate_1.optional)('timeZone', f.string(at('time_zone'), '/details/maintenanceWindow/timeZone')),
    };
}
/** `tags_all` (with the provider's default tags) when known, else the configured `tags`. */
function tags(f) {
    if (f.has(['tags_all']))
        return f.stringMap(['tags_all'], '/details/tags') ?? {};
    return f.stringMap(['tags'], '/details/tags') ?? {};
}
function instances(f) {
    const list = (0, values_1.knownArray)(f.side, ['instances']);
    if (!list) {
        if (f.isUnknown(['instances']))
            f.markUnknown('/details/instances', ['instances']);
        return [];
    }
    return list.filter(json_1.isObject).map((instance) => ({
        ...(0, translate_1.optional)('consoleUrl', typeof instance.console_url === 'string' ? instance.console_url : undefined),
        endpoints: Array.isArray(instance.endpoints)
            ? instance.endpoints.filter((e) => typeof e === 'string')
            : [],
        ...(0, translate_1.optional)('ipAddress', typeof instance.ip_address === 'string' && instance.ip_address !== '' ? instance.ip_address : undefined),
    }));
}
/** Usernames only: passwords were dropped before translation. */
function users(f) {
    const list = (0, values_1.knownArray)(f.side, ['user']);
    if (!list) {
        if (f.isUnknown(['user']))
            f.markUnknown('/details/users', ['user']);
        return [];
    }
    return list.flatMap((user, index) => {
        const name = f.string(['user', index, 'username'], '/details/users');
        return name ? [name] : [];
    });
}
function configuration(f) {
    if (f.isUnknown(['configuration'])) {
        f.markUnknown('/details/configuration', ['configuration']);
        return { id: '', revision: 0 };
    }
    if (((0, values_1.knownArray)(f.side, ['configuration']) ?? []).length === 0)
        return undefined;
    return {
        id: f.id(['configuration', 0, 'id'], '/details/configuration/id') ?? '',
        revision: f.number(['configuration', 0, 'revision'], '/details/configuration/revision') ?? 0,
    };
}
