import {createHmac} from 'node:crypto';

import {judgeFindings} from '../../src/report/build';
import {render, FORMATS} from '../../src/report/index';
import {accountAlias, accountIdsIn, createRedactor, redactReport, redactText} from '../../src/report/redact';
import type {ReportedEvaluation, ScanReport} from '../../src/report/types';
import {BROKERS, buildReport, PROD_ACCOUNT, STAGING_ACCOUNT} from '../helpers/report-fixture';
import {parseSarif} from '../helpers/sarif';

const PEER_ACCOUNT = '777766665555';
const CALLER_ACCOUNT = '999988887777';
const ACCOUNTS = [PROD_ACCOUNT, STAGING_ACCOUNT, PEER_ACCOUNT, CALLER_ACCOUNT];
const BROKER_IDS = Object.values(BROKERS).map((b) => b.id);

/**
 * The fixture plus account ids in every awkward place: a network hop in another account, an ARN inside an
 * error message, the console's 1111-2222-3333 spelling, a number, an object key, a file path, a suppression.
 */
function leakyReport(): ScanReport {
  const report = buildReport();
  const results: ReportedEvaluation[] = report.results.map((ev) =>
    ev.policyId === 'mq/no-public-access' && ev.resource.arn === BROKERS.ordersProd.arn
      ? {
          ...ev,
          message: `${ev.message} Reachable through a peering with account ${PEER_ACCOUNT} (owner 1111-2222-3333).`,
          explanations: [
            ...(ev.explanations ?? []),
            {path: '/network/peerOwnerId', found: Number(PEER_ACCOUNT), expected: 'an account of the organization'},
          ],
          network: {
            focus: 'internet-ingress',
            flows: [
              {
                from: 'internet',
                hops: [
                  {
                    kind: 'security-group',
                    resourceType: 'AWS::EC2::SecurityGroup',
                    id: 'sg-0abc',
                    arn: `arn:aws:ec2:eu-west-1:${PEER_ACCOUNT}:security-group/sg-0abc`,
                    accountId: PEER_ACCOUNT,
                    region: 'eu-west-1',
                    status: 'broken',
                    reason: `Rule sgr-1 of ${PEER_ACCOUNT} admits 0.0.0.0/0.`,
                  },
                ],
              },
            ],
          },
        }
      : ev,
  );
  const judged = judgeFindings(
    results,
    {
      generatedAt: report.generatedAt,
      suppressions: {
        file: `.mq-audit/${PROD_ACCOUNT}.json`,
        entries: [
          {
            policy: 'mq/audit-logs',
            resource: {arn: BROKERS.ordersProd.arn},
            reason: `Account ${PROD_ACCOUNT} logs elsewhere.`,
            expires: '2026-12-31',
          },
        ],
      },
    },
    report.inventory.scopes,
  );
  return {
    ...report,
    inventory: {...report.inventory, source: `inventories/${STAGING_ACCOUNT}/eu-west-1.json`},
    policies: report.policies.map((p) =>
      p.id === 'mq/required-tags'
        ? {...p, parameterValues: {...p.parameterValues, perAccount: {[PROD_ACCOUNT]: ['owner']}}}
        : p,
    ),
    results: judged.results,
    collectionErrors: report.collectionErrors.map((error) => ({
      ...error,
      message: error.message.replace(STAGING_ACCOUNT, CALLER_ACCOUNT),
    })),
    ...judged.sections,
  };
}

/**
 * Every run of 12 digits, once broker ids (whose last UUID group is all digits) and fingerprints (hex digests, which
 * may hold 12 decimal digits in a row by chance, and are account-free by construction) are taken out.
 */
function twelveDigitRuns(text: string): string[] {
  let rest = text.replace(/\b[0-9a-f]{16}:1\b/g, 'FINGERPRINT');
  for (const id of BROKER_IDS) rest = rest.replaceAll(id, 'b-ID');
  return rest.match(/\d{12}/g) ?? [];
}

