/**
 * Runs every policy fixture (test/policies/<policy id>/inventory.json + expected.json, see fixtures.ts):
 * each broker must get exactly the expected status, and every message must say why.
 */
import {brokersOf, evaluateSnapshot} from '../../src/policy/evaluate';
import {formatValue} from '../../src/policy/evaluator';
import {loadPolicies} from '../../src/policy/loader';
import type {Evaluation, Status} from '../../src/policy/types';
import {evaluationOptions} from '../../src/services/evaluation';
import {readSnapshot} from '../../src/snapshot/read';
import type {Snapshot} from '../../src/snapshot/types';
import {byStatus, type Expectation, expectedByStatus, fixtureCases} from './fixtures';

/** Broker names end in -pass-N, -fail-N, -na-N or -error-N: the status they get with default parameters. */
const NAME_SUFFIX: Record<string, Status> = {pass: 'pass', fail: 'fail', na: 'not_applicable', error: 'error'};

/** The found value as it appears in a message: templates insert strings verbatim, generated sentences quote them. */
function foundText(found: unknown): string {
  return typeof found === 'string' ? found : formatValue(found);
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cases = fixtureCases();

it('finds the policy fixtures', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases.map((c) => [c.policyId, c] as const))('policy %s', (policyId, fixture) => {
  let snapshot: Snapshot;
  let names: string[];

  beforeAll(() => {
    // readSnapshot checks the fixture against schemas/inventory.schema.json.
    snapshot = readSnapshot(fixture.inventory);
    names = brokersOf(snapshot).map((scope) => scope.broker.name);
  });

  it('lists every broker of the fixture exactly once', () => {
    expect(new Set(names).size).toBe(names.length);
    const listed = (['pass', 'fail', 'not_applicable', 'error'] as const).flatMap((status) => fixture.expected[status]);
    expect([...listed].sort()).toEqual([...names].sort());
  });

  it('names brokers after the status they get with default parameters', () => {
    for (const status of ['pass', 'fail', 'not_applicable', 'error'] as const) {
      for (const name of fixture.expected[status]) {
        const suffix = /-(pass|fail|na|error)-\d+$/.exec(name)?.[1];
        expect({name, status: suffix ? NAME_SUFFIX[suffix] : 'unnamed'}).toEqual({name, status});
      }
    }
  });

  const variants: (Expectation & {name: string; parameters?: Record<string, unknown>})[] = [
    {...fixture.expected, name: 'default parameters'},
    ...(fixture.expected.variants ?? []),
  ];

  describe.each(variants.map((v) => [v.name, v] as const))('with %s', (_name, variant) => {
    let results: Evaluation[];

    beforeAll(() => {
      const policies = loadPolicies({
        include: [policyId],
        ...(variant.parameters ? {parameters: {[policyId]: variant.parameters}} : {}),
      });
      // As `scan` evaluates: with the network path model (on-premises networks inferred from the routes).
      results = evaluateSnapshot(snapshot, policies, evaluationOptions(snapshot, {defaults: {}}));
    });

    it('gives each broker its expected status', () => {
      expect(byStatus(results)).toEqual(expectedByStatus(variant));
    });

    it('explains failures with the value found', () => {
      for (const result of results.filter((r) => r.status === 'fail')) {
        expect(result.message).toMatch(
          new RegExp(`^Broker ${escapeRegExp(result.resource.name)} fails ${escapeRegExp(policyId)} \\(`),
        );
        expect(result.explanations?.length).toBeGreaterThan(0);
        for (const explanation of result.explanations ?? []) {
          // A missing property has no value: the message names the property instead.
          expect(result.message).toContain(
            explanation.found === undefined ? explanation.path : foundText(explanation.found),
          );
        }
      }
    });

    it('says why a broker is not applicable or could not be evaluated', () => {
      for (const result of results) {
        const name = escapeRegExp(result.resource.name);
        const id = escapeRegExp(policyId);
        if (result.status === 'not_applicable')
          expect(result.message).toMatch(new RegExp(`^Broker ${name} is not (checked by|in the scope of) ${id}: .+`));
        if (result.status === 'error')
          expect(result.message).toMatch(new RegExp(`^Broker ${name} could not be evaluated for ${id}: .+ is unknown`));
      }
    });

    it('puts the expected facts in the messages', () => {
      for (const [name, fragments] of Object.entries(variant.messages ?? {})) {
        const result = results.find((r) => r.resource.name === name);
        expect(result).toBeDefined();
        for (const fragment of fragments)
          expect({name, message: result?.message}).toEqual({name, message: expect.stringContaining(fragment)});
      }
    });
  });
});
