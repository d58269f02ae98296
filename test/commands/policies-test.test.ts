/** `mq-audit policies test`, run as a user would (the built CLI): the built-ins' own tests, failing cases, bad input. */
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ROOT, runCli, STACK_LINE} from '../helpers/cli';

const CUSTOM_POLICY = join(ROOT, 'test', 'fixtures', 'custom', 'acme', 'no-burstable-in-production.json');

/** The cases of the built-in policies, counted from their test files. */
function builtInCaseCount(): number {
  const dir = join(ROOT, 'policies', 'mq');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.json'))
    .reduce(
      (sum, name) => sum + (JSON.parse(readFileSync(join(dir, name), 'utf8')) as {tests: unknown[]}).tests.length,
      0,
    );
}

/** A policy folder in a temporary directory: acme/no-burstable-in-production.json and the files given. */
function policyFolder(files: Record<string, unknown>): {dir: string; remove: () => void} {
  const dir = mkdtempSync(join(tmpdir(), 'mq-audit-ptest-'));
  mkdirSync(join(dir, 'acme'));
  copyFileSync(CUSTOM_POLICY, join(dir, 'acme', 'no-burstable-in-production.json'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return {dir, remove: () => rmSync(dir, {recursive: true, force: true})};
}

const TEST_FILE = 'acme/no-burstable-in-production.test.json';

describe('policies test', () => {
  it("runs the built-in policies' tests: all pass, exit 0, the counts alone on the last line", async () => {
    const result = await runCli(['policies', 'test']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const count = builtInCaseCount();
    expect(count).toBeGreaterThanOrEqual(12 * 4);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${count} passed, 0 failed`);
    expect(lines.filter((line) => line.startsWith('PASS mq/'))).toHaveLength(12);
    expect(result.stdout).not.toContain('no tests');
  });

  it('fails on a wrong expectation: exit 1, expected vs actual and the actual message', async () => {
    const folder = policyFolder({
      [TEST_FILE]: {
        tests: [
          {name: 'm5 passes', base: 'orders-prod', document: {}, expect: 'pass'},
          {
            name: 't3 passes, wrongly',
            base: 'orders-prod',
            document: {hostInstanceType: 'mq.t3.micro'},
            expect: 'pass',
          },
          {
            name: 'wrong message',
            base: 'orders-prod',
            document: {hostInstanceType: 'mq.t3.micro'},
            expect: 'fail',
            message: 'is large enough',
          },
        ],
      },
    });
    try {
      const result = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toEqual([
        'FAIL acme/no-burstable-in-production (2 of 3 case(s) failed)',
        `  ✗ "t3 passes, wrongly" (${TEST_FILE} at /tests/1): expected pass, got fail: Broker orders-prod fails acme/no-burstable-in-production (Production brokers do not run on burstable (t3) instances): hostInstanceType is "mq.t3.micro", expected not {"pattern":"^mq\\\\.t3\\\\."}.`,
        `  ✗ "wrong message" (${TEST_FILE} at /tests/2): expected fail with a message containing "is large enough", got fail: Broker orders-prod fails acme/no-burstable-in-production (Production brokers do not run on burstable (t3) instances): hostInstanceType is "mq.t3.micro", expected not {"pattern":"^mq\\\\.t3\\\\."}.`,
        '1 passed, 2 failed',
      ]);
    } finally {
      folder.remove();
    }
  });

  it('--json: counts and every case with its expectation and result; a test file named stands for its policy', async () => {
    const folder = policyFolder({
      [TEST_FILE]: [{name: 't3 fails', base: 'sandbox-legacy', document: {facts: {production: true}}, expect: 'pass'}],
    });
    try {
      const result = await runCli(['policies', 'test', TEST_FILE, '--json'], {cwd: folder.dir});
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as {
        passed: number;
        failed: number;
        policies: {policyId: string; cases: unknown[]}[];
      };
      expect(report).toMatchObject({passed: 0, failed: 1, untested: []});
      expect(report.policies).toEqual([
        {
          policyId: 'acme/no-burstable-in-production',
          source: 'acme/no-burstable-in-production.json',
          cases: [
            {
              name: 't3 fails',
              file: TEST_FILE,
              place: '/0',
              expect: 'pass',
              status: 'fail',
              message: expect.stringContaining('Broker sandbox-legacy fails acme/no-burstable-in-production'),
              passed: false,
            },
          ],
        },
      ]);
    } finally {
      folder.remove();
    }
  });

  it('runs cases written in the policy file itself, whole documents too; a test file is never loaded as a policy', async () => {
    const policy = JSON.parse(readFileSync(CUSTOM_POLICY, 'utf8')) as Record<string, unknown>;
    const whole = {
      documentVersion: 1,
      accountId: '123456789012',
      region: 'eu-west-1',
      partition: 'aws',
      arn: 'arn:aws:mq:eu-west-1:123456789012:broker:q:b-1',
      id: 'b-1',
      name: 'q',
      engineType: 'ACTIVEMQ',
      deploymentMode: 'SINGLE_INSTANCE',
      hostInstanceType: 'mq.t3.micro',
      facts: {
        production: null,
        highAvailability: false,
        engineVersionSupport: null,
        encryptionKey: null,
        hostInstance: null,
      },
    };
    const folder = policyFolder({
      'acme/no-burstable-in-production.json': {
        ...policy,
        tests: [
          {
            name: 'production unknown',
            document: whole,
            expect: 'error',
            message: 'facts.production is unknown (set to null by test case "production unknown")',
          },
        ],
      },
      [TEST_FILE]: {tests: [{name: 'dev on t3', base: 'inventory-dev', document: {}, expect: 'not_applicable'}]},
    });
    try {
      const result = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(result.stdout).toBe('PASS acme/no-burstable-in-production (2 case(s))\n2 passed, 0 failed\n');
      expect(result.code).toBe(0);
      const list = await runCli(['policies', 'list', '--policies', '.'], {cwd: folder.dir});
      expect(list.code).toBe(0);
      expect(list.stdout).not.toContain('.test.json');
    } finally {
      folder.remove();
    }
  });

  it('exit 2 for a bad test file, naming the file, the JSON pointer and what was expected; no case runs', async () => {
    const folder = policyFolder({
      [TEST_FILE]: {
        tests: [
          {name: 'bad expect', base: 'orders-prod', document: {}, expect: 'passes'},
          {name: 'extra', base: 'orders-prod', document: {}, expect: 'pass', expected: 'pass'},
          {document: {}, expect: 'pass'},
        ],
      },
    });
    try {
      const result = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `${TEST_FILE} at /tests/0/expect: expected one of "pass", "fail", "not_applicable", "error"`,
      );
      expect(result.stderr).toContain(`${TEST_FILE} at /tests/1: unknown property "expected"`);
      expect(result.stderr).toContain(`${TEST_FILE} at /tests/2: missing required property "name"`);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      folder.remove();
    }
  });

  it('exit 2 for an unknown base broker, a document that is no broker document, invalid JSON and a test file without its policy', async () => {
    const folder = policyFolder({
      [TEST_FILE]: {
        tests: [
          {name: 'unknown base', base: 'orders-prd', document: {}, expect: 'pass'},
          {name: 'typo', base: 'orders-prod', document: {hostInstanceTyp: 'mq.t3.micro'}, expect: 'fail'},
        ],
      },
    });
    try {
      const result = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `${TEST_FILE} at /tests/0/base: no broker named "orders-prd" in the fixture estate`,
      );
      expect(result.stderr).toContain(
        `${TEST_FILE} at /tests/1/document/hostInstanceTyp: "hostInstanceTyp" is not a property of the broker document; did you mean hostInstanceType?`,
      );
      writeFileSync(join(folder.dir, TEST_FILE), '{"tests": [\n  {"name": "x",}\n]}');
      const malformed = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain(`${TEST_FILE} at line 2, column 16: policy test file is not valid JSON`);
      rmSync(join(folder.dir, TEST_FILE));
      writeFileSync(join(folder.dir, 'acme', 'no-burstable.test.json'), '[]');
      const orphan = await runCli(['policies', 'test', '.'], {cwd: folder.dir});
      expect(orphan.code).toBe(2);
      expect(orphan.stderr).toBe(
        'Error: acme/no-burstable.test.json: test file without a policy: expected acme/no-burstable.json beside it\n',
      );
    } finally {
      folder.remove();
    }
  });
});
