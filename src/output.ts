/** Writing outputs atomically: an interrupted run never leaves a partial file that looks complete. */
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {InputError} from './errors';

export function writeFileAtomic(file: string, content: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(file), {recursive: true});
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw new InputError(file, `cannot write output: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
