/** The report formats: each is a pure function of the ScanReport; writing it anywhere is the command's job. */
import {renderJson} from './json';
import {renderJunit} from './junit';
import {renderMarkdown} from './markdown';
import {renderSarif} from './sarif';
import {renderTable} from './table';
import type {RenderOptions, ScanReport} from './types';

export const FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
export type Renderer = (report: ScanReport, options: RenderOptions) => string;

const RENDERERS: Record<Format, Renderer> = {
  table: renderTable,
  json: (report) => renderJson(report),
  sarif: renderSarif,
  markdown: renderMarkdown,
  junit: renderJunit,
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function render(format: Format, report: ScanReport, options: RenderOptions = {}): string {
  // Guards callers that pass an unchecked string (plain JS, a config file).
  if (!isFormat(format)) throw new Error(`unknown report format "${String(format)}"; expected one of ${FORMATS.join(', ')}`);
  return RENDERERS[format](report, options);
}

export {renderJson} from './json';
export {renderJunit} from './junit';
export {renderMarkdown} from './markdown';
export {categoryProblem, DEFAULT_CATEGORY, renderSarif} from './sarif';
export {renderTable} from './table';
export type {RenderOptions, ScanReport} from './types';
