import {createHash} from 'node:crypto';

import type {Log, Result, Run} from 'sarif';

import type {Evaluation, Severity} from '../../src/policy/types';
import {
  brokerPath,
  buildSarif,
  categoryProblem,
  GITHUB_LIMITS,
  pathsWithin,
  renderSarif,
  ruleName,
  sarifChunks,
  truncate,
} from '../../src/report/sarif';
import type {ScanReport} from '../../src/report/types';
import {githubProblems} from '../helpers/github-sarif-rules';
import {
  assembleReport,
  BROKERS,
  broker,
  buildReport,
  largeReport,
  reportedPolicies,
  shuffledReport,
} from '../helpers/report-fixture';
import {parseSarif, validateSarif} from '../helpers/sarif';

function sarifOf(report: ScanReport, category?: string): Log {
  return parseSarif(renderSarif(report, category === undefined ? {} : {category}));
}

function onlyRun(log: Log): Run {
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
}

/** Every SARIF the tests produce must pass both the official schema and GitHub's ingestion rules. */
function expectIngestible(log: Log): void {
  expect(validateSarif(log)).toEqual([]);
  expect(githubProblems(log)).toEqual([]);
}

/** Fingerprint v1 (src/report/fingerprint.ts): the ARN's account field is left out, so --redact cannot change or leak it. */
function expectedHash(policyId: string, arn: string): string {
  const accountFree = arn.replace(/^(arn:[^:]*:[^:]*:[^:]*:)[^:]*:/, '$1:');
  return (
    createHash('sha256').update(`mq-audit/finding/v1\0${policyId}\0${accountFree}`).digest('hex').slice(0, 16) + ':1'
  );
}

function resultFor(run: Run, policyId: string, arn: string): Result {
  const result = run.results!.find((r) => r.ruleId === policyId && r.properties?.['aws/arn'] === arn);
  expect(result).toBeDefined();
  return result!;
}

describe('renderSarif: the log', () => {
  it('is valid against the SARIF 2.1.0 schema and GitHub ingestion rules', () => {
    // GIVEN the fixture (every status, collection errors)
    // WHEN rendered
    const text = renderSarif(buildReport(), {});
    // THEN it is one JSON document ending in a newline, schema-valid and ingestible
    expect(text.endsWith('}\n')).toBe(true);
    expectIngestible(parseSarif(text));
  });

  it('has the SARIF header and one run with the mq-audit driver', () => {
    const log = sarifOf(buildReport());
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const driver = onlyRun(log).tool.driver;
    expect(driver.name).toBe('mq-audit');
    expect(driver.semanticVersion).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//);
  });

  it('is byte-identical for the same report whatever the order of its arrays', () => {
    const report = buildReport();
    const first = renderSarif(report, {});
    expect(renderSarif(shuffledReport(report, 1), {})).toBe(first);
    expect(renderSarif(shuffledReport(report, 99), {})).toBe(first);
  });

  it('is valid for a report with no brokers at all', () => {
    const run = onlyRun(sarifOf(assembleReport(reportedPolicies(), [], [])));
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toHaveLength(reportedPolicies().length);
    expect(run.invocations![0].executionSuccessful).toBe(true);
    expectIngestible(sarifOf(assembleReport(reportedPolicies(), [], [])));
  });
});

