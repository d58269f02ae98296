/**
 * The default table: what a person at a terminal reads at a glance.
 *
 *   mq-audit 0.1.0: 12 brokers in 1 account, 1 region (…)
 *   Gate: Gate failed: 38 failing finding(s) at or above low (…). (fail-on low, exit code 1)
 *   Brokers 12: 11 failing, 1 not fully evaluated · results 60 pass, 38 fail, 12 n/a, 11 error · 1 collection error
 *
 *   high    nacl-prod      mq/private-connectivity   the reason alone, wrapped in its column …
 *   low     8 brokers      mq/ldap-authentication    authenticationStrategy is SIMPLE, expected "LDAP" …
 *                                                    on orders-prod, search-prod, …
 *   error   ledger-prod    11 checks                 not evaluated: mq:DescribeBroker denied (AccessDeniedException)
 *
 *   … what could not be read, baseline, change, warnings (one line each) …
 *   Gate: … (the last line, for logs that keep the tail)
 *
 * Only the reason wraps; when the columns before it leave it less than MIN_REASON columns, its continuation lines
 * hang under the severity instead. Display filters (`show`) pick the rows; the gate and the counts stay the scan's.
 */
import type {Severity} from '../policy/types';
import type {CollectionError} from '../snapshot/types';
import {type Paint, painter, terminalOutput, terminalSafeDeep} from '../foundation/terminal';
import {compareSeverity, compareStrings} from './ordering';
import {reasonOf} from './parts';
import {baselineMark, baselineSection, changeSection, plural, SEVERITY_STYLE, warningSection, wrap} from './table';
import type {RenderOptions, ReportedEvaluation, ScanReport, ShowFilter} from './types';

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
/** The reason gets its own column when that leaves it at least this many columns. */
const MIN_REASON = 50;
const MAX_BROKER_COLUMN = 24;
const MAX_POLICY_COLUMN = 36;
const HANG = '          ';

/** One line of the table: a finding, or the same finding on several brokers, or checks not evaluated for one cause. */
export interface Row {
  kind: 'error' | 'fail' | 'not_applicable' | 'pass' | 'suppressed';
  severity: Severity;
  policy: string;
  reason: string;
  brokers: string[];
  /** The results the row stands for. */
  members: ReportedEvaluation[];
}

export function renderCompactTable(unsafeReport: ScanReport, options: RenderOptions): string {
  const report = terminalSafeDeep(unsafeReport);
  const paint = painter(options.color === true);
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const filtered = filterReport(report, options.show);
  // Judging a change, what was failing before it is the nightly audit's: listed in --verbose, counted here.
  const before = report.change?.gate === 'changes' ? filtered.results.filter((ev) => ev.status === 'fail' && ev.change === 'unchanged') : [];
  const shown = before.length > 0 ? {...filtered, results: filtered.results.filter((ev) => !(ev.status === 'fail' && ev.change === 'unchanged'))} : filtered;
  const rows = findingRows(shown, options.show);
  const verdict = verdictLines(report, width, paint);
  const sections = [
    [...wrapPainted(compactHeadline(report, paint), width), ...verdict, ...wrap(countsLine(report), width)].join('\n'),
    rowsSection(rows, shown, report, width, paint, filtered !== report),
  ];
  if (before.length > 0) {
    sections.push(wrap(`${before.length} finding(s) already failing on the deployed estate are not listed: they do not count for the gate (--verbose lists them, --gate all counts them).`, width).join('\n'));
  }
  const passing = passingLine(report, width, paint);
  if (passing) sections.push(passing);
  if (report.collectionErrors.length > 0) sections.push(collectionErrorLines(report.collectionErrors, width, paint));
  if (report.baseline) sections.push(baselineSection(report.baseline, paint));
  if (report.change) sections.push(changeSection(report.change, paint));
  if (report.warnings?.length) sections.push(warningSection(report.warnings, paint));
  sections.push(verdict.join('\n'));
  return terminalOutput(sections.filter((section) => section !== '').join('\n\n') + '\n');
}

