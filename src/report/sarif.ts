/**
 * SARIF 2.1.0 for GitHub code scanning.
 *
 * GitHub rejects a whole upload for one bad result, so every result gets a physical location (a stable pseudo-path,
 * since brokers have no file), a startLine, a fingerprint of its own and a rule with full metadata.
 * Only failures are results: GitHub ignores suppressions and baselines, so anything emitted becomes an open alert.
 * What could not be checked goes into the invocation's notifications, so "no findings" never hides "could not look".
 */
import type {
  CodeFlow,
  Invocation,
  Location,
  Log,
  Notification,
  ReportingDescriptor,
  Result,
  ThreadFlowLocation,
} from 'sarif';

import type {Evaluation, Explanation, PolicyControls, ResourceRef, Severity} from '../policy/types';
import type {PathHop} from '../network/facts';
import type {CollectionError} from '../snapshot/types';
import {findingFingerprint} from './fingerprint';
import {jsonChunks, lazyMap} from './json-chunks';
import {compareCollectionErrors, compareEvaluations, compareStrings} from './ordering';
import {BREAK_WORDS, hopTitle} from './paths';
import type {
  FindingNetworkFlow,
  LocatableResource,
  Locator,
  RenderOptions,
  ReportedEvaluation,
  ReportedPolicy,
  ScanReport,
  SourceLocation,
} from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** package.json has no homepage or repository yet; the package's registry page is the stable public address. */
export const TOOL_INFORMATION_URI = 'https://www.npmjs.com/package/mq-audit';
export const DEFAULT_CATEGORY = 'mq-audit';

/** GitHub code scanning's limits: above the hard ones the upload is rejected; of tags only 10 are kept. */
export const GITHUB_LIMITS = {
  /** The upload is rejected above this many bytes gzip-compressed. */
  gzipBytes: 10 * 1024 * 1024,
  resultsPerRun: 25_000,
  /** Of a run's results GitHub keeps only this many, the most severe: paths are drawn for these alone. */
  resultsKept: 5000,
  locationsPerResult: 1000,
  tagsPerRule: 10,
  descriptionChars: 1024,
  ruleNameChars: 255,
} as const;

const MAX_CATEGORY_LENGTH = 200;
/** What code-scanning categories look like in practice (`mq-audit/prod`, CodeQL's `/language:go`). */
const CATEGORY_PATTERN = /^[A-Za-z0-9._:@/-]+$/;
/** Explanations spelled out in a result message; the rest stay in result.properties. */
const MESSAGE_EXPLANATIONS = 3;
const FOUND_VALUE_CHARS = 80;

const LEVEL: Record<Severity, 'error' | 'note' | 'warning'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
/** Mid-band scores, clear of the 9.0 boundary GitHub's docs word ambiguously. A string: GitHub rejects numbers. */
const SECURITY_SEVERITY: Record<Severity, string> = {critical: '9.5', high: '8.0', medium: '5.5', low: '2.0'};
const BASE_TAGS = ['security', 'aws', 'amazon-mq'];

const FRAMEWORKS: {key: keyof PolicyControls; label: string; tag: string}[] = [
  {key: 'awsConfig', label: 'AWS Config rule', tag: 'aws-config'},
  {key: 'securityHub', label: 'AWS Security Hub control', tag: 'security-hub'},
  {key: 'controlTower', label: 'AWS Control Tower control', tag: 'control-tower'},
  {key: 'nist80053', label: 'NIST SP 800-53', tag: 'nist-800-53'},
  {key: 'pciDss', label: 'PCI DSS', tag: 'pci-dss'},
];

interface RuleEntry {
  index: number;
  policy: ReportedPolicy;
}

/**
 * The SARIF text in pieces, each result built only as it is written and on one line of its own: ten thousand
 * brokers' results are never all in memory at once, nor one string.
 */
/** log (0) → runs → run → results (3): every result, rule and invocation deeper than that is one line. */
const ONE_LINE_BELOW_DEPTH = 3;

export function sarifChunks(report: ScanReport, options: RenderOptions = {}): Generator<string> {
  return sarifLogChunks(sarifLog(report, options, true));
}

