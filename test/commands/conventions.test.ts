/**
 * Issue 17 item 9, through the built CLI: "did you mean" for a mistyped command, flag value, policy id and broker
 * name (exit 2, naming what was given and the nearest candidates); NO_COLOR and FORCE_COLOR for the table and the
 * paths text; `inventory --output -` writes the snapshot, and only the snapshot, to stdout. (`-h` on every
 * command: help.test.ts.)
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {type AwsStub, installMq, installSts, startAwsStub} from '../helpers/aws-stub';
import {installDirectConnect} from '../helpers/aws-stub/directconnect';
import {installEc2Network} from '../helpers/aws-stub/ec2';
import {runCli, STACK_LINE} from '../helpers/cli';
import {ACTIVE_STANDBY, mqFixture, RABBITMQ_CLUSTER} from '../inventory/fixtures';
import {DC, ESTATE12} from '../estate12/estate';

jest.setTimeout(60_000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-conventions-'));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

/** Bad input: exit 2, one error line, nothing on stdout, no stack trace. */
function expectBadInput(result: {code: number | null; stdout: string; stderr: string}): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_LINE);
}

describe('did you mean', () => {
  it.each([
    [
      ['scna'],
      'Error: "scna" is not a mq-audit command; did you mean "scan"? Commands: documents, inventory, paths, policies list, policies test, policies validate, report merge, scan',
    ],
    [['pahts'], 'did you mean "paths"?'],
    [['policies', 'lsit'], 'Error: "policies lsit" is not a mq-audit command; did you mean "policies list"'],
    [['report', 'merj'], 'did you mean "report merge"?'],
  ])('a mistyped command: %j', async (argv, expected) => {
    const result = await runCli(argv);
    expectBadInput(result);
    expect(result.stderr).toContain(expected);
  });

  it('a command nothing is near: the commands listed, no suggestion', async () => {
    const result = await runCli(['frobnicate']);
    expectBadInput(result);
    expect(result.stderr).toBe(
      'Error: "frobnicate" is not a mq-audit command; Commands: documents, inventory, paths, policies list, policies test, policies validate, report merge, scan (mq-audit --help lists them)\n',
    );
  });

  it.each([
    [
      ['scan', '--inventory', ESTATE12, '--format', 'tabel'],
      'Error: --format: "tabel" is not one of table, json, sarif, markdown, junit, html; did you mean "table"?\n',
    ],
    [
      ['scan', '--inventory', ESTATE12, '--fail-on', 'hihg'],
      'Error: --fail-on: "hihg" is not one of critical, high, medium, low, none; did you mean "high"?\n',
    ],
    [
      ['scan', '--inventory', ESTATE12, '--status', 'fial'],
      'Error: --status: "fial" is not one of fail, error, suppressed, pass, not_applicable; did you mean "fail"?\n',
    ],
    [['paths', 'nacl-prod', '--inventory', ESTATE12, '--format', 'mermiad'], 'did you mean "mermaid"?\n'],
    [
      ['scan', '--inventory', ESTATE12, '--format', 'csv'],
      'Error: --format: "csv" is not one of table, json, sarif, markdown, junit, html\n',
    ],
  ])('a mistyped flag value: %j', async (argv, expected) => {
    const result = await runCli(argv);
    expectBadInput(result);
    expect(result.stderr.endsWith(expected)).toBe(true);
  });

  it.each([
    [
      ['scan', '--inventory', ESTATE12, '--fromat', 'json'],
      'Error: Nonexistent flag: --fromat; did you mean --format?\n',
    ],
    [
      ['scan', '--fromat', 'json', '--regoin', 'eu-west-1'],
      'Error: Nonexistent flags: --fromat, --regoin; --fromat: did you mean --format?; --regoin: did you mean --region?\n',
    ],
    [['paths', '--zzzzzz'], 'Error: Nonexistent flag: --zzzzzz (--help lists the flags)\n'],
  ])('a mistyped flag name: %j', async (argv, expected) => {
    const result = await runCli(argv);
    expectBadInput(result);
    expect(result.stderr).toBe(expected);
  });

  it.each([
    [
      '--policy',
      'mq/privat-connectivity',
      'did you mean "mq/private-connectivity"? Known ids: mq/auto-minor-version-upgrade,',
    ],
    ['--skip-policy', 'mq/loging', 'did you mean "mq/logging"? Known ids:'],
  ])('an unknown policy id for %s', async (flag, id, expected) => {
    const result = await runCli(['scan', '--inventory', ESTATE12, flag, id]);
    expectBadInput(result);
    expect(result.stderr).toContain(`Error: ${flag}: unknown policy id "${id}"; ${expected}`);
  });

  it('paths NAME with no such broker', async () => {
    const result = await runCli(['paths', 'ordrs-prod', '--inventory', ESTATE12, ...DC]);
    expectBadInput(result);
    expect(result.stderr).toContain(
      'no broker named "ordrs-prod" (nor with that id or ARN) in fixtures/estate12/inventory.json; did you mean "orders-prod"?',
    );
  });

  it('scan --broker that matches no broker: exit 2 with the nearest names, nothing written; one that matches shows its rows', async () => {
    const typo = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'table', '--broker', 'nacl-prd']);
    expectBadInput(typo);
    expect(typo.stderr).toBe(
      'Error: --broker: no broker in the report matches "nacl-prd"; did you mean "nacl-prod"?\n',
    );
    const glob = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'table', '--broker', 'zz*']);
    expectBadInput(glob);
    expect(glob.stderr).toContain('no broker in the report matches "zz*"; brokers: analytics-dev, billing-prod,');
    const good = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'table', '--broker', 'nacl-*']);
    // report merge shows the same table, with the same check.
    const json = await runCli([
      'scan',
      '--inventory',
      ESTATE12,
      ...DC,
      '--format',
      'json',
      '--output',
      join(work, 'report.json'),
    ]);
    expect(json.code).toBe(1);
    const merged = await runCli([
      'report',
      'merge',
      join(work, 'report.json'),
      '--format',
      'table',
      '--broker',
      'serch-prod',
    ]);
    expectBadInput(merged);
    expect(merged.stderr).toBe(
      'Error: --broker: no broker in the report matches "serch-prod"; did you mean "search-prod"?\n',
    );
    expect(good.code).toBe(1);
    expect(good.stdout).toMatch(/^high +nacl-prod +mq\/private-connectivity/m);
  });
});

