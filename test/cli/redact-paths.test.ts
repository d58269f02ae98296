/**
 * `paths --redact` and `defaults.redact` (issue 18, item 7): no account id of the estate survives in any `paths`
 * format, the aliases are the ones `scan --redact` writes, and account ids inside what the user gave (a file path,
 * the broker ARN) are redacted in error messages too.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {accountAlias} from '../../src/report/redact';
import {ROOT, runCli} from '../helpers/cli';
import type {JsonReport} from '../../src/report/json';
import type {PathsReport} from '../../src/report/paths';

const INVENTORY = join(ROOT, 'fixtures', 'demo', 'inventory.json');
/** Every 12-digit number of the demo estate (its accounts). */
const ACCOUNT_IDS = [...new Set(readFileSync(INVENTORY, 'utf8').match(/(?<!\d)\d{12}(?!\d)/g))];
const KEY = 'test-secret';
const ENV = {MQ_AUDIT_REDACT_KEY: KEY};

function expectNoAccountId(text: string): void {
  const found = ACCOUNT_IDS.filter(
    (id) => text.includes(id) || text.includes(`${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`),
  );
  expect(found).toEqual([]);
}

describe('paths --redact', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-redact-paths-'));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('the demo estate has account ids to hide', () => {
    expect(ACCOUNT_IDS).toEqual(expect.arrayContaining(['111122223333', '444455556666']));
  });

  it.each(['text', 'json', 'mermaid', 'markdown'])(
    '--format %s shows no account id, and the alias scan uses',
    async (format) => {
      const result = await runCli(
        [
          'paths',
          'orders-prod',
          '--inventory',
          INVENTORY,
          '--format',
          format,
          '--redact',
          '--on-prem-cidr',
          '10.100.0.0/16',
        ],
        {env: ENV},
      );
      expect(result.code).toBe(0);
      expectNoAccountId(result.stdout + result.stderr);
      if (format !== 'mermaid') expect(result.stdout).toContain(accountAlias('111122223333', KEY));
      if (format === 'json') {
        const report = JSON.parse(result.stdout) as PathsReport;
        expect(report.broker.accountId).toBe(accountAlias('111122223333', KEY));
        expect(report.broker.arn).toContain(`:${accountAlias('111122223333', KEY)}:broker:`);
        expect(report.redaction).toEqual({accountAliases: 'keyed', scheme: expect.any(String)});
      }
    },
  );

  it('matches scan --redact alias for alias', async () => {
    const scan = await runCli(['scan', '--inventory', INVENTORY, '--format', 'json', '--redact'], {env: ENV});
    const paths = await runCli(['paths', 'orders-prod', '--inventory', INVENTORY, '--json', '--redact'], {env: ENV});
    const arn = (JSON.parse(paths.stdout) as PathsReport).broker.arn;
    expect((JSON.parse(scan.stdout) as JsonReport).results.some((r) => r.resource.arn === arn)).toBe(true);
  });

  it("the other account's broker is redacted in every format", async () => {
    for (const format of ['text', 'json', 'mermaid', 'markdown']) {
      const result = await runCli(
        ['paths', 'inventory-dev', '--inventory', INVENTORY, '--format', format, '--redact'],
        {env: ENV},
      );
      expect(result.code).toBe(0);
      expectNoAccountId(result.stdout + result.stderr);
      if (format !== 'mermaid') expect(result.stdout).toContain(accountAlias('444455556666', KEY));
    }
  });

  it('defaults.redact in the config redacts without the flag; --no-redact overrides it', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({defaults: {redact: true}}));
    const redacted = await runCli(['paths', 'orders-prod', '--inventory', INVENTORY, '--json', '--config', config], {
      env: ENV,
    });
    expectNoAccountId(redacted.stdout);
    expect((JSON.parse(redacted.stdout) as PathsReport).broker.accountId).toBe(accountAlias('111122223333', KEY));
    const plain = await runCli(
      ['paths', 'orders-prod', '--inventory', INVENTORY, '--json', '--config', config, '--no-redact'],
      {env: ENV},
    );
    expect((JSON.parse(plain.stdout) as PathsReport).broker.accountId).toBe('111122223333');
  });

  it('error messages redact account ids in the paths and values the user gave', async () => {
    const folder = join(dir, '111122223333');
    mkdirSync(folder, {recursive: true});
    const missing = await runCli(
      ['paths', 'orders-prod', '--inventory', join(folder, 'acct-444455556666.json'), '--redact'],
      {env: ENV},
    );
    expect(missing.code).toBe(2);
    expectNoAccountId(missing.stderr);
    expect(missing.stderr).toContain(
      `${accountAlias('111122223333', KEY)}/acct-${accountAlias('444455556666', KEY)}.json`,
    );

    const unknown = await runCli(
      ['paths', 'arn:aws:mq:eu-west-1:111122223333:broker:nope:b-0', '--inventory', INVENTORY, '--redact'],
      {env: ENV},
    );
    expect(unknown.code).toBe(2);
    expectNoAccountId(unknown.stderr);
    expect(unknown.stderr).toContain(`arn:aws:mq:eu-west-1:${accountAlias('111122223333', KEY)}:broker:nope`);

    // Without --redact the message is as given.
    const plain = await runCli(['paths', 'orders-prod', '--inventory', join(folder, 'x.json')], {env: ENV});
    expect(plain.stderr).toContain('111122223333');
  });

  it('scan --redact redacts account ids in its error messages too', async () => {
    const result = await runCli(['scan', '--inventory', join(dir, 'inventory-111122223333.json'), '--redact'], {
      env: ENV,
    });
    expect(result.code).toBe(2);
    expectNoAccountId(result.stderr);
    expect(result.stderr).toContain(`inventory-${accountAlias('111122223333', KEY)}.json`);
  });
});
