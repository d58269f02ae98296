/** The report formats: each is a pure function of the ScanReport; writing it anywhere is the command's job. */
import {renderHtml} from './html';
import {jsonReportChunks} from './json';
import {renderJunit} from './junit';
import {renderMarkdown} from './markdown';
import {sarifChunks} from './sarif';
import {renderTable} from './table';
import type {RenderOptions, ScanReport} from './types';

export const FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];
/** A format's text in pieces: JSON and SARIF of a large estate are never one string (see json-chunks.ts). */
export type Renderer = (report: ScanReport, options: RenderOptions) => Iterable<string>;

const RENDERERS: Record<Format, Renderer> = {
  table: (report, options) => [renderTable(report, options)],
  json: (report) => jsonReportChunks(report),
  sarif: sarifChunks,
  markdown: (report, options) => [renderMarkdown(report, options)],
  junit: (report, options) => [renderJunit(report, options)],
  html: renderHtml,
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The report in `format`, as pieces to write one after the other (writeFileAtomic, stdout). */
export function renderChunks(format: Format, report: ScanReport, options: RenderOptions = {}): Iterable<string> {
  // Guards callers that pass an unchecked string (plain JS, a config file).
  if (!isFormat(format))
    throw new Error(`unknown report format "${String(format)}"; expected one of ${FORMATS.join(', ')}`);
  return RENDERERS[format](report, options);
}

/** The report in `format` as one string (small reports, tests). */
export function render(format: Format, report: ScanReport, options: RenderOptions = {}): string {
  return [...renderChunks(format, report, options)].join('');
}

export {escapeHtml, type HtmlDiagram, type HtmlDiagrams, renderHtml} from './html';
export {renderJson} from './json';
export {renderJunit} from './junit';
export {renderMarkdown} from './markdown';
export {
  categoryProblem,
  DEFAULT_CATEGORY,
  GITHUB_LIMITS,
  pathsWithin,
  renderSarif,
  sarifChunks,
  sarifLogChunks,
  sarifPathBytes,
} from './sarif';
export {renderTable} from './table';
export type {RenderOptions, ScanReport} from './types';
