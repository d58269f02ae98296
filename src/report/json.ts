/** The stable machine format: the ScanReport itself (a public API, see docs/report.md). */
import type {ScanReport} from './types';

export function renderJson(report: ScanReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
