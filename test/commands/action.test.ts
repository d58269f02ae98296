/**
 * The GitHub Action (action.yml → .github/action/audit.sh) as a workflow runs it, on the demo estate: it writes
 * the SARIF and JSON files and the step summary, sets the exit-code output, and fails the step like the scan does.
 * How inputs become mq-audit's arguments is tested against a stand-in for mq-audit that records its argv.
 */
import {spawn} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {BIN, ROOT} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';

// The build's inputs and its stamp (scripts/source-hash.js: plain JavaScript, run by the install step before npm).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without types (no allowJs)
const {BUILD_INPUTS, STAMP} = require('../../scripts/source-hash.js') as {BUILD_INPUTS: string[]; STAMP: string};

interface ActionFile {
  inputs: Record<string, {description: string; default?: string}>;
  runs: {steps: {id?: string; env?: Record<string, string>; run?: string}[]};
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {flags: Record<string, unknown>}>;
};

function runAction(
  env: Record<string, string>,
  options: {cwd?: string; stdout?: (text: string) => void} = {},
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, '.github/action/audit.sh')], {
      cwd: options.cwd ?? ROOT,
      env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env},
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      options.stdout?.(stdout);
      resolve(code);
    });
  });
}

/** Every input empty or at its action.yml default, as the runner passes them. */
const DEFAULT_ENV: Record<string, string> = {
  IN_REGIONS: '',
  IN_ALL_REGIONS: 'false',
  IN_INVENTORY: '',
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
};

interface StandInRun {
  code: number | null;
  /** The argument vectors mq-audit was called with, in order. */
  calls: string[][];
  outputs: Record<string, string>;
  stdout: string;
}

/** audit.sh with a stand-in for mq-audit that records its argv and exits with STANDIN_EXIT (0 unless given). */
async function runWithStandIn(
  inputs: Record<string, string>,
  extra: Record<string, string> = {},
  cwd?: string,
): Promise<StandInRun> {
  const dir = mkdtempSync(join(work, 'standin-'));
  const log = join(dir, 'argv.jsonl');
  const standIn = join(dir, 'mq-audit.js');
  writeFileSync(
    standIn,
    "require('node:fs').appendFileSync(process.env.ARGV_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');\nprocess.exitCode = Number(process.env.STANDIN_EXIT ?? 0);\n",
  );
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary.md'), '');
  let stdout = '';
  const code = await runAction(
    {
      ...DEFAULT_ENV,
      ...inputs,
      MQ_AUDIT: standIn,
      ARGV_LOG: log,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      ...extra,
    },
    {cwd: cwd ?? dir, stdout: (text) => (stdout = text)},
  );
  const calls = existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[])
    : [];
  const outputs = Object.fromEntries(
    readFileSync(join(dir, 'output'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {code, calls, outputs, stdout};
}

/** The values of every occurrence of `flag` in one argument vector. */
function values(argv: string[], flag: string): string[] {
  return argv.flatMap((arg, i) => (arg === flag ? [argv[i + 1]] : []));
}

const scans = (run: StandInRun): string[][] => run.calls.filter((argv) => argv[0] === 'scan');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-action-'));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('action.yml', () => {
  it('passes every input to the script through the environment, never interpolated into the script', () => {
    const audit = action.runs.steps.find((s) => s.id === 'scan');
    const passed = Object.values(audit?.env ?? {}).join('\n');
    for (const input of Object.keys(action.inputs).filter((i) => !['role-to-assume', 'aws-region'].includes(i))) {
      expect(passed).toContain(`inputs.${input} }}`);
    }

    expect(audit?.run).not.toMatch(/\$\{\{\s*inputs\./);
  });

  it('uses only flags the commands have', () => {
    const script = readFileSync(join(ROOT, '.github/action/audit.sh'), 'utf8');
    const known = new Set(
      [...Object.values(manifest.commands.scan.flags), ...Object.values(manifest.commands.inventory.flags)].map(
        (f) => (f as {name: string}).name,
      ),
    );
    const used = [...script.matchAll(/\(?--([a-z][a-z-]+)/g)].map((m) => m[1]);
    expect(used.filter((flag) => !known.has(flag))).toEqual([]);
  });

  it('is documented: docs/github-actions.md lists every input, and its workflows parse and pass only inputs the action has', () => {
    const docs = readFileSync(join(ROOT, 'docs/github-actions.md'), 'utf8');
    const rows = docs.split('\n').filter((line) => line.startsWith('| `'));
    expect(
      Object.keys(action.inputs).filter((input) => !rows.some((row) => row.split('|')[1].includes(`\`${input}\``))),
    ).toEqual([]);
    const uses: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const step = node as Record<string, unknown>;
        if (typeof step.uses === 'string' && step.uses.startsWith('your-org/mq-audit@')) uses.push(step);
        Object.values(step).forEach(walk);
      }
    };
    for (const [, block] of docs.matchAll(/```yaml\n([\s\S]*?)```/g)) walk(parse(block));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const step of uses)
      expect(Object.keys(step.with as object).filter((key) => !(key in action.inputs))).toEqual([]);
  });

  it('installs with a script, and never with npm directly in a step', () => {
    expect(action.runs.steps.find((s) => s.run?.includes('.github/action/install.sh'))).toBeDefined();
    expect(action.runs.steps.map((s) => s.run ?? '').join('\n')).not.toMatch(/npm (ci|install|run)/);
  });
});

