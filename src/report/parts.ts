/**
 * A finding in parts, so each format composes what it needs and never repeats what its columns already say:
 *
 * - `reason`: the cause alone ("deploymentMode is SINGLE_INSTANCE, expected …"), without the broker, the policy
 *   id or its title. Results carry it (`results[].reason`); a report written before it existed gets it derived
 *   from `message`, whose shape the evaluator fixes (src/policy/evaluator.ts).
 * - `title`, `remediation`, `helpUri`: the policy's, from `policies[]` (listed once per policy, not per result).
 * - `evidence`: where the assertion failed and what was found there (`explanations`), and for a network finding
 *   the hop where each failing network breaks.
 *
 * `message` stays the whole sentence ("Broker orders-prod fails mq/production-ha (Title): reason."), for SARIF and
 * for readers of earlier reports.
 */
import type {Evaluation} from '../policy/types';
import type {ReportedEvaluation, ReportedPolicy, ScanReport} from './types';

export interface FindingParts {
  reason: string;
  title?: string;
  remediation?: string;
  helpUri?: string;
  evidence: string[];
}

/** The reason alone, from the whole message: what follows the broker, the policy id and the title. */
export function reasonOf(
  ev: Pick<Evaluation, 'message' | 'policyId' | 'resource' | 'status'> & {reason?: string},
  title?: string,
): string {
  if (ev.reason !== undefined) return ev.reason;
  const broker = `Broker ${ev.resource.name} `;
  let text = ev.message.startsWith(broker) ? ev.message.slice(broker.length) : ev.message;
  const id = ev.policyId;
  const prefixes = [
    ...(title === undefined ? [] : [`fails ${id} (${title}): `]),
    `could not be evaluated for ${id}: `,
    `is not in the scope of ${id}: `,
    `is not checked by ${id}: `,
  ];
  const prefix = prefixes.find((p) => text.startsWith(p));
  const end = text.indexOf('): ');
  if (prefix) text = text.slice(prefix.length);
  else if (ev.status === 'fail' && text.startsWith(`fails ${id} (`) && end > 0)
    text = text.slice(end + 3); // a title we do not know
  else if (text === `complies with ${id}.`) return 'complies';
  else text = ev.message; // not the evaluator's shape: the whole message

  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** `network.onPrem.reachable is false (expected true)`. */
function evidenceOf(ev: ReportedEvaluation): string[] {
  const lines = (ev.explanations ?? []).map(
    (e) => `${e.path || '(document)'}: found ${short(e.found)}, expected ${e.expected}`,
  );
  for (const flow of ev.network?.flows ?? []) {
    if (flow.breakPoint)
      lines.push(
        `from ${flow.from}: breaks at ${flow.breakPoint.hop} ${flow.breakPoint.id}${flow.breakPoint.direction === 'return' ? ' (return traffic)' : ''} (${flow.breakPoint.kind})`,
      );
  }

  return lines;
}

function short(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only what JSON cannot write (a function, a symbol) reaches String
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function policyIndex(report: Pick<ScanReport, 'policies'>): Map<string, ReportedPolicy> {
  return new Map(report.policies.map((p) => [p.id, p]));
}

export function findingParts(ev: ReportedEvaluation, policy: ReportedPolicy | undefined): FindingParts {
  return {
    reason: reasonOf(ev, policy?.title),
    ...(policy?.title ? {title: policy.title} : {}),
    ...(policy?.remediation ? {remediation: policy.remediation} : {}),
    ...(policy?.helpUri ? {helpUri: policy.helpUri} : {}),
    evidence: evidenceOf(ev),
  };
}
