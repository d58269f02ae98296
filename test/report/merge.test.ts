/**
 * `report merge`: the pure merge of JSON reports (one gate over the union, duplicates once, conflicts refused,
 * shards complete) and of SARIF logs (runs kept with distinct categories), and the service reading files.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Log} from 'sarif';

import {decideGate} from '../../src/policy/gate';
import {EXIT, SEVERITIES} from '../../src/policy/types';
import {MAX_SARIF_RUNS, MergeConflict, mergeReports, mergeSarif, runCategory} from '../../src/report/merge';
import {renderJson} from '../../src/report/json';
import {buildSarif} from '../../src/report/sarif';
import type {ScanReport} from '../../src/report/types';
import {mergeFiles} from '../../src/services/merge';
import {
  assembleReport,
  buildReport,
  collectionErrors,
  evaluations,
  PROD_ACCOUNT,
  reportedPolicies,
  STAGING_ACCOUNT,
} from '../helpers/report-fixture';
import {validateSarif} from '../helpers/sarif';

/** The fixture report as if scanned in two shards: one per account. */
function shardReports(): {prod: ScanReport; staging: ScanReport; whole: ScanReport} {
  const whole = buildReport();
  const part = (account: string, index: number): ScanReport => {
    const report = assembleReport(
      reportedPolicies(),
      evaluations().filter((ev) => ev.resource.accountId === account),
      collectionErrors().filter((e) => e.accountId === account),
    );
    return {...report, inventory: {...report.inventory, shard: {index, count: 2}}};
  };
  return {prod: part(PROD_ACCOUNT, 1), staging: part(STAGING_ACCOUNT, 2), whole};
}

const named = (file: string, value: ScanReport): {file: string; value: ScanReport} => ({file, value});

function conflict(run: () => unknown): MergeConflict {
  try {
    run();
  } catch (error) {
    if (error instanceof MergeConflict) return error;
    throw error;
  }
  throw new Error('expected a MergeConflict');
}

