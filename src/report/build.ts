/** Assembles the ScanReport from evaluations: pure, so every formatter sees the same facts. */
import type {BrokerNetworkFacts} from '../network/facts';
import type {CompiledPolicy} from '../policy/loader';
import {decideGate} from '../policy/gate';
import {type Evaluation, type FailOn, type ResourceRef, SEVERITIES, STATUSES} from '../policy/types';
import type {Snapshot} from '../snapshot/types';
import {aboutNetwork, findingNetwork} from './paths';
import {REPORT_KIND, REPORT_VERSION, type ReportedEvaluation, type ReportedPolicy, type ScanReport} from './types';

export interface BuildReportInput {
  snapshot: Snapshot;
  policies: CompiledPolicy[];
  results: Evaluation[];
  failOn: FailOn;
  tool: {name: string; version: string};
  generatedAt: string;
  inventorySource?: string;
  /**
   * The path model's facts for a broker (the document's `network`), so failing network findings carry the
   * hops they are about; absent or undefined when the network was not modelled.
   */
  networkFacts?: (broker: ResourceRef) => BrokerNetworkFacts | null | undefined;
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
    results: input.networkFacts ? withNetworkHops(results, input.policies, input.networkFacts) : results,
    collectionErrors: snapshot.errors,
    summary: {brokers, evaluations: results.length, byStatus, failingBySeverity, collectionErrors: snapshot.errors.length},
    gate: {failOn: input.failOn, ...gate},
  };
}

/**
 * Failing results of policies that read the broker document's `network` (their explanations point there, or
 * they require a /network pointer) get the hops they are about.
 */
function withNetworkHops(
  results: Evaluation[],
  policies: CompiledPolicy[],
  networkFacts: NonNullable<BuildReportInput['networkFacts']>,
): ReportedEvaluation[] {
  const requiresNetwork = new Set(policies.filter((p) => (p.requires ?? []).some((pointer) => pointer === '/network' || pointer.startsWith('/network/'))).map((p) => p.id));
  return results.map((ev) => {
    if (ev.status !== 'fail') return ev;
    const explanations = ev.explanations ?? [];
    if (!requiresNetwork.has(ev.policyId) && !explanations.some(aboutNetwork)) return ev;
    const facts = networkFacts(ev.resource);
    const network = facts ? findingNetwork(facts, ev.resource, explanations) : undefined;
    return network ? {...ev, network} : ev;
  });
}
