/**
 * The broker document: what policies assert on (docs/broker-document.md). It is the normalized broker from the
 * snapshot, flattened, plus facts derived from it. Versioned: a field's meaning never changes within a version.
 *
 * Unknown vs absent: a field we could not collect is `null` and `unknown[pointer]` says why; a field AWS did
 * not return is omitted. The evaluator turns a null it needs into `error`, never `pass`.
 */
import type {BrokerNetworkFacts} from '../network/facts';
import type {Broker, BrokerDetails, CollectionError, EngineType} from '../snapshot/types';
import {BUILT_IN_CALENDAR, type SupportCalendar} from './support-calendar';
import instanceTypes from './instance-types.json';

export const BROKER_DOCUMENT_VERSION = 1;

export interface ProductionSelector {
  /** Tag keys that carry the environment, compared case-insensitively. */
  tagKeys: string[];
  /** Values of those tags that mean production, compared case-insensitively. */
  tagValues: string[];
}

export const DEFAULT_PRODUCTION_SELECTOR: ProductionSelector = {
  tagKeys: ['Environment', 'Env', 'Stage'],
  tagValues: ['prod', 'production', 'prd'],
};

export type EngineSupportStatus = 'end-of-support' | 'supported';

export interface EngineVersionSupport {
  /** major.minor the version was matched on. */
  line: string;
  /** supported or end-of-support at the snapshot's collection time; null when the version is not in the support table. */
  status: EngineSupportStatus | null;
  /** The line's end-of-support date (YYYY-MM-DD), when one is announced. */
  endOfSupport?: string;
  /**
   * Days from the snapshot's collection to endOfSupport (negative once it has passed), when a date is announced:
   * "support ends within 90 days" is `{"maximum": 90}`.
   */
  daysOfSupportLeft?: number;
  /** The version's major and minor as numbers (5.18.4 → 5 and 18), when it is a version: comparable in policies. */
  major?: number;
  minor?: number;
  /** Date of the support table. */
  tableAsOf: string;
}

export type InstanceSize =
  'micro' | 'small' | 'medium' | 'large' | 'xlarge' | '2xlarge' | '4xlarge' | '8xlarge' | '12xlarge' | '16xlarge';

/** The host instance type, taken apart (src/policy/instance-types.json) so policies can compare sizes. */
export interface HostInstance {
  /** The instance family: `t3`, `m5`, `m7g` … (mq.<family>.<size>). */
  family: string;
  /** The size: `micro`, `large`, `2xlarge` … */
  size: string;
  /**
   * The size's place on the EC2 size ladder, comparable across families: micro 1, small 2, medium 3, large 4,
   * xlarge 5, 2xlarge 6, 4xlarge 7, 8xlarge 8, 12xlarge 9, 16xlarge 10 ("mq.m5.large or larger" is rank ≥ 4);
   * null when the size is not on the ladder.
   */
  rank: number | null;
  /** A burstable family (t2, t3): CPU is throttled when credits run out. */
  burstable: boolean;
  /** The type is in mq-audit's table of Amazon MQ instance types (dated by its asOf). */
  listed: boolean;
}

export interface BrokerFacts {
  /** Whether the production selector matches the broker's tags; null when tags are unknown. */
  production: boolean | null;
  /** The engine's multi-AZ deployment mode is in use. */
  highAvailability: boolean;
  /** Whether the engine version is still supported (src/policy/engine-versions.json); null when engineVersion is unknown. */
  engineVersionSupport: EngineVersionSupport | null;
  /** customer-managed when a KMS key of the customer is used; null when unknown. */
  encryptionKey: 'aws-owned' | 'customer-managed' | null;
  /** hostInstanceType taken apart; null when it is absent or not of the form mq.<family>.<size>. */
  hostInstance: HostInstance | null;
}

/** Keys of BrokerDetails, flattened onto the document (null when DescribeBroker failed). */
type DetailFields = {[K in keyof BrokerDetails]-?: BrokerDetails[K] | null};

