/**
 * A GitHub-flavoured Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the gate decision,
 * failing findings by severity, the failing brokers with policy and reason, what could not be checked, what was
 * suppressed, and what changed against the baseline.
 *
 * Every piece of text from the estate or from files (broker names, messages, reasons) goes through `escapeCell`,
 * so a `|`, `<`, `*` or backtick in it cannot break a table, inject HTML or start a code span, and `@team`, a bare
 * URL or `#123` in it cannot notify, link or cross-reference (src/foundation/markdown.ts). Long lists are cut
 * (the JSON report has everything), keeping a comment well under GitHub's 65,536-character limit.
 */
import {gates} from '../policy/gate';
import type {ResourceRef} from '../policy/types';
import {SEVERITIES} from '../policy/types';
import {markdownText} from '../foundation/markdown';
import type {CollectionError} from '../snapshot/types';
import {compareCollectionErrors, compareEvaluations, compareStrings} from './ordering';
import {findingRows} from './table-compact';
import type {RenderOptions, ReportedEvaluation, ScanReport} from './types';

/** Rows per table; the rest is counted, not shown. */
export const MAX_ROWS = 50;
/** Characters of one cell before it is cut. */
const MAX_CELL = 300;

type AbsentNow = NonNullable<ScanReport['baseline']>['absent'][number]['now'];

const ABSENT_LABEL: Record<AbsentNow, string> = {
  pass: 'fixed',
  not_applicable: 'fixed (no longer applies)',
  error: 'not evaluated this time',
  missing: 'not in this scan',
};

export function renderMarkdown(report: ScanReport, _options: RenderOptions = {}): string {
  const sections = [
    headline(report),
    changeSection(report),
    severityTable(report),
    failingSection(report),
    incompleteSection(report),
    suppressedSection(report),
    baselineSection(report),
    warningSection(report),
  ];
  return sections.filter((section) => section !== '').join('\n\n') + '\n';
}

/**
 * Text safe inside a GFM table cell or list item (src/foundation/markdown.ts): one line; Markdown punctuation
 * backslash-escaped; `&`, `<`, `>` as entities, so no HTML can be formed; a word GitHub would make a mention, an
 * autolink or an issue reference (`@user`, `https://…`, `www.…`, an e-mail address, `#123`) as a code span;
 * control and bidi characters shown escaped.
 */
export function escapeCell(text: string, max = MAX_CELL): string {
  return markdownText(text, max);
}

