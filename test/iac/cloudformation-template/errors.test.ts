import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {
  evaluateCloudFormationTemplate,
  readCloudFormationTemplate,
  readTemplateParameters,
} from '../../../src/iac/cloudformation-template';
import {MAX_TEMPLATE_BYTES} from '../../../src/iac/cloudformation-template/load';
import {lineOf} from '../fixture';
import {TEMPLATES, evaluate, inputError, template, withResource} from './helpers';

describe('input that is not a template, or not valid', () => {
  it('a GitHub workflow or a Kubernetes manifest is named for what it looks like', () => {
    const workflow = inputError(() => readCloudFormationTemplate(template('bad/deploy-workflow.yml')));
    expect(workflow.source).toBe(template('bad/deploy-workflow.yml'));
    expect(workflow.problem).toBe(
      'not a CloudFormation template: it looks like a GitHub Actions workflow; expected a map with `Resources`, each resource with a `Type` (AWS::…)',
    );
    expect(inputError(() => readCloudFormationTemplate(template('bad/broker-deployment.yaml'))).problem).toMatch(
      /^not a CloudFormation template: it looks like a Kubernetes manifest;/,
    );
    expect(inputError(() => evaluate('{"format_version": "1.2", "resource_changes": []}')).problem).toMatch(
      /it looks like a Terraform plan \(give it with --plan\)/,
    );
    expect(inputError(() => evaluate('- a\n- b')).problem).toMatch(
      /^not a CloudFormation template: the document is not a map/,
    );
    expect(inputError(() => evaluate('Resources:\n  X:\n    Properties: {}')).problem).toMatch(
      /no resource has a `Type`/,
    );
    expect(inputError(() => evaluate('  \n')).problem).toBe(
      'the file is empty: expected a CloudFormation template (YAML or JSON)',
    );
  });

  it('syntax errors give the line and column, in YAML and in JSON', () => {
    const yaml = inputError(() => readCloudFormationTemplate(template('bad/syntax-error.yaml')));
    expect(yaml.problem).toMatch(/^YAML syntax error: /);
    // The unclosed `[` is found where the next key starts.
    expect(yaml.place).toMatch(
      new RegExp(`^line ${lineOf(TEMPLATES, 'bad/syntax-error.yaml', 'CidrBlock: 10.20.4.0/24')}, column \\d+$`),
    );
    const json = inputError(() => readCloudFormationTemplate(template('bad/syntax-error.json')));
    expect(json.problem).toMatch(/^the template is not valid JSON: /);
    expect(json.place).toMatch(
      new RegExp(`^line ${lineOf(TEMPLATES, 'bad/syntax-error.json', '"Properties"')}, column \\d+$`),
    );
  });

  it('a tag CloudFormation does not know, a resource without a Type, an unknown function', () => {
    expect(inputError(() => evaluate(withResource('AWS::EC2::VPC', 'CidrBlock: !Foo bar'))).problem).toBe(
      'unknown tag !Foo: expected a CloudFormation short form (!Ref, !Sub, !GetAtt …)',
    );
    const untyped = inputError(() => evaluate('Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Properties: {}'));
    expect([untyped.problem, untyped.place]).toEqual([
      'resource B: expected a map with a `Type` string (AWS::…)',
      '/Resources/B (line 4)',
    ]);
    const fn = inputError(() => evaluate(withResource('AWS::EC2::VPC', 'CidrBlock: {"Fn::Frobnicate": [1]}')));
    expect([fn.problem, fn.place]).toEqual([
      'unknown intrinsic function Fn::Frobnicate',
      '/Resources/Thing/Properties/CidrBlock (line 5)',
    ]);
  });
});

