/**
 * Several AWS accounts behind one stub: STS AssumeRole (query protocol), Organizations ListAccounts
 * (JSON 1.1, X-Amz-Target AWSOrganizationsV20161128.ListAccounts) and per-account MQ / EC2 regions.
 *
 * Which account a request is for is read from the access key in its SigV4 credential scope: AssumeRole hands
 * out keys `ASIA<account id><4 chars>`; any other key is the caller's (e.g. AWS_ACCESS_KEY_ID=AKIA…).
 *
 *   const org = installOrganization(stub, {management: '111111111111', accounts: [...], roleName: 'mq-audit'});
 *   installAccountMq(stub, {'222222222222': {brokers: {'eu-west-1': [...]}}});
 */
import {
  awsJson,
  awsJsonError,
  ec2Error,
  ec2List,
  ec2Response,
  queryError,
  queryResponse,
  xmlElement,
} from './protocols';
import {mqHandlers} from './mq';
import type {MqEstate, MqHandlers} from './mq';
import {MQ_ROUTES} from './mq';
import type {RegionInfo} from './ec2';
import type {AwsStub, StubRequest, StubResponse} from './server';
import {STS_XMLNS} from './sts';

const ACCESS_KEY = /Credential=([^/\s,]+)\//;
const ASSUMED_KEY = /^ASIA(\d{12})/;

/** The account a request acts in: the assumed role's, else `callerAccount`. */
export function accountOf(req: Pick<StubRequest, 'headers'>, callerAccount: string): string {
  const key = ACCESS_KEY.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  return ASSUMED_KEY.exec(key)?.[1] ?? callerAccount;
}

export interface OrgAccount {
  id: string;
  name?: string;
  /** Organizations account state; default ACTIVE. */
  state?: 'ACTIVE' | 'CLOSED' | 'PENDING_ACTIVATION' | 'PENDING_CLOSURE' | 'SUSPENDED';
}

export interface OrganizationOptions {
  /** The caller's account (the management account for --organization). */
  management: string;
  accounts: readonly OrgAccount[];
  /** Role names (or path/name) that exist in every account; others are denied. Default: any. */
  roleNames?: readonly string[];
  /** Accounts where AssumeRole is denied whatever the role. */
  denyAssumeRole?: readonly string[];
  /** ExternalId every AssumeRole must carry. */
  externalId?: string;
  /** Accounts per ListAccounts page at most (Organizations: ≤ 20). */
  pageSize?: number;
  /** Seconds until the sessions AssumeRole hands out expire. Default 3600. */
  sessionSeconds?: number;
}

export interface Organization {
  /** AssumeRole calls seen: role ARN, session name and external id. */
  readonly assumed: {roleArn: string; sessionName: string; externalId?: string}[];
}

export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128';

