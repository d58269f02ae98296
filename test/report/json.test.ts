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

  it('is two-space indented with a final newline, keys in the report order, brokers before results, hops last', () => {
    const text = renderJson(buildReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "kind": "mq-audit/report",\n  "reportVersion": 3,\n  "tool": {')).toBe(true);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys.at(-1)).toBe('hops');
    expect(keys.indexOf('brokers')).toBe(keys.indexOf('results') - 1);
  });

  // Issue 18, item 13: every result repeated its broker's whole tag map.
  it('lists each broker once with its tags; results name it without them, and read back with them', () => {
    const tags = (i: number) =>
      Object.fromEntries(Array.from({length: 50}, (_, t) => [`tag-${t}`, `broker ${i} tag ${t} ${'v'.repeat(200)}`]));
    const report = buildReport();
    const arns = [...new Set(report.results.map((r) => r.resource.arn))];
    const tagged: ScanReport = {
      ...report,
      results: report.results.map((r) => ({...r, resource: {...r.resource, tags: tags(arns.indexOf(r.resource.arn))}})),
    };
    expect(tagged.results.length).toBeGreaterThan(arns.length);
    const text = renderJson(tagged);
    const written = JSON.parse(text) as JsonReport;
    expect(written.brokers.map((b) => b.arn)).toEqual(arns);
    expect(written.brokers[0].tags).toEqual(tags(0));
    expect(written.results.every((r) => !('tags' in r.resource) && arns.includes(r.resource.arn))).toBe(true);
    // One copy of each tag value in the whole text.
    for (let i = 0; i < arns.length; i++) expect(text.split(`broker ${i} tag 7 `).length - 1).toBe(1);
    const read = reportFromJson(written);
    expect(read).toEqual(tagged);
    // The broker's results share one tag object, as the path model's hops are shared.
    const ofFirst = read.results.filter((r) => r.resource.arn === arns[0]);
    expect(ofFirst.length).toBeGreaterThan(1);
    expect(ofFirst[1].resource.tags).toBe(ofFirst[0].resource.tags);
  });

  it('lists each hop once and names it by index in every flow, and reads back to the same report', () => {
    const flows = flowsOf(demo);
    const occurrences = flows.flatMap((f) => f.hops);
    expect(occurrences.length).toBeGreaterThan(20);
    const distinct = new Set<PathHop>(occurrences);
    // The demo's brokers share paths: fewer hops than hop occurrences, and each written once.
    expect(distinct.size).toBeLessThan(occurrences.length);

    const written = parse(demo);
    expect(written.reportVersion).toBe(3);
    expect(written.hops).toHaveLength(distinct.size);
    const writtenFlows = written.results.flatMap((r) => r.network?.flows ?? []);
    expect(
      writtenFlows.every(
        (f) => !('hops' in f) && f.hopIndexes.every((i) => Number.isInteger(i) && i >= 0 && i < written.hops.length),
      ),
    ).toBe(true);
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

  it('reads a version 2 report (tags in every result, hops by index) as it was', () => {
    const written = parse(demo) as unknown as Record<string, unknown> & {
      brokers: {arn: string; tags?: unknown}[];
      results: {resource: {arn: string; tags?: unknown}}[];
    };
    const tagsOf = new Map(written.brokers.map((b) => [b.arn, b.tags as Record<string, string> | undefined]));
    const v2 = {
      ...written,
      reportVersion: 2,
      brokers: undefined,
      results: written.results.map((r) => ({
        ...r,
        resource: {...r.resource, ...(tagsOf.get(r.resource.arn) && {tags: tagsOf.get(r.resource.arn)})},
      })),
    };
    delete v2.brokers;
    expect(reportFromJson(v2)).toEqual(demo);
  });

  it('names the place of an index that names no hop, and a missing hop list', () => {
    const written = parse(demo) as unknown as {
      results: {network?: {flows: {hopIndexes: unknown[]}[]}}[];
      hops?: unknown;
    };
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

    const noBrokers = parse(demo) as unknown as Record<string, unknown>;
    delete noBrokers.brokers;
    expect(shapeError(noBrokers).place).toBe('/brokers');
    const badTags = parse(demo) as unknown as {brokers: {tags?: unknown}[]};
    badTags.brokers[1].tags = ['x'];
    expect(shapeError(badTags).place).toBe('/brokers/1/tags');
  });
});