describe('mergeReports', () => {
  it('two shards make the whole: every result, error and scope once, one gate decision over the union', () => {
    const {prod, staging, whole} = shardReports();
    const merged = mergeReports([named('prod.json', prod), named('staging.json', staging)]);

    const key = (r: ScanReport['results'][number]): string => `${r.policyId} ${r.resource.arn} ${r.status}`;
    expect(merged.results.map(key).sort()).toEqual(whole.results.map(key).sort());
    expect(merged.collectionErrors).toHaveLength(whole.collectionErrors.length);
    expect(merged.inventory.scopes).toEqual(
      [...whole.inventory.scopes].sort((a, b) => (a.accountId + a.region < b.accountId + b.region ? -1 : 1)),
    );
    expect(merged.inventory.shard).toBeUndefined();
    expect(merged.summary.brokers).toBe(whole.summary.brokers);
    expect(merged.summary.byStatus).toEqual(whole.summary.byStatus);
    expect(merged.summary.failingBySeverity).toEqual(whole.summary.failingBySeverity);
    // The gate is the real gate over the union, not any one input's.
    expect(merged.gate).toEqual({failOn: 'high', ...decideGate(whole.results, whole.collectionErrors.length, 'high')});
    expect(merged.gate.exitCode).toBe(EXIT.gateFailed);
  });

  it('the merged gate fails when one input passed and the other failed; --fail-on none leaves it incomplete', () => {
    const passing = assembleReport(
      reportedPolicies(),
      evaluations().filter((ev) => ev.status === 'pass'),
      [],
    );
    const failing = assembleReport(
      reportedPolicies(),
      evaluations().filter((ev) => ev.status !== 'pass'),
      collectionErrors(),
    );
    expect(passing.gate.exitCode).toBe(EXIT.ok);
    const merged = mergeReports([named('passing.json', passing), named('failing.json', failing)]);
    expect(merged.gate.exitCode).toBe(EXIT.gateFailed);
    expect(merged.gate.reason).toMatch(/^Gate failed: \d+ failing finding/);
    const lenient = mergeReports([named('passing.json', passing), named('failing.json', failing)], {failOn: 'none'});
    expect(lenient.gate).toMatchObject({failOn: 'none', exitCode: EXIT.incomplete});
  });

  it('keeps a finding reported by two inputs once', () => {
    const {prod, staging} = shardReports();
    const overlap = {
      ...staging,
      inventory: {...staging.inventory, shard: undefined},
      results: [...staging.results, prod.results[0]],
    };
    const merged = mergeReports([
      named('prod.json', {...prod, inventory: {...prod.inventory, shard: undefined}}),
      named('overlap.json', overlap),
    ]);
    const copies = merged.results.filter(
      (r) => r.policyId === prod.results[0].policyId && r.resource.arn === prod.results[0].resource.arn,
    );
    expect(copies).toHaveLength(1);
    expect(merged.summary.evaluations).toBe(prod.results.length + staging.results.length);
  });

  it('refuses inputs that judged the same broker differently, naming both files', () => {
    const {prod} = shardReports();
    const plain = {...prod, inventory: {...prod.inventory, shard: undefined}};
    const flipped = {
      ...plain,
      results: plain.results.map((r, i) =>
        i === 0 ? {...r, status: r.status === 'fail' ? ('pass' as const) : ('fail' as const)} : r,
      ),
    };
    const error = conflict(() => mergeReports([named('monday.json', plain), named('tuesday.json', flipped)]));
    expect(error.message).toMatch(
      new RegExp(
        `policy ${plain.results[0].policyId} on broker .* was judged (fail|pass) in monday.json, (pass|fail) in tuesday.json`,
      ),
    );
    expect(error.files).toEqual(['monday.json', 'tuesday.json']);
  });

  it('refuses a missing shard, a shard given twice, and shards of different splits', () => {
    const {prod, staging} = shardReports();
    expect(conflict(() => mergeReports([named('prod.json', prod)])).message).toMatch(/shard 2\/2 missing/);
    expect(
      conflict(() => mergeReports([named('a.json', prod), named('b.json', prod), named('c.json', staging)])).message,
    ).toMatch(/shard 1\/2 is given more than once \(a\.json, b\.json\)/);
    const ofThree = {...staging, inventory: {...staging.inventory, shard: {index: 2, count: 3}}};
    expect(conflict(() => mergeReports([named('prod.json', prod), named('three.json', ofThree)])).message).toMatch(
      /different shard splits \(N=2, N=3\)/,
    );
  });

  it('refuses inputs gated, versioned or configured differently', () => {
    const {prod, staging} = shardReports();
    const lowGate = {...staging, gate: {...staging.gate, failOn: 'low' as const}};
    expect(conflict(() => mergeReports([named('p.json', prod), named('s.json', lowGate)])).message).toMatch(
      /different --fail-on values \("high" in p\.json; "low" in s\.json\); pass --fail-on to the merge/,
    );
    // …unless the merge chooses the threshold itself
    expect(mergeReports([named('p.json', prod), named('s.json', lowGate)], {failOn: 'critical'}).gate.failOn).toBe(
      'critical',
    );

    const newer = {...staging, tool: {...staging.tool, version: '0.2.0'}};
    expect(conflict(() => mergeReports([named('p.json', prod), named('s.json', newer)])).message).toMatch(
      /different mq-audit versions/,
    );

    const reparameterized = {
      ...staging,
      policies: staging.policies.map((p, i) => (i === 0 ? {...p, parameterValues: {minimum: 3}} : p)),
    };
    expect(conflict(() => mergeReports([named('p.json', prod), named('s.json', reparameterized)])).message).toMatch(
      new RegExp(`policy ${staging.policies[0].id} differs between p\\.json and s\\.json \\(parameterValues\\)`),
    );
  });

  it('merges collection errors without duplicates', () => {
    const {prod, staging} = shardReports();
    const both = {...staging, collectionErrors: [...staging.collectionErrors, ...prod.collectionErrors]};
    const merged = mergeReports([named('p.json', prod), named('s.json', both)]);
    expect(merged.collectionErrors).toHaveLength(collectionErrors().length);
    expect(merged.summary.collectionErrors).toBe(collectionErrors().length);
  });
});

