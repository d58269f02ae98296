/**
 * GitHub code scanning's ingestion rules: what a schema-valid SARIF file still needs before GitHub accepts it.
 * Most of these are checked only server-side, after upload-sarif has sent the file, and one bad result rejects
 * the whole upload. Sources: GitHub's "SARIF support for code scanning" docs and limits, sarif-sdk GH10xx rules,
 * and codeql-action's rejection messages (summarised in the project's SARIF research notes).
 *
 * `githubProblems(log)` returns one line per problem (`<pointer>: <what>`); empty means GitHub should ingest it.
 */
import type {Location, Log, ReportingDescriptor, Run} from 'sarif';

export const GITHUB_SARIF_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1000,
  tagsPerRule: 20,
  descriptionChars: 1024,
  ruleNameChars: 255,
} as const;

const PRECISIONS = new Set(['very-high', 'high', 'medium', 'low']);

export function githubProblems(input: Log | string): string[] {
  const log: Log = typeof input === 'string' ? JSON.parse(input) : input;
  const problems: string[] = [];
  const add = (pointer: string, message: string) => problems.push(`${pointer}: ${message}`);

  if (log.version !== '2.1.0') add('/version', 'version must be "2.1.0"');
  if (!log.$schema) add('/$schema', '$schema is required by GitHub');
  if (!Array.isArray(log.runs)) {
    add('/runs', 'runs[] is required');
    return problems;
  }
  if (log.runs.length > GITHUB_SARIF_LIMITS.runsPerFile)
    add('/runs', `${log.runs.length} runs > ${GITHUB_SARIF_LIMITS.runsPerFile}`);

  const runKeys = new Map<string, number>();
  log.runs.forEach((run, index) => {
    const key = runKey(run);
    const earlier = runKeys.get(key);
    if (earlier === undefined) runKeys.set(key, index);
    else
      add(
        `/runs/${index}`,
        `same tool and category as /runs/${earlier} ("A delivery cannot contain multiple runs with the same category")`,
      );
    checkRun(run, `/runs/${index}`, add);
  });
  return problems;
}

/** GitHub identifies a run by its tool and `automationDetails.id`; two equal ones in one file are rejected. */
function runKey(run: Run): string {
  const driver = run.tool?.driver;
  return JSON.stringify([
    driver?.name,
    driver?.fullName,
    driver?.version,
    driver?.semanticVersion,
    driver?.guid,
    run.automationDetails?.id,
  ]);
}

function checkRun(run: Run, pointer: string, add: (pointer: string, message: string) => void): void {
  const driver = run.tool?.driver;
  if (!driver) {
    add(`${pointer}/tool/driver`, 'tool.driver is required');
    return;
  }
  if (typeof driver.name !== 'string' || driver.name.trim() === '')
    add(`${pointer}/tool/driver/name`, 'tool.driver.name must be non-empty');
  if (!Array.isArray(driver.rules)) add(`${pointer}/tool/driver/rules`, 'tool.driver.rules[] is required');
  if (!Array.isArray(run.results)) add(`${pointer}/results`, 'results[] is required (it may be empty)');

  const rules = driver.rules ?? [];
  if (rules.length > GITHUB_SARIF_LIMITS.rulesPerRun)
    add(`${pointer}/tool/driver/rules`, `${rules.length} rules > ${GITHUB_SARIF_LIMITS.rulesPerRun}`);
  const ruleIndexes = new Map<string, number>();
  rules.forEach((rule, index) => {
    const rulePointer = `${pointer}/tool/driver/rules/${index}`;
    if (ruleIndexes.has(rule.id)) add(`${rulePointer}/id`, `duplicate rule id "${rule.id}"`);
    else ruleIndexes.set(rule.id, index);
    checkRule(rule, rulePointer, add);
  });

  const results = run.results ?? [];
  if (results.length > GITHUB_SARIF_LIMITS.resultsPerRun)
    add(`${pointer}/results`, `${results.length} results > ${GITHUB_SARIF_LIMITS.resultsPerRun}`);
  results.forEach((result, index) => {
    const resultPointer = `${pointer}/results/${index}`;
    const ruleId = result.ruleId ?? result.rule?.id;
    if (!ruleId) add(`${resultPointer}/ruleId`, 'result has no ruleId');
    else if (!ruleIndexes.has(ruleId)) add(`${resultPointer}/ruleId`, `ruleId "${ruleId}" is not in tool.driver.rules`);
    if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== ruleId) {
      add(`${resultPointer}/ruleIndex`, `ruleIndex ${result.ruleIndex} does not point at rule "${ruleId}"`);
    }
    if (typeof result.message?.text !== 'string' || result.message.text.trim() === '')
      add(`${resultPointer}/message/text`, 'message.text must be non-empty');
    if (!result.partialFingerprints?.primaryLocationLineHash) {
      add(
        `${resultPointer}/partialFingerprints`,
        'no primaryLocationLineHash: GitHub computes one only for files in the checkout',
      );
    }
    const locations = result.locations ?? [];
    if (locations.length === 0)
      add(`${resultPointer}/locations`, 'at least one location is required ("expected at least one location")');
    if (locations.length > GITHUB_SARIF_LIMITS.locationsPerResult) {
      add(`${resultPointer}/locations`, `${locations.length} locations > ${GITHUB_SARIF_LIMITS.locationsPerResult}`);
    }
    if (locations.length > 0) checkPrimaryLocation(locations[0], `${resultPointer}/locations/0`, add);
  });
}

