"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeadlineExceededError = exports.DEADLINE_CODE = void 0;
exports.createDeadline = createDeadline;
exports.parseDuration = parseDuration;
exports.formatDuration = formatDuration;
exports.DEADLINE_CODE = 'DeadlineExceeded';
class DeadlineExceededError extends Error {
    deadline;
    name = exports.DEADLINE_CODE;
    /** Node's timeout code, so the classifier files it under `timeout`. */
    code = 'ETIMEDOUT';
    constructor(deadline) {
        super(`the overall deadline (--deadline ${deadline}) passed before this call completed`);
        this.deadline = deadline;
    }
}
exports.DeadlineExceededError = DeadlineExceededError;
/** A deadline `ms` from now; `undefined` gives one that never passes. */
function createDeadline(ms, label = ms === undefined ? 'none' : formatDuration(ms)) {
    const listeners = new Set();
    let aborted = false;
    const abort = () => {
        if (aborted)
            return;
        aborted = true;
        const pending = [...listeners];
        listeners.clear();
        for (const listener of pending)
            listener();
    };
    // Not unref'd: while calls are outstanding the process is alive anyway, and dispose() clears it.
    const timer = ms === undefined ? undefined : setTimeout(abort, ms);
    const deadline = {
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
        race(work) {
            if (aborted) {
                work.catch(() => undefined); // the cut-short call may still settle; nobody is listening
                return Promise.reject(deadline.reason());
            }
            return new Promise((resolve, reject) => {
                const unregister = deadline.onAbort(() => {
                    work.catch(() => undefined);
                    reject(deadline.reason());
                });
                work.then((value) => {
                    unregister();
                    resolve(value);
                }, (error) => {
                    unregister();
                    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the work's own rejection, passed on unchanged
                    reject(error);
                });
            });
        },
        dispose() {
            if (timer !== undefined)
                clearTimeout(timer);
            listeners.clear();
        },
    };
    return deadline;
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * `15m`, `90s`, `1h30m`, `500ms`, or a bare number of seconds → milliseconds. Undefined for anything else
 * (the flag parser turns that into an InputError).
 */
function parseDuration(text) {
    const trimmed = text.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Number(trimmed) * 1000;
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
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms}ms`;
    if (ms % 1000 !== 0)
        return `${ms / 1000}s`;
    let seconds = ms / 1000;
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    return [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`].filter(Boolean).join('');
}
