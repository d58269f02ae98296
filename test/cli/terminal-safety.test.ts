/**
 * Terminal escape injection (issue 18, item 1): text from AWS (broker names, tags and their keys, EC2 Name tags,
 * security group descriptions) and from the repository (file names, policy files) reaches a terminal only with
 * its control and invisible format characters shown escaped; only mq-audit's own colours are sequences.
 * Every command runs as a user would run it, on a built inventory holding the payloads.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {runCli, type CliResult} from '../helpers/cli';
import {jsonTerminalSafe, terminalOutput, terminalSafe, terminalSafeDeep} from '../../src/foundation/terminal';
import {readBuiltInPolicy, readDemoInventory} from '../helpers/demo';

/** The payload kinds of the review; each would drive a terminal if printed raw. */
const PAYLOADS = {
  osc52: '\u001b]52;c;ZWNobyBwd25lZA==\u0007',
  osc8: '\u001b]8;;https://evil.example/\u001b\\Console\u001b]8;;\u001b\\',
  clear: '\u001b[2J\u001b[H',
  cursorUpErase: '\u001b[1A\u001b[2K',
  bel: 'ding\u0007',
  nul: 'nul\u0000',
  backspace: 'FAIL\b\b\b\bPASS',
  carriageReturn: 'x\rPASS ',
  c1Csi: '\u009b2J',
  c1Osc: '\u009d52;c;eA==\u009c',
  del: 'del\u007f',
  bidi: 'prod\u202e\u2066txt.exe\u2069',
  zeroWidth: 'pr\u200bod',
  lineSeparator: 'a\u2028b',
};
const ALL = Object.values(PAYLOADS).join(' ');

