/**
 * The GitHub Action's start, as a runner sees it: from a clean checkout of the action to its first output. The
 * checkout is `git archive HEAD` (what the runner downloads for `uses: owner/mq-audit@ref`: committed files only)
 * unpacked into a scratch folder; the action's install step (.github/action/install.sh) runs there with a warm npm
 * cache (one run first warms it, as the action's cache step restores it), then its audit step
 * (.github/action/audit.sh) judges the demo inventory from a workspace outside any git repository. First output:
 * the first file the audit step writes (the SARIF file) or the first byte it prints, whichever comes first.
 *
 * `--action-before` also times the install step the action had before the committed build (`npm ci && npm run
 * build` from the same checkout), once, for comparison.
 */
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {cpus, loadavg} from 'node:os';
import {join} from 'node:path';

export const ACTION_TARGET_S = 10;

export interface ActionStart {
  /** HEAD, and whether the working tree had changes the archive does not hold. */
  commit: string;
  uncommitted: boolean;
  warmUpInstallS: number;
  installS: number;
  /** CPU (user + system) of the install step's processes: what the wall time costs on an idle machine, about. */
  installCpuS: number;
  loadAverage: number;
  /** From the start of the install step. */
  firstOutputS: number;
  /** The audit step: start → first output, and start → exit. */
  auditFirstOutputS: number;
  auditS: number;
  auditExitCode: number | null;
  before?: {installS: number; firstOutputS: number; exitCode: number | null} | {failed: string};
}

interface Step {
  code: number | null;
  wallS: number;
  cpuS: number;
  /** Seconds from the step's start to its first output, if it had one. */
  firstOutputS?: number;
  output: string;
}

const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout?.trim()) || 100;

/** CPU seconds of this process's waited-for children (Linux /proc; NaN elsewhere). */
function childrenCpuS(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S; // cutime, cstime
  } catch {
    return Number.NaN;
  }
}

/** Runs `command` in `cwd`; `watchFile` counts as output the moment it exists (written atomically by mq-audit). */
function step(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, watchFile?: string): Promise<Step> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuS();
    const started = performance.now();
    let first: number | undefined;
    const mark = (): void => {
      first ??= performance.now();
    };
    const child = spawn(command, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    const onData = (chunk: Buffer): void => {
      mark();
      output += chunk.toString();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const poll = watchFile
      ? setInterval(() => {
          if (existsSync(watchFile)) mark();
        }, 5)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (watchFile && existsSync(watchFile)) mark();
      const ended = performance.now();
      resolve({
        code,
        wallS: (ended - started) / 1000,
        cpuS: childrenCpuS() - cpuBefore,
        ...(first !== undefined && {firstOutputS: (first - started) / 1000}),
        output,
      });
    });
  });
}

