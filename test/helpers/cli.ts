/** Runs the built CLI (bin/run.js → dist/) as a user would, capturing output and the exit code. */
import {spawn} from 'node:child_process';
import {join} from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'run.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `nodeArgs` go to node itself, before the script (`--require`, V8 flags). */
export function runCli(
  args: string[],
  options: {cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[]} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // scripts/test-on-node.js runs these tests again with the CLI on another Node.js major.
    const child = spawn(
      process.env.MQ_AUDIT_TEST_NODE ?? process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        // No AWS credentials or region leak in from the machine; tests that need them pass their own.
        env: {PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env},
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

/** A stack trace line, which users must never see for bad input. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