/** Anything but a line feed that a terminal would act on or not show. */
const RAW_CONTROL = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** mq-audit's own colours (with FORCE_COLOR). */
// eslint-disable-next-line no-control-regex -- ESC: the colour sequences under test
const SGR = /\u001b\[[0-9;]*m/g;

function expectNoRawControls(result: CliResult, options: {colour?: boolean} = {}): void {
  for (const stream of [result.stdout, result.stderr]) {
    const text = options.colour ? stream.replace(SGR, '') : stream;
    const found = RAW_CONTROL.exec(text);
    expect(
      found
        ? `raw U+${found[0].codePointAt(0)!.toString(16)} near ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 20))}`
        : 'none',
    ).toBe('none');
  }
}

describe('terminalSafe', () => {
  it('shows every control and format character escaped, and leaves other text alone', () => {
    expect(terminalSafe(PAYLOADS.osc52)).toBe('\\u001b]52;c;ZWNobyBwd25lZA==\\u0007');
    expect(terminalSafe(PAYLOADS.c1Csi)).toBe('\\u009b2J');
    expect(terminalSafe(PAYLOADS.bidi)).toBe('prod\\u202e\\u2066txt.exe\\u2069');
    expect(terminalSafe('tag \u{e0041}')).toBe('tag \\u{e0041}');
    expect(terminalSafe('a\nb\rc\td')).toBe('a\\u000ab\\u000dc\\u0009d');
    expect(terminalSafe('a\nb\rc', {newlines: true})).toBe('a\nb\\u000dc');
    expect(terminalSafe('orders-prod · eu-west-1 — ü 日本 🚀')).toBe('orders-prod · eu-west-1 — ü 日本 🚀');
    expect(RAW_CONTROL.test(terminalSafe(ALL))).toBe(false);
  });

  it('escapes keys and values deep in a structure, copying only what changes', () => {
    const clean = {a: ['x', {b: 'y'}]};
    const value = {clean, dirty: {[`k${PAYLOADS.bel}`]: [`v${PAYLOADS.clear}`]}};
    const escaped = terminalSafeDeep(value);
    expect(escaped.clean).toBe(clean);
    expect(escaped.dirty).toEqual({'kding\\u0007': ['v\\u001b[2J\\u001b[H']});
    expect(value.dirty[`k${PAYLOADS.bel}`]).toEqual([`v${PAYLOADS.clear}`]);
  });

  it('lets colour sequences and line feeds through rendered text, nothing else', () => {
    expect(terminalOutput('\u001b[31mFAIL\u001b[39m\nnext\u001b]52;c;x\u0007')).toBe(
      '\u001b[31mFAIL\u001b[39m\nnext\\u001b]52;c;x\\u0007',
    );
  });

  it('keeps JSON text the same value while escaping what JSON.stringify leaves raw', () => {
    const json = JSON.stringify({name: ALL, tag: 'x\u{e0041}'});
    const safe = jsonTerminalSafe(json);
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
    expect(RAW_CONTROL.test(safe)).toBe(false);
  });
});

describe('hostile estate data through the CLI', () => {
  let dir: string;
  let inventory: string;
  let brokerId: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-terminal-'));
    const snapshot = readDemoInventory();
    const region = snapshot.accounts[0].regions[0];
    const broker = region.brokers![0];
    brokerId = broker.id;
    broker.name = `orders-prod ${PAYLOADS.osc8} ${PAYLOADS.cursorUpErase}`;
    broker.details!.tags = {
      ...broker.details!.tags,
      [`Key${PAYLOADS.osc52}`]: ALL,
      Owner: `${PAYLOADS.clear}${PAYLOADS.bidi}`,
    };
    // Unhealthy and not highly available, so that findings quote the names and the path model the EC2 Name tags.
    broker.deploymentMode = 'SINGLE_INSTANCE';
    broker.details!.publiclyAccessible = true;
    broker.details!.engineVersion = '5.15';
    for (const subnet of region.network!.subnets!) subnet.name = `subnet ${ALL}`;
    for (const table of region.network!.routeTables!) table.name = `rtb ${ALL}`;
    for (const group of region.network!.securityGroups!) group.description = `sg ${ALL}`;
    for (const tunnel of region.network!.vpnConnections!.flatMap((c) => c.tunnels)) tunnel.status = 'DOWN';
    inventory = join(dir, 'inventory.json');
    writeFileSync(inventory, JSON.stringify(snapshot));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('scan --format table shows the payloads escaped', async () => {
    const result = await runCli(
      ['scan', '--inventory', inventory, '--format', 'table', '--on-prem-cidr', '10.100.0.0/16'],
      {cwd: dir},
    );
    expect(result.code).toBe(1);
    expectNoRawControls(result);
    expect(result.stdout).toContain('orders-prod \\u001b]8;;https://evil.example/\\u001b\\Console');
    expect(result.stdout).toContain('\\u001b[1A\\u001b[2K');
  });

  it('scan in colour: only mq-audit colour sequences reach the terminal', async () => {
    const result = await runCli(['scan', '--inventory', inventory, '--format', 'table'], {
      cwd: dir,
      env: {NO_COLOR: '', FORCE_COLOR: '1'},
    });
    // eslint-disable-next-line no-control-regex -- ESC: the colour sequence under test
    expect(result.stdout).toMatch(/\u001b\[31m/);
    expectNoRawControls(result, {colour: true});
  });

  it('paths text quotes EC2 Name tags and descriptions escaped', async () => {
    const result = await runCli(
      ['paths', brokerId, '--inventory', inventory, '--on-prem-cidr', '10.100.0.0/16', '--verbose'],
      {cwd: dir},
    );
    expectNoRawControls(result);
    expectNoRawControls(
      await runCli(['paths', brokerId, '--inventory', inventory, '--on-prem-cidr', '10.100.0.0/16'], {cwd: dir}),
    );
    expect(result.stdout).toContain('(subnet\n');
    expect(result.stdout).toContain('\\u001b]52;c;ZWNobyBwd25lZA==\\u0007');
    expect(result.stdout).toContain('\\u009b2J');
    expect(result.stdout).toContain('prod\\u202e\\u2066txt.exe\\u2069');
  });

  it('JSON on standard output is the same data with C1 and bidi characters as \\u escapes', async () => {
    const result = await runCli(['scan', '--inventory', inventory, '--format', 'json'], {cwd: dir});
    expectNoRawControls(result);
    const report = JSON.parse(result.stdout) as unknown;
    expect(JSON.stringify(report)).toContain(JSON.stringify(PAYLOADS.c1Csi).slice(1, -1));
    for (const format of ['json', 'mermaid']) {
      const paths = await runCli(['paths', brokerId, '--inventory', inventory, '--format', format], {cwd: dir});
      expectNoRawControls(paths);
    }
    expectNoRawControls(await runCli(['documents', '--inventory', inventory], {cwd: dir}));
  });

  it('report merge prints the merged table escaped', async () => {
    const report = join(dir, 'report.json');
    const written = await runCli(
      ['scan', '--inventory', inventory, '--format', 'json', '--output', report, '--quiet'],
      {cwd: dir},
    );
    expectNoRawControls(written);
    const result = await runCli(['report', 'merge', report, '--format', 'table'], {cwd: dir});
    expect(result.code).toBe(1);
    expectNoRawControls(result);
    expect(result.stdout).toContain('\\u001b[1A\\u001b[2K');
  });

  it('stderr warnings quote repository file names escaped', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), {recursive: true});
    writeFileSync(join(repo, `broken${PAYLOADS.osc52}${PAYLOADS.c1Csi}.tf`), 'resource "aws_mq_broker" "x" {\n');
    const result = await runCli(
      ['scan', '--inventory', inventory, '--format', 'json', '--iac', repo, '--output', join(dir, 'out.json')],
      {cwd: dir},
    );
    expectNoRawControls(result);
    expect(result.stderr).toContain('broken\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u009b2J.tf');
  });

  it('error messages quote file names and flag values escaped', async () => {
    const missing = await runCli(['scan', '--inventory', join(dir, `missing${PAYLOADS.clear}\n::error::x.json`)], {
      cwd: dir,
    });
    expect(missing.code).toBe(2);
    expectNoRawControls(missing);
    expect(missing.stderr).toContain('missing\\u001b[2J\\u001b[H\\u000a::error::x.json');
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);

    const flag = await runCli(['scan', '--inventory', inventory, '--fail-on', `x${PAYLOADS.osc52}`], {cwd: dir});
    expect(flag.code).toBe(2);
    expectNoRawControls(flag);
  });

  it('policies list and validate show policy files escaped', async () => {
    const folder = join(dir, 'policies', 'custom');
    mkdirSync(folder, {recursive: true});
    const policy = readBuiltInPolicy('mq/logging');
    delete policy.$schema;
    policy.id = 'custom/hostile';
    policy.title = `Title ${ALL}`;
    writeFileSync(join(folder, 'hostile.json'), JSON.stringify(policy));
    writeFileSync(join(folder, `bad${PAYLOADS.cursorUpErase}.json`), '{');
    const list = await runCli(['policies', 'list', '--policies', join(dir, 'policies', 'custom', 'hostile.json')], {
      cwd: dir,
    });
    expectNoRawControls(list);
    expect(list.stdout).toContain('Title \\u001b]52;');
    const validate = await runCli(['policies', 'validate', folder], {cwd: dir});
    expect(validate.code).toBe(2);
    expectNoRawControls(validate);
    expect(validate.stdout).toContain('bad\\u001b[1A\\u001b[2K.json');
  });
});
