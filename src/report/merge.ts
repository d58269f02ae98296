/**
 * Merging the reports of several scans (typically the N shards of one `--shard I/N` matrix) into one. Pure.
 *
 * JSON reports → one ScanReport with ONE gate decision over the union:
 *   - results: the union; a finding (policy × broker ARN) present in several inputs is kept once when the inputs
 *     agree on it, and is a conflict when they do not (two scans judged the same broker differently);
 *   - policies: the union; the same policy id with different metadata or parameters is a conflict;
 *   - collection errors and warnings: the union without duplicates;
 *   - shards: inputs made with --shard must all have the same N and together cover 1…N exactly once;
 *   - --fail-on, tool, inventory method, redaction, suppression and baseline files must agree (or --fail-on is
 *     given to the merge): a gate over inputs judged by different rules would mean nothing;
 *   - a proposed change (scan --plan/--template): every input judged the same change with the same --gate, and
 *     the merged gate is decided as the scans decided theirs (with --gate changes, introduced findings only).
 * SARIF logs → one log whose runs are the inputs' runs, each keeping its own category (GitHub code scanning keys
 * alerts on category); two runs with one category, or more than 20 runs, are errors.
 */
import type {Log, Run} from 'sarif';

import {decideGate} from '../policy/gate';
import {type FailOn, SEVERITIES, STATUSES} from '../policy/types';
import type {SuppressionState, SuppressionStatus} from '../policy/suppressions';
import {compareCollectionErrors, compareStrings} from './ordering';
import {
  type ChangeReport,
  NO_BROKERS_WARNING,
  REPORT_VERSION,
  type ReportedEvaluation,
  type ReportedPolicy,
  type ReportWarning,
  type ScanReport,
} from './types';

/** GitHub code scanning rejects a SARIF file with more runs than this. */
export const MAX_SARIF_RUNS = 20;

export interface NamedInput<T> {
  /** The file it came from, for messages. */
  file: string;
  value: T;
}

/** A merge that cannot be done: the message names the inputs and what disagrees. */
export class MergeConflict extends Error {
  override readonly name = 'MergeConflict';
  constructor(
    readonly problem: string,
    readonly files: string[],
  ) {
    super(problem);
  }
}

export interface ReportMergeOptions {
  /** Overrides the inputs' --fail-on (then they may differ). */
  failOn?: FailOn;
}

