/**
 * `policies test`: every case of every policy found under the given paths (default: the built-in policies), each
 * evaluated as a scan would. Cases name their base brokers from a fixture estate: the bundled demo estate
 * (fixtures/demo/inventory.json), or another inventory, made into documents as `mq-audit documents` makes them
 * (default production selector, on-premises networks inferred from the routes, network facts included).
 */
import {existsSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {InputError, InputErrors, isInputError, isInputErrors} from '../foundation/errors';
import type {BrokerDocument} from '../policy/document';
import {brokerDocuments} from '../policy/evaluate';
import {findPolicyFiles, findPolicyTestFiles, loadPolicies, TEST_FILE_SUFFIX} from '../policy/loader';
import {
  type CaseResult,
  caseDocument,
  casesOf,
  type FixtureBrokers,
  type LocatedCase,
  policyFileOf,
  type PolicyTestResult,
  runCase,
} from '../policy/policy-tests';
import {BUILT_IN_POLICIES, PACKAGE_ROOT} from '../foundation/package-paths';
import {readSnapshot} from '../snapshot/read';
import {evaluationOptions} from './evaluation';

/** The estate base brokers come from unless --inventory says otherwise. */
export const DEMO_ESTATE = join(PACKAGE_ROOT, 'fixtures', 'demo', 'inventory.json');

export interface PolicyTestOptions {
  /** Policy files or folders; a `<name>.test.json` stands for its policy. Empty: the built-in policies. */
  paths: string[];
  /** The inventory whose brokers cases name as `base` (default: the demo estate). */
  inventory?: string;
}

export interface PolicyTestReport {
  passed: number;
  failed: number;
  /** The inventory base brokers came from. */
  fixtures: string;
  policies: PolicyTestResult[];
  /** Ids of the policies found that have no test case. */
  untested: string[];
}

/** Runs every case; throws InputErrors (exit 2) naming every bad test file, case or policy file, before running any. */
export function testPolicies(options: PolicyTestOptions): PolicyTestReport {
  const errors: InputError[] = [];
  const collect = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      if (isInputErrors(error)) errors.push(...error.errors);
      else if (isInputError(error)) errors.push(error);
      else throw error;
    }
  };

  // A test file named on the command line stands for its policy; a folder must hold policies, and no test file
  // without its policy beside it (a misspelt test file name would otherwise never run).
  const paths = options.paths.map((path) => (path.endsWith(TEST_FILE_SUFFIX) ? policyFileOf(path) : path));
  for (const [index, path] of options.paths.entries()) {
    if (path.endsWith(TEST_FILE_SUFFIX) && !existsSync(paths[index]))
      errors.push(new InputError(path, `no policy file ${paths[index]} beside this test file`));
  }

  for (const path of paths.length > 0 ? paths : [BUILT_IN_POLICIES]) {
    if (!existsSync(path) || !statSync(path).isDirectory()) continue;
    collect(() => {
      if (findPolicyFiles(path).length === 0) throw new InputError(path, 'folder holds no .json policy files');
      for (const test of findPolicyTestFiles(path)) {
        if (!existsSync(policyFileOf(test.file)))
          throw new InputError(
            test.file,
            `test file without a policy: expected ${relative(process.cwd(), policyFileOf(test.file)) || policyFileOf(test.file)} beside it`,
          );
      }
    });
  }

  if (errors.length > 0) throw new InputErrors(errors);
  const policies = paths.length > 0 ? loadPolicies({builtIn: false, paths}) : loadPolicies({});
  const located = policies.map((policy) => {
    let cases: LocatedCase[] = [];
    collect(() => (cases = casesOf(policy)));
    return {policy, cases};
  });
  if (errors.length > 0) throw new InputErrors(errors);
  // The fixture estate is read only when a case names a base, and its problems are told once, not per case.
  const fixturesFile = options.inventory ?? DEMO_ESTATE;
  const needsFixtures = located.some(({cases}) => cases.some((c) => c.testCase.base !== undefined));
  const fixtures = needsFixtures ? fixtureBrokers(fixturesFile) : () => ({problem: 'no fixture estate'});
  const planned = located.map(({policy, cases}) => {
    const documents: {located: LocatedCase; document: BrokerDocument}[] = [];
    for (const one of cases) collect(() => documents.push({located: one, document: caseDocument(one, fixtures)}));
    return {policy, cases: documents};
  });

  if (errors.length > 0) throw new InputErrors(errors);
  const results: PolicyTestResult[] = planned.map(({policy, cases}) => ({
    policyId: policy.id,
    source: policy.source,
    cases: cases.map(({located, document}): CaseResult => runCase(policy, located, document)),
  }));
  const all = results.flatMap((r) => r.cases);
  return {
    passed: all.filter((c) => c.passed).length,
    failed: all.filter((c) => !c.passed).length,
    fixtures: shownPath(fixturesFile),
    policies: results,
    untested: results.filter((r) => r.cases.length === 0).map((r) => r.policyId),
  };
}

/** The brokers of an inventory by name, id or ARN, made into documents on first use. */
export function fixtureBrokers(file: string): FixtureBrokers {
  const shown = shownPath(file);
  const snapshot = readSnapshot(file);
  const documents = brokerDocuments(snapshot, evaluationOptions(snapshot, {defaults: {}}, {onPremCidrs: []}));
  const names = documents.map((d) => d.name);
  const byKey = new Map<string, BrokerDocument | {problem: string}>();
  for (const document of documents) {
    byKey.set(document.id, document);
    byKey.set(document.arn, document);
  }

  for (const document of documents) {
    const clash = byKey.has(document.name) && byKey.get(document.name) !== document;
    byKey.set(
      document.name,
      clash
        ? {problem: `"${document.name}" names more than one broker in ${shown}; name the base by its id or ARN`}
        : document,
    );
  }

  return (key) =>
    byKey.get(key) ?? {
      problem: `no broker named "${key}" in the fixture estate ${shown}; its brokers: ${names.join(', ')}`,
    };
}

/** A path relative to the working directory when it is below it, else as given (the bundled demo estate: absolute). */
function shownPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown === '' || shown.startsWith('..') ? file : shown;
}