/** Any SARIF log (a merged one too) as written: the structure indented, each result on one line. */
export function* sarifLogChunks(log: Log): Generator<string> {
  yield* jsonChunks(log, {compactDepth: ONE_LINE_BELOW_DEPTH});
  yield '\n';
}

export function renderSarif(report: ScanReport, options: RenderOptions = {}): string {
  return [...sarifChunks(report, options)].join('');
}

export function buildSarif(report: ScanReport, options: RenderOptions = {}): Log {
  return sarifLog(report, options, false);
}

/** `lazily`: results are built as they are written (sarifChunks), instead of all at once. */
function sarifLog(report: ScanReport, options: RenderOptions, lazily: boolean): Log {
  const category = normalizeCategory(options.category);
  const failures = sarifFailures(report);
  const kept = failures.slice(0, GITHUB_LIMITS.resultsPerRun);
  const policies = rulePolicies(report.policies, failures);
  const rules = new Map<string, RuleEntry>(policies.map((policy, index) => [policy.id, {index, policy}]));
  const withPaths = pathCount(options);
  let written = 0;
  const toResult = (ev: ReportedEvaluation): Result =>
    resultFor(ev, rules.get(ev.policyId)!, options.locate, written++ < withPaths);
  const pathsOmitted = kept.slice(withPaths).filter((ev) => (ev.network?.flows.length ?? 0) > 0).length;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name || 'mq-audit',
            semanticVersion: report.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules: policies.map(ruleFor),
          },
        },
        automationDetails: {id: `${category}/`},
        invocations: [invocationFor(report, rules, failures.length - kept.length, pathsOmitted)],
        results: lazily ? lazyMap(kept, toResult) : kept.map(toResult),
      },
    ],
  };
}

/** Why a category is unusable, or undefined when it is fine (for the command's flag validation). */
export function categoryProblem(raw: string): string | undefined {
  const category = raw.trim().replace(/\/+$/, '');
  if (category === '') return 'the SARIF category must not be empty';
  if (category.length > MAX_CATEGORY_LENGTH)
    return `the SARIF category must be at most ${MAX_CATEGORY_LENGTH} characters`;
  if (!CATEGORY_PATTERN.test(category))
    return `the SARIF category "${raw}" may only contain letters, digits and . _ : @ / -`;
  return undefined;
}

/** The category without trailing slashes; `automationDetails.id` adds exactly one. Throws on an unusable one. */
export function normalizeCategory(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_CATEGORY;
  const problem = categoryProblem(raw);
  if (problem) throw new Error(problem);
  return raw.trim().replace(/\/+$/, '');
}

/** A repo-relative pseudo-path: GitHub needs a file-like URI, and an ARN's `:` would read as a URI scheme. */
export function brokerPath(resource: Pick<ResourceRef, 'accountId' | 'id' | 'name' | 'region'>): string {
  return ['aws', resource.accountId, resource.region, 'mq', 'broker', resource.name || resource.id]
    .map(pathSegment)
    .join('/');
}

/** GitHub keys alerts on this alone: policy and broker, never line numbers or input order. */
export function primaryLocationLineHash(policyId: string, arn: string): string {
  return findingFingerprint(policyId, arn);
}

/** `mq/production-ha` → `MqProductionHa`. */
export function ruleName(policyId: string): string {
  const name = policyId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
  return (name || 'Policy').slice(0, GITHUB_LIMITS.ruleNameChars);
}

/** Reported policies by id, plus a stand-in for any failing policy the report has no metadata for. */
function rulePolicies(policies: ReportedPolicy[], failures: Evaluation[]): ReportedPolicy[] {
  const byId = new Map<string, ReportedPolicy>();
  for (const policy of policies) if (!byId.has(policy.id)) byId.set(policy.id, policy);
  for (const ev of failures) if (!byId.has(ev.policyId)) byId.set(ev.policyId, standInPolicy(ev));
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
}

/** Failures are sorted most severe first, so the first one seen carries the highest severity. */
function standInPolicy(ev: Evaluation): ReportedPolicy {
  return {
    id: ev.policyId,
    title: `mq-audit policy ${ev.policyId}`,
    severity: ev.severity,
    description: `The report has no metadata for policy ${ev.policyId}.`,
    rationale: '',
    remediation: '',
    helpUri: '',
    controls: {},
    source: '',
    builtIn: false,
    parameterValues: {},
  };
}

