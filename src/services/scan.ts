/**
 * `scan`: get a snapshot (a file or live), load policies, evaluate, and build the report. No flags, no printing.
 */
import {type Config, parameterOverrides} from '../config';
import {loadBaseline} from '../policy/baseline';
import {evaluateSnapshot} from '../policy/evaluate';
import {loadPolicies} from '../policy/loader';
import {loadSuppressions} from '../policy/suppressions';
import type {FailOn} from '../policy/types';
import type {BrokerNetworkFacts} from '../network';
import {buildReport, reportedResults} from '../report/build';
import {createRedactor, redactReport} from '../report/redact';
import type {ScanReport} from '../report/types';
import {readSnapshot} from '../snapshot/read';
import type {Snapshot} from '../snapshot/types';
import {TOOL} from '../version';
import {type Anchoring, type IacSource, iacReport, prepareAnchoring} from './anchoring';
import {evaluationOptions} from './evaluation';
import {collectLive, type LiveOptions} from './inventory';

export interface ScanOptions {
  /** An inventory file, or live collection. */
  source: {file: string} | {live: LiveOptions};
  policyPaths: string[];
  include: string[];
  exclude: string[];
  config: Config;
  failOn: FailOn;
  /** Validated on-premises CIDRs for the path model; empty = inferred. */
  onPremCidrs?: string[];
  /** A suppressions file that must exist; when undefined, .mq-audit/suppressions.json is used if present. */
  suppressionsFile?: string;
  /** An earlier JSON report: only failing findings new since then fail the gate. */
  baselineFile?: string;
  /** Replace account ids with aliases in the report (--redact). */
  redact?: boolean;
  /** Secret for the aliases (MQ_AUDIT_REDACT_KEY); aliases are also how suppressions may name accounts. */
  redactKey?: string;
  /** Templates to anchor findings to (default: none). */
  iac?: IacSource;
  /** Where the default suppressions file is looked for. */
  cwd?: string;
  now?: () => Date;
}

export interface ScanOutcome {
  report: ScanReport;
  snapshot: Snapshot;
  /** The IaC index behind `report.iac`; its locator anchors SARIF locations. */
  anchoring?: Anchoring;
}

export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  // Policies first: a typo in a policy file should fail in milliseconds, not after a ten-minute collection.
  const policies = loadPolicies({
    paths: options.policyPaths,
    include: options.include,
    exclude: options.exclude,
    parameters: parameterOverrides(options.config),
    parametersSource: options.config.source,
  });
  // Suppressions and baseline too: bad input is reported before any AWS call.
  const suppressions = loadSuppressions(options.suppressionsFile, options.cwd);
  const baseline = options.baselineFile === undefined ? undefined : loadBaseline(options.baselineFile, options.cwd);
  const redactor = createRedactor(options.redactKey);
  const anchoring = prepareAnchoring(options.iac ?? 'none', options.cwd);
  const snapshot = 'file' in options.source ? readSnapshot(options.source.file) : await collectLive(options.source.live);
  const evaluation = evaluationOptions(snapshot, options.config, {onPremCidrs: options.onPremCidrs});
  // Failing network findings take their hops from the document being evaluated: one path analysis per broker.
  const results = evaluateSnapshot(snapshot, policies, {
    ...evaluation,
    // Fingerprinted here too, so the report does not hold a second copy of every result.
    withDocument: (own, document) => reportedResults(own, policies, () => document.network as BrokerNetworkFacts | null | undefined),
  });
  const built = buildReport({
    snapshot,
    policies,
    results,
    failOn: options.failOn,
    tool: TOOL,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    inventorySource: 'file' in options.source ? options.source.file : undefined,
    suppressions,
    baseline,
    aliasOf: redactor.aliasOf,
  });
  if (anchoring) built.iac = iacReport(anchoring, built, options.cwd);
  const report = options.redact ? redactReport(built, redactor) : built;
  return {report, snapshot, ...(anchoring && {anchoring})};
}
