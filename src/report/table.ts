/**
 * The terminal view: for people, never parsed (the JSON format is the machine one).
 *
 * Default (src/report/table-compact.ts): the verdict and the counts first, then one line per finding (severity,
 * broker, policy, the reason alone) fitted to the terminal's width, findings with the same policy and reason
 * grouped across brokers, checks not evaluated for one cause grouped into one line, the gate decision last.
 *
 * Verbose (`--verbose`, this file): brokers that need attention first, each with its failing policies and the
 * whole message; then what could not be read, the totals and the gate decision.
 */
import type {Evaluation, ResourceRef, Severity} from '../policy/types';
import {SEVERITIES} from '../policy/types';
import type {CollectionError} from '../snapshot/types';
import {type Paint, painter, type Style, terminalOutput, terminalSafeDeep} from '../foundation/terminal';
import {compareCollectionErrors, compareEvaluations, compareSeverity, compareStrings} from './ordering';
import {filterReport, renderCompactTable} from './table-compact';
import type {RenderOptions, ReportedEvaluation, ScanReport} from './types';

const WIDTH = 100;
/** A reason starts on its own line when the columns before it leave less room than this. */
const MIN_REASON_WIDTH = 40;
const MAX_ID_COLUMN = 36;
const INDENT = '      ';

export const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
};

interface BrokerGroup {
  resource: ResourceRef;
  /** Failing and not suppressed. */
  fails: ReportedEvaluation[];
  errors: Evaluation[];
  /** Failing, accepted by a suppression. */
  suppressed: ReportedEvaluation[];
  passes: number;
  notApplicable: number;
}

/**
 * Every value of the report is escaped for the terminal (src/foundation/terminal.ts) before it is measured, wrapped and
 * coloured: broker names, tags and messages are attacker-controlled.
 */
export function renderTable(unsafeReport: ScanReport, options: RenderOptions = {}): string {
  if (!options.verbose) return renderCompactTable(unsafeReport, options);
  const report = terminalSafeDeep(filterReport(unsafeReport, options.show));
  const paint = painter(options.color === true);
  const groups = brokerGroups(report.results);
  const sections = [headline(report, paint), brokerSection(groups, paint)];
  if (report.collectionErrors.length > 0) sections.push(collectionErrorSection(report.collectionErrors, paint));
  if (report.baseline) sections.push(baselineSection(report.baseline, paint));
  if (report.change) sections.push(changeSection(report.change, paint));
  if (report.warnings?.length) sections.push(warningSection(report.warnings, paint));
  sections.push(summarySection(report, groups, paint), gateLine(report, paint));
  return terminalOutput(sections.filter((section) => section !== '').join('\n\n') + '\n');
}

export function headline(report: ScanReport, paint: Paint): string {
  const {scopes} = report.inventory;
  const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
  const regions = new Set(scopes.map((scope) => scope.region)).size;
  const title = paint('bold', `${report.tool.name} ${report.tool.version}`);
  const scope = `${plural(accounts, 'account')}, ${plural(regions, 'region')}`;
  return `${title}: ${plural(report.summary.brokers, 'broker')} in ${scope} (${report.inventory.method} inventory collected ${report.inventory.collectedAt})`;
}

function brokerGroups(results: ReportedEvaluation[]): BrokerGroup[] {
  const byArn = new Map<string, BrokerGroup>();
  for (const ev of results) {
    let group = byArn.get(ev.resource.arn);
    if (!group) {
      group = {resource: ev.resource, fails: [], errors: [], suppressed: [], passes: 0, notApplicable: 0};
      byArn.set(ev.resource.arn, group);
    }
    if (ev.status === 'fail' && ev.suppression) group.suppressed.push(ev);
    else if (ev.status === 'fail') group.fails.push(ev);
    else if (ev.status === 'error') group.errors.push(ev);
    else if (ev.status === 'pass') group.passes += 1;
    else group.notApplicable += 1;
  }
  for (const group of byArn.values()) {
    group.fails.sort(compareEvaluations);
    group.errors.sort(compareEvaluations);
    group.suppressed.sort(compareEvaluations);
  }
  return [...byArn.values()].sort(compareGroups);
}