describe('mergeReports of a proposed change judged in shards (scan --plan --shard)', () => {
  type Result = ScanReport['results'][number];
  interface Judged {
    /** Which failing findings the change introduced (the others were failing on the deployed estate). */
    introduced?: (result: Result) => boolean;
    introducedErrors?: number;
    gate?: 'all' | 'changes';
  }

  /** A shard's report as `scan --plan` writes it: failing findings marked, and the change section. */
  const judged = (
    report: ScanReport,
    {introduced = () => false, introducedErrors = 0, gate = 'changes'}: Judged = {},
  ) => {
    const results = report.results.map((r) =>
      r.status !== 'fail' ? r : {...r, change: introduced(r) ? ('introduced' as const) : ('unchanged' as const)},
    );
    const count = (state: 'introduced' | 'unchanged') =>
      Object.fromEntries(
        SEVERITIES.map((s) => [s, results.filter((r) => r.change === state && r.severity === s).length]),
      );
    const findings = {introduced: count('introduced'), unchanged: count('unchanged'), resolved: count('introduced')};
    const edit = {address: 'aws_security_group_rule.amqps', resourceType: 'aws_security_group_rule', action: 'update'};
    return {
      ...report,
      results,
      change: {
        gate,
        inputs: [{file: 'plan.json', format: 'terraform-plan', description: 'Terraform plan plan.json'}],
        deployed: {source: 'live', brokers: new Set(results.map((r) => r.resource.arn)).size},
        resources: {created: {}, deleted: {}, replaced: {}, updated: {aws_security_group_rule: 1}},
        findings: findings as NonNullable<ScanReport['change']>['findings'],
        introducedErrors,
        resolvedByDeletion: [],
        verdicts: [],
        unknowns: [],
        edits: [{...edit, outcome: 'applied'}],
        warnings: [],
      },
    } satisfies ScanReport;
  };

  /** The two shards, each judged as given, merged. */
  const mergeJudged = (prod: Judged | ScanReport, staging: Judged | ScanReport, failOn?: 'none') => {
    const shards = shardReports();
    const shard = (report: ScanReport, given: Judged | ScanReport) => ('kind' in given ? given : judged(report, given));
    return mergeReports(
      [named('prod.json', shard(shards.prod, prod)), named('staging.json', shard(shards.staging, staging))],
      failOn ? {failOn} : {},
    );
  };

  it('with --gate changes, fails only on findings the change introduced, in any shard', () => {
    const {prod, staging} = shardReports();
    // Failing findings everywhere, none introduced: the merged gate passes, as each shard's did.
    const passed = mergeJudged({}, {});
    expect(passed.gate.exitCode).toBe(EXIT.ok);
    expect(passed.gate.reason).toMatch(/already failing on the deployed estate/);
    expect(passed.change?.gate).toBe('changes');
    const brokers = (report: ScanReport) => judged(report).change.deployed.brokers;
    expect(passed.change?.deployed).toEqual({source: 'live', brokers: brokers(prod) + brokers(staging)});

    // High findings introduced in the staging shard fail the merged gate, and the counts add up.
    const introducedHigh = (r: Result) => r.severity === 'high';
    const stagingIntroduced = judged(staging, {introduced: introducedHigh});
    expect(stagingIntroduced.results.some((r) => r.change === 'introduced')).toBe(true);
    const failed = mergeJudged({}, {introduced: introducedHigh});
    expect(failed.gate.exitCode).toBe(EXIT.gateFailed);
    expect(failed.gate.reason).toMatch(/introduced by the change/);
    expect(failed.change!.findings.introduced.high).toBe(stagingIntroduced.change.findings.introduced.high);
    expect(failed.change!.edits).toHaveLength(1);
  });

  it("errors the change introduced in a shard make the merged scan incomplete; the deployed estate's own do not", () => {
    const {prod, staging} = shardReports();
    expect([...prod.results, ...staging.results].some((r) => r.status === 'error')).toBe(true);
    expect(mergeJudged({}, {}, 'none').gate.exitCode).toBe(EXIT.ok);
    const incomplete = mergeJudged({introducedErrors: 1}, {}, 'none');
    expect(incomplete.gate.exitCode).toBe(EXIT.incomplete);
    expect(incomplete.change!.introducedErrors).toBe(1);
  });

  it('with --gate all, every failing finding counts, as in the scans', () => {
    expect(mergeJudged({gate: 'all'}, {gate: 'all'}).gate.exitCode).toBe(EXIT.gateFailed);
  });

  it('refuses shards that judged different changes, different --gate values, or a change in some only', () => {
    const {staging} = shardReports();
    const other = judged(staging);
    other.change.inputs = [{file: 'other.json', format: 'terraform-plan', description: 'Terraform plan other.json'}];
    expect(conflict(() => mergeJudged({}, other)).message).toMatch(/judged different proposed changes/);
    expect(conflict(() => mergeJudged({}, {gate: 'all'})).message).toMatch(/different --gate values/);
    expect(conflict(() => mergeJudged({}, staging)).message).toMatch(
      /only some of the reports judged a proposed change/,
    );
  });
});

