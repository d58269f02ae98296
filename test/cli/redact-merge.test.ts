/**
 * `report merge --redact` and `defaults.redact` (issue 18): the redactor scan and paths use, over the merged report
 * or SARIF log, and over the messages merge prints. No 12-digit account id of the demo estate survives.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {accountAlias} from '../../src/report/redact';
import {ROOT, runCli} from '../helpers/cli';
import type {JsonReport} from '../../src/report/json';

const INVENTORY = join(ROOT, 'fixtures', 'demo', 'inventory.json');
/** Every 12-digit number of the demo estate (its accounts). */
const ACCOUNT_IDS = [...new Set(readFileSync(INVENTORY, 'utf8').match(/(?<!\d)\d{12}(?!\d)/g))];
const KEY = 'test-secret';
const ENV = {MQ_AUDIT_REDACT_KEY: KEY};

function accountIdsIn(text: string): string[] {
  return ACCOUNT_IDS.filter(
    (id) => text.includes(id) || text.includes(`${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`),
  );
}

describe('report merge --redact', () => {
  let dir: string;
  /** Two scans of the demo estate (different policies), as JSON reports and as SARIF, in a folder named after an account. */
  let reports: string[];
  let sarifs: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-redact-merge-'));
    const shards = join(dir, '111122223333');
    mkdirSync(shards);
    reports = [join(shards, 'ha.json'), join(shards, 'rest.json')];
    sarifs = [join(shards, 'ha.sarif'), join(shards, 'rest.sarif')];
    const runs = [
      ['--policy', 'mq/production-ha', '--output', reports[0]],
      ['--skip-policy', 'mq/production-ha', '--output', reports[1]],
      ['--policy', 'mq/production-ha', '--category', 'ha', '--output', sarifs[0]],
      ['--skip-policy', 'mq/production-ha', '--category', 'rest', '--output', sarifs[1]],
    ];
    for (const args of runs) {
      const result = await runCli(['scan', '--inventory', INVENTORY, '--quiet', '--iac', 'none', ...args]);
      expect([0, 1]).toContain(result.code);
    }
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('the unredacted merge shows the demo account ids (so the checks below can fail)', async () => {
    const result = await runCli(['report', 'merge', ...reports, '--format', 'json'], {env: ENV});
    expect(result.code).toBe(1);
    expect(accountIdsIn(result.stdout).sort()).toEqual(['111122223333', '444455556666']);
  });

  it.each(['json', 'table', 'markdown', 'junit', 'sarif'])(
    'merged JSON reports as %s: no account id, the aliases scan --redact writes',
    async (format) => {
      const result = await runCli(
        ['report', 'merge', ...reports, '--format', format, '--redact', '--category', 'merge-111122223333'],
        {env: ENV},
      );
      expect(result.code).toBe(1);
      expect(accountIdsIn(result.stdout + result.stderr)).toEqual([]);
      expect(result.stdout).toContain(accountAlias('111122223333', KEY));
      if (format === 'json')
        expect((JSON.parse(result.stdout) as JsonReport).redaction).toEqual({
          accountAliases: 'keyed',
          scheme: expect.any(String),
        });
    },
  );

  it('merged SARIF files, written to a file, and the note on stderr (its path holds an account id)', async () => {
    const output = join(dir, '111122223333', 'merged.sarif');
    const result = await runCli(['report', 'merge', ...sarifs, '--output', output, '--redact'], {env: ENV});
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Merged 2 SARIF file(s), 2 run(s), into ${join(dir, accountAlias('111122223333', KEY), 'merged.sarif')}`,
    );
    const written = readFileSync(output, 'utf8');
    expect(accountIdsIn(written + result.stdout + result.stderr)).toEqual([]);
    expect(written).toContain(accountAlias('444455556666', KEY));
  });

  it('defaults.redact turns it on, --no-redact off', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({defaults: {redact: true}}));
    const on = await runCli(['report', 'merge', ...reports, '--format', 'json', '--config', config], {env: ENV});
    expect(accountIdsIn(on.stdout)).toEqual([]);
    const off = await runCli(['report', 'merge', ...reports, '--format', 'json', '--config', config, '--no-redact'], {
      env: ENV,
    });
    expect(accountIdsIn(off.stdout)).not.toEqual([]);
  });

  it('error messages: an input named after an account, a conflict between inputs', async () => {
    const missing = await runCli(['report', 'merge', reports[0], join(dir, 'acct-444455556666.json'), '--redact'], {
      env: ENV,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(accountAlias('444455556666', KEY));
    expect(accountIdsIn(missing.stderr)).toEqual([]);

    const mixed = await runCli(['report', 'merge', reports[0], sarifs[0], '--redact'], {env: ENV});
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is a SARIF file/);
    expect(accountIdsIn(mixed.stderr)).toEqual([]);
  });
});
