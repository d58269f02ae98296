"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.atOrAbove = atOrAbove;
exports.gates = gates;
exports.decideGate = decideGate;
/** The CI gate: the exit code of a scan, and one sentence saying why. */
const types_1 = require("./types");
const RANK = { critical: 4, high: 3, medium: 2, low: 1 };
function atOrAbove(severity, threshold) {
    return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}
/** Whether a result fails the gate: failing, at or above the threshold, not suppressed, not already in the baseline. */
function gates(result, failOn, changesOnly = false) {
    return (result.status === 'fail' &&
        atOrAbove(result.severity, failOn) &&
        !result.suppression &&
        result.baseline !== 'unchanged' &&
        !(changesOnly && result.change === 'unchanged'));
}
function decideGate(results, collectionErrors, failOn, context = {}) {
    const changesOnly = context.changesOnly === true;
    const gating = results.filter((r) => gates(r, failOn, changesOnly));
    const unevaluated = changesOnly
        ? (context.introducedErrors ?? 0)
        : results.filter((r) => r.status === 'error').length;
    const failing = results.filter((r) => r.status === 'fail' && atOrAbove(r.severity, failOn));
    const suppressed = failing.filter((r) => r.suppression).length;
    const unchanged = failing.filter((r) => !r.suppression && r.baseline === 'unchanged').length;
    const deployed = changesOnly
        ? failing.filter((r) => !r.suppression && r.baseline !== 'unchanged' && r.change === 'unchanged').length
        : 0;
    const waived = [
        suppressed > 0 ? `${suppressed} suppressed` : '',
        unchanged > 0 ? `${unchanged} unchanged since the baseline` : '',
        deployed > 0 ? `${deployed} already failing on the deployed estate` : '',
    ].filter(Boolean);
    const what = context.baseline ? 'new failing finding' : 'failing finding';
    const by = changesOnly ? ' introduced by the change' : '';
    if (gating.length > 0) {
        const counts = types_1.SEVERITIES.map((s) => [s, gating.filter((r) => r.severity === s).length]).filter(([, n]) => n > 0);
        return {
            exitCode: types_1.EXIT.gateFailed,
            reason: `Gate failed: ${gating.length} ${what}(s)${by} at or above ${failOn} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` +
                (waived.length > 0 ? `; ${waived.join(' and ')} did not count.` : '.'),
        };
    }
    if (context.empty?.failOnEmpty) {
        return { exitCode: types_1.EXIT.gateFailed, reason: 'Gate failed: no broker found in any region scanned (--fail-on-empty).' };
    }
    const passedBecause = waived.length > 0 ? ` (${waived.join(' and ')} did not count)` : '';
    const countedErrors = changesOnly ? 0 : collectionErrors;
    if (countedErrors > 0 || unevaluated > 0) {
        const parts = [
            countedErrors > 0 ? `${countedErrors} collection error(s)` : '',
            unevaluated > 0
                ? `${unevaluated} check(s) could not be evaluated${changesOnly ? ' on the proposed estate' : ''}`
                : '',
        ].filter(Boolean);
        return {
            exitCode: types_1.EXIT.incomplete,
            reason: `Scan incomplete: ${parts.join(' and ')}; nothing evaluated failed the gate (--fail-on ${failOn})${passedBecause}.`,
        };
    }
    return {
        exitCode: types_1.EXIT.ok,
        reason: failOn === 'none'
            ? 'Gate passed: --fail-on none never fails on findings.'
            : `Gate passed: no ${what}${by} at or above ${failOn}${passedBecause}.`,
    };
}
