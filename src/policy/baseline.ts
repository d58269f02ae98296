/**
 * Baselines: `--baseline FILE` names an earlier JSON report (`mq-audit scan --format json`). A failing finding that
 * was failing then is `unchanged` and does not fail the gate; only `new` ones do. Findings failing then but not now
 * are listed as absent, with what they are now (fixed, not evaluated, or not in this scan).
 *
 * Findings are matched by their fingerprint (src/report/fingerprint.ts: policy id + ARN without the account),
 * recomputed from the baseline's policy ids and ARNs rather than read from it: a baseline written with or without
 * --redact, or by an mq-audit with another fingerprint version, still matches.
 */
import {isAbsolute, resolve} from 'node:path';

import {InputError, InputErrors} from '../foundation/errors';
import type {ValidateFunction} from 'ajv';
import {createAjv, schemaErrors} from '../foundation/json-input';
import {findingFingerprint} from '../report/fingerprint';
import {readAs} from './suppressions';
import {type Evaluation, type Severity, SEVERITIES, type Status, STATUSES} from './types';

const REPORT_KIND = 'mq-audit/report';
/** Versions 1 and 2 differ only in where network hops are written, which a baseline does not read. */
const SUPPORTED_REPORT_VERSION = 3;

export type BaselineState = 'new' | 'unchanged';

export interface BaselineFinding {
  fingerprint: string;
  policyId: string;
  severity: Severity;
  arn: string;
  name?: string;
  accountId?: string;
  region?: string;
  message?: string;
}

export interface Baseline {
  /** The file as the user named it. */
  file: string;
  generatedAt: string;
  /** Failing findings of the baseline report (suppressed ones included: they were failing). */
  findings: BaselineFinding[];
  /** Accounts the baseline covered (ids or --redact aliases). */
  accounts: string[];
}

/** What a finding absent now is instead: `pass`/`not_applicable` mean fixed; `missing` means not in this scan. */
export type AbsentNow = Exclude<Status, 'fail'> | 'missing';

export interface AbsentFinding extends BaselineFinding {
  now: AbsentNow;
}

export interface BaselineCounts {
  new: number;
  unchanged: number;
  /** Failing in the baseline, not failing now (see `now` of each). */
  absent: number;
  /** Of the absent ones, those that now pass or no longer apply. */
  fixed: number;
}

export interface BaselineWarning {
  code: 'baseline-disjoint';
  message: string;
  source: string;
}

export interface BaselineOutcome<T extends Evaluation> {
  results: (T & {baseline?: BaselineState})[];
  absent: AbsentFinding[];
  counts: BaselineCounts;
  warnings: BaselineWarning[];
}

export interface BaselineContext {
  /** Accounts this scan covered. */
  accounts: string[];
  /** The `--redact` alias of an account id, to compare with a redacted baseline's accounts. */
  aliasOf?: (accountId: string) => string;
}

/** Only what a baseline needs is checked; the rest of the report may grow without breaking old baselines. */
const BASELINE_SCHEMA = {
  type: 'object',
  required: ['kind', 'reportVersion', 'generatedAt', 'results'],
  properties: {
    kind: {const: REPORT_KIND},
    reportVersion: {enum: [1, 2, SUPPORTED_REPORT_VERSION]},
    generatedAt: {type: 'string', minLength: 1},
    inventory: {
      type: 'object',
      properties: {
        scopes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['accountId'],
            properties: {accountId: {type: 'string'}, region: {type: 'string'}},
          },
        },
      },
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['policyId', 'status', 'severity', 'resource'],
        properties: {
          policyId: {type: 'string', minLength: 1},
          status: {enum: [...STATUSES]},
          severity: {enum: [...SEVERITIES]},
          message: {type: 'string'},
          resource: {
            type: 'object',
            required: ['arn'],
            properties: {
              arn: {type: 'string', minLength: 1},
              name: {type: 'string'},
              accountId: {type: 'string'},
              region: {type: 'string'},
            },
          },
        },
      },
    },
  },
} as const;

interface BaselineDocument {
  generatedAt: string;
  inventory?: {scopes?: {accountId: string}[]};
  results: {
    policyId: string;
    status: Status;
    severity: Severity;
    message?: string;
    resource: {arn: string; name?: string; accountId?: string; region?: string};
  }[];
}

const baselineValidators = new Map<boolean, ValidateFunction>();

/** Compiled once per process; `allErrors` false stops at the first violation (large reports, see schemaErrors). */
function baselineValidator(allErrors = true): ValidateFunction {
  let validate = baselineValidators.get(allErrors);
  if (!validate) {
    validate = createAjv({allErrors}).compile(BASELINE_SCHEMA);
    baselineValidators.set(allErrors, validate);
  }

  return validate;
}

export function loadBaseline(file: string, cwd = process.cwd()): Baseline {
  return parseBaseline(readAs(isAbsolute(file) ? file : resolve(cwd, file), file, 'baseline report'), file);
}