function ruleFor(policy: ReportedPolicy): ReportingDescriptor {
  const title = oneLine(policy.title) || policy.id;
  const helpUri = httpUri(policy.helpUri);
  return {
    id: policy.id,
    name: ruleName(policy.id),
    shortDescription: {text: truncate(title, GITHUB_LIMITS.descriptionChars)},
    fullDescription: {text: truncate(policy.description?.trim() || title, GITHUB_LIMITS.descriptionChars)},
    help: {text: helpText(policy, helpUri), markdown: helpMarkdown(policy, helpUri)},
    ...(helpUri ? {helpUri} : {}),
    defaultConfiguration: {level: LEVEL[policy.severity]},
    properties: {
      tags: ruleTags(policy),
      precision: policy.precision ?? 'high',
      'security-severity': SECURITY_SEVERITY[policy.severity],
    },
  };
}

/** Generic tags first, then the policy's own, then framework controls while there is room (GitHub keeps 10). */
function ruleTags(policy: ReportedPolicy): string[] {
  const controlTags = FRAMEWORKS.flatMap(({key, tag}) =>
    (policy.controls?.[key] ?? []).map((control) => `${tag}/${control}`),
  );
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of [...BASE_TAGS, ...(policy.tags ?? []), ...controlTags]) {
    const tag = oneLine(raw);
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
    if (tags.length === GITHUB_LIMITS.tagsPerRule) break;
  }
  return tags;
}

function controlLines(controls: PolicyControls | undefined): {label: string; ids: string[]}[] {
  return FRAMEWORKS.map(({key, label}) => ({label, ids: controls?.[key] ?? []})).filter(({ids}) => ids.length > 0);
}

function parameterLines(values: Record<string, unknown>): string[] {
  return Object.keys(values)
    .sort(compareStrings)
    .map((name) => `${name} = ${brief(values[name])}`);
}

function helpText(policy: ReportedPolicy, helpUri: string | undefined): string {
  const sections = [policy.description?.trim() || oneLine(policy.title) || policy.id];
  if (policy.rationale?.trim()) sections.push(`Why it matters: ${policy.rationale.trim()}`);
  if (policy.remediation?.trim()) sections.push(`How to fix: ${policy.remediation.trim()}`);
  const controls = controlLines(policy.controls);
  if (controls.length > 0)
    sections.push(`Controls: ${controls.map(({label, ids}) => `${label} ${ids.join(', ')}`).join('; ')}.`);
  const parameters = parameterLines(policy.parameterValues ?? {});
  if (parameters.length > 0) sections.push(`Parameters: ${parameters.join('; ')}.`);
  if (helpUri) sections.push(`More: ${helpUri}`);
  return sections.join('\n\n');
}

