/**
 * `report merge`: read the inputs, tell JSON reports from SARIF logs, merge (src/report/merge.ts). No printing.
 * Every input problem (unreadable, not a report, conflicting with another input) is an InputError naming the file.
 */
import type {Log} from 'sarif';

import {InputError} from '../foundation/errors';
import {readJsonFile} from '../foundation/json-input';
import type {FailOn} from '../policy/types';
import {reportFromJson, ReportShapeError} from '../report/json';
import {MergeConflict, mergeReports, mergeSarif, type NamedInput} from '../report/merge';
import {REPORT_KIND, REPORT_VERSION, type ScanReport} from '../report/types';

export type MergeOutcome = {kind: 'report'; report: ScanReport} | {kind: 'sarif'; log: Log};

export interface MergeOptions {
  files: string[];
  failOn?: FailOn;
}

export function mergeFiles(options: MergeOptions): MergeOutcome {
  if (options.files.length === 0)
    throw new InputError('report merge', 'no input files: give the JSON reports (or SARIF files) to merge');
  const duplicate = options.files.find((file, index) => options.files.indexOf(file) !== index);
  if (duplicate !== undefined) throw new InputError(duplicate, 'given twice: each report must be merged once');

  const inputs = options.files.map((file) => ({file, parsed: classify(readJsonFile(file, 'report file'), file)}));
  const reports = inputs.filter((i) => i.parsed.kind === 'report');
  const logs = inputs.filter((i) => i.parsed.kind === 'sarif');
  if (reports.length > 0 && logs.length > 0) {
    throw new InputError(
      logs[0].file,
      `is a SARIF file, but ${reports[0].file} is a JSON report: merge JSON reports together (then --format sarif renders one run) or SARIF files together, not both`,
    );
  }

  try {
    if (logs.length > 0)
      return {kind: 'sarif', log: mergeSarif(logs.map((i) => ({file: i.file, value: (i.parsed as {log: Log}).log})))};
    return {
      kind: 'report',
      report: mergeReports(
        reports.map((i): NamedInput<ScanReport> => ({file: i.file, value: (i.parsed as {report: ScanReport}).report})),
        {failOn: options.failOn},
      ),
    };
  } catch (error) {
    if (error instanceof MergeConflict)
      throw new InputError(error.files.length === 1 ? error.files[0] : 'report merge', error.problem);
    throw error;
  }
}

type Classified = {kind: 'report'; report: ScanReport} | {kind: 'sarif'; log: Log};

/** An mq-audit JSON report (checked enough to merge safely) or a SARIF 2.1.0 log. */
function classify(data: unknown, file: string): Classified {
  const record = data as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new InputError(
      file,
      'expected an mq-audit JSON report (scan --format json) or a SARIF 2.1.0 file (scan --format sarif)',
      '/',
    );
  }
  if (record.kind === REPORT_KIND) return {kind: 'report', report: checkReport(record, file)};
  if (Array.isArray(record.runs)) {
    if (record.version !== '2.1.0')
      throw new InputError(
        file,
        `SARIF version ${JSON.stringify(record.version)} is not supported; expected "2.1.0"`,
        '/version',
      );
    record.runs.forEach((run, index) => {
      if (run === null || typeof run !== 'object' || Array.isArray(run))
        throw new InputError(file, 'expected a SARIF run object', `/runs/${index}`);
    });
    return {kind: 'sarif', log: record as unknown as Log};
  }
  throw new InputError(
    file,
    `"kind" is ${JSON.stringify(record.kind)}: expected an mq-audit JSON report ("kind": "${REPORT_KIND}") or a SARIF 2.1.0 file`,
    '/kind',
  );
}

function checkReport(record: Record<string, unknown>, file: string): ScanReport {
  if (!(
    typeof record.reportVersion === 'number' &&
    Number.isInteger(record.reportVersion) &&
    record.reportVersion >= 1 &&
    record.reportVersion <= REPORT_VERSION
  )) {
    throw new InputError(
      file,
      `report version ${JSON.stringify(record.reportVersion)} is not supported; this mq-audit merges versions 1 to ${REPORT_VERSION}`,
      '/reportVersion',
    );
  }
  const expectations: [string, (value: unknown) => boolean, string][] = [
    ['/tool/version', (v) => typeof v === 'string', 'a string'],
    ['/generatedAt', (v) => typeof v === 'string', 'a date-time string'],
    ['/inventory/collectedAt', (v) => typeof v === 'string', 'a date-time string'],
    ['/inventory/scopes', Array.isArray, 'an array'],
    ['/policies', Array.isArray, 'an array'],
    ['/results', Array.isArray, 'an array'],
    ['/collectionErrors', Array.isArray, 'an array'],
    ['/summary/brokers', (v) => typeof v === 'number', 'a number'],
    ['/gate/failOn', (v) => typeof v === 'string', 'a --fail-on value'],
  ];
  for (const [pointer, ok, expected] of expectations) {
    if (!ok(at(record, pointer))) throw new InputError(file, `expected ${expected}`, pointer);
  }
  (record.results as unknown[]).forEach((result, index) => {
    const r = result as {policyId?: unknown; status?: unknown; resource?: {arn?: unknown}} | null;
    if (typeof r?.policyId !== 'string' || typeof r.status !== 'string' || typeof r.resource?.arn !== 'string') {
      throw new InputError(file, 'expected a result with policyId, status and resource.arn', `/results/${index}`);
    }
  });
  try {
    return reportFromJson(record);
  } catch (error) {
    if (error instanceof ReportShapeError) throw new InputError(file, `expected ${error.expected}`, error.place);
    throw error;
  }
}

function at(record: Record<string, unknown>, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      record,
    );
}