describe('NO_COLOR and FORCE_COLOR', () => {
  const table = (env: NodeJS.ProcessEnv) =>
    runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'table'], {
      env: {NO_COLOR: '', COLUMNS: '100', ...env},
    });
  const paths = (env: NodeJS.ProcessEnv) =>
    runCli(['paths', 'nacl-prod', '--inventory', ESTATE12, ...DC], {env: {NO_COLOR: '', ...env}});

  it.each([
    ['not a terminal', {}, false],
    ['FORCE_COLOR=1', {FORCE_COLOR: '1'}, true],
    ['FORCE_COLOR=3', {FORCE_COLOR: '3'}, true],
    ['FORCE_COLOR=0', {FORCE_COLOR: '0'}, false],
    ['NO_COLOR=1 with FORCE_COLOR=1', {NO_COLOR: '1', FORCE_COLOR: '1'}, false],
  ])('%s: the table and the paths text agree', async (_name, env, coloured) => {
    const [t, p] = await Promise.all([table(env), paths(env)]);
    expect(t.code).toBe(1);
    expect(p.code).toBe(1);
    expect(ANSI.test(t.stdout)).toBe(coloured);
    expect(ANSI.test(p.stdout)).toBe(coloured);
  });
});

describe('inventory --output -', () => {
  let stub: AwsStub;
  beforeAll(async () => {
    stub = await startAwsStub();
    installSts(stub);
    installMq(stub, {brokers: {'eu-west-1': [mqFixture(ACTIVE_STANDBY), mqFixture(RABBITMQ_CLUSTER)]}});
    installEc2Network(stub, {regions: {}});
    installDirectConnect(stub, {regions: {}, global: {}});
  });
  afterAll(async () => stub.close());

  it('writes the snapshot to stdout and nothing else; progress and the summary go to stderr', async () => {
    const result = await runCli(
      ['inventory', '--region', 'eu-west-1', '--endpoint-url', stub.url, '--output', '-', '--progress'],
      {
        env: {AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret'},
      },
    );
    expect(result.code).toBe(0);
    const snapshot = JSON.parse(result.stdout) as {kind: string; accounts: {regions: {brokers: unknown[]}[]}[]};
    expect(snapshot.kind).toBe('mq-audit/inventory');
    expect(snapshot.accounts[0].regions[0].brokers).toHaveLength(2);
    expect(result.stdout.trimEnd().endsWith('}')).toBe(true);
    expect(result.stderr).toMatch(/^accounts .* · regions 1\/1 · brokers 2 described of 2 · calls \d+/m);
    expect(result.stderr).toContain('Inventoried 2 broker(s) in 1 region(s).');
    expect(result.stderr).not.toContain(' into -');
  });
});
