/**
 * `paths` with no broker: the estate's connectivity at a glance. One row per broker and on-premises network —
 * verdict, healthy and independent paths, the links the healthy paths use, where the first broken path breaks —
 * worst first. Exit codes as for one broker (1 unreachable or degraded somewhere, else 3 unknown or not
 * collected, else 0).
 */
import type {BreakPoint, Independence} from '../network/facts';
import {buildNetworkModel, type NetworkModelOptions} from '../network/index';
import {brokersOf} from '../policy/evaluate';
import {EXIT} from '../policy/types';
import {BREAK_WORDS, independenceWords, type PathsVerdict} from '../report/paths';
import {TOOL} from '../foundation/version';
import {type EstateSource, inventoryHeader, loadEstate} from './inventory';

export const ESTATE_PATHS_KIND = 'mq-audit/paths-estate';
export const ESTATE_PATHS_VERSION = 1;

export interface EstateRow {
  broker: string;
  arn: string;
  accountId: string;
  region: string;
  engineType: string;
  /** The on-premises network, or null when the broker has none (none given, none routed). */
  network: string | null;
  verdict: PathsVerdict;
  healthyPathCount: number;
  independentPathCount: number;
  /** Tunnels and Direct Connect interfaces the healthy paths use. */
  links: string[];
  breakPoint?: Pick<BreakPoint, 'direction' | 'hop' | 'id' | 'kind' | 'message'>;
}

export interface EstatePathsReport {
  kind: typeof ESTATE_PATHS_KIND;
  pathsVersion: typeof ESTATE_PATHS_VERSION;
  tool: {name: string; version: string};
  generatedAt: string;
  inventory: {collectedAt: string; method: 'fixture' | 'live'; source?: string};
  onPremCidrs: string[];
  /** The independence rule the paths were judged with (config network.independence). */
  independence: Independence;
  verdict: PathsVerdict;
  exitCode: number;
  counts: Record<PathsVerdict, number>;
  rows: EstateRow[];
}

const ORDER: PathsVerdict[] = ['unreachable', 'not-collected', 'unknown', 'degraded', 'pending', 'reachable'];

export async function runEstatePaths(options: {
  source: EstateSource;
  onPremCidrs: string[];
  /** The config's path-model settings (networkSettings). */
  network?: Pick<NetworkModelOptions, 'independence' | 'requiredPorts'>;
  now?: () => Date;
}): Promise<EstatePathsReport> {
  const snapshot = await loadEstate(options.source);
  const model = buildNetworkModel(snapshot, {onPremCidrs: options.onPremCidrs, ...options.network});
  const rows: EstateRow[] = [];
  for (const scope of brokersOf(snapshot)) {
    const {broker} = scope;
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

    const {onPrem} = facts;
    if (onPrem.networks.length === 0) {
      rows.push({
        ...base,
        network: null,
        verdict: onPrem.verdict,
        healthyPathCount: onPrem.healthyPathCount,
        independentPathCount: onPrem.independentPathCount,
        links: [],
        ...(onPrem.breakPoint ? {breakPoint: brief(onPrem.breakPoint)} : {}),
      });
      continue;
    }

    for (const network of onPrem.networks) {
      const links = [
        ...new Set(
          network.paths
            .filter((p) => p.status === 'healthy')
            .map((p) => p.linkId)
            .filter((id): id is string => Boolean(id)),
        ),
      ];
      const firstBreak = network.breakPoint ?? network.paths.find((p) => p.breakPoint)?.breakPoint;
      rows.push({
        ...base,
        network: network.cidr,
        verdict: network.verdict,
        healthyPathCount: network.healthyPathCount,
        independentPathCount: network.independentPathCount,
        links,
        ...(firstBreak ? {breakPoint: brief(firstBreak)} : {}),
      });
    }
  }

  rows.sort(
    (a, b) =>
      ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) ||
      a.broker.localeCompare(b.broker) ||
      (a.network ?? '').localeCompare(b.network ?? ''),
  );
  const counts = Object.fromEntries(ORDER.map((v) => [v, rows.filter((r) => r.verdict === v).length])) as Record<
    PathsVerdict,
    number
  >;
  const verdicts = rows.map((r) => r.verdict);
  const exitCode = verdicts.some((v) => v === 'unreachable' || v === 'degraded')
    ? EXIT.gateFailed
    : verdicts.some((v) => v === 'unknown' || v === 'not-collected') || rows.length === 0
      ? EXIT.incomplete
      : EXIT.ok;
  return {
    kind: ESTATE_PATHS_KIND,
    pathsVersion: ESTATE_PATHS_VERSION,
    tool: TOOL,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    inventory: inventoryHeader(snapshot, options.source),
    onPremCidrs: options.onPremCidrs,
    independence: model.independence,
    verdict: ORDER.find((v) => verdicts.includes(v)) ?? 'unknown',
    exitCode,
    counts,
    rows,
  };
}

