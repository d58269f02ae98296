"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DiagramPicker = exports.DEFAULT_DIAGRAM_LIMIT = void 0;
const layout_1 = require("../report/layout");
const paths_1 = require("../report/paths");
const ordering_1 = require("../report/ordering");
const redact_1 = require("../report/redact");
/** Brokers drawn at most, by default. */
exports.DEFAULT_DIAGRAM_LIMIT = 30;
/** Names of undrawn brokers listed on the page at most. */
const NAMED = 50;
const VERDICT_RANK = {
    unreachable: 0,
    degraded: 1,
    unknown: 2,
    'not-collected': 3,
    pending: 4,
    reachable: 5,
};
/** Brokers with more failing network findings first, then the worse verdict, then by name and ARN. */
function compareCandidates(a, b) {
    return (Number(b.networkFindings > 0) - Number(a.networkFindings > 0) ||
        VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
        (0, ordering_1.compareStrings)(a.broker.name, b.broker.name) ||
        (0, ordering_1.compareStrings)(a.broker.arn, b.broker.arn));
}
/** Keeps the `limit` brokers most worth drawing as the scan offers them, one at a time. */
class DiagramPicker {
    limit;
    kept = [];
    dropped = [];
    droppedCount = 0;
    constructor(limit = exports.DEFAULT_DIAGRAM_LIMIT) {
        this.limit = limit;
    }
    offer(broker, network, results) {
        const networkFindings = results.filter((r) => r.status === 'fail' && r.network !== undefined).length;
        const candidate = {
            broker,
            network: network ?? null,
            verdict: network ? network.onPrem.verdict : 'not-collected',
            networkFindings,
        };
        this.kept.push(candidate);
        this.kept.sort(compareCandidates);
        if (this.kept.length > this.limit)
            this.drop(this.kept.pop());
    }
    /** Only the names of the first few dropped brokers are kept (sorted the same way). */
    drop(candidate) {
        this.droppedCount++;
        this.dropped.push({ ...candidate, network: null });
        this.dropped.sort(compareCandidates);
        if (this.dropped.length > NAMED)
            this.dropped.pop();
    }
    /** The kept brokers laid out; with `redactor`, account ids in the drawings become the report's aliases. */
    async diagrams(redactor) {
        const kept = redactor ? this.kept.map((c) => (0, redact_1.redactDeep)(c, redactor)) : this.kept;
        const laidOut = await (0, layout_1.layoutSvg)(kept.map((c) => (0, paths_1.brokerPathsDot)(c.broker, c.network)));
        const brokers = kept.map((c, i) => ({
            name: c.broker.name,
            arn: c.broker.arn,
            accountId: c.broker.accountId,
            region: c.broker.region,
            engineType: c.broker.engineType,
            ...(c.broker.tags && { tags: c.broker.tags }),
            verdict: c.verdict,
            networkFindings: c.networkFindings,
            ...laidOut[i],
        }));
        const names = (redactor ? this.dropped.map((c) => (0, redact_1.redactDeep)(c.broker, redactor)) : this.dropped.map((c) => c.broker)).map((b) => b.name);
        return {
            brokers,
            limit: this.limit,
            omitted: { count: this.droppedCount, names },
            ...(brokers.length > 0 && { graphviz: await (0, layout_1.graphvizVersion)() }),
        };
    }
}
exports.DiagramPicker = DiagramPicker;
