/** The way in: stateless network ACL rules both ways (first match by rule number) and security groups over a whole network. */
import {cidrOf} from '../../src/network/cidr';
import {evaluateIngress} from '../../src/network/ingress';
import {buildIndex, scopeOf} from '../../src/network/lookup';
import {brokerPorts, DEFAULT_EPHEMERAL_PORTS} from '../../src/network/ports';
import {wholePart} from '../../src/network/routes';
import type {NetworkAclEntry, SecurityGroupRule} from '../../src/snapshot/network';
import {ingressRule, SG, SUBNET_A, variantOf} from './builder';

const DC = '10.100.0.0/16';

function ingress(entries: NetworkAclEntry[] | undefined, rules: SecurityGroupRule[] | undefined, network = DC) {
  const snapshot = variantOf('vgw-vpn-both-up', ({network: n}) => {
    if (entries) n.networkAcls![0].entries = entries;
    if (rules) n.securityGroupRules = rules;
  });
  const index = buildIndex(snapshot.accounts, snapshot.errors);
  const scope = scopeOf(index, snapshot.accounts[0].accountId, 'eu-west-1')!;
  return evaluateIngress({
    index,
    scope,
    subnetId: SUBNET_A,
    securityGroupIds: [SG],
    part: wholePart(cidrOf(network)),
    ports: brokerPorts('ACTIVEMQ'),
    ephemeralPorts: DEFAULT_EPHEMERAL_PORTS,
  });
}

const allowAllOut: NetworkAclEntry = {
  ruleNumber: 100,
  egress: true,
  action: 'allow',
  protocol: '-1',
  cidr: '0.0.0.0/0',
};
const allowAllIn: NetworkAclEntry = {
  ruleNumber: 100,
  egress: false,
  action: 'allow',
  protocol: '-1',
  cidr: '0.0.0.0/0',
};

describe('network ACL', () => {
  it('first match wins: a lower-numbered deny for part of the network blocks the port', () => {
    const result = ingress(
      [
        {
          ruleNumber: 90,
          egress: false,
          action: 'deny',
          protocol: '6',
          cidr: '10.100.7.0/24',
          portRange: {from: 61617, to: 61617},
        },
        allowAllIn,
        allowAllOut,
      ],
      undefined,
    );
    expect(result.naclInbound.status).toBe('ok');
    expect(result.naclInbound.ports).toEqual([5671, 61614, 8883, 61619, 8162]);
    expect(result.openPorts).toEqual([5671, 8162]);
  });

  it('a later deny does not override an earlier allow', () => {
    const result = ingress(
      [allowAllIn, {ruleNumber: 200, egress: false, action: 'deny', protocol: '-1', cidr: DC}, allowAllOut],
      undefined,
    );
    expect(result.naclInbound.ports).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
  });

  it('replies need the whole ephemeral range: a gap in the outbound allow rules breaks the way back', () => {
    const result = ingress(
      [
        allowAllIn,
        {ruleNumber: 100, egress: true, action: 'allow', protocol: '6', cidr: DC, portRange: {from: 1024, to: 32767}},
        {ruleNumber: 110, egress: true, action: 'allow', protocol: '6', cidr: DC, portRange: {from: 49152, to: 65535}},
      ],
      undefined,
    );
    expect(result.naclReturn.status).toBe('broken');
    expect(result.naclReturn.reason).toContain('blocks replies to 10.100.0.0/16 on ports 32768-49151');
    expect(result.openPorts).toEqual([]);
  });

  it('no inbound rule for the network at all: broken on every port, the groups are still judged', () => {
    const result = ingress(
      [{ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '10.20.0.0/16'}, allowAllOut],
      undefined,
    );
    expect([result.naclInbound.status, result.naclInbound.break, result.naclInbound.rules]).toEqual([
      'broken',
      'nacl',
      ['* deny'],
    ]);
    expect(result.securityGroup.status).toBe('ok');
  });
});

describe('security groups', () => {
  it('a rule must cover the whole network; a port range rule counts for every port in it', () => {
    const result = ingress(undefined, [
      {
        id: 'sgr-0a1a1a1a1a1a1a1a1',
        groupId: SG,
        egress: false,
        protocol: 'tcp',
        fromPort: 61614,
        toPort: 61619,
        cidrIpv4: '10.0.0.0/8',
      },
      ingressRule('sgr-0b2b2b2b2b2b2b2b2', 8162, {cidr: '10.100.0.0/17'}),
    ]);
    expect(result.securityGroup.ports).toEqual([61617, 61614, 61619]);
    expect(result.openPorts).toEqual([61617, 61614, 61619]);
  });

  it('protocol -1 admits every port; rules that reference groups admit no on-premises network', () => {
    const all = ingress(undefined, [
      {id: 'sgr-0c3c3c3c3c3c3c3c3', groupId: SG, egress: false, protocol: '-1', cidrIpv4: DC},
    ]);
    expect(all.openPorts).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
    const referenced = ingress(undefined, [
      {
        id: 'sgr-0d4d4d4d4d4d4d4d4',
        groupId: SG,
        egress: false,
        protocol: '-1',
        referencedGroupId: 'sg-0a9b8c7d6e5f43210',
      },
    ]);
    expect([referenced.securityGroup.status, referenced.securityGroup.break]).toEqual(['broken', 'security-group']);
  });

  it('egress rules never admit traffic in', () => {
    const result = ingress(undefined, [
      {id: 'sgr-0e5e5e5e5e5e5e5e5', groupId: SG, egress: true, protocol: '-1', cidrIpv4: '0.0.0.0/0'},
    ]);
    expect(result.securityGroup.status).toBe('broken');
  });
});

