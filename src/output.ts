/**
 * Writing outputs atomically: an interrupted run never leaves a partial file that looks complete.
 *
 * The content goes to a hidden temporary file next to the target, which is then renamed over it (atomic on one
 * file system). Ctrl-C (SIGINT), SIGTERM and SIGHUP while a write is under way: without a handler the default
 * action would kill the process between the two steps and leave the temporary file behind, so a handler is
 * installed before the first write. Node runs it only once the (synchronous) write and rename are done; it then
 * removes any temporary file still registered and re-raises the signal, so the process ends as interrupted
 * (exit 130 for Ctrl-C) with either the complete new file or none.
 */
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {InputError} from './errors';

const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Temporary files being written now: removed by the interrupt handler. */
const pendingTemporaries = new Set<string>();
let guardInstalled = false;

export function writeFileAtomic(file: string, content: string): void {
  installInterruptGuard();
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  pendingTemporaries.add(temporary);
  try {
    mkdirSync(dirname(file), {recursive: true});
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw new InputError(file, `cannot write output: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    pendingTemporaries.delete(temporary);
  }
}

/** The temporary files of writes in progress (for tests and diagnostics). */
export function temporariesInProgress(): string[] {
  return [...pendingTemporaries];
}

function installInterruptGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  const onInterrupt = (signal: NodeJS.Signals): void => {
    for (const temporary of pendingTemporaries) rmSync(temporary, {force: true});
    pendingTemporaries.clear();
    for (const name of INTERRUPTS) process.removeListener(name, onInterrupt);
    guardInstalled = false;
    // Die of the signal itself, as the shell and CI expect (128 + signal number), now that no handler is left.
    process.kill(process.pid, signal);
  };
  for (const name of INTERRUPTS) process.on(name, onInterrupt);
}
