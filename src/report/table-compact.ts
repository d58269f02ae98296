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
 * Only the reason wraps. When the columns before it would leave it less than MIN_REASON columns (an 80- or
 * 100-column terminal), the narrow layout: each cause follows its own policy id, its next lines are indented by two,
 * a group's brokers follow its cause in the same paragraph ("— on a, b, c"; "— on the same 8 brokers as above"
 * when the group just above lists the same ones), and a verdict that would wrap only for its exit code leaves the
 * exit code to the counts line. Display filters (`show`) pick the rows; the gate and the counts stay the scan's.
 */
import {nearest} from '../foundation/nearest';
import {globPattern} from '../foundation/strings';
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
/** Narrow terminals: how far a cause's next lines are indented. */
const NARROW_HANG = 2;
/** The severity column beside a cause column (wide terminals). */
const SEVERITY_COLUMN = 10;
/** Where a group's broker list starts inside its cause's paragraph (narrow terminals); never shown. */
const BROKERS_MARK = '\u0000';

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
  const before =
    report.change?.gate === 'changes'
      ? filtered.results.filter((ev) => ev.status === 'fail' && ev.change === 'unchanged')
      : [];
  const shown =
    before.length > 0
      ? {...filtered, results: filtered.results.filter((ev) => !(ev.status === 'fail' && ev.change === 'unchanged'))}
      : filtered;
  const rows = findingRows(shown, options.show);
  const verdict = verdictLines(report, width, paint);
  const sections = [
    [...wrapPainted(compactHeadline(report, paint), width), ...topLines(report, width, paint)].join('\n'),
    rowsSection(rows, shown, report, width, paint, filtered !== report),
  ];
  if (before.length > 0) {
    sections.push(
      wrap(
        `${before.length} finding(s) already failing on the deployed estate are not listed: they do not count for the gate (--verbose lists them, --gate all counts them).`,
        width,
      ).join('\n'),
    );
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
    if (
      show.statuses?.length &&
      !show.statuses.includes(ev.status === 'fail' && ev.suppression ? 'suppressed' : ev.status)
    )
      return false;
    return globs.length === 0 || globs.some((glob) => glob.test(ev.resource.name));
  });
  return {...report, results};
}

/**
 * The `--broker` names or globs that match no resource of the report, each with the nearest names it has (a
 * glob is compared without its wildcards). Empty when every pattern matches, or when the report has no result.
 */
export function unmatchedBrokerFilters(
  report: ScanReport,
  patterns: readonly string[],
): {pattern: string; near: string[]; names: string[]}[] {
  const names = [...new Set(report.results.map((ev) => ev.resource.name))].sort();
  if (names.length === 0) return [];
  return patterns
    .filter((pattern) => !names.some((name) => globPattern(pattern).test(name)))
    .map((pattern) => ({pattern, near: nearest(pattern.replace(/[*?]/g, ''), names), names}));
}

function compactHeadline(report: ScanReport, paint: Paint): string {
  const {scopes} = report.inventory;
  const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
  const regions = new Set(scopes.map((scope) => scope.region)).size;
  return `${paint('bold', `${report.tool.name} ${report.tool.version}`)} · ${plural(accounts, 'account')}, ${plural(regions, 'region')} · ${report.inventory.method} inventory of ${toSecond(report.inventory.collectedAt)}`;
}

