/** The stable machine format: the ScanReport itself (a public API, see docs/report.md). */
import {jsonChunks} from './json-chunks';
import type {ScanReport} from './types';

/** `JSON.stringify(report, null, 2)` and a newline, in pieces: a large estate's report is never one string. */
export function* jsonReportChunks(report: ScanReport): Generator<string> {
  yield* jsonChunks(report);
  yield '\n';
}

export function renderJson(report: ScanReport): string {
  return [...jsonReportChunks(report)].join('');
}
