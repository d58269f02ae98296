/**
 * A memory cgroup for one benchmark run: the scan as it runs in a container with a memory limit. Node sizes V8's
 * heap from the cgroup's limit (uv_get_constrained_memory), so peak RSS there is what an operator's 512 MiB task
 * sees, not what V8 allows itself on a large machine. Linux only, and only where the benchmark may create a
 * cgroup (root in a VM or a sandbox, say); elsewhere the run is skipped and the reason printed.
 */
import {existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

export interface MemoryCgroup {
  /** Write a process id here to move that process into the cgroup. */
  procsFile: string;
  /** cgroup v1 or v2, and where. */
  description: string;
  remove(): void;
}

/** A new memory cgroup limited to `limitBytes` (no swap), or why there cannot be one here. */
export function createMemoryCgroup(limitBytes: number): MemoryCgroup | {skipped: string} {
  if (process.platform !== 'linux') return {skipped: `memory cgroups are Linux only (this is ${process.platform})`};
  const name = `mq-audit-bench-${process.pid}`;
  const problems: string[] = [];
  for (const root of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    const controllers = join(root, 'cgroup.controllers');
    if (!existsSync(controllers) || !readFileSync(controllers, 'utf8').split(/\s+/).includes('memory')) continue;
    const made = attempt(
      join(root, name),
      (dir) => {
        const subtree = join(root, 'cgroup.subtree_control');
        if (!readFileSync(subtree, 'utf8').split(/\s+/).includes('memory')) writeFileSync(subtree, '+memory');
        writeFileSync(join(dir, 'memory.max'), String(limitBytes));
        if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
      },
      `cgroup v2 at ${root}`,
      problems,
    );
    if (made) return made;
  }

  const v1 = '/sys/fs/cgroup/memory';
  if (existsSync(join(v1, 'cgroup.procs'))) {
    const made = attempt(
      join(v1, name),
      (dir) => {
        writeFileSync(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
        // Without swap accounting the limit still holds RSS; with it, swapping must not hide the limit either.
        if (existsSync(join(dir, 'memory.memsw.limit_in_bytes')))
          writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), String(limitBytes));
      },
      `cgroup v1 at ${v1}`,
      problems,
    );
    if (made) return made;
  }

  return {
    skipped: problems.length > 0 ? problems.join('; ') : 'no cgroup file system with the memory controller is mounted',
  };
}

function attempt(
  dir: string,
  configure: (dir: string) => void,
  description: string,
  problems: string[],
): MemoryCgroup | undefined {
  try {
    mkdirSync(dir);
  } catch (error) {
    problems.push(`${description}: cannot create a cgroup (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }

  const remove = (): void => {
    try {
      rmdirSync(dir);
    } catch {
      // A process still inside (it exits first) or already removed: nothing to clean up that matters here.
    }
  };
  try {
    configure(dir);
  } catch (error) {
    remove();
    problems.push(
      `${description}: cannot set a memory limit (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
    return undefined;
  }

  return {procsFile: join(dir, 'cgroup.procs'), description, remove};
}
