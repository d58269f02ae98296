/**
 * Collection progress on stderr: one line, rewritten in place on a terminal —
 *   accounts 3/12 · regions 10/48 · brokers 120 described of 130 · calls 512 · throttled 0 · errors 1 · 12s
 * Shown by default only when stderr is a terminal, outside CI (CI=true) and without JSON output, so logs and
 * pipes stay clean; `--progress` forces it (one plain line every few seconds when stderr is not a terminal),
 * `--no-progress` silences it. Never on stdout: that is the report's.
 *
 * No SDK import: the event type is a type-only import.
 */
import type {CollectionProgress} from '../inventory/index';

export interface ProgressContext {
  /** --progress / --no-progress; undefined when not given. */
  flag?: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The command writes JSON (or SARIF) to stdout, i.e. it is being used by a machine. */
  jsonOutput: boolean;
}

export function shouldShowProgress(context: ProgressContext): boolean {
  if (context.flag !== undefined) return context.flag;
  return context.stderrIsTTY && !isCi(context.env) && !context.jsonOutput;
}

/** CI services set CI (GitHub Actions, GitLab, CircleCI, Travis, Buildkite…); "false"/"0" mean not CI. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

export interface ProgressState {
  accounts: {total: number | undefined; done: number};
  regions: {total: number; done: number};
  brokers: {listed: number; described: number};
  calls: number;
  throttled: number;
  errors: number;
}

export function emptyProgress(): ProgressState {
  return {
    accounts: {total: undefined, done: 0},
    regions: {total: 0, done: 0},
    brokers: {listed: 0, described: 0},
    calls: 0,
    throttled: 0,
    errors: 0,
  };
}

/** Fold one collection event into the counters. */
export function applyProgress(state: ProgressState, event: CollectionProgress): void {
  switch (event.type) {
    case 'accounts':
      state.accounts.total = event.total;
      break;
    case 'account-done':
      state.accounts.done += 1;
      break;
    case 'regions':
      state.regions.total += event.regions.length;
      break;
    case 'region-done':
      state.regions.done += 1;
      state.brokers.listed += event.brokers ?? 0;
      break;
    case 'brokers-described':
      state.brokers.described += event.count;
      break;
    case 'call':
      state.calls += 1;
      if (event.throttled) state.throttled += 1;
      break;
    case 'error':
      state.errors += 1;
      break;
    default:
      break;
  }
}

export function formatProgress(state: ProgressState, elapsedMs: number): string {
  const accounts = state.accounts.total === undefined ? '…' : `${state.accounts.done}/${state.accounts.total}`;
  return [
    `accounts ${accounts}`,
    `regions ${state.regions.done}/${state.regions.total}`,
    `brokers ${state.brokers.described} described of ${state.brokers.listed}`,
    `calls ${state.calls}`,
    `throttled ${state.throttled}`,
    `errors ${state.errors}`,
    `${Math.round(elapsedMs / 1000)}s`,
  ].join(' · ');
}

export interface ProgressReporter {
  /** Undefined when progress is off, so the collector does not even build events for it. */
  onProgress?: (event: CollectionProgress) => void;
  /** Clear the line (terminal) or print the final counts (forced, not a terminal). */
  stop(): void;
}

export interface ReporterOptions {
  enabled: boolean;
  stream?: NodeJS.WriteStream;
  now?: () => number;
  /** Redraw interval on a terminal. */
  intervalMs?: number;
  /** Line interval when stderr is not a terminal (forced with --progress). */
  plainIntervalMs?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

export function startProgress(options: ReporterOptions): ProgressReporter {
  if (!options.enabled) return {stop: () => undefined};
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const started = now();
  const state = emptyProgress();
  const tty = Boolean(stream.isTTY);
  const draw = (): void => {
    const line = formatProgress(state, now() - started);
    stream.write(tty ? `${CLEAR_LINE}${line}` : `${line}\n`);
  };
  // Drawn on a timer, not per event: thousands of calls a second must not mean thousands of writes.
  const timer = setInterval(draw, tty ? (options.intervalMs ?? 100) : (options.plainIntervalMs ?? 5000));
  timer.unref();
  return {
    onProgress: (event) => applyProgress(state, event),
    stop() {
      clearInterval(timer);
      if (tty) stream.write(CLEAR_LINE);
      else draw();
    },
  };
}