describe('mergeSarif', () => {
  const sarifOf = (report: ScanReport, category: string): Log => buildSarif(report, {category});

  it('keeps every run with its own category, and the result is valid SARIF', () => {
    const {prod, staging} = shardReports();
    const merged = mergeSarif([
      {file: 'two.sarif', value: sarifOf(staging, 'mq-audit/shard-2')},
      {file: 'one.sarif', value: sarifOf(prod, 'mq-audit/shard-1')},
    ]);
    expect(merged.runs.map(runCategory)).toEqual(['mq-audit/shard-1', 'mq-audit/shard-2']);
    expect(merged.runs[0].results).toEqual(sarifOf(prod, 'mq-audit/shard-1').runs[0].results);
    expect(validateSarif(merged)).toEqual([]);
  });

  it('refuses two runs with one category, naming the files and the fix', () => {
    const {prod, staging} = shardReports();
    const error = conflict(() =>
      mergeSarif([
        {file: 'a.sarif', value: sarifOf(prod, 'mq-audit')},
        {file: 'b.sarif', value: sarifOf(staging, 'mq-audit')},
      ]),
    );
    expect(error.message).toMatch(/two runs share category "mq-audit" \(a\.sarif and b\.sarif\).*--category/);
  });

  it(`refuses more than ${MAX_SARIF_RUNS} runs`, () => {
    const {prod} = shardReports();
    const inputs = Array.from({length: MAX_SARIF_RUNS + 1}, (_, i) => ({
      file: `s${i}.sarif`,
      value: sarifOf(prod, `mq-audit/shard-${i + 1}`),
    }));
    expect(conflict(() => mergeSarif(inputs)).message).toMatch(/21 runs: GitHub code scanning accepts at most 20/);
    expect(mergeSarif(inputs.slice(0, MAX_SARIF_RUNS)).runs).toHaveLength(MAX_SARIF_RUNS);
  });

  it('reads categories the way GitHub does', () => {
    expect(runCategory({tool: {driver: {name: 'x'}}, automationDetails: {id: 'mq-audit/prod/'}})).toBe('mq-audit/prod');
    expect(runCategory({tool: {driver: {name: 'x'}}, automationDetails: {id: 'my-analysis/tool1/2022-01-02'}})).toBe(
      'my-analysis/tool1',
    );
    expect(runCategory({tool: {driver: {name: 'x'}}})).toBe('');
  });
});

