/**
 * What the benchmark measures: the built CLI as a user runs it (a child process: wall time, peak RSS, exit code),
 * the calls the stand-in saw, evaluation and report writing in-process (the built modules in dist/), and `--help`.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';

import type * as InventoryModule from '../src/inventory/index';
import type * as LoaderModule from '../src/policy/loader';
import type * as EvaluateModule from '../src/policy/evaluate';
import type * as EvaluatorModule from '../src/policy/evaluator';
import type * as EvaluationModule from '../src/services/evaluation';
import type * as BuildModule from '../src/report/build';
import type * as RenderModule from '../src/report/index';
import type * as OutputModule from '../src/foundation/output';
import type {EvaluateOptions} from '../src/policy/evaluate';
import type {Snapshot} from '../src/snapshot/types';
import type {RecordedRequest} from '../test/helpers/aws-stub/server';

/** The caller: a long-term key of the organization's management account (the stand-in tells accounts by key). */
export const CALLER_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIABENCHMANAGEMENT1',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
  AWS_REGION: 'eu-west-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
export const ROLE_NAME = 'mq-audit-readonly';

export interface ChildRun {
  exitCode: number | null;
  /** Set when the CLI was killed (SIGKILL: the cgroup's OOM killer, say). */
  signal: NodeJS.Signals | null;
  wallS: number;
  maxRssMb: number;
  /** The CLI process's own CPU (user + system), seconds. */
  cpuS: number;
  stderr: string;
}

/**
 * `node bench/child.js ARGS` (bin/run.js with its resource usage recorded at exit). With `cgroupProcs`, a shell
 * moves itself into that cgroup first and then becomes the CLI, so the limit holds from the CLI's first byte.
 * The CLI runs in `scratch`, outside any git repository: in this one it would read the repository's
 * .mq-audit/config.json and anchor every finding to the demo Terraform (about 0.25 s per scan), which is not the
 * estate's cost.
 */
export function runCli(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  scratch: string,
  options: {nodeOptions?: string[]; cgroupProcs?: string} = {},
): Promise<ChildRun> {
  const usageFile = join(scratch, `usage-${process.hrtime.bigint()}.json`);
  const command = [process.execPath, ...(options.nodeOptions ?? []), join(root, 'bench', 'child.js'), ...args];
  const [file, ...argv] = options.cgroupProcs
    ? ['/bin/sh', '-c', 'echo $$ > "$BENCH_CGROUP_PROCS" && exec "$@"', 'sh', ...command]
    : command;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: scratch,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: '1',
        ...env,
        BENCH_USAGE_FILE: usageFile,
        ...(options.cgroupProcs && {BENCH_CGROUP_PROCS: options.cgroupProcs}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallS = (performance.now() - started) / 1000;
      let maxRssMb = Number.NaN;
      let cpuS = Number.NaN;
      try {
        const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
          maxRSS: number;
          userCPU: number;
          systemCPU: number;
        };
        maxRssMb = usage.maxRSS / 1024;
        cpuS = (usage.userCPU + usage.systemCPU) / 1e6;
        rmSync(usageFile, {force: true});
      } catch {
        // no usage file: the child died before its exit handler; RSS stays unknown (NaN prints as n/a)
      }
      resolve({exitCode: code, signal, wallS, maxRssMb, cpuS, stderr});
    });
  });
}

export function scanArgs(endpoint: string, output: string): string[] {
  return [
    'scan',
    '--organization',
    '--role-name',
    ROLE_NAME,
    '--all-regions',
    '--endpoint-url',
    endpoint,
    '--format',
    'json',
    '--output',
    output,
    '--quiet',
    '--fail-on',
    'none',
    '--no-progress',
  ];
}

