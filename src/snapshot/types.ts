/**
 * The inventory snapshot: the contract between collecting (inventory/, the only code that talks to AWS)
 * and judging (network/, policy/, report/, which run offline on it).
 *
 * Conventions: camelCase keys, ISO-8601 strings for times, no SDK types. A value that AWS did not return
 * is omitted; a value we could not collect is `null`, and the reason is in `errors`.
 * The JSON Schema in inventory.schema.json must be kept in step with these types (a test checks the demo
 * estate and the collector's output against it).
 */
import type {DirectConnectGatewayInfo, RegionNetwork} from './network';

export const SNAPSHOT_KIND = 'mq-audit/inventory';
export const SNAPSHOT_SCHEMA_VERSION = 1;

export type AwsService = 'directconnect' | 'ec2' | 'mq' | 'organizations' | 'sts';

/** Why a call failed, in the terms an operator acts on. */
export type ErrorKind =
  'access-denied' | 'malformed-response' | 'not-offered' | 'opt-in-required' | 'other' | 'throttled' | 'timeout';

export interface CollectionError {
  accountId?: string;
  region?: string;
  service: AwsService;
  operation: string;
  /** The AWS error code (e.g. AccessDeniedException) or a Node error code (e.g. ECONNREFUSED). */
  code: string;
  kind: ErrorKind;
  message: string;
  /** The resource the call was about, when there is one (e.g. the broker id for DescribeBroker). */
  resource?: string;
}

export interface Snapshot {
  kind: typeof SNAPSHOT_KIND;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: {name: string; version: string};
  collectedAt: string;
  collection: CollectionInfo;
  accounts: AccountInventory[];
  errors: CollectionError[];
}

export interface CollectionInfo {
  /** `live`: read from AWS (or an AWS-compatible endpoint); `fixture`: written by hand or generated. */
  method: 'fixture' | 'live';
  regions: string[];
  allRegions: boolean;
  /** Profile *name* only; credentials are never recorded. */
  profile?: string;
  /** Service → endpoint URL, when the SDK was pointed away from AWS (LocalStack, moto, a test server). */
  endpoints?: Partial<Record<AwsService, string>>;
  /** Free-form note, e.g. what a demo estate shows. */
  description?: string;
  /** How the accounts were chosen (absent: the caller's own account, unsharded). */
  accountSelection?: AccountSelectionInfo;
  /** Client-side pacing and the overall deadline the collection ran under (live collections). */
  pacing?: PacingInfo;
}

export interface AccountSelectionInfo {
  /** `caller`: the credentials' own account; `role-arn`: --role-arn; `organization`: AWS Organizations ListAccounts. */
  source: 'caller' | 'organization' | 'role-arn';
  /** --organization: the role assumed in every account. */
  roleName?: string;
  /** --shard I/N: this snapshot covers only the accounts of shard `index` of `count` (docs/scale.md). */
  shard?: {index: number; count: number};
  /** Accounts that were listed but deliberately not scanned, and why. */
  skipped?: SkippedAccount[];
}

export interface SkippedAccount {
  accountId: string;
  name?: string;
  /** `excluded`: --exclude-account; `not-active`: Organizations lists the account as SUSPENDED, closed or pending. */
  reason: 'excluded' | 'not-active';
  /** The account's Organizations state, for `not-active` (e.g. SUSPENDED). */
  state?: string;
}

export interface PacingInfo {
  /** Fraction of AWS's documented request rates the scan allowed itself. */
  rateHeadroom: number;
  /** Whether Amazon MQ's bucket was taken as one per account or one per account and region. */
  mqBucketScope: 'account' | 'region';
  /** --deadline, as given (e.g. 15m). */
  deadline?: string;
  /** True when the deadline passed: calls cut short are in `errors` with kind `timeout`. */
  deadlineExceeded?: boolean;
}

export interface AccountInventory {
  accountId: string;
  /** Optional human name (from AWS Organizations or a fixture). */
  name?: string;
  partition: string;
  regions: RegionInventory[];
  /** Direct Connect gateways are global to an account, not regional. Null when they could not be read. */
  directConnectGateways?: DirectConnectGatewayInfo[] | null;
}