describe('ports judged across the network ACL and the security groups together', () => {
  const denyIn = (ruleNumber: number, port: number): NetworkAclEntry => ({
    ruleNumber,
    egress: false,
    action: 'deny',
    protocol: '6',
    cidr: DC,
    portRange: {from: port, to: port},
  });
  const onlyPorts = (...ports: number[]) =>
    ports.map((port, i) => ingressRule(`sgr-0${i}a1b2c3d4e5f6a7b8`, port, {cidr: DC}));

  it('the ACL denies exactly the ports the group admits: the ACL blocks, not the group, and nothing is open', () => {
    // nacl-prod: the group admits on-premises on OpenWire and the console; ACL rules 50 and 60 deny those two.
    const result = ingress([denyIn(50, 61617), denyIn(60, 8162), allowAllIn, allowAllOut], onlyPorts(61617, 8162));
    expect(result.openPorts).toEqual([]);
    expect([result.naclInbound.status, result.naclInbound.break]).toEqual(['broken', 'nacl']);
    expect(result.naclInbound.rules).toEqual(['50 deny', '60 deny']);
    expect(result.naclInbound.reason).toBe(
      'for 10.100.0.0/16, 61617 and 8162 are admitted by sg-0f7e6d5c4b3a29180 ' +
        '(rules sgr-00a1b2c3d4e5f6a7b8, sgr-01a1b2c3d4e5f6a7b8) but denied by acl-0a9b8c7d6e5f40312 rules 50 and 60; ' +
        '5671, 61614, 8883 and 61619 are not admitted by sg-0f7e6d5c4b3a29180',
    );
    // The group is not what blocks: it admits the ports that matter, and its reason says the ACL denies them.
    expect(result.securityGroup.status).toBe('ok');
    expect(result.securityGroup.reason).not.toMatch(/no rule/);
    expect(result.securityGroup.reason).toContain('61617, 8162');
  });

  it('the opposite: the ACL lets in what the group does not admit, and denies what it admits', () => {
    const result = ingress(
      [
        {ruleNumber: 100, egress: false, action: 'allow', protocol: '6', cidr: DC, portRange: {from: 61617, to: 61617}},
        allowAllOut,
      ],
      onlyPorts(5671),
    );
    expect(result.openPorts).toEqual([]);
    expect([result.naclInbound.status, result.securityGroup.status]).toEqual(['broken', 'ok']);
    expect(result.naclInbound.reason).toContain(
      '5671 is admitted by sg-0f7e6d5c4b3a29180 (rules sgr-00a1b2c3d4e5f6a7b8) but denied by acl-0a9b8c7d6e5f40312 rule *',
    );
    expect(result.naclInbound.reason).toContain(
      '61617 is let in by acl-0a9b8c7d6e5f40312 (rule 100) but not admitted by sg-0f7e6d5c4b3a29180',
    );
  });

  it('a group that admits no port: it blocks, and it is told only the ports the ACL lets in', () => {
    const result = ingress(
      [denyIn(50, 61617), denyIn(60, 8162), allowAllIn, allowAllOut],
      [ingressRule('sgr-0f1f1f1f1f1f1f1f1', 61617, {cidr: '10.100.0.0/17'})],
    );
    expect([result.naclInbound.status, result.securityGroup.status, result.securityGroup.break]).toEqual([
      'ok',
      'broken',
      'security-group',
    ]);
    expect(result.securityGroup.reason).toContain('on 5671, 61614, 8883, 61619');
    expect(result.securityGroup.reason).toContain('acl-0a9b8c7d6e5f40312 denies 61617 and 8162 (rules 50 and 60)');
  });

  it('some admitted ports pass: open, the ACL and the group ok, the denied port named', () => {
    const result = ingress([denyIn(50, 61617), allowAllIn, allowAllOut], onlyPorts(61617, 8162));
    expect(result.openPorts).toEqual([8162]);
    expect([result.naclInbound.status, result.securityGroup.status]).toEqual(['ok', 'ok']);
    expect(result.securityGroup.ports).toEqual([8162]);
  });
});
