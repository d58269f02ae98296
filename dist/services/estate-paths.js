"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ESTATE_PATHS_VERSION = exports.ESTATE_PATHS_KIND = void 0;
exports.runEstatePaths = runEstatePaths;
exports.renderEstateText = renderEstateText;
exports.renderEstateMarkdown = renderEstateMarkdown;
const index_1 = require("../network/index");
const evaluate_1 = require("../policy/evaluate");
const types_1 = require("../policy/types");
const paths_1 = require("../report/paths");
const version_1 = require("../foundation/version");
const inventory_1 = require("./inventory");
exports.ESTATE_PATHS_KIND = 'mq-audit/paths-estate';
exports.ESTATE_PATHS_VERSION = 1;
const ORDER = ['unreachable', 'not-collected', 'unknown', 'degraded', 'pending', 'reachable'];
async function runEstatePaths(options) {
    const snapshot = await (0, inventory_1.loadEstate)(options.source);
    const model = (0, index_1.buildNetworkModel)(snapshot, { onPremCidrs: options.onPremCidrs, ...options.network });
    const rows = [];
    for (const scope of (0, evaluate_1.brokersOf)(snapshot)) {
        const { broker } = scope;
        const base = {
            broker: broker.name,
            arn: broker.arn,
            accountId: scope.accountId,
            region: scope.region,
            engineType: broker.engineType,
        };
        const facts = model.factsFor(scope)?.facts;
        if (!facts) {
            rows.push({
                ...base,
                network: null,
                verdict: 'not-collected',
                healthyPathCount: 0,
                independentPathCount: 0,
                links: [],
            });
            continue;
        }
        const { onPrem } = facts;
        if (onPrem.networks.length === 0) {
            rows.push({
                ...base,
                network: null,
                verdict: onPrem.verdict,
                healthyPathCount: onPrem.healthyPathCount,
                independentPathCount: onPrem.independentPathCount,
                links: [],
                ...(onPrem.breakPoint ? { breakPoint: brief(onPrem.breakPoint) } : {}),
            });
            continue;
        }
        for (const network of onPrem.networks) {
            const links = [
                ...new Set(network.paths
                    .filter((p) => p.status === 'healthy')
                    .map((p) => p.linkId)
                    .filter((id) => Boolean(id))),
            ];
            const firstBreak = network.breakPoint ?? network.paths.find((p) => p.breakPoint)?.breakPoint;
            rows.push({
                ...base,
                network: network.cidr,
                verdict: network.verdict,
                healthyPathCount: network.healthyPathCount,
                independentPathCount: network.independentPathCount,
                links,
                ...(firstBreak ? { breakPoint: brief(firstBreak) } : {}),
            });
        }
    }
    rows.sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) ||
        a.broker.localeCompare(b.broker) ||
        (a.network ?? '').localeCompare(b.network ?? ''));
    const counts = Object.fromEntries(ORDER.map((v) => [v, rows.filter((r) => r.verdict === v).length]));
    const verdicts = rows.map((r) => r.verdict);
    const exitCode = verdicts.some((v) => v === 'unreachable' || v === 'degraded')
        ? types_1.EXIT.gateFailed
        : verdicts.some((v) => v === 'unknown' || v === 'not-collected') || rows.length === 0
            ? types_1.EXIT.incomplete
            : types_1.EXIT.ok;
    return {
        kind: exports.ESTATE_PATHS_KIND,
        pathsVersion: exports.ESTATE_PATHS_VERSION,
        tool: version_1.TOOL,
        generatedAt: (options.now?.() ?? new Date()).toISOString(),
        inventory: (0, inventory_1.inventoryHeader)(snapshot, options.source),
        onPremCidrs: options.onPremCidrs,
        independence: model.independence,
        verdict: ORDER.find((v) => verdicts.includes(v)) ?? 'unknown',
        exitCode,
        counts,
        rows,
    };
}
function brief(breakPoint) {
    return {
        kind: breakPoint.kind,
        hop: breakPoint.hop,
        id: breakPoint.id,
        ...(breakPoint.direction ? { direction: breakPoint.direction } : {}),
        message: breakPoint.message,
    };
}
/** `UNREACHABLE  nacl-prod  10.200.0.0/16  0/0  network ACL blocks at acl-…  -` per row, cut to `width`. */
function renderEstateText(report, width = 100) {
    const header = ['VERDICT', 'BROKER', 'NETWORK', 'PATHS', 'FIRST BREAK', 'LINKS USED'];
    const cells = report.rows.map((r) => [
        r.verdict.toUpperCase(),
        r.broker,
        r.network ?? '(none)',
        `${r.healthyPathCount}/${r.independentPathCount}`, // healthy / independent
        r.breakPoint
            ? `${paths_1.BREAK_WORDS[r.breakPoint.kind] ?? r.breakPoint.kind}${r.breakPoint.direction === 'return' ? ' (return)' : ''} at ${r.breakPoint.id}`
            : '-',
        r.links.length > 0 ? r.links.map(shortLink).join(' ') : '-',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c, row) => {
        const text = c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
        if (text.length <= width)
            return text;
        // Too wide: the links as a count (the JSON lists them), then cut.
        const counted = row ? [...c.slice(0, -1), plural(row.links.length, 'link')] : c;
        const shorter = counted.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
        return shorter.length > width ? `${shorter.slice(0, width - 1)}…` : shorter;
    };
    const counts = ORDER.filter((v) => report.counts[v] > 0)
        .map((v) => `${report.counts[v]} ${v}`)
        .join(', ');
    return ([
        `Connectivity of ${report.rows.length === 1 ? '1 broker/network pair' : `${report.rows.length} broker/network pairs`}: ${counts || 'no broker'}`,
        `${report.inventory.method} inventory of ${report.inventory.collectedAt}${report.onPremCidrs.length > 0 ? `; on-premises ${report.onPremCidrs.join(', ')}` : '; on-premises networks inferred from routes'}`,
        '',
        line(header),
        ...cells.map((c, i) => line(c, report.rows[i])),
        '',
        'PATHS: healthy/independent paths to the worst-served subnet; `mq-audit paths BROKER` for one broker.',
        `Independence: ${(0, paths_1.independenceWords)(report.independence)}.`,
        `Verdict: ${report.verdict.toUpperCase()} (exit code ${report.exitCode}).`,
    ].join('\n') + '\n');
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
/** `vpn-…/34.250.12.34` → `34.250.12.34`; Direct Connect interface ids stay whole. */
function shortLink(linkId) {
    const slash = linkId.lastIndexOf('/');
    return slash > 0 ? linkId.slice(slash + 1) : linkId;
}
/** A GitHub table; names are escaped by `escape` (the Markdown cell escaping of src/report/markdown.ts). */
function renderEstateMarkdown(report, escape) {
    const rows = report.rows.map((r) => `| ${escape(r.broker)} | ${r.network ?? '(none)'} | ${r.verdict} | ${r.healthyPathCount} | ${r.independentPathCount} | ${r.links.map((l) => escape(l)).join('<br>') || ' '} | ${r.breakPoint ? escape(`${r.breakPoint.id}: ${r.breakPoint.message}`) : ' '} |`);
    return ([
        `## mq-audit: on-premises connectivity of ${report.rows.length} broker/network pair(s): ${report.verdict}`,
        '',
        '| Broker | On-premises network | Verdict | Healthy paths | Independent | Links | First break |',
        '|---|---|---|---:|---:|---|---|',
        ...rows,
    ].join('\n') + '\n');
}
