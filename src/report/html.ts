/**
 * `scan --format html`: one self-contained page for an audit — the gate's verdict and the counts, every finding in
 * a table that filters by severity, status, policy, broker and free text, and per broker the network paths drawn as
 * inline SVG (laid out by Graphviz before rendering: src/report/layout.ts; the drawings arrive in `options.diagrams`).
 *
 * The page needs no network and no library: the styles and the one filtering script are inline. Without
 * JavaScript every row is shown and the filter controls stay hidden. Every value from the estate, the policies
 * and the files (names, tags, messages, paths) is escaped for HTML text and attributes (`escapeHtml`), with
 * control and invisible format characters (bidi overrides) shown escaped; a Content-Security-Policy allows no
 * fetch of anything and only the page's own script (by its hash), so that even an escaping mistake could run
 * nothing and send nothing. Rendered in pieces, row by row: a large estate is never one string.
 */
import {sha256Base64} from '../foundation/hash';
import {terminalSafe} from '../foundation/terminal';
import {SEVERITIES, STATUSES, type Status} from '../policy/types';
import type {CollectionError} from '../snapshot/types';
import {compareCollectionErrors, compareEvaluations, compareStrings} from './ordering';
import type {PathsVerdict} from './paths';
import type {RenderOptions, ReportedEvaluation, ScanReport} from './types';

/** One broker's drawing (or why there is none), made by the service that had the snapshot. */
export interface HtmlDiagram {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  engineType: string;
  tags?: Record<string, string>;
  verdict: PathsVerdict;
  /** Failing findings of the broker that are about its network. */
  networkFindings: number;
  /** The laid-out SVG (src/report/layout.ts inlineSvg), or undefined with `error`. */
  svg?: string;
  error?: string;
}

export interface HtmlDiagrams {
  brokers: HtmlDiagram[];
  /** The bound on drawings: brokers with failing network findings first, then the worst verdicts. */
  limit: number;
  /** Brokers left undrawn past the bound: how many, and the names of the first few. */
  omitted: {count: number; names: string[]};
  /** Graphviz's version, for the footer. */
  graphviz?: string;
}

/** Passing and not-applicable rows listed at most; failing and error rows are always all listed. */
export const MAX_QUIET_ROWS = 2000;
/** Choices in the policy and broker filters at most (free text filters past that). */
const MAX_CHOICES = 300;

const STATUS_WORD: Record<Status, string> = {
  fail: 'fail',
  error: 'error',
  pass: 'pass',
  not_applicable: 'not applicable',
};
const VERDICT_WORD: Record<number, string> = {0: 'PASSED', 1: 'FAILED', 2: 'BAD INPUT', 3: 'INCOMPLETE'};