describe('renderSarif: rules', () => {
  it('lists every reported policy once, sorted by id, including policies that matched nothing', () => {
    const rules = onlyRun(sarifOf(shuffledReport(buildReport()))).tool.driver.rules!;
    const ids = reportedPolicies()
      .map((p) => p.id)
      .sort();
    expect(rules.map((r) => r.id)).toEqual(ids);
    expect(rules.map((r) => r.id)).toContain('network/private-path');
  });

  it('carries the policy metadata GitHub displays', () => {
    const rule = onlyRun(sarifOf(buildReport())).tool.driver.rules!.find((r) => r.id === 'mq/no-public-access')!;
    expect(rule).toMatchObject({
      id: 'mq/no-public-access',
      name: 'MqNoPublicAccess',
      shortDescription: {text: 'Brokers are not publicly accessible'},
      fullDescription: {
        text: 'A broker created with PubliclyAccessible=true has endpoints reachable from the internet.',
      },
      helpUri: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html',
      defaultConfiguration: {level: 'error'},
      properties: {precision: 'very-high', 'security-severity': '9.5'},
    });
    expect(rule.properties!.tags).toEqual([
      'security',
      'aws',
      'amazon-mq',
      'exposure',
      'network',
      'aws-config/mq-no-public-access',
    ]);
    // help: rationale, remediation, controls, link, in both forms
    for (const help of [rule.help!.text, rule.help!.markdown!]) {
      expect(help).toContain('Public brokers are exposed to credential stuffing');
      expect(help).toContain('Recreate the broker in private subnets');
      expect(help).toContain('mq-no-public-access');
      expect(help).toContain(
        'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html',
      );
    }
    expect(rule.help!.markdown).toContain('## How to fix');
  });

  it('shows resolved parameter values in the help', () => {
    const rule = onlyRun(sarifOf(buildReport())).tool.driver.rules!.find((r) => r.id === 'mq/required-tags')!;
    expect(rule.help!.text).toContain('requiredTagKeys = ["owner","cost-center"]');
    expect(rule.properties!.precision).toBe('medium');
  });

  it.each<[Severity, string, string]>([
    ['critical', 'error', '9.5'],
    ['high', 'error', '8.0'],
    ['medium', 'warning', '5.5'],
    ['low', 'note', '2.0'],
  ])('maps severity %s to level %s and security-severity "%s"', (severity, level, score) => {
    // GIVEN one policy of that severity failing once
    const policy = {...reportedPolicies()[0], severity};
    const ev: Evaluation = {
      policyId: policy.id,
      status: 'fail',
      severity,
      resource: BROKERS.ordersProd,
      message: 'Broker orders-prod fails.',
    };
    // WHEN rendered
    const run = onlyRun(sarifOf(assembleReport([policy], [ev], [])));
    // THEN the rule and the result agree on the level, and the score is a numeric string
    expect(run.tool.driver.rules![0].defaultConfiguration!.level).toBe(level);
    expect(run.tool.driver.rules![0].properties!['security-severity']).toBe(score);
    expect(run.results![0].level).toBe(level);
  });

  it('keeps at most 10 tags, generic ones first, framework controls only while there is room', () => {
    const rule = onlyRun(sarifOf(buildReport())).tool.driver.rules!.find((r) => r.id === 'mq/audit-logs')!;
    const tags = rule.properties!.tags!;
    expect(tags).toHaveLength(GITHUB_LIMITS.tagsPerRule);
    expect(tags.slice(0, 4)).toEqual(['security', 'aws', 'amazon-mq', 'logging']);
    expect(tags).toContain('aws-config/mq-cloudwatch-audit-log-enabled');
    expect(tags).not.toContain('pci-dss/10.3.3');
  });

  it('drops duplicate and blank tags and never exceeds the limit with many policy tags', () => {
    const policy = {
      ...reportedPolicies()[0],
      tags: ['AWS', 'security', ' ', ...Array.from({length: 30}, (_, i) => `tag-${i}`)],
    };
    const rule = onlyRun(sarifOf(assembleReport([policy], [], []))).tool.driver.rules![0];
    expect(rule.properties!.tags).toEqual([
      'security',
      'aws',
      'amazon-mq',
      ...Array.from({length: 7}, (_, i) => `tag-${i}`),
    ]);
  });

  it('truncates long descriptions to 1024 characters without splitting a character', () => {
    const long = `${'Brokers 🐇 must be private. '.repeat(60)}`;
    const policy = {...reportedPolicies()[0], title: long, description: long};
    const rule = onlyRun(sarifOf(assembleReport([policy], [], []))).tool.driver.rules![0];
    for (const text of [rule.shortDescription!.text, rule.fullDescription!.text]) {
      expect(text.length).toBeLessThanOrEqual(1024);
      expect(text.endsWith('…')).toBe(true);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
    }
    expectIngestible(sarifOf(assembleReport([policy], [], [])));
  });

  it('falls back to the title when the description is empty, and omits an unusable helpUri', () => {
    const policy = {...reportedPolicies()[0], description: '  ', helpUri: 'not a url', precision: undefined};
    const rule = onlyRun(sarifOf(assembleReport([policy], [], []))).tool.driver.rules![0];
    expect(rule.fullDescription!.text).toBe(policy.title);
    expect(rule.helpUri).toBeUndefined();
    expect(rule.properties!.precision).toBe('high');
    expectIngestible(sarifOf(assembleReport([policy], [], [])));
  });

  it('adds a stand-in rule for a failing policy the report has no metadata for', () => {
    const ev: Evaluation = {
      policyId: 'custom/unknown',
      status: 'fail',
      severity: 'high',
      resource: BROKERS.ordersProd,
      message: 'Broker orders-prod fails.',
    };
    const log = sarifOf(assembleReport(reportedPolicies(), [ev], []));
    const run = onlyRun(log);
    const rule = run.tool.driver.rules![run.results![0].ruleIndex!];
    expect(rule.id).toBe('custom/unknown');
    expect(rule.properties!['security-severity']).toBe('8.0');
    expectIngestible(log);
  });

  it.each([
    ['mq/production-ha', 'MqProductionHa'],
    ['network/private-path', 'NetworkPrivatePath'],
    ['mq/no_public.access2', 'MqNoPublicAccess2'],
    ['---', 'Policy'],
  ])('names rule %s as %s', (id, name) => {
    expect(ruleName(id)).toBe(name);
  });
});