function checkRule(rule: ReportingDescriptor, pointer: string, add: (pointer: string, message: string) => void): void {
  if (typeof rule.id !== 'string' || rule.id === '') add(`${pointer}/id`, 'rule id is required');
  if (rule.name !== undefined && rule.name.length > GITHUB_SARIF_LIMITS.ruleNameChars)
    add(`${pointer}/name`, 'rule name is too long');
  for (const field of ['shortDescription', 'fullDescription'] as const) {
    const text = rule[field]?.text;
    if (typeof text !== 'string' || text.trim() === '') add(`${pointer}/${field}/text`, `${field}.text is required`);
    else if (text.length > GITHUB_SARIF_LIMITS.descriptionChars)
      add(`${pointer}/${field}/text`, `${field}.text is longer than ${GITHUB_SARIF_LIMITS.descriptionChars}`);
  }
  if (typeof rule.help?.text !== 'string' || rule.help.text.trim() === '')
    add(`${pointer}/help/text`, 'help.text is required');

  const properties = rule.properties ?? {};
  const tags: unknown[] = Array.isArray(properties.tags) ? properties.tags : [];
  if (tags.length > GITHUB_SARIF_LIMITS.tagsPerRule)
    add(`${pointer}/properties/tags`, `${tags.length} tags > ${GITHUB_SARIF_LIMITS.tagsPerRule}`);
  if (properties.precision !== undefined && !PRECISIONS.has(properties.precision as string)) {
    add(
      `${pointer}/properties/precision`,
      `precision "${String(properties.precision)}" is not very-high|high|medium|low`,
    );
  }
  const securitySeverity = properties['security-severity'];
  if (securitySeverity !== undefined) {
    const score =
      typeof securitySeverity === 'string' && securitySeverity.trim() !== '' ? Number(securitySeverity) : Number.NaN;
    if (typeof securitySeverity !== 'string')
      add(`${pointer}/properties/security-severity`, 'security-severity must be a string');
    else if (!(score > 0 && score <= 10))
      add(`${pointer}/properties/security-severity`, `"${securitySeverity}" is not a number in (0, 10]`);
    if (!tags.includes('security'))
      add(`${pointer}/properties/tags`, 'a rule with security-severity must be tagged "security"');
  }
}

/** GitHub reads only the first location, and it must be a file-like place with a line. */
function checkPrimaryLocation(
  location: Location,
  pointer: string,
  add: (pointer: string, message: string) => void,
): void {
  const physical = location.physicalLocation;
  if (!physical) {
    add(`${pointer}/physicalLocation`, 'physicalLocation is required; logicalLocations alone are rejected');
    return;
  }
  const uri = physical.artifactLocation?.uri;
  if (typeof uri !== 'string' || uri === '')
    add(`${pointer}/physicalLocation/artifactLocation/uri`, 'a non-empty uri is required');
  else if (uri.includes(':'))
    add(
      `${pointer}/physicalLocation/artifactLocation/uri`,
      `"${uri}" has a scheme or ":": only repo-relative paths are accepted`,
    );
  const startLine = physical.region?.startLine;
  if (typeof startLine !== 'number' || !Number.isInteger(startLine) || startLine < 1) {
    add(`${pointer}/physicalLocation/region/startLine`, 'region.startLine must be an integer >= 1');
  }
}
