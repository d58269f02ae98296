/**
 * Policy fixtures: one folder per built-in policy, at test/policies/<policy id>/, holding
 *   inventory.json  a small snapshot (checked against schemas/inventory.schema.json when read), and
 *   expected.json   which broker (by name) gets which status, plus optional message fragments and parameter variants.
 * Adding a policy means adding a folder here, not code: policies.test.ts runs every folder and catalogue.test.ts
 * requires one per built-in policy.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {STATUSES, type Status} from '../../src/policy/types';

export const FIXTURES_ROOT = __dirname;

/** Broker names by expected status, and message fragments by broker name. */
export interface Expectation {
  pass: string[];
  fail: string[];
  not_applicable: string[];
  error: string[];
  /** Broker name → fragments its result message must contain. */
  messages?: Record<string, string[]>;
}

export interface Variant extends Expectation {
  /** What the variant shows; used as the test name. */
  name: string;
  /** Parameter overrides for the policy, as a user would write them in the config file. */
  parameters: Record<string, unknown>;
}

export interface ExpectedFile extends Expectation {
  $comment?: string;
  /** The same inventory evaluated with other parameter values. */
  variants?: Variant[];
}

export interface FixtureCase {
  policyId: string;
  dir: string;
  inventory: string;
  expected: ExpectedFile;
}

/** Every folder below test/policies that holds an expected.json; its path is the policy id. */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
    }

    const expectedFile = join(dir, 'expected.json');
    if (dir !== FIXTURES_ROOT && existsSync(expectedFile)) {
      cases.push({
        policyId: relative(FIXTURES_ROOT, dir).split(sep).join('/'),
        dir,
        inventory: join(dir, 'inventory.json'),
        expected: checkExpected(JSON.parse(readFileSync(expectedFile, 'utf8')), expectedFile),
      });
    }
  };

  walk(FIXTURES_ROOT);
  return cases;
}

/** Catches typos in hand-written expected.json files early, with the file named. */
function checkExpected(data: unknown, file: string): ExpectedFile {
  const fail = (problem: string): never => {
    throw new Error(`${file}: ${problem}`);
  };

  const checkExpectation = (value: Record<string, unknown>, where: string, extraKeys: string[]) => {
    for (const key of Object.keys(value)) {
      if (![...STATUSES, 'messages', ...extraKeys].includes(key)) fail(`${where}unknown key "${key}"`);
    }

    for (const status of STATUSES) {
      const names = value[status];
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))
        fail(`${where}"${status}" must be an array of broker names`);
    }

    const messages = value.messages as Record<string, unknown> | undefined;
    if (messages !== undefined) {
      for (const [name, fragments] of Object.entries(messages)) {
        if (!Array.isArray(fragments) || fragments.some((f) => typeof f !== 'string'))
          fail(`${where}messages.${name} must be an array of strings`);
      }
    }
  };

  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('expected a JSON object');
  const record = data as Record<string, unknown>;
  checkExpectation(record, '', ['$comment', 'variants']);
  for (const [index, variant] of ((record.variants as Record<string, unknown>[] | undefined) ?? []).entries()) {
    const where = `variants[${index}]: `;
    if (typeof variant.name !== 'string') fail(`${where}"name" must be a string`);
    if (variant.parameters === null || typeof variant.parameters !== 'object')
      fail(`${where}"parameters" must be an object`);
    checkExpectation(variant, where, ['name', 'parameters']);
  }

  return data as ExpectedFile;
}

/** Status → broker names, sorted, for comparing whole outcomes at once. */
export function byStatus(results: {status: Status; resource: {name: string}}[]): Record<Status, string[]> {
  const grouped = Object.fromEntries(STATUSES.map((s) => [s, [] as string[]])) as Record<Status, string[]>;
  for (const result of results) grouped[result.status].push(result.resource.name);
  for (const status of STATUSES) grouped[status].sort();
  return grouped;
}

export function expectedByStatus(expectation: Expectation): Record<Status, string[]> {
  return Object.fromEntries(STATUSES.map((s) => [s, [...expectation[s]].sort()])) as Record<Status, string[]>;
}
