/**
 * The GitHub Action (action.yml → .github/action/audit.sh) as a workflow runs it, on the demo estate: it writes
 * the SARIF and JSON files and the step summary, sets the exit-code output, and fails the step like the scan does.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {BIN, ROOT} from '../helpers/cli';
import {parseSarif, validateSarif} from '../helpers/sarif';

interface ActionFile {
  inputs: Record<string, {description: string; default?: string}>;
  runs: {steps: {id?: string; env?: Record<string, string>; run?: string}[]};
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {flags: Record<string, unknown>}>};

function runAction(env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, '.github/action/audit.sh')], {cwd: ROOT, env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env}, stdio: 'ignore'});
    child.on('error', reject);
    child.on('close', resolve);
  });
}

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
    const known = new Set([...Object.values(manifest.commands.scan.flags), ...Object.values(manifest.commands.inventory.flags)].map((f) => (f as {name: string}).name));
    const used = [...script.matchAll(/\(?--([a-z][a-z-]+)/g)].map((m) => m[1]);
    expect(used.filter((flag) => !known.has(flag))).toEqual([]);
  });
});

describe('the audit step on the demo estate', () => {
  it('fails like the scan, writes valid SARIF, the JSON report and a Markdown step summary', async () => {
    const output = join(work, 'github-output');
    const summary = join(work, 'summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const code = await runAction({
      MQ_AUDIT: BIN,
      IN_REGIONS: '',
      IN_ALL_REGIONS: 'false',
      IN_INVENTORY: 'fixtures/demo/inventory.json',
      IN_POLICIES: '',
      IN_ON_PREM: '',
      IN_FAIL_ON: 'high',
      IN_CONFIG: '',
      IN_SUPPRESSIONS: '',
      IN_BASELINE: '',
      IN_CATEGORY: 'mq-audit/demo',
      IN_SARIF: join(work, 'out.sarif'),
      IN_JSON: join(work, 'out.json'),
      IN_SUMMARY: 'true',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    });
    const report = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')) as ScanReport;
    expect(code).toBe(report.gate.exitCode);
    expect(code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const log = parseSarif(readFileSync(join(work, 'out.sarif'), 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0].automationDetails?.id).toBe('mq-audit/demo/');
    expect(readFileSync(summary, 'utf8')).toMatch(/^#+ .*mq-audit/m);
  });
});
