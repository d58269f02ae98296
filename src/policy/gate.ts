/** The CI gate: the exit code of a scan, and one sentence saying why. */
import {EXIT, type Evaluation, type FailOn, SEVERITIES, type Severity} from './types';

const RANK: Record<Severity, number> = {critical: 4, high: 3, medium: 2, low: 1};

/** A result as the gate sees it: a suppressed or baseline-unchanged failure does not fail the gate. */
export type GateInput = Evaluation & {
  suppression?: unknown;
  baseline?: 'new' | 'unchanged';
  change?: 'introduced' | 'resolved' | 'unchanged';
};

export interface GateContext {
  /** A baseline was given: the reason then speaks of new findings. */
  baseline?: boolean;
  /**
   * A proposed change is judged (scan --plan/--template) with `--gate changes`: only failing findings the change
   * introduces fail the gate, and only checks the change leaves unevaluable (errors it introduces) make the scan
   * incomplete — the deployed estate's own gaps are the nightly audit's business.
   */
  changesOnly?: boolean;
  /** With changesOnly: how many errors the change introduced (the others were errors on the deployed estate too). */
  introducedErrors?: number;
  /**
   * No broker was found in any region scanned (every region answered): a notice, and with --fail-on-empty a
   * failed gate, for teams to whom an empty estate means the scan looked in the wrong place.
   */
  empty?: {failOnEmpty: boolean};
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}

/** Whether a result fails the gate: failing, at or above the threshold, not suppressed, not already in the baseline. */
export function gates(result: GateInput, failOn: FailOn, changesOnly = false): boolean {
  return (
    result.status === 'fail' &&
    atOrAbove(result.severity, failOn) &&
    !result.suppression &&
    result.baseline !== 'unchanged' &&
    !(changesOnly && result.change === 'unchanged')
  );
}

export function decideGate(
  results: GateInput[],
  collectionErrors: number,
  failOn: FailOn,
  context: GateContext = {},
): {exitCode: number; reason: string} {
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
    const counts = SEVERITIES.map((s) => [s, gating.filter((r) => r.severity === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    return {
      exitCode: EXIT.gateFailed,
      reason:
        `Gate failed: ${gating.length} ${what}(s)${by} at or above ${failOn} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` +
        (waived.length > 0 ? `; ${waived.join(' and ')} did not count.` : '.'),
    };
  }

  if (context.empty?.failOnEmpty) {
    return {exitCode: EXIT.gateFailed, reason: 'Gate failed: no broker found in any region scanned (--fail-on-empty).'};
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
      exitCode: EXIT.incomplete,
      reason: `Scan incomplete: ${parts.join(' and ')}; nothing evaluated failed the gate (--fail-on ${failOn})${passedBecause}.`,
    };
  }

  return {
    exitCode: EXIT.ok,
    reason:
      failOn === 'none'
        ? 'Gate passed: --fail-on none never fails on findings.'
        : `Gate passed: no ${what}${by} at or above ${failOn}${passedBecause}.`,
  };
}
