/** The CI gate: the exit code of a scan, and one sentence saying why. */
import {EXIT, type Evaluation, type FailOn, SEVERITIES, type Severity} from './types';

const RANK: Record<Severity, number> = {critical: 4, high: 3, medium: 2, low: 1};

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}

export function decideGate(results: Evaluation[], collectionErrors: number, failOn: FailOn): {exitCode: number; reason: string} {
  const gating = results.filter((r) => r.status === 'fail' && atOrAbove(r.severity, failOn));
  const unevaluated = results.filter((r) => r.status === 'error').length;
  if (gating.length > 0) {
    const counts = SEVERITIES.map((s) => [s, gating.filter((r) => r.severity === s).length] as const).filter(([, n]) => n > 0);
    return {
      exitCode: EXIT.gateFailed,
      reason: `Gate failed: ${gating.length} failing finding(s) at or above ${failOn} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')}).`,
    };
  }

  if (collectionErrors > 0 || unevaluated > 0) {
    const parts = [collectionErrors > 0 ? `${collectionErrors} collection error(s)` : '', unevaluated > 0 ? `${unevaluated} check(s) could not be evaluated` : ''].filter(Boolean);
    return {exitCode: EXIT.incomplete, reason: `Scan incomplete: ${parts.join(' and ')}; nothing evaluated failed the gate (--fail-on ${failOn}).`};
  }

  return {
    exitCode: EXIT.ok,
    reason: failOn === 'none' ? 'Gate passed: --fail-on none never fails on findings.' : `Gate passed: no failing finding at or above ${failOn}.`,
  };
}