/** A policy id as code when it is plain (ids are `[a-z0-9-/]`), escaped text otherwise. */
function code(id: string): string {
  return /^[A-Za-z0-9._/*-]+$/.test(id) ? `\`${id}\`` : escapeCell(id);
}

function headline(report: ScanReport): string {
  const {gate, summary, inventory} = report;
  const state =
    gate.exitCode === 0
      ? 'passed ✅'
      : gate.exitCode === 1
        ? 'failed ❌'
        : gate.exitCode === 3
          ? 'incomplete ⚠️'
          : `exit ${gate.exitCode}`;
  const accounts = new Set(inventory.scopes.map((scope) => scope.accountId)).size;
  const regions = new Set(inventory.scopes.map((scope) => scope.region)).size;
  const facts = [
    `${plural(summary.brokers, 'broker')} in ${plural(accounts, 'account')} and ${plural(regions, 'region')}`,
    `${inventory.method} inventory collected ${escapeCell(inventory.collectedAt)}`,
    `${escapeCell(report.tool.name)} ${escapeCell(report.tool.version)}`,
    ...(report.redaction ? [`account ids redacted (${report.redaction.accountAliases} aliases)`] : []),
  ];
  return [
    `## mq-audit: gate ${state}`,
    '',
    `**${escapeCell(gate.reason, 1000)}** Exit code ${gate.exitCode}, fail-on \`${gate.failOn}\`.`,
    '',
    facts.join(' · '),
  ].join('\n');
}

/** scan --plan/--template: what the change introduces leads, then resolved findings and moved verdicts. */
function changeSection(report: ScanReport): string {
  const change = report.change;
  if (!change) return '';
  const count = (state: 'introduced' | 'resolved' | 'unchanged') =>
    SEVERITIES.reduce((n, s) => n + change.findings[state][s], 0);
  const bySeverity = (state: 'introduced' | 'resolved' | 'unchanged') =>
    SEVERITIES.filter((s) => change.findings[state][s] > 0)
      .map((s) => `${change.findings[state][s]} ${s}`)
      .join(', ');
  const introduced = count('introduced');
  const lines = [
    `### This change introduces ${plural(introduced, 'finding')}${introduced > 0 ? ` (${bySeverity('introduced')})` : ''}`,
    '',
    `Resolves ${plural(count('resolved'), 'finding')}${count('resolved') > 0 ? ` (${bySeverity('resolved')})` : ''}; ` +
      `${plural(count('unchanged'), 'finding')} already failing on the deployed estate ${change.gate === 'changes' ? 'do not count for the gate' : 'count for the gate (--gate all)'}. ` +
      (change.deployed
        ? `Applied to the deployed estate (${escapeCell(change.deployed.source)}, ${plural(change.deployed.brokers, 'broker')}).`
        : 'Judged alone: no deployed estate was given, so what the change refers to outside itself is unknown.'),
  ];
  const introducedResults = report.results
    .filter((ev) => ev.change === 'introduced' && ev.status === 'fail')
    .sort(compareEvaluations);
  if (introducedResults.length > 0) {
    const rows = introducedResults.map((ev) => [
      escapeCell(ev.resource.name || ev.resource.id),
      ev.severity,
      code(ev.policyId),
      escapeCell(ev.cause?.text ?? ''),
      escapeCell(ev.message, 1000),
    ]);
    lines.push('', cappedTable(['Broker', 'Severity', 'Policy', 'Caused by', 'Finding'], rows));
  }

  for (const moved of change.verdicts.slice(0, MAX_ROWS)) {
    lines.push(
      '',
      `- **${escapeCell(moved.broker)}**: on-premises verdict ${moved.before ?? 'none'} → ${moved.after ?? 'none'}`,
    );
    if (moved.diagram) lines.push('', '```mermaid', moved.diagram.trimEnd(), '```');
  }

  if (change.unknowns.length > 0) {
    lines.push(
      '',
      `Known only after apply (checks that need these are not evaluated): ${change.unknowns
        .slice(0, 10)
        .map((u) => escapeCell(`${u.address}: ${u.reason}`))
        .join('; ')}${change.unknowns.length > 10 ? ` (and ${change.unknowns.length - 10} more)` : ''}.`,
    );
  }

  return lines.join('\n');
}

function severityTable(report: ScanReport): string {
  const failing = report.results.filter((ev) => ev.status === 'fail');
  const withBaseline = report.baseline !== undefined;
  const withSuppressions = report.suppressions !== undefined || failing.some((ev) => ev.suppression);
  const header = ['Severity', 'Failing', ...(withBaseline ? ['New'] : []), ...(withSuppressions ? ['Suppressed'] : [])];
  const rows = SEVERITIES.map((severity) => {
    const ofSeverity = failing.filter((ev) => ev.severity === severity);
    const open = ofSeverity.filter((ev) => !ev.suppression);
    return [
      severity,
      String(open.length),
      ...(withBaseline ? [String(open.filter((ev) => ev.baseline === 'new').length)] : []),
      ...(withSuppressions ? [String(ofSeverity.length - open.length)] : []),
    ];
  });
  return table(header, rows, ['---', ...header.slice(1).map(() => '---:')]);
}

/**
 * One row per policy and reason, with the brokers it holds on: the reason whole (never cut in the middle), the
 * brokers and their accounts in a <details> list when there are more than a few. Same grouping as the table.
 */
function failingSection(report: ScanReport): string {
  const failing = report.results.filter((ev) => ev.status === 'fail' && !ev.suppression);
  if (failing.length === 0) return '### Failing brokers\n\nNone.';
  const brokers = new Set(failing.map((ev) => ev.resource.arn)).size;
  const withBaseline = report.baseline !== undefined;
  const rows = findingRows({...report, results: failing.sort(compareFailing)}, undefined);
  const header = ['Brokers', 'Severity', 'Policy', 'Reason', ...(withBaseline ? ['Baseline'] : []), 'Gate'];
  const cells = rows.map((row) => [
    brokerCell(row.members),
    row.severity,
    code(row.policy),
    escapeCell(
      withBaseline && row.members[0].baseline ? row.reason.replace(`[${row.members[0].baseline}] `, '') : row.reason,
      MAX_REASON,
    ),
    ...(withBaseline ? [row.members[0].baseline ?? ''] : []),
    // Below --fail-on, or unchanged since the baseline: listed, but not what failed the job.
    row.members.some((ev) => gates(ev, report.gate.failOn)) ? 'fails' : '',
  ]);
  return [
    `### Failing brokers (${brokers}): ${plural(failing.length, 'finding')} in ${plural(rows.length, 'group')}`,
    '',
    cappedTable(header, cells),
  ].join('\n');
}

/** The reason is never cut below this many characters (a pathological custom message). */
const MAX_REASON = 4000;
/** Brokers named in a cell before the rest go into a <details> list. */
const BROKERS_INLINE = 3;

/** `orders-prod` (with its account and region), or `8 brokers` and a <details> list of them. */
function brokerCell(members: readonly ReportedEvaluation[]): string {
  const seen = new Map<string, ReportedEvaluation['resource']>();
  for (const ev of members) seen.set(ev.resource.arn, ev.resource);
  const resources = [...seen.values()];
  const label = (r: ResourceRef) => `${escapeCell(r.name || r.id)} (${where(r)})`;
  if (resources.length <= BROKERS_INLINE) return resources.map(label).join(', ');
  return `<details><summary>${resources.length} brokers</summary>${resources.map(label).join('<br>')}</details>`;
}

/** New before unchanged (the ones a reviewer must look at), then the usual severity/policy/broker order. */
function compareFailing(a: ReportedEvaluation, b: ReportedEvaluation): number {
  const rank = (ev: ReportedEvaluation) => (ev.baseline === 'unchanged' ? 1 : 0);
  return rank(a) - rank(b) || compareEvaluations(a, b);
}

function incompleteSection(report: ScanReport): string {
  const errors = report.results.filter((ev) => ev.status === 'error').sort(compareEvaluations);
  const collection = [...report.collectionErrors].sort(compareCollectionErrors);
  if (errors.length === 0 && collection.length === 0) return '';
  const parts = [
    `### Incomplete: ${plural(errors.length, 'check')} not evaluated, ${plural(collection.length, 'collection error')}`,
  ];
  if (errors.length > 0) {
    // Checks not evaluated for one cause are one row (a denied DescribeBroker: every check of the broker).
    const rows = findingRows({...report, results: errors}, undefined).map((row) => [
      brokerCell(row.members),
      escapeCell(row.policy),
      escapeCell(row.reason.replace(/^not evaluated: /, ''), MAX_REASON),
    ]);
    parts.push('', cappedTable(['Brokers', 'Checks', 'Why they could not be evaluated'], rows));
  }

  if (collection.length > 0) {
    const rows = collection.map((error) => [
      escapeCell(`${error.service} ${error.operation}`),
      escapeCell(collectionScope(error)),
      escapeCell(`${error.code} (${error.kind})`),
      escapeCell(error.message, MAX_REASON),
    ]);
    parts.push('', cappedTable(['Call', 'Where', 'Error', 'Message'], rows));
  }

  parts.push('', 'A check that could not be evaluated is never counted as passing.');
  return parts.join('\n');
}

function suppressedSection(report: ScanReport): string {
  const suppressed = report.results.filter((ev) => ev.status === 'fail' && ev.suppression).sort(compareEvaluations);
  if (suppressed.length === 0) return '';
  const rows = suppressed.map((ev) => {
    const suppression = ev.suppression!;
    return [
      escapeCell(ev.resource.name || ev.resource.id),
      ev.severity,
      code(ev.policyId),
      escapeCell(suppression.ticket ? `${suppression.reason} (${suppression.ticket})` : suppression.reason),
      escapeCell(suppression.expires),
    ];
  });
  const source = report.suppressions ? ` by ${escapeCell(report.suppressions.file)}` : '';
  return [
    `### Suppressed (${suppressed.length})`,
    '',
    `Accepted${source}: these do not fail the gate and are not uploaded to code scanning.`,
    '',
    cappedTable(['Broker', 'Severity', 'Policy', 'Reason', 'Expires'], rows),
  ].join('\n');
}

function baselineSection(report: ScanReport): string {
  const {baseline} = report;
  if (!baseline) return '';
  const {counts} = baseline;
  const lines = [
    `### Against the baseline`,
    '',
    `${escapeCell(baseline.file)} (${escapeCell(baseline.generatedAt)}): **${counts.new} new**, ${counts.unchanged} unchanged, ` +
      `${counts.absent} no longer failing (${counts.fixed} fixed).`,
  ];
  if (baseline.absent.length > 0) {
    const absent = [...baseline.absent].sort(
      (a, b) => compareStrings(a.policyId, b.policyId) || compareStrings(a.name ?? a.arn, b.name ?? b.arn),
    );
    const rows = absent.map((finding) => [
      ABSENT_LABEL[finding.now],
      escapeCell(finding.name ?? finding.arn),
      escapeCell(finding.accountId && finding.region ? `${finding.accountId} / ${finding.region}` : ''),
      finding.severity,
      code(finding.policyId),
    ]);
    lines.push('', cappedTable(['Now', 'Broker', 'Account / region', 'Severity', 'Policy'], rows));
  }

  return lines.join('\n');
}

function warningSection(report: ScanReport): string {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return '';
  return [
    `### Warnings (${warnings.length})`,
    '',
    ...warnings.map((warning) => `- ${escapeCell(warning.message, 1000)}`),
  ].join('\n');
}

function table(header: string[], rows: string[][], align = header.map(() => '---')): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`;
  return [line(header), `|${align.join('|')}|`, ...rows.map(line)].join('\n');
}

/** A table, plus a line saying how many rows were left out. */
function cappedTable(header: string[], rows: string[][], align?: string[]): string {
  const shown = table(header, rows.slice(0, MAX_ROWS), align);
  return rows.length > MAX_ROWS
    ? `${shown}\n\n… and ${rows.length - MAX_ROWS} more: see the JSON report (\`--format json\`).`
    : shown;
}

function where(resource: ResourceRef): string {
  return escapeCell(`${resource.accountId} / ${resource.region}`);
}

function collectionScope(error: CollectionError): string {
  return [error.accountId, error.region, error.resource].filter(Boolean).join(' / ') || 'everywhere';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
