/**
 * JSON inputs are read bounded and checked (issue 18, items 2, 10 and 11): a regular file only (no /dev/zero, no
 * FIFO that blocks for ever), a size cap per kind, nesting deeper than mq-audit's documents refused with the file
 * named, and schema validation that reports the first problems of a large invalid file without building the
 * rest. Inputs are generated here; nothing large is committed.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {isInputError} from '../../src/foundation/errors';
import {MAX_NESTING, nestingBeyond, readTextFile} from '../../src/foundation/json-input';
import {runCli, STACK_LINE} from '../helpers/cli';
import {readDemoInventory} from '../helpers/demo';
import type {Broker} from '../../src/snapshot/types';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mq-audit-bounded-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }

  throw new Error('expected an error');
}

describe('reading an input file', () => {
  it('refuses what is not a regular file, naming what it is', async () => {
    const result = await runCli(['scan', '--inventory', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'Error: /dev/zero: cannot read inventory file: not a regular file (a character device), expected a file\n',
    );
  });

  it('does not block on a named pipe nobody writes to', async () => {
    const fifo = join(dir, 'inventory.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['scan', '--inventory', fifo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a regular file (a named pipe)');
  }, 20_000);

  it('refuses a file over the cap of its kind before reading it', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, `[${'0,'.repeat(600)}0]`);
    const error = thrown(() => readTextFile(file, 'policy file', 1000));
    expect(isInputError(error) && error.problem).toBe(
      'policy file is 0.001 MB, more than the 0.001 MB mq-audit reads as a policy file',
    );
    expect(readTextFile(file, 'policy file', 2000)).toHaveLength(1203);
  });
});

describe('nesting', () => {
  it('finds the first bracket past the limit, skipping strings', () => {
    expect(nestingBeyond('[[1]]', 2)).toBe(-1);
    expect(nestingBeyond('[[[1]]]', 2)).toBe(2);
    expect(nestingBeyond('["[[[[", "\\"[[[[", {"a": "\\\\"}]', 2)).toBe(-1);
  });

  it.each([
    ['inventory', (file: string) => ['scan', '--inventory', file], 'inventory file'],
    ['policy', (file: string) => ['policies', 'validate', file], 'policy file'],
    ['merge input', (file: string) => ['report', 'merge', file], 'report file'],
  ])(
    '100,000 unclosed [ in a %s: exit 2 naming the file and the place, no stack overflow',
    async (_kind, args, what) => {
      const file = join(dir, `deep-${what.replaceAll(' ', '-')}.json`);
      writeFileSync(file, '['.repeat(100_000));
      const result = await runCli(args(file));
      expect(result.code).toBe(2);
      expect(result.stdout + result.stderr).toContain(
        `${file} at line 1, column ${MAX_NESTING + 1}: ${what} nests arrays and objects more than ${MAX_NESTING} deep`,
      );
      expect(result.stderr).not.toContain('Maximum call stack');
      expect(result.stderr).not.toMatch(STACK_LINE);
    },
  );
});

describe('a large invalid inventory', () => {
  it('reports its first 20 problems quickly and in little memory (it took 77 s and 660 MB for 4 MB)', async () => {
    const snapshot = readDemoInventory();
    const bad = {
      arn: 5,
      id: 6,
      name: 7,
      state: 8,
      engineType: 9,
      deploymentMode: 10,
      hostInstanceType: 11,
      extra: 1,
      details: {tags: 5, subnetIds: 'x'},
    };
    // Not brokers: the point is to be invalid.
    snapshot.accounts[0].regions[0].brokers = Array.from({length: 30_000}, () => bad as unknown as Broker);
    const file = join(dir, 'invalid.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const started = Date.now();
    // A heap far smaller than the 2 GB the old validation built.
    const result = await runCli(['scan', '--inventory', file], {nodeArgs: ['--max-old-space-size=192']});
    const seconds = (Date.now() - started) / 1000;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: 20 problems in the input:\n/);
    expect(result.stderr).toContain(`${file} at /accounts/0/regions/0/brokers/0/arn: expected string`);
    expect(seconds).toBeLessThan(30);
  }, 60_000);

  it('past a valid prefix, the first problem is still found', async () => {
    const snapshot = readDemoInventory();
    const region = snapshot.accounts[0].regions[0];
    const good = region.brokers![0];
    region.brokers = [...Array.from({length: 2000}, () => good), {...good, engineType: 'KAFKA'} as unknown as Broker];
    const file = join(dir, 'late-invalid.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const result = await runCli(['scan', '--inventory', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file} at /accounts/0/regions/0/brokers/2000/engineType: expected one of "ACTIVEMQ", "RABBITMQ"`,
    );
  }, 30_000);
});