/** Failing brokers (worst first), then brokers we could not fully evaluate, then ones with only suppressed findings, then the rest. */
function compareGroups(a: BrokerGroup, b: BrokerGroup): number {
  return (
    groupRank(a) - groupRank(b) ||
    (a.fails.length > 0 && b.fails.length > 0 ? compareSeverity(a.fails[0].severity, b.fails[0].severity) : 0) ||
    b.fails.length - a.fails.length ||
    compareStrings(a.resource.name, b.resource.name) ||
    compareStrings(a.resource.arn, b.resource.arn)
  );
}

/** Groups ranked below this get one compact line. */
const COMPACT_RANK = 3;

function groupRank(group: BrokerGroup): number {
  if (group.fails.length > 0) return 0;
  if (group.errors.length > 0) return 1;
  return group.suppressed.length > 0 ? 2 : COMPACT_RANK;
}

function brokerSection(groups: BrokerGroup[], paint: Paint): string {
  if (groups.length === 0) return 'No brokers were evaluated.';
  const listed = groups.flatMap((group) => [...group.fails, ...group.errors, ...group.suppressed]);
  // One id column for all brokers, so reasons line up down the whole table.
  const idWidth = Math.min(MAX_ID_COLUMN, Math.max(0, ...listed.map((ev) => ev.policyId.length)));
  const detailed = groups
    .filter((group) => groupRank(group) < COMPACT_RANK)
    .map((group) => brokerBlock(group, idWidth, paint));
  const compact = groups.filter((group) => groupRank(group) === COMPACT_RANK).map((group) => compactLine(group, paint));
  return [...detailed, ...(compact.length > 0 ? [compact.join('\n')] : [])].join('\n\n');
}

function brokerHeader(label: string, resource: ResourceRef): string {
  return `${label}${resource.name}  ${resource.accountId} / ${resource.region}  ${resource.engineType}`;
}

function brokerBlock(group: BrokerGroup, idWidth: number, paint: Paint): string {
  const label =
    group.fails.length > 0
      ? paint(['bold', 'red'], 'FAIL  ')
      : group.errors.length > 0
        ? paint(['bold', 'magenta'], 'ERROR ')
        : paint('dim', 'SUPPR ');
  const counts = [
    group.fails.length > 0 ? `${group.fails.length} failing` : '',
    group.errors.length > 0 ? `${group.errors.length} not evaluated` : '',
    group.suppressed.length > 0 ? `${group.suppressed.length} suppressed` : '',
    group.passes > 0 ? `${group.passes} passing` : '',
  ].filter(Boolean);
  const header = `${brokerHeader(label, group.resource)}  ${paint('dim', `(${counts.join(', ')})`)}`;
  const lines = [
    ...group.fails.map((ev) =>
      policyLines(
        paint(SEVERITY_STYLE[ev.severity], ev.severity.padEnd(8)),
        ev.policyId,
        idWidth,
        `${baselineMark(ev)}${ev.message}`,
      ),
    ),
    ...group.errors.map((ev) =>
      policyLines(paint('magenta', 'error'.padEnd(8)), ev.policyId, idWidth, `could not evaluate: ${ev.message}`),
    ),
    ...group.suppressed.map((ev) =>
      policyLines(paint('dim', ev.severity.padEnd(8)), ev.policyId, idWidth, suppressedReason(ev)),
    ),
  ];
  return [header, ...lines].join('\n');
}

