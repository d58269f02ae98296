/**
 * Multi-account collection through the AWS stand-in: an AWS Organization (ListAccounts, paged) with a suspended
 * account and one whose role cannot be assumed, explicit --role-arn lists, filters, and per-account region
 * discovery that honours opt-in regions.
 */
import {liveOptions} from '../../src/cli/flags';
import {collectInventory} from '../../src/inventory/collect';
import type {CollectOptions} from '../../src/inventory/collect';
import {UNKNOWN_ACCOUNT} from '../../src/inventory/accounts';
import {checkSnapshot} from '../../src/snapshot/read';
import type {Snapshot} from '../../src/snapshot/types';
import {type AwsStub, awsJsonError, startAwsStub} from '../helpers/aws-stub';
import {installAccountMq, installAccountRegions, installOrganization} from '../helpers/aws-stub/accounts';
import {installDirectConnect} from '../helpers/aws-stub/directconnect';
import {installEc2Network} from '../helpers/aws-stub/ec2';
import type {Organization, OrganizationOptions} from '../helpers/aws-stub/accounts';
import {brokers} from '../helpers/estate';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const MANAGEMENT = '111111111111';
const PAYMENTS = '222222222222';
const ORDERS = '333333333333';
const SUSPENDED = '444444444444';
const LOCKED = '555555555555';

const ORGANIZATION: OrganizationOptions = {
  management: MANAGEMENT,
  accounts: [
    {id: MANAGEMENT, name: 'management'},
    {id: PAYMENTS, name: 'payments'},
    {id: ORDERS, name: 'orders'},
    {id: SUSPENDED, name: 'old-sandbox', state: 'SUSPENDED'},
    {id: LOCKED, name: 'locked'},
  ],
  denyAssumeRole: [LOCKED],
  pageSize: 2,
};

let stub: AwsStub;
let org: Organization;
const savedEnv = {...process.env};

beforeAll(async () => {
  stub = await startAwsStub();
  org = installOrganization(stub, ORGANIZATION);
  installAccountMq(
    stub,
    {
      [PAYMENTS]: {
        brokers: {'eu-west-1': brokers(PAYMENTS, 'eu-west-1', 2), 'ap-east-1': brokers(PAYMENTS, 'ap-east-1', 1)},
      },
      [ORDERS]: {brokers: {'eu-west-1': brokers(ORDERS, 'eu-west-1', 3), 'ap-east-1': brokers(ORDERS, 'ap-east-1', 1)}},
    },
    MANAGEMENT,
  );
  installAccountRegions(
    stub,
    {
      [MANAGEMENT]: ['eu-west-1'],
      // Payments never opted into ap-east-1: it must not be scanned there (its broker there cannot exist).
      [PAYMENTS]: ['eu-west-1', {name: 'ap-east-1', optInStatus: 'not-opted-in'}],
      [ORDERS]: ['eu-west-1', {name: 'ap-east-1', optInStatus: 'opted-in'}],
    },
    MANAGEMENT,
  );
  // No VPC or Direct Connect objects: every network call answers an empty list.
  installEc2Network(stub, {regions: {}});
  installDirectConnect(stub, {regions: {}, global: {}});
  process.env.AWS_ACCESS_KEY_ID = 'AKIAMANAGEMENTCALLER';
  process.env.AWS_SECRET_ACCESS_KEY = 'management-secret';
  delete process.env.AWS_PROFILE;
});

afterAll(async () => {
  process.env = savedEnv;
  await stub.close();
});

function forgetCalls(): void {
  stub.clearRequests();
  org.assumed.length = 0;
}

function collect(overrides: Partial<CollectOptions>): Promise<Snapshot> {
  return collectInventory({
    regions: ['eu-west-1'],
    allRegions: false,
    endpoint: stub.url,
    now: () => new Date('2026-11-25T10:00:00Z'),
    ...overrides,
  });
}

const brokerCount = (snapshot: Snapshot, accountId: string): number =>
  snapshot.accounts.find((a) => a.accountId === accountId)?.regions.reduce((n, r) => n + (r.brokers?.length ?? 0), 0) ??
  -1;

