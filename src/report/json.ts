/**
 * The stable machine format (docs/report.md): the ScanReport, with two changes of shape, so that what many
 * results share is written once.
 *
 * - The network hops that failing findings are about are listed once, in the report's `hops`, and each flow names
 *   its hops by their index there (`hopIndexes`): thousands of brokers behind one transit gateway share its hops,
 *   and written inline they made most of a large estate's report (version 2).
 * - Each broker is listed once, with its tags, in `brokers`; a result's `resource` names it (ARN, id, name,
 *   account, region, engine) without the tags (version 3). Every result used to repeat its broker's whole tag map:
 *   1,000 brokers with 50 long tags made a 21 MB inventory a 242 MB report.
 *
 * `reportFromJson` reads versions 1 (hops inline), 2 (tags in every result) and 3.
 */
import type {PathHop} from '../network/facts';
import type {ResourceRef} from '../policy/types';
import {jsonChunks, lazy, lazyMap} from './json-chunks';
import {type FindingNetworkFlow, REPORT_VERSION, type ReportedEvaluation, type ScanReport} from './types';

/** A flow as written: its hops are indexes into the report's `hops`. */
export type JsonNetworkFlow = Omit<FindingNetworkFlow, 'hops'> & {hopIndexes: number[]};

/** The report as `--format json` writes it. */
export type JsonReport = Omit<ScanReport, 'results'> & {
  /** Every broker some result is about, once, with its tags; results name it by `resource.arn`. */
  brokers: ResourceRef[];
  results: (Omit<ReportedEvaluation, 'network' | 'resource'> & {
    resource: Omit<ResourceRef, 'tags'>;
    network?: Omit<NonNullable<ReportedEvaluation['network']>, 'flows'> & {flows: JsonNetworkFlow[]};
  })[];
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

  // Each broker once, in the order results first name it; results keep a reference without the tags.
  const brokers = new Map<string, ResourceRef>();
  for (const {resource} of report.results)
    if (resource && !brokers.has(resource.arn)) brokers.set(resource.arn, resource);
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (key === 'results') {
      written.brokers = [...brokers.values()];
      written.results = lazyMap(report.results, (result) => jsonResult(result, hopIndex));
    } else {
      written[key] = value;
    }
  }

  written.reportVersion = REPORT_VERSION;
  // Read when the writer gets there, after the results have filled it.
  written.hops = lazy(hops);
  yield* jsonChunks(written, {compactDepth: ONE_LINE_BELOW_DEPTH});
  yield '\n';
}

export function renderJson(report: ScanReport): string {
  return [...jsonReportChunks(report)].join('');
}

function jsonResult(result: ReportedEvaluation, hopIndex: (hop: PathHop) => number): JsonReport['results'][number] {
  const {network, resource} = result;
  const {tags: _tags, ...reference} = resource ?? {};
  // Spread, then replaced: `resource` and `network` keep their places among the result's keys.
  if (!network) return {...(result as Omit<ReportedEvaluation, 'network'>), resource: reference};
  const flows = network.flows.map(({hops, ...flow}) => ({...flow, hopIndexes: hops.map(hopIndex)}));
  return {...result, resource: reference, network: {...network, flows}};
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
 * A JSON report (version 1, 2 or 3, its top level already checked) as the in-memory ScanReport: hop indexes
 * (versions 2 and 3) become the hops themselves again, and each result's broker gets its tags back from `brokers`
 * (version 3; one tag object shared by the broker's results). Throws ReportShapeError at the first index that
 * names no hop, or a `brokers` that is not a list of brokers.
 */
export function reportFromJson(record: Record<string, unknown>): ScanReport {
  if (record.reportVersion === 1) return {...record, reportVersion: REPORT_VERSION} as unknown as ScanReport;
  const {hops, brokers, ...rest} = record;
  if (!Array.isArray(hops))
    throw new ReportShapeError(
      '/hops',
      `an array of the network hops the results name (report version ${String(record.reportVersion)})`,
    );
  const tagsOf = new Map<string, Record<string, string>>();
  if (record.reportVersion !== 2) {
    if (!Array.isArray(brokers))
      throw new ReportShapeError('/brokers', 'an array of the brokers the results name (report version 3)');
    brokers.forEach((broker: unknown, b) => {
      const ref = broker as {arn?: unknown; tags?: unknown} | null;
      if (typeof ref?.arn !== 'string') throw new ReportShapeError(`/brokers/${b}/arn`, 'a broker ARN');
      if (ref.tags !== undefined) {
        if (typeof ref.tags !== 'object' || ref.tags === null || Array.isArray(ref.tags))
          throw new ReportShapeError(`/brokers/${b}/tags`, 'an object of tag keys and values');
        tagsOf.set(ref.arn, ref.tags as Record<string, string>);
      }
    });
  }

  const results = (record.results as Record<string, unknown>[]).map((stored, r) => {
    const resource = stored.resource as {arn: string; tags?: unknown};
    const tags = tagsOf.get(resource.arn);
    const result =
      tags === undefined || resource.tags !== undefined ? stored : {...stored, resource: {...resource, tags}};
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
  return {...rest, reportVersion: REPORT_VERSION, results} as unknown as ScanReport;
}
