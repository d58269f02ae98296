/**
 * Suppressions: accepted failing findings, each with a reason and an expiry date, read from a JSON file
 * (.mq-audit/suppressions.json by default; schemas/suppressions.schema.json; docs/suppressions-and-baselines.md).
 *
 * The semantics are spelled out because they are easy to get subtly wrong (Prowler's mutelist bugs):
 * - an entry matches a finding when its policy matches AND every field of its resource matcher matches;
 * - entries are alternatives (OR): list several for several resources;
 * - every comparison is exact and case-sensitive; the only pattern is `*` in a policy id, matching any characters
 *   within one `/`-separated segment (as `--policy` does); ARNs, names, tags never match by pattern or substring;
 * - an account id may be written as the alias `--redact` prints, so a public repository need not commit it;
 * - only `fail` results are suppressed: a check that could not be evaluated stays an error (the scan is incomplete);
 * - an entry suppresses through its expiry day (UTC), then stops, and the report says so;
 * - when several entries match a finding, the first in the file is the one reported.
 */
import {existsSync} from 'node:fs';
import {isAbsolute, resolve} from 'node:path';

import {InputError, InputErrors, isInputError} from '../foundation/errors';
import {readJsonFile, schemaErrors} from '../foundation/json-input';
import {FLAVORS, ownSchemaValidator} from '../foundation/validators';
import {idPattern} from './id-pattern';
import type {Evaluation, ResourceRef} from './types';

export const DEFAULT_SUPPRESSIONS_FILE = '.mq-audit/suppressions.json';

export interface ResourceMatcher {
  arn?: string;
  name?: string;
  /** A 12-digit account id, or its `--redact` alias. */
  account?: string;
  region?: string;
  tags?: Record<string, string>;
}

export interface Suppression {
  policy: string;
  resource: ResourceMatcher;
  reason: string;
  /** Last day (UTC, YYYY-MM-DD) the entry suppresses. */
  expires: string;
  ticket?: string;
}

export interface SuppressionList {
  /** The file as the user named it (for messages and the report). */
  file: string;
  entries: Suppression[];
}

/** What a suppressed finding carries: enough to show why, and to find the entry. */
export interface AppliedSuppression {
  file: string;
  /** JSON pointer of the entry in the file, e.g. `/suppressions/2`. */
  pointer: string;
  reason: string;
  expires: string;
  ticket?: string;
}

/**
 * - active: suppressing at least one failing finding (or, with `matched` 0, matching only checks that could not
 *   be evaluated this time);
 * - expired: past its expiry day, suppresses nothing; `matched` findings fail the gate again;
 * - stale: in force but matches no failing finding in this scan (fixed, renamed, or a typo): remove or fix it;
 * - out-of-scope: names an account or region this scan did not cover, so nothing can be said.
 */
export type SuppressionState = 'active' | 'expired' | 'out-of-scope' | 'stale';

export interface SuppressionStatus extends Suppression {
  pointer: string;
  state: SuppressionState;
  /** Failing findings the entry matches (suppressed by it or an earlier entry, or failing again when expired). */
  matched: number;
  /** For stale entries: did it match any result at all (then the finding is gone), or none (then check it)? */
  matchedOtherResults?: number;
}

export interface SuppressionWarning {
  code: 'suppression-expired' | 'suppression-stale';
  message: string;
  source: string;
  place: string;
}

export interface SuppressionContext {
  /** The scan's day, UTC YYYY-MM-DD. */
  today: string;
  /** Account/region pairs the scan covered. */
  scopes: {accountId: string; region: string}[];
  /** The `--redact` alias of an account id, so entries may name accounts by alias. */
  aliasOf?: (accountId: string) => string;
}

export interface SuppressionOutcome<T extends Evaluation> {
  results: (T & {suppression?: AppliedSuppression})[];
  statuses: SuppressionStatus[];
  warnings: SuppressionWarning[];
}

/**
 * Reads `file` (which must exist) or, when none is given, the default file if present; undefined when there is
 * none. Problems name the file and the JSON pointer.
 */
