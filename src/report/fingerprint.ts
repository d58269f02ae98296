/**
 * The identity of a finding: one policy on one resource. It is the SARIF `partialFingerprints.primaryLocationLineHash`
 * (GitHub keys an alert's history on it), the `fingerprint` of each JSON result, and what `--baseline` matches on.
 * One function, so the three can never disagree.
 *
 * The account id is left out of the hashed identity: a broker ARN without it is still unique (the broker id is a
 * UUID), and then the fingerprint is the same with or without `--redact` and cannot be brute-forced back to the
 * account id (a plain hash of a 12-digit number can). Nothing else varies: no line numbers, messages, input order,
 * machine or time.
 */
import {sha256Hex} from '../foundation/hash';
import {flat} from '../foundation/strings';

/** Part of the hashed text: bump it when the identity changes, so old and new fingerprints never collide. */
export const FINGERPRINT_VERSION = 1;

/** `arn:partition:service:region:account:resource`; the resource part may itself contain `:`. */
const ARN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/s;
/** Outside an ARN: a bare account id, or the alias `--redact` writes for one. */
const ACCOUNT_TOKEN = /(?<![A-Za-z0-9-])(?:\d{12}|account-[0-9a-f]{8})(?![A-Za-z0-9-])/g;

/** The resource identity that is hashed: the ARN with its account field emptied, redacted or not. */
export function accountFreeIdentity(arn: string): string {
  const match = ARN.exec(arn);
  if (match) {
    const [, partition, service, region, , resource] = match;
    return `arn:${partition}:${service}:${region}::${resource}`;
  }

  return arn.replace(ACCOUNT_TOKEN, '');
}

/**
 * `<16 hex>:1`: the shape GitHub's own fingerprints have (hash, then the occurrence number). 64 bits: a collision
 * among a million findings has a chance of about 3 in 10^8.
 */
export function findingFingerprint(policyId: string, arn: string): string {
  const text = `mq-audit/finding/v${FINGERPRINT_VERSION}\0${policyId}\0${accountFreeIdentity(arn)}`;
  // Flattened: kept with every result, a slice joined to ':1' would hold a tree of pieces and the whole digest.
  return flat(sha256Hex(text).slice(0, 16) + ':1');
}
