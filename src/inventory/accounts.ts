/**
 * The accounts of a scan and the credentials for each:
 *   - the caller's own account (STS GetCallerIdentity), the default;
 *   - --role-arn ARN… : the account of each role;
 *   - --organization --role-name NAME : every account AWS Organizations lists (ListAccounts, all pages),
 *     the role NAME in each; accounts that are not ACTIVE (SUSPENDED, closed, pending) are skipped and
 *     recorded, never silently dropped.
 * Each role is assumed once (STS AssumeRole, session name `mq-audit`) through the caller's paced STS client,
 * and re-assumed shortly before the session expires, so a scan can outlast one session.
 */
import type {Account} from '@aws-sdk/client-organizations';
import {AssumeRoleCommand, GetCallerIdentityCommand} from '@aws-sdk/client-sts';

import type {AccountSelectionInfo, CollectionError, SkippedAccount} from '../snapshot/types';
import type {AwsClients, AwsCredentials, CredentialProvider} from './clients';
import {toCollectionError} from './errors';
import {drainPaginator} from './paginate';
import {partitionOfRegion} from './regions';
import {isAccountId, parseRoleArn, roleArnFor, selectAccounts} from './selection';
import type {Shard} from './selection';

export const ROLE_SESSION_NAME = 'mq-audit';
/** One hour: the default maximum session of an IAM role. */
export const ROLE_SESSION_SECONDS = 3600;
/** Re-assume a role this long before its session expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** ListAccounts accepts 1–20. */
export const LIST_ACCOUNTS_PAGE_SIZE = 20;
export const UNKNOWN_ACCOUNT = 'unknown';

export interface AccountOptions {
  roleArns?: string[];
  externalId?: string;
  /** Enumerate the organization's accounts and assume this role (name or path/name) in each. */
  organizationRoleName?: string;
  include?: string[];
  exclude?: string[];
  shard?: Shard;
}

export interface AccountTarget {
  accountId: string;
  partition: string;
  name?: string;
  /** Assume this role; absent: use the caller's own credentials. */
  roleArn?: string;
  /** The caller's GetCallerIdentity failed: the account id may still come from broker ARNs. */
  identityError?: CollectionError;
}

export interface AccountPlan {
  targets: AccountTarget[];
  selection?: AccountSelectionInfo;
  /** Failures while listing accounts (Organizations); the targets are then what could be listed. */
  errors: CollectionError[];
}

/** Which accounts to scan, after --account, --exclude-account and --shard. */
export async function planAccounts(
  clients: AwsClients,
  options: AccountOptions,
  homeRegion: string,
): Promise<AccountPlan> {
  const filters = {include: options.include, exclude: options.exclude, shard: options.shard};
  if (options.organizationRoleName !== undefined)
    return planOrganization(clients, options.organizationRoleName, homeRegion, filters);
  if (options.roleArns && options.roleArns.length > 0) return planRoleArns(options.roleArns, filters);

  const identity = await callerIdentity(clients, homeRegion);
  const target: AccountTarget =
    'error' in identity
      ? {accountId: UNKNOWN_ACCOUNT, partition: partitionOfRegion(homeRegion), identityError: identity.error}
      : {accountId: identity.accountId, partition: identity.partition};
  // An account whose id STS would not tell us cannot be placed in a shard: the first shard scans it.
  const inShard =
    target.accountId === UNKNOWN_ACCOUNT
      ? (options.shard?.index ?? 1) === 1
      : selectAccounts([target], {shard: options.shard}).selected.length > 0;
  return {
    targets: inShard ? [target] : [],
    ...(options.shard && {selection: {source: 'caller', shard: options.shard}}),
    errors: [],
  };
}

function planRoleArns(roleArns: string[], filters: Parameters<typeof selectAccounts>[1]): AccountPlan {
  const byAccount = new Map<string, AccountTarget>();
  for (const arn of roleArns) {
    const role = parseRoleArn(arn);
    // The flag parser rejects malformed ARNs; this guards library callers.
    if (!role) throw new RangeError(`not an IAM role ARN: ${arn}`);
    if (!byAccount.has(role.accountId))
      byAccount.set(role.accountId, {accountId: role.accountId, partition: role.partition, roleArn: role.arn});
  }
  const {selected, excluded} = selectAccounts([...byAccount.values()], filters);
  return {
    targets: selected,
    selection: selectionInfo('role-arn', undefined, filters.shard, excluded.map(excludedAccount)),
    errors: [],
  };
}