export function mergeReports(inputs: readonly NamedInput<ScanReport>[], options: ReportMergeOptions = {}): ScanReport {
  if (inputs.length === 0) throw new MergeConflict('nothing to merge: no report given', []);
  const first = inputs[0];
  const failOn =
    options.failOn ??
    agreed(
      inputs,
      (r) => r.gate.failOn,
      'were gated with different --fail-on values',
      'pass --fail-on to the merge to choose one',
    );
  agreed(inputs, (r) => r.tool.name, 'come from different tools');
  const version = agreed(
    inputs,
    (r) => r.tool.version,
    'come from different mq-audit versions',
    'policies and checks may differ: scan every shard with one version',
  );
  const method = agreed(inputs, (r) => r.inventory.method, 'mix live and fixture inventories');
  agreed(
    inputs,
    (r) => JSON.stringify(r.redaction ?? null),
    'mix redacted and unredacted (or differently redacted) reports',
  );
  const network = agreed(
    inputs,
    (r) => r.network,
    'judged the network with different independence rules (config network.independence)',
    'scan every shard with the same config',
  );
  checkShards(inputs);

  const results = mergeResults(inputs);
  const collectionErrors = unionBy(
    inputs.flatMap((i) => i.value.collectionErrors),
    canonical,
  ).sort(compareCollectionErrors);
  const policies = mergePolicies(inputs);
  const sections = mergeSections(inputs);
  const change = mergeChange(inputs);
  const gate = decideGate(results, collectionErrors.length, failOn, {
    baseline: sections.baseline !== undefined,
    ...(change?.gate === 'changes' && {changesOnly: true, introducedErrors: change.introducedErrors}),
  });
  const byStatus = Object.fromEntries(
    STATUSES.map((s) => [s, results.filter((r) => r.status === s).length]),
  ) as ScanReport['summary']['byStatus'];
  const failingBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, results.filter((r) => r.status === 'fail' && r.severity === s).length]),
  ) as ScanReport['summary']['failingBySeverity'];
  const sources = [...new Set(inputs.map((i) => i.value.inventory.source))];

  return {
    kind: first.value.kind,
    reportVersion: REPORT_VERSION,
    tool: {name: first.value.tool.name, version},
    generatedAt: latest(inputs.map((i) => i.value.generatedAt)),
    inventory: {
      collectedAt: earliest(inputs.map((i) => i.value.inventory.collectedAt)),
      method,
      scopes: unionBy(
        inputs.flatMap((i) => i.value.inventory.scopes),
        (s) => `${s.accountId}\0${s.region}`,
      ).sort((a, b) => compareStrings(a.accountId, b.accountId) || compareStrings(a.region, b.region)),
      ...(sources.length === 1 && sources[0] !== undefined && {source: sources[0]}),
    },
    policies,
    results,
    collectionErrors,
    summary: {
      brokers: brokerCount(inputs, results),
      evaluations: results.length,
      byStatus,
      failingBySeverity,
      collectionErrors: collectionErrors.length,
      ...(sections.suppressions && {suppressed: results.filter((r) => r.suppression).length}),
    },
    gate: {failOn, ...gate},
    ...(network && {network}),
    ...(first.value.redaction && {redaction: first.value.redaction}),
    ...sections,
    ...(change && {change}),
  };
}

/**
 * The shards of one scan of a proposed change. The change itself (its inputs, resources, unknowns, warnings) is
 * the same in every shard; what it does to findings and verdicts is per shard's accounts and adds up; an edit is
 * `applied` when any shard's estate held what it edits.
 */
function mergeChange(inputs: readonly NamedInput<ScanReport>[]): ChangeReport | undefined {
  const judged = inputs.filter((i) => i.value.change);
  if (judged.length === 0) return undefined;
  const files = inputs.map((i) => i.file);
  if (judged.length !== inputs.length)
    throw new MergeConflict('only some of the reports judged a proposed change (scan --plan/--template)', files);
  const gate = agreed(inputs, (r) => r.change!.gate, 'judged the change with different --gate values');
  agreed(
    inputs,
    (r) => r.change!.inputs.map((c) => c.description),
    'judged different proposed changes',
    'scan every shard with the same --plan or --template',
  );
  const changes = inputs.map((i) => i.value.change!);
  const deployedEstates = changes.map((c) => c.deployed);
  if (deployedEstates.some((d) => d === null) && deployedEstates.some((d) => d !== null)) {
    throw new MergeConflict('some reports applied the change to a deployed estate and some judged it alone', files);
  }
  const first = changes[0];
  const edits = new Map<string, ChangeReport['edits'][number]>();
  for (const edit of changes.flatMap((c) => c.edits)) {
    const seen = edits.get(edit.address);
    if (!seen || (seen.outcome !== 'applied' && edit.outcome === 'applied')) edits.set(edit.address, edit);
  }
  const findings = Object.fromEntries(
    (Object.keys(first.findings) as (keyof ChangeReport['findings'])[]).map((state) => [
      state,
      Object.fromEntries(
        SEVERITIES.map((severity) => [severity, sum(changes.map((c) => c.findings[state]?.[severity] ?? 0))]),
      ),
    ]),
  ) as ChangeReport['findings'];
  return {
    gate,
    inputs: first.inputs,
    deployed: deployedEstates.every((d) => d === null)
      ? null
      : {
          source: [...new Set(deployedEstates.map((d) => d!.source))].join(', '),
          brokers: sum(deployedEstates.map((d) => d!.brokers)),
        },
    resources: first.resources,
    findings,
    // A report without the count (written before it was kept) counts its errors: incomplete rather than passed.
    introducedErrors: sum(
      inputs.map((i) => i.value.change!.introducedErrors ?? i.value.results.filter((r) => r.status === 'error').length),
    ),
    resolvedByDeletion: unionBy(
      changes.flatMap((c) => c.resolvedByDeletion),
      (f) => f.fingerprint,
    ),
    verdicts: unionBy(
      changes.flatMap((c) => c.verdicts),
      (v) => v.key,
    ),
    unknowns: unionBy(
      changes.flatMap((c) => c.unknowns),
      canonical,
    ),
    edits: [...edits.values()],
    warnings: unionBy(
      changes.flatMap((c) => c.warnings),
      canonical,
    ),
  };
}

