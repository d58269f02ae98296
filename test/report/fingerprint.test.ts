import {createHash} from 'node:crypto';

import {compareWithBaseline, parseBaseline} from '../../src/policy/baseline';
import {accountFreeIdentity, findingFingerprint} from '../../src/report/fingerprint';
import {renderJson} from '../../src/report/json';
import {createRedactor, redactReport} from '../../src/report/redact';
import {renderSarif} from '../../src/report/sarif';
import {BROKERS, buildReport, PROD_ACCOUNT, shuffledReport} from '../helpers/report-fixture';
import {parseSarif} from '../helpers/sarif';

const {ordersProd, billingEvents} = BROKERS;

describe('findingFingerprint', () => {
  it('is sha256 of the versioned policy id and account-free ARN, cut to 16 hex digits, plus ":1"', () => {
    const accountFree = `arn:aws:mq:eu-west-1::broker:orders-prod:${ordersProd.id}`;
    const expected =
      createHash('sha256')
        .update(`mq-audit/finding/v1\0mq/no-public-access\0${accountFree}`)
        .digest('hex')
        .slice(0, 16) + ':1';
    expect(findingFingerprint('mq/no-public-access', ordersProd.arn)).toBe(expected);
  });

  it('never changes: a literal pinned once, whichever hashing API computes it', () => {
    // GitHub keys alert history and --baseline keys matching on these strings: a change here closes and reopens every alert.
    expect(findingFingerprint('mq/no-public-access', 'arn:aws:mq:eu-west-1:123456789012:broker:x:b-1')).toBe(
      '57fb5aed73815958:1',
    );
  });

  it('is the same on a Node.js 20 without one-shot crypto.hash (before 20.12)', () => {
    jest.isolateModules(() => {
      jest.doMock('node:crypto', () => ({
        ...jest.requireActual<typeof import('node:crypto')>('node:crypto'),
        hash: undefined,
      }));
      const older = jest.requireActual<typeof import('../../src/report/fingerprint')>('../../src/report/fingerprint');
      expect(older.findingFingerprint('mq/no-public-access', 'arn:aws:mq:eu-west-1:123456789012:broker:x:b-1')).toBe(
        '57fb5aed73815958:1',
      );
    });
    jest.dontMock('node:crypto');
  });

  it('is the same for the raw ARN and its --redact form, keyed or not', () => {
    const raw = findingFingerprint('mq/no-public-access', ordersProd.arn);
    for (const key of [undefined, 'ci-secret']) {
      const alias = createRedactor(key).aliasOf(PROD_ACCOUNT);
      expect(findingFingerprint('mq/no-public-access', ordersProd.arn.replace(PROD_ACCOUNT, alias))).toBe(raw);
    }
  });

  it('does not contain, and cannot be checked against, the account id', () => {
    // Brute-forcing a 12-digit id against the fingerprint is pointless: every account id gives the same value.
    const other = ordersProd.arn.replace(PROD_ACCOUNT, '999988887777');
    expect(findingFingerprint('mq/no-public-access', other)).toBe(
      findingFingerprint('mq/no-public-access', ordersProd.arn),
    );
    expect(findingFingerprint('mq/no-public-access', ordersProd.arn)).not.toContain(PROD_ACCOUNT);
  });

  it('tells policies and brokers apart', () => {
    const fingerprints = new Set([
      findingFingerprint('mq/no-public-access', ordersProd.arn),
      findingFingerprint('mq/audit-logs', ordersProd.arn),
      findingFingerprint('mq/no-public-access', billingEvents.arn),
      findingFingerprint('mq/no-public-access', ordersProd.arn.replace('eu-west-1', 'us-east-1')),
      findingFingerprint('mq/no-public-access', ordersProd.arn.replace('arn:aws:', 'arn:aws-cn:')),
    ]);
    expect(fingerprints.size).toBe(5);
  });

  it.each([
    ['arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1', 'arn:aws:mq:eu-west-1::broker:orders-prod:b-1'],
    ['arn:aws:mq:eu-west-1:account-1a2b3c4d:broker:orders-prod:b-1', 'arn:aws:mq:eu-west-1::broker:orders-prod:b-1'],
    ['arn:aws:directconnect::111122223333:dx-gateway/dxgw-1', 'arn:aws:directconnect:::dx-gateway/dxgw-1'],
    [
      'arn:aws:ec2:eu-west-1:111122223333:security-group-rule/sgr-1',
      'arn:aws:ec2:eu-west-1::security-group-rule/sgr-1',
    ],
    ['not an arn 111122223333 / account-1a2b3c4d', 'not an arn  / '],
  ])('identity of %s is %s', (arn, identity) => {
    expect(accountFreeIdentity(arn)).toBe(identity);
  });
});

describe('fingerprints in the outputs', () => {
  const sarifFingerprints = (text: string) =>
    Object.fromEntries(
      parseSarif(text).runs[0].results!.map((r) => [
        `${r.ruleId} ${r.properties!['aws/mq/broker-id']}`,
        r.partialFingerprints!.primaryLocationLineHash,
      ]),
    );

  it('SARIF uses the one fingerprint function', () => {
    const report = buildReport();
    const log = parseSarif(renderSarif(report, {}));
    for (const result of log.runs[0].results!) {
      expect(result.partialFingerprints!.primaryLocationLineHash).toBe(
        findingFingerprint(result.ruleId!, result.properties!['aws/arn'] as string),
      );
    }
  });

  it('are stable under reordering and redaction of the report', () => {
    const report = buildReport();
    const plain = sarifFingerprints(renderSarif(report, {}));
    expect(sarifFingerprints(renderSarif(shuffledReport(report, 3), {}))).toEqual(plain);
    expect(sarifFingerprints(renderSarif(redactReport(report, createRedactor()), {}))).toEqual(plain);
    expect(sarifFingerprints(renderSarif(redactReport(shuffledReport(report, 9), createRedactor('k')), {}))).toEqual(
      plain,
    );
  });

  it('a redacted JSON report is a baseline that matches an unredacted scan finding by finding', () => {
    const report = buildReport();
    const redactedBaseline = parseBaseline(
      JSON.parse(renderJson(redactReport(report, createRedactor('secret')))),
      'baseline.json',
    );
    const outcome = compareWithBaseline(report.results, redactedBaseline, {accounts: [PROD_ACCOUNT]});
    const failing = report.results.filter((ev) => ev.status === 'fail').length;
    expect(outcome.counts).toEqual({new: 0, unchanged: failing, absent: 0, fixed: 0});
  });
});
