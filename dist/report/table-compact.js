"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderCompactTable = renderCompactTable;
exports.filterReport = filterReport;
exports.unmatchedBrokerFilters = unmatchedBrokerFilters;
exports.findingRows = findingRows;
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
const nearest_1 = require("../foundation/nearest");
const strings_1 = require("../foundation/strings");
const terminal_1 = require("../foundation/terminal");
const ordering_1 = require("./ordering");
const parts_1 = require("./parts");
const table_1 = require("./table");
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
function renderCompactTable(unsafeReport, options) {
    const report = (0, terminal_1.terminalSafeDeep)(unsafeReport);
    const paint = (0, terminal_1.painter)(options.color === true);
    const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
    const filtered = filterReport(report, options.show);
    // Judging a change, what was failing before it is the nightly audit's: listed in --verbose, counted here.
    const before = report.change?.gate === 'changes'
        ? filtered.results.filter((ev) => ev.status === 'fail' && ev.change === 'unchanged')
        : [];
    const shown = before.length > 0
        ? { ...filtered, results: filtered.results.filter((ev) => !(ev.status === 'fail' && ev.change === 'unchanged')) }
        : filtered;
    const rows = findingRows(shown, options.show);
    const verdict = verdictLines(report, width, paint);
    const sections = [
        [...wrapPainted(compactHeadline(report, paint), width), ...topLines(report, width, paint)].join('\n'),
        rowsSection(rows, shown, report, width, paint, filtered !== report),
    ];
    if (before.length > 0) {
        sections.push((0, table_1.wrap)(`${before.length} finding(s) already failing on the deployed estate are not listed: they do not count for the gate (--verbose lists them, --gate all counts them).`, width).join('\n'));
    }
    const passing = passingLine(report, width, paint);
    if (passing)
        sections.push(passing);
    if (report.collectionErrors.length > 0)
        sections.push(collectionErrorLines(report.collectionErrors, width, paint));
    if (report.baseline)
        sections.push((0, table_1.baselineSection)(report.baseline, paint));
    if (report.change)
        sections.push((0, table_1.changeSection)(report.change, paint));
    if (report.warnings?.length)
        sections.push((0, table_1.warningSection)(report.warnings, paint));
    sections.push(verdict.join('\n'));
    return (0, terminal_1.terminalOutput)(sections.filter((section) => section !== '').join('\n\n') + '\n');
}
/** The report with only the results the filter shows; everything else (gate, summary) as it was. */
function filterReport(report, show) {
    if (!show || (!show.severity && !show.statuses?.length && !show.brokers?.length))
        return report;
    const globs = (show.brokers ?? []).map(strings_1.globPattern);
    const results = report.results.filter((ev) => {
        if (show.severity && (0, ordering_1.compareSeverity)(ev.severity, show.severity) > 0)
            return false;
        if (show.statuses?.length &&
            !show.statuses.includes(ev.status === 'fail' && ev.suppression ? 'suppressed' : ev.status))
            return false;
        return globs.length === 0 || globs.some((glob) => glob.test(ev.resource.name));
    });
    return { ...report, results };
}
/**
 * The `--broker` names or globs that match no resource of the report, each with the nearest names it has (a
 * glob is compared without its wildcards). Empty when every pattern matches, or when the report has no result.
 */
