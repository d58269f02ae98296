/**
 * The overall deadline (--deadline 15m): when it passes, every call still waiting for a token or for an
 * answer is cut short with a DeadlineExceeded error (classified as `timeout`), and every later call fails
 * at once. Collectors record those failures like any other, so the snapshot says exactly what was not read;
 * nothing hangs and nothing passes silently.
 *
 * No SDK import; the middleware in clients.ts uses `race`.
 */
import type {AbortSource} from './pacing';

export const DEADLINE_CODE = 'DeadlineExceeded';

export class DeadlineExceededError extends Error {
  override readonly name = DEADLINE_CODE;
  /** Node's timeout code, so the classifier files it under `timeout`. */
  readonly code = 'ETIMEDOUT';
  constructor(readonly deadline: string) {
    super(`the overall deadline (--deadline ${deadline}) passed before this call completed`);
  }
}

export interface Deadline extends AbortSource {
  /** Settles like `work`, or rejects with the deadline error when the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Stop the timer (the collection finished). */
  dispose(): void;
}

/** A deadline `ms` from now; `undefined` gives one that never passes. */
export function createDeadline(
  ms: number | undefined,
  label = ms === undefined ? 'none' : formatDuration(ms),
): Deadline {
  const listeners = new Set<() => void>();
  let aborted = false;
  const abort = (): void => {
    if (aborted) return;
    aborted = true;
    const pending = [...listeners];
    listeners.clear();
    for (const listener of pending) listener();
  };
  // Not unref'd: while calls are outstanding the process is alive anyway, and dispose() clears it.
  const timer = ms === undefined ? undefined : setTimeout(abort, ms);

  const deadline: Deadline = {
    get aborted() {
      return aborted;
    },
    reason: () => new DeadlineExceededError(label),
    onAbort(listener) {
      if (aborted) {
        listener();
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    race<T>(work: Promise<T>): Promise<T> {
      if (aborted) {
        work.catch(() => undefined); // the cut-short call may still settle; nobody is listening
        return Promise.reject(deadline.reason());
      }
      return new Promise<T>((resolve, reject) => {
        const unregister = deadline.onAbort(() => {
          work.catch(() => undefined);
          reject(deadline.reason());
        });
        work.then(
          (value) => {
            unregister();
            resolve(value);
          },
          (error: unknown) => {
            unregister();
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the work's own rejection, passed on unchanged
            reject(error);
          },
        );
      });
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      listeners.clear();
    },
  };
  return deadline;
}

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/**
 * `15m`, `90s`, `1h30m`, `500ms`, or a bare number of seconds → milliseconds. Undefined for anything else
 * (the flag parser turns that into an InputError).
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(trimmed); match !== null; match = part.exec(trimmed)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = part.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 && total > 0 ? total : undefined;
}

/** 900000 → "15m", 5400000 → "1h30m", 1500 → "1.5s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 1000 !== 0) return `${ms / 1000}s`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`].filter(Boolean).join('');
}