describe('--organization --role-name', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    forgetCalls();
    snapshot = await collect({accounts: {organizationRoleName: 'mq-audit-readonly', externalId: 'ext-42'}});
  });

  it('reads every ListAccounts page (20 at most per page) and scans each active account', () => {
    const pages = stub.requests.filter((r) => r.operation === 'ListAccounts');
    expect(pages).toHaveLength(3); // 5 accounts, 2 per page
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MANAGEMENT, PAYMENTS, ORDERS, LOCKED].sort());
    expect(brokerCount(snapshot, PAYMENTS)).toBe(2);
    expect(brokerCount(snapshot, ORDERS)).toBe(3);
    expect(snapshot.accounts.find((a) => a.accountId === PAYMENTS)?.name).toBe('payments');
  });

  it('skips the suspended account and records it, without an error', () => {
    expect(snapshot.collection.accountSelection).toEqual({
      source: 'organization',
      roleName: 'mq-audit-readonly',
      skipped: [{accountId: SUSPENDED, name: 'old-sandbox', reason: 'not-active', state: 'SUSPENDED'}],
    });
    expect(snapshot.accounts.some((a) => a.accountId === SUSPENDED)).toBe(false);
    expect(snapshot.errors.some((e) => e.accountId === SUSPENDED)).toBe(false);
    expect(org.assumed.some((a) => a.roleArn.includes(SUSPENDED))).toBe(false);
  });

  it('assumes the role once per active account, session mq-audit, with the external id', () => {
    expect(org.assumed.map((a) => a.roleArn).sort()).toEqual(
      [MANAGEMENT, PAYMENTS, ORDERS, LOCKED].sort().map((id) => `arn:aws:iam::${id}:role/mq-audit-readonly`),
    );
    expect(org.assumed.every((a) => a.sessionName === 'mq-audit' && a.externalId === 'ext-42')).toBe(true);
  });

  it('records the account whose role cannot be assumed as an error, with no regions, and goes on', () => {
    const locked = snapshot.accounts.find((a) => a.accountId === LOCKED);
    expect(locked).toEqual({accountId: LOCKED, name: 'locked', partition: 'aws', regions: []});
    expect(snapshot.errors).toEqual([
      expect.objectContaining({
        accountId: LOCKED,
        service: 'sts',
        operation: 'AssumeRole',
        code: 'AccessDenied',
        kind: 'access-denied',
        resource: `arn:aws:iam::${LOCKED}:role/mq-audit-readonly`,
      }),
    ]);
  });

  it('sends each account’s calls with that account’s session (the stand-in serves each its own brokers)', () => {
    const described = stub.requests.filter((r) => r.operation === 'DescribeBroker');
    expect(described).toHaveLength(5);
  });

  it('writes a snapshot the inventory schema accepts', () => {
    expect(() => checkSnapshot(JSON.parse(JSON.stringify(snapshot)), 'collected')).not.toThrow();
  });
});

describe('account lists and filters', () => {
  beforeEach(forgetCalls);
  it('--role-arn: the accounts of the given roles, with --exclude-account recorded as skipped', async () => {
    const snapshot = await collect({
      accounts: {
        roleArns: [`arn:aws:iam::${PAYMENTS}:role/audit`, `arn:aws:iam::${ORDERS}:role/audit`],
        exclude: [ORDERS],
      },
    });
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([PAYMENTS]);
    expect(snapshot.collection.accountSelection).toEqual({
      source: 'role-arn',
      skipped: [{accountId: ORDERS, reason: 'excluded'}],
    });
    expect(org.assumed.map((a) => a.roleArn)).toEqual([`arn:aws:iam::${PAYMENTS}:role/audit`]);
    expect(snapshot.errors).toEqual([]);
  });

  it('--account keeps only the named accounts of the organization', async () => {
    const snapshot = await collect({accounts: {organizationRoleName: 'audit', include: [ORDERS]}});
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([ORDERS]);
    // Accounts left out by --account are not "skipped": the user named what to scan.
    expect(snapshot.collection.accountSelection?.skipped).toBeUndefined();
  });

  it('a denied ListAccounts is an error, and nothing is pretended to be scanned', async () => {
    stub.on('organizations', 'ListAccounts', () =>
      awsJsonError(400, 'AccessDeniedException', 'You don’t have permissions to access this resource.'),
    );
    try {
      const snapshot = await collect({accounts: {organizationRoleName: 'audit'}});
      expect(snapshot.accounts).toEqual([]);
      expect(snapshot.errors).toEqual([
        expect.objectContaining({
          service: 'organizations',
          operation: 'ListAccounts',
          region: 'us-east-1',
          code: 'AccessDeniedException',
          kind: 'access-denied',
        }),
      ]);
      expect(stub.requests.filter((r) => r.service !== 'organizations')).toEqual([]);
    } finally {
      org = installOrganization(stub, ORGANIZATION);
    }
  });

  it('without roles: the caller’s own account, as before', async () => {
    const snapshot = await collect({});
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MANAGEMENT]);
    expect(snapshot.collection.accountSelection).toBeUndefined();
    expect(snapshot.accounts[0].accountId).not.toBe(UNKNOWN_ACCOUNT);
  });
});

