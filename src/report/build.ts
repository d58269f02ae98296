/** Assembles the ScanReport from evaluations: pure, so every formatter sees the same facts. */
import type {CompiledPolicy} from '../policy/loader';
import {decideGate} from '../policy/gate';
import {type Evaluation, type FailOn, SEVERITIES, STATUSES} from '../policy/types';
import type {Snapshot} from '../snapshot/types';
import {REPORT_KIND, REPORT_VERSION, type ReportedPolicy, type ScanReport} from './types';

export interface BuildReportInput {
  snapshot: Snapshot;
  policies: CompiledPolicy[];
  results: Evaluation[];
  failOn: FailOn;
  tool: {name: string; version: string};
  generatedAt: string;
  inventorySource?: string;
}

export function reportedPolicy(policy: CompiledPolicy): ReportedPolicy {
  const {appliesTo: _a, assert: _b, messages: _c, requires: _d, checks: _e, ...metadata} = policy;
  return metadata;
}

export function buildReport(input: BuildReportInput): ScanReport {
  const {snapshot, results} = input;
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, results.filter((r) => r.status === s).length])) as ScanReport['summary']['byStatus'];
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, results.filter((r) => r.status === 'fail' && r.severity === s).length])) as ScanReport['summary']['failingBySeverity'];
  const brokers = snapshot.accounts.reduce((n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0), 0);
  const gate = decideGate(results, snapshot.errors.length, input.failOn);
  return {
    kind: REPORT_KIND,
    reportVersion: REPORT_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt,
    inventory: {
      collectedAt: snapshot.collectedAt,
      method: snapshot.collection.method,
      scopes: snapshot.accounts.flatMap((a) => a.regions.filter((r) => r.mqOffered).map((r) => ({accountId: a.accountId, region: r.region}))),
      ...(input.inventorySource ? {source: input.inventorySource} : {}),
    },
    policies: input.policies.map((p) => reportedPolicy(p)),
    results,
    collectionErrors: snapshot.errors,
    summary: {brokers, evaluations: results.length, byStatus, failingBySeverity, collectionErrors: snapshot.errors.length},
    gate: {failOn: input.failOn, ...gate},
  };
}