export interface BrokerDocument extends Partial<DetailFields> {
  /** The document's version: a field's meaning never changes within a version. */
  documentVersion: typeof BROKER_DOCUMENT_VERSION;
  /** The AWS account the broker lives in. */
  accountId: string;
  /** The AWS region the broker lives in. */
  region: string;
  /** The AWS partition (aws, aws-cn, aws-us-gov). */
  partition: string;
  /** The broker's ARN (ListBrokers). */
  arn: string;
  /** The broker's id, b-… (ListBrokers). */
  id: string;
  /** The broker's name (ListBrokers). */
  name: string;
  /**
   * The broker's state (ListBrokers).
   * @values CREATION_IN_PROGRESS | CREATION_FAILED | DELETION_IN_PROGRESS | RUNNING | REBOOT_IN_PROGRESS | CRITICAL_ACTION_REQUIRED | REPLICA
   */
  state?: string;
  /** The broker engine (ListBrokers). */
  engineType: EngineType;
  /**
   * The deployment mode (ListBrokers).
   * @values SINGLE_INSTANCE | ACTIVE_STANDBY_MULTI_AZ | CLUSTER_MULTI_AZ
   */
  deploymentMode: string;
  /** The host instance type, e.g. mq.m5.large (ListBrokers); facts.hostInstance takes it apart. */
  hostInstanceType?: string;
  /** When the broker was created, ISO date-time (ListBrokers). */
  created?: string;
  /** Facts derived from the broker (docs/broker-document.md). */
  facts: BrokerFacts;
  /** Network facts (the network path model); null when they could not be computed, absent when not collected. */
  network?: BrokerNetworkFacts | null;
  /** JSON pointer → why that value is unknown. */
  unknown: Record<string, string>;
}

export interface DocumentContext {
  accountId: string;
  partition: string;
  region: string;
  /** Collection errors of this account and region; the ones about this broker explain unknown fields. */
  errors: CollectionError[];
  production: ProductionSelector;
  /** Date support is judged at (the snapshot's collection time, so offline re-evaluation is reproducible). */
  asOf: string;
  /** The engine support calendar (default: the built-in one). */
  supportCalendar?: SupportCalendar;
  network?: {facts: unknown; unknown?: Record<string, string>};
}