describe('mergeFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-merge-'));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  /** A ScanReport is written as `scan --format json` writes it; anything else as given. */
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    const isReport = typeof value === 'object' && value !== null && (value as ScanReport).kind === 'mq-audit/report';
    writeFileSync(
      file,
      typeof value === 'string' ? value : isReport ? renderJson(value as ScanReport) : JSON.stringify(value),
    );
    return file;
  };

  it('merges JSON report files', () => {
    const {prod, staging} = shardReports();
    const outcome = mergeFiles({files: [write('p.json', prod), write('s.json', staging)]});
    expect(outcome.kind).toBe('report');
    expect(outcome.kind === 'report' && outcome.report.gate.exitCode).toBe(EXIT.gateFailed);
  });

  it('turns conflicts and bad input into input errors that name the file', () => {
    const {prod, staging} = shardReports();
    const p = write('p1.json', prod);
    expect(() => mergeFiles({files: [p]})).toThrow(/shard 2\/2 missing/);
    expect(() => mergeFiles({files: [p, p]})).toThrow(/p1\.json: given twice/);
    expect(() => mergeFiles({files: [p, write('s.sarif', buildSarif(staging))]})).toThrow(
      /s\.sarif: is a SARIF file, but .*p1\.json is a JSON report/,
    );
    expect(() => mergeFiles({files: [write('inv.json', {kind: 'mq-audit/inventory'})]})).toThrow(
      /inv\.json at \/kind: "kind" is "mq-audit\/inventory"/,
    );
    expect(() => mergeFiles({files: [write('bad.json', '{"kind": ')]})).toThrow(/bad\.json.*not valid JSON/);
    const broken = {...prod, results: [{policyId: 'mq/x'}]};
    expect(() => mergeFiles({files: [write('broken.json', broken)]})).toThrow(
      /broken\.json at \/results\/0: expected a result with policyId, status and resource\.arn/,
    );
    expect(() => mergeFiles({files: []})).toThrow(/no input files/);
    const unknownVersion = {...JSON.parse(renderJson(prod)), reportVersion: 4} as unknown;
    expect(() => mergeFiles({files: [write('v4.json', JSON.stringify(unknownVersion))]})).toThrow(
      /v4\.json at \/reportVersion: report version 4 is not supported; this mq-audit merges versions 1 to 3/,
    );
  });

  it('reads version 1 reports (hops inline) and version 2 (tags in every result) alongside version 3, and names a hop index that points nowhere', () => {
    const {prod, staging} = shardReports();
    const flow = {
      from: '10.0.0.0/8',
      verdict: 'unreachable' as const,
      hops: [
        {
          kind: 'security-group' as const,
          resourceType: 'AWS::EC2::SecurityGroup',
          id: 'sg-1',
          status: 'broken' as const,
          reason: 'no rule admits 10.0.0.0/8.',
        },
      ],
    };
    const failing = prod.results.findIndex((r) => r.status === 'fail');
    const withHops: ScanReport = {
      ...prod,
      results: prod.results.map((r, i) =>
        i === failing ? {...r, network: {focus: 'broken-path' as const, flows: [flow]}} : r,
      ),
    };
    const v1 = write('v1.json', JSON.stringify({...withHops, reportVersion: 1}));
    const outcome = mergeFiles({files: [v1, write('s2.json', staging)]});
    expect(outcome.kind === 'report' && outcome.report.results.find((r) => r.network)?.network?.flows[0].hops).toEqual(
      flow.hops,
    );

    // Version 2 (tags in every result) alongside version 3 (brokers listed once): the tags are back on every result.
    const tagged: ScanReport = {
      ...staging,
      results: staging.results.map((r) => ({...r, resource: {...r.resource, tags: {Owner: 'data-team'}}})),
    };
    const {brokers: _brokers, ...v3} = JSON.parse(renderJson(tagged)) as Record<string, unknown>;
    const v2 = {...v3, reportVersion: 2, results: tagged.results.map((r) => JSON.parse(JSON.stringify(r)) as unknown)};
    const mixed = mergeFiles({files: [write('p3.json', prod), write('s-v2.json', JSON.stringify(v2))]});
    expect(
      mixed.kind === 'report' &&
        mixed.report.results
          .filter((r) => r.resource.arn === staging.results[0].resource.arn)
          .every((r) => r.resource.tags?.Owner === 'data-team'),
    ).toBe(true);

    const written = JSON.parse(renderJson(withHops)) as {results: {network?: {flows: {hopIndexes: number[]}[]}}[]};
    written.results[failing].network!.flows[0].hopIndexes = [1];
    expect(() =>
      mergeFiles({files: [write('bad-hop.json', JSON.stringify(written)), write('s3.json', staging)]}),
    ).toThrow(
      new RegExp(
        `bad-hop\\.json at /results/${failing}/network/flows/0/hopIndexes/0: expected an index into /hops \\(0 to 0\\), not 1`,
      ),
    );
  });
});