/** The report with only the results the filter shows; everything else (gate, summary) as it was. */
export function filterReport(report: ScanReport, show: ShowFilter | undefined): ScanReport {
  if (!show || (!show.severity && !show.statuses?.length && !show.brokers?.length)) return report;
  const globs = (show.brokers ?? []).map(globPattern);
  const results = report.results.filter((ev) => {
    if (show.severity && compareSeverity(ev.severity, show.severity) > 0) return false;
    if (show.statuses?.length && !show.statuses.includes(ev.status === 'fail' && ev.suppression ? 'suppressed' : ev.status)) return false;
    return globs.length === 0 || globs.some((glob) => glob.test(ev.resource.name));
  });
  return {...report, results};
}

/** `orders-*`, `*-prod`, `mq-?`: the whole name, case-sensitive. */
function globPattern(glob: string): RegExp {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what a glob's characters are
  const escaped = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c)).join('');
  return new RegExp(`^${escaped}$`);
}

function compactHeadline(report: ScanReport, paint: Paint): string {
  const {scopes} = report.inventory;
  const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
  const regions = new Set(scopes.map((scope) => scope.region)).size;
  return `${paint('bold', `${report.tool.name} ${report.tool.version}`)} · ${plural(accounts, 'account')}, ${plural(regions, 'region')} · ${report.inventory.method} inventory of ${report.inventory.collectedAt}`;
}

function countsLine(report: ScanReport): string {
  const {summary} = report;
  const byBroker = new Map<string, {fail: boolean; error: boolean}>();
  for (const ev of report.results) {
    const entry = byBroker.get(ev.resource.arn) ?? {fail: false, error: false};
    if (ev.status === 'fail' && !ev.suppression) entry.fail = true;
    if (ev.status === 'error') entry.error = true;
    byBroker.set(ev.resource.arn, entry);
  }

  const brokers = [...byBroker.values()];
  const failing = brokers.filter((b) => b.fail).length;
  const notEvaluated = brokers.filter((b) => !b.fail && b.error).length;
  const parts = [
    `${plural(summary.brokers, 'broker')}: ${[failing > 0 ? `${failing} failing` : '', notEvaluated > 0 ? `${notEvaluated} not fully evaluated` : '', summary.brokers - failing - notEvaluated > 0 ? `${summary.brokers - failing - notEvaluated} passing` : ''].filter(Boolean).join(', ')}`,
    `${summary.byStatus.pass} pass, ${summary.byStatus.fail} fail${summary.suppressed ? ` (${summary.suppressed} suppressed)` : ''}, ${summary.byStatus.not_applicable} n/a, ${summary.byStatus.error} error`,
    summary.collectionErrors === 1 ? '1 call failed' : `${summary.collectionErrors} calls failed`,
  ];
  return parts.join(' · ');
}