describe('--all-regions, per account', () => {
  beforeEach(forgetCalls);
  it('scans each account in the regions it has enabled (opted-in regions yes, not-opted-in no)', async () => {
    const snapshot = await collect({
      regions: [],
      allRegions: true,
      accounts: {roleArns: [`arn:aws:iam::${PAYMENTS}:role/audit`, `arn:aws:iam::${ORDERS}:role/audit`]},
    });
    const regionsOf = (id: string): string[] =>
      snapshot.accounts.find((a) => a.accountId === id)?.regions.map((r) => r.region) ?? [];
    expect(regionsOf(PAYMENTS)).toEqual(['eu-west-1']);
    expect(regionsOf(ORDERS)).toEqual(['ap-east-1', 'eu-west-1']);
    expect(brokerCount(snapshot, ORDERS)).toBe(4);
    expect(snapshot.collection.regions).toEqual(['ap-east-1', 'eu-west-1']);
    const describeRegions = stub.requests.filter((r) => r.operation === 'DescribeRegions');
    expect(describeRegions).toHaveLength(2);
    expect(describeRegions.every((r) => r.params.AllRegions === 'false')).toBe(true);
    expect(snapshot.errors).toEqual([]);
  });
});

describe('the account and pacing flags', () => {
  const config = {defaults: {}};
  const base = {region: ['eu-west-1']};

  it('turn into collection options', () => {
    expect(
      liveOptions(
        {
          ...base,
          organization: true,
          'role-name': 'audit/mq-audit',
          'external-id': 'x-1',
          'exclude-account': [SUSPENDED],
          shard: '2/3',
          deadline: '90s',
          'rate-headroom': '0.8',
        },
        config,
      ),
    ).toMatchObject({
      accounts: {
        organizationRoleName: 'audit/mq-audit',
        externalId: 'x-1',
        exclude: [SUSPENDED],
        shard: {index: 2, count: 3},
      },
      deadlineMs: 90_000,
      deadlineLabel: '1m30s',
      rateHeadroom: 0.8,
    });
    expect(
      liveOptions({...base, 'role-arn': [`arn:aws:iam::${PAYMENTS}:role/audit`], account: [PAYMENTS]}, config).accounts,
    ).toEqual({
      roleArns: [`arn:aws:iam::${PAYMENTS}:role/audit`],
      include: [PAYMENTS],
    });
  });

  it.each([
    [{'role-arn': ['arn:aws:iam::12345:role/x']}, /--role-arn: "arn:aws:iam::12345:role\/x" is not an IAM role ARN/],
    [{organization: true}, /--organization: needs --role-name/],
    [{organization: true, 'role-name': 'bad name'}, /--role-name: "bad name" is not an IAM role name/],
    [{account: [PAYMENTS]}, /--account: selects among the accounts of --role-arn or --organization/],
    [
      {'role-arn': [`arn:aws:iam::${PAYMENTS}:role/a`], 'exclude-account': ['1234']},
      /--exclude-account: "1234" is not an AWS account id/,
    ],
    [{shard: '4/3'}, /--shard: "4\/3" is not a shard: expected I\/N/],
    [{deadline: 'soon'}, /--deadline: "soon" is not a duration/],
    [{'rate-headroom': '0'}, /--rate-headroom: "0" is not a fraction in \(0, 1\]/],
    [{'rate-headroom': '1.5'}, /--rate-headroom/],
  ])('reject bad values with the flag named: %j', (flags, message) => {
    expect(() => liveOptions({...base, ...flags}, config)).toThrow(message);
  });
});
