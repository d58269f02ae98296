/**
 * `scan`: get a snapshot (a file or live), load policies, evaluate, and build the report. No flags, no printing.
 */
import {type Config, parameterOverrides} from '../config';
import {evaluateSnapshot} from '../policy/evaluate';
import {loadPolicies} from '../policy/loader';
import type {FailOn} from '../policy/types';
import {buildReport} from '../report/build';
import type {ScanReport} from '../report/types';
import {readSnapshot} from '../snapshot/read';
import type {Snapshot} from '../snapshot/types';
import {TOOL} from '../version';
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
  now?: () => Date;
}

export interface ScanOutcome {
  report: ScanReport;
  snapshot: Snapshot;
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
  const snapshot = 'file' in options.source ? readSnapshot(options.source.file) : await collectLive(options.source.live);
  const results = evaluateSnapshot(snapshot, policies, evaluationOptions(snapshot, options.config, {onPremCidrs: options.onPremCidrs}));
  const report = buildReport({
    snapshot,
    policies,
    results,
    failOn: options.failOn,
    tool: TOOL,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    inventorySource: 'file' in options.source ? options.source.file : undefined,
  });
  return {report, snapshot};
}
