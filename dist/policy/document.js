"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_PRODUCTION_SELECTOR = exports.BROKER_DOCUMENT_VERSION = void 0;
exports.buildBrokerDocument = buildBrokerDocument;
exports.isProduction = isProduction;
exports.versionLine = versionLine;
exports.lookUpEngineSupport = lookUpEngineSupport;
exports.parseHostInstance = parseHostInstance;
const support_calendar_1 = require("./support-calendar");
const instance_types_json_1 = __importDefault(require("./instance-types.json"));
exports.BROKER_DOCUMENT_VERSION = 1;
exports.DEFAULT_PRODUCTION_SELECTOR = {
    tagKeys: ['Environment', 'Env', 'Stage'],
    tagValues: ['prod', 'production', 'prd'],
};
const DETAIL_KEYS = [
    'engineVersion',
    'pendingEngineVersion',
    'storageType',
    'publiclyAccessible',
    'subnetIds',
    'securityGroups',
    'autoMinorVersionUpgrade',
    'authenticationStrategy',
    'ldap',
    'logs',
    'encryption',
    'maintenanceWindow',
    'tags',
    'instances',
    'dataReplicationMode',
    'dataReplication',
    'users',
    'actionsRequired',
    'configuration',
];
function buildBrokerDocument(broker, context) {
    const unknown = {};
    const details = broker.details;
    const detailFields = {};
    if (details) {
        Object.assign(detailFields, details);
        // A proposed broker's values known only after apply are unknown here, as a failed call's would be.
        for (const [pointer, reason] of Object.entries(broker.planned?.unknown ?? {})) {
            if (setUnknown(detailFields, pointer))
                unknown[pointer] = reason;
        }
    }
    else {
        const reason = describeMissingDetails(broker, context.errors);
        for (const key of DETAIL_KEYS) {
            detailFields[key] = null;
            unknown[`/${key}`] = reason;
        }
    }
    const engineVersion = detailFields.engineVersion ?? null;
    const engineVersionSupport = engineVersion === null
        ? null
        : lookUpEngineSupport(broker.engineType, engineVersion, context.asOf, context.supportCalendar);
    if (engineVersionSupport === null)
        unknown['/facts/engineVersionSupport'] = unknown['/engineVersion'];
    else if (engineVersionSupport.status === null) {
        unknown['/facts/engineVersionSupport/status'] =
            `engine version ${engineVersion} of ${broker.engineType} is not in the support table dated ${engineVersionSupport.tableAsOf}`;
    }
    const tags = detailFields.tags ?? null;
    const production = tags === null ? null : isProduction(tags, context.production);
    if (production === null)
        unknown['/facts/production'] = `tags are unknown: ${unknown['/tags']}`;
    const encryption = detailFields.encryption ?? null;
    const encryptionKey = encryption === null ? null : encryption.kmsKeyId && !encryption.useAwsOwnedKey ? 'customer-managed' : 'aws-owned';
    if (encryptionKey === null)
        unknown['/facts/encryptionKey'] = unknown['/encryption'];
    const hostInstance = broker.hostInstanceType === undefined ? null : parseHostInstance(broker.hostInstanceType);
    if (hostInstance === null) {
        unknown['/facts/hostInstance'] =
            broker.hostInstanceType === undefined
                ? 'the host instance type is not in the inventory'
                : `host instance type ${broker.hostInstanceType} is not of the form mq.<family>.<size>`;
    }
    else if (hostInstance.rank === null) {
        unknown['/facts/hostInstance/rank'] =
            `size ${hostInstance.size} of ${broker.hostInstanceType} is not on the size ladder of the instance type table dated ${instance_types_json_1.default.asOf}`;
    }
    const document = {
        documentVersion: exports.BROKER_DOCUMENT_VERSION,
        accountId: context.accountId,
        region: context.region,
        partition: context.partition,
        arn: broker.arn,
        id: broker.id,
        name: broker.name,
        engineType: broker.engineType,
        deploymentMode: broker.deploymentMode,
        ...optional({ state: broker.state, hostInstanceType: broker.hostInstanceType, created: broker.created }),
        ...detailFields,
        facts: {
            production,
            highAvailability: broker.deploymentMode === 'ACTIVE_STANDBY_MULTI_AZ' || broker.deploymentMode === 'CLUSTER_MULTI_AZ',
            engineVersionSupport,
            encryptionKey,
            hostInstance,
        },
        unknown,
    };
    if (context.network) {
        document.network = context.network.facts;
        Object.assign(unknown, context.network.unknown ?? {});
    }
    return document;
}
/**
 * Sets the value at a JSON pointer of the detail fields to null, copying the objects on the way (they are the
 * snapshot's); false when the pointer leads nowhere.
 */