/** The value every input has for `pick`; a MergeConflict naming the inputs when they differ. */
function agreed<T>(
  inputs: readonly NamedInput<ScanReport>[],
  pick: (report: ScanReport) => T,
  problem: string,
  hint?: string,
): T {
  const values = new Map<string, {value: T; files: string[]}>();
  for (const input of inputs) {
    const value = pick(input.value);
    const key = JSON.stringify(value ?? null);
    const entry = values.get(key) ?? {value, files: []};
    entry.files.push(input.file);
    values.set(key, entry);
  }
  if (values.size > 1) {
    const detail = [...values.values()]
      .map(({value, files}) => `${JSON.stringify(value ?? null)} in ${files.join(', ')}`)
      .join('; ');
    throw new MergeConflict(
      `the reports ${problem} (${detail})${hint ? `; ${hint}` : ''}`,
      inputs.map((i) => i.file),
    );
  }
  return [...values.values()][0].value;
}

/** Sharded inputs: one N, each shard once, none missing (a missing shard would pass a gate over part of the estate). */
function checkShards(inputs: readonly NamedInput<ScanReport>[]): void {
  const sharded = inputs.filter((i) => i.value.inventory.shard !== undefined);
  if (sharded.length === 0) return;
  const counts = [...new Set(sharded.map((i) => i.value.inventory.shard!.count))];
  if (counts.length > 1) {
    throw new MergeConflict(
      `the reports come from different shard splits (${counts.map((n) => `N=${n}`).join(', ')}); merge the shards of one run`,
      sharded.map((i) => i.file),
    );
  }
  const count = counts[0];
  const byIndex = new Map<number, string[]>();
  for (const input of sharded)
    byIndex.set(input.value.inventory.shard!.index, [
      ...(byIndex.get(input.value.inventory.shard!.index) ?? []),
      input.file,
    ]);
  const twice = [...byIndex].filter(([, files]) => files.length > 1);
  if (twice.length > 0) {
    const [index, files] = twice[0];
    throw new MergeConflict(`shard ${index}/${count} is given more than once (${files.join(', ')})`, files);
  }
  const missing = Array.from({length: count}, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new MergeConflict(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing: the merged gate would cover only part of the accounts`,
      sharded.map((i) => i.file),
    );
  }
}

/** One result per (policy, broker ARN); the same finding twice must be the same finding. */
function mergeResults(inputs: readonly NamedInput<ScanReport>[]): ReportedEvaluation[] {
  const byKey = new Map<string, {result: ReportedEvaluation; json: string; file: string}>();
  for (const input of inputs) {
    for (const result of input.value.results) {
      const key = `${result.policyId}\0${result.resource.arn}`;
      const json = canonical(result);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, {result, json, file: input.file});
        continue;
      }
      if (seen.json !== json) {
        const what =
          seen.result.status !== result.status
            ? `${seen.result.status} in ${seen.file}, ${result.status} in ${input.file}`
            : `differently in ${seen.file} and ${input.file}`;
        throw new MergeConflict(
          `policy ${result.policyId} on broker ${result.resource.arn} was judged ${what}: the inputs overlap but disagree (scans of different times?)`,
          [seen.file, input.file],
        );
      }
    }
  }
  return [...byKey.values()]
    .map((entry) => entry.result)
    .sort((a, b) => compareStrings(a.resource.arn, b.resource.arn) || compareStrings(a.policyId, b.policyId));
}

function mergePolicies(inputs: readonly NamedInput<ScanReport>[]): ReportedPolicy[] {
  const byId = new Map<string, {policy: ReportedPolicy; json: string; file: string}>();
  for (const input of inputs) {
    for (const policy of input.value.policies) {
      const json = canonical(policy);
      const seen = byId.get(policy.id);
      if (!seen) byId.set(policy.id, {policy, json, file: input.file});
      else if (seen.json !== json) {
        const fields = Object.keys({...seen.policy, ...policy}).filter(
          (key) =>
            canonical((seen.policy as Record<string, unknown>)[key]) !==
            canonical((policy as Record<string, unknown>)[key]),
        );
        throw new MergeConflict(
          `policy ${policy.id} differs between ${seen.file} and ${input.file} (${fields.join(', ')}): scan every shard with the same policies and config`,
          [seen.file, input.file],
        );
      }
    }
  }
  return [...byId.values()].map((entry) => entry.policy).sort((a, b) => compareStrings(a.id, b.id));
}

type Sections = Pick<ScanReport, 'baseline' | 'suppressions' | 'warnings'>;

/**
 * Suppression statuses and baseline counts are computed per scan over its own accounts, so with disjoint shards
 * they add up: an entry matched in any shard is active, counts are summed, absent findings united.
 */
function mergeSections(inputs: readonly NamedInput<ScanReport>[]): Sections {
  const sections: Sections = {};
  const withSuppressions = inputs.filter((i) => i.value.suppressions);
  if (withSuppressions.length > 0) {
    const file = agreed(withSuppressions, (r) => r.suppressions!.file, 'were made with different suppression files');
    if (withSuppressions.length !== inputs.length)
      throw new MergeConflict(
        'only some of the reports were made with --suppressions',
        inputs.map((i) => i.file),
      );
    sections.suppressions = {
      file,
      entries: mergeSuppressionEntries(withSuppressions.map((i) => i.value.suppressions!.entries)),
    };
  }

  const withBaseline = inputs.filter((i) => i.value.baseline);
  if (withBaseline.length > 0) {
    const file = agreed(withBaseline, (r) => r.baseline!.file, 'were compared with different baselines');
    if (withBaseline.length !== inputs.length)
      throw new MergeConflict(
        'only some of the reports were compared with a --baseline',
        inputs.map((i) => i.file),
      );
    const baselines = withBaseline.map((i) => i.value.baseline!);
    sections.baseline = {
      file,
      generatedAt: baselines[0].generatedAt,
      counts: {
        new: sum(baselines.map((b) => b.counts.new)),
        unchanged: sum(baselines.map((b) => b.counts.unchanged)),
        absent: 0,
        fixed: 0,
      },
      absent: unionBy(
        baselines.flatMap((b) => b.absent),
        (f) => f.fingerprint,
      ),
    };
    sections.baseline.counts.absent = sections.baseline.absent.length;
    sections.baseline.counts.fixed = sum(baselines.map((b) => b.counts.fixed));
  }

  // "No broker found" holds for the merged estate only when it held for every input (a shard may be empty).
  const everyEmpty = inputs.every((i) => (i.value.warnings ?? []).some((w) => w.code === NO_BROKERS_WARNING));
  const warnings = unionBy<ReportWarning>(
    inputs.flatMap((i) => (i.value.warnings ?? []).filter((w) => everyEmpty || w.code !== NO_BROKERS_WARNING)),
    canonical,
  );
  if (warnings.length > 0) sections.warnings = warnings;
  return sections;
}

/** Most telling first: an entry active anywhere is active; expired beats stale beats out-of-scope. */
const STATE_RANK: Record<SuppressionState, number> = {active: 0, expired: 1, stale: 2, 'out-of-scope': 3};

function mergeSuppressionEntries(lists: SuppressionStatus[][]): SuppressionStatus[] {
  const byPointer = new Map<string, SuppressionStatus>();
  for (const entry of lists.flat()) {
    const seen = byPointer.get(entry.pointer);
    if (!seen) {
      byPointer.set(entry.pointer, {...entry});
      continue;
    }
    seen.matched += entry.matched;
    if (entry.matchedOtherResults !== undefined)
      seen.matchedOtherResults = (seen.matchedOtherResults ?? 0) + entry.matchedOtherResults;
    if ((STATE_RANK[entry.state] ?? 9) < (STATE_RANK[seen.state] ?? 9)) seen.state = entry.state;
  }
  return [...byPointer.values()];
}

/**
 * Brokers: those with results, counted once, plus per input those it counted without any result (e.g. a scan
 * with no policy applying to them), which disjoint shards cannot share.
 */
function brokerCount(inputs: readonly NamedInput<ScanReport>[], results: readonly ReportedEvaluation[]): number {
  const withResults = new Set(results.map((r) => r.resource.arn)).size;
  const without = inputs.reduce(
    (n, input) =>
      n + Math.max(0, input.value.summary.brokers - new Set(input.value.results.map((r) => r.resource.arn)).size),
    0,
  );
  return withResults + without;
}

// ---- SARIF -------------------------------------------------------------------------------------------------------

/**
 * GitHub's category of a run: `automationDetails.id` up to its last `/` (our scans write `<category>/`); an id
 * without `/` is the category itself; no id is the default (empty) category.
 */
export function runCategory(run: Run): string {
  const id = run.automationDetails?.id ?? '';
  const slash = id.lastIndexOf('/');
  return slash >= 0 ? id.slice(0, slash) : id;
}

export function mergeSarif(inputs: readonly NamedInput<Log>[]): Log {
  if (inputs.length === 0) throw new MergeConflict('nothing to merge: no SARIF file given', []);
  const runs: {run: Run; file: string; category: string}[] = inputs.flatMap((input) =>
    input.value.runs.map((run) => ({run, file: input.file, category: runCategory(run)})),
  );
  const byCategory = new Map<string, string>();
  for (const {category, file} of runs) {
    const other = byCategory.get(category);
    if (other !== undefined) {
      const shown = category === '' ? 'the default category (no automationDetails.id)' : `category "${category}"`;
      throw new MergeConflict(
        `two runs share ${shown} (${other === file ? `twice in ${file}` : `${other} and ${file}`}): GitHub code scanning would reject the file; scan each shard with its own --category (e.g. mq-audit/shard-1)`,
        [...new Set([other, file])],
      );
    }
    byCategory.set(category, file);
  }
  if (runs.length > MAX_SARIF_RUNS) {
    throw new MergeConflict(
      `${runs.length} runs: GitHub code scanning accepts at most ${MAX_SARIF_RUNS} runs per SARIF file; merge the JSON reports instead (one run), or upload the files separately`,
      inputs.map((i) => i.file),
    );
  }
  return {
    $schema: inputs[0].value.$schema,
    version: '2.1.0',
    runs: runs.sort((a, b) => compareStrings(a.category, b.category)).map((r) => r.run),
  };
}

// ---- helpers -----------------------------------------------------------------------------------------------------

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareStrings(a, b)))
      : v,
  );
}

function unionBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function earliest(times: string[]): string {
  return [...times].sort(compareStrings)[0];
}

function latest(times: string[]): string {
  return [...times].sort(compareStrings)[times.length - 1];
}
