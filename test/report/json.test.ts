import type {PathHop} from '../../src/network/facts';
import {type JsonReport, renderJson, reportFromJson, ReportShapeError} from '../../src/report/json';
import {redactReport, createRedactor} from '../../src/report/redact';
import type {ScanReport} from '../../src/report/types';
import {scanDemo} from '../helpers/demo';
import {buildReport} from '../helpers/report-fixture';

/** The demo estate's report: failing network findings with real hops, some shared between brokers. */
let demo: ScanReport;
let remove: () => void;
beforeAll(async () => {
  ({report: demo, remove} = await scanDemo());
});
afterAll(() => remove());

const flowsOf = (report: ScanReport) => report.results.flatMap((r) => r.network?.flows ?? []);
const parse = (report: ScanReport): JsonReport => JSON.parse(renderJson(report)) as JsonReport;

describe('renderJson', () => {
  it('round-trips a report without network findings', () => {
    const report = buildReport();
    const written = parse(report);
    expect(written.hops).toEqual([]);
    expect(reportFromJson(written as unknown as Record<string, unknown>)).toEqual(report);
  });

  it('is two-space indented with a final newline, keys in the report order, hops last', () => {
    const text = renderJson(buildReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "kind": "mq-audit/report",\n  "reportVersion": 2,\n  "tool": {')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object).at(-1)).toBe('hops');
  });

  it('lists each hop once and names it by index in every flow, and reads back to the same report', () => {
    const flows = flowsOf(demo);
    const occurrences = flows.flatMap((f) => f.hops);
    expect(occurrences.length).toBeGreaterThan(20);
    const distinct = new Set<PathHop>(occurrences);
    // The demo's brokers share paths: fewer hops than hop occurrences, and each written once.
    expect(distinct.size).toBeLessThan(occurrences.length);

    const written = parse(demo);
    expect(written.reportVersion).toBe(2);
    expect(written.hops).toHaveLength(distinct.size);
    const writtenFlows = written.results.flatMap((r) => r.network?.flows ?? []);
    expect(writtenFlows.every((f) => !('hops' in f) && f.hopIndexes.every((i) => Number.isInteger(i) && i >= 0 && i < written.hops.length))).toBe(true);
    // Flow by flow, the indexes name the hops the flow had.
    expect(writtenFlows.map((f) => f.hopIndexes.map((i) => written.hops[i]))).toEqual(flows.map((f) => f.hops));

    expect(reportFromJson(written as unknown as Record<string, unknown>)).toEqual(demo);
  });

  it('keeps hops shared under --redact, so a redacted report lists them once too', () => {
    const redacted = redactReport(demo, createRedactor('test-key'));
    expect(parse(redacted).hops).toHaveLength(new Set(flowsOf(demo).flatMap((f) => f.hops)).size);
    expect(JSON.stringify(parse(redacted).hops)).not.toMatch(/\b\d{12}\b/);
  });
});

describe('reportFromJson', () => {
  it('reads a version 1 report (hops inline in each flow) as it was', () => {
    const inline = JSON.parse(JSON.stringify({...demo, reportVersion: 1})) as Record<string, unknown>;
    expect(reportFromJson(inline)).toEqual(demo);
  });

  it('names the place of an index that names no hop, and a missing hop list', () => {
    const written = parse(demo) as unknown as {results: {network?: {flows: {hopIndexes: unknown[]}[]}}[]; hops?: unknown};
    const r = written.results.findIndex((result) => result.network);
    written.results[r].network!.flows[0].hopIndexes[1] = 9999;
    const shapeError = (record: unknown): ReportShapeError => {
      try {
        reportFromJson(record as Record<string, unknown>);
      } catch (error) {
        return error as ReportShapeError;
      }
      throw new Error('expected a ReportShapeError');
    };
    const bad = shapeError(written);
    expect(bad).toBeInstanceOf(ReportShapeError);
    expect(bad.place).toBe(`/results/${r}/network/flows/0/hopIndexes/1`);
    expect(bad.expected).toMatch(/^an index into \/hops \(0 to \d+\), not 9999$/);

    delete written.hops;
    expect(shapeError(written).place).toBe('/hops');
  });
});