describe('renderSarif: results', () => {
  it('has exactly one result per failing evaluation, and none for pass, not_applicable or error', () => {
    const report = buildReport();
    const run = onlyRun(sarifOf(report));
    const failing = report.results.filter((ev) => ev.status === 'fail');
    expect(run.results).toHaveLength(failing.length);
    const reported = run.results!.map((r) => `${r.ruleId} ${r.properties!['aws/arn']}`).sort();
    expect(reported).toEqual(failing.map((ev) => `${ev.policyId} ${ev.resource.arn}`).sort());
  });

  it('sorts results by severity, then policy id, then ARN', () => {
    const run = onlyRun(sarifOf(shuffledReport(buildReport(), 3)));
    expect(
      run.results!.map((r) => [r.properties!.severity as unknown, r.ruleId, r.locations![0].logicalLocations![0].name]),
    ).toEqual([
      ['critical', 'mq/no-public-access', 'orders-prod'],
      ['high', 'mq/production-ha', 'billing-events'],
      ['high', 'mq/supported-engine-version', 'legacy~batch.01'],
      ['medium', 'mq/audit-logs', 'orders-prod'],
      ['low', 'mq/rabbitmq-cluster-mode', 'billing-events'],
      ['low', 'mq/required-tags', 'legacy~batch.01'],
    ]);
  });

  it('renders a failing evaluation as this exact result', () => {
    const {ordersProd} = BROKERS;
    const run = onlyRun(sarifOf(buildReport()));
    const result = resultFor(run, 'mq/no-public-access', ordersProd.arn);
    expect(result).toEqual({
      ruleId: 'mq/no-public-access',
      ruleIndex: run.tool.driver.rules!.findIndex((r) => r.id === 'mq/no-public-access'),
      level: 'error',
      message: {
        text:
          'Broker orders-prod is publicly accessible from the internet. ' +
          `Resource ${ordersProd.arn} (account 111122223333, region eu-west-1). ` +
          'At /details/publiclyAccessible found true, expected false.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'aws/111122223333/eu-west-1/mq/broker/orders-prod'},
            region: {startLine: 1},
          },
          logicalLocations: [{name: 'orders-prod', fullyQualifiedName: ordersProd.arn, kind: 'resource'}],
        },
      ],
      partialFingerprints: {primaryLocationLineHash: expectedHash('mq/no-public-access', ordersProd.arn)},
      properties: {
        'aws/arn': ordersProd.arn,
        'aws/account': '111122223333',
        'aws/region': 'eu-west-1',
        'aws/mq/broker-id': ordersProd.id,
        'aws/mq/engine-type': 'ACTIVEMQ',
        severity: 'critical',
        explanations: [{path: '/details/publiclyAccessible', found: true, expected: 'false'}],
      },
    });
  });

  it('starts every message with the evaluation sentence naming the broker, and includes ARN, account and region', () => {
    const report = buildReport();
    const run = onlyRun(sarifOf(report));
    for (const result of run.results!) {
      const ev = report.results.find(
        (e) => e.status === 'fail' && e.policyId === result.ruleId && e.resource.arn === result.properties!['aws/arn'],
      )!;
      expect(result.message.text!.startsWith(ev.message)).toBe(true);
      expect(result.message.text).toContain(ev.resource.name);
      expect(result.message.text).toContain(ev.resource.arn);
      expect(result.message.text).toContain(ev.resource.accountId);
      expect(result.message.text).toContain(ev.resource.region);
    }
  });

  it('spells out at most three explanations in the message and keeps all of them in properties', () => {
    const result = resultFor(onlyRun(sarifOf(buildReport())), 'mq/required-tags', BROKERS.legacyBatch.arn);
    expect(result.message.text).toContain('At /details/tags/owner found nothing, expected a value.');
    expect(result.message.text).toContain('1 more in properties.explanations.');
    expect(result.message.text).not.toContain('/details/tags/team');
    expect(result.properties!.explanations).toHaveLength(4);
  });

  it('anchors every result to a repo-relative pseudo-path with no ":" and line 1', () => {
    const run = onlyRun(sarifOf(buildReport()));
    for (const result of run.results!) {
      expect(result.locations).toHaveLength(1);
      const physical = result.locations![0].physicalLocation!;
      expect(physical.artifactLocation!.uri).toMatch(/^aws\/\d{12}\/[a-z0-9-]+\/mq\/broker\/[A-Za-z0-9._-]+$/);
      expect(physical.region).toEqual({startLine: 1});
    }
    // the tilde in "legacy~batch.01" is not in the allowed set
    expect(
      resultFor(run, 'mq/required-tags', BROKERS.legacyBatch.arn).locations![0].physicalLocation!.artifactLocation!.uri,
    ).toBe('aws/444455556666/eu-west-1/mq/broker/legacy-batch.01');
  });

  it.each([
    ['orders prod:eu', 'orders-prod-eu'],
    ['..', '_'],
    ['', 'b-9'],
    ['weird/name', 'weird-name'],
  ])('sanitizes broker name %j into one safe path segment', (name, segment) => {
    const resource = {...broker('111122223333', 'eu-west-1', name, 'RABBITMQ', 'b-9')};
    expect(brokerPath(resource)).toBe(`aws/111122223333/eu-west-1/mq/broker/${segment}`);
  });

  it('fingerprints each result by policy and ARN only', () => {
    // GIVEN the same failure rendered twice with different wording and input order
    const report = buildReport();
    const reworded = {
      ...shuffledReport(report, 5),
      results: report.results.map((ev) => ({...ev, message: `${ev.message} (re-worded)`, explanations: []})),
    };
    const fingerprints = (log: Log) =>
      Object.fromEntries(
        onlyRun(log).results!.map((r) => [
          `${r.ruleId} ${r.properties!['aws/arn']}`,
          r.partialFingerprints!.primaryLocationLineHash,
        ]),
      );
    // THEN the fingerprints match, and each is sha256("mq-audit/finding/v1" \0 policyId \0 account-free ARN)[0:16] + ":1"
    const first = fingerprints(sarifOf(report));
    expect(fingerprints(sarifOf(reworded))).toEqual(first);
    for (const [key, hash] of Object.entries(first)) {
      const [policyId, arn] = key.split(' ');
      expect(hash).toBe(expectedHash(policyId, arn));
    }
    expect(new Set(Object.values(first)).size).toBe(Object.keys(first).length);
  });
});