/** `2026-12-01T09:00:00Z`: an ISO time to the second (the JSON report keeps the milliseconds). */
function toSecond(time: string): string {
  return time.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+Z$/, '$1Z');
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
  for (const error of report.collectionErrors)
    if (error.resource && error.service === 'mq' && error.operation === 'DescribeBroker')
      describeFailed.set(error.resource, error);
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
      add(
        `${kind}\u0000${ev.policyId}\u0000${text}`,
        {kind, severity: ev.severity, policy: ev.policyId, reason: text},
        broker,
      );
    } else if (ev.status === 'error') {
      // Checks not evaluated for one cause are one line: a broker whose DescribeBroker failed, else the reason.
      const failed = describeFailed.get(ev.resource.id);
      const cause = failed
        ? `${failed.service}:${failed.operation} ${failed.kind === 'access-denied' ? 'denied' : 'failed'} (${failed.code})`
        : reason;
      const key = `error\u0000${cause}`;
      add(key, {kind: 'error', severity: ev.severity, policy: '', reason: cause}, broker);
      const checks = errorChecks.get(key) ?? new Set<string>();
      checks.add(`${ev.policyId}\u0000${ev.resource.arn}`);
      errorChecks.set(key, checks);
      const row = groups.get(key)!;
      if (compareSeverity(ev.severity, row.severity) < 0) row.severity = ev.severity;
      row.policy = row.policy === '' || row.policy === ev.policyId ? ev.policyId : '*';
    } else if (listed.includes(ev.status)) {
      add(
        `${ev.status}\u0000${ev.policyId}\u0000${reason}`,
        {kind: ev.status, severity: ev.severity, policy: ev.policyId, reason},
        broker,
      );
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
  return [...groups.values()].sort(
    (a, b) =>
      rank[a.kind] - rank[b.kind] ||
      unchanged(a) - unchanged(b) ||
      compareSeverity(a.severity, b.severity) ||
      b.brokers.length - a.brokers.length ||
      compareStrings(a.policy, b.policy) ||
      compareStrings(a.reason, b.reason),
  );
}

function suppressedMark(ev: ReportedEvaluation): string {
  const s = ev.suppression!;
  return `[suppressed until ${s.expires}: ${s.reason}${s.ticket ? ` (${s.ticket})` : ''}] `;
}

