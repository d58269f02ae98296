"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SEVERITY_STYLE = void 0;
exports.renderTable = renderTable;
exports.headline = headline;
exports.baselineMark = baselineMark;
exports.collectionErrorSection = collectionErrorSection;
exports.changeSection = changeSection;
exports.baselineSection = baselineSection;
exports.warningSection = warningSection;
exports.gateLine = gateLine;
exports.wrap = wrap;
exports.plural = plural;
const types_1 = require("../policy/types");
const terminal_1 = require("../foundation/terminal");
const ordering_1 = require("./ordering");
const table_compact_1 = require("./table-compact");
const WIDTH = 100;
/** A reason starts on its own line when the columns before it leave less room than this. */
const MIN_REASON_WIDTH = 40;
const MAX_ID_COLUMN = 36;
const INDENT = '      ';
exports.SEVERITY_STYLE = {
    critical: ['bold', 'red'],
    high: 'red',
    medium: 'yellow',
    low: 'cyan',
};
/**
 * Every value of the report is escaped for the terminal (src/foundation/terminal.ts) before it is measured, wrapped and
 * coloured: broker names, tags and messages are attacker-controlled.
 */
function renderTable(unsafeReport, options = {}) {
    if (!options.verbose)
        return (0, table_compact_1.renderCompactTable)(unsafeReport, options);
    const report = (0, terminal_1.terminalSafeDeep)((0, table_compact_1.filterReport)(unsafeReport, options.show));
    const paint = (0, terminal_1.painter)(options.color === true);
    const groups = brokerGroups(report.results);
    const sections = [headline(report, paint), brokerSection(groups, paint)];
    if (report.collectionErrors.length > 0)
        sections.push(collectionErrorSection(report.collectionErrors, paint));
    if (report.baseline)
        sections.push(baselineSection(report.baseline, paint));
    if (report.change)
        sections.push(changeSection(report.change, paint));
    if (report.warnings?.length)
        sections.push(warningSection(report.warnings, paint));
    sections.push(summarySection(report, groups, paint), gateLine(report, paint));
    return (0, terminal_1.terminalOutput)(sections.filter((section) => section !== '').join('\n\n') + '\n');
}
function headline(report, paint) {
    const { scopes } = report.inventory;
    const accounts = new Set(scopes.map((scope) => scope.accountId)).size;
    const regions = new Set(scopes.map((scope) => scope.region)).size;
    const title = paint('bold', `${report.tool.name} ${report.tool.version}`);
    const scope = `${plural(accounts, 'account')}, ${plural(regions, 'region')}`;
    return `${title}: ${plural(report.summary.brokers, 'broker')} in ${scope} (${report.inventory.method} inventory collected ${report.inventory.collectedAt})`;
}
function brokerGroups(results) {
    const byArn = new Map();
    for (const ev of results) {
        let group = byArn.get(ev.resource.arn);
        if (!group) {
            group = { resource: ev.resource, fails: [], errors: [], suppressed: [], passes: 0, notApplicable: 0 };
            byArn.set(ev.resource.arn, group);
        }
        if (ev.status === 'fail' && ev.suppression)
            group.suppressed.push(ev);
        else if (ev.status === 'fail')
            group.fails.push(ev);
        else if (ev.status === 'error')
            group.errors.push(ev);
        else if (ev.status === 'pass')
            group.passes += 1;
        else
            group.notApplicable += 1;
    }
    for (const group of byArn.values()) {
        group.fails.sort(ordering_1.compareEvaluations);
        group.errors.sort(ordering_1.compareEvaluations);
        group.suppressed.sort(ordering_1.compareEvaluations);
    }
    return [...byArn.values()].sort(compareGroups);
}
/** Failing brokers (worst first), then brokers we could not fully evaluate, then ones with only suppressed findings, then the rest. */
function compareGroups(a, b) {
    return (groupRank(a) - groupRank(b) ||
        (a.fails.length > 0 && b.fails.length > 0 ? (0, ordering_1.compareSeverity)(a.fails[0].severity, b.fails[0].severity) : 0) ||
        b.fails.length - a.fails.length ||
        (0, ordering_1.compareStrings)(a.resource.name, b.resource.name) ||
        (0, ordering_1.compareStrings)(a.resource.arn, b.resource.arn));
}
/** Groups ranked below this get one compact line. */
const COMPACT_RANK = 3;
function groupRank(group) {
    if (group.fails.length > 0)
        return 0;
    if (group.errors.length > 0)
        return 1;
    return group.suppressed.length > 0 ? 2 : COMPACT_RANK;
}
function brokerSection(groups, paint) {
    if (groups.length === 0)
        return 'No brokers were evaluated.';
    const listed = groups.flatMap((group) => [...group.fails, ...group.errors, ...group.suppressed]);
    // One id column for all brokers, so reasons line up down the whole table.
    const idWidth = Math.min(MAX_ID_COLUMN, Math.max(0, ...listed.map((ev) => ev.policyId.length)));
    const detailed = groups
        .filter((group) => groupRank(group) < COMPACT_RANK)
        .map((group) => brokerBlock(group, idWidth, paint));
    const compact = groups.filter((group) => groupRank(group) === COMPACT_RANK).map((group) => compactLine(group, paint));
    return [...detailed, ...(compact.length > 0 ? [compact.join('\n')] : [])].join('\n\n');
}
function brokerHeader(label, resource) {
    return `${label}${resource.name}  ${resource.accountId} / ${resource.region}  ${resource.engineType}`;
}
function brokerBlock(group, idWidth, paint) {
    const label = group.fails.length > 0
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
        ...group.fails.map((ev) => policyLines(paint(exports.SEVERITY_STYLE[ev.severity], ev.severity.padEnd(8)), ev.policyId, idWidth, `${baselineMark(ev)}${ev.message}`)),
        ...group.errors.map((ev) => policyLines(paint('magenta', 'error'.padEnd(8)), ev.policyId, idWidth, `could not evaluate: ${ev.message}`)),
        ...group.suppressed.map((ev) => policyLines(paint('dim', ev.severity.padEnd(8)), ev.policyId, idWidth, suppressedReason(ev))),
    ];
    return [header, ...lines].join('\n');
}
/** `severity  policy-id  reason`, the reason wrapped under itself, or below the line when the id is long. */
function policyLines(severityColumn, policyId, idWidth, reason) {
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
function baselineMark(ev) {
    const change = ev.change === 'introduced'
        ? `[introduced${ev.cause ? `: ${ev.cause.text}` : ''}] `
        : ev.change === 'unchanged'
            ? '[unchanged by the change] '
            : '';
    return change + (ev.baseline ? `[${ev.baseline}] ` : '');
}
function suppressedReason(ev) {
    const suppression = ev.suppression;
    const ticket = suppression.ticket ? ` (${suppression.ticket})` : '';
    return `[suppressed until ${suppression.expires}] ${baselineMark(ev)}${ev.message} Accepted because: ${suppression.reason}${ticket}`;
}
function compactLine(group, paint) {
    if (group.passes === 0) {
        return `${brokerHeader(paint('dim', 'N/A   '), group.resource)}  ${paint('dim', `(no policy applies, ${group.notApplicable} not applicable)`)}`;
    }
    const detail = group.notApplicable > 0
        ? `all ${group.passes} passing, ${group.notApplicable} not applicable`
        : `all ${group.passes} passing`;
    return `${brokerHeader(paint('green', 'PASS  '), group.resource)}  ${paint('dim', `(${detail})`)}`;
}
function collectionErrorSection(errors, paint) {
    const title = paint(['bold', 'red'], `Could not read (${errors.length}):`) + ' findings that depend on these calls are missing.';
    const blocks = [...errors].sort(ordering_1.compareCollectionErrors).map((error) => {
        const where = `${error.accountId ?? 'unknown account'} / ${error.region ?? 'no region'}`;
        const head = `  ${paint('bold', `${error.service} ${error.operation}`)}  ${where}  ${paint('red', error.code)} (${error.kind})`;
        const detail = [error.resource ? `${error.resource}:` : '', error.message].join(' ').trim();
        return [head, ...(detail === '' ? [] : wrap(detail, WIDTH - INDENT.length).map((line) => INDENT + line))].join('\n');
    });
    return [title, ...blocks].join('\n');
}
/** scan --plan/--template: what the change does, in a few lines before the summary. */
function changeSection(change, paint) {
    const total = (state) => Object.values(change.findings[state]).reduce((n, c) => n + c, 0);
    const edits = Object.entries(change.resources)
        .map(([action, types]) => [action, Object.values(types).reduce((n, c) => n + c, 0)])
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
function baselineSection(baseline, paint) {
    const { counts } = baseline;
    const title = paint('bold', `Against the baseline`) +
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
const ABSENT_LABEL = {
    pass: 'fixed',
    not_applicable: 'fixed (n/a)',
    error: 'not evaluated',
    missing: 'not in scan',
};
function warningSection(warnings, paint) {
    const title = paint(['bold', 'yellow'], `Warnings (${warnings.length}):`);
    return [
        title,
        ...warnings.map((warning) => wrap(warning.message, WIDTH - 4)
            .map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
            .join('\n')),
    ].join('\n');
}
function summarySection(report, groups, paint) {
    const { summary } = report;
    const count = (predicate) => groups.filter(predicate).length;
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
    const bySeverity = types_1.SEVERITIES.filter((severity) => summary.failingBySeverity[severity] > 0).map((severity) => paint(exports.SEVERITY_STYLE[severity], `${summary.failingBySeverity[severity]} ${severity}`));
    return [
        paint('bold', 'Summary'),
        `  Brokers      ${summary.brokers}${brokers.length > 0 ? `: ${brokers.join(', ')}` : ''}`,
        `  Results      ${byStatus.pass} pass, ${byStatus.fail} fail, ${byStatus.not_applicable} not applicable, ${byStatus.error} error`,
        `  Failing      ${bySeverity.length > 0 ? bySeverity.join(', ') : 'none'}${summary.suppressed ? ` (${summary.suppressed} of them suppressed)` : ''}`,
        `  Not read     ${plural(summary.collectionErrors, 'collection error')}`,
    ].join('\n');
}
function gateLine(report, paint) {
    const { gate } = report;
    const style = gate.exitCode === 0 ? ['bold', 'green'] : ['bold', 'red'];
    return `${paint(style, 'Gate:')} ${gate.reason} (fail-on ${gate.failOn}, exit code ${gate.exitCode})`;
}
/** Greedy word wrap; a word longer than the width (an ARN) gets a line of its own rather than being split. */
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    lines.push(line);
    return lines;
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
