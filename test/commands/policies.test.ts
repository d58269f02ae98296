import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {ROOT, runCli, STACK_LINE} from '../helpers/cli';

describe('policies list', () => {
  it('lists the built-in policies with id, severity, title and source file', async () => {
    const result = await runCli(['policies', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+TITLE\s+SOURCE$/);
    expect(result.stdout).toMatch(
      /mq\/no-public-access\s+high\s+Amazon MQ brokers are not publicly accessible\s+.*policies\/mq\/no-public-access\.json/,
    );
  });

  it('--json returns the listing, including custom policies', async () => {
    const result = await runCli(['policies', 'list', '--json', '--policies', 'test/fixtures/custom']);
    expect(result.code).toBe(0);
    const listing = JSON.parse(result.stdout) as {id: string; builtIn: boolean; source: string}[];
    expect(listing.find((p) => p.id === 'acme/no-burstable-in-production')).toMatchObject({
      builtIn: false,
      source: 'test/fixtures/custom/acme/no-burstable-in-production.json',
    });
    expect(listing.find((p) => p.id === 'mq/no-public-access')).toMatchObject({builtIn: true});
  });
});

describe('policies validate', () => {
  it('accepts a valid folder', async () => {
    const result = await runCli(['policies', 'validate', 'test/fixtures/custom']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'ok    test/fixtures/custom/acme/no-burstable-in-production.json (acme/no-burstable-in-production)',
    );
  });

  it('names the file and JSON pointer of every problem, exit 2', async () => {
    const result = await runCli([
      'policies',
      'validate',
      'test/fixtures/bad/policies',
      'test/fixtures/bad/uncompilable-policy.json',
      'test/fixtures/bad/malformed-inventory.json',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'error test/fixtures/bad/policies/acme/bad-policy.json at /: missing required property "helpUri"',
    );
    expect(result.stdout).toContain(
      'error test/fixtures/bad/policies/acme/bad-policy.json at /severity: expected one of "critical", "high", "medium", "low"',
    );
    expect(result.stdout).toContain(
      'error test/fixtures/bad/uncompilable-policy.json at /assert: not a valid JSON Schema',
    );
    expect(result.stdout).toContain(
      'error test/fixtures/bad/malformed-inventory.json at line 5, column 3: policy file is not valid JSON',
    );
    expect(result.stdout).toContain('3 of 3 policy file(s) invalid.');
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it('rejects a custom policy whose id clashes with a built-in one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-audit-clash-'));
    try {
      copyFileSync(join(ROOT, 'policies', 'mq', 'no-public-access.json'), join(dir, 'no-public-access.json'));
      const result = await runCli(['policies', 'validate', join(dir, 'no-public-access.json')]);
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(
        /no-public-access\.json at \/id: duplicate policy id "mq\/no-public-access", also defined in policies\/mq\/no-public-access\.json/,
      );
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('validates the built-in policies themselves (a file named twice is read once)', async () => {
    const one = await runCli(['policies', 'validate', 'policies/mq/no-public-access.json']);
    expect(one.stdout).toContain('1 policy file(s) valid.');
    expect(one.code).toBe(0);
    const folder = await runCli(['policies', 'validate', 'policies', 'policies/mq/logging.json']);
    expect(folder.stdout).toMatch(/^(\d+) policy file\(s\) valid\.$/m);
    expect(folder.stdout).not.toContain('duplicate');
    expect(folder.code).toBe(0);
  });
});

describe('start-up', () => {
  it('--help loads no AWS SDK module', async () => {
    const script = `
      const {execute} = require('@oclif/core');
      execute({dir: ${JSON.stringify(require.resolve('../../bin/run.js'))}, args: ['scan', '--help']}).then(() => {
        const sdk = Object.keys(require.cache).filter((m) => m.includes('@aws-sdk'));
        process.stderr.write('SDK_MODULES=' + sdk.length + '\\n');
      });`;
    const {spawnSync} = await import('node:child_process');
    const result = spawnSync(process.execPath, ['-e', script], {cwd: join(__dirname, '..', '..'), encoding: 'utf8'});
    expect(result.stdout).toContain('--fail-on');
    expect(result.stdout).toContain('Exit codes');
    expect(result.stderr).toContain('SDK_MODULES=0');
  });
});