function brief(breakPoint: BreakPoint): NonNullable<EstateRow['breakPoint']> {
  return {
    kind: breakPoint.kind,
    hop: breakPoint.hop,
    id: breakPoint.id,
    ...(breakPoint.direction ? {direction: breakPoint.direction} : {}),
    message: breakPoint.message,
  };
}

/** `UNREACHABLE  nacl-prod  10.200.0.0/16  0/0  network ACL blocks at acl-…  -` per row, cut to `width`. */
export function renderEstateText(report: EstatePathsReport, width = 100): string {
  const header = ['VERDICT', 'BROKER', 'NETWORK', 'PATHS', 'FIRST BREAK', 'LINKS USED'];
  const cells = report.rows.map((r) => [
    r.verdict.toUpperCase(),
    r.broker,
    r.network ?? '(none)',
    `${r.healthyPathCount}/${r.independentPathCount}`, // healthy / independent
    r.breakPoint
      ? `${BREAK_WORDS[r.breakPoint.kind] ?? r.breakPoint.kind}${r.breakPoint.direction === 'return' ? ' (return)' : ''} at ${r.breakPoint.id}`
      : '-',
    r.links.length > 0 ? r.links.map(shortLink).join(' ') : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[], row?: EstateRow) => {
    const text = c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
    if (text.length <= width) return text;
    // Too wide: the links as a count (the JSON lists them), then cut.
    const counted = row ? [...c.slice(0, -1), plural(row.links.length, 'link')] : c;
    const shorter = counted.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
    return shorter.length > width ? `${shorter.slice(0, width - 1)}…` : shorter;
  };
  const counts = ORDER.filter((v) => report.counts[v] > 0)
    .map((v) => `${report.counts[v]} ${v}`)
    .join(', ');
  return (
    [
      `Connectivity of ${report.rows.length === 1 ? '1 broker/network pair' : `${report.rows.length} broker/network pairs`}: ${counts || 'no broker'}`,
      `${report.inventory.method} inventory of ${report.inventory.collectedAt}${report.onPremCidrs.length > 0 ? `; on-premises ${report.onPremCidrs.join(', ')}` : '; on-premises networks inferred from routes'}`,
      '',
      line(header),
      ...cells.map((c, i) => line(c, report.rows[i])),
      '',
      'PATHS: healthy/independent paths to the worst-served subnet; `mq-audit paths BROKER` for one broker.',
      `Independence: ${independenceWords(report.independence)}.`,
      `Verdict: ${report.verdict.toUpperCase()} (exit code ${report.exitCode}).`,
    ].join('\n') + '\n'
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `vpn-…/34.250.12.34` → `34.250.12.34`; Direct Connect interface ids stay whole. */
function shortLink(linkId: string): string {
  const slash = linkId.lastIndexOf('/');
  return slash > 0 ? linkId.slice(slash + 1) : linkId;
}

/** A GitHub table; names are escaped by `escape` (the Markdown cell escaping of src/report/markdown.ts). */
export function renderEstateMarkdown(report: EstatePathsReport, escape: (text: string) => string): string {
  const rows = report.rows.map(
    (r) =>
      `| ${escape(r.broker)} | ${r.network ?? '(none)'} | ${r.verdict} | ${r.healthyPathCount} | ${r.independentPathCount} | ${r.links.map((l) => escape(l)).join('<br>') || ' '} | ${r.breakPoint ? escape(`${r.breakPoint.id}: ${r.breakPoint.message}`) : ' '} |`,
  );
  return (
    [
      `## mq-audit: on-premises connectivity of ${report.rows.length} broker/network pair(s): ${report.verdict}`,
      '',
      '| Broker | On-premises network | Verdict | Healthy paths | Independent | Links | First break |',
      '|---|---|---|---:|---:|---|---|',
      ...rows,
    ].join('\n') + '\n'
  );
}
