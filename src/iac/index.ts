/**
 * The infrastructure-as-code index: every indexed resource definition under the given paths, with its lines.
 * Pure (reads files, never AWS). A file that cannot be read or parsed is a warning; a path that does not exist is
 * an InputError (exit 2), since the user named it.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, dirname, extname, isAbsolute, join, resolve} from 'node:path';

import {parseCloudFormation} from './cloudformation';
import {discoverIacFiles, isInsideRepository, repositoryPath, stackNameFromFileName} from './discover';
import type {CandidateFile} from './discover';
import {parseTerraform} from './terraform';
import type {BuildIacIndexOptions, IacDefinition, IacIndexResult, IacProblem, StackName} from './types';

export {
  locate,
  matchResource,
  encodeRepositoryPath,
  CLOUDFORMATION_LOGICAL_ID_TAG,
  CLOUDFORMATION_STACK_TAG,
} from './match';
export {anchorProperty} from './properties';
export {locatableKindOfHop} from './resource-types';
export {SKIPPED_DIRECTORIES} from './discover';
export type * from './types';

const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
/**
 * What indexing one scan may spend, whatever the repository holds (`--iac` defaults to the whole repository, and a
 * pull request can add files): past it the remaining files are skipped, with one warning saying how many and why.
 * A real repository's templates are a few MB and parse in well under a second.
 */
/**
 * Terraform files are parsed by a grammar that can spend microseconds per byte on garbage, and real ones are small:
 * a file larger than this is skipped with a warning rather than parsed for seconds.
 */
export const MAX_TERRAFORM_FILE_BYTES = 1024 * 1024;

export const DEFAULT_IAC_BUDGET = {bytes: 64 * 1024 * 1024, milliseconds: 15_000};

type CdkEnvironment = NonNullable<IacDefinition['environment']>;

export function buildIacIndex(paths: string[], repoRoot: string, options: BuildIacIndexOptions = {}): IacIndexResult {
  const root = resolve(repoRoot);
  const problems: IacProblem[] = [];
  const candidates = discoverIacFiles(paths, root, problems);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const definitions: IacDefinition[] = [];
  const files: string[] = [];
  const stacks = new Map<string, StackName[]>();
  const environments = new Map<string, CdkEnvironment>();
  const budget = {...DEFAULT_IAC_BUDGET, ...options.budget};
  const started = performance.now();
  let bytesRead = 0;

  for (const [position, candidate] of candidates.entries()) {
    const spent =
      bytesRead > budget.bytes
        ? `${budget.bytes} bytes`
        : performance.now() - started > budget.milliseconds
          ? `${budget.milliseconds / 1000} s`
          : undefined;
    if (spent) {
      const left = candidates.length - position;
      problems.push({
        severity: 'warning',
        file: candidate.file,
        message: `not indexed, with ${left - 1} more file(s) after it: the IaC budget of ${spent} per scan was spent (name the folders that hold your templates with --iac)`,
      });
      break;
    }

    const text = readCandidate(
      candidate,
      candidate.format === 'terraform' ? Math.min(maxBytes, MAX_TERRAFORM_FILE_BYTES) : maxBytes,
      problems,
    );
    if (text === undefined) continue;
    bytesRead += text.length;
    if (candidate.format === 'cloudformation' && basename(candidate.file) === 'manifest.json') {
      readCdkManifest(candidate, text, root, stacks, environments, problems);
      continue;
    }

    let parsed: ReturnType<typeof parseCandidate>;
    try {
      parsed = parseCandidate(candidate, text);
    } catch (error) {
      // A file in the repository (written by a pull request) must not take the scan down: on 100 KB of nested
      // `"${` the HCL grammar overflows the stack or leaves a tree without types. A warning, like a syntax error.
      problems.push({
        severity: 'warning',
        file: candidate.file,
        message: `not indexed: the parser gave up on it (${(error as Error).message})`,
      });
      continue;
    }

    problems.push(...parsed.problems);
    if (!parsed.indexed) continue;
    if (!isInsideRepository(candidate.file)) {
      problems.push({
        severity: 'warning',
        file: candidate.file,
        message: 'not indexed: outside the repository root, so findings could not point at it',
      });
      continue;
    }

    files.push(candidate.file);
    definitions.push(...parsed.definitions);
  }

  addStacksOption(options.stacks ?? {}, root, stacks, files, problems);
  for (const definition of definitions) {
    if (definition.format === 'terraform') continue;
    const mapped = stacks.get(definition.file) ?? [];
    // A CDK template is named after its artifact id, which the manifest maps to the real stack name.
    const guessed = mapped.some((stack) => stack.source === 'cdk-manifest')
      ? []
      : [{name: stackNameFromFileName(definition.file), source: 'file-name' as const}];
    const known = [...guessed, ...mapped];
    definition.stacks = known.filter(
      (stack, i) => known.findIndex((other) => other.name === stack.name && other.source === stack.source) === i,
    );
    const environment = environments.get(definition.file);
    if (environment) definition.environment = environment;
  }

  return {index: {repoRoot: root, files, definitions}, problems};
}