describe('the install step (.github/action/install.sh, npm replaced by a stand-in that records its arguments)', () => {
  /** A checkout of the action with what the install step reads (the build's inputs and its stamp), and a fake npm. */
  function checkout(): {dir: string; install: () => Promise<string[][]>} {
    const dir = mkdtempSync(join(work, 'checkout-'));
    for (const path of [...BUILD_INPUTS, '.github/action/install.sh', STAMP])
      cpSync(join(ROOT, path), join(dir, path), {recursive: true});
    const bin = join(dir, 'fake-bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'npm'),
      '#!/usr/bin/env bash\nprintf "%s\\0" "$@" >>"$NPM_LOG"; printf "\\n" >>"$NPM_LOG"\n',
      {mode: 0o755},
    );
    const install = (): Promise<string[][]> =>
      new Promise((resolve, reject) => {
        const log = join(dir, 'npm.log');
        const child = spawn('bash', [join(dir, '.github/action/install.sh')], {
          cwd: work,
          env: {PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, NPM_LOG: log},
          stdio: 'ignore',
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) reject(new Error(`install.sh exited ${code}`));
          else
            resolve(
              existsSync(log)
                ? readFileSync(log, 'utf8')
                    .split('\n')
                    .filter(Boolean)
                    .map((line) => line.split('\0').filter(Boolean))
                : [],
            );
        });
      });
    return {dir, install};
  }

  it('installs runtime dependencies only, without install scripts, when dist/ was built from these sources', async () => {
    const calls = await checkout().install();
    expect(calls).toEqual([
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    ]);
  });

  it('builds from source (slow, with a warning) when dist/ was built from other sources', async () => {
    const {dir, install} = checkout();
    writeFileSync(
      join(dir, 'src', 'foundation', 'strings.ts'),
      `${readFileSync(join(dir, 'src', 'foundation', 'strings.ts'), 'utf8')}\n// edited after the build\n`,
    );
    const calls = await install();
    expect(calls.map((argv) => argv.slice(0, 2))).toEqual([
      ['ci', '--no-audit'],
      ['run', 'build'],
    ]);
  });
});

