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
import {randomBytes} from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import {createGzip} from 'node:zlib';
import {basename, dirname, join} from 'node:path';
import {InputError} from './errors';

const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Temporary files being written now: removed by the interrupt handler. */
const pendingTemporaries = new Set<string>();
let guardInstalled = false;

/** `content` may come in pieces (a large report): each is written as it comes, never joined into one string. */
export function writeFileAtomic(file: string, content: Iterable<string> | string): void {
  installInterruptGuard();
  // An unpredictable name, created exclusively and never through a symlink: a name planted in a shared folder
  // (the old one was .NAME.PID.tmp) cannot redirect the write to another file.
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(9).toString('base64url')}.tmp`);
  let created = false;
  try {
    mkdirSync(dirname(file), {recursive: true});
    const fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o666,
    );
    created = true;
    pendingTemporaries.add(temporary);
    try {
      for (const chunk of piecesOf(content)) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }

    renameSync(temporary, file);
  } catch (error) {
    // Only our own file: whatever stood at the name when O_EXCL refused it is left alone.
    if (created) removeQuietly(temporary);
    // A file system error is the user's to fix; anything else came from producing the content (a bug): rethrown.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new InputError(file, `cannot write output: ${code}`);
  } finally {
    pendingTemporaries.delete(temporary);
  }
}

/**
 * Refuses (exit 2, before anything runs) an output file that is one of the inputs, e.g. `--output` equal to
 * `--inventory` or `--baseline`: the write would silently replace the input. Compared as files (device and
 * inode), so another spelling of the path or a symlink to it is caught too.
 */
export function refuseOutputOverInputs(
  output: string | undefined,
  inputs: readonly (readonly [flag: string, file: string | undefined])[],
): void {
  if (output === undefined || output === '-') return;
  const target = fileIdentity(output);
  if (!target) return;
  for (const [flag, file] of inputs) {
    if (file === undefined || file === '-') continue;
    const input = fileIdentity(file);
    if (input && input.dev === target.dev && input.ino === target.ino) {
      throw new InputError(
        '--output',
        `${output} is the ${flag} file (${file}): writing it would replace that input; write the output to another file`,
      );
    }
  }
}

function fileIdentity(file: string): {dev: number; ino: number} | undefined {
  try {
    const stat = statSync(file);
    return {dev: stat.dev, ino: stat.ino};
  } catch {
    return undefined; // not there (yet): it cannot be an input
  }
}

/** Cleanup must not hide the error that made it necessary (ENOTDIR when the folder is a file, say). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, {force: true});
  } catch {
    // Nothing was written there, or it cannot be removed: the original error says why.
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

/** To standard output when `file` is undefined or `-`, else atomically to the file; pieces are written as they come. */
export function writeOutput(file: string | undefined, content: Iterable<string> | string): void {
  if (file !== undefined && file !== '-') {
    writeFileAtomic(file, content);
    return;
  }

  // Standard output is synchronous for files and pipes on Linux and macOS: the pieces do not pile up in memory.
  for (const chunk of piecesOf(content)) process.stdout.write(chunk);
}

function piecesOf(content: Iterable<string> | string): Iterable<string> {
  // A string is iterable too, by character: it must be one piece.
  return typeof content === 'string' ? [content] : content;
}

/**
 * The gzip-compressed size of a written file when its plain size is above `threshold` (else undefined): what
 * GitHub's 10 MB SARIF limit is measured on. Streamed, so a large file costs a few seconds, not its size in memory.
 */
export async function gzippedSizeAbove(file: string, threshold: number): Promise<number | undefined> {
  return statSync(file).size <= threshold ? undefined : gzippedSize(file);
}

/** The gzip-compressed size of a written file, streamed. */
export async function gzippedSize(file: string): Promise<number> {
  let size = 0;
  await pipeline(createReadStream(file), createGzip(), async (compressed: AsyncIterable<Buffer>) => {
    for await (const chunk of compressed) size += chunk.length;
  });
  return size;
}