function helpMarkdown(policy: ReportedPolicy, helpUri: string | undefined): string {
  const sections = [`**${oneLine(policy.title) || policy.id}**`];
  if (policy.description?.trim()) sections.push(policy.description.trim());
  if (policy.rationale?.trim()) sections.push(`## Why it matters\n\n${policy.rationale.trim()}`);
  if (policy.remediation?.trim()) sections.push(`## How to fix\n\n${policy.remediation.trim()}`);
  const controls = controlLines(policy.controls);
  if (controls.length > 0) {
    sections.push(
      `## Controls\n\n${controls.map(({label, ids}) => `- ${label}: ${ids.map((id) => `\`${id}\``).join(', ')}`).join('\n')}`,
    );
  }
  const parameters = parameterLines(policy.parameterValues ?? {});
  if (parameters.length > 0) sections.push(`## Parameters\n\n${parameters.map((line) => `- \`${line}\``).join('\n')}`);
  const origin = `Policy \`${policy.id}\`${policy.source ? ` from \`${policy.source}\`` : ''}.`;
  sections.push(helpUri ? `${origin} [Documentation](${helpUri})` : origin);
  return sections.join('\n\n');
}

/**
 * The failing results SARIF is made of, most severe first. Suppressed findings are left out: GitHub ignores SARIF
 * `suppressions` and would open alerts for them. The order is the one results are kept in when GitHub's limit
 * cuts, and input order never shows through.
 */
function sarifFailures(report: ScanReport): ReportedEvaluation[] {
  // With a proposed change, what it introduces comes first: GitHub keeps the first results when there are too many.
  const introducedFirst = (a: ReportedEvaluation, b: ReportedEvaluation) =>
    Number(b.change === 'introduced') - Number(a.change === 'introduced');
  return report.results
    .filter((ev) => ev.status === 'fail' && !ev.suppression)
    .sort((a, b) => introducedFirst(a, b) || compareEvaluations(a, b));
}

/** How many results, most severe first, get their network paths drawn. */
function pathCount(options: RenderOptions): number {
  return Math.max(0, Math.min(options.pathsFor ?? Number.POSITIVE_INFINITY, GITHUB_LIMITS.resultsKept));
}

/**
 * The bytes each result's network paths add to the SARIF text, in the order results are written (what
 * src/cli/report-output.ts weighs against GitHub's size limit). Zero for results without paths.
 */
export function sarifPathBytes(report: ScanReport, options: RenderOptions = {}): number[] {
  return sarifFailures(report)
    .slice(0, pathCount(options))
    .map((ev) => {
      const hops = networkHops(ev, options.locate, true);
      return hops ? JSON.stringify(hops.codeFlows).length + JSON.stringify(hops.relatedLocations).length : 0;
    });
}

/**
 * How many results (a prefix of `bytes`) can keep their paths when `excess` bytes must go: the least severe
 * give theirs up first.
 */
export function pathsWithin(bytes: readonly number[], excess: number): number {
  let count = bytes.length;
  let dropped = 0;
  while (count > 0 && dropped < excess) dropped += bytes[--count];
  return count;
}

function resultFor(ev: ReportedEvaluation, rule: RuleEntry, locate: Locator | undefined, withPaths: boolean): Result {
  const {resource} = ev;
  const hops = networkHops(ev, locate, withPaths);
  return {
    ruleId: ev.policyId,
    ruleIndex: rule.index,
    level: LEVEL[ev.severity],
    message: {
      text: [
        resultMessage(ev),
        ...(ev.cause ? [`Introduced by this change: ${sentence(ev.cause.text)}`] : []),
        ...(hops?.sentences ?? []),
      ].join(' '),
    },
    // An introduced finding lands on the line of the change that causes it, so the pull request's diff shows it.
    locations: [brokerLocation(resource, causeLocator(ev, locate), ev.explanations?.[0]?.path)].slice(
      0,
      GITHUB_LIMITS.locationsPerResult,
    ),
    ...(hops && withPaths ? {codeFlows: hops.codeFlows, relatedLocations: hops.relatedLocations} : {}),
    partialFingerprints: {primaryLocationLineHash: primaryLocationLineHash(ev.policyId, resource.arn)},
    properties: {
      'aws/arn': resource.arn,
      'aws/account': resource.accountId,
      'aws/region': resource.region,
      'aws/mq/broker-id': resource.id,
      'aws/mq/engine-type': resource.engineType,
      severity: ev.severity,
      explanations: ev.explanations ?? [],
      ...(ev.change ? {change: ev.change} : {}),
      ...(ev.cause ? {cause: {address: ev.cause.address, action: ev.cause.action, text: ev.cause.text}} : {}),
      ...(hops && !withPaths ? {networkPathsOmitted: true} : {}),
    },
  };
}

/** The first sentence is what GitHub shows when space is short, so it is the evaluation's own (broker + problem). */
function resultMessage(ev: Evaluation): string {
  const {resource} = ev;
  const explanations = ev.explanations ?? [];
  const parts = [
    sentence(ev.message) || `Broker ${resource.name} fails policy ${ev.policyId}.`,
    `Resource ${resource.arn} (account ${resource.accountId}, region ${resource.region}).`,
    ...explanations.slice(0, MESSAGE_EXPLANATIONS).map(explanationSentence),
  ];
  if (explanations.length > MESSAGE_EXPLANATIONS)
    parts.push(`${explanations.length - MESSAGE_EXPLANATIONS} more in properties.explanations.`);
  return parts.join(' ');
}

function explanationSentence(explanation: Explanation): string {
  return `At ${explanation.path || '/'} found ${brief(explanation.found)}, expected ${oneLine(explanation.expected)}.`;
}

/** The broker's locator, except that an introduced finding's broker location is the line of the edit behind it. */
function causeLocator(ev: ReportedEvaluation, locate: Locator | undefined): Locator | undefined {
  const location = ev.cause?.location;
  if (!location) return locate;
  return (resource, property) => (resource.kind === 'broker' ? location : locate?.(resource, property));
}

function brokerLocation(resource: ResourceRef, locate?: Locator, property?: string): Location {
  const locatable: LocatableResource = {kind: 'broker', resourceType: 'AWS::AmazonMQ::Broker', ...resource};
  return {
    physicalLocation: physicalLocationOf(locatable, locate, property),
    logicalLocations: [{name: resource.name || resource.id, fullyQualifiedName: resource.arn, kind: 'resource'}],
  };
}

function invocationFor(
  report: ScanReport,
  rules: Map<string, RuleEntry>,
  leftOut: number,
  pathsOmitted: number,
): Invocation {
  const errors = report.results.filter((ev) => ev.status === 'error').sort(compareEvaluations);
  const notifications = [
    ...[...report.collectionErrors].sort(compareCollectionErrors).map(collectionErrorNotification),
    ...errors.map((ev) => evaluationErrorNotification(ev, rules.get(ev.policyId))),
    ...gateNotifications(report),
  ];
  if (leftOut > 0) notifications.push(truncationNotification(leftOut));
  if (pathsOmitted > 0) notifications.push(pathsOmittedNotification(pathsOmitted));
  const endTimeUtc = dateTime(report.generatedAt);
  // A fixture's collectedAt says when the fixture was written, not when this run started.
  const startTimeUtc = report.inventory.method === 'live' ? dateTime(report.inventory.collectedAt) : undefined;
  return {
    executionSuccessful: report.collectionErrors.length === 0 && errors.length === 0,
    ...(startTimeUtc ? {startTimeUtc} : {}),
    ...(endTimeUtc ? {endTimeUtc} : {}),
    exitCode: report.gate.exitCode,
    exitCodeDescription: report.gate.reason,
    toolExecutionNotifications: notifications,
  };
}

/** Expired and stale suppressions, a disjoint baseline, and how many suppressed findings were left out. */
function gateNotifications(report: ScanReport): Notification[] {
  const warnings = (report.warnings ?? []).map((warning): Notification => ({
    level: warning.code === 'suppression-stale' ? 'note' : 'warning',
    message: {text: oneLine(warning.message)},
    properties: {
      code: warning.code,
      ...(warning.source ? {source: warning.source} : {}),
      ...(warning.place ? {place: warning.place} : {}),
    },
  }));
  const suppressed = report.results.filter((ev) => ev.status === 'fail' && ev.suppression).length;
  if (suppressed > 0) {
    warnings.push({
      level: 'note',
      message: {
        text:
          `${suppressed} failing finding(s) accepted by ${report.suppressions?.file ?? 'suppressions'} are left out of this file ` +
          '(code scanning would show them as open alerts); the JSON report lists them with their reasons and expiry dates.',
      },
      properties: {code: 'suppressed-findings', suppressed},
    });
  }

  return warnings;
}

function collectionErrorNotification(error: CollectionError): Notification {
  const scope = [
    error.accountId && `account ${error.accountId}`,
    error.region && `region ${error.region}`,
    error.resource && `resource ${error.resource}`,
  ].filter(Boolean);
  const text =
    `Could not read ${error.service} ${error.operation}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}: ` +
    `${error.code} (${error.kind}). ${sentence(error.message)} Findings that depend on it are missing from this run.`;
  return {
    level: 'error',
    message: {text: oneLine(text)},
    properties: {
      service: error.service,
      operation: error.operation,
      code: error.code,
      kind: error.kind,
      ...(error.accountId ? {'aws/account': error.accountId} : {}),
      ...(error.region ? {'aws/region': error.region} : {}),
      ...(error.resource ? {resource: error.resource} : {}),
    },
  };
}

function evaluationErrorNotification(ev: Evaluation, rule: RuleEntry | undefined): Notification {
  const {resource} = ev;
  const reason = sentence(ev.message) || 'The evaluation did not say why.';
  return {
    level: 'warning',
    message: {
      text:
        `Policy ${ev.policyId} could not be evaluated for broker ${resource.name} ` +
        `(${resource.arn}, account ${resource.accountId}, region ${resource.region}): ${reason}`,
    },
    associatedRule: rule ? {id: ev.policyId, index: rule.index} : {id: ev.policyId},
    properties: {'aws/arn': resource.arn, 'aws/account': resource.accountId, 'aws/region': resource.region},
  };
}

function truncationNotification(leftOut: number): Notification {
  const limit = GITHUB_LIMITS.resultsPerRun;
  return {
    level: 'warning',
    message: {
      text:
        `${leftOut} less severe failing results were left out of this SARIF file: GitHub code scanning accepts at most ` +
        `${limit} results per run, so only the ${limit} most severe are included. The JSON report (--format json) has all of them.`,
    },
    properties: {resultsLeftOut: leftOut, resultsLimit: limit},
  };
}

function pathsOmittedNotification(omitted: number): Notification {
  return {
    level: 'note',
    message: {
      text:
        `The network paths (code flows and related locations) of ${omitted} less severe failing network finding(s) were left out: ` +
        `GitHub code scanning keeps only the ${GITHUB_LIMITS.resultsKept} most severe results of a run and rejects files over ` +
        `${GITHUB_LIMITS.gzipBytes / 1024 / 1024} MB compressed. Their messages still say where each path breaks; the JSON report and \`mq-audit paths\` have every hop.`,
    },
    properties: {code: 'network-paths-omitted', networkPathsOmitted: omitted},
  };
}

