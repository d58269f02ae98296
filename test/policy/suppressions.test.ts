import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {isInputError, isInputErrors} from '../../src/foundation/errors';
import {matchesId} from '../../src/policy/loader';
import {
  applySuppressions,
  isExpired,
  loadSuppressions,
  matchesResource,
  parseSuppressions,
  policyPattern,
  type Suppression,
  type SuppressionList,
} from '../../src/policy/suppressions';
import type {Evaluation} from '../../src/policy/types';
import {accountAlias} from '../../src/report/redact';
import {BROKERS, broker, evaluations, PROD_ACCOUNT, STAGING_ACCOUNT} from '../helpers/report-fixture';

const FIXTURES = 'test/fixtures/suppressions';
const TODAY = '2026-11-25';
const ALL_SCOPES = [
  {accountId: PROD_ACCOUNT, region: 'eu-west-1'},
  {accountId: PROD_ACCOUNT, region: 'us-east-1'},
  {accountId: STAGING_ACCOUNT, region: 'eu-west-1'},
];
const {ordersProd, billingEvents, legacyBatch, paymentsDr} = BROKERS;

function entry(fields: Partial<Suppression> & Pick<Suppression, 'resource'>): Suppression {
  return {policy: 'mq/no-public-access', reason: 'Accepted for the test.', expires: '2026-12-31', ...fields};
}

function list(...entries: Suppression[]): SuppressionList {
  return {file: 'suppressions.json', entries};
}

function apply(entries: Suppression[], results: Evaluation[] = evaluations(), today = TODAY) {
  return applySuppressions(results, list(...entries), {today, scopes: ALL_SCOPES});
}

function suppressedKeys(results: {policyId: string; resource: {name: string}; suppression?: unknown}[]): string[] {
  return results.filter((ev) => ev.suppression).map((ev) => `${ev.policyId} ${ev.resource.name}`);
}

/** The messages of an InputErrors (or single InputError): "file at place: problem". */
function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (isInputErrors(error)) return error.errors.map((e) => e.message);
    if (isInputError(error)) return [error.message];
    throw error;
  }

  throw new Error('expected an input error');
}

