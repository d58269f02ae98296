/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, CircleCI): one testsuite per
 * policy, one testcase per broker it was evaluated on. fail → <failure>, error → <error>, not applicable or
 * suppressed → <skipped> with the reason; pass → an empty testcase. Collection errors get a testsuite of their own,
 * so "could not look" is red too. A failure unchanged since the baseline is still a <failure> (the broker still
 * fails the policy); its message says so. The exit code, not this file, is the gate.
 */
import type {ResourceRef} from '../policy/types';
import type {CollectionError} from '../snapshot/types';
import {compareCollectionErrors, compareStrings} from './ordering';
import {reasonOf} from './parts';
import type {RenderOptions, ReportedEvaluation, ReportedPolicy, ScanReport} from './types';

export const COLLECTION_SUITE = 'mq-audit/collection';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Suite extends Counts {
  name: string;
  body: string[];
}

export function renderJunit(report: ScanReport, _options: RenderOptions = {}): string {
  const timestamp = junitTimestamp(report.generatedAt);
  const policies = new Map(report.policies.map((policy) => [policy.id, policy]));
  const byPolicy = new Map<string, ReportedEvaluation[]>();
  for (const ev of report.results) byPolicy.set(ev.policyId, [...(byPolicy.get(ev.policyId) ?? []), ev]);

  // Failing results with the same policy and reason, grouped as in the table: each case names the others.
  const same = new Map<string, string[]>();
  for (const ev of report.results) {
    if (ev.status !== 'fail' && ev.status !== 'error') continue;
    const key = sameKey(ev, policies.get(ev.policyId));
    same.set(key, [...(same.get(key) ?? []), ev.resource.name || ev.resource.id]);
  }

  const suites = [...byPolicy.keys()]
    .sort(compareStrings)
    .map((id) => policySuite(id, byPolicy.get(id)!, policies.get(id), same));
  if (report.collectionErrors.length > 0) suites.push(collectionSuite(report.collectionErrors));
  const total = suites.reduce<Counts>(
    (sum, suite) => ({
      tests: sum.tests + suite.tests,
      failures: sum.failures + suite.failures,
      errors: sum.errors + suite.errors,
      skipped: sum.skipped + suite.skipped,
    }),
    {tests: 0, failures: 0, errors: 0, skipped: 0},
  );

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({name: report.tool.name || 'mq-audit', ...countAttributes(total), time: '0', timestamp})}>`,
    ...suites.flatMap((suite) => [
      `  <testsuite${attributes({name: suite.name, ...countAttributes(suite), time: '0', timestamp})}>`,
      ...suite.body.map((line) => `    ${line}`),
      '  </testsuite>',
    ]),
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}

function sameKey(ev: ReportedEvaluation, policy: ReportedPolicy | undefined): string {
  return `${ev.status}\u0000${ev.policyId}\u0000${reasonOf(ev, policy?.title)}`;
}

function policySuite(
  policyId: string,
  results: ReportedEvaluation[],
  policy: ReportedPolicy | undefined,
  same: Map<string, string[]>,
): Suite {
  const counts: Counts = {tests: results.length, failures: 0, errors: 0, skipped: 0};
  const properties = policy
    ? [
        '<properties>',
        ...Object.entries({
          severity: policy.severity,
          title: policy.title,
          helpUri: policy.helpUri,
          source: policy.source,
        })
          .filter(([, value]) => Boolean(value))
          .map(([name, value]) => `  <property${attributes({name, value})}/>`),
        '</properties>',
      ]
    : [];
  const cases = [...results]
    .sort((a, b) => compareResources(a.resource, b.resource))
    .flatMap((ev) => {
      const open = `<testcase${attributes({name: caseName(ev.resource), classname: policyId, time: '0'})}`;
      const outcome = outcomeOf(ev, policy, same.get(sameKey(ev, policy)));
      if (!outcome) return [`${open}/>`];
      counts[outcome.counter] += 1;
      const body =
        outcome.text === undefined
          ? `<${outcome.element}${attributes(outcome.attributes)}/>`
          : `<${outcome.element}${attributes(outcome.attributes)}>${text(outcome.text)}</${outcome.element}>`;
      return [`${open}>`, `  ${body}`, '</testcase>'];
    });
  return {name: policyId, ...counts, body: [...properties, ...cases]};
}

interface Outcome {
  element: 'error' | 'failure' | 'skipped';
  counter: 'errors' | 'failures' | 'skipped';
  attributes: Record<string, string>;
  text?: string;
}

function outcomeOf(
  ev: ReportedEvaluation,
  policy: ReportedPolicy | undefined,
  same: readonly string[] = [],
): Outcome | undefined {
  switch (ev.status) {
    case 'pass': {
      return undefined;
    }

    case 'not_applicable': {
      return {element: 'skipped', counter: 'skipped', attributes: {message: `not applicable: ${ev.message}`}};
    }

    case 'error': {
      return {
        element: 'error',
        counter: 'errors',
        attributes: {message: `could not evaluate: ${ev.message}`, type: 'not-evaluated'},
        text: details(ev, policy, same),
      };
    }

    case 'fail': {
      if (ev.suppression) {
        const ticket = ev.suppression.ticket ? ` (${ev.suppression.ticket})` : '';
        return {
          element: 'skipped',
          counter: 'skipped',
          attributes: {
            message: `suppressed until ${ev.suppression.expires}: ${ev.suppression.reason}${ticket} (${ev.severity}: ${ev.message})`,
          },
        };
      }

      const mark =
        changeMark(ev) +
        (ev.baseline === 'unchanged' ? '[unchanged since the baseline] ' : ev.baseline === 'new' ? '[new] ' : '');
      return {
        element: 'failure',
        counter: 'failures',
        attributes: {message: `${mark}${ev.message}`, type: ev.severity},
        text: details(ev, policy, same),
      };
    }
  }
}

/** scan --plan/--template: what the change does to the finding, first. */
function changeMark(ev: ReportedEvaluation): string {
  return ev.change === 'introduced'
    ? '[introduced by the change] '
    : ev.change === 'unchanged'
      ? '[already failing before the change] '
      : '';
}

function details(ev: ReportedEvaluation, policy: ReportedPolicy | undefined, same: readonly string[]): string {
  const lines = [
    ev.message,
    `Reason: ${reasonOf(ev, policy?.title)}`,
    ...(same.length > 1 ? [`The same on ${same.length} brokers: ${same.join(', ')}.`] : []),
    ...(ev.cause ? [`Introduced by this change: ${ev.cause.text}`] : []),
    `Policy: ${ev.policyId}${policy?.title ? ` (${policy.title})` : ''}, severity ${ev.severity}.`,
    `Resource: ${ev.resource.arn}`,
    ...(ev.explanations ?? []).map(
      (explanation) =>
        `At ${explanation.path || '/'} found ${JSON.stringify(explanation.found) ?? 'nothing'}, expected ${explanation.expected}.`,
    ),
    ...(ev.status === 'fail' && policy?.remediation ? [`How to fix: ${policy.remediation}`] : []),
    ...(policy?.helpUri ? [`More: ${policy.helpUri}`] : []),
  ];
  return lines.join('\n');
}

function collectionSuite(errors: CollectionError[]): Suite {
  const sorted = [...errors].sort(compareCollectionErrors);
  const seen = new Map<string, number>();
  const body = sorted.flatMap((error) => {
    const scope = [error.accountId, error.region, error.resource].filter(Boolean).join('/') || 'global';
    const base = `${error.service} ${error.operation} (${scope})`;
    // Names must be unique within a suite for most readers; repeat calls get a counter.
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const name = count === 1 ? base : `${base} #${count}`;
    return [
      `<testcase${attributes({name, classname: COLLECTION_SUITE, time: '0'})}>`,
      `  <error${attributes({message: `${error.code}: ${error.message}`, type: error.kind})}>${text(`Could not read ${error.service} ${error.operation} (${scope}): ${error.code} (${error.kind}). ${error.message} Findings that depend on it are missing.`)}</error>`,
      '</testcase>',
    ];
  });
  return {name: COLLECTION_SUITE, tests: sorted.length, failures: 0, errors: sorted.length, skipped: 0, body};
}

function caseName(resource: ResourceRef): string {
  return `${resource.name || resource.id} (${resource.accountId}/${resource.region})`;
}

function compareResources(a: ResourceRef, b: ResourceRef): number {
  return (
    compareStrings(a.name, b.name) ||
    compareStrings(a.accountId, b.accountId) ||
    compareStrings(a.region, b.region) ||
    compareStrings(a.arn, b.arn)
  );
}

function countAttributes(counts: Counts): Record<string, string> {
  return {
    tests: String(counts.tests),
    failures: String(counts.failures),
    errors: String(counts.errors),
    skipped: String(counts.skipped),
  };
}

/** `2026-11-25T09:30:12`: the JUnit schema's timestamp has no fraction and no zone (it is UTC here). */
function junitTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? match[1] : '';
}

function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => ` ${name}="${attributeValue(value)}"`)
    .join('');
}

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD; a
 * document with one of them is not well-formed, and every reader rejects the whole file.
 */
export function xmlSafe(raw: string): string {
  return raw.replace(
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what this replaces
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

export function text(raw: string): string {
  return xmlSafe(raw).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Quotes escaped, and tab/newline as references so attribute-value normalisation keeps them. */
export function attributeValue(raw: string): string {
  return text(raw)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}
