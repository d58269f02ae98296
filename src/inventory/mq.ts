/**
 * Amazon MQ brokers of one region: ListBrokers (every page, 100 per page) → DescribeBroker per broker.
 * Tags come from DescribeBroker (it returns them), so no ListTags: that would double the calls against
 * MQ's account-wide 15 req/s bucket for nothing.
 *
 * A failure is recorded, never replaced by defaults: a failed ListBrokers gives `brokers: null` (we do not
 * know which brokers exist), a failed DescribeBroker gives that broker `details: null`.
 */
import {DescribeBrokerCommand, paginateListBrokers} from '@aws-sdk/client-mq';
import type {BrokerSummary, DescribeBrokerResponse} from '@aws-sdk/client-mq';

import type {Broker, BrokerDetails, BrokerInstance, CollectionError, EngineType} from '../snapshot/types';
import {mapWithConcurrency} from './concurrency';
import type {RegionContext} from './context';
import {toCollectionError} from './errors';
import {drainPaginator} from './paginate';
import {isKnownMqRegion, KNOWN_MQ_REGIONS_AS_OF} from './regions';

/** ListBrokers accepts 5–100 and defaults to 20. */
export const LIST_BROKERS_PAGE_SIZE = 100;

export interface BrokerCollection {
  /** false: Amazon MQ has no endpoint in the region; `brokers` is then empty and nothing is an error. */
  mqOffered: boolean;
  brokers: Broker[] | null;
  errors: CollectionError[];
}

export async function collectBrokers(ctx: RegionContext): Promise<BrokerCollection> {
  const client = ctx.clients.mq(ctx.region);
  let summaries: BrokerSummary[];
  try {
    summaries = await drainPaginator(paginateListBrokers({client, pageSize: LIST_BROKERS_PAGE_SIZE}, {}), (page) => ({
      items: page.BrokerSummaries,
      nextToken: page.NextToken,
    }));
  } catch (err) {
    const error = toCollectionError(err, {service: 'mq', operation: 'ListBrokers', region: ctx.region});
    if (error.kind === 'not-offered' && !isKnownMqRegion(ctx.region))
      return {mqOffered: false, brokers: [], errors: []};
    return {mqOffered: true, brokers: null, errors: [explainKnownRegion(error, ctx.region)]};
  }

  const errors: CollectionError[] = [];
  const listed: Broker[] = [];
  for (const summary of summaries) {
    const broker = brokerFromSummary(summary);
    if ('missing' in broker) {
      errors.push(
        malformed('ListBrokers', ctx.region, summary.BrokerId, `broker summary lacks ${broker.missing.join(', ')}`),
      );
      continue;
    }
    if (!isEngineType(broker.engineType)) {
      errors.push(malformed('ListBrokers', ctx.region, broker.id, `unknown engine type "${summary.EngineType}"`));
    }
    listed.push(broker);
  }

  const brokers = await mapWithConcurrency(listed, ctx.concurrency, async (broker) => {
    let described: DescribeBrokerResponse;
    try {
      described = await client.send(new DescribeBrokerCommand({BrokerId: broker.id}));
    } catch (err) {
      errors.push(
        toCollectionError(err, {service: 'mq', operation: 'DescribeBroker', region: ctx.region, resource: broker.id}),
      );
      return broker;
    }
    const details = brokerDetails(described);
    if ('missing' in details) {
      errors.push(malformed('DescribeBroker', ctx.region, broker.id, `response lacks ${details.missing.join(', ')}`));
      return broker;
    }
    const state = described.BrokerState ?? broker.state;
    return {...broker, ...(state !== undefined && {state}), details};
  });
  return {mqOffered: true, brokers, errors};
}

/** A DNS failure in a region that has MQ is our network's fault, not a missing service. */
function explainKnownRegion(error: CollectionError, region: string): CollectionError {
  if (error.kind !== 'not-offered') return error;
  return {
    ...error,
    kind: 'other',
    message: `${error.message} (Amazon MQ is offered in ${region} per the AWS endpoint list of ${KNOWN_MQ_REGIONS_AS_OF}; check DNS and network access)`,
  };
}

function malformed(operation: string, region: string, resource: string | undefined, message: string): CollectionError {
  return {
    service: 'mq',
    operation,
    region,
    ...(resource !== undefined && {resource}),
    code: 'MalformedResponse',
    kind: 'malformed-response',
    message,
  };
}

type Missing = {missing: string[]};

/** The Broker as far as ListBrokers knows it; `details` stays null until DescribeBroker succeeds. */
export function brokerFromSummary(summary: BrokerSummary): Broker | Missing {
  const {
    BrokerArn: arn,
    BrokerId: id,
    BrokerName: name,
    EngineType: engineType,
    DeploymentMode: deploymentMode,
  } = summary;
  if (!arn || !id || !name || !engineType || !deploymentMode) {
    const fields = {
      BrokerArn: arn,
      BrokerId: id,
      BrokerName: name,
      EngineType: engineType,
      DeploymentMode: deploymentMode,
    };
    return {
      missing: Object.entries(fields)
        .filter(([, value]) => !value)
        .map(([key]) => key),
    };
  }
  const created = isoDate(summary.Created);
  return {
    arn,
    id,
    name,
    ...(summary.BrokerState !== undefined && {state: summary.BrokerState}),
    // The API answers "ActiveMQ"/"RabbitMQ" (and "efs"/"ebs") although the model's enums are upper case.
    engineType: engineType.toUpperCase() as EngineType,
    deploymentMode,
    ...(summary.HostInstanceType !== undefined && {hostInstanceType: summary.HostInstanceType}),
    ...(created !== undefined && {created}),
    details: null,
  };
}

