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
    // Each broker once, in the order results first name it; results keep a reference without the tags.
    const brokers = new Map();
    for (const { resource } of report.results)
        if (resource && !brokers.has(resource.arn))
            brokers.set(resource.arn, resource);
    const written = {};
    for (const [key, value] of Object.entries(report)) {
        if (key === 'results') {
            written.brokers = [...brokers.values()];
            written.results = (0, json_chunks_1.lazyMap)(report.results, (result) => jsonResult(result, hopIndex));
        }
        else {
            written[key] = value;
        }
    }
    written.reportVersion = types_1.REPORT_VERSION;
    // Read when the writer gets there, after the results have filled it.
    written.hops = (0, json_chunks_1.lazy)(hops);
    yield* (0, json_chunks_1.jsonChunks)(written, { compactDepth: ONE_LINE_BELOW_DEPTH });
    yield '\n';
}
function renderJson(report) {
    return [...jsonReportChunks(report)].join('');
}
function jsonResult(result, hopIndex) {
    const { network, resource } = result;
    const { tags: _tags, ...reference } = resource ?? {};
    // Spread, then replaced: `resource` and `network` keep their places among the result's keys.
    if (!network)
        return { ...result, resource: reference };
    const flows = network.flows.map(({ hops, ...flow }) => ({ ...flow, hopIndexes: hops.map(hopIndex) }));
    return { ...result, resource: reference, network: { ...network, flows } };
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
 * A JSON report (version 1, 2 or 3, its top level already checked) as the in-memory ScanReport: hop indexes
 * (versions 2 and 3) become the hops themselves again, and each result's broker gets its tags back from `brokers`
 * (version 3; one tag object shared by the broker's results). Throws ReportShapeError at the first index that
 * names no hop, or a `brokers` that is not a list of brokers.
 */
function reportFromJson(record) {
    if (record.reportVersion === 1)
        return { ...record, reportVersion: types_1.REPORT_VERSION };
    const { hops, brokers, ...rest } = record;
    if (!Array.isArray(hops))
        throw new ReportShapeError('/hops', `an array of the network hops the results name (report version ${String(record.reportVersion)})`);
    const tagsOf = new Map();
    if (record.reportVersion !== 2) {
        if (!Array.isArray(brokers))
            throw new ReportShapeError('/brokers', 'an array of the brokers the results name (report version 3)');
        brokers.forEach((broker, b) => {
            const ref = broker;
            if (typeof ref?.arn !== 'string')
                throw new ReportShapeError(`/brokers/${b}/arn`, 'a broker ARN');
            if (ref.tags !== undefined) {
                if (typeof ref.tags !== 'object' || ref.tags === null || Array.isArray(ref.tags))
                    throw new ReportShapeError(`/brokers/${b}/tags`, 'an object of tag keys and values');
                tagsOf.set(ref.arn, ref.tags);
            }
        });
    }
    const results = record.results.map((stored, r) => {
        const resource = stored.resource;
        const tags = tagsOf.get(resource.arn);
        const result = tags === undefined || resource.tags !== undefined ? stored : { ...stored, resource: { ...resource, tags } };
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
    return { ...rest, reportVersion: types_1.REPORT_VERSION, results };
}