/** One path segment of only `[A-Za-z0-9._-]`; `.` and `..` would move the path, so they are replaced too. */
function pathSegment(raw: string): string {
  const segment = raw.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (segment === '') return 'unknown';
  return /^\.+$/.test(segment) ? '_' : segment;
}

function httpUri(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 3339 date-time with a real calendar date and an offset, as the schema's `date-time` format demands. */
function dateTime(raw: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(
    raw ?? '',
  );
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const validDate =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const validTime = hour <= 23 && minute <= 59 && second <= 60;
  const validOffset = match[9] === undefined || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  return validDate && validTime && validOffset ? raw : undefined;
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** One line ending in a full stop (or ? or !), so sentences can be joined. */
function sentence(text: string | undefined): string {
  const line = oneLine(text);
  if (line === '') return '';
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** A short JSON rendering of a found value, for messages. */
function brief(value: unknown): string {
  if (value === undefined) return 'nothing';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only what JSON cannot write (a function, a symbol) reaches String
  const json = JSON.stringify(value) ?? String(value);
  return truncate(json, FOUND_VALUE_CHARS);
}

/** Cut to at most `max` UTF-16 units with an ellipsis, at a word boundary when one is near, never inside a pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(' ', end);
  if (space > max * 0.8) end = space;
  return `${text.slice(0, end).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Network hops: a failing network finding lists the hops of the path it is about (src/report/paths.ts
// findingNetwork) as a code flow per on-premises network (GitHub's "Show paths") and as related locations that
// the message links to ("breaks at route table [rtb-…](3)"). Every hop location is inline and physical (GH1002).

/** GitHub keeps 1,000 thread-flow locations per result (10,000 rejects the file) and shows about 100 locations. */
const NETWORK_LIMITS = {threadFlowLocations: 1000, relatedLocations: 100, messageFlows: 3} as const;

interface HopSarif {
  codeFlows: CodeFlow[];
  relatedLocations: Location[];
  /** Appended to the result message, linking the hops where a path breaks. */
  sentences: string[];
}

/**
 * The default location of a resource: a stable repo-relative pseudo-path with no `:` (GitHub rejects URI
 * schemes), `aws/<account>/<region>/<service>/<type>/<id>`; the region is `global` for account-wide resources
 * (Direct Connect gateways), and on-premises networks are `on-premises/<cidr>`.
 */
export function resourcePath(resource: LocatableResource): string {
  if (resource.kind === 'broker' || resource.resourceType === 'AWS::AmazonMQ::Broker') {
    return brokerPath({
      ...resource,
      name: resource.name ?? '',
      accountId: resource.accountId ?? '',
      region: resource.region ?? '',
    });
  }

  const [vendor, service, type] = resource.resourceType.split('::');
  if (vendor !== 'AWS' || !service || !type) return ['on-premises', resource.id].map(pathSegment).join('/');
  const kebab = type
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return [
    'aws',
    resource.accountId ?? 'unknown',
    resource.region ?? 'global',
    service.toLowerCase(),
    kebab,
    resource.id,
  ]
    .map(pathSegment)
    .join('/');
}

/** The locator's answer when it is one GitHub accepts, else the pseudo-path at line 1. */
function physicalLocationOf(
  resource: LocatableResource,
  locate: Locator | undefined,
  property?: string,
): NonNullable<Location['physicalLocation']> {
  const found = locate?.(resource, property);
  if (found && acceptableLocation(found)) {
    const endLine = found.endLine !== undefined && found.endLine >= found.startLine ? {endLine: found.endLine} : {};
    return {artifactLocation: {uri: found.uri}, region: {startLine: found.startLine, ...endLine}};
  }

  return {artifactLocation: {uri: resourcePath(resource)}, region: {startLine: 1}};
}

/** A relative path (nothing that parses as a URI scheme) and a 1-based line: what GitHub ingests. */
function acceptableLocation(location: SourceLocation): boolean {
  const {uri, startLine} = location;
  if (typeof uri !== 'string' || uri.trim() === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return false;
  return Number.isInteger(startLine) && startLine >= 1;
}

/** `withPaths` false: only the sentences, naming hops without links (the result carries no paths to link to). */
function networkHops(ev: ReportedEvaluation, locate: Locator | undefined, withPaths: boolean): HopSarif | undefined {
  const flows = ev.network?.flows ?? [];
  if (flows.length === 0) return undefined;
  if (!withPaths)
    return {codeFlows: [], relatedLocations: [], sentences: flowSentences(flows, () => undefined, 'the JSON report')};
  const related = new Map<string, Location>();
  const relatedId = (hop: PathHop): number | undefined => {
    const key = hopKey(hop);
    const existing = related.get(key);
    if (existing) return existing.id;
    if (related.size >= NETWORK_LIMITS.relatedLocations) return undefined;
    const location: Location = {id: related.size + 1, ...hopLocation(hop, ev, locate)};
    related.set(key, location);
    return location.id;
  };

  let budget: number = NETWORK_LIMITS.threadFlowLocations;
  const codeFlows: CodeFlow[] = [];
  for (const flow of flows) {
    const hops = flow.hops.slice(0, budget);
    budget -= hops.length;
    if (hops.length === 0) continue;
    for (const hop of hops) relatedId(hop);
    const locations: ThreadFlowLocation[] = hops.map((hop) => ({
      location: hopLocation(hop, ev, locate),
      importance: hop.status === 'ok' ? 'important' : 'essential',
    }));
    codeFlows.push({message: {text: flowSummary(flow)}, threadFlows: [{locations}]});
  }

  if (codeFlows.length === 0) return undefined;
  return {
    codeFlows,
    relatedLocations: [...related.values()],
    sentences: flowSentences(flows, relatedId, 'the code flows'),
  };
}

/** `rest`: where the networks beyond the first few are listed. */
function flowSentences(
  flows: FindingNetworkFlow[],
  relatedId: (hop: PathHop) => number | undefined,
  rest: string,
): string[] {
  const sentences = flows.slice(0, NETWORK_LIMITS.messageFlows).map((flow) => flowSentence(flow, relatedId));
  const more = flows.length - NETWORK_LIMITS.messageFlows;
  if (more > 0) sentences.push(`${more} more network(s) in ${rest}.`);
  return sentences;
}

/** Tunnels of one VPN connection are one resource but two hops; the way back through a NACL is another check. */
function hopKey(hop: PathHop): string {
  return [hop.kind, hop.id, hop.tunnel?.outsideIpAddress ?? '', hop.direction ?? '', hop.status].join('|');
}

function hopLocation(hop: PathHop, ev: ReportedEvaluation, locate: Locator | undefined): Location {
  const resource: LocatableResource = {
    kind: hop.kind,
    resourceType: hop.resourceType,
    id: hop.id,
    ...(hop.arn ? {arn: hop.arn} : {}),
    accountId: hop.accountId ?? (hop.kind === 'on-premises-network' ? undefined : ev.resource.accountId),
    // Direct Connect gateways are global: no region is not the broker's region.
    region:
      hop.region ?? (hop.kind === 'dx-gateway' || hop.kind === 'on-premises-network' ? undefined : ev.resource.region),
    ...(hop.kind === 'broker' ? {name: ev.resource.name, tags: ev.resource.tags} : {}),
  };
  return {
    physicalLocation: physicalLocationOf(resource, locate),
    message: {text: hopMessage(hop)},
    ...(hop.arn ? {logicalLocations: [{name: hop.id, fullyQualifiedName: hop.arn, kind: 'resource'}]} : {}),
  };
}

function hopMessage(hop: PathHop): string {
  const status =
    hop.status === 'ok'
      ? 'ok'
      : hop.status === 'broken'
        ? `broken (${hop.break ? BREAK_WORDS[hop.break] : 'broken'})`
        : 'unknown';
  const direction = hop.direction === 'return' ? ', return traffic' : '';
  return `${hopTitle(hop)}: ${status}${direction}. ${sentence(hop.reason)}`;
}

function flowSummary(flow: FindingNetworkFlow): string {
  const verdict = flow.verdict ? ` (${flow.verdict})` : '';
  if (flow.from === 'internet') return 'From the internet to the broker.';
  const where = flow.breakPoint
    ? `: breaks at ${hopTitle({kind: flow.breakPoint.hop, id: flow.breakPoint.id, resourceType: flow.breakPoint.resourceType})} (${BREAK_WORDS[flow.breakPoint.kind]})`
    : '';
  return `From ${flow.from}${verdict} to ${flow.subnetId ?? 'the broker'}${flow.via && flow.via !== 'none' ? ` via ${flow.via}${flow.linkId ? ` ${flow.linkId}` : ''}` : ''}${where}.`;
}

/** One sentence per network, naming the hop where it breaks (or the healthy path it has) as a link. */
function flowSentence(flow: FindingNetworkFlow, relatedId: (hop: PathHop) => number | undefined): string {
  const link = (hop: PathHop) => {
    const id = relatedId(hop);
    return id === undefined ? hop.id : `[${hop.id}](${id})`;
  };

  if (flow.from === 'internet') {
    return flow.hops.map((hop) => `Internet ingress: ${plainText(hop.reason)} (${link(hop)}).`).join(' ');
  }

  const problem = flow.hops.find((hop) => hop.status === 'broken') ?? flow.hops.find((hop) => hop.status === 'unknown');
  if (flow.breakPoint || problem?.status === 'broken') {
    const bp = flow.breakPoint;
    const hop = (bp && flow.hops.find((h) => h.status === 'broken' && h.id === bp.id && h.kind === bp.hop)) ?? problem;
    const why = plainText(bp?.message ?? hop?.reason ?? '');
    const words = BREAK_WORDS[bp?.kind ?? hop?.break ?? 'no-route'];
    return hop
      ? `From ${flow.from} the path breaks at ${hopTitle(hop)} ${link(hop)} (${words}): ${sentence(why)}`
      : `From ${flow.from} the path breaks (${words}): ${sentence(why)}`;
  }

  if (problem)
    return `From ${flow.from} the path is unknown at ${hopTitle(problem)} ${link(problem)}: ${sentence(plainText(problem.reason))}`;
  const linkHop = flow.hops.find(
    (hop) => hop.kind === 'vpn-tunnel' || hop.kind === 'virtual-interface' || hop.kind === 'dx-connection',
  );
  const over = linkHop ? ` through ${hopTitle(linkHop)} ${link(linkHop)}` : '';
  return `From ${flow.from}${flow.verdict ? ` (${flow.verdict})` : ''} the best healthy path runs${over} to ${flow.subnetId ?? 'the broker'}, with no independent second path.`;
}

/** Square brackets would read as SARIF message links. */
function plainText(text: string): string {
  return oneLine(text).replace(/\[/g, '(').replace(/\]/g, ')');
}