describe('parameters', () => {
  const declared =
    'Parameters:\n  VpcId:\n    Type: AWS::EC2::VPC::Id\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\n    Default: dev\n';

  it('a parameter with no value and no default names the parameter, its line and the parameters file', () => {
    const error = inputError(() =>
      evaluateCloudFormationTemplate(`${declared}${withResource('AWS::SNS::Topic', 'TopicName: x')}`, 'stack.yaml', {
        parametersFile: 'params.json',
      }),
    );
    expect(error.message).toBe(
      'stack.yaml at /Parameters/VpcId (line 2): parameter VpcId has no value and no default: give it a value in params.json',
    );
  });

  it('a value outside AllowedValues, a Number that is not one; a NoEcho value is never repeated', () => {
    expect(
      inputError(() =>
        evaluate(`${declared}${withResource('AWS::SNS::Topic', 'TopicName: x')}`, {
          parameters: {VpcId: 'vpc-1', Env: 'qa'},
        }),
      ).problem,
    ).toBe('parameter Env: "qa" is not one of its AllowedValues (dev, prod)');
    const secret = 'Parameters:\n  Port:\n    Type: Number\n    NoEcho: true\n';
    const error = inputError(() =>
      evaluate(`${secret}${withResource('AWS::SNS::Topic', 'TopicName: x')}`, {parameters: {Port: 'hunter2'}}),
    );
    expect(error.problem).toBe('parameter Port is a Number, but its value is not a number');
  });

  it('a parameter given but not declared is a warning, not an error', () => {
    const change = evaluate(`${declared}${withResource('AWS::SNS::Topic', 'TopicName: x')}`, {
      parameters: {VpcId: 'vpc-1', Stray: 'x'},
    });
    expect(change.warnings.map((w) => w.message)).toEqual([
      'parameter Stray is given but the template does not declare it',
    ]);
  });

  it('parameter files: UsePreviousValue and malformed entries are bad input, with the place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-params-'));
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    const previous = inputError(() =>
      readTemplateParameters(write('previous.json', '[{"ParameterKey": "Env", "UsePreviousValue": true}]')),
    );
    expect([previous.problem, previous.place]).toEqual([
      'parameter Env asks for its previous value (UsePreviousValue), which is not known here: give its ParameterValue',
      '/0',
    ]);
    expect(inputError(() => readTemplateParameters(write('bad.json', '[{"Key": "Env"}]'))).place).toBe('/0');
    expect(inputError(() => readTemplateParameters(write('nested.json', '{"Env": {"a": 1}}'))).place).toBe('/Env');
    expect(
      readTemplateParameters(write('config.json', '{"Parameters": {"Env": "prod", "Port": 5671}, "Tags": {"a": "b"}}')),
    ).toEqual({Env: 'prod', Port: '5671'});
  });
});

