/** Custom policy patterns run in linear time (issue 18, item 4). */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {createAjv} from '../../src/foundation/json-input';
import {runCli} from '../helpers/cli';
import {readBuiltInPolicy, readDemoInventory} from '../helpers/demo';
import type {JsonReport} from '../../src/report/json';

describe('patterns in schemas compiled by mq-audit', () => {
  it('are each their own pattern (ajv keys compiled patterns by their text)', () => {
    const validate = createAjv({schemasChecked: true}).compile({
      type: 'object',
      properties: {a: {pattern: '^a+$'}, b: {pattern: '^b+$'}},
    });
    expect(validate({a: 'aaa', b: 'bbb'})).toBe(true);
    expect(validate({a: 'aaa', b: 'aaa'})).toBe(false);
  });

  it('run in linear time: ^(a+)+$ against forty a and a ! answers at once', () => {
    const validate = createAjv({schemasChecked: true}).compile({type: 'string', pattern: '^(a+)+$'});
    const started = Date.now();
    expect(validate(`${'a'.repeat(40)}!`)).toBe(false);
    expect(validate('a'.repeat(100_000))).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('custom policies with patterns, through the CLI', () => {
  let dir: string;
  const policy = (id: string, pattern: string) => {
    const base = readBuiltInPolicy('mq/required-tags');
    delete base.$schema;
    delete base.parameters;
    return {...base, id, assert: {properties: {tags: {properties: {Owner: {pattern}}}}}};
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-regexp-'));
    mkdirSync(join(dir, 'policies', 'custom'), {recursive: true});
    writeFileSync(join(dir, 'policies', 'custom', 'redos.json'), JSON.stringify(policy('custom/redos', '^(a+)+$')));
    const snapshot = readDemoInventory();
    for (const broker of snapshot.accounts[0].regions[0].brokers!)
      if (broker.details) broker.details.tags.Owner = `${'a'.repeat(40)}!`;
    writeFileSync(join(dir, 'inventory.json'), JSON.stringify(snapshot));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('a pattern that backtracks in JavaScript is evaluated on hostile tag values without hanging', async () => {
    const result = await runCli(
      ['scan', '--inventory', 'inventory.json', '--policies', 'policies', '--policy', 'custom/*', '--format', 'json'],
      {cwd: dir},
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.results.some((r) => r.status === 'fail')).toBe(true);
  }, 20_000);

  it('policies validate refuses a pattern RE2 cannot run (lookaround, backreferences), saying why', async () => {
    const folder = join(dir, 'refused');
    mkdirSync(join(folder, 'custom'), {recursive: true});
    writeFileSync(join(folder, 'custom', 'lookahead.json'), JSON.stringify(policy('custom/lookahead', '^(?=a)a$')));
    const result = await runCli(['policies', 'validate', folder], {cwd: dir});
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'pattern "^(?=a)a$" is not supported: mq-audit runs policy patterns with a linear-time engine (RE2 syntax: no lookahead, lookbehind or backreferences)',
    );
  });
});