async function planOrganization(
  clients: AwsClients,
  roleName: string,
  homeRegion: string,
  filters: Parameters<typeof selectAccounts>[1],
): Promise<AccountPlan> {
  const region = organizationsRegion(homeRegion);
  let listed: Account[];
  try {
    // Loaded only here: a scan without --organization never pays for the Organizations client.
    const {paginateListAccounts} = await import('@aws-sdk/client-organizations');
    const client = await clients.organizations(region);
    listed = await drainPaginator(paginateListAccounts({client, pageSize: LIST_ACCOUNTS_PAGE_SIZE}, {}), (page) => ({
      items: page.Accounts,
      nextToken: page.NextToken,
    }));
  } catch (err) {
    const error = toCollectionError(err, {service: 'organizations', operation: 'ListAccounts', region});
    return {targets: [], selection: selectionInfo('organization', roleName, filters.shard, []), errors: [error]};
  }

  const errors: CollectionError[] = [];
  const candidates: (AccountTarget & {state: string})[] = [];
  for (const account of listed) {
    if (!account.Id || !isAccountId(account.Id)) {
      errors.push({
        service: 'organizations',
        operation: 'ListAccounts',
        region,
        code: 'MalformedResponse',
        kind: 'malformed-response',
        message: `ListAccounts returned an account without a 12-digit Id (${JSON.stringify(account.Id ?? null)}); it was not scanned`,
      });
      continue;
    }
    const partition = account.Arn?.split(':')[1] || partitionOfRegion(homeRegion);
    candidates.push({
      accountId: account.Id,
      partition,
      ...(account.Name && {name: account.Name}),
      roleArn: roleArnFor(partition, account.Id, roleName),
      // `Status` is being retired in favour of `State`; read both.
      state: account.State ?? account.Status ?? 'ACTIVE',
    });
  }

  const {selected, excluded} = selectAccounts(candidates, filters);
  const notActive = selected.filter((account) => account.state !== 'ACTIVE');
  const skipped: SkippedAccount[] = [
    ...excluded.map(excludedAccount),
    ...notActive.map((account) => ({
      accountId: account.accountId,
      ...(account.name && {name: account.name}),
      reason: 'not-active' as const,
      state: account.state,
    })),
  ];
  const targets = selected.filter((account) => account.state === 'ACTIVE').map(({state: _state, ...target}) => target);
  return {targets, selection: selectionInfo('organization', roleName, filters.shard, skipped), errors};
}

function selectionInfo(
  source: AccountSelectionInfo['source'],
  roleName: string | undefined,
  shard: Shard | undefined,
  skipped: SkippedAccount[],
): AccountSelectionInfo {
  return {
    source,
    ...(roleName !== undefined && {roleName}),
    ...(shard && {shard}),
    ...(skipped.length > 0 && {
      skipped: [...skipped].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)),
    }),
  };
}

function excludedAccount(target: AccountTarget): SkippedAccount {
  return {accountId: target.accountId, ...(target.name && {name: target.name}), reason: 'excluded'};
}

/** Organizations has one endpoint per partition. */
export function organizationsRegion(homeRegion: string): string {
  switch (partitionOfRegion(homeRegion)) {
    case 'aws':
      return 'us-east-1';
    case 'aws-cn':
      return 'cn-northwest-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    default:
      return homeRegion;
  }
}

type Identity = {accountId: string; partition: string} | {error: CollectionError};

export async function callerIdentity(clients: AwsClients, region: string): Promise<Identity> {
  try {
    const output = await clients.sts(region).send(new GetCallerIdentityCommand({}));
    const partition = output.Arn?.split(':')[1];
    if (!output.Account || !partition) {
      return {
        error: {
          service: 'sts',
          operation: 'GetCallerIdentity',
          region,
          code: 'MalformedResponse',
          kind: 'malformed-response',
          message: 'GetCallerIdentity returned no Account or Arn',
        },
      };
    }
    return {accountId: output.Account, partition};
  } catch (err) {
    return {error: toCollectionError(err, {service: 'sts', operation: 'GetCallerIdentity', region})};
  }
}

export interface AssumedRole {
  /** For the account's clients: the current session, re-assumed before it expires. */
  credentials: CredentialProvider;
  /** Assume the role now; rejects with an AssumeRoleError when that fails. */
  assume(): Promise<void>;
}

/**
 * Credentials for `roleArn`, obtained with the caller's STS client in `region` (the regional endpoint: only
 * the caller's account is charged for AssumeRole). Concurrent callers share one AssumeRole call.
 */
export function assumedRole(
  clients: AwsClients,
  region: string,
  roleArn: string,
  externalId: string | undefined,
  accountId: string,
): AssumedRole {
  let session: Promise<AwsCredentials> | undefined;
  const fetch = async (): Promise<AwsCredentials> => {
    let output;
    try {
      output = await clients.sts(region).send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: ROLE_SESSION_NAME,
          DurationSeconds: ROLE_SESSION_SECONDS,
          ...(externalId !== undefined && {ExternalId: externalId}),
        }),
      );
    } catch (err) {
      throw new AssumeRoleError(
        toCollectionError(err, {service: 'sts', operation: 'AssumeRole', region, accountId, resource: roleArn}),
      );
    }
    const creds = output.Credentials;
    if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
      throw new AssumeRoleError({
        accountId,
        service: 'sts',
        operation: 'AssumeRole',
        region,
        resource: roleArn,
        code: 'MalformedResponse',
        kind: 'malformed-response',
        message: 'AssumeRole returned no complete credentials',
      });
    }
    return {
      accessKeyId: creds.AccessKeyId,
      secretAccessKey: creds.SecretAccessKey,
      sessionToken: creds.SessionToken,
      ...(creds.Expiration && {expiration: creds.Expiration}),
    };
  };
  const current = (): Promise<AwsCredentials> => {
    session ??= fetch();
    return session;
  };

  return {
    async credentials() {
      const credentials = await current();
      if (credentials.expiration && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) {
        // Whoever notices first starts the refresh; the others pick up the same promise.
        if (session !== undefined && (await session) === credentials) session = fetch();
        return current();
      }
      return credentials;
    },
    async assume() {
      try {
        await current();
      } catch (error) {
        session = undefined;
        throw error;
      }
    },
  };
}

/**
 * AssumeRole failed. Named after the AWS error code, so a call whose credentials could not be refreshed
 * mid-scan is classified like the AssumeRole failure itself.
 */
export class AssumeRoleError extends Error {
  readonly code: string;
  constructor(readonly collectionError: CollectionError) {
    super(`could not assume ${collectionError.resource ?? 'the role'}: ${collectionError.message}`);
    this.name = collectionError.code;
    this.code = collectionError.code;
  }
}
