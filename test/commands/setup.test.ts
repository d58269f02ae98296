/**
 * Broken set-ups are told apart from an incomplete scan: the built CLI, with the real AWS SDK, against the local
 * AWS stand-in on 127.0.0.1 (never AWS).
 */
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ScanReport} from '../../src/report/types';
import {type AwsStub, installMq, installSts, mqAccessDenied, startAwsStub} from '../helpers/aws-stub';
import {runCli, STACK_LINE} from '../helpers/cli';
import {ACTIVE_STANDBY, mqFixture} from '../inventory/fixtures';

let stub: AwsStub;
let work: string;
/** No credentials anywhere: an empty home (no ~/.aws), no AWS_* variables, and no instance metadata service. */
let noCredentials: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-setup-'));
  stub = await startAwsStub();
  installSts(stub);
  // No broker in eu-west-1 or eu-west-2, one in us-east-2; eu-west-3 denies ListBrokers.
  const mq = installMq(stub, {brokers: {'eu-west-1': [], 'us-east-2': [mqFixture(ACTIVE_STANDBY)]}});
  stub.on('mq', 'ListBrokers', (req) =>
    req.region === 'eu-west-3'
      ? mqAccessDenied('mq:ListBrokers', 'arn:aws:mq:eu-west-3:123456789012:broker:*')
      : mq.ListBrokers(req),
  );
  noCredentials = {
    HOME: work,
    AWS_CONFIG_FILE: join(work, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: stub.url,
  };
});

afterAll(async () => {
  await stub.close();
  rmSync(work, {recursive: true, force: true});
});

beforeEach(() => stub.clearRequests());

describe('no AWS credentials', () => {
  const WAYS = [
    /--profile NAME/,
    /AWS_PROFILE=NAME/,
    /aws sso login/,
    /--role-arn ARN/,
    /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
  ];

  it("scan exits 2 (bad set-up, not an incomplete scan) with the credential chain's message and the ways to provide credentials", async () => {
    const {code, stdout, stderr} = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], {
      env: noCredentials,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^Error: AWS credentials: none found; the AWS SDK's credential chain said: Could not load credentials from any providers$/m,
    );
    for (const way of WAYS) expect(stderr).toMatch(way);
    expect(stderr).not.toMatch(STACK_LINE);
    // Credentials are resolved before a request is sent: the stand-in saw nothing.
    expect(stub.requests).toHaveLength(0);
  });

  it('inventory exits 2 and writes no snapshot', async () => {
    const output = join(work, 'inventory.json');
    const {code, stderr} = await runCli(['inventory', '--all-regions', '--output', output], {env: noCredentials});
    expect(code).toBe(2);
    expect(stderr).toMatch(/Could not load credentials from any providers/);
    for (const way of WAYS) expect(stderr).toMatch(way);
    expect(existsSync(output)).toBe(false);
  });

  it('with --role-arn, every AssumeRole failing for want of credentials is a set-up problem too', async () => {
    const {code, stderr} = await runCli(
      [
        'scan',
        '--region',
        'eu-west-1',
        '--role-arn',
        'arn:aws:iam::111122223333:role/audit',
        '--role-arn',
        'arn:aws:iam::444455556666:role/audit',
        '--format',
        'json',
      ],
      {
        env: noCredentials,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/credential chain said: Could not load credentials from any providers/);
  });

  it('a --profile (or AWS_PROFILE) that gives no credentials: exit 2 naming the profile', async () => {
    for (const [args, env] of [
      [['--profile', 'nowhere'], {}],
      [[], {AWS_PROFILE: 'nowhere'}],
    ] as const) {
      const {code, stderr} = await runCli(['scan', '--region', 'eu-west-1', ...args, '--format', 'json'], {
        env: {...noCredentials, ...env},
      });
      expect(code).toBe(2);
      expect(stderr).toMatch(/credential chain said: /);
      expect(stderr).toMatch(/The profile "nowhere" was asked for: .*aws sso login --profile nowhere/);
    }
  });

  it('with credentials, the same stand-in scans (exit 0: no broker, nothing failed)', async () => {
    const {code, stderr} = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], {
      env: {
        ...noCredentials,
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    });
    expect(stderr).not.toMatch(/AWS credentials/);
    expect(code).toBe(0);
  });
});