/** `userFiltered`: a display filter (--severity, --status, --broker) is on; say how much it shows. */
function rowsSection(
  rows: Row[],
  shown: ScanReport,
  report: ScanReport,
  width: number,
  paint: Paint,
  userFiltered = shown !== report,
): string {
  const filtered = userFiltered;
  const note = filtered
    ? `Showing ${plural(shown.results.length, 'result')} of ${report.results.length} (display filter; the gate counts every result).`
    : '';
  if (report.results.length === 0) return 'No brokers were evaluated.';
  if (rows.length === 0) return note || 'Nothing to show: no failing finding, and every check was evaluated.';
  const brokerLabel = (row: Row) => (row.brokers.length === 1 ? row.brokers[0] : `${row.brokers.length} brokers`);
  const brokerW = Math.min(MAX_BROKER_COLUMN, Math.max(...rows.map((r) => brokerLabel(r).length)));
  const policyW = Math.min(MAX_POLICY_COLUMN, Math.max(...rows.map((r) => r.policy.length)));
  const lines: string[] = [];
  if (note) lines.push(note, '');
  const label = (row: Row) =>
    row.kind === 'error'
      ? 'error'
      : row.kind === 'pass'
        ? 'pass'
        : row.kind === 'not_applicable'
          ? 'n/a'
          : row.severity;
  const paintLabel = (row: Row, text: string) =>
    row.kind === 'error'
      ? paint('magenta', text)
      : row.kind === 'suppressed'
        ? paint('dim', text)
        : row.kind === 'fail'
          ? paint(SEVERITY_STYLE[row.severity], text)
          : paint(row.kind === 'pass' ? 'green' : 'dim', text);
  const column = SEVERITY_COLUMN + brokerW + 2 + Math.max(policyW, 0) + 2;
  // Narrow (the cause would get less than MIN_REASON columns beside the policy column): the severity column as
  // wide as its longest label, the cause right after each row's own policy id, its next lines indented by two
  // (a row still starts with its severity in the first column), and a group's brokers in the same paragraph as its
  // cause. Every word is still there; fewer lines wrap.
  const narrow = width - column < MIN_REASON;
  const severityW = narrow ? Math.max(...rows.map((r) => label(r).length)) + 1 : SEVERITY_COLUMN;
  const hang = ' '.repeat(NARROW_HANG);
  let previousList = '';
  for (const row of rows) {
    const severity = paintLabel(row, label(row).padEnd(severityW));
    const broker = brokerLabel(row);
    const wholeList = row.brokers.length > 1 ? `on ${row.brokers.join(', ')}` : '';
    // Narrow: a group on the same brokers as the group just above says so instead of listing them again.
    const brokerList =
      narrow && wholeList !== '' && wholeList === previousList
        ? `on the same ${row.brokers.length} brokers as above`
        : wholeList;
    previousList = wholeList;
    if (!narrow) {
      const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${fit(row.policy, policyW).padEnd(policyW)}  `;
      const pad = ' '.repeat(column);
      const [first, ...rest] = wrap(row.reason, width - column);
      lines.push(prefix + first, ...rest.map((line) => pad + line));
      if (brokerList) lines.push(...wrap(brokerList, width - column).map((line) => pad + paint('dim', line)));
    } else {
      const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${row.policy}${row.policy ? '  ' : ''}`;
      const text = brokerList ? `${row.reason} ${BROKERS_MARK}— ${brokerList}` : row.reason;
      const words = wrapFirst(text, width - stripColour(prefix).length, width - hang.length);
      const dimList = (line: string) => {
        const at = line.indexOf(BROKERS_MARK);
        return at < 0 ? line : `${line.slice(0, at)}${paint('dim', line.slice(at + BROKERS_MARK.length))}`;
      };
      const inList = (index: number) =>
        brokerList !== '' && words.findIndex((line) => line.includes(BROKERS_MARK)) < index;
      lines.push(
        (prefix + dimList(words[0] ?? '')).trimEnd(),
        ...words.slice(1).map((line, i) => hang + (inList(i + 1) ? paint('dim', line) : dimList(line))),
      );
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
  const attention = new Set(
    report.results.filter((ev) => ev.status === 'fail' || ev.status === 'error').map((ev) => ev.resource.arn),
  );
  const passing = new Map<string, string>();
  const anyPass = new Set(report.results.filter((ev) => ev.status === 'pass').map((ev) => ev.resource.arn));
  for (const ev of report.results)
    if (!attention.has(ev.resource.arn) && anyPass.has(ev.resource.arn)) passing.set(ev.resource.arn, ev.resource.name);
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
  const title = `${paint(['bold', 'red'], `Could not read (${errors.length}):`)} findings needing these calls are missing (--verbose: why).`;
  return [...wrapPainted(title, width), ...lines].join('\n');
}

/** The gate's decision in a word, then why: first and last, so a log's head and tail both say it. */
function verdictParts(report: ScanReport): {word: string; reason: string; exit: string} {
  const {gate} = report;
  const word =
    gate.exitCode === 0 ? 'PASSED' : gate.exitCode === 1 ? 'FAILED' : gate.exitCode === 3 ? 'INCOMPLETE' : 'ERROR';
  return {
    word,
    reason: gate.reason.replace(/^Gate (failed|passed): /, ''),
    exit: `Exit code ${gate.exitCode} (fail-on ${gate.failOn}).`,
  };
}

function verdictLines(report: ScanReport, width: number, paint: Paint): string[] {
  const {word, reason, exit} = verdictParts(report);
  const style = report.gate.exitCode === 0 ? (['bold', 'green'] as const) : (['bold', 'red'] as const);
  const [first, ...rest] = wrap(`${word}: ${reason} ${exit}`, width);
  return [paint([...style], word) + first.slice(word.length), ...rest];
}

/**
 * The verdict and the counts at the top. When the verdict would wrap only because of its exit code, the exit code
 * leads the counts line instead (a narrow terminal: one wrapped line fewer, nothing left out).
 */
function topLines(report: ScanReport, width: number, paint: Paint): string[] {
  const verdict = verdictLines(report, width, paint);
  const {word, reason, exit} = verdictParts(report);
  if (verdict.length === 1 || `${word}: ${reason}`.length > width)
    return [...verdict, ...wrap(countsLine(report), width)];
  const style = report.gate.exitCode === 0 ? (['bold', 'green'] as const) : (['bold', 'red'] as const);
  return [`${paint([...style], word)}: ${reason}`, ...wrap(`${exit.slice(0, -1)} · ${countsLine(report)}`, width)];
}

/** Wraps a line that may hold colour codes (only ever around whole words here). */
function wrapPainted(text: string, width: number): string[] {
  return wrap(text, width + (text.length - stripColour(text).length));
}

function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
