/**
 * The pictures of `scan --format html`: each broker's network paths as the path model found them while the scan
 * judged the estate (the broker document's `network`, the same facts `mq-audit paths` draws as Mermaid), written
 * as DOT (src/report/paths.ts brokerPathsDot) and laid out by Graphviz (src/report/layout.ts).
 *
 * Bounded: at most `limit` brokers are kept while the scan walks the estate — those with failing network findings
 * first, then the worst on-premises verdicts — so a large estate holds `limit` brokers' facts, never all of them;
 * the others are counted and the first few named, and the page says how to draw them (`paths BROKER`).
 */
import type {BrokerNetworkFacts} from '../network/facts';
import type {ResourceRef} from '../policy/types';
import {graphvizVersion, layoutSvg} from '../report/layout';
import {brokerPathsDot, type PathsVerdict} from '../report/paths';
import type {HtmlDiagram, HtmlDiagrams} from '../report/html';
import {compareStrings} from '../report/ordering';
import {redactDeep, type Redactor} from '../report/redact';
import type {ReportedEvaluation} from '../report/types';

/** Brokers drawn at most, by default. */
export const DEFAULT_DIAGRAM_LIMIT = 30;
/** Names of undrawn brokers listed on the page at most. */
const NAMED = 50;

const VERDICT_RANK: Record<PathsVerdict, number> = {
  unreachable: 0,
  degraded: 1,
  unknown: 2,
  'not-collected': 3,
  pending: 4,
  reachable: 5,
};

interface Candidate {
  broker: ResourceRef;
  network: BrokerNetworkFacts | null;
  verdict: PathsVerdict;
  networkFindings: number;
}

/** Brokers with more failing network findings first, then the worse verdict, then by name and ARN. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    Number(b.networkFindings > 0) - Number(a.networkFindings > 0) ||
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    compareStrings(a.broker.name, b.broker.name) ||
    compareStrings(a.broker.arn, b.broker.arn)
  );
}

/** Keeps the `limit` brokers most worth drawing as the scan offers them, one at a time. */
export class DiagramPicker {
  private readonly kept: Candidate[] = [];
  private readonly dropped: Candidate[] = [];
  private droppedCount = 0;

  constructor(readonly limit: number = DEFAULT_DIAGRAM_LIMIT) {}

  offer(
    broker: ResourceRef,
    network: BrokerNetworkFacts | null | undefined,
    results: readonly ReportedEvaluation[],
  ): void {
    const networkFindings = results.filter((r) => r.status === 'fail' && r.network !== undefined).length;
    const candidate: Candidate = {
      broker,
      network: network ?? null,
      verdict: network ? network.onPrem.verdict : 'not-collected',
      networkFindings,
    };
    this.kept.push(candidate);
    this.kept.sort(compareCandidates);
    if (this.kept.length > this.limit) this.drop(this.kept.pop()!);
  }

  /** Only the names of the first few dropped brokers are kept (sorted the same way). */
  private drop(candidate: Candidate): void {
    this.droppedCount++;
    this.dropped.push({...candidate, network: null});
    this.dropped.sort(compareCandidates);
    if (this.dropped.length > NAMED) this.dropped.pop();
  }

  /** The kept brokers laid out; with `redactor`, account ids in the drawings become the report's aliases. */
  async diagrams(redactor?: Redactor): Promise<HtmlDiagrams> {
    const kept = redactor ? this.kept.map((c) => redactDeep(c, redactor)) : this.kept;
    const laidOut = await layoutSvg(kept.map((c) => brokerPathsDot(c.broker, c.network)));
    const brokers: HtmlDiagram[] = kept.map((c, i) => ({
      name: c.broker.name,
      arn: c.broker.arn,
      accountId: c.broker.accountId,
      region: c.broker.region,
      engineType: c.broker.engineType,
      ...(c.broker.tags && {tags: c.broker.tags}),
      verdict: c.verdict,
      networkFindings: c.networkFindings,
      ...laidOut[i],
    }));
    const names = (
      redactor ? this.dropped.map((c) => redactDeep(c.broker, redactor)) : this.dropped.map((c) => c.broker)
    ).map((b) => b.name);
    return {
      brokers,
      limit: this.limit,
      omitted: {count: this.droppedCount, names},
      ...(brokers.length > 0 && {graphviz: await graphvizVersion()}),
    };
  }
}