describe('a region name AWS does not have', () => {
  const credentials = (): NodeJS.ProcessEnv => ({
    ...noCredentials,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });

  it('--region us-east-9: exit 2 with the closest names, before any call', async () => {
    for (const command of ['scan', 'inventory']) {
      const {code, stderr} = await runCli(
        [
          command,
          '--region',
          'eu-west-1',
          '--region',
          'us-east-9',
          ...(command === 'inventory' ? ['--output', '-'] : []),
        ],
        {env: credentials()},
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^Error: --region: "us-east-9" is not an AWS region: .*did you mean us-east-1 or us-east-2\?$/m,
      );
    }
    expect(stub.requests).toHaveLength(0);
  });

  it('a misspelt direction, from AWS_REGION or the config file, names its source', async () => {
    const fromEnv = await runCli(['scan', '--format', 'json'], {env: {...credentials(), AWS_REGION: 'eu-wset-1'}});
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(
      /^Error: AWS_REGION: "eu-wset-1" is not an AWS region: "wset" is not a direction .*did you mean eu-west-1\?$/m,
    );

    const config = join(work, 'config.json');
    writeFileSync(config, JSON.stringify({defaults: {region: ['eu-west-1', 'eu-west-9']}}));
    const fromConfig = await runCli(['scan', '--config', config, '--format', 'json'], {env: credentials()});
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toContain(`Error: ${config} at /defaults/region/1: "eu-west-9" is not an AWS region`);
  });

  it('a region newer than the list (the next number of a geography) is scanned', async () => {
    const {code, stdout} = await runCli(['scan', '--region', 'ap-southeast-8', '--format', 'json'], {
      env: credentials(),
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as {inventory: {scopes: unknown[]}}).inventory.scopes).toEqual([
      {accountId: '123456789012', region: 'ap-southeast-8'},
    ]);
  });
});

describe('no broker in any region scanned', () => {
  const credentials = (): NodeJS.ProcessEnv => ({
    ...noCredentials,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });
  const NOTICE = 'No broker found: Amazon MQ lists no broker in any of the 2 regions scanned (eu-west-1, eu-west-2).';
  const scan = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = await runCli(['scan', '--format', 'json', ...args], {env: {...credentials(), ...env}});
    return {...result, report: JSON.parse(result.stdout) as ScanReport};
  };

  it('is a notice on stderr and a warning in the report; the gate still passes', async () => {
    const {code, stderr, report} = await scan(['--region', 'eu-west-1', '--region', 'eu-west-2']);
    expect(code).toBe(0);
    expect(stderr).toContain(`Warning: ${NOTICE}`);
    expect(stderr).toContain('--fail-on-empty');
    expect(report.warnings).toEqual([
      expect.objectContaining({code: 'no-brokers', message: expect.stringContaining(NOTICE)}),
    ]);
    expect(report.gate.reason).toMatch(/^Gate passed/);
  });

  it('--fail-on-empty (or defaults["fail-on-empty"]) fails the gate with that reason; --no-fail-on-empty overrides the config', async () => {
    const flagged = await scan(['--region', 'eu-west-1', '--fail-on-empty']);
    expect(flagged.code).toBe(1);
    expect(flagged.report.gate).toMatchObject({
      exitCode: 1,
      reason: 'Gate failed: no broker found in any region scanned (--fail-on-empty).',
    });

    const config = join(work, 'fail-on-empty.json');
    writeFileSync(config, JSON.stringify({defaults: {'fail-on-empty': true}}));
    expect((await scan(['--region', 'eu-west-1', '--config', config])).code).toBe(1);
    expect((await scan(['--region', 'eu-west-1', '--config', config, '--no-fail-on-empty'])).code).toBe(0);
  });

  it('the table says it too, and so does a scan of a saved inventory without brokers', async () => {
    const inventory = join(work, 'empty-inventory.json');
    expect(
      (await runCli(['inventory', '--region', 'eu-west-1', '--output', inventory], {env: credentials()})).code,
    ).toBe(0);
    const table = await runCli(['scan', '--inventory', inventory, '--format', 'table', '--fail-on-empty'], {
      env: credentials(),
    });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /Warnings \(1\):\n {2}- No broker found in \S*empty-inventory\.json: Amazon MQ lists no broker in\s+the region\s+scanned\s+\(eu-west-1\)/,
    );
    // The table's verdict line, first and last (issue 17's layout).
    expect(table.stdout).toContain('FAILED: no broker found in any region scanned (--fail-on-empty). Exit code 1');
  });

  it('is not said when a region has a broker, nor when a region could not be listed (that scan is incomplete: exit 3)', async () => {
    // (The stand-in has no EC2 here: the network around the broker is not read, so the scan is incomplete.)
    const found = await scan([
      '--region',
      'eu-west-1',
      '--region',
      'us-east-2',
      '--fail-on-empty',
      '--fail-on',
      'none',
    ]);
    expect(found.code).toBe(3);
    expect(found.report.gate.reason).not.toMatch(/no broker/);
    expect(found.report.summary.brokers).toBe(1);
    expect(found.report.warnings).toBeUndefined();
    expect(found.stderr).not.toContain('No broker found');

    const denied = await scan(['--region', 'eu-west-1', '--region', 'eu-west-3', '--fail-on-empty']);
    expect(denied.code).toBe(3);
    expect(denied.report.warnings).toBeUndefined();
    expect(denied.stderr).not.toContain('No broker found');
  });
});
