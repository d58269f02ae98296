/** Finding the files that may hold infrastructure as code under the directories (or files) given. */
import {existsSync, readdirSync, statSync} from 'node:fs';
import {basename, extname, join, relative, resolve, sep} from 'node:path';

import {InputError} from '../foundation/errors';
import type {IacProblem} from './types';

/** Dependencies and tool caches, never the project's own definitions. cdk.out is kept: it holds CDK's templates. */
export const SKIPPED_DIRECTORIES = new Set(['.git', '.terraform', 'node_modules']);

/** `.template` is CloudFormation's classic extension (JSON or YAML). */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.template', '.yaml', '.yml']);

export type CandidateFormat = 'cloudformation' | 'terraform';

export interface CandidateFile {
  absolute: string;
  /** Repository-relative, forward slashes. */
  file: string;
  format: CandidateFormat;
}

/**
 * Every candidate file under `paths`, each once, sorted by path. A path that does not exist is bad input (the user
 * named it); a directory that cannot be read is a warning. Symbolic links are not followed (no cycles, no escaping
 * the repository).
 */
export function discoverIacFiles(paths: string[], repoRoot: string, problems: IacProblem[]): CandidateFile[] {
  const found = new Map<string, CandidateFile>();
  for (const given of paths) {
    const absolute = resolve(given);
    if (!existsSync(absolute)) {
      throw new InputError(
        given,
        'does not exist: expected a directory (or file) holding CloudFormation templates or Terraform files',
      );
    }

    if (statSync(absolute).isDirectory()) walk(absolute, repoRoot, found, problems);
    else addCandidate(absolute, repoRoot, found);
  }

  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function walk(directory: string, repoRoot: string, found: Map<string, CandidateFile>, problems: IacProblem[]): void {
  let entries;
  try {
    entries = readdirSync(directory, {withFileTypes: true});
  } catch (error) {
    problems.push({
      severity: 'warning',
      file: repositoryPath(directory, repoRoot),
      message: `directory not searched: ${(error as Error).message}`,
    });
    return;
  }

  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, repoRoot, found, problems);
    } else if (entry.isFile()) {
      addCandidate(path, repoRoot, found);
    }
  }
}

function addCandidate(absolute: string, repoRoot: string, found: Map<string, CandidateFile>): void {
  const format = candidateFormat(absolute);
  if (format && !found.has(absolute)) found.set(absolute, {absolute, file: repositoryPath(absolute, repoRoot), format});
}

function candidateFormat(path: string): CandidateFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.tf') return 'terraform';
  return TEMPLATE_EXTENSIONS.has(extension) ? 'cloudformation' : undefined;
}

/** Repository-relative with forward slashes; a path outside the repository keeps its `../` form. */
export function repositoryPath(absolute: string, repoRoot: string): string {
  return relative(repoRoot, absolute).split(sep).join('/');
}

export function isInsideRepository(file: string): boolean {
  return file !== '' && file !== '..' && !file.startsWith('../') && !/^[A-Za-z]:/.test(file) && !file.startsWith('/');
}

/** The stack name a template's file name suggests: `orders-prod.yaml`, `OrdersStack.template.json` → the stem. */
export function stackNameFromFileName(file: string): string {
  let stem = basename(file);
  for (let extension = extname(stem); extension !== ''; extension = extname(stem)) {
    if (!['.json', '.template', '.yaml', '.yml', '.cfn'].includes(extension.toLowerCase())) break;
    stem = stem.slice(0, -extension.length);
  }

  return stem;
}
