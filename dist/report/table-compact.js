"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderCompactTable = renderCompactTable;
exports.filterReport = filterReport;
exports.findingRows = findingRows;
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
const HANG = '          ';
function renderCompactTable(unsafeReport, options) {
    const report = (0, terminal_1.terminalSafeDeep)(unsafeReport);
    const paint = (0, terminal_1.painter)(options.color === true);
    const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
    const filtered = filterReport(report, options.show);
    // Judging a change, what was failing before it is the nightly audit's: listed in --verbose, counted here.
    const before = report.change?.gate === 'changes' ? filtered.results.filter((ev) => ev.status === 'fail' && ev.change === 'unchanged') : [];
    const shown = before.length > 0 ? { ...filtered, results: filtered.results.filter((ev) => !(ev.status === 'fail' && ev.change === 'unchanged')) } : filtered;
    const rows = findingRows(shown, options.show);
    const verdict = verdictLines(report, width, paint);
    const sections = [
        [...wrapPainted(compactHeadline(report, paint), width), ...verdict, ...(0, table_1.wrap)(countsLine(report), width)].join('\n'),
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
    const globs = (show.brokers ?? []).map(globPattern);
    const results = report.results.filter((ev) => {
        if (show.severity && (0, ordering_1.compareSeverity)(ev.severity, show.severity) > 0)
            return false;
        if (show.statuses?.length && !show.statuses.includes(ev.status === 'fail' && ev.suppression ? 'suppressed' : ev.status))
            return false;
        return globs.length === 0 || globs.some((glob) => glob.test(ev.resource.name));
    });
    return { ...report, results };
}
/** `orders-*`, `*-prod`, `mq-?`: the whole name, case-sensitive. */
function globPattern(glob) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what a glob's characters are
    const escaped = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c)).join('');
    return new RegExp(`^${escaped}$`);
}
function compactHeadline(report, paint) {
    const { scopes } = report.inventory;
    const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
    const regions = new Set(scopes.map((scope) => scope.region)).size;
    return `${paint('bold', `${report.tool.name} ${report.tool.version}`)} · ${(0, table_1.plural)(accounts, 'account')}, ${(0, table_1.plural)(regions, 'region')} · ${report.inventory.method} inventory of ${report.inventory.collectedAt}`;
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
            const cause = failed ? `${failed.service}:${failed.operation} ${failed.kind === 'access-denied' ? 'denied' : 'failed'} (${failed.code})` : reason;
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
    return [...groups.values()].sort((a, b) => rank[a.kind] - rank[b.kind] || unchanged(a) - unchanged(b) || (0, ordering_1.compareSeverity)(a.severity, b.severity) || b.brokers.length - a.brokers.length || (0, ordering_1.compareStrings)(a.policy, b.policy) || (0, ordering_1.compareStrings)(a.reason, b.reason));
}
function suppressedMark(ev) {
    const s = ev.suppression;
    return `[suppressed until ${s.expires}: ${s.reason}${s.ticket ? ` (${s.ticket})` : ''}] `;
}
/** `userFiltered`: a display filter (--severity, --status, --broker) is on; say how much it shows. */
function rowsSection(rows, shown, report, width, paint, userFiltered = shown !== report) {
    const filtered = userFiltered;
    const note = filtered ? `Showing ${(0, table_1.plural)(shown.results.length, 'result')} of ${report.results.length} (display filter; the gate counts every result).` : '';
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
    for (const row of rows) {
        const severity = row.kind === 'error' ? paint('magenta', 'error'.padEnd(10)) : row.kind === 'suppressed' ? paint('dim', row.severity.padEnd(10)) : row.kind === 'fail' ? paint(table_1.SEVERITY_STYLE[row.severity], row.severity.padEnd(10)) : paint(row.kind === 'pass' ? 'green' : 'dim', (row.kind === 'pass' ? 'pass' : 'n/a').padEnd(10));
        const broker = brokerLabel(row);
        const prefix = `${severity}${fit(broker, brokerW).padEnd(brokerW)}  ${fit(row.policy, policyW).padEnd(policyW)}  `;
        const column = 10 + brokerW + 2 + Math.max(policyW, 0) + 2;
        const brokerList = row.brokers.length > 1 ? `on ${row.brokers.join(', ')}` : '';
        if (width - column >= MIN_REASON) {
            const pad = ' '.repeat(column);
            const [first, ...rest] = (0, table_1.wrap)(row.reason, width - column);
            lines.push(prefix + first, ...rest.map((line) => pad + line));
            if (brokerList)
                lines.push(...(0, table_1.wrap)(brokerList, width - column).map((line) => pad + paint('dim', line)));
        }
        else {
            // Narrow: the reason starts on the row's line and hangs under the severity.
            const first = width - column;
            const words = wrapFirst(row.reason, first, width - HANG.length);
            lines.push((prefix + (words[0] ?? '')).trimEnd(), ...words.slice(1).map((line) => HANG + line));
            if (brokerList)
                lines.push(...(0, table_1.wrap)(brokerList, width - HANG.length).map((line) => HANG + paint('dim', line)));
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
    const title = `${paint(['bold', 'red'], `Could not read (${errors.length}):`)} findings that depend on these calls are missing (--verbose for the messages).`;
    return [...wrapPainted(title, width), ...lines].join('\n');
}
/** The gate's decision in a word, then why: first and last, so a log's head and tail both say it. */
function verdictLines(report, width, paint) {
    const { gate } = report;
    const word = gate.exitCode === 0 ? 'PASSED' : gate.exitCode === 1 ? 'FAILED' : gate.exitCode === 3 ? 'INCOMPLETE' : 'ERROR';
    const style = gate.exitCode === 0 ? ['bold', 'green'] : ['bold', 'red'];
    const reason = gate.reason.replace(/^Gate (failed|passed): /, '');
    const [first, ...rest] = (0, table_1.wrap)(`${word}: ${reason} Exit code ${gate.exitCode} (fail-on ${gate.failOn}).`, width);
    return [paint([...style], word) + first.slice(word.length), ...rest];
}
/** Wraps a line that may hold colour codes (only ever around whole words here). */
function wrapPainted(text, width) {
    return (0, table_1.wrap)(text, width + (text.length - stripColour(text).length));
}
function stripColour(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*m/g, '');
}
