/** `policies list` and `policies validate`. */
import {type InputError, isInputError, isInputErrors} from '../foundation/errors';
import {findPolicyFiles, loadPolicies, readPolicyFile} from '../policy/loader';
import type {Severity} from '../policy/types';
import {policyCatalogueMarkdown} from '../report/catalogue';

export interface PolicyListing {
  id: string;
  severity: Severity;
  title: string;
  source: string;
  builtIn: boolean;
  engines?: string[];
}

export function listPolicies(paths: string[]): PolicyListing[] {
  return loadPolicies({paths}).map((p) => ({
    id: p.id,
    severity: p.severity,
    title: p.title,
    source: p.source,
    builtIn: p.builtIn,
    ...(p.engines ? {engines: p.engines} : {}),
  }));
}

/** The catalogue table (README, `policies list --markdown`). */
export function policyCatalogue(paths: string[]): string {
  return policyCatalogueMarkdown(loadPolicies({paths}));
}

export interface ValidationResult {
  file: string;
  id?: string;
  problems: {place?: string; problem: string}[];
}

/**
 * Checks each file on its own (schema, id, parameters, that its assertions compile), then the set together
 * (duplicate ids, clashes with built-ins), so every problem is reported with its file and place.
 */
export function validatePolicyFiles(paths: string[]): ValidationResult[] {
  const results: ValidationResult[] = [];
  for (const path of paths) {
    let files;
    try {
      files = findPolicyFiles(path);
    } catch (error) {
      results.push({file: path, problems: [toProblem(error)]});
      continue;
    }

    if (files.length === 0) results.push({file: path, problems: [{problem: 'folder holds no .json policy files'}]});
    for (const file of files) {
      const {policy, errors} = readPolicyFile(file);
      const problems = errors.map((e) => toProblem(e));
      if (policy && problems.length === 0) {
        try {
          loadPolicies({builtIn: false, paths: [file.file]});
        } catch (error) {
          problems.push(...problemsOf(error));
        }
      }

      results.push({file: file.file, id: policy?.id, problems});
    }
  }

  // Clashes across the whole set and with the built-ins.
  if (results.every((r) => r.problems.length === 0)) {
    try {
      loadPolicies({paths});
    } catch (error) {
      for (const problem of isInputErrors(error) ? error.errors : [error as InputError]) {
        const target = results.find((r) => r.file === problem.source);
        if (target) target.problems.push(toProblem(problem));
        else results.push({file: problem.source, problems: [toProblem(problem)]});
      }
    }
  }

  return results;
}

function problemsOf(error: unknown): {place?: string; problem: string}[] {
  if (isInputErrors(error)) return error.errors.map((e) => toProblem(e));
  return [toProblem(error)];
}

function toProblem(error: unknown): {place?: string; problem: string} {
  if (isInputError(error)) return {...(error.place ? {place: error.place} : {}), problem: error.problem};
  throw error;
}
