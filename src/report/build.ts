/** Assembles the ScanReport from evaluations: pure, so every formatter sees the same facts. */
import type {BrokerNetworkFacts, Independence} from '../network/facts';
import type {CompiledPolicy} from '../policy/loader';
import {type Baseline, compareWithBaseline} from '../policy/baseline';
import {decideGate} from '../policy/gate';
import {applySuppressions, type SuppressionList, utcDay} from '../policy/suppressions';
import {type Evaluation, type FailOn, type ResourceRef, SEVERITIES, STATUSES} from '../policy/types';
import type {Snapshot} from '../snapshot/types';
import {findingFingerprint} from './fingerprint';
import {aboutNetwork, findingNetwork} from './paths';
import {
  NO_BROKERS_WARNING,
  REPORT_KIND,
  REPORT_VERSION,
  type ReportedEvaluation,
  type ReportedPolicy,
  type ReportWarning,
  type ScanReport,
} from './types';

export interface BuildReportInput {
  snapshot: Snapshot;
  policies: CompiledPolicy[];
  /** The evaluations; failing network findings already carry their hops (reportedResults, while evaluating). */
  results: ReportedEvaluation[];
  failOn: FailOn;
  tool: {name: string; version: string};
  generatedAt: string;
  inventorySource?: string;
  /** Accepted findings (--suppressions): they do not fail the gate; expired and stale entries become warnings. */
  suppressions?: SuppressionList;
  /** An earlier report (--baseline): only failing findings new since then fail the gate. */
  baseline?: Baseline;
  /** The --redact alias of an account id, so suppressions and baselines may name accounts by alias. */
  aliasOf?: (accountId: string) => string;
  /** scan --plan/--template with --gate changes: results carry `change`, and only what the change introduces gates. */
  changeGate?: {introducedErrors: number};
  /** --fail-on-empty: no broker found in any region scanned fails the gate. */
  failOnEmpty?: boolean;
  /** The independence rule the path model judged with (config network.independence). */
  independence?: Independence;
}

export function reportedPolicy(policy: CompiledPolicy): ReportedPolicy {
  const {appliesTo: _a, assert: _b, messages: _c, requires: _d, checks: _e, ...metadata} = policy;
  return metadata;
}

export function buildReport(input: BuildReportInput): ScanReport {
  const {snapshot, results} = input;
  const byStatus = Object.fromEntries(
    STATUSES.map((s) => [s, results.filter((r) => r.status === s).length]),
  ) as ScanReport['summary']['byStatus'];
  const failingBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, results.filter((r) => r.status === 'fail' && r.severity === s).length]),
  ) as ScanReport['summary']['failingBySeverity'];
  const brokers = snapshot.accounts.reduce(
    (n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0),
    0,
  );
  const scopes = snapshot.accounts.flatMap((a) =>
    a.regions.filter((r) => r.mqOffered).map((r) => ({accountId: a.accountId, region: r.region})),
  );
  const judged = judgeFindings(results, input, scopes);
  const empty = brokers === 0 ? emptyEstateWarning(snapshot, input.inventorySource) : undefined;
  if (empty) judged.sections.warnings = [empty, ...(judged.sections.warnings ?? [])];
  const gate = decideGate(judged.results, snapshot.errors.length, input.failOn, {
    baseline: input.baseline !== undefined,
    ...(empty && {empty: {failOnEmpty: input.failOnEmpty === true}}),
    ...(input.changeGate && {changesOnly: true, introducedErrors: input.changeGate.introducedErrors}),
  });
  const suppressed = judged.results.filter((ev) => ev.suppression).length;
  return {
    kind: REPORT_KIND,
    reportVersion: REPORT_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt,
    inventory: {
      collectedAt: snapshot.collectedAt,
      method: snapshot.collection.method,
      scopes,
      ...(input.inventorySource ? {source: input.inventorySource} : {}),
      ...(snapshot.collection.accountSelection?.shard ? {shard: snapshot.collection.accountSelection.shard} : {}),
    },
    policies: input.policies.map((p) => reportedPolicy(p)),
    results: judged.results,
    collectionErrors: snapshot.errors,
    summary: {
      brokers,
      evaluations: results.length,
      byStatus,
      failingBySeverity,
      collectionErrors: snapshot.errors.length,
      ...(input.suppressions ? {suppressed} : {}),
    },
    gate: {failOn: input.failOn, ...gate},
    ...(input.independence && {network: {independence: input.independence}}),
    ...judged.sections,
  };
}

/**
 * No broker in any region scanned, each region having answered (a region whose ListBrokers failed leaves the scan
 * incomplete instead: we could not look). Usually the scan looked in the wrong place: another region, another
 * account, or credentials that see nothing.
 */
