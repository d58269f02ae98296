/**
 * `npm run bench`: the built CLI against a local AWS stand-in serving N brokers with their networks across A
 * accounts and R regions, with latency and AWS-shaped throttling. For N = 10, 100, 1,000 and 10,000 it prints the
 * calls by operation against the minimum, throttling, wall time against the rate-limit floor, peak RSS,
 * policy evaluations per second and report writing time; then `--help`'s cold start. Figures, not a timed test:
 * each target is printed with PASS or MISS, and the exit code is 0 either way unless the benchmark itself broke.
 *
 * At 10,000 brokers the scan runs a second time inside a memory cgroup (Linux, where the benchmark may create
 * one), as in a container with that much memory: Node sizes V8's heap from the limit, so that is the peak RSS
 * an operator's container sees.
 *
 * Last, the GitHub Action's start: from a clean checkout of the action to its first output (bench/action.ts).
 *
 * Options: --sizes 10,100 (default all), --rtt 50 (ms, default 50, jitter ±20 %), --help-runs 10,
 * --container-mb 512 (the cgroup's limit; 0 skips that run), --action-only (only the action's start),
 * --skip-action, --action-before (also time the action's former install step, npm ci && npm run build),
 * --change-only (only the `scan --plan` figures, on the 10,000-broker snapshot: bench/change.ts).
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {cpus, loadavg, tmpdir, totalmem} from 'node:os';
import {join} from 'node:path';

import type {ScanReport} from '../src/report/types';
import type {Snapshot} from '../src/snapshot/types';
import {buildEstate, type Estate, type Scenario} from './estate';
import {type ActionStart, ACTION_TARGET_S, measureActionStart, printActionStart} from './action';
import {type CallPlan, minimumCalls, networkShape, rateLimitFloor, referenceBound} from './expected';
import {createMemoryCgroup} from './cgroup';
import {
  callsByOperation,
  CALLER_ENV,
  type ChildRun,
  collectSnapshot,
  type EvaluationTiming,
  loadDist,
  runCli,
  scanArgs,
  timeEvaluationAndReport,
  timeHelp,
} from './measure';
import {startStandIn} from './standin';
import {printChange, timeChange} from './change';

export const SCENARIOS: Scenario[] = [
  {brokers: 10, accounts: 1, regions: 1},
  {brokers: 100, accounts: 2, regions: 2},
  {brokers: 1_000, accounts: 10, regions: 4},
  {brokers: 10_000, accounts: 50, regions: 4},
];

const HEADROOM = 0.5;
const TARGETS = {
  wallSlackS: 1.5,
  wallFactor: 1.25,
  evaluationsPerSecond: 1_000_000,
  rssMb: 300,
  rssAtBrokers: 10_000,
  helpMs: 250,
};

interface Outcome {
  estate: Estate;
  plan: CallPlan;
  actual: Map<string, number>;
  run: ChildRun;
  report: ScanReport | undefined;
  throttlingAnswers: number;
  standInCpuS: number;
  /** Spawn → first AWS request (cold start), and last AWS request → exit (evaluation, report, exit). */
  firstCallS: number;
  afterLastCallS: number;
  floor: ReturnType<typeof rateLimitFloor>;
  timing: EvaluationTiming;
  /** The same scan in a memory cgroup (at the RSS target's size only). */
  contained?: {limitMb: number; run: ChildRun; where: string} | {limitMb: number; skipped: string};
}

