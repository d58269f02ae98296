/** --output equal to an input is refused before anything runs (issue 18, item 9). */
import {copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {ROOT, runCli} from '../helpers/cli';

describe('--output equal to an input', () => {
  let dir: string;
  let inventory: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-overwrite-'));
    inventory = join(dir, 'inventory.json');
    copyFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), inventory);
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it.each([
    ['scan --inventory', () => ['scan', '--inventory', inventory, '--output', inventory, '--format', 'json']],
    [
      'scan --inventory through a symlink',
      () => {
        const link = join(dir, 'link.json');
        symlinkSync(inventory, link);
        return ['scan', '--inventory', inventory, '--output', link, '--format', 'json'];
      },
    ],
    ['paths --inventory', () => ['paths', 'orders-prod', '--inventory', inventory, '--output', inventory]],
  ])('%s: exit 2 and the input is untouched', async (_case, args) => {
    const before = readFileSync(inventory, 'utf8');
    const result = await runCli(args(), {cwd: dir});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Error: --output: .* is the --inventory file \(.*\): writing it would replace that input; write the output to another file\n$/,
    );
    expect(readFileSync(inventory, 'utf8')).toBe(before);
  });

  it('scan --baseline, and report merge of its own output', async () => {
    const report = join(dir, 'report.json');
    await runCli(['scan', '--inventory', inventory, '--format', 'json', '--output', report, '--quiet'], {cwd: dir});
    const before = readFileSync(report, 'utf8');
    const baseline = await runCli(['scan', '--inventory', inventory, '--baseline', report, '--output', report], {
      cwd: dir,
    });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('is the --baseline file');
    const merge = await runCli(['report', 'merge', report, '--output', report], {cwd: dir});
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('is the input file');
    expect(readFileSync(report, 'utf8')).toBe(before);
  });
});
