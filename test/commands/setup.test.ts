/**
 * Broken set-ups are told apart from an incomplete scan: the built CLI, with the real AWS SDK, against the local
 * AWS stand-in on 127.0.0.1 (never AWS).
 */
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {type AwsStub, installMq, installSts, startAwsStub} from '../helpers/aws-stub';
import {runCli, STACK_LINE} from '../helpers/cli';

let stub: AwsStub;
let work: string;
/** No credentials anywhere: an empty home (no ~/.aws), no AWS_* variables, and no instance metadata service. */
let noCredentials: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-setup-'));
  stub = await startAwsStub();
  installSts(stub);
  installMq(stub, {brokers: {'eu-west-1': []}});
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
  const WAYS = [/--profile NAME/, /AWS_PROFILE=NAME/, /aws sso login/, /--role-arn ARN/, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/];

  it('scan exits 2 (bad set-up, not an incomplete scan) with the credential chain\'s message and the ways to provide credentials', async () => {
    const {code, stdout, stderr} = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], {env: noCredentials});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Error: AWS credentials: none found; the AWS SDK's credential chain said: Could not load credentials from any providers$/m);
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
    const {code, stderr} = await runCli(['scan', '--region', 'eu-west-1', '--role-arn', 'arn:aws:iam::111122223333:role/audit', '--role-arn', 'arn:aws:iam::444455556666:role/audit', '--format', 'json'], {
      env: noCredentials,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/credential chain said: Could not load credentials from any providers/);
  });

  it('a --profile (or AWS_PROFILE) that gives no credentials: exit 2 naming the profile', async () => {
    for (const [args, env] of [[['--profile', 'nowhere'], {}], [[], {AWS_PROFILE: 'nowhere'}]] as const) {
      const {code, stderr} = await runCli(['scan', '--region', 'eu-west-1', ...args, '--format', 'json'], {env: {...noCredentials, ...env}});
      expect(code).toBe(2);
      expect(stderr).toMatch(/credential chain said: /);
      expect(stderr).toMatch(/The profile "nowhere" was asked for: .*aws sso login --profile nowhere/);
    }
  });

  it('with credentials, the same stand-in scans (exit 0: no broker, nothing failed)', async () => {
    const {code, stderr} = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], {
      env: {...noCredentials, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'},
    });
    expect(stderr).not.toMatch(/credential/i);
    expect(code).toBe(0);
  });
});

describe('a region name AWS does not have', () => {
  const credentials = (): NodeJS.ProcessEnv => ({...noCredentials, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'});

  it('--region us-east-9: exit 2 with the closest names, before any call', async () => {
    for (const command of ['scan', 'inventory']) {
      const {code, stderr} = await runCli([command, '--region', 'eu-west-1', '--region', 'us-east-9', ...(command === 'inventory' ? ['--output', '-'] : [])], {env: credentials()});
      expect(code).toBe(2);
      expect(stderr).toMatch(/^Error: --region: "us-east-9" is not an AWS region: .*did you mean us-east-1 or us-east-2\?$/m);
    }
    expect(stub.requests).toHaveLength(0);
  });

  it('a misspelt direction, from AWS_REGION or the config file, names its source', async () => {
    const fromEnv = await runCli(['scan', '--format', 'json'], {env: {...credentials(), AWS_REGION: 'eu-wset-1'}});
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/^Error: AWS_REGION: "eu-wset-1" is not an AWS region: "wset" is not a direction .*did you mean eu-west-1\?$/m);

    const config = join(work, 'config.json');
    writeFileSync(config, JSON.stringify({defaults: {region: ['eu-west-1', 'eu-west-9']}}));
    const fromConfig = await runCli(['scan', '--config', config, '--format', 'json'], {env: credentials()});
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toContain(`Error: ${config} at /defaults/region/1: "eu-west-9" is not an AWS region`);
  });

  it('a region newer than the list (the next number of a geography) is scanned', async () => {
    const {code, stdout} = await runCli(['scan', '--region', 'ap-southeast-8', '--format', 'json'], {env: credentials()});
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as {inventory: {scopes: unknown[]}}).inventory.scopes).toEqual([{accountId: '123456789012', region: 'ap-southeast-8'}]);
  });
});