function emptyEstateWarning(snapshot: Snapshot, inventorySource: string | undefined): ReportWarning | undefined {
  const regions = snapshot.accounts.flatMap((account) => account.regions);
  if (regions.some((region) => region.mqOffered && region.brokers === null)) return undefined;
  const offered = [...new Set(regions.filter((region) => region.mqOffered).map((region) => region.region))].sort();
  const accounts = snapshot.accounts.length;
  const where =
    offered.length === 0
      ? `no region scanned offers Amazon MQ${regions.length > 0 ? ` (${[...new Set(regions.map((region) => region.region))].sort().join(', ')})` : ''}`
      : `Amazon MQ lists no broker in ${offered.length === 1 ? 'the region' : `any of the ${offered.length} regions`} scanned (${offered.join(', ')})${accounts > 1 ? ` of ${accounts} accounts` : ''}`;
  const source = inventorySource === undefined ? '' : ` in ${inventorySource}`;
  return {
    code: NO_BROKERS_WARNING,
    message:
      `No broker found${source}: ${where}. Check the regions (--region, --all-regions), the account (--profile, --role-arn) and that the ` +
      'credentials may call mq:ListBrokers; --fail-on-empty (or defaults["fail-on-empty"]) makes this fail the gate.',
  };
}

/** The result with its fingerprint (the same object when it has one: scan adds them while evaluating). */
export function withFingerprint(ev: ReportedEvaluation): ReportedEvaluation {
  return ev.fingerprint === undefined ? {...ev, fingerprint: findingFingerprint(ev.policyId, ev.resource.arn)} : ev;
}

/**
 * Every result gets its fingerprint; failing ones what the suppressions and the baseline make of them. Suppressions
 * go first: a suppressed finding is still marked new or unchanged, so the baseline counts stay true.
 */
export function judgeFindings(
  results: ReportedEvaluation[],
  input: Pick<BuildReportInput, 'aliasOf' | 'baseline' | 'generatedAt' | 'suppressions'>,
  scopes: {accountId: string; region: string}[],
): {results: ReportedEvaluation[]; sections: Pick<ScanReport, 'baseline' | 'suppressions' | 'warnings'>} {
  let current: ReportedEvaluation[] = results.map(withFingerprint);
  const sections: Pick<ScanReport, 'baseline' | 'suppressions' | 'warnings'> = {};
  const warnings: ReportWarning[] = [];
  if (input.suppressions) {
    const outcome = applySuppressions(current, input.suppressions, {
      today: utcDay(new Date(input.generatedAt)),
      scopes,
      aliasOf: input.aliasOf,
    });
    current = outcome.results;
    sections.suppressions = {file: input.suppressions.file, entries: outcome.statuses};
    warnings.push(...outcome.warnings);
  }

  if (input.baseline) {
    const accounts = [...new Set(scopes.map((scope) => scope.accountId))];
    const outcome = compareWithBaseline(current, input.baseline, {accounts, aliasOf: input.aliasOf});
    current = outcome.results;
    sections.baseline = {
      file: input.baseline.file,
      generatedAt: input.baseline.generatedAt,
      counts: outcome.counts,
      absent: outcome.absent,
    };
    warnings.push(...outcome.warnings);
  }

  if (warnings.length > 0) sections.warnings = warnings;
  return {results: current, sections};
}

/**
 * The results as the report keeps them, with their fingerprints. Failing results of policies that read the broker
 * document's `network` (their explanations point there, or they require a /network pointer) get the hops they are
 * about; `networkFacts` is the path model's answer for the broker (its document's `network`), undefined or null
 * when the network was not modelled. Each result is built as one object of a fixed shape, not as copies of
 * copies: ten thousand brokers' results are kept to the end.
 */
export function reportedResults(
  results: Evaluation[],
  policies: CompiledPolicy[],
  networkFacts: (broker: ResourceRef) => BrokerNetworkFacts | null | undefined,
): ReportedEvaluation[] {
  return results.map((ev) => {
    const network = networkOf(ev, policies, networkFacts);
    const fingerprint = findingFingerprint(ev.policyId, ev.resource.arn);
    const {policyId, status, severity, resource, message, reason, explanations} = ev;
    if (explanations) {
      return network
        ? {policyId, status, severity, resource, message, reason, explanations, network, fingerprint}
        : {policyId, status, severity, resource, message, reason, explanations, fingerprint};
    }

    return network
      ? {policyId, status, severity, resource, message, reason, network, fingerprint}
      : {policyId, status, severity, resource, message, reason, fingerprint};
  });
}

/** Policies that require a /network pointer, per policy list (scan asks once per broker). */
const REQUIRES_NETWORK = new WeakMap<CompiledPolicy[], Set<string>>();

function networkOf(
  ev: Evaluation,
  policies: CompiledPolicy[],
  networkFacts: (broker: ResourceRef) => BrokerNetworkFacts | null | undefined,
) {
  if (ev.status !== 'fail') return undefined;
  let requiresNetwork = REQUIRES_NETWORK.get(policies);
  if (!requiresNetwork) {
    requiresNetwork = new Set(
      policies
        .filter((p) => (p.requires ?? []).some((pointer) => pointer === '/network' || pointer.startsWith('/network/')))
        .map((p) => p.id),
    );
    REQUIRES_NETWORK.set(policies, requiresNetwork);
  }

  const explanations = ev.explanations ?? [];
  if (!requiresNetwork.has(ev.policyId) && !explanations.some(aboutNetwork)) return undefined;
  const facts = networkFacts(ev.resource);
  return facts ? findingNetwork(facts, ev.resource, explanations) : undefined;
}
