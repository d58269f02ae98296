/**
 * Policy tests (`mq-audit policies test`, docs/policies.md#testing-a-policy): each case is a broker document — whole,
 * or a partial one merged over a broker of a fixture estate — and the result the policy must give it. Test files are
 * checked like every other input: a problem is an InputError naming the file and the JSON pointer.
 */
import {existsSync} from 'node:fs';
import {InputError, InputErrors} from '../foundation/errors';
import {parseJson, readTextFile, schemaErrors} from '../foundation/json-input';
import {ownSchemaValidator} from '../foundation/validators';
import type {BrokerDocument} from './document';
import {evaluatePolicy, valueAt} from './evaluator';
import {nearest} from '../foundation/nearest';
import {type CompiledPolicy, TEST_FILE_SUFFIX} from './loader';
import type {PolicyTestCase, Status} from './types';

/** Test files are read up to this size. */
const TEST_FILE_CAP = 16 * 1024 * 1024;
const WHAT = 'policy test file';

/** A case, and where it was written. */
export interface LocatedCase {
  testCase: PolicyTestCase;
  file: string;
  /** JSON pointer of the case in its file. */
  place: string;
}

export interface CaseResult {
  name: string;
  file: string;
  place: string;
  expect: Status;
  /** The text the message had to contain, when the case said. */
  expectMessage?: string;
  status: Status;
  message: string;
  passed: boolean;
}

export interface PolicyTestResult {
  policyId: string;
  source: string;
  cases: CaseResult[];
}

/** The file beside a policy that holds its tests: `x.json` → `x.test.json`. */
export function testFileOf(policyFile: string): string {
  return policyFile.replace(/\.json$/, TEST_FILE_SUFFIX);
}

/** The policy file a test file is about: `x.test.json` → `x.json`. */
export function policyFileOf(testFile: string): string {
  return testFile.slice(0, -TEST_FILE_SUFFIX.length) + '.json';
}

/** Reads and checks a test file (schemas/policy-test.schema.json); throws InputErrors listing every problem. */
export function readTestFile(file: string): LocatedCase[] {
  const data = parseJson(readTextFile(file, WHAT, TEST_FILE_CAP), file, WHAT);
  const errors = schemaErrors(ownSchemaValidator('policy-test.schema.json'), data, file);
  if (errors.length > 0) throw new InputErrors(errors);
  const [cases, at] = Array.isArray(data)
    ? [data as PolicyTestCase[], '']
    : [(data as {tests: PolicyTestCase[]}).tests, '/tests'];
  return cases.map((testCase, index) => ({testCase, file, place: `${at}/${index}`}));
}

/** A policy's cases: its own (`tests`, checked with the policy file) and those of the test file beside it. */
export function casesOf(policy: Pick<CompiledPolicy, 'source' | 'tests'>): LocatedCase[] {
  const own = (policy.tests ?? []).map((testCase, index) => ({
    testCase,
    file: policy.source,
    place: `/tests/${index}`,
  }));
  const besideFile = testFileOf(policy.source);
  const beside = besideFile !== policy.source && existsSync(besideFile) ? readTestFile(besideFile) : [];
  const cases = [...own, ...beside];
  const errors: InputError[] = [];
  const seen = new Map<string, LocatedCase>();
  for (const located of cases) {
    const earlier = seen.get(located.testCase.name);
    if (earlier)
      errors.push(
        new InputError(
          located.file,
          `duplicate test case name "${located.testCase.name}", also at ${earlier.file === located.file ? '' : `${earlier.file} `}${earlier.place}`,
          `${located.place}/name`,
        ),
      );
    else seen.set(located.testCase.name, located);
  }

  if (errors.length > 0) throw new InputErrors(errors);
  return cases;
}

/**
 * `partial` merged over `base`: objects key by key, recursively; anything else (arrays, strings, null) replaces
 * what the base has. Neither argument is changed.
 */
