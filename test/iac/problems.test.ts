import {cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {isInputError} from '../../src/foundation/errors';
import {buildIacIndex, findRepositoryRoot} from '../../src/iac';
import {fixtureRoot, lineOf} from './fixture';

describe('files that do not parse', () => {
  const root = fixtureRoot('broken');
  const {index, problems} = buildIacIndex([root], root);

  it('are warnings with the file and line, and the other files are still indexed', () => {
    expect(index.files).toEqual(['network.tf']);
    expect(index.definitions.map((d) => d.address)).toEqual(['aws_route_table.private']);
    expect(problems.map(({file, line}) => ({file, line}))).toEqual([
      // The line indented one column short of its siblings.
      {file: 'broker.yaml', line: lineOf(root, 'broker.yaml', '     DeploymentMode:')},
      // The block whose closing brace is missing.
      {file: 'brokers.tf', line: lineOf(root, 'brokers.tf', 'logs {')},
      // The root object is never closed: the parser finds out on the last line.
      {file: 'network.template.json', line: 13},
      {file: 'security-groups.tf', line: lineOf(root, 'security-groups.tf', 'description = =')},
    ]);
    expect(
      problems.every((problem) => problem.severity === 'warning' && problem.message.startsWith('not indexed: ')),
    ).toBe(true);
  });

  it('carry the parser message', () => {
    const messages = Object.fromEntries(problems.map((problem) => [problem.file, problem.message]));
    expect(messages['broker.yaml']).toBe(
      'not indexed: YAML syntax error: All mapping items must start at the same column',
    );
    expect(messages['brokers.tf']).toBe(
      'not indexed: HCL syntax error: unexpected end of file: the block logs opened here is not closed',
    );
    expect(messages['security-groups.tf']).toBe('not indexed: HCL syntax error: unexpected "="');
    expect(problems.find((problem) => problem.file === 'security-groups.tf')?.column).toBe(
      '  description = '.length + 1,
    );
    expect(messages['network.template.json']).toMatch(
      /^not indexed: JSON syntax error: unexpected end of file, a \{ or \[ is not closed \(.+\)$/,
    );
  });
});

describe('the paths given', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mq-audit-iac-'));
  });

  afterEach(() => {
    rmSync(scratch, {recursive: true, force: true});
  });

  it('a path that does not exist is bad input (exit 2), naming the path', () => {
    const missing = join(scratch, 'infra');
    let error: unknown;
    try {
      buildIacIndex([missing], scratch);
    } catch (caught) {
      error = caught;
    }

    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toBe(
      `${missing}: does not exist: expected a directory (or file) holding CloudFormation templates or Terraform files`,
    );
  });

  it('a file given explicitly is indexed on its own', () => {
    const root = fixtureRoot('terraform');
    const {index} = buildIacIndex([join(root, 'envs', 'dev', 'main.tf')], root);
    expect(index.files).toEqual(['envs/dev/main.tf']);
    expect(index.definitions.map((d) => d.address)).toEqual(['aws_mq_broker.inventory_dev', 'aws_mq_broker.sandbox']);
  });

  it('skips node_modules, .git and .terraform, and keeps cdk.out', () => {
    const template =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Broker:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: orders-prod\n';
    const block = 'resource "aws_mq_broker" "orders" {\n  broker_name = "orders-prod"\n}\n';
    for (const [path, text] of [
      ['node_modules/vendored/template.yaml', template],
      ['.git/hooks/stack.yaml', template],
      ['.terraform/modules/mq/main.tf', block],
      ['cdk.out/Orders.template.yaml', template],
      ['infra/main.tf', block],
    ]) {
      mkdirSync(join(scratch, path, '..'), {recursive: true});
      writeFileSync(join(scratch, path), text);
    }

    const {index, problems} = buildIacIndex([scratch], scratch);
    expect(problems).toEqual([]);
    expect(index.files).toEqual(['cdk.out/Orders.template.yaml', 'infra/main.tf']);
  });

  it('a byte-order mark does not upset parsers or line numbers', () => {
    writeFileSync(
      join(scratch, 'main.tf'),
      '\uFEFF# brokers\nresource "aws_mq_broker" "orders" {\n  broker_name = "orders-prod"\n}\n',
    );
    const {index, problems} = buildIacIndex([scratch], scratch);
    expect(problems).toEqual([]);
    expect(index.definitions[0]).toMatchObject({startLine: 2, endLine: 4, name: {value: 'orders-prod', line: 3}});
  });

  it('files outside the repository root are not indexed (their findings could not point at them)', () => {
    const {index, problems} = buildIacIndex([fixtureRoot('cloudformation-json')], scratch);
    expect(index.definitions).toEqual([]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      message: 'not indexed: outside the repository root, so findings could not point at it',
    });
    expect(problems[0].file).toMatch(/^\.\.\/.*\/stacks\/dev-brokers\.template\.json$/);
  });

  it('files above the size limit are skipped with a warning', () => {
    const root = fixtureRoot('cloudformation-json');
    const {index, problems} = buildIacIndex([root], root, {maxFileBytes: 1000});
    expect(index.files).toEqual(['stacks/legacy-network.json']);
    expect(problems.map((p) => p.file)).toEqual(['stacks/dev-brokers.template.json']);
    expect(problems[0].message).toMatch(/^not indexed: \d+ bytes, more than the 1000 looked at$/);
  });

  // Issue 18 (hostile repositories): 100 KB of nested `"${` makes the HCL grammar overflow the stack (or leave a
  // broken tree behind), and `scan --iac` ended in "internal error: Maximum call stack size exceeded" (exit 2)
  // for a file a pull request adds.
  it('a file that makes a parser throw is a warning, and the other files are still indexed', () => {
    mkdirSync(join(scratch, '.git'));
    writeFileSync(join(scratch, 'hostile.tf'), '"${'.repeat(33_333));
    writeFileSync(join(scratch, 'main.tf'), 'resource "aws_mq_broker" "orders" {\n  broker_name = "orders-prod"\n}\n');
    const {index, problems} = buildIacIndex([scratch], scratch);
    expect(index.files).toEqual(['main.tf']);
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'hostile.tf',
        message: expect.stringMatching(/^not indexed: the parser gave up on it \(.+\)$/),
      },
    ]);
  });

  it('a stacks mapping to a file that is not an indexed template is a warning', () => {
    const root = fixtureRoot('cloudformation-yaml');
    const {problems} = buildIacIndex([root], root, {stacks: {'payments-prod-v2': 'templates/missing.yaml'}});
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'templates/missing.yaml',
        message: 'stack payments-prod-v2 is mapped to this file, which is not an indexed CloudFormation template',
      },
    ]);
  });

  it('a CDK manifest that is not JSON is a warning, and its templates are still indexed', () => {
    cpSync(fixtureRoot('cdk'), scratch, {recursive: true});
    writeFileSync(join(scratch, 'cdk.out', 'manifest.json'), '{"version": "36.0.0", "artifacts": {');
    const {index, problems} = buildIacIndex([scratch], scratch);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: 'cdk.out/manifest.json',
      message: expect.stringMatching(/^CDK manifest not read: /),
    });
    expect(index.definitions.find((d) => d.address === 'OrdersBroker')?.stacks).toEqual([
      {name: 'OrdersMessaging', source: 'file-name'},
    ]);
  });
});