describe('inputs → mq-audit arguments (a stand-in records them)', () => {
  it('passes plans, split on newlines and commas and trimmed, as repeated --plan to every scan', async () => {
    const run = await runWithStandIn({
      IN_INVENTORY: 'nightly/inventory.json',
      IN_PLAN: 'plans/network.json, plans/brokers.json\n\n  plans/with space.json  \n',
    });
    expect(run.code).toBe(0);
    expect(run.calls.map((argv) => argv[0])).toEqual(['scan', 'scan', 'scan']); // no live collection: the inventory is given
    for (const argv of scans(run)) {
      expect(values(argv, '--plan')).toEqual(['plans/network.json', 'plans/brokers.json', 'plans/with space.json']);
      expect(values(argv, '--inventory')).toEqual(['nightly/inventory.json']);
      expect(values(argv, '--template')).toEqual([]);
      expect(argv).not.toContain('--gate'); // mq-audit's default: `changes` with a plan
    }
    expect(scans(run).map((argv) => values(argv, '--format'))).toEqual([['sarif'], ['json'], ['markdown']]);
    expect(run.outputs['inventory-file']).toBe('nightly/inventory.json');
  });

  it('passes templates, their parameters, the stack name and the gate', async () => {
    const run = await runWithStandIn({
      IN_INVENTORY: 'inventory.json',
      IN_TEMPLATES: 'infra/broker.yaml\ninfra/network.json',
      IN_TEMPLATE_PARAMETERS: 'infra/params prod.json',
      IN_STACK_NAME: 'orders-prod',
      IN_GATE: 'all',
    });
    for (const argv of scans(run)) {
      expect(values(argv, '--template')).toEqual(['infra/broker.yaml', 'infra/network.json']);
      expect(values(argv, '--template-parameters')).toEqual(['infra/params prod.json']);
      expect(values(argv, '--stack-name')).toEqual(['orders-prod']);
      expect(values(argv, '--gate')).toEqual(['all']);
      expect(values(argv, '--plan')).toEqual([]);
    }
  });

  it('expands globs (CDK output) in sorted order and passes a glob that matches nothing as written', async () => {
    const dir = mkdtempSync(join(work, 'cdk-'));
    mkdirSync(join(dir, 'cdk.out'));
    for (const name of ['Orders.template.json', 'Network.template.json', 'manifest.json'])
      writeFileSync(join(dir, 'cdk.out', name), '{}');
    const run = await runWithStandIn(
      {IN_INVENTORY: 'inventory.json', IN_TEMPLATES: 'cdk.out/*.template.json, missing/*.yaml'},
      {},
      dir,
    );
    expect(values(scans(run)[0], '--template')).toEqual([
      'cdk.out/Network.template.json',
      'cdk.out/Orders.template.json',
      'missing/*.yaml',
    ]);
  });

  it('judges a change alone when there is neither an inventory nor regions to collect from (a fork: no AWS credentials)', async () => {
    const run = await runWithStandIn({IN_PLAN: 'plan.json'});
    expect(run.calls.map((argv) => argv[0])).toEqual(['scan', 'scan', 'scan']); // no `inventory`: it could only fail
    for (const argv of scans(run)) {
      expect(argv).not.toContain('--inventory');
      expect(values(argv, '--plan')).toEqual(['plan.json']);
    }
    expect(run.stdout).toMatch(/^::notice .*judged alone/m);
    expect(run.outputs['inventory-file']).toBe('');
  });

  it('collects live and judges the change against that when regions are given', async () => {
    const run = await runWithStandIn({IN_PLAN: 'plan.json', IN_REGIONS: 'eu-west-1, us-east-1'});
    const [collect, ...rest] = run.calls;
    expect(collect[0]).toBe('inventory');
    expect(values(collect, '--region')).toEqual(['eu-west-1', 'us-east-1']);
    const collected = values(collect, '--output')[0];
    for (const argv of rest) {
      expect(values(argv, '--inventory')).toEqual([collected]);
      expect(values(argv, '--plan')).toEqual(['plan.json']);
    }
    expect(run.outputs['inventory-file']).toBe(collected);
  });

  it('still collects live with no change and no inventory (the runner region), as before', async () => {
    const run = await runWithStandIn({});
    expect(run.calls.map((argv) => argv[0])).toEqual(['inventory', 'scan', 'scan', 'scan']);
    for (const argv of scans(run)) expect(argv).not.toContain('--plan');
  });

  it('never lets the shell evaluate an input: command substitutions and quotes arrive as plain arguments', async () => {
    const dir = mkdtempSync(join(work, 'inject-'));
    const hostile = `$(touch ${join(dir, 'pwned')}); \`touch ${join(dir, 'pwned2')}\` "'`;
    const run = await runWithStandIn({
      IN_INVENTORY: 'inventory.json',
      IN_PLAN: hostile,
      IN_STACK_NAME: hostile,
      IN_GATE: hostile,
      IN_TEMPLATE_PARAMETERS: hostile,
    });
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(dir, 'pwned2'))).toBe(false);
    const argv = scans(run)[0];
    expect(values(argv, '--plan')).toEqual([hostile.trim()]);
    expect(values(argv, '--stack-name')).toEqual([hostile]);
    expect(values(argv, '--gate')).toEqual([hostile]);
  });

  it("exits with the JSON scan's code and stops before scanning when collection fails outright", async () => {
    expect(
      (await runWithStandIn({IN_INVENTORY: 'inventory.json', IN_PLAN: 'plan.json'}, {STANDIN_EXIT: '1'})).code,
    ).toBe(1);
    const failed = await runWithStandIn({}, {STANDIN_EXIT: '2'});
    expect(failed.code).toBe(2);
    expect(failed.calls.map((argv) => argv[0])).toEqual(['inventory']);
    expect(failed.outputs['exit-code']).toBe('2');
  });
});

describe('the audit step on the demo estate', () => {
  it('fails like the scan, writes valid SARIF, the JSON report and a Markdown step summary', async () => {
    const output = join(work, 'github-output');
    const summary = join(work, 'summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const code = await runAction({
      ...DEFAULT_ENV,
      MQ_AUDIT: BIN,
      IN_INVENTORY: 'fixtures/demo/inventory.json',
      IN_CATEGORY: 'mq-audit/demo',
      IN_SARIF: join(work, 'out.sarif'),
      IN_JSON: join(work, 'out.json'),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    });
    const report = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')) as ScanReport;
    expect(code).toBe(report.gate.exitCode);
    expect(code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe('inventory-file=fixtures/demo/inventory.json\nexit-code=1\n');
    const log = parseSarif(readFileSync(join(work, 'out.sarif'), 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0].automationDetails?.id).toBe('mq-audit/demo/');
    expect(readFileSync(summary, 'utf8')).toMatch(/^#+ .*mq-audit/m);
  });
});
