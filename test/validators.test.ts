/**
 * Validators compiled at build time (src/build/precompile.ts → dist/validators, read by src/foundation/validators.ts). These tests
 * read the build's own output: `npm test` builds first.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {ValidateFunction} from 'ajv';

import {createAjv} from '../src/foundation/json-input';
import {PACKAGE_ROOT} from '../src/foundation/package-paths';
import {brokerDocuments} from '../src/policy/evaluate';
import {evaluatePolicy} from '../src/policy/evaluator';
import {assertionSchemas, type CompiledPolicy, loadPolicies} from '../src/policy/loader';
import {precompileTargets} from '../src/build/precompile';
import {evaluationOptions} from '../src/services/evaluation';
import {readSnapshot} from '../src/snapshot/read';
import {ajvVersion, FLAVORS, PRECOMPILED_INDEX, precompiledValidator, validatorKey} from '../src/foundation/validators';

const BUILT = join(PACKAGE_ROOT, 'dist', 'validators');

beforeAll(() => {
  if (!existsSync(join(BUILT, PRECOMPILED_INDEX)))
    throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm test does)`);
});

describe('the build', () => {
  it('precompiles every schema a scan with the built-in policies compiles', () => {
    const targets = precompileTargets();
    // 4 own schemas; 12 policies × (assert, and appliesTo where present) × 2 flavors; parameter schemas.
    expect(targets.length).toBeGreaterThanOrEqual(4 + 12 * 2);
    const missing = targets
      .filter((t) => precompiledValidator(t.schema, t.flavor, BUILT) === undefined)
      .map((t) => `${t.origin} ${JSON.stringify(t.flavor)}`);
    expect(missing).toEqual([]);
  });

  it('fails with the schema named when one cannot be compiled', () => {
    const out = mkdtempSync(join(tmpdir(), 'mq-audit-precompile-'));
    try {
      const {writePrecompiledValidators} =
        jest.requireActual<typeof import('../src/build/precompile')>('../src/build/precompile');
      expect(() =>
        writePrecompiledValidators(out, [
          {origin: 'broken/policy assert', schema: {type: 'no-such-type'}, flavor: FLAVORS.explained},
        ]),
      ).toThrow(/cannot precompile broken\/policy assert: .*type/);
    } finally {
      rmSync(out, {recursive: true, force: true});
    }
  });
});

describe('precompiled validators', () => {
  it('give exactly the results of ajv-compiled ones on the demo estate, failures explained included', () => {
    const snapshot = readSnapshot(join(PACKAGE_ROOT, 'fixtures', 'demo', 'inventory.json'));
    const compiled = loadPolicies({});
    const precompiled = compiled.map((policy): CompiledPolicy => {
      const schemas = assertionSchemas(policy, policy.parameterValues, policy.source);
      const schema = (place: 'assert' | 'appliesTo') => schemas[place]!;
      const built = (place: 'assert' | 'appliesTo', flavor: object): ValidateFunction => {
        const validate = precompiledValidator(schema(place), flavor, BUILT);
        if (!validate) throw new Error(`${policy.id} ${place} is not precompiled`);
        expect(validate).not.toBe(place === 'assert' ? policy.checks.assert : policy.checks.appliesTo);
        return validate;
      };
      const appliesTo = policy.appliesTo === undefined ? {} : {appliesTo: built('appliesTo', FLAVORS.explained)};
      const quickAppliesTo = policy.appliesTo === undefined ? {} : {appliesTo: built('appliesTo', FLAVORS.quick)};
      return {
        ...policy,
        checks: {
          assert: built('assert', FLAVORS.explained),
          ...appliesTo,
          quick: {assert: built('assert', FLAVORS.quick), ...quickAppliesTo},
        },
      };
    });
    const documents = brokerDocuments(snapshot, evaluationOptions(snapshot, {defaults: {}}));
    const evaluate = (policies: CompiledPolicy[]) =>
      documents.flatMap((document) => policies.map((policy) => evaluatePolicy({...policy}, document)));
    const expected = evaluate(compiled);
    expect(new Set(expected.map((r) => r.status))).toEqual(new Set(['pass', 'fail', 'not_applicable', 'error']));
    expect(evaluate(precompiled)).toEqual(expected);
  });

  it('report the same errors as ajv for mq-audit’s own schemas', () => {
    const schema = JSON.parse(
      readFileSync(join(PACKAGE_ROOT, 'schemas', 'suppressions.schema.json'), 'utf8'),
    ) as object;
    const built = precompiledValidator(schema, FLAVORS.ownSchema, BUILT)!;
    const compiled = createAjv({...FLAVORS.ownSchema, schemasChecked: true}).compile(schema);
    const bad = {suppressions: [{policy: 'mq/x', reason: '', expires: 'not a date', surplus: true}]};
    expect(built(bad)).toBe(false);
    expect(compiled(bad)).toBe(false);
    expect(built.errors?.length).toBeGreaterThan(1);
    expect(built.errors).toEqual(compiled.errors);
  });

  it('stand in only for the same schema text and flavor, built with the same ajv', () => {
    const target = precompileTargets().find((t) => t.origin === 'mq/production-ha assert')!;
    expect(precompiledValidator(target.schema, FLAVORS.explained, BUILT)).toBeDefined();
    expect(precompiledValidator(target.schema, {verbose: false}, BUILT)).toBeUndefined();
    expect(
      precompiledValidator({...(target.schema as object), required: ['edited']}, FLAVORS.explained, BUILT),
    ).toBeUndefined();

    // An index written for another ajv version is ignored (node_modules updated, dist not rebuilt).
    const stale = mkdtempSync(join(tmpdir(), 'mq-audit-validators-'));
    try {
      writeFileSync(
        join(stale, PRECOMPILED_INDEX),
        JSON.stringify({ajvVersion: '0.0.1', keys: [validatorKey(target.schema, FLAVORS.explained, '0.0.1')]}),
      );
      expect(precompiledValidator(target.schema, FLAVORS.explained, stale)).toBeUndefined();
      expect(precompiledValidator(target.schema, FLAVORS.explained, join(stale, 'absent'))).toBeUndefined();
    } finally {
      rmSync(stale, {recursive: true, force: true});
    }
    expect(ajvVersion()).toMatch(/^8\./);
  });

  it('let a scan of the demo estate run without loading ajv’s compiler', () => {
    const script = [
      "const {runScan} = require('./dist/services/scan');",
      "runScan({source: {file: 'fixtures/demo/inventory.json'}, policyPaths: [], include: [], exclude: [], config: {defaults: {}}, failOn: 'high'}).then(({report}) => {",
      '  const loaded = Object.keys(require.cache).filter((m) => /node_modules[\\\\/]ajv[\\\\/]dist[\\\\/](core|compile)/.test(m));',
      '  console.log(JSON.stringify({results: report.results.length, loaded}));',
      '});',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], {cwd: PACKAGE_ROOT, encoding: 'utf8'});
    expect(run.stderr).toBe('');
    const {results, loaded} = JSON.parse(run.stdout) as {results: number; loaded: string[]};
    expect(results).toBeGreaterThan(50);
    expect(loaded).toEqual([]);
  });
});