export async function main(root: string, argv: string[]): Promise<number> {
  const option = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const sizes = option('sizes')?.split(',').map(Number) ?? SCENARIOS.map((s) => s.brokers);
  const rttMs = Number(option('rtt') ?? 50);
  const helpRuns = Number(option('help-runs') ?? 10);
  const containerMb = Number(option('container-mb') ?? 512);
  const actionOnly = argv.includes('--action-only');
  const skipAction = argv.includes('--skip-action');
  // The CLI's working folder (runCli), outside any git repository: inside this one, `scan` would read the
  // repository's config and anchor findings to IaC, which is not the estate's cost.
  const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-bench-'));
  const dist = loadDist(root);
  const shape = networkShape(root, brokerSubnets(root), brokerGroups(root));

  console.log(
    `mq-audit benchmark — Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(2)} at start; stand-in RTT ${rttMs} ms ±${rttMs * 0.2} ms, AWS-shaped buckets; client headroom ${HEADROOM}`,
  );
  console.log(
    `recorded network per account-region: ${shape.tgwRouteTables} TGW route tables, ${shape.prefixLists} prefix lists, peering ${shape.peeringReferenced ? 'yes' : 'no'}, ${shape.dxGateways} DX gateways per account\n`,
  );

  if (argv.includes('--change-only')) {
    await measureChange(root, dist, scratch);
    rmSync(scratch, {recursive: true, force: true});
    return 0;
  }

  if (actionOnly) {
    const start = await measureActionStart(root, scratch, {before: argv.includes('--action-before')});
    printActionStart(start, verdict);
    rmSync(scratch, {recursive: true, force: true});
    return 0;
  }

  const outcomes: Outcome[] = [];
  let largest: Snapshot | undefined;
  for (const scenario of SCENARIOS.filter((s) => sizes.includes(s.brokers))) {
    const estate = buildEstate(root, scenario);
    const plan = minimumCalls(estate, shape);

    const standIn = await startStandIn(root, estate, {latencyMs: rttMs, jitterMs: rttMs * 0.2, throttle: true});
    const output = join(scratch, `scan-${scenario.brokers}.json`);
    const cpuBefore = process.cpuUsage();
    const spawnedAt = performance.now();
    const run = await runCli(root, scanArgs(standIn.stub.url, output), CALLER_ENV, scratch);
    const cpu = process.cpuUsage(cpuBefore);
    const firstCallS = ((standIn.firstRequestAt() ?? Number.NaN) - spawnedAt) / 1000;
    const afterLastCallS = run.wallS - ((standIn.lastRequestAt() ?? Number.NaN) - spawnedAt) / 1000;
    const actual = callsByOperation(standIn.stub.requests);
    const throttlingAnswers = standIn.throttled();
    await standIn.close();
    let report: ScanReport | undefined;
    try {
      report = JSON.parse(readFileSync(output, 'utf8')) as ScanReport;
    } catch {
      report = undefined;
    }

    const contained =
      scenario.brokers >= TARGETS.rssAtBrokers && containerMb > 0
        ? await runContained(root, estate, rttMs, scratch, containerMb)
        : undefined;

    const fast = await startStandIn(root, estate, {latencyMs: 0, jitterMs: 0, throttle: false});
    const snapshot = await collectSnapshot(dist, fast.stub.url);
    await fast.close();
    const timing = timeEvaluationAndReport(dist, snapshot, scratch);
    if (scenario.brokers === CHANGE_ESTATE.brokers) largest = snapshot;

    const outcome: Outcome = {
      estate,
      plan,
      actual,
      run,
      report,
      throttlingAnswers,
      standInCpuS: (cpu.user + cpu.system) / 1e6,
      firstCallS,
      afterLastCallS,
      floor: rateLimitFloor(estate, plan.total, HEADROOM, rttMs / 1000),
      timing,
      ...(contained && {contained}),
    };
    outcomes.push(outcome);
    printScenario(outcome);
  }

  if (largest) printChange(await timeChange(root, largest, scratch), verdict);
  const help = await timeHelp(root, helpRuns);
  console.log(
    `--help cold start (${helpRuns} runs, NODE_EXTRA_CA_CERTS unset): p50 ${help.p50Ms.toFixed(0)} ms, p90 ${help.p90Ms.toFixed(0)} ms; @aws-sdk modules loaded: ${help.sdkModules}`,
  );
  console.log(
    `  ${verdict(help.p50Ms < TARGETS.helpMs && help.sdkModules === 0)} --help under ${TARGETS.helpMs} ms and no AWS SDK module\n`,
  );
  const action = skipAction
    ? undefined
    : await measureActionStart(root, scratch, {before: argv.includes('--action-before')});
  if (action) printActionStart(action, verdict);
  printSummary(outcomes, help.p50Ms, action);
  rmSync(scratch, {recursive: true, force: true});
  return outcomes.every((o) => o.run.exitCode !== null) ? 0 : 1;
}