describe('renderSarif: invocation', () => {
  it('marks an incomplete scan unsuccessful and reports each collection error as an error notification', () => {
    const invocation = onlyRun(sarifOf(buildReport())).invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.exitCode).toBe(1);
    const errors = invocation.toolExecutionNotifications!.filter((n) => n.level === 'error');
    expect(errors).toHaveLength(2);
    const denied = errors.find((n) => n.properties!.operation === 'DescribeBroker')!;
    for (const part of [
      'mq',
      'DescribeBroker',
      '444455556666',
      'eu-west-1',
      'AccessDeniedException',
      'access-denied',
      BROKERS.paymentsDr.id,
    ]) {
      expect(denied.message.text).toContain(part);
    }
  });

  it('reports each error evaluation as a warning naming the policy, the broker and the reason', () => {
    const run = onlyRun(sarifOf(buildReport()));
    const warnings = run.invocations![0].toolExecutionNotifications!.filter((n) => n.level === 'warning');
    expect(warnings).toHaveLength(4);
    const auditLogs = warnings.find((n) => n.associatedRule?.id === 'mq/audit-logs')!;
    expect(auditLogs.message.text).toContain('could not be evaluated for broker legacy~batch.01');
    expect(auditLogs.message.text).toContain(BROKERS.legacyBatch.arn);
    expect(auditLogs.message.text).toContain('/details/logs/audit is null');
    expect(run.tool.driver.rules![auditLogs.associatedRule!.index!].id).toBe('mq/audit-logs');
  });

  it('marks a complete scan successful, with no notifications', () => {
    const results = buildReport().results.filter((ev) => ev.status !== 'error');
    const invocation = onlyRun(sarifOf(assembleReport(reportedPolicies(), results, []))).invocations![0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([]);
  });

  it('counts one error evaluation alone as an incomplete scan', () => {
    const results = buildReport().results.filter((ev) => ev.status !== 'error' || ev.policyId === 'mq/audit-logs');
    expect(onlyRun(sarifOf(assembleReport(reportedPolicies(), results, []))).invocations![0].executionSuccessful).toBe(
      false,
    );
  });

  it('gives start and end times only when they are valid date-times', () => {
    const report = buildReport();
    expect(onlyRun(sarifOf(report)).invocations![0]).toMatchObject({
      startTimeUtc: '2026-11-25T09:29:58Z',
      endTimeUtc: '2026-11-25T09:30:12.345Z',
    });

    const invalid = {
      ...report,
      generatedAt: '2026-02-30T10:00:00Z',
      inventory: {...report.inventory, collectedAt: 'yesterday'},
    };
    const invocation = onlyRun(sarifOf(invalid)).invocations![0];
    expect(invocation.startTimeUtc).toBeUndefined();
    expect(invocation.endTimeUtc).toBeUndefined();
    expectIngestible(sarifOf(invalid));
  });

  it('gives no start time for a fixture inventory, whose collectedAt is not when this run started', () => {
    const report = buildReport();
    const fixture = {...report, inventory: {...report.inventory, method: 'fixture' as const}};
    expect(onlyRun(sarifOf(fixture)).invocations![0].startTimeUtc).toBeUndefined();
  });
});

