/**
 * Policy tests (src/policy/policy-tests.ts): how a case's document is made (merge over a base broker, null as
 * unknown, checked against the broker document's schema), and that every built-in policy ships cases for every
 * result it can give.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {isInputError, isInputErrors} from '../../src/foundation/errors';
import type {BrokerDocument} from '../../src/policy/document';
import {loadPolicies} from '../../src/policy/loader';
import {caseDocument, casesOf, type LocatedCase, mergeDocument, runCase} from '../../src/policy/policy-tests';
import type {PolicyTestCase} from '../../src/policy/types';
import {DEMO_ESTATE, fixtureBrokers} from '../../src/services/policy-tests';
import {SCHEMAS} from '../../src/foundation/package-paths';

const fixtures = fixtureBrokers(DEMO_ESTATE);
const located = (testCase: Partial<PolicyTestCase>): LocatedCase => ({
  testCase: {name: 'c', expect: 'pass', document: {}, ...testCase},
  file: 'x.test.json',
  place: '/tests/0',
});
const problems = (work: () => unknown): string[] => {
  try {
    work();
  } catch (error) {
    if (isInputErrors(error)) return error.errors.map((e) => `${e.place}: ${e.problem}`);
    if (isInputError(error)) return [`${error.place}: ${error.problem}`];
    throw error;
  }

  return [];
};

describe('mergeDocument', () => {
  it('merges objects key by key and replaces arrays, scalars and null, changing neither input', () => {
    const base = {a: {b: 1, c: [1, 2], d: {e: true}}, f: 'x'};
    const partial = {a: {c: [3], d: null}, g: 2};
    const copy = structuredClone(base);
    expect(mergeDocument(base, partial)).toEqual({a: {b: 1, c: [3], d: null}, f: 'x', g: 2});
    expect(base).toEqual(copy);
    expect(partial).toEqual({a: {c: [3], d: null}, g: 2});
  });
});

describe('caseDocument', () => {
  it('merges the case over the named demo broker, network facts included', () => {
    const document = caseDocument(located({base: 'orders-prod', document: {publiclyAccessible: true}}), fixtures);
    expect(document).toMatchObject({
      name: 'orders-prod',
      publiclyAccessible: true,
      engineType: 'ACTIVEMQ',
      network: {onPrem: {verdict: 'reachable'}},
    });
  });

  it('gives a null the case writes a reason, unless the case gives its own', () => {
    const document = caseDocument(
      located({name: 'no logs', base: 'orders-prod', document: {logs: null, tags: null, unknown: {'/tags': 'denied'}}}),
      fixtures,
    );
    expect(document.logs).toBeNull();
    expect(document.unknown).toEqual({'/logs': 'set to null by test case "no logs"', '/tags': 'denied'});
  });

  it("drops the base broker's reasons for values the case now knows", () => {
    const ledger = fixtures('ledger-prod') as BrokerDocument;
    expect(ledger.unknown['/tags']).toBeDefined();
    const document = caseDocument(located({base: 'ledger-prod', document: {tags: {Owner: 'a'}}}), fixtures);
    expect(document.unknown['/tags']).toBeUndefined();
    expect(document.unknown['/logs']).toBe(ledger.unknown['/logs']);
  });

  it('names an unknown base broker, a misspelt property and a wrong type with their JSON pointers', () => {
    expect(problems(() => caseDocument(located({base: 'orders-prd'}), fixtures))).toEqual([
      expect.stringMatching(
        /^\/tests\/0\/base: no broker named "orders-prd" in the fixture estate .*; its brokers: orders-prod, payments-prod/,
      ),
    ]);
    expect(
      problems(() =>
        caseDocument(
          located({base: 'orders-prod', document: {publiclyAccesible: true, facts: {production: 'yes'}}}),
          fixtures,
        ),
      ),
    ).toEqual([
      '/tests/0/document/publiclyAccesible: "publiclyAccesible" is not a property of the broker document; did you mean publiclyAccessible?',
      '/tests/0/document/facts/production: the document merged over broker orders-prod is not a broker document (schemas/broker-document.schema.json): expected boolean,null',
    ]);
  });

  it('takes a document without base as whole, and says what it lacks', () => {
    expect(problems(() => caseDocument(located({document: {name: 'x'}}), fixtures))).toContain(
      '/tests/0/document: the document is not a broker document (schemas/broker-document.schema.json): missing required property "documentVersion"',
    );
  });
});

describe('runCase', () => {
  const [policy] = loadPolicies({include: ['mq/no-public-access']});
  it('passes when the status matches and the message contains the text', () => {
    const one = located({
      base: 'orders-prod',
      document: {publiclyAccessible: true},
      expect: 'fail',
      message: 'publiclyAccessible is true',
    });
    expect(runCase(policy, one, caseDocument(one, fixtures))).toMatchObject({passed: true, status: 'fail'});
  });

  it('fails on another status, or a message without the text', () => {
    const wrongStatus = located({base: 'orders-prod', document: {publiclyAccessible: true}, expect: 'pass'});
    expect(runCase(policy, wrongStatus, caseDocument(wrongStatus, fixtures))).toMatchObject({
      passed: false,
      expect: 'pass',
      status: 'fail',
      message: expect.stringContaining('publiclyAccessible is true'),
    });
    const wrongMessage = located({base: 'orders-prod', document: {}, expect: 'pass', message: 'nothing like it'});
    expect(runCase(policy, wrongMessage, caseDocument(wrongMessage, fixtures))).toMatchObject({
      passed: false,
      status: 'pass',
      expectMessage: 'nothing like it',
    });
  });
});

describe("the built-in policies' tests", () => {
  const policies = loadPolicies({});
  // A policy without engines or appliesTo applies to every broker: it cannot be not_applicable, so its cases show
  // both engines judged instead (as the fixtures of test/policies do).
  it.each(policies.map((p) => [p.id, p] as const))('%s has cases for every result it can give', (_id, policy) => {
    const cases = casesOf(policy);
    expect(cases.every((c) => c.file.endsWith('.test.json'))).toBe(true);
    const expected = new Set(cases.map((c) => c.testCase.expect));
    const scoped = policy.engines !== undefined || policy.appliesTo !== undefined;
    expect([...expected].sort()).toEqual(
      scoped ? ['error', 'fail', 'not_applicable', 'pass'] : ['error', 'fail', 'pass'],
    );
    if (!scoped) {
      const engines = (status: string) =>
        new Set(
          cases
            .filter((c) => c.testCase.expect === status)
            .map(
              (c) => (fixtures(c.testCase.base ?? '') as BrokerDocument).engineType ?? c.testCase.document.engineType,
            ),
        );
      expect([...engines('pass')].sort()).toEqual(['ACTIVEMQ', 'RABBITMQ']);
    }
  });
});

it("policy.schema.json's test case is policy-test.schema.json's", () => {
  const read = (name: string) =>
    JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')) as {$defs: Record<string, unknown>};
  expect(read('policy.schema.json').$defs.testCase).toEqual(read('policy-test.schema.json').$defs.case);
});
