/**
 * The stable machine format (docs/report.md): the ScanReport, with one change of shape. The network hops that
 * failing findings are about are listed once, in the report's `hops`, and each flow names its hops by their
 * index there (`hopIndexes`): thousands of brokers behind one transit gateway share its hops, and written inline
 * they made most of a large estate's report. Report version 1 had them inline; `reportFromJson` reads both.
 */
import type {PathHop} from '../network/facts';
import {jsonChunks, lazy, lazyMap} from './json-chunks';
import {type FindingNetworkFlow, REPORT_VERSION, type ReportedEvaluation, type ScanReport} from './types';

/** A flow as written: its hops are indexes into the report's `hops`. */
export type JsonNetworkFlow = Omit<FindingNetworkFlow, 'hops'> & {hopIndexes: number[]};

/** The report as `--format json` writes it. */
export type JsonReport = Omit<ScanReport, 'results'> & {
  results: (Omit<ReportedEvaluation, 'network'> & {network?: {focus: NonNullable<ReportedEvaluation['network']>['focus']; flows: JsonNetworkFlow[]}})[];
  /** Every hop some flow names, once. */
  hops: PathHop[];
};

/** The report's structure indented; each item of its top-level lists (a result, a policy, a hop) on one line. */
const ONE_LINE_BELOW_DEPTH = 1;

/** The JSON text and a newline, in pieces: a large estate's report is never one string. */
export function* jsonReportChunks(report: ScanReport): Generator<string> {
  // Hops are told apart by identity: the path model hands brokers that share a path the same hop objects, and
  // telling them apart by content would cost a serialization of every hop of every finding.
  const indexOf = new Map<PathHop, number>();
  const hops: PathHop[] = [];
  const hopIndex = (hop: PathHop): number => {
    let index = indexOf.get(hop);
    if (index === undefined) {
      index = hops.length;
      indexOf.set(hop, index);
      hops.push(hop);
    }

    return index;
  };

  const written = {
    ...report,
    reportVersion: REPORT_VERSION,
    results: lazyMap(report.results, (result) => withHopIndexes(result, hopIndex)),
    // Read when the writer gets there, after the results have filled it.
    hops: lazy(hops),
  };
  yield* jsonChunks(written, {compactDepth: ONE_LINE_BELOW_DEPTH});
  yield '\n';
}

export function renderJson(report: ScanReport): string {
  return [...jsonReportChunks(report)].join('');
}

function withHopIndexes(result: ReportedEvaluation, hopIndex: (hop: PathHop) => number): JsonReport['results'][number] {
  const {network} = result;
  if (!network) return result as Omit<ReportedEvaluation, 'network'>;
  const flows = network.flows.map(({hops, ...flow}) => ({...flow, hopIndexes: hops.map(hopIndex)}));
  // Spread, then replaced: `network` keeps its place among the result's keys.
  return {...result, network: {...network, flows}};
}

/** Where a report read back does not have the shape its version promises: a JSON pointer and what was expected. */
export class ReportShapeError extends Error {
  override readonly name = 'ReportShapeError';
  constructor(
    readonly place: string,
    readonly expected: string,
  ) {
    super(`${place}: expected ${expected}`);
  }
}

/**
 * A JSON report (version 1 or 2, its top level already checked) as the in-memory ScanReport: version 2's hop
 * indexes become the hops themselves again. Throws ReportShapeError at the first index that names no hop.
 */
export function reportFromJson(record: Record<string, unknown>): ScanReport {
  if (record.reportVersion === 1) return {...record, reportVersion: REPORT_VERSION} as unknown as ScanReport;
  const {hops, ...rest} = record;
  if (!Array.isArray(hops)) throw new ReportShapeError('/hops', 'an array of the network hops the results name (report version 2)');
  const results = (record.results as Record<string, unknown>[]).map((result, r) => {
    const network = result.network as {flows?: unknown} | undefined;
    if (network === undefined) return result;
    if (!Array.isArray(network.flows)) throw new ReportShapeError(`/results/${r}/network/flows`, 'an array of flows');
    const flows = network.flows.map((flow: Record<string, unknown>, f) => {
      const place = `/results/${r}/network/flows/${f}/hopIndexes`;
      if (!Array.isArray(flow?.hopIndexes)) throw new ReportShapeError(place, 'an array of indexes into /hops');
      const {hopIndexes, ...rest} = flow as {hopIndexes: unknown[]};
      return {
        ...rest,
        hops: hopIndexes.map((index, i) => {
          if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= hops.length) {
            const range = hops.length === 0 ? 'but /hops is empty' : `0 to ${hops.length - 1}`;
            throw new ReportShapeError(`${place}/${i}`, `an index into /hops (${range}), not ${JSON.stringify(index)}`);
          }

          return hops[index as number] as PathHop;
        }),
      };
    });
    return {...result, network: {...network, flows}};
  });
  return {...rest, results} as unknown as ScanReport;
}