/** Text safe in HTML text and in a double- or single-quoted attribute; control and bidi characters shown escaped. */
export function escapeHtml(text: string): string {
  return terminalSafe(String(text)).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

const HTML_ENTITIES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/**
 * The filter: reads the controls, hides the rows that do not match, says how many are shown. Runs once the page is
 * parsed; its hash is the only script the Content-Security-Policy admits.
 */
const SCRIPT = `(function () {
  var form = document.getElementById('filters');
  var table = document.getElementById('findings');
  if (!form || !table) return;
  form.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById('shown');
  var texts = rows.map(function (row) { return (row.textContent || '').toLowerCase(); });
  function apply() {
    var want = {
      severity: form.elements.severity.value,
      status: form.elements.status.value,
      policy: form.elements.policy.value,
      broker: form.elements.broker.value
    };
    var words = form.elements.q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, index) {
      var ok = Object.keys(want).every(function (key) { return want[key] === '' || row.getAttribute('data-' + key) === want[key]; });
      if (ok && words.length > 0) ok = words.every(function (w) { return texts[index].indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' rows shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();`;

const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${sha256Base64(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

const STYLE = `
:root { --fg: #202124; --muted: #5f6368; --line: #dadce0; --bg: #fff; --soft: #f8f9fa;
  --critical: #a50e0e; --high: #d93025; --medium: #e37400; --low: #1a73e8; --ok: #1e8e3e; --unknown: #80868b; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px 32px 48px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 4px; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.verdict { display: flex; gap: 16px; align-items: center; border: 1px solid var(--line); border-left: 8px solid var(--unknown);
  border-radius: 8px; padding: 12px 16px; margin: 16px 0; background: var(--soft); }
.verdict.exit-0 { border-left-color: var(--ok); } .verdict.exit-1 { border-left-color: var(--high); }
.verdict strong { font-size: 20px; white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; } .card span { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); position: sticky; top: 0; }
td.message { overflow-wrap: anywhere; }
.counts td, .counts th { text-align: right; } .counts th:first-child, .counts td:first-child { text-align: left; }
.sev, .st, .vd { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.sev-critical { background: #fce8e6; color: var(--critical); } .sev-high { background: #fce8e6; color: var(--high); }
.sev-medium { background: #fef7e0; color: #8a4b00; } .sev-low { background: #e8f0fe; color: #174ea6; }
.st-fail { background: #fce8e6; color: #a50e0e; } .st-error { background: #f3e8fd; color: #681da8; }
.st-pass { background: #e6f4ea; color: #0d652d; } .st-not_applicable { background: #f1f3f4; color: var(--muted); }
.tag { color: var(--muted); font-size: 12px; }
.vd-reachable { background: #e6f4ea; color: #0d652d; } .vd-degraded { background: #fef7e0; color: #8a4b00; }
.vd-unreachable { background: #fce8e6; color: #a50e0e; } .vd-unknown, .vd-not-collected { background: #f1f3f4; color: #3c4043; }
.vd-pending { background: #e8f0fe; color: #174ea6; }
form#filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0 12px; padding: 10px 12px;
  background: var(--soft); border: 1px solid var(--line); border-radius: 8px; }
form#filters[hidden], [hidden] { display: none !important; }
form#filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
form#filters select, form#filters input { font: inherit; padding: 3px 6px; max-width: 260px; }
#shown { color: var(--muted); margin-left: auto; }
.broker { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 16px 0; break-inside: avoid; }
.diagram { overflow-x: auto; margin: 10px 0 6px; }
.diagram svg { max-width: 100%; height: auto; }
/* Graphviz measured the labels in Helvetica: Arial and Liberation Sans have its widths. */
.diagram text { font-family: Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12px; color: var(--muted); margin: 6px 0 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 22px; height: 14px; border-radius: 3px; border: 1.5px solid; }
.line { display: inline-block; width: 26px; height: 0; border-top: 2px solid; }
.note { background: var(--soft); border-left: 4px solid var(--unknown); padding: 8px 12px; margin: 12px 0; }
.warn { border-left-color: var(--medium); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  form#filters, #shown { display: none !important; }
  tr[hidden] { display: table-row !important; }
  th { position: static; }
  .broker, tr { break-inside: avoid; }
  .diagram { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

const LEGEND = `<ul class="legend" aria-label="Legend">
<li><span class="swatch" style="background:#e8f0fe;border-color:#1a73e8"></span>on-premises network</li>
<li><span class="swatch" style="background:#e6f4ea;border-color:#1e8e3e"></span>hop ok</li>
<li><span class="swatch" style="background:#fce8e6;border-color:#d93025"></span>hop broken (or open to the internet)</li>
<li><span class="swatch" style="background:#f1f3f4;border-color:#80868b;border-style:dashed"></span>unknown (data missing)</li>
<li><span class="swatch" style="background:#e8f0fe;border-color:#1a73e8;border-style:dashed"></span>pending (the change creates it)</li>
<li><span class="swatch" style="background:#fef7e0;border-color:#f9ab00"></span>broker</li>
<li><span class="line" style="border-color:#1e8e3e"></span>traffic flows</li>
<li><span class="line" style="border-color:#d93025"></span>into a broken hop (⊣) or from the internet</li>
<li><span class="line" style="border-color:#80868b;border-top-style:dashed"></span>unknown</li>
<li><span class="line" style="border-color:#bdc1c6;border-top-style:dotted"></span>past a break</li>
</ul>`;

export function* renderHtml(report: ScanReport, options: RenderOptions = {}): Generator<string> {
  const exit = report.gate.exitCode;
  const title = `mq-audit report: ${VERDICT_WORD[exit] ?? `exit ${exit}`}`;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  yield header(report);
  yield summary(report);
  yield* findings(report, anchorsOf(options.diagrams));
  yield collectionErrors(report.collectionErrors);
  yield* networkPaths(report, options.diagrams);
  const graphviz = options.diagrams?.graphviz
    ? `; diagrams laid out by Graphviz ${escapeHtml(options.diagrams.graphviz)}`
    : '';
  yield `<footer>Generated by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} at ${escapeHtml(report.generatedAt)}${graphviz}. This page loads nothing from the network; the JSON report (<code>--format json</code>) has every field.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function header(report: ScanReport): string {
  const {inventory} = report;
  const scopes = inventory.scopes.length;
  const source = inventory.source ? ` from <code>${escapeHtml(inventory.source)}</code>` : '';
  const shard = inventory.shard ? `; shard ${inventory.shard.index}/${inventory.shard.count}` : '';
  const redaction = report.redaction ? '; account ids are aliases (--redact)' : '';
  return `<header>
<h1>mq-audit report</h1>
<p class="meta">${escapeHtml(inventory.method)} inventory collected ${escapeHtml(inventory.collectedAt)}${source}; ${scopes} account/region scope${scopes === 1 ? '' : 's'}${shard}${redaction}.</p>
</header>
`;
}

function summary(report: ScanReport): string {
  const {summary: counts, gate} = report;
  const exit = gate.exitCode;
  const cards = [
    [counts.brokers, 'brokers'],
    [counts.evaluations, 'results'],
    [counts.byStatus.fail, 'failing'],
    [counts.byStatus.error, 'not evaluated (error)'],
    [counts.collectionErrors, 'collection errors'],
    ...(counts.suppressed ? [[counts.suppressed, 'suppressed'] as const] : []),
  ].map(([n, label]) => `<div class="card"><b>${n}</b><span>${label}</span></div>`);
  const bySeverity = SEVERITIES.map(
    (severity) =>
      `<tr><td><span class="sev sev-${severity}">${severity}</span></td><td>${counts.failingBySeverity[severity]}</td></tr>`,
  );
  const byStatus = STATUSES.map(
    (status) =>
      `<tr><td><span class="st st-${status}">${STATUS_WORD[status]}</span></td><td>${counts.byStatus[status]}</td></tr>`,
  );
  const warnings = (report.warnings ?? []).map(
    (w) => `<p class="note warn"><strong>Warning</strong> (${escapeHtml(w.code)}): ${escapeHtml(w.message)}</p>`,
  );
  return `<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="verdict exit-${exit}" role="status"><strong>${VERDICT_WORD[exit] ?? `exit ${exit}`}</strong><span>${escapeHtml(gate.reason)} (exit code ${exit}; fails on <code>${escapeHtml(gate.failOn)}</code> and above)</span></div>
<div class="cards">${cards.join('')}</div>
<div class="cards">
<table class="counts" style="width:auto"><thead><tr><th>Failing by severity</th><th>count</th></tr></thead><tbody>${bySeverity.join('')}</tbody></table>
<table class="counts" style="width:auto"><thead><tr><th>Results by status</th><th>count</th></tr></thead><tbody>${byStatus.join('')}</tbody></table>
</div>
${changeSummary(report)}${warnings.join('\n')}
</section>
`;
}

/** scan --plan/--template: what was judged, what the change does to the findings, and the verdicts it moves. */
function changeSummary(report: ScanReport): string {
  const change = report.change;
  if (!change) return '';
  const inputs = change.inputs
    .slice(0, 10)
    .map((i) => `<code>${escapeHtml(i.file)}</code> (${escapeHtml(i.description)})`)
    .join(', ');
  const count = (state: 'introduced' | 'resolved' | 'unchanged') =>
    SEVERITIES.reduce((n, severity) => n + (change.findings[state]?.[severity] ?? 0), 0);
  const deployed = change.deployed
    ? `applied to ${escapeHtml(change.deployed.source)} (${change.deployed.brokers} brokers)`
    : 'judged alone (no deployed estate)';
  const moved = change.verdicts
    .slice(0, 20)
    .map(
      (v) => `<li>${escapeHtml(v.broker)}: ${escapeHtml(v.before ?? 'none')} → ${escapeHtml(v.after ?? 'none')}</li>`,
    )
    .join('');
  const more = change.verdicts.length > 20 ? `<li>… ${change.verdicts.length - 20} more in the JSON report</li>` : '';
  return `<div class="note"><strong>Proposed change</strong> ${inputs}, ${deployed}; the gate counts ${change.gate === 'changes' ? 'only the findings it introduces' : 'every failing finding'}. Findings introduced ${count('introduced')}, unchanged ${count('unchanged')}, resolved ${count('resolved')}. Drawings show the estate with the change applied.${moved ? `<ul>${moved}${more}</ul>` : ''}</div>
`;
}

/** Failing and error results first (all of them), then passing and not applicable ones up to the bound. */
function listedRows(results: readonly ReportedEvaluation[]): {rows: ReportedEvaluation[]; left: number} {
  const loud = results.filter((r) => r.status === 'fail' || r.status === 'error');
  const quiet = results.filter((r) => r.status === 'pass' || r.status === 'not_applicable');
  const order = (a: ReportedEvaluation, b: ReportedEvaluation) =>
    STATUS_RANK[a.status] - STATUS_RANK[b.status] || compareEvaluations(a, b);
  loud.sort(order);
  quiet.sort(order);
  return {rows: [...loud, ...quiet.slice(0, MAX_QUIET_ROWS)], left: Math.max(0, quiet.length - MAX_QUIET_ROWS)};
}

const STATUS_RANK: Record<Status, number> = {fail: 0, error: 1, pass: 2, not_applicable: 3};

function* findings(report: ScanReport, anchors: Anchors): Generator<string> {
  const {rows, left} = listedRows(report.results);
  const choices = (values: string[]) => [...new Set(values)].sort(compareStrings);
  const policies = choices(rows.map((r) => r.policyId));
  const brokers = choices(rows.map((r) => r.resource.name));
  const select = (name: string, label: string, values: string[], word: (v: string) => string = (v) => v) =>
    `<label>${label}<select name="${name}"><option value="">all</option>${values
      .slice(0, MAX_CHOICES)
      .map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(word(v))}</option>`)
      .join('')}</select></label>`;
  const shownStatuses = STATUSES.filter((s) => rows.some((r) => r.status === s));
  yield `<section id="findings-section" aria-labelledby="findings-title">
<h2 id="findings-title">Findings</h2>
<p class="meta">${rows.length} row${rows.length === 1 ? '' : 's'}: every failing and not-evaluated result, most severe first${left > 0 ? `, then the first ${MAX_QUIET_ROWS} passing or not-applicable ones (${left} more are in the JSON report: <code>--format json</code>)` : ', then the passing and not-applicable ones'}.</p>
<form id="filters" hidden role="search" aria-label="Filter findings">
${select('severity', 'Severity', [...SEVERITIES])}
${select('status', 'Status', shownStatuses, (s) => STATUS_WORD[s as Status])}
${select('policy', 'Policy', policies)}
${select('broker', 'Broker', brokers)}
<label>Text<input type="search" name="q" placeholder="words in any column" autocomplete="off"></label>
<button type="reset">Clear</button>
<span id="shown" aria-live="polite"></span>
</form>
<noscript><p class="meta">Filters need JavaScript; every row is listed below.</p></noscript>
<table id="findings">
<thead><tr><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Policy</th><th scope="col">Broker</th><th scope="col">Finding</th></tr></thead>
<tbody>
`;
  // In pieces of rows: the string of a large estate's table is never built whole.
  let piece: string[] = [];
  for (const result of rows) {
    piece.push(findingRow(result, anchors));
    if (piece.length >= 200) {
      yield piece.join('');
      piece = [];
    }
  }

  yield piece.join('');
  if (rows.length === 0) yield '<tr><td colspan="5">No results: no policy applied to any broker.</td></tr>\n';
  yield '</tbody>\n</table>\n</section>\n';
}

function findingRow(result: ReportedEvaluation, anchors: Anchors): string {
  const {resource} = result;
  const marks = [
    result.suppression ? 'suppressed' : '',
    result.baseline ? `baseline: ${result.baseline}` : '',
    result.change ? `change: ${result.change}` : '',
  ].filter(Boolean);
  const markText = marks.length > 0 ? ` <span class="tag">(${escapeHtml(marks.join(', '))})</span>` : '';
  const text = result.reason ?? result.message;
  const broken = result.network?.flows.find((flow) => flow.breakPoint)?.breakPoint;
  // Where the path breaks, unless the finding's text says it already.
  const where =
    broken && !text.includes(broken.message)
      ? `<br><span class="tag">breaks at ${escapeHtml(broken.id)}: ${escapeHtml(broken.message)}</span>`
      : '';
  return (
    `<tr data-severity="${escapeHtml(result.severity)}" data-status="${escapeHtml(result.status)}" data-policy="${escapeHtml(result.policyId)}" data-broker="${escapeHtml(resource.name)}">` +
    `<td><span class="sev sev-${cssWord(result.severity)}">${escapeHtml(result.severity)}</span></td>` +
    `<td><span class="st st-${cssWord(result.status)}">${escapeHtml(STATUS_WORD[result.status] ?? result.status)}</span>${markText}</td>` +
    `<td><code>${escapeHtml(result.policyId)}</code></td>` +
    `<td>${brokerLink(resource.name, resource.arn, anchors)}<br><span class="tag">${escapeHtml(resource.accountId)} / ${escapeHtml(resource.region)}</span></td>` +
    `<td class="message">${escapeHtml(text)}${where}</td></tr>\n`
  );
}

/** A class name from our own vocabulary (severity, status, verdict); anything else becomes `other`. */
function cssWord(word: string): string {
  return /^[a-z_-]{1,20}$/.test(word) ? word : 'other';
}

/** Anchors of broker sections: numbered in drawing order, never made of the name. */
type Anchors = ReadonlyMap<string, string>;

function anchorsOf(diagrams: HtmlDiagrams | undefined): Anchors {
  return new Map((diagrams?.brokers ?? []).map((b, i) => [b.arn, `broker-${i + 1}`]));
}

function brokerLink(name: string, arn: string, anchors: Anchors): string {
  const anchor = anchors.get(arn);
  return anchor ? `<a href="#${anchor}">${escapeHtml(name)}</a>` : escapeHtml(name);
}

function collectionErrors(errors: readonly CollectionError[]): string {
  if (errors.length === 0) return '';
  const rows = [...errors]
    .sort(compareCollectionErrors)
    .slice(0, 500)
    .map((e) => {
      const where = [e.accountId, e.region].filter(Boolean).join(' / ') || 'no account';
      return `<tr><td>${escapeHtml(where)}</td><td><code>${escapeHtml(`${e.service} ${e.operation}`)}</code></td><td>${escapeHtml(e.code)} (${escapeHtml(e.kind)})</td><td class="message">${escapeHtml(e.resource ?? '')} ${escapeHtml(e.message)}</td></tr>`;
    });
  const more = errors.length > 500 ? `<p class="meta">${errors.length - 500} more are in the JSON report.</p>` : '';
  return `<section id="collection-errors" aria-labelledby="errors-title">
<h2 id="errors-title">Could not read (${errors.length})</h2>
<p class="meta">What depends on these is reported as an error (not evaluated), never as a pass.</p>
<table><thead><tr><th>Where</th><th>Call</th><th>Error</th><th>Detail</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${more}
</section>
`;
}

function* networkPaths(report: ScanReport, diagrams: HtmlDiagrams | undefined): Generator<string> {
  yield `<section id="paths" aria-labelledby="paths-title">
<h2 id="paths-title">Network paths</h2>
`;
  if (!diagrams) {
    yield `<p class="note">This report was made without an inventory snapshot (for example by <code>report merge</code>, from JSON reports), so no network paths are drawn. Draw a broker's with <code>mq-audit paths BROKER --inventory FILE</code>, or run <code>mq-audit scan --inventory FILE --format html</code>.</p>
</section>
`;
    return;
  }

  const {brokers, omitted, limit} = diagrams;
  if (brokers.length === 0 && omitted.count === 0) {
    yield '<p class="note">No broker to draw.</p>\n</section>\n';
    return;
  }

  yield `<p class="meta">From each on-premises network (top) to the broker (bottom), every hop the path model checks, as <code>mq-audit paths BROKER</code> shows them. Brokers with failing network findings come first, then the worst verdicts.</p>\n`;
  if (omitted.count > 0) {
    const names = omitted.names.map((n) => `<code>${escapeHtml(n)}</code>`).join(', ');
    const rest = omitted.count > omitted.names.length ? `, … (${omitted.count} in all)` : '';
    yield `<p class="note warn">${brokers.length} broker${brokers.length === 1 ? ' is' : 's are'} drawn (at most ${limit}); ${omitted.count} ${omitted.count === 1 ? 'is' : 'are'} not: ${names}${rest}. Draw one with <code>mq-audit paths BROKER --inventory FILE</code> (text, Mermaid or JSON), or list the estate's connectivity with <code>mq-audit paths --inventory FILE</code>.</p>\n`;
  }

  for (const [index, broker] of brokers.entries()) yield brokerSection(broker, index);
  yield '</section>\n';
}