/**
 * DescribeBroker → BrokerDetails. Fields whose absence would read as a compliant value (public access,
 * engine version, auto minor upgrades) are required: without them the answer is malformed, not "false".
 * Empty lists/maps are omitted by AWS's JSON, so absent lists become []. Logs and encryption fall back to
 * AWS's documented creation defaults (logging off, AWS-owned key), which only ever make a policy stricter.
 */
export function brokerDetails(out: DescribeBrokerResponse): BrokerDetails | Missing {
  const {
    EngineVersion: engineVersion,
    PubliclyAccessible: publiclyAccessible,
    AutoMinorVersionUpgrade: autoMinorVersionUpgrade,
  } = out;
  if (engineVersion === undefined || publiclyAccessible === undefined || autoMinorVersionUpgrade === undefined) {
    const fields = {
      EngineVersion: engineVersion,
      PubliclyAccessible: publiclyAccessible,
      AutoMinorVersionUpgrade: autoMinorVersionUpgrade,
    };
    return {
      missing: Object.entries(fields)
        .filter(([, value]) => value === undefined)
        .map(([key]) => key),
    };
  }
  const ldap = out.LdapServerMetadata;
  const window = out.MaintenanceWindowStartTime;
  const replication = out.DataReplicationMetadata;
  const current = out.Configurations?.Current;
  return {
    engineVersion,
    ...(out.PendingEngineVersion !== undefined && {pendingEngineVersion: out.PendingEngineVersion}),
    ...(out.StorageType !== undefined && {storageType: out.StorageType.toUpperCase()}),
    publiclyAccessible,
    subnetIds: out.SubnetIds ?? [],
    securityGroups: out.SecurityGroups ?? [],
    autoMinorVersionUpgrade,
    ...(out.AuthenticationStrategy !== undefined && {authenticationStrategy: out.AuthenticationStrategy.toUpperCase()}),
    ...(ldap !== undefined && {
      ldap: {
        hosts: ldap.Hosts ?? [],
        ...(ldap.UserBase !== undefined && {userBase: ldap.UserBase}),
        ...(ldap.RoleBase !== undefined && {roleBase: ldap.RoleBase}),
        ...(ldap.ServiceAccountUsername !== undefined && {serviceAccountUsername: ldap.ServiceAccountUsername}),
      },
    }),
    logs: {
      general: out.Logs?.General ?? false,
      ...(out.Logs?.Audit !== undefined && {audit: out.Logs.Audit}),
      ...(out.Logs?.GeneralLogGroup !== undefined && {generalLogGroup: out.Logs.GeneralLogGroup}),
      ...(out.Logs?.AuditLogGroup !== undefined && {auditLogGroup: out.Logs.AuditLogGroup}),
    },
    encryption: {
      useAwsOwnedKey: out.EncryptionOptions?.UseAwsOwnedKey ?? out.EncryptionOptions?.KmsKeyId === undefined,
      ...(out.EncryptionOptions?.KmsKeyId !== undefined && {kmsKeyId: out.EncryptionOptions.KmsKeyId}),
    },
    ...(window?.DayOfWeek !== undefined &&
      window.TimeOfDay !== undefined && {
        maintenanceWindow: {
          dayOfWeek: window.DayOfWeek,
          timeOfDay: window.TimeOfDay,
          ...(window.TimeZone !== undefined && {timeZone: window.TimeZone}),
        },
      }),
    tags: {...out.Tags},
    instances: (out.BrokerInstances ?? []).map(brokerInstance),
    ...(out.DataReplicationMode !== undefined && {dataReplicationMode: out.DataReplicationMode}),
    ...(replication?.DataReplicationRole !== undefined && {
      dataReplication: {
        role: replication.DataReplicationRole,
        ...(replication.DataReplicationCounterpart?.BrokerId !== undefined && {
          counterpartBrokerId: replication.DataReplicationCounterpart.BrokerId,
        }),
        ...(replication.DataReplicationCounterpart?.Region !== undefined && {
          counterpartRegion: replication.DataReplicationCounterpart.Region,
        }),
      },
    }),
    ...(out.Users !== undefined && {
      users: out.Users.map((user) => user.Username).filter((name): name is string => Boolean(name)),
    }),
    ...(out.ActionsRequired !== undefined && {
      actionsRequired: out.ActionsRequired.map((action) => ({
        code: action.ActionRequiredCode ?? 'UNKNOWN',
        ...(action.ActionRequiredInfo !== undefined && {info: action.ActionRequiredInfo}),
      })),
    }),
    ...(current?.Id !== undefined &&
      current.Revision !== undefined && {configuration: {id: current.Id, revision: current.Revision}}),
  };
}

function brokerInstance(instance: NonNullable<DescribeBrokerResponse['BrokerInstances']>[number]): BrokerInstance {
  return {
    ...(instance.ConsoleURL !== undefined && {consoleUrl: instance.ConsoleURL}),
    endpoints: instance.Endpoints ?? [],
    ...(instance.IpAddress !== undefined && {ipAddress: instance.IpAddress}),
  };
}

function isEngineType(value: string): value is EngineType {
  return value === 'ACTIVEMQ' || value === 'RABBITMQ';
}

/** The SDK gives Date objects; be lenient with strings so a recorded fixture reads the same. */
function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
