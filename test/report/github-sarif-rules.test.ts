/**
 * The two SARIF checkers other tests rely on must catch what GitHub and the schema reject:
 * each case breaks one rule in an otherwise good log and expects exactly that problem.
 */
import type {Log, Result, Run} from 'sarif';

import {renderSarif} from '../../src/report/sarif';
import {githubProblems} from '../helpers/github-sarif-rules';
import {buildReport} from '../helpers/report-fixture';
import {validateSarif} from '../helpers/sarif';

function goodLog(): Log {
  return JSON.parse(renderSarif(buildReport(), {})) as Log;
}

function firstResult(log: Log): Result {
  return log.runs[0].results![0];
}

function firstRuleProperties(log: Log): Record<string, unknown> {
  const rule = log.runs[0].tool.driver.rules![firstResult(log).ruleIndex!];
  rule.properties ??= {};
  return rule.properties;
}

describe('githubProblems', () => {
  it('finds nothing wrong with the renderer output, given as a log or as text', () => {
    expect(githubProblems(goodLog())).toEqual([]);
    expect(githubProblems(renderSarif(buildReport(), {category: 'x'}))).toEqual([]);
  });

  it.each<[string, (log: Log) => void, RegExp]>([
    ['no locations', (log) => delete firstResult(log).locations, /at least one location is required/],
    [
      'a logical location only',
      (log) => delete firstResult(log).locations![0].physicalLocation,
      /physicalLocation is required/,
    ],
    [
      'an empty uri',
      (log) => (firstResult(log).locations![0].physicalLocation!.artifactLocation!.uri = ''),
      /non-empty uri/,
    ],
    [
      'an ARN as uri',
      (log) =>
        (firstResult(log).locations![0].physicalLocation!.artifactLocation!.uri =
          'arn:aws:mq:eu-west-1:1:broker:x:b-1'),
      /has a scheme or ":"/,
    ],
    [
      'no region',
      (log) => delete firstResult(log).locations![0].physicalLocation!.region,
      /startLine must be an integer >= 1/,
    ],
    [
      'startLine 0',
      (log) => (firstResult(log).locations![0].physicalLocation!.region!.startLine = 0),
      /startLine must be an integer >= 1/,
    ],
    ['an empty message', (log) => (firstResult(log).message = {text: ' '}), /message.text must be non-empty/],
    ['no fingerprint', (log) => delete firstResult(log).partialFingerprints, /primaryLocationLineHash/],
    [
      'a ruleIndex pointing elsewhere',
      (log) => (firstResult(log).ruleIndex = firstResult(log).ruleIndex! + 1),
      /does not point at rule/,
    ],
    ['an unknown ruleId', (log) => (firstResult(log).ruleId = 'nope'), /"nope" is not in tool.driver.rules/],
    ['security-severity as a number', (log) => (firstRuleProperties(log)['security-severity'] = 8), /must be a string/],
    [
      'security-severity "high"',
      (log) => (firstRuleProperties(log)['security-severity'] = 'high'),
      /not a number in \(0, 10\]/,
    ],
    [
      'security-severity "0.0"',
      (log) => (firstRuleProperties(log)['security-severity'] = '0.0'),
      /not a number in \(0, 10\]/,
    ],
    ['no security tag', (log) => (firstRuleProperties(log).tags = ['aws']), /must be tagged "security"/],
    [
      '21 tags',
      (log) => (firstRuleProperties(log).tags = ['security', ...Array.from({length: 20}, (_, i) => `t${i}`)]),
      /21 tags > 20/,
    ],
    ['a bad precision', (log) => (firstRuleProperties(log).precision = 'certain'), /precision "certain"/],
    ['no help text', (log) => delete log.runs[0].tool.driver.rules![0].help, /help.text is required/],
    [
      'no short description',
      (log) => delete log.runs[0].tool.driver.rules![0].shortDescription,
      /shortDescription.text is required/,
    ],
    [
      'a long full description',
      (log) => (log.runs[0].tool.driver.rules![0].fullDescription = {text: 'x'.repeat(1025)}),
      /longer than 1024/,
    ],
    [
      'a duplicate rule id',
      (log) => log.runs[0].tool.driver.rules!.push({...log.runs[0].tool.driver.rules![0]}),
      /duplicate rule id/,
    ],
    ['two runs with one category', (log) => log.runs.push(structuredClone(log.runs[0])), /same tool and category/],
    [
      '21 runs',
      (log) => {
        log.runs = Array.from({length: 21}, (_, i): Run => ({
          ...structuredClone(log.runs[0]),
          automationDetails: {id: `c${i}/`},
        }));
      },
      /21 runs > 20/,
    ],
    [
      '25,001 results',
      (log) => {
        const result = firstResult(log);
        log.runs[0].results = Array.from({length: 25_001}, () => result);
      },
      /25001 results > 25000/,
    ],
    [
      '1,001 locations',
      (log) => {
        const result = firstResult(log);
        result.locations = Array.from({length: 1001}, () => result.locations![0]);
      },
      /1001 locations > 1000/,
    ],
    ['a wrong version', (log) => ((log as {version: string}).version = '2.0.0'), /version must be "2.1.0"/],
  ])('reports %s', (_what, breakIt, problem) => {
    // GIVEN a good log broken in one way
    const log = goodLog();
    breakIt(log);
    // THEN exactly that is reported
    const problems = githubProblems(log);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((line) => problem.test(line))).toBe(true);
  });
});

describe('validateSarif', () => {
  it('accepts the renderer output, given as a log or as text', () => {
    expect(validateSarif(goodLog())).toEqual([]);
    expect(validateSarif(renderSarif(buildReport(), {}))).toEqual([]);
  });

  it.each<[string, (log: Log) => void, RegExp]>([
    [
      'an invalid level',
      (log) => ((firstResult(log) as {level: string}).level = 'critical'),
      /\/runs\/0\/results\/0\/level: must be equal to one of the allowed values/,
    ],
    [
      'a result without message',
      (log) => delete (firstResult(log) as {message?: unknown}).message,
      /must have required property 'message'/,
    ],
    [
      'startLine 0',
      (log) => (firstResult(log).locations![0].physicalLocation!.region!.startLine = 0),
      /startLine: must be >= 1/,
    ],
    [
      'a bad date-time',
      (log) => (log.runs[0].invocations![0].endTimeUtc = 'yesterday'),
      /endTimeUtc: must match format "date-time"/,
    ],
    [
      'duplicate tags',
      (log) => (firstRuleProperties(log).tags = ['security', 'security']),
      /tags: must NOT have duplicate items/,
    ],
  ])('rejects %s', (_what, breakIt, problem) => {
    const log = goodLog();
    breakIt(log);
    expect(validateSarif(log).some((line) => problem.test(line))).toBe(true);
  });
});
