/**
 * `scan`: get a snapshot (a file or live), load policies, evaluate, and build the report. No flags, no printing.
 */
import {type Config, parameterOverrides} from './config';
import {loadBaseline} from '../policy/baseline';
import {evaluateSnapshot} from '../policy/evaluate';
import {loadPolicies} from '../policy/loader';
import {loadSuppressions} from '../policy/suppressions';
import type {FailOn} from '../policy/types';
import {DEFAULT_INDEPENDENCE} from '../network';
import {buildReport, reportedResults} from '../report/build';
import {createRedactor, redactReport} from '../report/redact';
import type {ScanReport} from '../report/types';
import {readSnapshot} from '../snapshot/read';
import type {Snapshot} from '../snapshot/types';
import {TOOL} from '../foundation/version';
import {type Anchoring, type IacSource, iacReport, prepareAnchoring} from './anchoring';
import {evaluationOptions} from './evaluation';
import {collectLive, type LiveOptions} from './inventory';
import {changeReport, type ChangeInput, editLocator, networkNames, readProposedChanges} from './change';
import {applyChanges, emptySnapshot} from '../change/overlay';
import {classifyChanges, verdictChanges} from '../change/compare';
import type {CompiledPolicy} from '../policy/loader';
import {
  BUILT_IN_CALENDAR,
  readSupportCalendar,
  staleCalendarWarning,
  type SupportCalendar,
} from '../policy/support-calendar';
import type {Verdict} from '../network';
import type {ReportedEvaluation} from '../report/types';
import {brokerPathsMermaid} from '../report/paths';
import {resourceOf} from '../policy/evaluator';
import type {HtmlDiagrams} from '../report/html';
import {DiagramPicker} from './diagrams';

export interface ScanOptions {
  /** An inventory file, live collection, or (with a change) no deployed estate at all. */
  source: {file: string} | {live: LiveOptions} | {none: true};
  /** A proposed change (scan --plan/--template): the gate judges the estate with it applied. */
  change?: ChangeInput;
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
  /** An engine support calendar replacing the built-in one (--support-calendar). */
  supportCalendarFile?: string;
  /** --fail-on-empty: no broker found in any region scanned fails the gate. */
  failOnEmpty?: boolean;
  /** Templates to anchor findings to (default: none). */
  iac?: IacSource;
  /** scan --format html: draw the network paths of up to `limit` brokers (src/services/diagrams.ts). */
  diagrams?: {limit?: number};
  /** Where the default suppressions file is looked for. */
  cwd?: string;
  now?: () => Date;
}

export interface ScanOutcome {
  report: ScanReport;
  snapshot: Snapshot;
  /** The IaC index behind `report.iac`; its locator anchors SARIF locations. */
  anchoring?: Anchoring;
  /** With `options.diagrams`: the brokers' paths laid out for the HTML report. */
  diagrams?: HtmlDiagrams;
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
  const supportCalendar =
    options.supportCalendarFile === undefined ? undefined : readSupportCalendar(options.supportCalendarFile);
  const anchoring = prepareAnchoring(options.iac ?? 'none', options.cwd);
  // A change's inputs are read before any AWS call too: a binary plan should not wait for a collection.
  let proposal = options.change ? readProposedChanges(options.change) : undefined;
  const deployed =
    'file' in options.source
      ? readSnapshot(options.source.file)
      : 'live' in options.source
        ? await collectLive(options.source.live)
        : emptySnapshot();
  const inventorySource = 'file' in options.source ? options.source.file : undefined;
  const generatedAt = (options.now?.() ?? new Date()).toISOString();
  const picker = options.diagrams ? new DiagramPicker(options.diagrams.limit) : undefined;
  const judge = (snapshot: Snapshot) => judgeEstate(snapshot, policies, options, undefined, supportCalendar, picker);
  const independence = options.config.network?.independence ?? DEFAULT_INDEPENDENCE;
  const common = {
    policies,
    failOn: options.failOn,
    ...(options.failOnEmpty && {failOnEmpty: true}),
    tool: TOOL,
    generatedAt,
    inventorySource,
    suppressions,
    baseline,
    aliasOf: redactor.aliasOf,
    independence,
  };