export function installOrganization(stub: AwsStub, options: OrganizationOptions): Organization {
  const assumed: Organization['assumed'] = [];
  const pageSize = Math.min(options.pageSize ?? 20, 20);

  stub.on('sts', 'AssumeRole', (req) => {
    const roleArn = req.params.RoleArn ?? '';
    const sessionName = req.params.RoleSessionName ?? '';
    const externalId = req.params.ExternalId;
    assumed.push({roleArn, sessionName, ...(externalId !== undefined && {externalId})});
    const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
    if (!match)
      return queryError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`,
        STS_XMLNS,
      );
    const [, account, roleName] = match;
    const caller = accountOf(req, options.management);
    const denied =
      options.denyAssumeRole?.includes(account) ||
      (options.roleNames !== undefined && !options.roleNames.includes(roleName)) ||
      (options.externalId !== undefined && externalId !== options.externalId);
    if (denied) {
      return queryError(
        403,
        'AccessDenied',
        `User: arn:aws:iam::${caller}:user/mq-auditor is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        STS_XMLNS,
      );
    }
    const expiration = new Date(Date.now() + (options.sessionSeconds ?? 3600) * 1000).toISOString();
    return queryResponse(
      'AssumeRole',
      STS_XMLNS,
      `<AssumedRoleUser>${xmlElement('Arn', `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`)}${xmlElement('AssumedRoleId', `AROAEXAMPLE:${sessionName}`)}</AssumedRoleUser>` +
        `<Credentials>${xmlElement('AccessKeyId', `ASIA${account}STUB`)}${xmlElement('SecretAccessKey', `secret-${account}`)}` +
        `${xmlElement('SessionToken', `token-${account}`)}${xmlElement('Expiration', expiration)}</Credentials>`,
    );
  });

  stub.on('sts', 'GetCallerIdentity', (req) => {
    const account = accountOf(req, options.management);
    return queryResponse(
      'GetCallerIdentity',
      STS_XMLNS,
      xmlElement('Arn', `arn:aws:iam::${account}:user/mq-auditor`) +
        xmlElement('UserId', 'AIDAEXAMPLE') +
        xmlElement('Account', account),
    );
  });

  stub.on('organizations', 'ListAccounts', (req) => {
    if (accountOf(req, options.management) !== options.management) {
      return awsJsonError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    }
    const body = (req.json ?? {}) as {NextToken?: string; MaxResults?: number};
    const offset = body.NextToken ? Number(/^accounts:(\d+)$/.exec(body.NextToken)?.[1]) : 0;
    if (!Number.isInteger(offset)) return awsJsonError(400, 'InvalidInputException', 'The NextToken is not valid.');
    const size = Math.min(body.MaxResults ?? 20, pageSize);
    const page = options.accounts.slice(offset, offset + size);
    const next = offset + size < options.accounts.length ? `accounts:${offset + size}` : undefined;
    return awsJson({
      Accounts: page.map((account) => ({
        Id: account.id,
        Arn: `arn:aws:organizations::${options.management}:account/o-exampleorg1/${account.id}`,
        Email: `aws+${account.id}@example.com`,
        Name: account.name ?? `account-${account.id}`,
        State: account.state ?? 'ACTIVE',
        Status: (account.state ?? 'ACTIVE') === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: 1_700_000_000,
      })),
      ...(next && {NextToken: next}),
    });
  });

  return {assumed};
}

/** MQ per account: each account sees only its own estate (an account without one has no brokers). */
export function installAccountMq(
  stub: AwsStub,
  estates: Record<string, MqEstate>,
  callerAccount: string,
): Record<string, MqHandlers> {
  const handlers: Record<string, MqHandlers> = Object.fromEntries(
    Object.entries(estates).map(([account, estate]) => [account, mqHandlers(estate)]),
  );
  const empty = mqHandlers({brokers: {}});
  stub.routes('mq', MQ_ROUTES);
  for (const operation of ['ListBrokers', 'DescribeBroker', 'ListTags'] as const) {
    stub.on('mq', operation, (req) => (handlers[accountOf(req, callerAccount)] ?? empty)[operation](req));
  }
  return handlers;
}

/** DescribeRegions per account (AllRegions=false leaves out not-opted-in regions, as EC2 does). */
export function installAccountRegions(
  stub: AwsStub,
  regions: Record<string, readonly (RegionInfo | string)[]>,
  callerAccount: string,
): void {
  stub.on('ec2', 'DescribeRegions', (req): StubResponse => {
    const infos = (regions[accountOf(req, callerAccount)] ?? []).map((region): RegionInfo =>
      typeof region === 'string' ? {name: region} : region,
    );
    if (infos.length === 0)
      return ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
    const all = req.params.AllRegions === 'true';
    const visible = infos.filter((info) => all || info.optInStatus !== 'not-opted-in');
    return ec2Response(
      'DescribeRegions',
      ec2List(
        'regionInfo',
        visible,
        (info) =>
          xmlElement('regionName', info.name) +
          xmlElement('regionEndpoint', `ec2.${info.name}.amazonaws.com`) +
          xmlElement('optInStatus', info.optInStatus ?? 'opt-in-not-required'),
      ),
    );
  });
}