export function loadSuppressions(file: string | undefined, cwd = process.cwd()): SuppressionList | undefined {
  const shown = file ?? DEFAULT_SUPPRESSIONS_FILE;
  const path = isAbsolute(shown) ? shown : resolve(cwd, shown);
  if (file === undefined && !existsSync(path)) return undefined;
  return parseSuppressions(readAs(path, shown, 'suppressions file'), shown);
}

/** Reads `path` but names the file as the user wrote it in every message. */
export function readAs(path: string, shown: string, what: string): unknown {
  try {
    return readJsonFile(path, what);
  } catch (error) {
    if (isInputError(error)) throw new InputError(shown, error.problem, error.place);
    throw error;
  }
}

/** Validates parsed JSON against schemas/suppressions.schema.json. */
export function parseSuppressions(data: unknown, shown: string): SuppressionList {
  const errors = schemaErrors(ownSchemaValidator('suppressions.schema.json'), data, shown, {
    quick: ownSchemaValidator('suppressions.schema.json', FLAVORS.quick),
  });
  if (errors.length > 0) throw new InputErrors(errors);
  return {file: shown, entries: (data as {suppressions: Suppression[]}).suppressions};
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Suppresses through the expiry day: expired from the next UTC day on. ISO dates compare as strings. */
export function isExpired(expires: string, today: string): boolean {
  return today > expires;
}

/** `*` matches any characters except `/`; everything else is literal. The same rule as `--policy`. */
export function policyPattern(pattern: string): (policyId: string) => boolean {
  return idPattern(pattern);
}

/** Every field given must match; a matcher with no field matches nothing (the schema forbids it anyway). */
export function matchesResource(
  matcher: ResourceMatcher,
  resource: ResourceRef,
  aliasOf?: (accountId: string) => string,
): boolean {
  const fields = Object.keys(matcher) as (keyof ResourceMatcher)[];
  if (fields.length === 0) return false;
  if (matcher.arn !== undefined && !arnMatches(matcher.arn, resource, aliasOf)) return false;
  if (matcher.name !== undefined && matcher.name !== resource.name) return false;
  if (matcher.account !== undefined && !accountMatches(matcher.account, resource.accountId, aliasOf)) return false;
  if (matcher.region !== undefined && matcher.region !== resource.region) return false;
  if (matcher.tags !== undefined) {
    // Unknown tags (DescribeBroker failed) never match: we cannot know.
    if (!resource.tags) return false;
    for (const [key, value] of Object.entries(matcher.tags)) {
      if (!Object.hasOwn(resource.tags, key) || resource.tags[key] !== value) return false;
    }
  }

  return true;
}

export function applySuppressions<T extends Evaluation>(
  results: T[],
  list: SuppressionList,
  context: SuppressionContext,
): SuppressionOutcome<T> {
  const aliasOf = context.aliasOf ? memoize(context.aliasOf) : undefined;
  const entries = list.entries.map((entry, index) => ({
    entry,
    pointer: `/suppressions/${index}`,
    expired: isExpired(entry.expires, context.today),
    policy: policyPattern(entry.policy),
    failing: 0,
    errors: 0,
    others: 0,
  }));

  const annotated = results.map((result) => {
    let applied: AppliedSuppression | undefined;
    for (const candidate of entries) {
      if (!candidate.policy(result.policyId) || !matchesResource(candidate.entry.resource, result.resource, aliasOf))
        continue;
      if (result.status === 'fail') {
        candidate.failing += 1;
        if (!candidate.expired && !applied) applied = appliedFrom(list.file, candidate.pointer, candidate.entry);
      } else if (result.status === 'error') {
        candidate.errors += 1;
      } else {
        candidate.others += 1;
      }
    }

    return applied ? {...result, suppression: applied} : result;
  });

  const statuses = entries.map((candidate): SuppressionStatus => {
    const state: SuppressionState = candidate.expired
      ? 'expired'
      : candidate.failing > 0 || candidate.errors > 0
        ? 'active'
        : outOfScope(candidate.entry.resource, context.scopes, aliasOf)
          ? 'out-of-scope'
          : 'stale';
    return {
      ...candidate.entry,
      pointer: candidate.pointer,
      state,
      matched: candidate.failing,
      ...(state === 'stale' ? {matchedOtherResults: candidate.others} : {}),
    };
  });

  return {results: annotated, statuses, warnings: suppressionWarnings(list.file, statuses)};
}

export function suppressionWarnings(file: string, statuses: SuppressionStatus[]): SuppressionWarning[] {
  return statuses.flatMap((status): SuppressionWarning[] => {
    const what = `Suppression ${status.pointer} in ${file} (policy ${status.policy}, ${describeMatcher(status.resource)})`;
    if (status.state === 'expired') {
      const effect =
        status.matched > 0
          ? `it no longer suppresses, and the ${status.matched} failing finding(s) it matches count again`
          : 'it suppresses nothing and matches no failing finding: remove it';
      return [
        {
          code: 'suppression-expired',
          message: `${what} expired on ${status.expires}: ${effect}.`,
          source: file,
          place: status.pointer,
        },
      ];
    }

    if (status.state === 'stale') {
      const why =
        (status.matchedOtherResults ?? 0) > 0
          ? 'the finding it accepts is gone (the check now passes or no longer applies): remove it'
          : 'no broker and policy evaluated in this scan match it: check the policy id and the resource';
      return [
        {
          code: 'suppression-stale',
          message: `${what} matches no failing finding; ${why}.`,
          source: file,
          place: status.pointer,
        },
      ];
    }

    return [];
  });
}

/** `arn=…`, `name=orders-prod, region=eu-west-1`, `tags env=dev` — for messages. */
export function describeMatcher(matcher: ResourceMatcher): string {
  const parts = [
    matcher.arn === undefined ? '' : `arn ${matcher.arn}`,
    matcher.name === undefined ? '' : `name ${matcher.name}`,
    matcher.account === undefined ? '' : `account ${matcher.account}`,
    matcher.region === undefined ? '' : `region ${matcher.region}`,
    matcher.tags === undefined
      ? ''
      : `tags ${Object.entries(matcher.tags)
          .map(([key, value]) => `${key}=${value}`)
          .join(', ')}`,
  ].filter(Boolean);
  return parts.join(', ');
}

function appliedFrom(file: string, pointer: string, entry: Suppression): AppliedSuppression {
  return {file, pointer, reason: entry.reason, expires: entry.expires, ...(entry.ticket ? {ticket: entry.ticket} : {})};
}

interface ArnParts {
  head: string;
  account: string;
  tail: string;
}

function arnParts(arn: string): ArnParts | undefined {
  const match = /^(arn:[^:]*:[^:]*:[^:]*):([^:]*):(.*)$/s.exec(arn);
  return match ? {head: match[1], account: match[2], tail: match[3]} : undefined;
}

function arnMatches(written: string, resource: ResourceRef, aliasOf?: (accountId: string) => string): boolean {
  if (written === resource.arn) return true;
  const want = arnParts(written);
  const have = arnParts(resource.arn);
  return (
    want !== undefined &&
    have !== undefined &&
    want.head === have.head &&
    want.tail === have.tail &&
    accountMatches(want.account, have.account, aliasOf)
  );
}

function accountMatches(written: string, accountId: string, aliasOf?: (accountId: string) => string): boolean {
  return (
    written === accountId || (aliasOf !== undefined && written.startsWith('account-') && aliasOf(accountId) === written)
  );
}

/** True when the matcher pins an account or region (directly or through its ARN) that the scan did not cover. */
function outOfScope(
  matcher: ResourceMatcher,
  scopes: SuppressionContext['scopes'],
  aliasOf?: (accountId: string) => string,
): boolean {
  const arn = matcher.arn === undefined ? undefined : arnParts(matcher.arn);
  const account = matcher.account ?? arn?.account;
  const region = matcher.region ?? (arn ? arn.head.split(':')[3] : undefined);
  if (account === undefined && region === undefined) return false;
  return !scopes.some(
    (scope) =>
      (account === undefined || accountMatches(account, scope.accountId, aliasOf)) &&
      (region === undefined || region === scope.region),
  );
}

function memoize(fn: (accountId: string) => string): (accountId: string) => string {
  const cache = new Map<string, string>();
  return (accountId) => {
    let value = cache.get(accountId);
    if (value === undefined) {
      value = fn(accountId);
      cache.set(accountId, value);
    }

    return value;
  };
}
