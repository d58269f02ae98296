/**
 * --shard I/N: the documented split (SHA-256 of the account id), its properties, and the whole matrix workflow
 * against the AWS stand-in: N sharded scans of an organization, merged, equal one unsharded scan.
 */
import {createHash} from 'node:crypto';

import {inShard, parseShard, selectAccounts, shardOf} from '../../src/inventory/selection';
import {EXIT} from '../../src/policy/types';
import {mergeReports} from '../../src/report/merge';
import type {ScanReport} from '../../src/report/types';
import {runScan} from '../../src/services/scan';
import type {LiveOptions} from '../../src/services/inventory';
import type {Snapshot} from '../../src/snapshot/types';
import {type AwsStub, startAwsStub} from '../helpers/aws-stub';
import {installAccountMq, installAccountRegions, installOrganization} from '../helpers/aws-stub/accounts';
import {installDirectConnect} from '../helpers/aws-stub/directconnect';
import {installEc2Network} from '../helpers/aws-stub/ec2';
import {brokers} from '../helpers/estate';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const accountIds = (n: number, seed = 100_000_000_000): string[] =>
  Array.from({length: n}, (_, i) => String(seed + i * 7919));

describe('the split', () => {
  it('is the documented formula: 1 + (first 4 bytes of SHA-256(account id), big-endian) mod N', () => {
    for (const id of accountIds(50)) {
      const digest = createHash('sha256').update(id).digest();
      const expected = ((digest[0] * 2 ** 24 + digest[1] * 2 ** 16 + digest[2] * 2 ** 8 + digest[3]) % 7) + 1;
      expect(shardOf(id, 7)).toBe(expected);
    }
  });

  it('puts every account in exactly one shard', () => {
    const ids = accountIds(300);
    const shards = [1, 2, 3, 4, 5].map((index) =>
      selectAccounts(
        ids.map((accountId) => ({accountId})),
        {shard: {index, count: 5}},
      ).selected.map((a) => a.accountId),
    );
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(new Set(shards.flat()).size).toBe(ids.length);
  });

  it('spreads accounts evenly enough for a CI matrix (1,000 accounts in 4 shards: each within ±15 % of 250)', () => {
    const counts = [0, 0, 0, 0];
    for (const id of accountIds(1000)) counts[shardOf(id, 4) - 1] += 1;
    for (const count of counts) expect(Math.abs(count - 250)).toBeLessThanOrEqual(37);
  });

  it('depends on the account alone: listing order and other accounts do not move it', () => {
    const ids = accountIds(40);
    const before = new Map(ids.map((id) => [id, shardOf(id, 3)]));
    const reordered = [...ids].reverse().concat(accountIds(10, 900_000_000_000));
    for (const id of ids)
      expect(
        selectAccounts(
          reordered.map((accountId) => ({accountId})),
          {shard: {index: before.get(id)!, count: 3}},
        ).selected.some((a) => a.accountId === id),
      ).toBe(true);
    expect(inShard(ids[0], undefined)).toBe(true);
  });

  it.each([
    ['1/1', {index: 1, count: 1}],
    ['2/4', {index: 2, count: 4}],
    [' 3 / 3 ', {index: 3, count: 3}],
  ])('parses %s', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each(['0/3', '4/3', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1/257'])('rejects %s', (text) => {
    expect(parseShard(text)).toBeUndefined();
  });
});

describe('a sharded scan of an organization, merged', () => {
  const MANAGEMENT = '111111111111';
  const MEMBERS = ['210987654321', '222222222222', '333333333333', '444444444444', '555555555555', '666666666666'];
  const REGION = 'eu-west-1';
  let stub: AwsStub;
  const savedEnv = {...process.env};

  beforeAll(async () => {
    stub = await startAwsStub();
    installOrganization(stub, {management: MANAGEMENT, accounts: [MANAGEMENT, ...MEMBERS].map((id) => ({id}))});
    installAccountMq(
      stub,
      Object.fromEntries(
        MEMBERS.map((id, i) => [
          id,
          {brokers: {[REGION]: brokers(id, REGION, 1 + (i % 3), {publiclyAccessible: i === 2})}},
        ]),
      ),
      MANAGEMENT,
    );
    installAccountRegions(stub, Object.fromEntries([MANAGEMENT, ...MEMBERS].map((id) => [id, [REGION]])), MANAGEMENT);
    installEc2Network(stub, {regions: {}});
    installDirectConnect(stub, {regions: {}, global: {}});
    process.env.AWS_ACCESS_KEY_ID = 'AKIAMANAGEMENTSHARDS';
    process.env.AWS_SECRET_ACCESS_KEY = 'shard-secret';
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    process.env = savedEnv;
    await stub.close();
  });

  async function scan(live: Partial<LiveOptions>): Promise<{report: ScanReport; snapshot: Snapshot}> {
    return runScan({
      source: {
        live: {
          regions: [REGION],
          allRegions: false,
          endpoint: stub.url,
          accounts: {organizationRoleName: 'mq-audit', ...live.accounts},
        },
      },
      policyPaths: [],
      include: ['mq/no-public-access', 'mq/logging'],
      exclude: [],
      config: {defaults: {}},
      failOn: 'high',
      now: () => new Date('2026-11-25T10:00:00Z'),
    });
  }

  it('three shards cover every account once; merged, they give the unsharded results and gate', async () => {
    const whole = await scan({});
    const shards = await Promise.all([1, 2, 3].map((index) => scan({accounts: {shard: {index, count: 3}}})));

    const accountsOf = (snapshot: Snapshot): string[] => snapshot.accounts.map((a) => a.accountId);
    expect(shards.flatMap((s) => accountsOf(s.snapshot)).sort()).toEqual(accountsOf(whole.snapshot));
    for (const [i, shard] of shards.entries()) {
      expect(shard.snapshot.collection.accountSelection?.shard).toEqual({index: i + 1, count: 3});
      expect(shard.report.inventory.shard).toEqual({index: i + 1, count: 3});
      for (const id of accountsOf(shard.snapshot)) expect(shardOf(id, 3)).toBe(i + 1);
    }

    const merged = mergeReports(shards.map((s, i) => ({file: `shard-${i + 1}.json`, value: s.report})));
    const key = (r: ScanReport['results'][number]): string => `${r.policyId} ${r.resource.arn} ${r.status}`;
    expect(merged.results.map(key).sort()).toEqual(whole.report.results.map(key).sort());
    expect(merged.summary.brokers).toBe(whole.report.summary.brokers);
    expect(merged.gate).toEqual(whole.report.gate);
    expect(merged.gate.exitCode).toBe(EXIT.gateFailed); // the public broker
  }, 60_000);

  it('merging without one shard is refused rather than gating part of the organization', async () => {
    const shards = await Promise.all([1, 2].map((index) => scan({accounts: {shard: {index, count: 3}}})));
    expect(() => mergeReports(shards.map((s, i) => ({file: `shard-${i + 1}.json`, value: s.report})))).toThrow(
      /shard 3\/3 missing/,
    );
  }, 60_000);
});
