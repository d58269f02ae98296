"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReportShapeError = void 0;
exports.jsonReportChunks = jsonReportChunks;
exports.renderJson = renderJson;
exports.reportFromJson = reportFromJson;
const json_chunks_1 = require("./json-chunks");
const types_1 = require("./types");
/** The report's structure indented; each item of its top-level lists (a result, a policy, a hop) on one line. */
const ONE_LINE_BELOW_DEPTH = 1;
/** The JSON text and a newline, in pieces: a large estate's report is never one string. */
function* jsonReportChunks(report) {
    // Hops are told apart by identity: the path model hands brokers that share a path the same hop objects, and
    // telling them apart by content would cost a serialization of every hop of every finding.
    const indexOf = new Map();
    const hops = [];
    const hopIndex = (hop) => {
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
        reportVersion: types_1.REPORT_VERSION,
        results: (0, json_chunks_1.lazyMap)(report.results, (result) => withHopIndexes(result, hopIndex)),
        // Read when the writer gets there, after the results have filled it.
        hops: (0, json_chunks_1.lazy)(hops),
    };
    yield* (0, json_chunks_1.jsonChunks)(written, { compactDepth: ONE_LINE_BELOW_DEPTH });
    yield '\n';
}
function renderJson(report) {
    return [...jsonReportChunks(report)].join('');
}
function withHopIndexes(result, hopIndex) {
    const { network } = result;
    if (!network)
        return result;
    const flows = network.flows.map(({ hops, ...flow }) => ({ ...flow, hopIndexes: hops.map(hopIndex) }));
    // Spread, then replaced: `network` keeps its place among the result's keys.
    return { ...result, network: { ...network, flows } };
}
/** Where a report read back does not have the shape its version promises: a JSON pointer and what was expected. */
class ReportShapeError extends Error {
    place;
    expected;
    name = 'ReportShapeError';
    constructor(place, expected) {
        super(`${place}: expected ${expected}`);
        this.place = place;
        this.expected = expected;
    }
}
exports.ReportShapeError = ReportShapeError;
/**
 * A JSON report (version 1 or 2, its top level already checked) as the in-memory ScanReport: version 2's hop
 * indexes become the hops themselves again. Throws ReportShapeError at the first index that names no hop.
 */
function reportFromJson(record) {
    if (record.reportVersion === 1)
        return { ...record, reportVersion: types_1.REPORT_VERSION };
    const { hops, ...rest } = record;
    if (!Array.isArray(hops))
        throw new ReportShapeError('/hops', 'an array of the network hops the results name (report version 2)');
    const results = record.results.map((result, r) => {
        const network = result.network;
        if (network === undefined)
            return result;
        if (!Array.isArray(network.flows))
            throw new ReportShapeError(`/results/${r}/network/flows`, 'an array of flows');
        const flows = network.flows.map((flow, f) => {
            const place = `/results/${r}/network/flows/${f}/hopIndexes`;
            if (!Array.isArray(flow?.hopIndexes))
                throw new ReportShapeError(place, 'an array of indexes into /hops');
            const { hopIndexes, ...rest } = flow;
            return {
                ...rest,
                hops: hopIndexes.map((index, i) => {
                    if (!Number.isInteger(index) || index < 0 || index >= hops.length) {
                        const range = hops.length === 0 ? 'but /hops is empty' : `0 to ${hops.length - 1}`;
                        throw new ReportShapeError(`${place}/${i}`, `an index into /hops (${range}), not ${JSON.stringify(index)}`);
                    }
                    return hops[index];
                }),
            };
        });
        return { ...result, network: { ...network, flows } };
    });
    return { ...rest, results };
}