describe('findRepositoryRoot', () => {
  it('finds the directory holding .git at or above the start', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-repo-'));
    try {
      mkdirSync(join(scratch, '.git'));
      mkdirSync(join(scratch, 'infra', 'stacks'), {recursive: true});
      expect(findRepositoryRoot(join(scratch, 'infra', 'stacks'))).toBe(scratch);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });
});

describe('the budget of one scan', () => {
  it('stops indexing when the bytes are spent: one warning says how many files were left and what to do', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-iac-budget-'));
    try {
      // Ten files of 2 KB each, under a budget of 5 KB: three are read, the rest skipped.
      for (let i = 0; i < 10; i++)
        writeFileSync(
          join(scratch, `f${i}.tf`),
          `resource "aws_security_group" "g${i}" {\n  name = "g${i}"\n}\n# ${'x'.repeat(2000)}\n`,
        );
      const {index, problems} = buildIacIndex([scratch], scratch, {budget: {bytes: 5000}});
      expect(index.files).toEqual(['f0.tf', 'f1.tf', 'f2.tf']);
      expect(problems).toEqual([
        {
          severity: 'warning',
          file: 'f3.tf',
          message:
            'not indexed, with 6 more file(s) after it: the IaC budget of 5000 bytes per scan was spent (name the folders that hold your templates with --iac)',
        },
      ]);
      // The same files within the default budget: all indexed.
      expect(buildIacIndex([scratch], scratch).index.files).toHaveLength(10);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });

  it('stops indexing when the time is spent', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-iac-budget-'));
    try {
      for (let i = 0; i < 3; i++)
        writeFileSync(join(scratch, `f${i}.tf`), `resource "aws_security_group" "g${i}" {}\n`);
      const {index, problems} = buildIacIndex([scratch], scratch, {budget: {milliseconds: -1}});
      expect(index.files).toEqual([]);
      expect(problems.map((p) => p.message)).toEqual([
        'not indexed, with 2 more file(s) after it: the IaC budget of -0.001 s per scan was spent (name the folders that hold your templates with --iac)',
      ]);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });
});

describe('a Terraform file larger than any real one', () => {
  it('is skipped with a warning, not parsed for seconds', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mq-audit-iac-large-'));
    try {
      writeFileSync(join(scratch, 'garbage.tf'), '{'.repeat(1024 * 1024 + 1));
      writeFileSync(join(scratch, 'ok.tf'), 'resource "aws_security_group" "g" {}\n');
      const {index, problems} = buildIacIndex([scratch], scratch);
      expect(index.files).toEqual(['ok.tf']);
      expect(problems).toEqual([
        {
          severity: 'warning',
          file: 'garbage.tf',
          message: 'not indexed: 1048577 bytes, more than the 1048576 looked at',
        },
      ]);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });
});