describe('renderSarif: category', () => {
  it('defaults automationDetails.id to "mq-audit/"', () => {
    expect(onlyRun(sarifOf(buildReport())).automationDetails).toEqual({id: 'mq-audit/'});
  });

  it.each([
    ['prod', 'prod/'],
    ['mq-audit/111122223333/eu-west-1', 'mq-audit/111122223333/eu-west-1/'],
    ['mq-audit/prod///', 'mq-audit/prod/'],
    ['/language:mq', '/language:mq/'],
  ])('turns category %j into id %j', (category, id) => {
    const log = sarifOf(buildReport(), category);
    expect(onlyRun(log).automationDetails!.id).toBe(id);
    expectIngestible(log);
  });

  it.each([
    ['empty', ''],
    ['only slashes', '///'],
    ['a space', 'has space'],
    ['a semicolon', 'semi;colon'],
    ['a non-ASCII letter', 'ü'],
    ['201 characters', 'x'.repeat(201)],
  ])('rejects a category with %s', (_label, category) => {
    expect(categoryProblem(category)).toBeDefined();
    expect(() => renderSarif(buildReport(), {category})).toThrow(/category/);
  });
});

describe('renderSarif: GitHub limits', () => {
  // Large documents: generous timeouts for slow CI machines.
  jest.setTimeout(120_000);

  it('keeps the 25,000 most severe results and says how many were left out', () => {
    // GIVEN more failures than GitHub accepts in one run
    const report = largeReport(GITHUB_LIMITS.resultsPerRun + 37);
    // WHEN rendered
    const log = sarifOf(report);
    const run = onlyRun(log);
    // THEN exactly the limit is kept, most severe first, and the least severe are the ones left out
    expect(run.results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    const severities = run.results!.map((r) => r.properties!.severity as Severity);
    const counts = (list: Severity[]) =>
      list.reduce<Record<string, number>>((acc, s) => ({...acc, [s]: (acc[s] ?? 0) + 1}), {});
    const all = counts(report.results.map((ev) => ev.severity));
    const kept = counts(severities);
    expect(kept.critical).toBe(all.critical);
    expect(kept.high).toBe(all.high);
    expect(kept.medium).toBe(all.medium);
    expect(kept.low).toBe(all.low - 37);
    // AND a warning notification says so and points at the JSON report
    const notifications = run.invocations![0].toolExecutionNotifications!;
    expect(notifications).toHaveLength(1);
    expect(notifications[0].level).toBe('warning');
    expect(notifications[0].message.text).toContain('37');
    expect(notifications[0].message.text).toContain('25000');
    expect(notifications[0].message.text).toContain('JSON report');
    expect(run.invocations![0].executionSuccessful).toBe(true);
    // AND the file is still schema-valid and ingestible
    expectIngestible(log);
  });

  it('keeps all results, without a notification, at exactly the limit', () => {
    const run = onlyRun(sarifOf(largeReport(GITHUB_LIMITS.resultsPerRun)));
    expect(run.results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    expect(run.invocations![0].toolExecutionNotifications).toEqual([]);
  });

  it('truncates the same way whatever the input order', () => {
    const report = largeReport(GITHUB_LIMITS.resultsPerRun + 5);
    expect(renderSarif(shuffledReport(report, 11), {})).toBe(renderSarif(report, {}));
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['one two three four five six', 12, 'one two thr…'],
    ['one two three four five six', 25, 'one two three four five…'],
    ['abcdefghijklmnop', 8, 'abcdefg…'],
    ['ab🐇cd', 4, 'ab…'],
  ])('cuts %j at %d to %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('renderSarif: the text', () => {
  it('writes each result on a line of its own, in pieces that join to the same log buildSarif returns', () => {
    const report = largeReport(300);
    const chunks = [...sarifChunks(report, {category: 'ci/prod'})];
    const text = chunks.join('');
    expect(text).toBe(renderSarif(report, {category: 'ci/prod'}));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(buildSarif(report, {category: 'ci/prod'}))));
    const resultLines = text.split('\n').filter((line) => line.trimStart().startsWith('{"ruleId":'));
    expect(resultLines).toHaveLength(300);
    for (const line of resultLines) expect(() => JSON.parse(line.trim().replace(/,$/, '')) as unknown).not.toThrow();
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('pathsWithin', () => {
  it('gives up the paths of the least severe results first, as many as the excess needs', () => {
    expect(pathsWithin([5, 0, 3, 4], 0)).toBe(4);
    expect(pathsWithin([5, 0, 3, 4], 4)).toBe(3);
    expect(pathsWithin([5, 0, 3, 4], 5)).toBe(2);
    expect(pathsWithin([5, 0, 3, 4], 7.5)).toBe(0);
    expect(pathsWithin([], 10)).toBe(0);
  });
});