/** Failing findings grouped by policy, reason and change/baseline state; errors by cause; then suppressed ones. */
export function findingRows(report: ScanReport, show: ShowFilter | undefined): Row[] {
  // Passing and not-applicable results are counted, and listed only when --status asks for them.
  const listed: string[] = show?.statuses ?? [];
  const titles = new Map(report.policies.map((p) => [p.id, p.title]));
  const describeFailed = new Map<string, CollectionError>();
  for (const error of report.collectionErrors) if (error.resource && error.service === 'mq' && error.operation === 'DescribeBroker') describeFailed.set(error.resource, error);
  const groups = new Map<string, Row>();
  let current: ReportedEvaluation | undefined;
  const add = (key: string, row: Omit<Row, 'brokers' | 'members'>, broker: string) => {
    const existing = groups.get(key);
    if (existing) {
      if (!existing.brokers.includes(broker)) existing.brokers.push(broker);
      existing.members.push(current!);
    } else {
      groups.set(key, {...row, brokers: [broker], members: [current!]});
    }
  };

  const errorChecks = new Map<string, Set<string>>();
  for (const ev of report.results) {
    current = ev;
    const broker = ev.resource.name;
    const reason = reasonOf(ev, titles.get(ev.policyId));
    if (ev.status === 'fail') {
      const kind = ev.suppression ? 'suppressed' : 'fail';
      const text = `${kind === 'suppressed' ? suppressedMark(ev) : ''}${baselineMark(ev)}${reason}`;
      add(`${kind}\u0000${ev.policyId}\u0000${text}`, {kind, severity: ev.severity, policy: ev.policyId, reason: text}, broker);
    } else if (ev.status === 'error') {
      // Checks not evaluated for one cause are one line: a broker whose DescribeBroker failed, else the reason.
      const failed = describeFailed.get(ev.resource.id);
      const cause = failed ? `${failed.service}:${failed.operation} ${failed.kind === 'access-denied' ? 'denied' : 'failed'} (${failed.code})` : reason;
      const key = `error\u0000${cause}`;
      add(key, {kind: 'error', severity: ev.severity, policy: '', reason: cause}, broker);
      const checks = errorChecks.get(key) ?? new Set<string>();
      checks.add(`${ev.policyId}\u0000${ev.resource.arn}`);
      errorChecks.set(key, checks);
      const row = groups.get(key)!;
      if (compareSeverity(ev.severity, row.severity) < 0) row.severity = ev.severity;
      row.policy = row.policy === '' || row.policy === ev.policyId ? ev.policyId : '*';
    } else if (listed.includes(ev.status)) {
      add(`${ev.status}\u0000${ev.policyId}\u0000${reason}`, {kind: ev.status, severity: ev.severity, policy: ev.policyId, reason}, broker);
    }
  }

  for (const row of groups.values()) row.brokers.sort(compareStrings);
  for (const [key, checks] of errorChecks) {
    const row = groups.get(key)!;
    if (row.policy === '*' || checks.size > row.brokers.length) row.policy = `${checks.size} checks`;
    row.reason = `not evaluated: ${row.reason}`;
  }

  const rank = {fail: 0, error: 1, suppressed: 2, pass: 3, not_applicable: 4};
  // New findings (against a baseline) before unchanged ones: those are what a reviewer must look at.
  const unchanged = (row: Row) => (row.members[0].baseline === 'unchanged' ? 1 : 0);
  return [...groups.values()].sort((a, b) =>
    rank[a.kind] - rank[b.kind] || unchanged(a) - unchanged(b) || compareSeverity(a.severity, b.severity) || b.brokers.length - a.brokers.length || compareStrings(a.policy, b.policy) || compareStrings(a.reason, b.reason));
}

function suppressedMark(ev: ReportedEvaluation): string {
  const s = ev.suppression!;
  return `[suppressed until ${s.expires}: ${s.reason}${s.ticket ? ` (${s.ticket})` : ''}] `;
}

