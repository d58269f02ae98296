"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shouldShowProgress = shouldShowProgress;
exports.isCi = isCi;
exports.emptyProgress = emptyProgress;
exports.applyProgress = applyProgress;
exports.formatProgress = formatProgress;
exports.startProgress = startProgress;
function shouldShowProgress(context) {
    if (context.flag !== undefined)
        return context.flag;
    return context.stderrIsTTY && !isCi(context.env) && !context.jsonOutput;
}
/** CI services set CI (GitHub Actions, GitLab, CircleCI, Travis, Buildkite…); "false"/"0" mean not CI. */
function isCi(env) {
    const value = (env.CI ?? '').trim().toLowerCase();
    return value !== '' && value !== 'false' && value !== '0';
}
function emptyProgress() {
    return {
        accounts: { total: undefined, done: 0 },
        regions: { total: 0, done: 0 },
        brokers: { listed: 0, described: 0 },
        calls: 0,
        throttled: 0,
        errors: 0,
    };
}
/** Fold one collection event into the counters. */
function applyProgress(state, event) {
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
            if (event.throttled)
                state.throttled += 1;
            break;
        case 'error':
            state.errors += 1;
            break;
        default:
            break;
    }
}
function formatProgress(state, elapsedMs) {
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
const CLEAR_LINE = '\r\x1b[2K';
function startProgress(options) {
    if (!options.enabled)
        return { stop: () => undefined };
    const stream = options.stream ?? process.stderr;
    const now = options.now ?? (() => Date.now());
    const started = now();
    const state = emptyProgress();
    const tty = Boolean(stream.isTTY);
    const draw = () => {
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
            if (tty)
                stream.write(CLEAR_LINE);
            else
                draw();
        },
    };
}