/** `service:Operation` → requests the stand-in answered (throttled answers included). */
export function callsByOperation(requests: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const key = `${request.service}:${request.operation}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

interface Dist {
  inventory: typeof InventoryModule;
  loader: typeof LoaderModule;
  evaluate: typeof EvaluateModule;
  evaluator: typeof EvaluatorModule;
  evaluation: typeof EvaluationModule;
  build: typeof BuildModule;
  render: typeof RenderModule;
  output: typeof OutputModule;
}

/** The built modules (npm run build): what users run, not the TypeScript sources. */
export function loadDist(root: string): Dist {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built modules, by a path known at run time
  const load = <T>(path: string): T => require(join(root, 'dist', path)) as T;
  return {
    inventory: load('inventory/index.js'),
    loader: load('policy/loader.js'),
    evaluate: load('policy/evaluate.js'),
    evaluator: load('policy/evaluator.js'),
    evaluation: load('services/evaluation.js'),
    build: load('report/build.js'),
    render: load('report/index.js'),
    output: load('foundation/output.js'),
  };
}

/** A snapshot of the whole estate, collected in-process at full speed (no latency, no throttling): input for the timings. */
export async function collectSnapshot(dist: Dist, endpoint: string): Promise<Snapshot> {
  Object.assign(process.env, CALLER_ENV);
  return dist.inventory.collectInventory({
    regions: [CALLER_ENV.AWS_REGION],
    allRegions: true,
    endpoint,
    accounts: {organizationRoleName: ROLE_NAME},
    rateHeadroom: 1,
    accountConcurrency: 16,
  });
}

export interface EvaluationTiming {
  /** Broker × policy evaluations in one pass over the estate. */
  evaluations: number;
  /**
   * Assertions on built broker documents (the policy engine), per second: passes over every document, each with
   * fresh copies of the policies so that it starts, as a scan does, with nothing remembered; after warm-up passes.
   */
  evaluationsPerSecond: number;
  /** The same, first pass only: a cold process (JIT not yet warm). */
  firstPassPerSecond: number;
  /** Measured passes (at least 3, and at least one second in all), after the warm-up passes. */
  passes: number;
  /** Warm-up passes, the cold first one included (see MIN_WARM_UP_EVALUATIONS). */
  warmUpPasses: number;
  /** Building the broker documents (network path model included), seconds. */
  documentsS: number;
  /** End to end as scan does (documents, evaluations, the hops of failing network findings, fingerprints), per second. */
  endToEndPerSecond: number;
  /** Build the report, render JSON and SARIF, write both atomically. */
  reportS: number;
  sarifMb: number;
}

/**
 * Warm-up: at least 3 passes and at least this many evaluations. Counted in evaluations, not passes: at 10 brokers
 * three passes are 360 evaluations, too few for V8 to optimize the evaluator, and the measured second then timed
 * the JIT. The cold figure (the first pass) is reported on its own.
 */
const MIN_WARM_UP_PASSES = 3;
const MIN_WARM_UP_EVALUATIONS = 100_000;
const MIN_PASSES = 3;
const MIN_MEASURED_S = 1;

export function timeEvaluationAndReport(dist: Dist, snapshot: Snapshot, scratch: string): EvaluationTiming {
  const policies = dist.loader.loadPolicies({});
  const options = dist.evaluation.evaluationOptions(snapshot, {defaults: {}}, {});
  // As scan evaluates: failing network findings get their hops, every result its fingerprint.
  const scanOptions: EvaluateOptions = {
    ...options,
    withDocument: (own, document) => dist.build.reportedResults(own, policies, () => document.network),
  };

  const t0 = performance.now();
  const documents = dist.evaluate.brokerDocuments(snapshot, options);
  const t1 = performance.now();
  const pass = (): number => {
    const fresh = policies.map((policy) => ({...policy}));
    let evaluations = 0;
    for (const document of documents) {
      const resource = dist.evaluator.resourceOf(document);
      for (const policy of fresh) {
        dist.evaluator.evaluatePolicy(policy, document, resource);
        evaluations += 1;
      }
    }
    return evaluations;
  };
  const firstStarted = performance.now();
  const evaluations = pass();
  const firstPassPerSecond = evaluations / ((performance.now() - firstStarted) / 1000);
  let warmUpPasses = 1;
  for (let warmed = evaluations; warmUpPasses < MIN_WARM_UP_PASSES || warmed < MIN_WARM_UP_EVALUATIONS; warmUpPasses++)
    warmed += pass();
  let measured = 0;
  let passes = 0;
  const measureStarted = performance.now();
  while (passes < MIN_PASSES || performance.now() - measureStarted < MIN_MEASURED_S * 1000) {
    measured += pass();
    passes += 1;
  }
  const evaluationsPerSecond = measured / ((performance.now() - measureStarted) / 1000);

  dist.evaluate.evaluateSnapshot(snapshot, policies, scanOptions); // warm
  const t2 = performance.now();
  const results = dist.evaluate.evaluateSnapshot(snapshot, policies, scanOptions);
  const t3 = performance.now();
  const report = dist.build.buildReport({
    snapshot,
    policies,
    results,
    failOn: 'low',
    tool: {name: 'mq-audit', version: 'bench'},
    generatedAt: new Date().toISOString(),
  });
  mkdirSync(scratch, {recursive: true});
  const sarifFile = join(scratch, 'bench.sarif');
  dist.output.writeFileAtomic(sarifFile, dist.render.renderChunks('sarif', report, {category: 'mq-audit/bench'}));
  dist.output.writeFileAtomic(join(scratch, 'bench.json'), dist.render.renderChunks('json', report));
  const t4 = performance.now();
  return {
    evaluations,
    evaluationsPerSecond,
    firstPassPerSecond,
    passes,
    warmUpPasses,
    documentsS: (t1 - t0) / 1000,
    endToEndPerSecond: results.length / ((t3 - t2) / 1000),
    reportS: (t4 - t3) / 1000,
    sarifMb: statSync(sarifFile).size / 1024 / 1024,
  };
}

export interface HelpTiming {
  p50Ms: number;
  p90Ms: number;
  /** @aws-sdk modules loaded by `--help` (must be none). */
  sdkModules: number;
}

/** `mq-audit --help`, cold, `runs` times (NODE_EXTRA_CA_CERTS unset: it adds ~65 ms to any Node start). */
export async function timeHelp(root: string, runs: number): Promise<HelpTiming> {
  const times: number[] = [];
  const env = {PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1'};
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    await exec(process.execPath, [join(root, 'bin', 'run.js'), '--help'], root, env);
    if (i >= 2) times.push(performance.now() - started); // two warm-ups (disk cache)
  }
  const probe = await exec(
    process.execPath,
    ['--require', join(root, 'bench', 'sdk-probe.js'), join(root, 'bin', 'run.js'), '--help'],
    root,
    env,
  );
  const sdkModules = Number(/sdk-modules=(\d+)/.exec(probe.stderr)?.[1] ?? Number.NaN);
  times.sort((a, b) => a - b);
  return {p50Ms: percentile(times, 0.5), p90Ms: percentile(times, 0.9), sdkModules};
}

function exec(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{code: number | null; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, env, stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stderr}));
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
