import {evaluate, edit, item, withResource} from './helpers';

/** A subnet's Ipv6CidrBlock and CidrBlock, to read a value into a string field with its unknown. */
function stringOf(expression: string, head = '', options = {}): {value: string | undefined; unknown?: string} {
  const text = `${head}\n${withResource('AWS::EC2::Subnet', `VpcId: vpc-1\nCidrBlock: ${expression}`)}`;
  const subnet = item(edit(evaluate(text, options), 'Thing'), 'subnet');
  return {value: subnet.value.cidr, ...(subnet.unknown?.['/cidr'] && {unknown: subnet.unknown['/cidr']})};
}

describe('intrinsic functions', () => {
  it('Fn::Sub: both forms, ${!Literal}, pseudo parameters and dotted GetAtt of a property attribute', () => {
    expect(stringOf('!Sub "${AWS::Region}/${AWS::AccountId}/${AWS::Partition}/${AWS::URLSuffix}"').value).toBe(
      'eu-west-1/111122223333/aws/amazonaws.com',
    );
    expect(stringOf('!Sub ["${Net}.0.0/${Bits}", {Net: "10.9", Bits: !Select [1, [8, 16]]}]').value).toBe(
      '10.9.0.0/16',
    );
    expect(stringOf('!Sub "${!Literal}-${AWS::Region}"').value).toBe('${Literal}-eu-west-1');
    const head = 'Parameters:\n  Net:\n    Type: String\n    Default: 10.40.0.0/16';
    const text = `${head}\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Net\n  Thing:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !GetAtt Vpc.VpcId\n      CidrBlock: !Sub "\${Vpc.CidrBlock}"`;
    const subnet = item(edit(evaluate(text), 'Thing'), 'subnet').value;
    expect(subnet).toMatchObject({vpcId: 'new:Vpc', cidr: '10.40.0.0/16'});
  });

  it('Fn::Join, Fn::Split, Fn::Select (string index), Fn::Base64, Fn::FindInMap with DefaultValue', () => {
    expect(stringOf('!Join ["/", [10.0.0.0, 24]]').value).toBe('10.0.0.0/24');
    expect(stringOf('!Select ["1", !Split [",", "a,10.1.0.0/16,c"]]').value).toBe('10.1.0.0/16');
    expect(stringOf('!Base64 "10.0.0.0/8"').value).toBe(Buffer.from('10.0.0.0/8').toString('base64'));
    const mappings = 'Mappings:\n  Nets:\n    prod:\n      Cidr: 10.50.0.0/16';
    expect(stringOf('!FindInMap [Nets, prod, Cidr]', mappings).value).toBe('10.50.0.0/16');
    expect(stringOf('!FindInMap [Nets, dev, Cidr, {DefaultValue: 10.51.0.0/16}]', mappings).value).toBe('10.51.0.0/16');
  });

  it('Fn::Cidr: consecutive blocks of 2^bits addresses (IPv4 and IPv6)', () => {
    expect(stringOf('!Select [2, !Cidr [10.20.0.0/16, 4, 8]]').value).toBe('10.20.2.0/24');
    expect(stringOf('!Select [1, !Cidr ["2001:db8:1234::/56", 3, 64]]').value).toBe('2001:db8:1234:1::/64');
  });

  it('a YAML 1.1 float like 3.10 keeps its text; yes and no are booleans; enums are upper-cased', () => {
    const broker = `BrokerName: b\nEngineType: rabbitmq\nEngineVersion: 3.10\nDeploymentMode: single_instance\nPubliclyAccessible: yes\nAutoMinorVersionUpgrade: no\nStorageType: ebs`;
    const value = item(edit(evaluate(withResource('AWS::AmazonMQ::Broker', broker)), 'Thing'), 'broker').value;
    expect(value).toMatchObject({
      engineType: 'RABBITMQ',
      deploymentMode: 'SINGLE_INSTANCE',
      details: {
        engineVersion: '3.10',
        publiclyAccessible: true,
        autoMinorVersionUpgrade: false,
        storageType: 'EBS',
        logs: {general: false},
      },
    });
    expect(value.details?.logs).not.toHaveProperty('audit');
  });

  it('AWS::NoValue removes a property and a list element; Fn::If picks by condition', () => {
    const head = 'Conditions:\n  Never: !Equals [a, b]\n  Always: !Or [!Condition Never, !Equals [x, x]]';
    const text = `${head}\n${withResource('AWS::EC2::SecurityGroup', 'GroupDescription: g\nSecurityGroupEgress: !If [Never, [], !Ref AWS::NoValue]\nSecurityGroupIngress:\n  - !If [Always, {IpProtocol: tcp, FromPort: 1, ToPort: 1, CidrIp: 10.0.0.0/8}, !Ref AWS::NoValue]\n  - !If [Never, {IpProtocol: tcp, FromPort: 2, ToPort: 2, CidrIp: 10.0.0.0/8}, !Ref AWS::NoValue]')}`;
    const rules = item(edit(evaluate(text), 'Thing'), 'securityGroup').value.rules ?? [];
    // Egress removed → EC2's default egress; the second ingress element removed.
    expect(rules.map((r) => [r.egress, r.fromPort ?? null, r.cidrIpv4])).toEqual([
      [false, 1, '10.0.0.0/8'],
      [true, null, '0.0.0.0/0'],
    ]);
  });

  it('an empty SecurityGroupEgress keeps the default egress; any declared egress rule replaces it', () => {
    const egressOf = (egress: string): unknown[] =>
      (
        item(
          edit(
            evaluate(withResource('AWS::EC2::SecurityGroup', `GroupDescription: g\nSecurityGroupEgress: ${egress}`)),
            'Thing',
          ),
          'securityGroup',
        ).value.rules ?? []
      ).map((r) => [r.protocol, r.cidrIpv4, r.toPort ?? null]);
    expect(egressOf('[]')).toEqual([['-1', '0.0.0.0/0', null]]);
    expect(egressOf('[{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]')).toEqual([
      ['tcp', '10.0.0.0/8', 443],
    ]);
  });

  it('Fn::ImportValue, Fn::GetAZs, dynamic references and SSM parameters are unknown, with their reason and place', () => {
    expect(stringOf('!ImportValue SharedCidr')).toEqual({
      value: '',
      unknown: 'unknown until deploy: Fn::ImportValue SharedCidr (Resources/Thing/Properties/CidrBlock)',
    });
    expect(stringOf('!Join ["", [!ImportValue Net, "/24"]]').unknown).toBe(
      'unknown until deploy: Fn::ImportValue Net (Resources/Thing/Properties/CidrBlock)',
    );
    expect(stringOf('"{{resolve:ssm:/net/cidr}}"').unknown).toBe(
      'unknown until deploy: dynamic reference {{resolve:ssm:/net/cidr}} (Resources/Thing/Properties/CidrBlock)',
    );
    const ssm = 'Parameters:\n  Cidr:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /net/cidr';
    expect(stringOf('!Ref Cidr', ssm).unknown).toBe(
      'unknown until deploy: parameter Cidr (AWS::SSM::Parameter::Value<String>) is read from Parameter Store (Resources/Thing/Properties/CidrBlock)',
    );
  });

  it('an unknown condition makes Fn::If unknown (no branch is guessed); Or short-circuits on a known true', () => {
    const head =
      'Parameters:\n  Env:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /env\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  ProdOrAlways: !Or [!Condition IsProd, !Equals [1, 1]]';
    expect(stringOf('!If [IsProd, 10.0.0.0/16, 10.1.0.0/16]', head).unknown).toBe(
      'unknown until deploy: parameter Env (AWS::SSM::Parameter::Value<String>) is read from Parameter Store, which decides Fn::If IsProd (Conditions/IsProd)',
    );
    expect(stringOf('!If [ProdOrAlways, 10.0.0.0/16, 10.1.0.0/16]', head).value).toBe('10.0.0.0/16');
  });

  it('a resource whose condition is unknown is judged as created, with a warning naming the condition', () => {
    const text =
      'Parameters:\n  Env:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /env\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Condition: IsProd\n    Properties:\n      CidrBlock: 10.0.0.0/16';
    const change = evaluate(text);
    expect(change.edits.map((e) => e.address)).toEqual(['Vpc']);
    expect(change.warnings).toEqual([
      {
        file: 'inline.yaml',
        pointer: '/Resources/Vpc/Condition',
        line: 10,
        message: expect.stringMatching(
          /^Vpc is judged as created, but whether it is depends on condition IsProd: unknown until deploy: parameter Env/,
        ) as string,
      },
    ]);
  });

  it('GetAtt of an attribute a new resource gets at deploy is unknown; of a deployed one, known ARNs are used', () => {
    const text =
      'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !GetAtt Broker.Arn\n  Broker:\n    Type: AWS::SNS::Topic';
    expect(item(edit(evaluate(text), 'Sg'), 'securityGroup').unknown).toEqual({
      '/group/description':
        'unknown until deploy: Fn::GetAtt Broker.Arn (of a resource this change creates) (Resources/Sg/Properties/GroupDescription)',
    });
    const deployed = evaluate(text, {
      deployed: (id) => (id === 'Broker' ? {id: 'topic', arn: 'arn:aws:sns:eu-west-1:111122223333:topic'} : undefined),
    });
    expect(item(edit(deployed, 'Sg'), 'securityGroup').value.group.description).toBe(
      'arn:aws:sns:eu-west-1:111122223333:topic',
    );
  });
});