function readCandidate(candidate: CandidateFile, maxBytes: number, problems: IacProblem[]): string | undefined {
  try {
    const size = statSync(candidate.absolute).size;
    if (size > maxBytes) {
      problems.push({
        severity: 'warning',
        file: candidate.file,
        message: `not indexed: ${size} bytes, more than the ${maxBytes} looked at`,
      });
      return undefined;
    }

    // A byte-order mark is on line 1 and in no token: dropping it keeps every line number.
    return readFileSync(candidate.absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    problems.push({severity: 'warning', file: candidate.file, message: `not indexed: ${(error as Error).message}`});
    return undefined;
  }
}

function parseCandidate(
  candidate: CandidateFile,
  text: string,
): {indexed: boolean; definitions: IacDefinition[]; problems: IacProblem[]} {
  if (candidate.format === 'terraform') {
    const parsed = parseTerraform(text, candidate.file);
    return {indexed: parsed.problems.length === 0, ...parsed};
  }

  // Most YAML and JSON files in a repository are not templates; only those naming an AWS type are parsed.
  if (!text.includes('AWS::') && !text.includes('AWSTemplateFormatVersion'))
    return {indexed: false, definitions: [], problems: []};
  const json = extname(candidate.file).toLowerCase() === '.json' || text.trimStart().startsWith('{');
  const parsed = parseCloudFormation(text, candidate.file, json ? 'cloudformation-json' : 'cloudformation-yaml');
  return {indexed: parsed.isTemplate, definitions: parsed.definitions, problems: parsed.problems};
}

interface CdkManifest {
  artifacts?: Record<
    string,
    {type?: unknown; environment?: unknown; properties?: {templateFile?: unknown; stackName?: unknown}}
  >;
}

/**
 * A CDK cloud assembly manifest says which template each stack is synthesized to (`properties.templateFile`) and
 * under which name it is deployed (`properties.stackName`, else the artifact id).
 */
function readCdkManifest(
  candidate: CandidateFile,
  text: string,
  root: string,
  stacks: Map<string, StackName[]>,
  environments: Map<string, CdkEnvironment>,
  problems: IacProblem[],
): void {
  let manifest: CdkManifest;
  try {
    manifest = JSON.parse(text) as CdkManifest;
  } catch (error) {
    problems.push({
      severity: 'warning',
      file: candidate.file,
      message: `CDK manifest not read: ${(error as Error).message}`,
    });
    return;
  }

  for (const [artifactId, artifact] of Object.entries(manifest?.artifacts ?? {})) {
    const templateFile = artifact?.properties?.templateFile;
    if (artifact?.type !== 'aws:cloudformation:stack' || typeof templateFile !== 'string') continue;
    const stackName = typeof artifact.properties?.stackName === 'string' ? artifact.properties.stackName : artifactId;
    const template = repositoryPath(join(dirname(candidate.absolute), templateFile), root);
    stacks.set(template, [...(stacks.get(template) ?? []), {name: stackName, source: 'cdk-manifest'}]);
    const environment = cdkEnvironment(artifact.environment);
    if (environment) environments.set(template, environment);
  }
}

/** `aws://111122223333/eu-west-1`; CDK writes `unknown-account` / `unknown-region` for environment-agnostic stacks. */
function cdkEnvironment(value: unknown): {account?: string; region?: string} | undefined {
  if (typeof value !== 'string' || !value.startsWith('aws://')) return undefined;
  const [account, region] = value.slice('aws://'.length).split('/');
  const environment = {
    ...(account && account !== 'unknown-account' && {account}),
    ...(region && region !== 'unknown-region' && {region}),
  };
  return Object.keys(environment).length > 0 ? environment : undefined;
}

function addStacksOption(
  mapping: Record<string, string>,
  root: string,
  stacks: Map<string, StackName[]>,
  files: string[],
  problems: IacProblem[],
): void {
  for (const [stackName, path] of Object.entries(mapping)) {
    const template = repositoryPath(isAbsolute(path) ? path : join(root, path), root);
    if (!files.includes(template)) {
      problems.push({
        severity: 'warning',
        file: template,
        message: `stack ${stackName} is mapped to this file, which is not an indexed CloudFormation template`,
      });
      continue;
    }

    stacks.set(template, [...(stacks.get(template) ?? []), {name: stackName, source: 'stacks-option'}]);
  }
}

/** The nearest directory at or above `start` holding `.git`: the default root for repository-relative paths. */
export function findRepositoryRoot(start: string): string | undefined {
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}
