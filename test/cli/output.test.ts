/** writeFileAtomic with content in pieces: written as it comes; a failure midway leaves the old file and no temporary. */
import {mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {InputError} from '../../src/foundation/errors';
import {gzipSync} from 'node:zlib';

import {gzippedSizeAbove, temporariesInProgress, writeFileAtomic} from '../../src/foundation/output';

describe('writeFileAtomic with pieces', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-output-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('writes every piece in order', () => {
    const file = join(dir, 'out', 'report.json');
    writeFileAtomic(file, ['{"a":', '1', '}\n']);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
  });

  it('keeps the previous file when producing the content fails, removes the temporary and rethrows the error itself', () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, 'previous');
    function* failing(): Generator<string> {
      yield '{"partial": ';
      throw new TypeError('a formatter bug');
    }

    expect(() => writeFileAtomic(file, failing())).toThrow(TypeError);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(temporariesInProgress()).toEqual([]);
  });

  it('reports a file system problem as bad input naming the file', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const target = join(blocker, 'report.json');
    expect(() => writeFileAtomic(target, ['x'])).toThrow(InputError);
    expect(() => writeFileAtomic(target, ['x'])).toThrow(/not-a-folder.*cannot write output: (ENOTDIR|EEXIST)/);
  });
});

describe("gzippedSizeAbove (GitHub's SARIF size limit)", () => {
  it('is the gzip-compressed size of a file above the threshold, and undefined below it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-audit-gzip-'));
    try {
      const file = join(dir, 'big.sarif');
      const text = Array.from(
        {length: 20_000},
        (_, i) => `{"ruleId":"mq/rule-${i % 7}","n":${(i * 7919) % 10_007}}`,
      ).join('\n');
      writeFileSync(file, text);
      const size = await gzippedSizeAbove(file, 1000);
      expect(size).toBeDefined();
      expect(Math.abs(size! - gzipSync(text).length)).toBeLessThan(64);
      expect(size!).toBeLessThan(Buffer.byteLength(text) / 3);
      expect(await gzippedSizeAbove(file, Buffer.byteLength(text))).toBeUndefined();
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('the temporary file of an atomic write (issue 18, item 5)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-output-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('has an unpredictable name: a symlink planted at the old .NAME.PID.tmp name is neither followed nor touched', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const planted = join(dir, `.report.json.${process.pid}.tmp`);
    symlinkSync(victim, planted);
    writeFileAtomic(join(dir, 'report.json'), 'new report');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('new report');
    expect(readlinkSync(planted)).toBe(victim);
    expect(readdirSync(dir).sort()).toEqual([`.report.json.${process.pid}.tmp`, 'report.json', 'victim.txt']);
  });
});
