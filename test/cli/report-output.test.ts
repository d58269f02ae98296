/**
 * SARIF files kept within GitHub code scanning's compressed size limit by leaving out the network paths of the
 * least severe findings. The demo estate's SARIF is about 15 KB compressed, so small limits stand in for 10 MB.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {Log, Result} from 'sarif';

import {writeReport, writeSarifFile} from '../../src/cli/report-output';
import {buildSarif, GITHUB_LIMITS, renderSarif} from '../../src/report/sarif';
import type {ReportedEvaluation, ScanReport} from '../../src/report/types';
import {scanDemo} from '../helpers/demo';
import {githubProblems} from '../helpers/github-sarif-rules';
import {validateSarif} from '../helpers/sarif';

let demo: ScanReport;
let dir: string;
let remove: () => void;
beforeAll(async () => {
  ({report: demo, dir, remove} = await scanDemo());
});
afterAll(() => remove());

const compressedSize = (text: string): number => gzipSync(text).length;
const read = (file: string): {log: Log; text: string} => {
  const text = readFileSync(file, 'utf8');
  return {log: JSON.parse(text) as Log, text};
};
const withFlows = (results: Result[]): Result[] => results.filter((r) => r.codeFlows !== undefined);
const omitted = (results: Result[]): Result[] => results.filter((r) => r.properties?.networkPathsOmitted === true);

describe('writeSarifFile', () => {
  it('writes the whole file when it is under the limit', async () => {
    const file = join(dir, 'whole.sarif');
    const outcome = await writeSarifFile(file, demo, {}, 1024 * 1024);
    expect(outcome).toEqual({compressedBytes: undefined, overLimit: false});
    expect(read(file).text).toBe(renderSarif(demo));
  });

  it('leaves out the paths of the least severe network findings until the file fits, and says so', async () => {
    const full = renderSarif(demo);
    const bare = renderSarif(demo, {pathsFor: 0});
    const limit = Math.round((compressedSize(full) + compressedSize(bare)) / 2);
    const file = join(dir, 'trimmed.sarif');

    const outcome = await writeSarifFile(file, demo, {}, limit);
    const {log, text} = read(file);
    const results = log.runs[0].results!;
    expect(compressedSize(text)).toBeLessThanOrEqual(limit);
    expect(outcome.overLimit).toBe(false);
    expect(outcome.compressedBytes).toBe(compressedSize(text));

    const networkFindings = withFlows(buildSarif(demo).runs[0].results!);
    expect(outcome.pathsFor).toBeGreaterThan(0);
    expect(withFlows(results).length).toBeGreaterThan(0);
    expect(omitted(results).length).toBeGreaterThan(0);
    expect(withFlows(results).length + omitted(results).length).toBe(networkFindings.length);
    // Most severe first: every result that kept its paths comes before every one that gave them up.
    const lastWithPaths = Math.max(...withFlows(results).map((r) => results.indexOf(r)));
    expect(omitted(results).every((r) => results.indexOf(r) > lastWithPaths)).toBe(true);

    // An omitted finding still says where its path breaks, naming the hop without a link to a location it lacks.
    for (const result of omitted(results)) {
      expect(result.relatedLocations).toBeUndefined();
      expect(result.message.text).toMatch(/the path breaks at|Internet ingress|healthy path/);
      expect(result.message.text).not.toMatch(/\]\(\d+\)/);
    }

    const note = log.runs[0].invocations![0].toolExecutionNotifications!.find(
      (n) => n.properties?.code === 'network-paths-omitted',
    );
    expect(note?.properties?.networkPathsOmitted).toBe(omitted(results).length);
    expect(note?.message.text).toMatch(
      /^The network paths \(code flows and related locations\) of \d+ less severe failing network finding\(s\) were left out/,
    );
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(text)).toEqual([]);
  });

  it('reports a file still over the limit with every path left out', async () => {
    const file = join(dir, 'tiny.sarif');
    const outcome = await writeSarifFile(file, demo, {}, 2000);
    expect(outcome.overLimit).toBe(true);
    expect(outcome.pathsFor).toBe(0);
    expect(withFlows(read(file).log.runs[0].results!)).toEqual([]);
  });
});

describe('writeReport', () => {
  it('tells the user what was left out, and warns when the file is still too large', async () => {
    const limit = Math.round(
      (compressedSize(renderSarif(demo)) + compressedSize(renderSarif(demo, {pathsFor: 0}))) / 2,
    );
    const trimmed = await writeReport(join(dir, 'note.sarif'), 'sarif', demo, {}, limit);
    expect(trimmed).toHaveLength(1);
    expect(trimmed[0]).toMatch(
      /^Note: .*note\.sarif keeps the network paths of its \d+ most severe findings only, to stay under GitHub code scanning's/,
    );

    const tooLarge = await writeReport(join(dir, 'warn.sarif'), 'sarif', demo, {}, 2000);
    expect(tooLarge.at(-1)).toMatch(
      /^Warning: .*warn\.sarif is 0\.\d{3} MB gzip-compressed; GitHub code scanning rejects SARIF uploads over 0\.002 MB\. Split the scan with --shard/,
    );
    expect(await writeReport(join(dir, 'report.json'), 'json', demo, {}, 10)).toEqual([]);
  });
});

describe(`paths beyond the ${GITHUB_LIMITS.resultsKept} results GitHub keeps`, () => {
  it('are left out: GitHub drops those results anyway', () => {
    const failing =
      demo.results.find((r) => r.status === 'fail' && r.network && r.severity === 'critical') ??
      demo.results.find((r) => r.status === 'fail' && r.network)!;
    const many: ReportedEvaluation[] = Array.from({length: GITHUB_LIMITS.resultsKept + 2}, (_, i) => ({
      ...failing,
      resource: {
        ...failing.resource,
        arn: `${failing.resource.arn}-${String(i).padStart(5, '0')}`,
        name: `broker-${String(i).padStart(5, '0')}`,
      },
    }));
    const results = buildSarif({...demo, results: many}).runs[0].results!;
    expect(results).toHaveLength(many.length);
    expect(withFlows(results)).toHaveLength(GITHUB_LIMITS.resultsKept);
    expect(omitted(results)).toHaveLength(2);
  });
});