describe('loading a suppressions file', () => {
  it('reads a valid file with every kind of matcher', () => {
    const loaded = loadSuppressions(`${FIXTURES}/valid.json`)!;
    expect(loaded.file).toBe(`${FIXTURES}/valid.json`);
    expect(loaded.entries.map((e) => e.policy)).toEqual(['mq/no-public-access', 'mq/*', 'mq/rabbitmq-cluster-mode']);
    expect(loaded.entries[2].resource).toEqual({tags: {team: 'platform'}, account: '111122223333'});
  });

  it.each([
    ['missing-reason.json', /missing-reason\.json at \/suppressions\/0: missing required property "reason"/],
    ['bad-date.json', /bad-date\.json at \/suppressions\/0\/expires: expected a valid date/],
    ['unknown-field.json', /unknown-field\.json at \/suppressions\/0: unknown property "expiry"/],
    ['empty-matcher.json', /empty-matcher\.json at \/suppressions\/0\/resource: must NOT have fewer than 1 properties/],
    ['blank-reason.json', /blank-reason\.json at \/suppressions\/0\/reason: expected a string matching \\S/],
  ])('rejects %s naming the file and the JSON pointer', (file, message) => {
    const problems = problemsOf(() => loadSuppressions(`${FIXTURES}/${file}`));
    expect(problems.join('\n')).toMatch(message);
  });

  it('rejects a file that is not JSON with its line and column', () => {
    const problems = problemsOf(() => loadSuppressions(`${FIXTURES}/not-json.json`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not-json\.json at line 3, column \d+: suppressions file is not valid JSON/);
  });

  it('requires a named file to exist, but skips a missing default file', () => {
    expect(problemsOf(() => loadSuppressions(`${FIXTURES}/nope.json`))).toEqual([
      `${FIXTURES}/nope.json: cannot read suppressions file: no such file`,
    ]);
    const empty = mkdtempSync(join(tmpdir(), 'mq-audit-suppr-'));
    try {
      expect(loadSuppressions(undefined, empty)).toBeUndefined();
      mkdirSync(join(empty, '.mq-audit'));
      writeFileSync(join(empty, '.mq-audit', 'suppressions.json'), JSON.stringify({suppressions: []}));
      expect(loadSuppressions(undefined, empty)).toEqual({file: '.mq-audit/suppressions.json', entries: []});
    } finally {
      rmSync(empty, {recursive: true, force: true});
    }
  });

  it.each([
    ['an uppercase policy id', {policy: 'MQ/No-Public-Access'}, '/suppressions/0/policy'],
    ['a regex in the policy id', {policy: 'mq/.*'}, '/suppressions/0/policy'],
    ['an account that is not 12 digits', {resource: {account: '1111'}}, '/suppressions/0/resource/account'],
    [
      'an ARN of another service',
      {resource: {arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1'}},
      '/suppressions/0/resource/arn',
    ],
    ['empty tags', {resource: {tags: {}}}, '/suppressions/0/resource/tags'],
    ['a tag value that is not a string', {resource: {tags: {env: 1}}}, '/suppressions/0/resource/tags/env'],
    ['a date-time instead of a date', {expires: '2026-12-31T00:00:00Z'}, '/suppressions/0/expires'],
  ])('rejects %s', (_name, fields, pointer) => {
    const data = {suppressions: [{...entry({resource: {name: 'orders-prod'}}), ...fields}]};
    const problems = problemsOf(() => parseSuppressions(data, 'inline.json'));
    expect(problems.some((p) => p.startsWith(`inline.json at ${pointer}:`))).toBe(true);
  });
});

describe('matching: exact, case-sensitive, fields ANDed, entries ORed', () => {
  it('matches an exact ARN only', () => {
    expect(matchesResource({arn: ordersProd.arn}, ordersProd)).toBe(true);
    expect(matchesResource({arn: ordersProd.arn.toUpperCase()}, ordersProd)).toBe(false);
    expect(matchesResource({arn: ordersProd.arn.slice(0, -1)}, ordersProd)).toBe(false);
    expect(matchesResource({arn: `${ordersProd.arn}0`}, ordersProd)).toBe(false);
  });

  it('matches an exact name: no substring, no case folding, no pattern', () => {
    expect(matchesResource({name: 'orders-prod'}, ordersProd)).toBe(true);
    expect(matchesResource({name: 'orders'}, ordersProd)).toBe(false);
    expect(matchesResource({name: 'Orders-Prod'}, ordersProd)).toBe(false);
    expect(matchesResource({name: 'orders-*'}, ordersProd)).toBe(false);
    expect(matchesResource({name: 'legacy.batch.01'}, legacyBatch)).toBe(false);
  });

  it('needs every listed tag with exactly its value, and never matches unknown tags', () => {
    const tagged = {...ordersProd, tags: {env: 'prod', team: 'platform'}};
    expect(matchesResource({tags: {env: 'prod'}}, tagged)).toBe(true);
    expect(matchesResource({tags: {env: 'prod', team: 'platform'}}, tagged)).toBe(true);
    expect(matchesResource({tags: {env: 'prod', team: 'orders'}}, tagged)).toBe(false);
    expect(matchesResource({tags: {env: 'Prod'}}, tagged)).toBe(false);
    expect(matchesResource({tags: {Env: 'prod'}}, tagged)).toBe(false);
    expect(matchesResource({tags: {env: 'pro'}}, tagged)).toBe(false);
    expect(matchesResource({tags: {toString: 'x'}}, tagged)).toBe(false);
    const {tags: _tags, ...untagged} = tagged;
    expect(matchesResource({tags: {env: 'prod'}}, untagged)).toBe(false);
  });

  it('ANDs the fields of one matcher', () => {
    expect(matchesResource({name: 'orders-prod', region: 'eu-west-1', account: PROD_ACCOUNT}, ordersProd)).toBe(true);
    expect(matchesResource({name: 'orders-prod', region: 'us-east-1'}, ordersProd)).toBe(false);
    expect(matchesResource({name: 'orders-prod', account: STAGING_ACCOUNT}, ordersProd)).toBe(false);
    expect(matchesResource({arn: ordersProd.arn, name: 'billing-events'}, ordersProd)).toBe(false);
    expect(matchesResource({name: 'orders-prod', tags: {team: 'nobody'}}, ordersProd)).toBe(false);
  });

  it('ORs entries: two entries suppress two brokers, one entry with both names would match neither', () => {
    const results = evaluations().filter(
      (ev) => ev.policyId === 'mq/production-ha' || ev.policyId === 'mq/no-public-access',
    );
    const two = apply(
      [
        entry({policy: 'mq/no-public-access', resource: {name: 'orders-prod'}}),
        entry({policy: 'mq/production-ha', resource: {name: 'billing-events'}}),
      ],
      results,
    );
    expect(suppressedKeys(two.results).sort()).toEqual([
      'mq/no-public-access orders-prod',
      'mq/production-ha billing-events',
    ]);
  });

  it('matches an account written as its --redact alias, in the account field and in an ARN', () => {
    const alias = accountAlias(PROD_ACCOUNT, 'k');
    const aliasOf = (id: string) => accountAlias(id, 'k');
    expect(matchesResource({account: alias}, ordersProd, aliasOf)).toBe(true);
    expect(matchesResource({arn: ordersProd.arn.replace(PROD_ACCOUNT, alias)}, ordersProd, aliasOf)).toBe(true);
    // Another key gives another alias: no match.
    expect(matchesResource({account: accountAlias(PROD_ACCOUNT, 'other')}, ordersProd, aliasOf)).toBe(false);
    // Without an alias function only real ids match.
    expect(matchesResource({account: alias}, ordersProd)).toBe(false);
  });

  it('policy patterns: exact without *, * within one segment, the same as --policy', () => {
    const ids = [
      'mq/no-public-access',
      'mq/production-ha',
      'network/private-path',
      'mq/sub/deeper',
      'mqx/no-public-access',
    ];
    for (const pattern of [
      'mq/no-public-access',
      'mq/*',
      '*/no-public-access',
      'mq/*-ha',
      '*',
      'mq/*/*',
      'mq/no-public-acces',
    ]) {
      const matcher = policyPattern(pattern);
      for (const id of ids) expect([pattern, id, matcher(id)]).toEqual([pattern, id, matchesId(id, pattern)]);
    }

    expect(policyPattern('mq/*')('mq/sub/deeper')).toBe(false);
    expect(policyPattern('*')('mq/no-public-access')).toBe(false);
  });
});

describe('applySuppressions', () => {
  it('suppresses only failing results: passes, not-applicable and errors are left alone', () => {
    const outcome = apply([
      entry({policy: 'mq/*', resource: {name: 'legacy~batch.01'}}),
      entry({policy: 'mq/*', resource: {name: 'payments-dr'}}),
    ]);
    expect(suppressedKeys(outcome.results).sort()).toEqual([
      'mq/required-tags legacy~batch.01',
      'mq/supported-engine-version legacy~batch.01',
    ]);
    const payments = outcome.results.filter((ev) => ev.resource.arn === paymentsDr.arn);
    expect(payments.filter((ev) => ev.status === 'error').every((ev) => !ev.suppression)).toBe(true);
    // An entry matching only checks that could not be evaluated is not stale: we cannot know.
    expect(outcome.statuses[1]).toMatchObject({state: 'active', matched: 0});
    expect(outcome.warnings).toEqual([]);
  });

  it('attaches the reason, expiry, ticket and where the entry is', () => {
    const outcome = applySuppressions(evaluations(), loadSuppressions(`${FIXTURES}/valid.json`)!, {
      today: TODAY,
      scopes: ALL_SCOPES,
    });
    const suppressed = outcome.results.find(
      (ev) => ev.policyId === 'mq/no-public-access' && ev.resource.arn === ordersProd.arn,
    )!;
    expect(suppressed.suppression).toEqual({
      file: `${FIXTURES}/valid.json`,
      pointer: '/suppressions/0',
      reason: 'Public by design: partner integration over TLS with mutual auth; tracked in SEC-412.',
      expires: '2026-12-31',
      ticket: 'SEC-412',
    });
    expect(suppressed.status).toBe('fail');
    expect(outcome.statuses.map((s) => [s.pointer, s.state, s.matched])).toEqual([
      ['/suppressions/0', 'active', 1],
      ['/suppressions/1', 'active', 2],
      ['/suppressions/2', 'expired', 1],
    ]);
  });

  it('suppresses through the expiry day, and not the day after', () => {
    const suppresses = (today: string) =>
      suppressedKeys(
        apply([entry({resource: {name: 'orders-prod'}, expires: '2026-11-25'})], evaluations(), today).results,
      ).length;
    expect(suppresses('2026-11-24')).toBe(1);
    expect(suppresses('2026-11-25')).toBe(1);
    expect(suppresses('2026-11-26')).toBe(0);
    expect(isExpired('2026-11-25', '2026-11-26')).toBe(true);
    expect(isExpired('2026-11-25', '2026-11-25')).toBe(false);
  });

  it('reports an expired entry: it stops suppressing and a warning names the file, the entry and the effect', () => {
    const outcome = apply([entry({resource: {name: 'orders-prod'}, expires: '2026-10-01'})]);
    expect(suppressedKeys(outcome.results)).toEqual([]);
    expect(outcome.statuses[0]).toMatchObject({state: 'expired', matched: 1});
    expect(outcome.warnings).toEqual([
      {
        code: 'suppression-expired',
        source: 'suppressions.json',
        place: '/suppressions/0',
        message:
          'Suppression /suppressions/0 in suppressions.json (policy mq/no-public-access, name orders-prod) expired on 2026-10-01: ' +
          'it no longer suppresses, and the 1 failing finding(s) it matches count again.',
      },
    ]);
  });

  it('reports a stale entry without failing: gone findings and typos are told apart', () => {
    const outcome = apply([
      // inventory-sync passes every policy: the accepted finding is gone
      entry({policy: 'mq/no-public-access', resource: {name: 'inventory-sync'}}),
      // a typo in the broker name: matches nothing at all
      entry({policy: 'mq/no-public-access', resource: {name: 'orders-prd'}}),
    ]);
    expect(outcome.statuses.map((s) => s.state)).toEqual(['stale', 'stale']);
    expect(outcome.warnings.map((w) => w.code)).toEqual(['suppression-stale', 'suppression-stale']);
    expect(outcome.warnings[0].message).toMatch(/matches no failing finding; the finding it accepts is gone/);
    expect(outcome.warnings[1].message).toMatch(
      /matches no failing finding; no broker and policy evaluated in this scan match it/,
    );
  });

  it('does not call an entry stale when it names a region or account this scan did not cover', () => {
    const results = evaluations().filter((ev) => ev.resource.region === 'eu-west-1');
    const outcome = applySuppressions(
      results,
      list(
        entry({resource: {name: 'inventory-sync', region: 'us-east-1'}}),
        entry({resource: {arn: BROKERS.inventorySync.arn}}),
      ),
      {
        today: TODAY,
        scopes: ALL_SCOPES.filter((scope) => scope.region === 'eu-west-1'),
      },
    );
    expect(outcome.statuses.map((s) => s.state)).toEqual(['out-of-scope', 'out-of-scope']);
    expect(outcome.warnings).toEqual([]);
  });

  it('the first matching entry is the one reported; every matching entry counts the finding', () => {
    const outcome = apply([
      entry({resource: {name: 'orders-prod'}, reason: 'first'}),
      entry({resource: {account: PROD_ACCOUNT}, reason: 'second'}),
    ]);
    const suppressed = outcome.results.find((ev) => ev.suppression)!;
    expect(suppressed.suppression!.reason).toBe('first');
    expect(outcome.statuses.map((s) => s.matched)).toEqual([1, 1]);
  });

  it('an expired entry does not hide a later active one', () => {
    const outcome = apply([
      entry({resource: {name: 'orders-prod'}, expires: '2020-01-01', reason: 'old'}),
      entry({resource: {name: 'orders-prod'}, reason: 'renewed'}),
    ]);
    expect(outcome.results.find((ev) => ev.suppression)!.suppression!.reason).toBe('renewed');
  });

  it('leaves the input untouched and keeps the order of results', () => {
    const results = evaluations();
    const before = JSON.stringify(results);
    const outcome = apply([entry({resource: {name: 'orders-prod'}})], results);
    expect(JSON.stringify(results)).toBe(before);
    expect(outcome.results.map((ev) => `${ev.policyId} ${ev.resource.arn}`)).toEqual(
      results.map((ev) => `${ev.policyId} ${ev.resource.arn}`),
    );
  });

  it('matches brokers with the same name in two accounts only where the matcher says', () => {
    const twin = broker(STAGING_ACCOUNT, 'eu-west-1', 'orders-prod', 'ACTIVEMQ', 'b-twin');
    const results: Evaluation[] = [ordersProd, twin].map((resource) => ({
      policyId: 'mq/no-public-access',
      status: 'fail',
      severity: 'critical',
      resource,
      message: 'public',
    }));
    expect(
      apply([entry({resource: {name: 'orders-prod'}})], results).results.filter((ev) => ev.suppression),
    ).toHaveLength(2);
    const narrowed = apply([entry({resource: {name: 'orders-prod', account: STAGING_ACCOUNT}})], results).results;
    expect(narrowed.filter((ev) => ev.suppression).map((ev) => ev.resource.accountId)).toEqual([STAGING_ACCOUNT]);
  });

  it('is not fooled by billing-events carrying the same tags as the others', () => {
    // Every fixture broker has team=platform: a tag-only matcher is broad, and that is what the user asked for.
    const outcome = apply([entry({policy: 'mq/production-ha', resource: {tags: {team: 'platform'}}})]);
    expect(suppressedKeys(outcome.results)).toEqual(['mq/production-ha billing-events']);
    expect(billingEvents.tags).toEqual({team: 'platform'});
  });
});