describe('conditions and references', () => {
  it('an unknown condition, on a resource or in Fn::If, names the place', () => {
    const onResource = inputError(() =>
      evaluate('Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: IsProd'),
    );
    expect([onResource.problem, onResource.place]).toEqual([
      "unknown condition IsProd: the template's Conditions do not define it",
      '/Resources/Topic/Condition (line 4)',
    ]);
    const inIf = inputError(() =>
      evaluate(withResource('AWS::EC2::VPC', 'CidrBlock: !If [Missing, 10.0.0.0/16, 10.1.0.0/16]')),
    );
    expect(inIf.place).toBe('/Resources/Thing/Properties/CidrBlock/Fn::If/0 (line 5)');
  });

  it('a circular Ref between resources names the cycle and the reference that closes it', () => {
    const error = inputError(() => readCloudFormationTemplate(template('bad/circular-ref.yaml')));
    expect(error.problem).toBe('circular reference: GroupA → GroupB → GroupA');
    expect(error.place).toBe(
      `/Resources/GroupB/Properties/SecurityGroupIngress/0/SourceSecurityGroupId (line ${lineOf(TEMPLATES, 'bad/circular-ref.yaml', '!GetAtt GroupA.GroupId')})`,
    );
  });

  it('a circular condition, a circular attribute and a circular DependsOn are refused', () => {
    expect(inputError(() => readCloudFormationTemplate(template('bad/circular-condition.yaml'))).problem).toBe(
      'circular condition: IsProd → IsLive → IsProd',
    );
    const attribute =
      'Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !GetAtt B.CidrBlock\n  B:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !GetAtt A.CidrBlock';
    expect(inputError(() => evaluate(attribute)).problem).toBe(
      'circular reference: Fn::GetAtt B.CidrBlock depends on itself',
    );
    const dependsOn =
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: [A]';
    expect(inputError(() => evaluate(dependsOn)).problem).toBe('circular reference: A → B → A');
  });

  it('Ref and GetAtt to a logical id that does not exist, or is not created, name the place', () => {
    const ref = inputError(() =>
      evaluate(withResource('AWS::EC2::Subnet', 'VpcId: !Ref SharedVpc\nCidrBlock: 10.0.0.0/24')),
    );
    expect([ref.problem, ref.place]).toEqual([
      'Ref to SharedVpc: no parameter, resource or pseudo parameter of that name',
      '/Resources/Thing/Properties/VpcId (line 5)',
    ]);
    const getAtt = inputError(() =>
      evaluate(withResource('AWS::EC2::Subnet', 'VpcId: vpc-1\nCidrBlock: !GetAtt Vpc.CidrBlock')),
    );
    expect([getAtt.problem, getAtt.place]).toEqual([
      'Fn::GetAtt to Vpc: no parameter, resource or pseudo parameter of that name',
      '/Resources/Thing/Properties/CidrBlock (line 6)',
    ]);
    const absent =
      'Conditions:\n  Never: !Equals [a, b]\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Condition: Never\n    Properties: {CidrBlock: 10.0.0.0/16}\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}';
    expect(inputError(() => evaluate(absent)).problem).toBe(
      'Ref to Vpc, which is not created (its Condition Never is false)',
    );
    expect(
      inputError(() =>
        evaluate(
          'Conditions:\n  C: !Equals [!Ref Topic, x]\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: C',
        ),
      ).problem,
    ).toBe('Ref Topic in a condition: conditions can refer to parameters and mappings only');
  });

  it('required properties: a route without a target, a broker without PubliclyAccessible', () => {
    const route = inputError(() =>
      evaluate(withResource('AWS::EC2::Route', 'RouteTableId: rtb-1\nDestinationCidrBlock: 10.200.0.0/16')),
    );
    expect([route.problem, route.place]).toEqual([
      'GatewayId: expected a target (GatewayId, NatGatewayId, TransitGatewayId, VpcPeeringConnectionId …)',
      '/Resources/Thing/Properties/GatewayId (line 4)',
    ]);
    expect(
      inputError(() =>
        evaluate(
          withResource('AWS::AmazonMQ::Broker', 'BrokerName: b\nEngineType: ActiveMQ\nDeploymentMode: SINGLE_INSTANCE'),
        ),
      ).problem,
    ).toBe('PubliclyAccessible: expected true or false (the property is required)');
  });
});

describe('bounds: a hostile template cannot hang the gate or exhaust memory', () => {
  it('refuses a template larger than the cap before parsing it', () => {
    const error = inputError(() => evaluate(`Resources: {}\n#${'x'.repeat(MAX_TEMPLATE_BYTES)}`));
    expect(error.problem).toMatch(/^the template is \d+ bytes, more than the 4194304 read/);
  });

  it('refuses deep nesting quickly, in flow and block style', () => {
    const flow = inputError(() =>
      evaluate(
        `Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata: ${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      ),
    );
    expect([flow.problem, flow.place]).toEqual(['nested more than 64 deep', 'line 4, column 79']);
    let block = 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n';
    for (let depth = 0; depth < 80; depth++) block += `${' '.repeat(6 + depth)}k${depth}:\n`;
    expect(inputError(() => evaluate(`${block}${' '.repeat(90)}v`)).problem).toBe('nested more than 64 deep');
  });

  it('refuses a YAML alias bomb', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const error = inputError(() => evaluate(`${bomb}Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata: *a8`));
    expect(error.problem).toMatch(/^more than (1000 YAML aliases|2000000 values)/);
  });

  it('caps the strings a template can build', () => {
    const head = 'Parameters:\n  Big:\n    Type: String\n';
    const join = `!Join ["", [${Array(60).fill('!Ref Big').join(', ')}]]`;
    const error = inputError(() =>
      evaluate(`${head}${withResource('AWS::EC2::VPC', `CidrBlock: ${join}`)}`, {
        parameters: {Big: 'x'.repeat(20_000)},
      }),
    );
    expect(error.problem).toBe('Fn::Join produces a string longer than 1048576 characters');
  });

  it('a directory, a missing file', () => {
    expect(inputError(() => readCloudFormationTemplate(TEMPLATES)).problem).toBe(
      'is a directory: expected a template file (for CDK, cdk.out/<Stack>.template.json)',
    );
    expect(inputError(() => readCloudFormationTemplate(template('nope.yaml'))).problem).toBe(
      'cannot read template: no such file',
    );
  });
});
