/** Deterministic orderings shared by the formatters: the same report must always render the same bytes. */
import type {Evaluation, Severity} from '../policy/types';
import type {CollectionError} from '../snapshot/types';

/** Most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = {critical: 0, high: 1, medium: 2, low: 3};

/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** Severity, then policy id, then ARN, then message: a total order, so input order never shows through. */
export function compareEvaluations(a: Evaluation, b: Evaluation): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareStrings(a.policyId, b.policyId) ||
    compareStrings(a.resource.arn, b.resource.arn) ||
    compareStrings(a.message, b.message)
  );
}

/** Where (account, region), then what (service, operation, resource), then why. */
export function compareCollectionErrors(a: CollectionError, b: CollectionError): number {
  return (
    compareStrings(a.accountId ?? '', b.accountId ?? '') ||
    compareStrings(a.region ?? '', b.region ?? '') ||
    compareStrings(a.service, b.service) ||
    compareStrings(a.operation, b.operation) ||
    compareStrings(a.resource ?? '', b.resource ?? '') ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}