export function parseBaseline(data: unknown, shown: string): Baseline {
  const problem = notAReport(data);
  if (problem) throw new InputError(shown, problem.text, problem.place);
  const errors = schemaErrors(baselineValidator(), data, shown, {quick: baselineValidator(false)});
  if (errors.length > 0)
    throw new InputErrors(
      errors.map((error) => new InputError(error.source, `${error.problem} (in the baseline report)`, error.place)),
    );

  const document = data as BaselineDocument;
  const byFingerprint = new Map<string, BaselineFinding>();
  for (const result of document.results) {
    if (result.status !== 'fail') continue;
    const fingerprint = findingFingerprint(result.policyId, result.resource.arn);
    if (byFingerprint.has(fingerprint)) continue;
    const {arn, name, accountId, region} = result.resource;
    byFingerprint.set(fingerprint, {
      fingerprint,
      policyId: result.policyId,
      severity: result.severity,
      arn,
      ...(name === undefined ? {} : {name}),
      ...(accountId === undefined ? {} : {accountId}),
      ...(region === undefined ? {} : {region}),
      ...(result.message === undefined ? {} : {message: result.message}),
    });
  }

  const accounts = new Set([
    ...(document.inventory?.scopes ?? []).map((scope) => scope.accountId),
    ...document.results.flatMap((result) => (result.resource.accountId ? [result.resource.accountId] : [])),
  ]);
  return {
    file: shown,
    generatedAt: document.generatedAt,
    findings: [...byFingerprint.values()],
    accounts: [...accounts].sort(),
  };
}

export function compareWithBaseline<T extends Evaluation>(
  results: T[],
  baseline: Baseline,
  context: BaselineContext,
): BaselineOutcome<T> {
  const before = new Map(baseline.findings.map((finding) => [finding.fingerprint, finding]));
  const failingNow = new Set<string>();
  const statusNow = new Map<string, AbsentNow>();
  const annotated = results.map((result) => {
    const fingerprint = findingFingerprint(result.policyId, result.resource.arn);
    if (result.status !== 'fail') {
      // Should one fingerprint have several results, `error` wins: "could not look" is never reported as fixed.
      if (statusNow.get(fingerprint) !== 'error') statusNow.set(fingerprint, result.status);
      return result;
    }

    failingNow.add(fingerprint);
    return {...result, baseline: before.has(fingerprint) ? ('unchanged' as const) : ('new' as const)};
  });

  const absent = baseline.findings
    .filter((finding) => !failingNow.has(finding.fingerprint))
    .map((finding): AbsentFinding => ({...finding, now: statusNow.get(finding.fingerprint) ?? 'missing'}));
  const states = annotated.map((result) => (result as {baseline?: BaselineState}).baseline);
  return {
    results: annotated,
    absent,
    counts: {
      new: states.filter((state) => state === 'new').length,
      unchanged: states.filter((state) => state === 'unchanged').length,
      absent: absent.length,
      fixed: absent.filter((finding) => finding.now === 'pass' || finding.now === 'not_applicable').length,
    },
    warnings: disjointWarning(baseline, context),
  };
}

/** Nothing can match when the baseline covered other accounts: say so rather than silently calling all new. */
function disjointWarning(baseline: Baseline, context: BaselineContext): BaselineWarning[] {
  if (baseline.accounts.length === 0 || context.accounts.length === 0) return [];
  const known = new Set(
    context.accounts.flatMap((accountId) => [accountId, ...(context.aliasOf ? [context.aliasOf(accountId)] : [])]),
  );
  if (baseline.accounts.some((account) => known.has(account))) return [];
  return [
    {
      code: 'baseline-disjoint',
      message:
        `The baseline ${baseline.file} covers none of this scan's accounts (it has ${baseline.accounts.join(', ')}), so every failing finding counts as new. ` +
        'If it was written with --redact under another MQ_AUDIT_REDACT_KEY, its account aliases differ; findings still match by fingerprint.',
      source: baseline.file,
    },
  ];
}

/** A precise message for the usual mistakes: a SARIF file, an inventory, a report from a newer mq-audit. */
function notAReport(data: unknown): {text: string; place?: string} | undefined {
  const hint = 'write one with `mq-audit scan --format json --output FILE`';
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {text: `is not an mq-audit JSON report (expected an object); ${hint}`};
  const document = data as Record<string, unknown>;
  if (document.kind === undefined && Array.isArray(document.runs) && typeof document.version === 'string') {
    return {text: `is a SARIF log, not an mq-audit JSON report; --baseline needs the JSON report: ${hint}`};
  }

  if (document.kind === 'mq-audit/inventory')
    return {
      text: `is an mq-audit inventory, not a report; --baseline needs the JSON report of a scan: ${hint}`,
      place: '/kind',
    };
  if (document.kind !== REPORT_KIND)
    return {
      text: `is not an mq-audit JSON report: "kind" is ${JSON.stringify(document.kind)}, expected "${REPORT_KIND}"; ${hint}`,
      place: '/kind',
    };
  if (typeof document.reportVersion === 'number' && document.reportVersion > SUPPORTED_REPORT_VERSION) {
    return {
      text: `was written by a newer mq-audit (report version ${document.reportVersion}); this one reads versions 1 to ${SUPPORTED_REPORT_VERSION}`,
      place: '/reportVersion',
    };
  }

  return undefined;
}
