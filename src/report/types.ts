/**
 * The scan report: everything a formatter needs, and the `--format json` document itself.
 * Formatters are pure functions of a ScanReport; the JSON form is a public API (docs/report.md).
 */
import type {Evaluation, FailOn, Policy, Severity, Status} from '../policy/types';
import type {CollectionError} from '../snapshot/types';

export const REPORT_KIND = 'mq-audit/report';
export const REPORT_VERSION = 1;

/** A policy's metadata as reported (its logic stays in the policy file). */
export type ReportedPolicy = Omit<Policy, 'appliesTo' | 'assert' | 'messages' | 'requires'> & {
  source: string;
  builtIn: boolean;
  parameterValues: Record<string, unknown>;
};

export interface ReportSummary {
  brokers: number;
  evaluations: number;
  byStatus: Record<Status, number>;
  /** Failing results per severity. */
  failingBySeverity: Record<Severity, number>;
  collectionErrors: number;
}

export interface GateDecision {
  failOn: FailOn;
  exitCode: number;
  /** One sentence saying why the exit code is what it is. */
  reason: string;
}

export interface ScanReport {
  kind: typeof REPORT_KIND;
  reportVersion: typeof REPORT_VERSION;
  tool: {name: string; version: string};
  generatedAt: string;
  inventory: {
    collectedAt: string;
    method: 'fixture' | 'live';
    /** Account/region pairs that were inventoried. */
    scopes: {accountId: string; region: string}[];
    source?: string;
  };
  policies: ReportedPolicy[];
  results: Evaluation[];
  collectionErrors: CollectionError[];
  summary: ReportSummary;
  gate: GateDecision;
}

export interface RenderOptions {
  /** SARIF `automationDetails.id` prefix: the code-scanning category. */
  category?: string;
  /** Terminal colours for the table. */
  color?: boolean;
}