/** `severity  policy-id  reason`, the reason wrapped under itself, or below the line when the id is long. */
function policyLines(severityColumn: string, policyId: string, idWidth: number, reason: string): string {
  const prefixWidth = INDENT.length + 8 + 2 + Math.max(idWidth, policyId.length) + 2;
  const prefix = `${INDENT}${severityColumn}  ${policyId.padEnd(idWidth)}  `;
  if (WIDTH - prefixWidth >= MIN_REASON_WIDTH) {
    const [first, ...rest] = wrap(reason, WIDTH - prefixWidth);
    return [prefix + first, ...rest.map((line) => ' '.repeat(prefixWidth) + line)].join('\n');
  }
  const indent = `${INDENT}  `;
  return [prefix.trimEnd(), ...wrap(reason, WIDTH - indent.length).map((line) => indent + line)].join('\n');
}

/** `[introduced: …]` (with the edit behind it) when a change is judged; `[new] ` / `[unchanged] ` with a baseline. */
export function baselineMark(ev: ReportedEvaluation): string {
  const change =
    ev.change === 'introduced'
      ? `[introduced${ev.cause ? `: ${ev.cause.text}` : ''}] `
      : ev.change === 'unchanged'
        ? '[unchanged by the change] '
        : '';
  return change + (ev.baseline ? `[${ev.baseline}] ` : '');
}

function suppressedReason(ev: ReportedEvaluation): string {
  const suppression = ev.suppression!;
  const ticket = suppression.ticket ? ` (${suppression.ticket})` : '';
  return `[suppressed until ${suppression.expires}] ${baselineMark(ev)}${ev.message} Accepted because: ${suppression.reason}${ticket}`;
}

function compactLine(group: BrokerGroup, paint: Paint): string {
  if (group.passes === 0) {
    return `${brokerHeader(paint('dim', 'N/A   '), group.resource)}  ${paint('dim', `(no policy applies, ${group.notApplicable} not applicable)`)}`;
  }
  const detail =
    group.notApplicable > 0
      ? `all ${group.passes} passing, ${group.notApplicable} not applicable`
      : `all ${group.passes} passing`;
  return `${brokerHeader(paint('green', 'PASS  '), group.resource)}  ${paint('dim', `(${detail})`)}`;
}

export function collectionErrorSection(errors: CollectionError[], paint: Paint): string {
  const title =
    paint(['bold', 'red'], `Could not read (${errors.length}):`) + ' findings that depend on these calls are missing.';
  const blocks = [...errors].sort(compareCollectionErrors).map((error) => {
    const where = `${error.accountId ?? 'unknown account'} / ${error.region ?? 'no region'}`;
    const head = `  ${paint('bold', `${error.service} ${error.operation}`)}  ${where}  ${paint('red', error.code)} (${error.kind})`;
    const detail = [error.resource ? `${error.resource}:` : '', error.message].join(' ').trim();
    return [head, ...(detail === '' ? [] : wrap(detail, WIDTH - INDENT.length).map((line) => INDENT + line))].join(
      '\n',
    );
  });
  return [title, ...blocks].join('\n');
}

/** scan --plan/--template: what the change does, in a few lines before the summary. */
export function changeSection(change: NonNullable<ScanReport['change']>, paint: Paint): string {
  const total = (state: keyof typeof change.findings) =>
    Object.values(change.findings[state]).reduce((n, c) => n + c, 0);
  const edits = Object.entries(change.resources)
    .map(([action, types]) => [action, Object.values(types).reduce((n, c) => n + c, 0)] as const)
    .filter(([, n]) => n > 0);
  const lines = [
    `${paint('bold', 'The change')} ${change.inputs.map((i) => i.file).join(', ')}: ${edits.map(([action, n]) => `${n} ${action}`).join(', ') || 'no resource changes'}; ` +
      `findings ${total('introduced')} introduced, ${total('unchanged')} unchanged, ${total('resolved')} resolved` +
      (change.deployed ? '' : ' (judged alone: no deployed estate)'),
    ...change.verdicts
      .slice(0, 20)
      .map((v) => `  ${v.broker}: on-premises verdict ${v.before ?? 'none'} → ${v.after ?? 'none'}`),
    ...(change.unknowns.length > 0
      ? [`  ${change.unknowns.length} value(s) known only after apply (the JSON report lists them)`]
      : []),
  ];
  return lines.join('\n');
}