export interface RegionInventory {
  region: string;
  /** false when Amazon MQ is not offered in the region (skipped, not an error). */
  mqOffered: boolean;
  /** null when ListBrokers failed: we do not know which brokers exist. */
  brokers: Broker[] | null;
  /** The network around the brokers; absent when not collected, null members when a call failed. */
  network?: RegionNetwork;
}

export type EngineType = 'ACTIVEMQ' | 'RABBITMQ';

export interface Broker {
  arn: string;
  id: string;
  name: string;
  /** From ListBrokers: always known when the broker is listed. */
  state?: string;
  engineType: EngineType;
  deploymentMode: string;
  hostInstanceType?: string;
  created?: string;
  /** From DescribeBroker; null when that call failed (see errors). */
  details: BrokerDetails | null;
  /** Only in a proposed estate (scan --plan/--template): the change creates or alters this broker. */
  planned?: PlannedMark;
}

/**
 * Set on an object of a proposed estate (the deployed snapshot with a Terraform plan or CloudFormation template
 * applied, src/change) that the change creates, replaces or updates. Never written by `mq-audit inventory`.
 */
export interface PlannedMark {
  /** The IaC address that defines it: `aws_vpn_connection.backup`, `orders-stack/BackupVpn`. */
  address: string;
  action: 'create' | 'replace' | 'update';
  /**
   * JSON pointer → why the value is known only after apply ("known after apply: aws_mq_broker.checkout.security_groups").
   * For a broker the pointers are into its details (`/securityGroups`); the field holds a stand-in that is never read.
   */
  unknown?: Record<string, string>;
}

export interface BrokerDetails {
  /** The engine version, e.g. 5.18 or 3.13 (DescribeBroker). */
  engineVersion: string;
  /** The version the broker is upgraded to at its next maintenance window. */
  pendingEngineVersion?: string;
  /**
   * The storage type (ActiveMQ: EBS or EFS; RabbitMQ: EBS).
   * @values EBS | EFS
   */
  storageType?: string;
  /** Whether the broker is reachable from the internet. */
  publiclyAccessible: boolean;
  /** The broker's subnets. */
  subnetIds: string[];
  /** The broker's security groups. */
  securityGroups: string[];
  /** Whether minor engine versions are upgraded automatically. */
  autoMinorVersionUpgrade: boolean;
  /**
   * How users authenticate.
   * @values SIMPLE | LDAP | CONFIG_MANAGED
   */
  authenticationStrategy?: string;
  /** The LDAP server settings, when LDAP authentication is set up (no password). */
  ldap?: {hosts: string[]; userBase?: string; roleBase?: string; serviceAccountUsername?: string};
  /** Log publishing to CloudWatch Logs: general, and audit (ActiveMQ only), with their log groups. */
  logs: {general: boolean; audit?: boolean; generalLogGroup?: string; auditLogGroup?: string};
  /** Encryption at rest: the AWS-owned key, or a KMS key (kmsKeyId). */
  encryption: {useAwsOwnedKey: boolean; kmsKeyId?: string};
  /** The weekly maintenance window. */
  maintenanceWindow?: {dayOfWeek: string; timeOfDay: string; timeZone?: string};
  /** The broker's tags, key → value (an open map: any key). */
  tags: Record<string, string>;
  /** The broker's instances: console URL, endpoints, IP address. */
  instances: BrokerInstance[];
  /**
   * Cross-region data replication.
   * @values NONE | CRDR
   */
  dataReplicationMode?: string;
  /** This broker's role in cross-region data replication and its counterpart. */
  dataReplication?: {role: string; counterpartBrokerId?: string; counterpartRegion?: string};
  /** Usernames of the broker's users (no passwords). */
  users?: string[];
  /** Actions AWS requires on the broker (e.g. a configuration fix). */
  actionsRequired?: {code: string; info?: string}[];
  /** The current configuration and its revision. */
  configuration?: {id: string; revision: number};
}

export interface BrokerInstance {
  /** The instance's web console URL. */
  consoleUrl?: string;
  /** The instance's wire-protocol endpoints. */
  endpoints: string[];
  /** ActiveMQ only: the IP of the broker's ENI in the customer VPC. */
  ipAddress?: string;
}