function unmatchedBrokerFilters(report, patterns) {
    const names = [...new Set(report.results.map((ev) => ev.resource.name))].sort();
    if (names.length === 0)
        return [];
    return patterns
        .filter((pattern) => !names.some((name) => (0, strings_1.globPattern)(pattern).test(name)))
        .map((pattern) => ({ pattern, near: (0, nearest_1.nearest)(pattern.replace(/[*?]/g, ''), names), names }));
}
function compactHeadline(report, paint) {
    const { scopes } = report.inventory;
    const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
    const regions = new Set(scopes.map((scope) => scope.region)).size;
    return `${paint('bold', `${report.tool.name} ${report.tool.version}`)} · ${(0, table_1.plural)(accounts, 'account')}, ${(0, table_1.plural)(regions, 'region')} · ${report.inventory.method} inventory of ${toSecond(report.inventory.collectedAt)}`;
}
/** `2026-12-01T09:00:00Z`: an ISO time to the second (the JSON report keeps the milliseconds). */
function toSecond(time) {
    return time.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+Z$/, '$1Z');
}
function countsLine(report) {
    const { summary } = report;
    const byBroker = new Map();
    for (const ev of report.results) {
        const entry = byBroker.get(ev.resource.arn) ?? { fail: false, error: false };
        if (ev.status === 'fail' && !ev.suppression)
            entry.fail = true;
        if (ev.status === 'error')
            entry.error = true;
        byBroker.set(ev.resource.arn, entry);
    }
    const brokers = [...byBroker.values()];
    const failing = brokers.filter((b) => b.fail).length;
    const notEvaluated = brokers.filter((b) => !b.fail && b.error).length;
    const parts = [
        `${(0, table_1.plural)(summary.brokers, 'broker')}: ${[failing > 0 ? `${failing} failing` : '', notEvaluated > 0 ? `${notEvaluated} not fully evaluated` : '', summary.brokers - failing - notEvaluated > 0 ? `${summary.brokers - failing - notEvaluated} passing` : ''].filter(Boolean).join(', ')}`,
        `${summary.byStatus.pass} pass, ${summary.byStatus.fail} fail${summary.suppressed ? ` (${summary.suppressed} suppressed)` : ''}, ${summary.byStatus.not_applicable} n/a, ${summary.byStatus.error} error`,
        summary.collectionErrors === 1 ? '1 call failed' : `${summary.collectionErrors} calls failed`,
    ];
    return parts.join(' · ');
}
/** Failing findings grouped by policy, reason and change/baseline state; errors by cause; then suppressed ones. */
function findingRows(report, show) {
    // Passing and not-applicable results are counted, and listed only when --status asks for them.
    const listed = show?.statuses ?? [];
    const titles = new Map(report.policies.map((p) => [p.id, p.title]));
    const describeFailed = new Map();
    for (const error of report.collectionErrors)
        if (error.resource && error.service === 'mq' && error.operation === 'DescribeBroker')
            describeFailed.set(error.resource, error);
    const groups = new Map();
    let current;
    const add = (key, row, broker) => {
        const existing = groups.get(key);
        if (existing) {
            if (!existing.brokers.includes(broker))
                existing.brokers.push(broker);
            existing.members.push(current);
        }
        else {
            groups.set(key, { ...row, brokers: [broker], members: [current] });
        }
    };
    const errorChecks = new Map();
    for (const ev of report.results) {
        current = ev;
        const broker = ev.resource.name;
        const reason = (0, parts_1.reasonOf)(ev, titles.get(ev.policyId));
        if (ev.status === 'fail') {
            const kind = ev.suppression ? 'suppressed' : 'fail';
            const text = `${kind === 'suppressed' ? suppressedMark(ev) : ''}${(0, table_1.baselineMark)(ev)}${reason}`;
            add(`${kind}\u0000${ev.policyId}\u0000${text}`, { kind, severity: ev.severity, policy: ev.policyId, reason: text }, broker);
        }
        else if (ev.status === 'error') {
            // Checks not evaluated for one cause are one line: a broker whose DescribeBroker failed, else the reason.
            const failed = describeFailed.get(ev.resource.id);
            const cause = failed
                ? `${failed.service}:${failed.operation} ${failed.kind === 'access-denied' ? 'denied' : 'failed'} (${failed.code})`
                : reason;
            const key = `error\u0000${cause}`;
            add(key, { kind: 'error', severity: ev.severity, policy: '', reason: cause }, broker);
            const checks = errorChecks.get(key) ?? new Set();
            checks.add(`${ev.policyId}\u0000${ev.resource.arn}`);
            errorChecks.set(key, checks);
            const row = groups.get(key);
            if ((0, ordering_1.compareSeverity)(ev.severity, row.severity) < 0)
                row.severity = ev.severity;
            row.policy = row.policy === '' || row.policy === ev.policyId ? ev.policyId : '*';
        }
        else if (listed.includes(ev.status)) {
            add(`${ev.status}\u0000${ev.policyId}\u0000${reason}`, { kind: ev.status, severity: ev.severity, policy: ev.policyId, reason }, broker);
        }
    }
    for (const row of groups.values())
        row.brokers.sort(ordering_1.compareStrings);
    for (const [key, checks] of errorChecks) {
        const row = groups.get(key);
        if (row.policy === '*' || checks.size > row.brokers.length)
            row.policy = `${checks.size} checks`;
        row.reason = `not evaluated: ${row.reason}`;
    }
    const rank = { fail: 0, error: 1, suppressed: 2, pass: 3, not_applicable: 4 };
    // New findings (against a baseline) before unchanged ones: those are what a reviewer must look at.
    const unchanged = (row) => (row.members[0].baseline === 'unchanged' ? 1 : 0);
    return [...groups.values()].sort((a, b) => rank[a.kind] - rank[b.kind] ||
        unchanged(a) - unchanged(b) ||
        (0, ordering_1.compareSeverity)(a.severity, b.severity) ||
        b.brokers.length - a.brokers.length ||
        (0, ordering_1.compareStrings)(a.policy, b.policy) ||
        (0, ordering_1.compareStrings)(a.reason, b.reason));
}
function suppressedMark(ev) {
    const s = ev.suppression;
    return `[suppressed until ${s.expires}: ${s.reason}${s.ticket ? ` (${s.ticket})` : ''}] `;
}
/** `userFiltered`: a display filter (--severity, --status, --broker) is on; say how much it shows. */
function rowsSection(rows, shown, report, width, paint, userFiltered = shown !== report) {
    const filtered = userFiltered;
    const note = filtered
        ? `Showing ${(0, table_1.plural)(shown.results.length, 'result')} of ${report.results.length} (display filter; the gate counts every result).`
        : '';
    if (report.results.length === 0)
        return 'No brokers were evaluated.';
    if (rows.length === 0)
        return note || 'Nothing to show: no failing finding, and every check was evaluated.';
    const brokerLabel = (row) => (row.brokers.length === 1 ? row.brokers[0] : `${row.brokers.length} brokers`);
    const brokerW = Math.min(MAX_BROKER_COLUMN, Math.max(...rows.map((r) => brokerLabel(r).length)));
    const policyW = Math.min(MAX_POLICY_COLUMN, Math.max(...rows.map((r) => r.policy.length)));
    const lines = [];
    if (note)
        lines.push(note, '');
    const label = (row) => row.kind === 'error'
        ? 'error'
        : row.kind === 'pass'
            ? 'pass'
            : row.kind === 'not_applicable'
                ? 'n/a'
                : row.severity;
    const paintLabel = (row, text) => row.kind === 'error'
        ? paint('magenta', text)
        : row.kind === 'suppressed'
            ? paint('dim', text)
            : row.kind === 'fail'
                ? paint(table_1.SEVERITY_STYLE[row.severity], text)
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
        const brokerList = narrow && wholeList !== '' && wholeList === previousList
            ? `on the same ${row.brokers.length} brokers as above`
            : wholeList;
        previousList = wholeList;
        if (!narrow) {
            const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${fit(row.policy, policyW).padEnd(policyW)}  `;
            const pad = ' '.repeat(column);
            const [first, ...rest] = (0, table_1.wrap)(row.reason, width - column);
            lines.push(prefix + first, ...rest.map((line) => pad + line));
            if (brokerList)
                lines.push(...(0, table_1.wrap)(brokerList, width - column).map((line) => pad + paint('dim', line)));
        }
        else {
            const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${row.policy}${row.policy ? '  ' : ''}`;
            const text = brokerList ? `${row.reason} ${BROKERS_MARK}— ${brokerList}` : row.reason;
            const words = wrapFirst(text, width - stripColour(prefix).length, width - hang.length);
            const dimList = (line) => {
                const at = line.indexOf(BROKERS_MARK);
                return at < 0 ? line : `${line.slice(0, at)}${paint('dim', line.slice(at + BROKERS_MARK.length))}`;
            };
            const inList = (index) => brokerList !== '' && words.findIndex((line) => line.includes(BROKERS_MARK)) < index;
            lines.push((prefix + dimList(words[0] ?? '')).trimEnd(), ...words.slice(1).map((line, i) => hang + (inList(i + 1) ? paint('dim', line) : dimList(line))));
        }
    }
    return lines.join('\n');
}
/** A label cut to its column with an ellipsis (broker names and policy ids are shown whole with --verbose). */
function fit(text, width) {
    return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
/** Word wrap with a narrower first line (possibly empty: then the text starts on the next line). */
function wrapFirst(text, first, rest) {
    const words = text.split(/\s+/).filter(Boolean);
    const lines = [];
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
        }
        else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    lines.push(line);
    return lines;
}
/** Brokers with nothing to act on, in one wrapped line. */
function passingLine(report, width, paint) {
    const attention = new Set(report.results.filter((ev) => ev.status === 'fail' || ev.status === 'error').map((ev) => ev.resource.arn));
    const passing = new Map();
    const anyPass = new Set(report.results.filter((ev) => ev.status === 'pass').map((ev) => ev.resource.arn));
    for (const ev of report.results)
        if (!attention.has(ev.resource.arn) && anyPass.has(ev.resource.arn))
            passing.set(ev.resource.arn, ev.resource.name);
    if (passing.size === 0)
        return '';
    const names = [...passing.values()].sort(ordering_1.compareStrings);
    return (0, table_1.wrap)(`${paint('green', 'Passing')} (${names.length}): ${names.join(', ')}`, width).join('\n');
}
/** One line per failed call: what, where, the code (the message with --verbose). */
function collectionErrorLines(errors, width, paint) {
    const lines = errors.flatMap((error) => {
        const where = `${error.accountId ?? 'unknown account'} / ${error.region ?? 'no region'}`;
        const text = `${error.service} ${error.operation}  ${where}  ${error.code} (${error.kind})${error.resource ? ` ${error.resource}` : ''}`;
        return (0, table_1.wrap)(text, width - 4).map((line, i) => (i === 0 ? `  ${line}` : `    ${line}`));
    });
    const title = `${paint(['bold', 'red'], `Could not read (${errors.length}):`)} findings needing these calls are missing (--verbose: why).`;
    return [...wrapPainted(title, width), ...lines].join('\n');
}
/** The gate's decision in a word, then why: first and last, so a log's head and tail both say it. */
function verdictParts(report) {
    const { gate } = report;
    const word = gate.exitCode === 0 ? 'PASSED' : gate.exitCode === 1 ? 'FAILED' : gate.exitCode === 3 ? 'INCOMPLETE' : 'ERROR';
    return {
        word,
        reason: gate.reason.replace(/^Gate (failed|passed): /, ''),
        exit: `Exit code ${gate.exitCode} (fail-on ${gate.failOn}).`,
    };
}
function verdictLines(report, width, paint) {
    const { word, reason, exit } = verdictParts(report);
    const style = report.gate.exitCode === 0 ? ['bold', 'green'] : ['bold', 'red'];
    const [first, ...rest] = (0, table_1.wrap)(`${word}: ${reason} ${exit}`, width);
    return [paint([...style], word) + first.slice(word.length), ...rest];
}
/**
 * The verdict and the counts at the top. When the verdict would wrap only because of its exit code, the exit code
 * leads the counts line instead (a narrow terminal: one wrapped line fewer, nothing left out).
 */
function topLines(report, width, paint) {
    const verdict = verdictLines(report, width, paint);
    const { word, reason, exit } = verdictParts(report);
    if (verdict.length === 1 || `${word}: ${reason}`.length > width)
        return [...verdict, ...(0, table_1.wrap)(countsLine(report), width)];
    const style = report.gate.exitCode === 0 ? ['bold', 'green'] : ['bold', 'red'];
    return [`${paint([...style], word)}: ${reason}`, ...(0, table_1.wrap)(`${exit.slice(0, -1)} · ${countsLine(report)}`, width)];
}
/** Wraps a line that may hold colour codes (only ever around whole words here). */
function wrapPainted(text, width) {
    return (0, table_1.wrap)(text, width + (text.length - stripColour(text).length));
}
function stripColour(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*m/g, '');
}
