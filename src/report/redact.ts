/**
 * `--redact`: account ids become stable aliases in everything written (ARNs, messages, pseudo-paths, logical
 * locations, the JSON report), for code scanning in public repositories.
 *
 * The alias is `account-` + the first 8 hex digits of HMAC-SHA256(key, account id). With `MQ_AUDIT_REDACT_KEY`
 * set (a CI secret) nobody without the key can tell which account an alias stands for. Without it a fixed public
 * key is used: the alias is still stable everywhere, and 8 hex digits leave ~230 candidate 12-digit ids per alias,
 * but anyone who guesses an account id can confirm the guess. The report records which (`redaction.accountAliases`).
 *
 * Fingerprints do not change under redaction: they never contain the account (src/report/fingerprint.ts).
 * Redaction is a pass over the finished report, so every formatter sees the same redacted facts and none can
 * forget to apply it. Account ids are found structurally (ARN account fields, `accountId`-like keys, whole 12-digit
 * values) and then replaced wherever they occur, also written as 1111-2222-3333; any other standalone 12-digit
 * number is replaced too, since in this report it can only be an account id or be harmless to hide.
 */
import {createHmac} from 'node:crypto';

import type {ScanReport} from './types';

export const REDACT_KEY_ENV = 'MQ_AUDIT_REDACT_KEY';
/** The documented public key used when no secret is given: aliases stay stable, but can be confirmed by guessing. */
const PUBLIC_KEY = 'mq-audit/account-alias/v1';
export const ALIAS_SCHEME = 'account-<first 8 hex digits of HMAC-SHA256(key, account id)>';

export interface Redactor {
  /** Passed around on its own (`aliasOf: redactor.aliasOf`): it does not use `this`. */
  aliasOf: (accountId: string) => string;
  keyed: boolean;
}

export interface Redaction {
  accountAliases: 'keyed' | 'unkeyed';
  scheme: string;
}

const ARN_ACCOUNT = /arn:[^:\s"]*:[^:\s"]*:[^:\s"]*:(\d{12}):/g;
const ACCOUNT_KEY = /^(?:accountId|account|ownerId|peerOwnerId|requesterOwnerId|accepterOwnerId|aws\/account)$/i;
const WHOLE_ACCOUNT_ID = /^\d{12}$/;
/** A 12-digit number that is not part of a longer word, id or number (a broker id's last UUID group is excluded). */
const STANDALONE_TWELVE_DIGITS = /(?<![A-Za-z0-9-])\d{12}(?![A-Za-z0-9-])/g;
/** Values under these keys are account-free by construction and must stay byte-identical. */
const UNTOUCHED_KEYS = new Set(['fingerprint']);

export function accountAlias(accountId: string, key?: string): string {
  return `account-${createHmac('sha256', key || PUBLIC_KEY)
    .update(accountId, 'utf8')
    .digest('hex')
    .slice(0, 8)}`;
}

/** `key`: the secret, usually from MQ_AUDIT_REDACT_KEY; empty or undefined means the public key. */
export function createRedactor(key?: string): Redactor {
  const cache = new Map<string, string>();
  return {
    keyed: Boolean(key),
    aliasOf(accountId) {
      let alias = cache.get(accountId);
      if (alias === undefined) {
        alias = accountAlias(accountId, key);
        cache.set(accountId, alias);
      }

      return alias;
    },
  };
}

export function redactionOf(redactor: Redactor): Redaction {
  return {accountAliases: redactor.keyed ? 'keyed' : 'unkeyed', scheme: ALIAS_SCHEME};
}

/** A redacted deep copy of the report, with `redaction` saying how. */
export function redactReport(report: ScanReport, redactor: Redactor): ScanReport {
  return {...redactDeep(report, redactor), redaction: redactionOf(redactor)};
}

/** A redacted deep copy of any value (the `paths` report): account ids found in it, and standalone 12-digit numbers. */
export function redactDeep<T>(value: T, redactor: Redactor): T {
  return redactValue(value, textRedactor(accountIdsIn(value), redactor), redactor) as T;
}

/** Any run of exactly 12 digits (or 1111-2222-3333): in a message that quotes a file name or a flag value, it is taken for an account id. */
const ANY_TWELVE_DIGITS = /(?<!\d)\d{4}-?\d{4}-?\d{4}(?!\d)/g;

/**
 * A message mq-audit prints (an error, a warning) with the account ids in it redacted: the ARNs and ids it
 * quotes, and ids inside what the user gave (`--inventory /audits/111122223333/inventory.json`,
 * `acct-111122223333.json`), which the report's rule would leave when next to a letter or hyphen.
 */
export function redactMessage(message: string, redactor: Redactor): string {
  return message.replace(ANY_TWELVE_DIGITS, (id) => redactor.aliasOf(id.replaceAll('-', '')));
}

/** Redacts one string (e.g. the SARIF category) with the account ids found in `context`, plus any standalone id. */
export function redactText(text: string, redactor: Redactor, context: unknown = text): string {
  return textRedactor(accountIdsIn(context), redactor)(text);
}

/** Every account id the value mentions structurally: ARN account fields, account-like keys, whole 12-digit strings. */
export function accountIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (WHOLE_ACCOUNT_ID.test(value)) found.add(value);
    for (const match of value.matchAll(ARN_ACCOUNT)) found.add(match[1]);
  } else if (Array.isArray(value)) {
    for (const item of value) accountIdsIn(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (
        ACCOUNT_KEY.test(key) &&
        (typeof item === 'string' || typeof item === 'number') &&
        WHOLE_ACCOUNT_ID.test(String(item))
      )
        found.add(String(item));
      accountIdsIn(key, found);
      accountIdsIn(item, found);
    }
  }

  return found;
}

function textRedactor(known: Set<string>, redactor: Redactor): (text: string) => string {
  // Longest first is moot (all are 12 digits); sorted for a deterministic pattern.
  const ids = [...known].sort();
  const knownPattern =
    ids.length === 0
      ? undefined
      : new RegExp(
          `(?<!\\d)(?:${ids.map((id) => `${id}|${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`).join('|')})(?!\\d)`,
          'g',
        );
  const aliasOfWritten = (written: string) => redactor.aliasOf(written.replaceAll('-', ''));
  return (text) => {
    const once = knownPattern ? text.replace(knownPattern, aliasOfWritten) : text;
    return once.replace(STANDALONE_TWELVE_DIGITS, (id) => redactor.aliasOf(id));
  };
}

/**
 * `copies`: each object already redacted → its copy. An object shared by many results (the hops of a path that
 * brokers share) is redacted once and stays shared, so the JSON report still lists it once.
 */
function redactValue(
  value: unknown,
  replace: (text: string) => string,
  redactor: Redactor,
  copies = new Map<object, unknown>(),
): unknown {
  if (typeof value === 'string') return replace(value);
  if (typeof value === 'number')
    return Number.isInteger(value) && WHOLE_ACCOUNT_ID.test(String(value)) ? redactor.aliasOf(String(value)) : value;
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  const copy = Array.isArray(value)
    ? value.map((item) => redactValue(item, replace, redactor, copies))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          replace(key),
          UNTOUCHED_KEYS.has(key) ? item : redactValue(item, replace, redactor, copies),
        ]),
      );
  copies.set(value, copy);
  return copy;
}
