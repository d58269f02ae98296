/**
 * Which accounts a scan covers: role ARNs, the --account / --exclude-account filters, and --shard I/N.
 * Pure (no SDK), so the flag parser and the report merge can use it without loading @aws-sdk/*.
 *
 * Sharding: account `a` belongs to shard `1 + (u32(SHA-256(a)[0..4]) mod N)`, where u32 reads the first four
 * bytes of the SHA-256 of the 12-digit account id (ASCII) as a big-endian unsigned integer. The shard of an
 * account depends on nothing but its id and N: every CI job computes the same split on its own, whatever
 * order Organizations lists the accounts in and even if an account joins between two jobs' listings.
 */
import {createHash} from 'node:crypto';

export interface Shard {
  /** 1-based: --shard 1/3 … 3/3, as a GitHub Actions matrix counts. */
  index: number;
  count: number;
}

/** The most shards a scan may be split into (GitHub Actions allows 256 jobs per matrix). */
export const MAX_SHARDS = 256;

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;
const ACCOUNT_ID = /^\d{12}$/;
/** IAM role names (and optional paths): letters, digits and +=,.@_- ; a path adds / separators. */
const ROLE_NAME = /^[\w+=,.@/-]{1,512}$/;

export interface RoleArn {
  arn: string;
  partition: string;
  accountId: string;
  /** The role's name, with its path if any (e.g. `audit/mq-audit`). */
  roleName: string;
}

export function parseRoleArn(arn: string): RoleArn | undefined {
  const match = ROLE_ARN.exec(arn.trim());
  return match ? {arn: arn.trim(), partition: match[1], accountId: match[2], roleName: match[3]} : undefined;
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

export function isRoleName(value: string): boolean {
  return ROLE_NAME.test(value) && !value.startsWith('/') && !value.endsWith('/');
}

/** The role `roleName` (optionally `path/name`) in `accountId`. */
export function roleArnFor(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** `2/5` → {index: 2, count: 5}; undefined when malformed or out of range. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return undefined;
  return {index, count};
}

/** The shard (1-based) an account belongs to when the scan is split `count` ways. */
export function shardOf(accountId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`shard count must be a positive integer, got ${count}`);
  const digest = createHash('sha256').update(accountId, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(accountId: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(accountId, shard.count) === shard.index;
}

export interface AccountFilters {
  /** Only these account ids (empty or absent: all). */
  include?: readonly string[];
  exclude?: readonly string[];
  shard?: Shard;
}

export interface Selection<T> {
  selected: T[];
  /** Dropped by --exclude-account (recorded in the snapshot). Not listed: accounts outside --account or the shard. */
  excluded: T[];
}

/** Apply --account, --exclude-account and --shard, keeping the input order. */
export function selectAccounts<T extends {accountId: string}>(
  accounts: readonly T[],
  filters: AccountFilters,
): Selection<T> {
  const include = filters.include && filters.include.length > 0 ? new Set(filters.include) : undefined;
  const exclude = new Set(filters.exclude ?? []);
  const selected: T[] = [];
  const excluded: T[] = [];
  for (const account of accounts) {
    if (include && !include.has(account.accountId)) continue;
    if (!inShard(account.accountId, filters.shard)) continue;
    if (exclude.has(account.accountId)) excluded.push(account);
    else selected.push(account);
  }
  return {selected, excluded};
}