export function baselineSection(baseline: NonNullable<ScanReport['baseline']>, paint: Paint): string {
  const {counts} = baseline;
  const title =
    paint('bold', `Against the baseline`) +
    ` ${baseline.file} (${baseline.generatedAt}): ${counts.new} new, ${counts.unchanged} unchanged, ${counts.absent} no longer failing` +
    (counts.absent > 0 ? ` (${counts.fixed} fixed)` : '') +
    (counts.absent > 0 ? ':' : '.');
  const lines = baseline.absent.map((finding) => {
    const where = [
      finding.name ?? finding.arn,
      finding.accountId && finding.region ? `${finding.accountId} / ${finding.region}` : '',
    ]
      .filter(Boolean)
      .join('  ');
    return `  ${ABSENT_LABEL[finding.now].padEnd(15)}${finding.policyId}  ${where}`;
  });
  return [title, ...lines].join('\n');
}

/** What a finding of the baseline that is not failing now has become. */
const ABSENT_LABEL: Record<NonNullable<ScanReport['baseline']>['absent'][number]['now'], string> = {
  pass: 'fixed',
  not_applicable: 'fixed (n/a)',
  error: 'not evaluated',
  missing: 'not in scan',
};

export function warningSection(warnings: NonNullable<ScanReport['warnings']>, paint: Paint): string {
  const title = paint(['bold', 'yellow'], `Warnings (${warnings.length}):`);
  return [
    title,
    ...warnings.map((warning) =>
      wrap(warning.message, WIDTH - 4)
        .map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
        .join('\n'),
    ),
  ].join('\n');
}

function summarySection(report: ScanReport, groups: BrokerGroup[], paint: Paint): string {
  const {summary} = report;
  const count = (predicate: (group: BrokerGroup) => boolean) => groups.filter(predicate).length;
  const brokers = [
    [count((group) => group.fails.length > 0), 'failing'],
    [count((group) => groupRank(group) === 1), 'not fully evaluated'],
    [count((group) => groupRank(group) === 2), 'with only suppressed findings'],
    [count((group) => groupRank(group) === COMPACT_RANK && group.passes > 0), 'passing'],
    [count((group) => groupRank(group) === COMPACT_RANK && group.passes === 0), 'with no applicable policy'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  const byStatus = summary.byStatus;
  const bySeverity = SEVERITIES.filter((severity) => summary.failingBySeverity[severity] > 0).map((severity) =>
    paint(SEVERITY_STYLE[severity], `${summary.failingBySeverity[severity]} ${severity}`),
  );
  return [
    paint('bold', 'Summary'),
    `  Brokers      ${summary.brokers}${brokers.length > 0 ? `: ${brokers.join(', ')}` : ''}`,
    `  Results      ${byStatus.pass} pass, ${byStatus.fail} fail, ${byStatus.not_applicable} not applicable, ${byStatus.error} error`,
    `  Failing      ${bySeverity.length > 0 ? bySeverity.join(', ') : 'none'}${summary.suppressed ? ` (${summary.suppressed} of them suppressed)` : ''}`,
    `  Not read     ${plural(summary.collectionErrors, 'collection error')}`,
  ].join('\n');
}

export function gateLine(report: ScanReport, paint: Paint): string {
  const {gate} = report;
  const style: Style = gate.exitCode === 0 ? ['bold', 'green'] : ['bold', 'red'];
  return `${paint(style, 'Gate:')} ${gate.reason} (fail-on ${gate.failOn}, exit code ${gate.exitCode})`;
}

/** Greedy word wrap; a word longer than the width (an ARN) gets a line of its own rather than being split. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