  // A template that updates a deployed stack is read again knowing the stack's deployed resources.
  if (proposal && options.change?.stackName && options.change.templates.length > 0)
    proposal = readProposedChanges(options.change, deployed);
  let built: ScanReport;
  let snapshot = deployed;
  if (proposal && options.change) {
    const estate = applyChanges(deployed, proposal.changes, {
      ...(options.change.accountId && {accountId: options.change.accountId}),
      ...(options.change.region && {region: options.change.region}),
    });
    snapshot = estate.snapshot;
    // The pictures are of the proposed estate: the one the gate judges.
    const before =
      'none' in options.source
        ? {results: [], verdicts: new Map()}
        : judgeEstate(deployed, policies, options, undefined, supportCalendar);
    const after = judgeEstate(estate.snapshot, policies, options, before.verdicts, supportCalendar, picker);
    const locateEdit = editLocator(anchoring, options.cwd, networkNames(deployed));
    const classified = classifyChanges(after.results, before.results, estate, locateEdit);
    const gateAll = options.change.gate === 'all';
    built = buildReport({
      ...common,
      snapshot: estate.snapshot,
      results: classified.results,
      ...(!gateAll && {changeGate: {introducedErrors: classified.introducedErrors}}),
    });
    built.change = changeReport({
      input: options.change,
      proposal,
      estate,
      classified,
      deployed: 'none' in options.source ? null : {source: inventorySource ?? 'live', brokers: countBrokers(deployed)},
      verdicts: verdictChanges(before.verdicts, after.verdicts),
      locateEdit,
    });
  } else {
    built = buildReport({...common, snapshot, results: judge(snapshot).results});
  }

  if (anchoring) built.iac = iacReport(anchoring, built, options.cwd);
  const stale = staleCalendarWarning(
    supportCalendar ?? BUILT_IN_CALENDAR,
    new Date(generatedAt),
    options.supportCalendarFile ?? 'built in',
  );
  if (stale)
    built.warnings = [
      ...(built.warnings ?? []),
      {
        code: 'stale-support-calendar',
        message: stale,
        ...(options.supportCalendarFile && {source: options.supportCalendarFile}),
      },
    ];
  const report = options.redact ? redactReport(built, redactor) : built;
  const diagrams = picker && (await picker.diagrams(options.redact ? redactor : undefined));
  return {report, snapshot, ...(anchoring && {anchoring}), ...(diagrams && {diagrams})};
}

/** A broker's on-premises verdict and the networks inferred for it, by account, region and name (a replaced broker's id changes). */
export type EstateVerdicts = Map<string, {name: string; verdict: Verdict | null; inferred: string[]; diagram?: string}>;

/** Pictures of moved verdicts in the Markdown summary: a few, for the reviewer; the JSON report has every path. */
const MAX_DIAGRAMS = 10;
const PICTURED: ReadonlySet<Verdict | null> = new Set<Verdict | null>(['degraded', 'unknown', 'unreachable']);

const brokerKey = (accountId: string, region: string, name: string) => `${accountId}|${region}|${name}`;

/**
 * Every broker's results, fingerprinted, with the hops of failing network findings; and each broker's verdict.
 * `deployed`: judging the proposed estate, the deployed estate's verdicts, whose inferred networks carry over.
 */
export function judgeEstate(
  snapshot: Snapshot,
  policies: CompiledPolicy[],
  options: ScanOptions,
  deployed?: EstateVerdicts,
  supportCalendar?: SupportCalendar,
  picker?: DiagramPicker,
): {results: ReportedEvaluation[]; verdicts: EstateVerdicts} {
  const carriedNetworks =
    deployed &&
    ((scope: {broker: {name: string}; accountId: string; region: string}) =>
      deployed.get(brokerKey(scope.accountId, scope.region, scope.broker.name))?.inferred ?? []);
  const evaluation = {
    ...evaluationOptions(snapshot, options.config, {
      onPremCidrs: options.onPremCidrs,
      ...(carriedNetworks && {carriedNetworks}),
    }),
    ...(supportCalendar && {supportCalendar}),
  };
  const verdicts: EstateVerdicts = new Map();
  let diagrams = 0;
  // Failing network findings take their hops from the document being evaluated: one path analysis per broker.
  const results = evaluateSnapshot(snapshot, policies, {
    ...evaluation,
    // Fingerprinted here too, so the report does not hold a second copy of every result.
    withDocument: (own, document) => {
      const network = document.network;
      if (options.change) {
        const key = brokerKey(document.accountId, document.region, document.name);
        const inferred = network?.onPrem.networks.filter((n) => n.source === 'inferred').map((n) => n.cidr) ?? [];
        const verdict = network?.onPrem.verdict ?? null;
        // Judging the proposed estate: a verdict the change makes worse gets the picture of its paths.
        const moved =
          deployed !== undefined &&
          network &&
          PICTURED.has(verdict) &&
          deployed.get(key)?.verdict !== verdict &&
          diagrams++ < MAX_DIAGRAMS;
        verdicts.set(key, {
          name: document.name,
          verdict,
          inferred,
          ...(moved && {diagram: brokerPathsMermaid(resourceOf(document), network)}),
        });
      }
      const reported = reportedResults(own, policies, () => network);
      picker?.offer(resourceOf(document), network, reported);
      return reported;
    },
  });
  return {results, verdicts};
}

function countBrokers(snapshot: Snapshot): number {
  return snapshot.accounts.reduce((n, a) => n + a.regions.reduce((m, r) => m + (r.brokers?.length ?? 0), 0), 0);
}