const DETAIL_KEYS: (keyof BrokerDetails)[] = [
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

export function buildBrokerDocument(broker: Broker, context: DocumentContext): BrokerDocument {
  const unknown: Record<string, string> = {};
  const details = broker.details;
  const detailFields: Partial<DetailFields> = {};
  if (details) {
    Object.assign(detailFields, details);
    // A proposed broker's values known only after apply are unknown here, as a failed call's would be.
    for (const [pointer, reason] of Object.entries(broker.planned?.unknown ?? {})) {
      if (setUnknown(detailFields, pointer)) unknown[pointer] = reason;
    }
  } else {
    const reason = describeMissingDetails(broker, context.errors);
    for (const key of DETAIL_KEYS) {
      (detailFields as Record<string, unknown>)[key] = null;
      unknown[`/${key}`] = reason;
    }
  }

  const engineVersion = detailFields.engineVersion ?? null;
  const engineVersionSupport =
    engineVersion === null
      ? null
      : lookUpEngineSupport(broker.engineType, engineVersion, context.asOf, context.supportCalendar);
  if (engineVersionSupport === null) unknown['/facts/engineVersionSupport'] = unknown['/engineVersion'];
  else if (engineVersionSupport.status === null) {
    unknown['/facts/engineVersionSupport/status'] =
      `engine version ${engineVersion} of ${broker.engineType} is not in the support table dated ${engineVersionSupport.tableAsOf}`;
  }

  const tags = detailFields.tags ?? null;
  const production = tags === null ? null : isProduction(tags, context.production);
  if (production === null) unknown['/facts/production'] = `tags are unknown: ${unknown['/tags']}`;
  const encryption = detailFields.encryption ?? null;
  const encryptionKey =
    encryption === null ? null : encryption.kmsKeyId && !encryption.useAwsOwnedKey ? 'customer-managed' : 'aws-owned';
  if (encryptionKey === null) unknown['/facts/encryptionKey'] = unknown['/encryption'];

  const hostInstance = broker.hostInstanceType === undefined ? null : parseHostInstance(broker.hostInstanceType);
  if (hostInstance === null) {
    unknown['/facts/hostInstance'] =
      broker.hostInstanceType === undefined
        ? 'the host instance type is not in the inventory'
        : `host instance type ${broker.hostInstanceType} is not of the form mq.<family>.<size>`;
  } else if (hostInstance.rank === null) {
    unknown['/facts/hostInstance/rank'] =
      `size ${hostInstance.size} of ${broker.hostInstanceType} is not on the size ladder of the instance type table dated ${instanceTypes.asOf}`;
  }

  const document: BrokerDocument = {
    documentVersion: BROKER_DOCUMENT_VERSION,
    accountId: context.accountId,
    region: context.region,
    partition: context.partition,
    arn: broker.arn,
    id: broker.id,
    name: broker.name,
    engineType: broker.engineType,
    deploymentMode: broker.deploymentMode,
    ...optional({state: broker.state, hostInstanceType: broker.hostInstanceType, created: broker.created}),
    ...detailFields,
    facts: {
      production,
      highAvailability:
        broker.deploymentMode === 'ACTIVE_STANDBY_MULTI_AZ' || broker.deploymentMode === 'CLUSTER_MULTI_AZ',
      engineVersionSupport,
      encryptionKey,
      hostInstance,
    },
    unknown,
  };
  if (context.network) {
    document.network = context.network.facts as BrokerNetworkFacts | null;
    Object.assign(unknown, context.network.unknown ?? {});
  }

  return document;
}

/**
 * Sets the value at a JSON pointer of the detail fields to null, copying the objects on the way (they are the
 * snapshot's); false when the pointer leads nowhere.
 */
function setUnknown(fields: Record<string, unknown>, pointer: string): boolean {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (steps.length === 0 || !(steps[0] in fields)) return false;
  let holder = fields;
  for (const step of steps.slice(0, -1)) {
    const next = holder[step];
    if (next === null || typeof next !== 'object') return false;
    holder[step] = Array.isArray(next) ? [...(next as unknown[])] : {...next};
    holder = holder[step] as Record<string, unknown>;
  }

  holder[steps.at(-1)!] = null;
  return true;
}

function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function describeMissingDetails(broker: Broker, errors: CollectionError[]): string {
  const error = errors.find((e) => e.service === 'mq' && e.operation === 'DescribeBroker' && e.resource === broker.id);
  return error ? `DescribeBroker failed: ${error.code}` : 'DescribeBroker data is missing from the inventory';
}

export function isProduction(tags: Record<string, string>, selector: ProductionSelector): boolean {
  const keys = new Set(selector.tagKeys.map((k) => k.toLowerCase()));
  const values = new Set(selector.tagValues.map((v) => v.toLowerCase()));
  return Object.entries(tags).some(
    ([key, value]) => keys.has(key.toLowerCase()) && values.has(value.trim().toLowerCase()),
  );
}

/** major.minor of an engine version ("5.17.6" → "5.17", "3.13" → "3.13"); null when it is not a version. */
export function versionLine(version: string): string | null {
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? `${match[1]}.${match[2]}` : null;
}

function compareLines(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export function lookUpEngineSupport(
  engine: EngineType,
  version: string,
  asOf: string,
  calendar: SupportCalendar = BUILT_IN_CALENDAR,
): EngineVersionSupport {
  const supportTable = calendar;
  const line = versionLine(version) ?? version;
  const entries = supportTable.engines[engine] ?? [];
  const entry = entries.find((e) => e.version === line);
  const [major, minor] = versionLine(version) ? line.split('.').map(Number) : [];
  const base = {line, ...(major !== undefined && {major, minor}), tableAsOf: supportTable.asOf};
  if (entry) {
    if (entry.endOfSupport === null) return {...base, status: 'supported'};
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
    return {...base, status: 'end-of-support'};
  }

  return {...base, status: null};
}

const SIZE_RANKS = new Map(instanceTypes.sizes.map((size, index) => [size, index + 1]));
const LISTED_TYPES = new Set(instanceTypes.types);

/** mq.m5.large → {family: m5, size: large, rank: 4, …}; null when the name is not mq.<family>.<size>. */
export function parseHostInstance(type: string): HostInstance | null {
  const match = /^mq\.([a-z][a-z0-9-]*)\.([a-z0-9]+)$/.exec(type.trim());
  if (!match) return null;
  const [, family, size] = match;
  return {
    family,
    size,
    rank: SIZE_RANKS.get(size) ?? null,
    burstable: instanceTypes.burstableFamilies.includes(family),
    listed: LISTED_TYPES.has(type.trim()),
  };
}