/** A clean checkout: the archive unpacked into a new folder. */
function checkout(archive: string, dir: string): string {
  mkdirSync(dir, {recursive: true});
  const untar = spawnSync('tar', ['-x', '-f', archive, '-C', dir]);
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString()}`);
  return dir;
}

function baseEnv(): NodeJS.ProcessEnv {
  // What a runner step has: PATH (node and npm from setup-node), HOME (npm's cache under it); no AWS credentials.
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(process.env.npm_config_cache && {npm_config_cache: process.env.npm_config_cache}),
  };
}

/** The audit step on the demo inventory, as action.yml runs it (inputs at their defaults). */
function audit(action: string, workspace: string): Promise<Step> {
  const sarif = join(workspace, 'mq-audit.sarif');
  rmSync(sarif, {force: true});
  for (const file of ['github-output', 'step-summary.md']) writeFileSync(join(workspace, file), '');
  const env = {
    ...baseEnv(),
    MQ_AUDIT: join(action, 'bin', 'run.js'),
    IN_REGIONS: '',
    IN_ALL_REGIONS: 'false',
    IN_INVENTORY: 'inventory.json',
    IN_PLAN: '',
    IN_TEMPLATES: '',
    IN_TEMPLATE_PARAMETERS: '',
    IN_STACK_NAME: '',
    IN_GATE: '',
    IN_POLICIES: '',
    IN_ON_PREM: '',
    IN_FAIL_ON: 'high',
    IN_CONFIG: '',
    IN_SUPPRESSIONS: '',
    IN_BASELINE: '',
    IN_CATEGORY: 'mq-audit',
    IN_SARIF: 'mq-audit.sarif',
    IN_JSON: 'mq-audit.json',
    IN_SUMMARY: 'true',
    RUNNER_TEMP: workspace,
    GITHUB_OUTPUT: join(workspace, 'github-output'),
    GITHUB_STEP_SUMMARY: join(workspace, 'step-summary.md'),
  };
  return step('bash', [join(action, '.github', 'action', 'audit.sh')], workspace, env, sarif);
}

export async function measureActionStart(
  root: string,
  scratch: string,
  options: {before: boolean},
): Promise<ActionStart> {
  const base = join(scratch, 'action');
  mkdirSync(base, {recursive: true});
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8'}).stdout.trim();
  const uncommitted = spawnSync('git', ['status', '--porcelain'], {cwd: root, encoding: 'utf8'}).stdout.trim() !== '';
  const archive = join(base, 'checkout.tar');
  const archived = spawnSync('git', ['archive', '--format=tar', '-o', archive, 'HEAD'], {cwd: root, encoding: 'utf8'});
  if (archived.status !== 0) throw new Error(`git archive: ${archived.stderr}`);

  // The consumer's workspace: the demo inventory, outside any git repository (no IaC anchoring, no config file).
  const workspace = join(base, 'workspace');
  mkdirSync(workspace);
  copyFileSync(join(root, 'fixtures', 'demo', 'inventory.json'), join(workspace, 'inventory.json'));

  const install = (action: string): Promise<Step> =>
    step('bash', [join(action, '.github', 'action', 'install.sh')], workspace, baseEnv());
  const warm = await install(checkout(archive, join(base, 'warm-up')));
  if (warm.code !== 0) throw new Error(`install step (warm-up) exited ${warm.code}: ${warm.output.trim().slice(-500)}`);
  rmSync(join(base, 'warm-up'), {recursive: true, force: true});

  const action = checkout(archive, join(base, 'checkout'));
  const loadAverage = loadavg()[0];
  const installed = await install(action);
  if (installed.code !== 0)
    throw new Error(`install step exited ${installed.code}: ${installed.output.trim().slice(-500)}`);
  const audited = await audit(action, workspace);

  const result: ActionStart = {
    commit,
    uncommitted,
    warmUpInstallS: warm.wallS,
    installS: installed.wallS,
    installCpuS: installed.cpuS,
    loadAverage,
    firstOutputS: installed.wallS + (audited.firstOutputS ?? Number.NaN),
    auditFirstOutputS: audited.firstOutputS ?? Number.NaN,
    auditS: audited.wallS,
    auditExitCode: audited.code,
  };

  if (options.before) {
    // The install step before the committed build, from the same clean checkout (npm's cache is warm from the runs above
    // and from the repository's own `npm ci`).
    const old = checkout(archive, join(base, 'before'));
    const legacy = await step('bash', ['-c', 'npm ci --no-audit --no-fund && npm run build --silent'], old, baseEnv());
    if (legacy.code === 0) {
      const legacyAudit = await audit(old, workspace);
      result.before = {
        installS: legacy.wallS,
        firstOutputS: legacy.wallS + (legacyAudit.firstOutputS ?? Number.NaN),
        exitCode: legacyAudit.code,
      };
    } else {
      result.before = {failed: `exit ${legacy.code}: ${legacy.output.trim().slice(-300)}`};
    }
  }
  rmSync(base, {recursive: true, force: true});
  return result;
}

export function printActionStart(start: ActionStart, verdict: (ok: boolean) => string): void {
  console.log(
    `GitHub Action: clean checkout → first output (git archive of ${start.commit} unpacked into a scratch folder; warm npm cache; audit of the demo inventory)`,
  );
  if (start.uncommitted)
    console.log('  WARNING: the working tree has uncommitted changes; the checkout measured is HEAD without them');
  console.log(
    `  install step (.github/action/install.sh: npm ci --omit=dev --ignore-scripts against the committed dist/): ${start.installS.toFixed(2)} s wall, ${start.installCpuS.toFixed(2)} s CPU, load average ${start.loadAverage.toFixed(2)} on ${cpus().length} CPU(s) at its start (the warm-up run before it: ${start.warmUpInstallS.toFixed(2)} s)`,
  );
  console.log(
    `  audit step: first output (the SARIF file) ${start.auditFirstOutputS.toFixed(2)} s after it started; all three scans ${start.auditS.toFixed(2)} s; exit code ${start.auditExitCode} (the demo estate fails the gate)`,
  );
  console.log(
    `  ${verdict(start.firstOutputS <= ACTION_TARGET_S)} clean checkout → first output ${start.firstOutputS.toFixed(2)} s ≤ ${ACTION_TARGET_S} s; the whole action (install + audit) ${(start.installS + start.auditS).toFixed(2)} s`,
  );
  if (start.before) {
    console.log(
      'failed' in start.before
        ? `  before (npm ci && npm run build): failed, ${start.before.failed}`
        : `  before, for comparison (npm ci && npm run build, as the action installed until the committed build): install ${start.before.installS.toFixed(2)} s, first output ${start.before.firstOutputS.toFixed(2)} s`,
    );
  }
  console.log('');
}