/** The estate the change figures are taken on: the largest. */
const CHANGE_ESTATE = SCENARIOS[SCENARIOS.length - 1];

/** `--change-only`: the 10,000-broker snapshot, collected at full speed, then the change timings. */
async function measureChange(root: string, dist: ReturnType<typeof loadDist>, scratch: string): Promise<void> {
  const estate = buildEstate(root, CHANGE_ESTATE);
  const fast = await startStandIn(root, estate, {latencyMs: 0, jitterMs: 0, throttle: false});
  const snapshot = await collectSnapshot(dist, fast.stub.url);
  await fast.close();
  printChange(await timeChange(root, snapshot, scratch), verdict);
}

/** The scan again, its process in a memory cgroup of `limitMb` (a container's limit). */
async function runContained(
  root: string,
  estate: Estate,
  rttMs: number,
  scratch: string,
  limitMb: number,
): Promise<NonNullable<Outcome['contained']>> {
  const cgroup = createMemoryCgroup(limitMb * 1024 * 1024);
  if ('skipped' in cgroup) return {limitMb, skipped: cgroup.skipped};
  const standIn = await startStandIn(root, estate, {latencyMs: rttMs, jitterMs: rttMs * 0.2, throttle: true});
  try {
    const run = await runCli(
      root,
      scanArgs(standIn.stub.url, join(scratch, `scan-${estate.scenario.brokers}-contained.json`)),
      CALLER_ENV,
      scratch,
      {cgroupProcs: cgroup.procsFile},
    );
    return {limitMb, run, where: cgroup.description};
  } finally {
    await standIn.close();
    cgroup.remove();
  }
}