function brokerSection(broker: HtmlDiagram, index: number): string {
  const verdict = `<span class="vd vd-${cssWord(broker.verdict)}">${escapeHtml(broker.verdict)}</span>`;
  const findingsNote =
    broker.networkFindings > 0
      ? ` · ${broker.networkFindings} failing network finding${broker.networkFindings === 1 ? '' : 's'}`
      : '';
  const picture = broker.svg
    ? `<figure class="diagram" role="img" aria-label="${escapeHtml(`Network paths to broker ${broker.name}`)}">${broker.svg}</figure>`
    : `<p class="note warn">No drawing: ${escapeHtml(broker.error ?? 'the layout failed')}. <code>mq-audit paths ${escapeHtml(shellWord(broker.arn))}</code> shows the paths as text.</p>`;
  return `<article class="broker" id="broker-${index + 1}">
<h3>${escapeHtml(broker.name)}</h3>
<p class="meta">${escapeHtml(broker.accountId)} / ${escapeHtml(broker.region)} · ${escapeHtml(broker.engineType)} · on-premises verdict ${verdict}${findingsNote}</p>
<p class="meta"><code>${escapeHtml(broker.arn)}</code></p>
${tagLine(broker.tags)}${picture}
${LEGEND}
</article>
`;
}

/** Tags shown at most per broker. */
const MAX_TAGS = 20;

function tagLine(tags: Record<string, string> | undefined): string {
  const entries = Object.entries(tags ?? {}).sort(([a], [b]) => compareStrings(a, b));
  if (entries.length === 0) return '';
  const shown = entries
    .slice(0, MAX_TAGS)
    .map(([key, value]) => `<code>${escapeHtml(key)}=${escapeHtml(value)}</code>`)
    .join(' ');
  const more = entries.length > MAX_TAGS ? ` … (${entries.length} tags)` : '';
  return `<p class="meta">tags ${shown}${more}</p>\n`;
}

/** An ARN as one shell word (quoted when it holds anything but ARN characters). */
function shellWord(text: string): string {
  return /^[\w:./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