export function mergeDocument(base: unknown, partial: unknown): unknown {
  if (!isObject(base) || !isObject(partial)) return structuredClone(partial);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(partial))
    merged[key] = key in merged ? mergeDocument(merged[key], value) : structuredClone(value);
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Every pointer the partial sets (objects walked into, not arrays), with whether its value there is null. */
function setPointers(value: Record<string, unknown>, at = ''): {pointer: string; isNull: boolean}[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const pointer = `${at}/${escapePointer(key)}`;
    if (at === '' && key === 'unknown') return [];
    return [{pointer, isNull: child === null}, ...(isObject(child) ? setPointers(child, pointer) : [])];
  });
}

/**
 * The broker document a case describes, checked against schemas/broker-document.schema.json. A null the case
 * writes is unknown: unless the case gives its own reason in `unknown`, the reason is the case's. Over a base, the
 * base's reasons for values the case now sets are dropped.
 */
/** The brokers cases name as `base`: the document of one, or why there is none by that name. */
export type FixtureBrokers = (name: string) => BrokerDocument | {problem: string};

export function caseDocument(located: LocatedCase, fixtures: FixtureBrokers): BrokerDocument {
  const {testCase, file, place} = located;
  let document: Record<string, unknown>;
  if (testCase.base === undefined) {
    // The one field a whole document may leave out: nothing is unknown.
    document = {unknown: {}, ...structuredClone(testCase.document)};
  } else {
    const base = fixtures(testCase.base);
    if ('problem' in base) throw new InputError(file, base.problem, `${place}/base`);
    document = mergeDocument(base, testCase.document) as Record<string, unknown>;
  }

  const own = isObject(testCase.document.unknown) ? testCase.document.unknown : {};
  if (isObject(document.unknown)) {
    const unknown = document.unknown;
    for (const {pointer, isNull} of setPointers(testCase.document)) {
      if (pointer in own) continue;
      if (isNull) unknown[pointer] = `set to null by test case "${testCase.name}"`;
      else if (testCase.base !== undefined) delete unknown[pointer];
    }
  }

  const validate = ownSchemaValidator('broker-document.schema.json');
  const what = testCase.base === undefined ? 'the document' : `the document merged over broker ${testCase.base}`;
  const errors = schemaErrors(validate, document, file).map((e) => {
    const at = e.place === undefined || e.place === '/' ? '' : e.place;
    // A misspelt property: pointed at, with the nearest names the object has (as policy lint does).
    const extra = /^unknown property "(.*)"$/.exec(e.problem)?.[1];
    if (extra !== undefined) {
      const holder = valueAt(document, at);
      const close = isObject(holder)
        ? nearest(
            extra,
            Object.keys(holder).filter((key) => key !== extra),
          )
        : [];
      const hint = close.length > 0 ? `; did you mean ${close.join(' or ')}?` : '';
      return new InputError(
        file,
        `"${extra}" is not a property of the broker document${at === '' ? '' : ` at ${at}`}${hint}`,
        `${place}/document${at}/${escapePointer(extra)}`,
      );
    }

    return new InputError(
      file,
      `${what} is not a broker document (schemas/broker-document.schema.json): ${e.problem}`,
      `${place}/document${at}`,
    );
  });
  if (errors.length > 0) throw new InputErrors(errors);
  return document as unknown as BrokerDocument;
}

/** Evaluates one case. */
export function runCase(policy: CompiledPolicy, located: LocatedCase, document: BrokerDocument): CaseResult {
  const {testCase} = located;
  const {status, message} = evaluatePolicy(policy, document);
  const passed = status === testCase.expect && (testCase.message === undefined || message.includes(testCase.message));
  return {
    name: testCase.name,
    file: located.file,
    place: located.place,
    expect: testCase.expect,
    ...(testCase.message === undefined ? {} : {expectMessage: testCase.message}),
    status,
    message,
    passed,
  };
}