describe('redactReport', () => {
  const report = leakyReport();
  const redactor = createRedactor('ci-secret');
  const redacted = redactReport(report, redactor);

  it('the unredacted report does mention every account, so the checks below can fail', () => {
    const text = JSON.stringify(report);
    for (const id of ACCOUNTS) expect(text).toContain(id);
    expect(text).toContain('1111-2222-3333');
    expect(JSON.stringify(report.policies)).toContain(PROD_ACCOUNT);
  });

  it.each(FORMATS.map((format) => [format]))('%s: no 12-digit account id is written, in any spelling', (format) => {
    const text = render(format, redacted, {category: 'mq-audit/ci'});
    expect(twelveDigitRuns(text)).toEqual([]);
    for (const id of ACCOUNTS) expect(text).not.toContain(id);
    expect(text).not.toContain('1111-2222-3333');
    expect(text).toContain(redactor.aliasOf(PROD_ACCOUNT));
  });

  it('replaces ids with stable aliases everywhere: ARNs, pseudo-paths, logical locations, messages, hops', () => {
    const prod = redactor.aliasOf(PROD_ACCOUNT);
    const peer = redactor.aliasOf(PEER_ACCOUNT);
    const orders = redacted.results.find(
      (ev) => ev.policyId === 'mq/no-public-access' && ev.resource.name === 'orders-prod',
    )!;
    expect(orders.resource.arn).toBe(BROKERS.ordersProd.arn.replace(PROD_ACCOUNT, prod));
    expect(orders.resource.accountId).toBe(prod);
    expect(orders.message).toContain(`account ${peer} (owner ${prod})`);
    expect(orders.explanations!.at(-1)!.found).toBe(peer);
    expect(orders.network!.flows[0].hops[0]).toMatchObject({
      accountId: peer,
      arn: `arn:aws:ec2:eu-west-1:${peer}:security-group/sg-0abc`,
    });
    expect(redacted.inventory.scopes.map((s) => s.accountId)).toEqual(
      expect.arrayContaining([prod, redactor.aliasOf(STAGING_ACCOUNT)]),
    );
    expect(redacted.collectionErrors.find((e) => e.operation === 'DescribeBroker')!.message).toContain(
      `arn:aws:sts::${redactor.aliasOf(CALLER_ACCOUNT)}:assumed-role`,
    );
    const sarif = parseSarif(render('sarif', redacted, {}));
    const result = sarif.runs[0].results!.find((r) => r.ruleId === 'mq/no-public-access')!;
    expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe(
      `aws/${prod}/eu-west-1/mq/broker/orders-prod`,
    );
    expect(result.locations![0].logicalLocations![0].fullyQualifiedName).toBe(orders.resource.arn);
    expect(result.properties!['aws/account']).toBe(prod);
  });

  it('keeps fingerprints, broker ids and everything without an account id byte-identical', () => {
    const fingerprints = (r: ScanReport) => r.results.map((ev) => ev.fingerprint);
    expect(fingerprints(redacted)).toEqual(fingerprints(report));
    expect(redacted.results.map((ev) => ev.resource.id)).toEqual(report.results.map((ev) => ev.resource.id));
    expect(redacted.summary).toEqual(report.summary);
    expect(redacted.gate).toEqual(report.gate);
    expect(redacted.results.map((ev) => ev.status)).toEqual(report.results.map((ev) => ev.status));
  });

  it('says how it redacted, and leaves the input report alone', () => {
    expect(redacted.redaction).toEqual({
      accountAliases: 'keyed',
      scheme: 'account-<first 8 hex digits of HMAC-SHA256(key, account id)>',
    });
    expect(redactReport(report, createRedactor()).redaction!.accountAliases).toBe('unkeyed');
    expect(report.redaction).toBeUndefined();
    expect(JSON.stringify(report)).toContain(PROD_ACCOUNT);
  });
});

describe('aliases', () => {
  it('are account- plus the first 8 hex digits of HMAC-SHA256(key, id)', () => {
    const expected = `account-${createHmac('sha256', 'k').update(PROD_ACCOUNT).digest('hex').slice(0, 8)}`;
    expect(accountAlias(PROD_ACCOUNT, 'k')).toBe(expected);
    expect(createRedactor('k').aliasOf(PROD_ACCOUNT)).toBe(expected);
  });

  it('use a documented public key when no secret is given, so they are stable without one', () => {
    const expected = `account-${createHmac('sha256', 'mq-audit/account-alias/v1').update(PROD_ACCOUNT).digest('hex').slice(0, 8)}`;
    expect(createRedactor().aliasOf(PROD_ACCOUNT)).toBe(expected);
    expect(createRedactor('').aliasOf(PROD_ACCOUNT)).toBe(expected);
  });

  it('differ per account and per key, and are stable across runs', () => {
    expect(accountAlias(PROD_ACCOUNT, 'k')).not.toBe(accountAlias(STAGING_ACCOUNT, 'k'));
    expect(accountAlias(PROD_ACCOUNT, 'k')).not.toBe(accountAlias(PROD_ACCOUNT, 'other'));
    expect(redactReport(buildReport(), createRedactor('k'))).toEqual(redactReport(buildReport(), createRedactor('k')));
  });
});

describe('finding account ids', () => {
  it('finds them in ARNs, account-like keys and whole 12-digit values, not inside other ids', () => {
    const found = accountIdsIn({
      arn: 'arn:aws:mq:eu-west-1:111122223333:broker:x:b-1',
      nested: [{accountId: 444455556666}, {ownerId: '777766665555'}, '999988887777'],
      brokerId: 'b-1a2b3c4d-0001-4e5f-8a9b-000000000001',
      count: 123456789012345,
    });
    expect([...found].sort()).toEqual(['111122223333', '444455556666', '777766665555', '999988887777']);
  });

  it('redactText aliases a category the same way', () => {
    const redactor = createRedactor('k');
    expect(redactText(`mq-audit/${PROD_ACCOUNT}/eu-west-1`, redactor)).toBe(
      `mq-audit/${redactor.aliasOf(PROD_ACCOUNT)}/eu-west-1`,
    );
    expect(redactText('mq-audit/prod', redactor)).toBe('mq-audit/prod');
    // glued to other text, an id is recognised only when the context says it is an account
    expect(redactText(`prod-${PROD_ACCOUNT}`, redactor)).toBe(`prod-${PROD_ACCOUNT}`);
    expect(redactText(`prod-${PROD_ACCOUNT}`, redactor, {accounts: [{accountId: PROD_ACCOUNT}]})).toBe(
      `prod-${redactor.aliasOf(PROD_ACCOUNT)}`,
    );
  });
});
