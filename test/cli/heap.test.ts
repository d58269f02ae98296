/**
 * The heap growth bound: decided from node's own command line, and set by every command (seen through a preload
 * that records what the CLI hands to v8.setFlagsFromString).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {HEAP_GROWING_PERCENT, heapGrowthFlag, LARGE_HEAP_LIMIT} from '../../src/cli/heap';
import {runCli} from '../helpers/cli';

const LARGE = 4 * 1024 ** 3;
const BOUND = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

describe('heapGrowthFlag', () => {
  it('bounds the growth of a large heap when node was started without a choice of its own', () => {
    expect(heapGrowthFlag([], LARGE)).toBe(BOUND);
    expect(heapGrowthFlag(['--enable-source-maps'], LARGE_HEAP_LIMIT)).toBe(BOUND);
  });

  it('leaves a small heap (a container, --max-old-space-size) to V8, which grows it sparingly there', () => {
    expect(heapGrowthFlag([], LARGE_HEAP_LIMIT - 1)).toBeUndefined();
    expect(heapGrowthFlag(['--max-old-space-size=512'], 560 * 1024 ** 2)).toBeUndefined();
  });

  it("leaves node's own choice alone, in either spelling", () => {
    expect(heapGrowthFlag(['--heap-growing-percent=0'], LARGE)).toBeUndefined();
    expect(heapGrowthFlag(['--heap_growing_percent=80'], LARGE)).toBeUndefined();
    expect(heapGrowthFlag(['--heap-growing-percent', '50'], LARGE)).toBeUndefined();
  });

  it('writes no V8 flag under another runtime, where V8 may abort on it', () => {
    expect(heapGrowthFlag([], LARGE, {node: '20.20.2', v8: '11.3'})).toBe(BOUND);
    for (const runtime of ['electron', 'nw', 'bun', 'deno'])
      expect(heapGrowthFlag([], LARGE, {node: '20.20.2', [runtime]: '1.0.0'})).toBeUndefined();
  });

  it('is not fooled by a longer flag that starts alike', () => {
    expect(heapGrowthFlag(['--heap-growing-percentage=5'], LARGE)).toBe(BOUND);
  });
});

describe('the CLI', () => {
  let dir: string;
  let preload: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-heap-'));
    preload = join(dir, 'record-v8-flags.js');
    writeFileSync(
      preload,
      `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
const seen = [];
v8.setFlagsFromString = (flags) => { seen.push(flags); return set(flags); };
process.on('exit', () => process.stderr.write('v8-flags=' + JSON.stringify(seen) + '\\n'));
`,
    );
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  const flagsSet = (stderr: string): string[] => JSON.parse(/^v8-flags=(.*)$/m.exec(stderr)?.[1] ?? 'null') as string[];

  // The heap limit is set on the command line so that the test does not depend on the machine's memory.
  it('sets the bound for a command', async () => {
    const result = await runCli(['policies', 'list', '--json'], {
      nodeArgs: ['--max-old-space-size=4096', '--require', preload],
    });
    expect(result.code).toBe(0);
    expect(flagsSet(result.stderr)).toEqual([BOUND]);
  });

  it('sets nothing when the heap is small', async () => {
    const result = await runCli(['policies', 'list', '--json'], {
      nodeArgs: ['--max-old-space-size=512', '--require', preload],
    });
    expect(result.code).toBe(0);
    expect(flagsSet(result.stderr)).toEqual([]);
  });

  it("does not override node's own --heap-growing-percent", async () => {
    const result = await runCli(['policies', 'list', '--json'], {
      nodeArgs: ['--max-old-space-size=4096', '--heap-growing-percent=0', '--require', preload],
    });
    expect(result.code).toBe(0);
    expect(flagsSet(result.stderr)).toEqual([]);
  });
});