function printContained(contained: NonNullable<Outcome['contained']>): void {
  const label = `in a ${contained.limitMb} MiB memory cgroup (a container with that limit; Node sizes V8's heap from it)`;
  if ('skipped' in contained) {
    console.log(`  ${label}: skipped, ${contained.skipped}`);
    return;
  }

  const {run} = contained;
  const ended = run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`;
  console.log(
    `  ${label}, ${contained.where}: peak RSS ${Number.isNaN(run.maxRssMb) ? 'n/a' : `${run.maxRssMb.toFixed(0)} MB`}, wall ${run.wallS.toFixed(2)} s, CPU ${run.cpuS.toFixed(2)} s, ${ended}`,
  );
  console.log(
    `  ${verdict(run.exitCode === 0 && run.maxRssMb < TARGETS.rssMb)} peak RSS under ${TARGETS.rssMb} MB in that container`,
  );
}

function printScenario(o: Outcome): void {
  const {scenario} = o.estate;
  const total = [...o.actual.values()].reduce((a, b) => a + b, 0);
  const operations = [...new Set([...o.plan.byOperation.keys(), ...o.actual.keys()])].sort();
  const mismatched = operations.filter((op) => (o.actual.get(op) ?? 0) !== (o.plan.byOperation.get(op) ?? 0));
  const collectionErrors = o.report?.collectionErrors ?? [];
  const throttledFailures = collectionErrors.filter((e) => e.kind === 'throttled').length;
  const target = TARGETS.wallFactor * o.floor.seconds + TARGETS.wallSlackS;

  console.log(
    `N = ${scenario.brokers.toLocaleString('en')} brokers — ${scenario.accounts} account(s) × ${scenario.regions} region(s) with brokers (+1 empty region each)`,
  );
  console.log(
    `  calls: ${total.toLocaleString('en')}, minimum ${o.plan.total.toLocaleString('en')} (reference bound 1.05·N + 20·R·A + 3·A = ${Math.round(referenceBound(o.estate)).toLocaleString('en')})`,
  );
  for (const op of operations) {
    const got = o.actual.get(op) ?? 0;
    const want = o.plan.byOperation.get(op) ?? 0;
    console.log(
      `    ${op.padEnd(52)} ${String(got).padStart(7)} ${String(want).padStart(7)}${got === want ? '' : '  ≠'}`,
    );
  }
  console.log(
    `  ${verdict(mismatched.length === 0 && !o.actual.has('mq:ListTags'))} calls equal the minimum${mismatched.length > 0 ? ` (differ: ${mismatched.join(', ')})` : ''}`,
  );
  console.log(
    `  throttling answers at the stand-in: ${o.throttlingAnswers}; calls failed by throttling: ${throttledFailures}; collection errors: ${collectionErrors.length}; exit code ${o.run.exitCode}`,
  );
  console.log(`  ${verdict(throttledFailures === 0 && o.report !== undefined)} zero throttling failures`);
  console.log(
    `  wall ${o.run.wallS.toFixed(2)} s; floor ${o.floor.seconds.toFixed(2)} s (MQ bucket ${o.floor.mq.toFixed(2)}, client CPU ${o.floor.cpu.toFixed(2)}, latency ${o.floor.latency.toFixed(2)}); ` +
      `ratio ${(o.run.wallS / o.floor.seconds).toFixed(2)}×; CPU: CLI ${o.run.cpuS.toFixed(2)} s (${(
        (o.run.cpuS /
          Math.max(
            1,
            [...o.actual.values()].reduce((a, b) => a + b, 0),
          )) *
        1000
      ).toFixed(2)} ms per call, all phases), stand-in ${o.standInCpuS.toFixed(2)} s`,
  );
  console.log(
    `  of which: start → first AWS call ${o.firstCallS.toFixed(2)} s, collection ${(o.run.wallS - o.firstCallS - o.afterLastCallS).toFixed(2)} s, last call → exit (evaluate, report) ${o.afterLastCallS.toFixed(2)} s`,
  );
  const collectionS = o.run.wallS - o.firstCallS - o.afterLastCallS;
  console.log(
    `  ${verdict(o.run.wallS <= target)} wall ≤ ${TARGETS.wallFactor} × floor + ${TARGETS.wallSlackS} s = ${target.toFixed(2)} s (the whole scan: start, collection, evaluation, report)`,
  );
  console.log(
    `  ${verdict(collectionS <= TARGETS.wallFactor * o.floor.seconds + TARGETS.wallSlackS)} collection alone (first to last AWS call) ${collectionS.toFixed(2)} s ≤ ${TARGETS.wallFactor} × floor + ${TARGETS.wallSlackS} s ` +
      `(ratio ${(collectionS / o.floor.seconds).toFixed(2)}×)`,
  );
  const brokersSeen = o.report?.summary.brokers;
  // A scan that anchored to IaC measured more than the estate (see runCli); say so rather than print its figures quietly.
  if (o.report?.iac)
    console.log(
      `  WARNING: the scan anchored findings to ${o.report.iac.definitions} IaC definition(s) under ${o.report.iac.root}; its figures include that`,
    );
  console.log(
    `  brokers in the report: ${brokersSeen ?? 'n/a'} of ${scenario.brokers}; peak RSS ${Number.isNaN(o.run.maxRssMb) ? 'n/a' : `${o.run.maxRssMb.toFixed(0)} MB`}`,
  );
  if (scenario.brokers >= TARGETS.rssAtBrokers) {
    console.log(
      `  ${verdict(o.run.maxRssMb < TARGETS.rssMb)} peak RSS under ${TARGETS.rssMb} MB, unconstrained (V8's heap limit sized from this machine's ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, its growth bounded by mq-audit)`,
    );
    if (o.contained) printContained(o.contained);
  }
  console.log(
    `  policy evaluations (broker × policy): ${o.timing.evaluations.toLocaleString('en')} per pass, ${formatRate(o.timing.evaluationsPerSecond)}/s on built broker documents ` +
      `(${o.timing.passes} passes after ${o.timing.warmUpPasses} warm-up passes, each starting with nothing remembered; the first, cold: ${formatRate(o.timing.firstPassPerSecond)}/s); ` +
      `building the documents (network path model) ${(o.timing.documentsS * 1000).toFixed(0)} ms; end to end as scan does (with hops and fingerprints) ${formatRate(o.timing.endToEndPerSecond)}/s`,
  );
  console.log(
    `  report writing (build + JSON + SARIF ${o.timing.sarifMb.toFixed(1)} MB with network hops, each written atomically): ${(o.timing.reportS * 1000).toFixed(0)} ms`,
  );
  console.log(`  ${verdict(o.timing.evaluationsPerSecond >= TARGETS.evaluationsPerSecond)} ≥ 1 M evaluations/s`);
  if (o.run.exitCode !== 0) console.log(`  scan stderr: ${o.run.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  console.log('');
}

function printSummary(outcomes: Outcome[], helpP50: number, action?: ActionStart): void {
  const header = [
    'N',
    'calls',
    'minimum',
    'throttle answers',
    'failed',
    'wall s',
    'collection s',
    'floor s',
    'ratio',
    'RSS MB',
    'evals/s',
    'end-to-end/s',
    'report ms',
  ];
  const rows = outcomes.map((o) => [
    o.estate.scenario.brokers.toLocaleString('en'),
    [...o.actual.values()].reduce((a, b) => a + b, 0).toLocaleString('en'),
    o.plan.total.toLocaleString('en'),
    String(o.throttlingAnswers),
    String((o.report?.collectionErrors ?? []).filter((e) => e.kind === 'throttled').length),
    o.run.wallS.toFixed(2),
    (o.run.wallS - o.firstCallS - o.afterLastCallS).toFixed(2),
    o.floor.seconds.toFixed(2),
    `${(o.run.wallS / o.floor.seconds).toFixed(2)}×`,
    Number.isNaN(o.run.maxRssMb) ? 'n/a' : o.run.maxRssMb.toFixed(0),
    formatRate(o.timing.evaluationsPerSecond),
    formatRate(o.timing.endToEndPerSecond),
    (o.timing.reportS * 1000).toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\n--help p50 ${helpP50.toFixed(0)} ms`);
  if (action)
    console.log(
      `GitHub Action, clean checkout → first output ${action.firstOutputS.toFixed(2)} s (target ≤ ${ACTION_TARGET_S} s: ${verdict(action.firstOutputS <= ACTION_TARGET_S)})`,
    );
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M`;
  return perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(0)} k` : perSecond.toFixed(0);
}

/** The subnets and security groups of the three recorded broker shapes the estate cycles through. */
function brokerSubnets(root: string): string[] {
  return templateField(root, 'SubnetIds');
}

function brokerGroups(root: string): string[] {
  return templateField(root, 'SecurityGroups');
}

function templateField(root: string, field: 'SecurityGroups' | 'SubnetIds'): string[] {
  const names = [
    'DescribeBroker-activemq-active-standby',
    'DescribeBroker-rabbitmq-cluster',
    'DescribeBroker-activemq-single-instance',
  ];
  const values = names.flatMap(
    (name) =>
      (
        JSON.parse(readFileSync(join(root, 'fixtures', 'aws', 'mq', `${name}.json`), 'utf8')) as Record<
          string,
          string[]
        >
      )[field],
  );
  return [...new Set(values)];
}