/** `userFiltered`: a display filter (--severity, --status, --broker) is on; say how much it shows. */
function rowsSection(rows: Row[], shown: ScanReport, report: ScanReport, width: number, paint: Paint, userFiltered = shown !== report): string {
  const filtered = userFiltered;
  const note = filtered ? `Showing ${plural(shown.results.length, 'result')} of ${report.results.length} (display filter; the gate counts every result).` : '';
  if (report.results.length === 0) return 'No brokers were evaluated.';
  if (rows.length === 0) return note || 'Nothing to show: no failing finding, and every check was evaluated.';
  const brokerLabel = (row: Row) => (row.brokers.length === 1 ? row.brokers[0] : `${row.brokers.length} brokers`);
  const brokerW = Math.min(MAX_BROKER_COLUMN, Math.max(...rows.map((r) => brokerLabel(r).length)));
  const policyW = Math.min(MAX_POLICY_COLUMN, Math.max(...rows.map((r) => r.policy.length)));
  const lines: string[] = [];
  if (note) lines.push(note, '');
  for (const row of rows) {
    const severity = row.kind === 'error' ? paint('magenta', 'error'.padEnd(10)) : row.kind === 'suppressed' ? paint('dim', row.severity.padEnd(10)) : row.kind === 'fail' ? paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(10)) : paint(row.kind === 'pass' ? 'green' : 'dim', (row.kind === 'pass' ? 'pass' : 'n/a').padEnd(10));
    const broker = brokerLabel(row);
    const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${fit(row.policy, policyW).padEnd(policyW)}  `;
    const column = 10 + brokerW + 2 + Math.max(policyW, 0) + 2;
    const brokerList = row.brokers.length > 1 ? `on ${row.brokers.join(', ')}` : '';
    if (width - column >= MIN_REASON) {
      const pad = ' '.repeat(column);
      const [first, ...rest] = wrap(row.reason, width - column);
      lines.push(prefix + first, ...rest.map((line) => pad + line));
      if (brokerList) lines.push(...wrap(brokerList, width - column).map((line) => pad + paint('dim', line)));
    } else {
      // Narrow: the reason starts on the row's line and hangs under the severity.
      const first = width - column;
      const words = wrapFirst(row.reason, first, width - HANG.length);
      lines.push((prefix + (words[0] ?? '')).trimEnd(), ...words.slice(1).map((line) => HANG + line));
      if (brokerList) lines.push(...wrap(brokerList, width - HANG.length).map((line) => HANG + paint('dim', line)));
    }
  }

  return lines.join('\n');
}

/** A label cut to its column with an ellipsis (broker names and policy ids are shown whole with --verbose). */
function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Word wrap with a narrower first line (possibly empty: then the text starts on the next line). */
function wrapFirst(text: string, first: number, rest: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let limit = first;
  for (const word of words) {
    if (line === '' && word.length > limit && lines.length === 0 && limit < rest) {
      lines.push('');
      limit = rest;
    }

    if (line !== '' && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
      limit = rest;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }

  lines.push(line);
  return lines;
}

/** Brokers with nothing to act on, in one wrapped line. */
function passingLine(report: ScanReport, width: number, paint: Paint): string {
  const attention = new Set(report.results.filter((ev) => ev.status === 'fail' || ev.status === 'error').map((ev) => ev.resource.arn));
  const passing = new Map<string, string>();
  const anyPass = new Set(report.results.filter((ev) => ev.status === 'pass').map((ev) => ev.resource.arn));
  for (const ev of report.results) if (!attention.has(ev.resource.arn) && anyPass.has(ev.resource.arn)) passing.set(ev.resource.arn, ev.resource.name);
  if (passing.size === 0) return '';
  const names = [...passing.values()].sort(compareStrings);
  return wrap(`${paint('green', 'Passing')} (${names.length}): ${names.join(', ')}`, width).join('\n');
}

/** One line per failed call: what, where, the code (the message with --verbose). */
function collectionErrorLines(errors: CollectionError[], width: number, paint: Paint): string {
  const lines = errors.flatMap((error) => {
    const where = `${error.accountId ?? 'unknown account'} / ${error.region ?? 'no region'}`;
    const text = `${error.service} ${error.operation}  ${where}  ${error.code} (${error.kind})${error.resource ? ` ${error.resource}` : ''}`;
    return wrap(text, width - 4).map((line, i) => (i === 0 ? `  ${line}` : `    ${line}`));
  });
  const title = `${paint(['bold', 'red'], `Could not read (${errors.length}):`)} findings that depend on these calls are missing (--verbose for the messages).`;
  return [...wrapPainted(title, width), ...lines].join('\n');
}

/** The gate's decision in a word, then why: first and last, so a log's head and tail both say it. */
function verdictLines(report: ScanReport, width: number, paint: Paint): string[] {
  const {gate} = report;
  const word = gate.exitCode === 0 ? 'PASSED' : gate.exitCode === 1 ? 'FAILED' : gate.exitCode === 3 ? 'INCOMPLETE' : 'ERROR';
  const style = gate.exitCode === 0 ? (['bold', 'green'] as const) : (['bold', 'red'] as const);
  const reason = gate.reason.replace(/^Gate (failed|passed): /, '');
  const [first, ...rest] = wrap(`${word}: ${reason} Exit code ${gate.exitCode} (fail-on ${gate.failOn}).`, width);
  return [paint([...style], word) + first.slice(word.length), ...rest];
}

/** Wraps a line that may hold colour codes (only ever around whole words here). */
function wrapPainted(text: string, width: number): string[] {
  return wrap(text, width + (text.length - stripColour(text).length));
}

function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