function setUnknown(fields, pointer) {
    const steps = pointer
        .split('/')
        .slice(1)
        .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (steps.length === 0 || !(steps[0] in fields))
        return false;
    let holder = fields;
    for (const step of steps.slice(0, -1)) {
        const next = holder[step];
        if (next === null || typeof next !== 'object')
            return false;
        holder[step] = Array.isArray(next) ? [...next] : { ...next };
        holder = holder[step];
    }
    holder[steps.at(-1)] = null;
    return true;
}
function optional(fields) {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
function describeMissingDetails(broker, errors) {
    const error = errors.find((e) => e.service === 'mq' && e.operation === 'DescribeBroker' && e.resource === broker.id);
    return error ? `DescribeBroker failed: ${error.code}` : 'DescribeBroker data is missing from the inventory';
}
function isProduction(tags, selector) {
    const keys = new Set(selector.tagKeys.map((k) => k.toLowerCase()));
    const values = new Set(selector.tagValues.map((v) => v.toLowerCase()));
    return Object.entries(tags).some(([key, value]) => keys.has(key.toLowerCase()) && values.has(value.trim().toLowerCase()));
}
/** major.minor of an engine version ("5.17.6" → "5.17", "3.13" → "3.13"); null when it is not a version. */
function versionLine(version) {
    const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
    return match ? `${match[1]}.${match[2]}` : null;
}
function compareLines(a, b) {
    const [aMajor, aMinor] = a.split('.').map(Number);
    const [bMajor, bMinor] = b.split('.').map(Number);
    return aMajor - bMajor || aMinor - bMinor;
}
function lookUpEngineSupport(engine, version, asOf, calendar = support_calendar_1.BUILT_IN_CALENDAR) {
    const supportTable = calendar;
    const line = versionLine(version) ?? version;
    const entries = supportTable.engines[engine] ?? [];
    const entry = entries.find((e) => e.version === line);
    const [major, minor] = versionLine(version) ? line.split('.').map(Number) : [];
    const base = { line, ...(major !== undefined && { major, minor }), tableAsOf: supportTable.asOf };
    if (entry) {
        if (entry.endOfSupport === null)
            return { ...base, status: 'supported' };
        const daysOfSupportLeft = Math.round((Date.parse(entry.endOfSupport) - Date.parse(asOf.slice(0, 10))) / 86_400_000);
        return {
            ...base,
            status: entry.endOfSupport <= asOf.slice(0, 10) ? 'end-of-support' : 'supported',
            endOfSupport: entry.endOfSupport,
            daysOfSupportLeft,
        };
    }
    // Older than every listed line: support ended before the table's oldest entry.
    const oldest = entries.at(-1);
    if (versionLine(version) && oldest && compareLines(line, oldest.version) < 0) {
        return { ...base, status: 'end-of-support' };
    }
    return { ...base, status: null };
}
const SIZE_RANKS = new Map(instance_types_json_1.default.sizes.map((size, index) => [size, index + 1]));
const LISTED_TYPES = new Set(instance_types_json_1.default.types);
/** mq.m5.large → {family: m5, size: large, rank: 4, …}; null when the name is not mq.<family>.<size>. */
function parseHostInstance(type) {
    const match = /^mq\.([a-z][a-z0-9-]*)\.([a-z0-9]+)$/.exec(type.trim());
    if (!match)
        return null;
    const [, family, size] = match;
    return {
        family,
        size,
        rank: SIZE_RANKS.get(size) ?? null,
        burstable: instance_types_json_1.default.burstableFamilies.includes(family),
        listed: LISTED_TYPES.has(type.trim()),
    };
}
