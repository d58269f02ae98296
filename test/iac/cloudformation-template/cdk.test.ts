import {readCloudFormationTemplate} from '../../../src/iac/cloudformation-template';
import {DEMO, edit, item, template} from './helpers';

describe('CDK output (cdk.out/<Stack>.template.json)', () => {
  const file = template('cdk.out/FulfilmentStack.template.json');
  const change = readCloudFormationTemplate(file);

  it('reads the stack environment from the assembly manifest, ignores BootstrapVersion and skips CDKMetadata', () => {
    expect(change.edits.map((e) => e.address)).toEqual([
      'ClientSecurityGroupB2F4A6C8',
      'BrokerSecurityGroup9E3D1A57',
      'BrokerSecurityGroupfromFulfilmentStackClientSecurityGroupB2F4A6C8616173C1D2E4F6',
      'OrdersProdMqfrom00000567145A1B2C3',
      'Broker',
    ]);
    for (const e of change.edits) expect(e).toMatchObject({region: DEMO.region, accountId: DEMO.accountId});
    expect(change.skipped).toEqual([
      {address: 'CDKMetadata', resourceType: 'AWS::CDK::Metadata', reason: "CDK's analytics metadata"},
    ]);
    expect(change.warnings).toEqual([]);
  });

  it('makes exactly the imported subnet and the dynamic-reference key unknown; the rest of the broker is known', () => {
    const broker = item(edit(change, 'Broker'), 'broker');
    expect(broker.value.details).toMatchObject({
      subnetIds: [DEMO.subnetA, ''],
      securityGroups: ['new:BrokerSecurityGroup9E3D1A57'],
      encryption: {useAwsOwnedKey: false, kmsKeyId: ''},
      publiclyAccessible: false,
      logs: {general: true, audit: true},
    });
    expect(broker.unknown).toEqual({
      '/details/subnetIds/1':
        'unknown until deploy: Fn::ImportValue SharedNetwork:PrivateSubnetB (Resources/Broker/Properties/SubnetIds/1)',
      '/details/encryption/kmsKeyId':
        'unknown until deploy: dynamic reference {{resolve:ssm:/fulfilment/broker-kms-key-arn}} (Resources/Broker/Properties/EncryptionOptions/KmsKeyId)',
      '/details/instances': "unknown until deploy: the broker's instances and endpoints (Resources/Broker/Properties)",
    });
    // The secret's reference is neither a value nor repeated.
    expect(JSON.stringify(change)).not.toContain('broker-admin');
    expect(edit(change, 'Broker').sensitive).toEqual(['Users.0.Password']);
  });

  it("treats CDK's 'Disallow all traffic' rule as no egress, and its explicit allow-all as what it says", () => {
    expect(
      item(edit(change, 'BrokerSecurityGroup9E3D1A57'), 'securityGroup').value.rules?.map((r) => [
        r.egress,
        r.protocol,
        r.cidrIpv4,
      ]),
    ).toEqual([[false, 'tcp', '10.100.0.0/16']]);
    expect(
      item(edit(change, 'ClientSecurityGroupB2F4A6C8'), 'securityGroup').value.rules?.map((r) => [
        r.egress,
        r.protocol,
        r.cidrIpv4,
        r.description,
      ]),
    ).toEqual([[true, '-1', '0.0.0.0/0', 'Allow all outbound traffic by default']]);
  });

  it('keeps separate rules separate: a security-group peer, and 0.0.0.0/0 on 5671 added to the deployed orders-prod group', () => {
    expect(
      item(
        edit(change, 'BrokerSecurityGroupfromFulfilmentStackClientSecurityGroupB2F4A6C8616173C1D2E4F6'),
        'securityGroupRule',
      ).value,
    ).toMatchObject({
      groupId: 'new:BrokerSecurityGroup9E3D1A57',
      referencedGroupId: 'new:ClientSecurityGroupB2F4A6C8',
      protocol: 'tcp',
      fromPort: 61617,
      toPort: 61617,
    });
    expect(item(edit(change, 'OrdersProdMqfrom00000567145A1B2C3'), 'securityGroupRule').value).toEqual({
      id: 'new:OrdersProdMqfrom00000567145A1B2C3',
      groupId: DEMO.ordersProdSecurityGroupId,
      egress: false,
      protocol: 'tcp',
      fromPort: 5671,
      toPort: 5671,
      cidrIpv4: '0.0.0.0/0',
      description: 'from 0.0.0.0/0:5671',
    });
  });

  it('warns when the assembly had missing context lookups (dummy ids); without an environment the region is not given', () => {
    const missing = readCloudFormationTemplate(template('cdk-missing/FulfilmentStack.template.json'));
    expect(missing.warnings.map((w) => [w.file, w.pointer])).toEqual([
      [template('cdk-missing/manifest.json'), '/missing'],
    ]);
    expect(missing.warnings[0].message).toMatch(
      /^the CDK assembly has 1 missing context lookup\(s\) \(vpc-provider:account=111122223333:.*dummy ids/,
    );
    expect(missing.edits[0].region).toBeUndefined();
    // The broker ARN needs the region and account: not given, so listed as such.
    expect(item(edit(missing, 'Broker'), 'broker').unknown?.['/arn']).toBe(
      "not given: the partition, region, account id of the broker's ARN (Resources/Broker/Properties)",
    );
  });
});
