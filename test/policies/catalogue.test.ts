/**
 * The built-in policy catalogue: every file under policies/ loads, is complete, and has fixtures
 * (test/policies/<policy id>/, see fixtures.ts). A new built-in policy fails here until its fixture exists.
 */
import {readdirSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {createAjv} from '../../src/foundation/json-input';
import {brokersOf} from '../../src/policy/evaluate';
import {type CompiledPolicy, loadPolicies} from '../../src/policy/loader';
import {BUILT_IN_POLICIES} from '../../src/foundation/package-paths';
import {readSnapshot} from '../../src/snapshot/read';
import type {EngineType} from '../../src/snapshot/types';
import {fixtureCases} from './fixtures';

function policyFileIds(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return policyFileIds(path);
    return entry.name.endsWith('.json') && !entry.name.endsWith('.test.json')
      ? [
          relative(BUILT_IN_POLICIES, path)
            .replace(/\.json$/, '')
            .split(sep)
            .join('/'),
        ]
      : [];
  });
}

// Throws, naming every problem, if any built-in policy does not load (schema, id, parameters, assertions).
const policies: CompiledPolicy[] = loadPolicies();
const fixtures = new Map(fixtureCases().map((c) => [c.policyId, c]));

it('loads every file under policies/, each with the id of its path', () => {
  expect(policies.map((p) => p.id).sort()).toEqual(policyFileIds(BUILT_IN_POLICIES).sort());
  for (const policy of policies) expect(policy.builtIn).toBe(true);
});

it('has no fixture folder without a built-in policy', () => {
  const ids = new Set(policies.map((p) => p.id));
  expect([...fixtures.keys()].filter((id) => !ids.has(id))).toEqual([]);
});

describe.each(policies.map((p) => [p.id, p] as const))('%s', (id, policy) => {
  it('links to documentation over https', () => {
    expect(new URL(policy.helpUri).protocol).toBe('https:');
  });

  it('maps to at least one control framework', () => {
    expect(
      Object.values(policy.controls).some((names: string[] | undefined) => names !== undefined && names.length > 0),
    ).toBe(true);
  });

  it('states description, rationale and remediation in full sentences', () => {
    for (const text of [policy.description, policy.rationale, policy.remediation])
      expect(text).toMatch(/^[A-Z].*[.)]$/s);
    expect(policy.description.length).toBeLessThanOrEqual(1024);
  });

  it('gives every parameter a schema and a default that satisfies it', () => {
    const ajv = createAjv();
    for (const [name, parameter] of Object.entries(policy.parameters ?? {})) {
      expect({name, schema: parameter.schema !== undefined}).toEqual({name, schema: true});
      expect({name, defaultValid: ajv.validate(parameter.schema ?? {}, parameter.default)}).toEqual({
        name,
        defaultValid: true,
      });
    }
  });

  it('has fixtures with a passing, a failing and an erroring broker', () => {
    const fixture = fixtures.get(id);
    expect(fixture ? 'present' : `missing: add test/policies/${id}/inventory.json and expected.json`).toBe('present');
    expect(fixture?.expected.pass.length).toBeGreaterThan(0);
    expect(fixture?.expected.fail.length).toBeGreaterThan(0);
    // Every built-in policy reads DescribeBroker data, which can be denied: the fixture shows the error.
    expect(fixture?.expected.error.length).toBeGreaterThan(0);
  });

  // A policy without `engines` or `appliesTo` applies to every broker, so it cannot yield not_applicable; it must
  // then show both engines judged on their merits. A scoped policy must show a broker it does not apply to.
  const scoped = policy.engines !== undefined || policy.appliesTo !== undefined;
  it(
    scoped
      ? 'has a fixture broker it does not apply to, including one of another engine when engine-specific'
      : 'has fixtures of both engines passing or failing',
    () => {
      const fixture = fixtures.get(id);
      expect(fixture).toBeDefined();
      if (!fixture) return;
      const engineOf = new Map(
        brokersOf(readSnapshot(fixture.inventory)).map((s) => [s.broker.name, s.broker.engineType]),
      );
      if (scoped) {
        expect(fixture.expected.not_applicable.length).toBeGreaterThan(0);
        if (policy.engines) {
          const others = fixture.expected.not_applicable.filter(
            (name) => !policy.engines?.includes(engineOf.get(name) as EngineType),
          );
          expect(others.length).toBeGreaterThan(0);
        }
      } else {
        expect(fixture.expected.not_applicable).toEqual([]);
        const judged = new Set([...fixture.expected.pass, ...fixture.expected.fail].map((name) => engineOf.get(name)));
        expect([...judged].sort()).toEqual(['ACTIVEMQ', 'RABBITMQ']);
      }
    },
  );
});
