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
  return evaluateIngress({index, scope, subnetId: SUBNET_A, securityGroupIds: [SG], part: wholePart(cidrOf(network)), ports: brokerPorts('ACTIVEMQ'), ephemeralPorts: DEFAULT_EPHEMERAL_PORTS});
}

const allowAllOut: NetworkAclEntry = {ruleNumber: 100, egress: true, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0'};
const allowAllIn: NetworkAclEntry = {ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0'};

describe('network ACL', () => {
  it('first match wins: a lower-numbered deny for part of the network blocks the port', () => {
    const result = ingress([
      {ruleNumber: 90, egress: false, action: 'deny', protocol: '6', cidr: '10.100.7.0/24', portRange: {from: 61617, to: 61617}},
      allowAllIn,
      allowAllOut,
    ], undefined);
    expect(result.naclInbound.status).toBe('ok');
    expect(result.naclInbound.ports).toEqual([5671, 61614, 8883, 61619, 8162]);
    expect(result.openPorts).toEqual([5671, 8162]);
  });

  it('a later deny does not override an earlier allow', () => {
    const result = ingress([allowAllIn, {ruleNumber: 200, egress: false, action: 'deny', protocol: '-1', cidr: DC}, allowAllOut], undefined);
    expect(result.naclInbound.ports).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
  });

  it('replies need the whole ephemeral range: a gap in the outbound allow rules breaks the way back', () => {
    const result = ingress([
      allowAllIn,
      {ruleNumber: 100, egress: true, action: 'allow', protocol: '6', cidr: DC, portRange: {from: 1024, to: 32767}},
      {ruleNumber: 110, egress: true, action: 'allow', protocol: '6', cidr: DC, portRange: {from: 49152, to: 65535}},
    ], undefined);
    expect(result.naclReturn.status).toBe('broken');
    expect(result.naclReturn.reason).toContain('blocks replies to 10.100.0.0/16 on ports 32768-49151');
    expect(result.openPorts).toEqual([]);
  });

  it('no inbound rule for the network at all: broken on every port, the groups are still judged', () => {
    const result = ingress([{ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '10.20.0.0/16'}, allowAllOut], undefined);
    expect([result.naclInbound.status, result.naclInbound.break, result.naclInbound.rules]).toEqual(['broken', 'nacl', ['* deny']]);
    expect(result.securityGroup.status).toBe('ok');
  });
});

describe('security groups', () => {
  it('a rule must cover the whole network; a port range rule counts for every port in it', () => {
    const result = ingress(undefined, [
      {id: 'sgr-0a1a1a1a1a1a1a1a1', groupId: SG, egress: false, protocol: 'tcp', fromPort: 61614, toPort: 61619, cidrIpv4: '10.0.0.0/8'},
      ingressRule('sgr-0b2b2b2b2b2b2b2b2', 8162, {cidr: '10.100.0.0/17'}),
    ]);
    expect(result.securityGroup.ports).toEqual([61617, 61614, 61619]);
    expect(result.openPorts).toEqual([61617, 61614, 61619]);
  });

  it('protocol -1 admits every port; rules that reference groups admit no on-premises network', () => {
    const all = ingress(undefined, [{id: 'sgr-0c3c3c3c3c3c3c3c3', groupId: SG, egress: false, protocol: '-1', cidrIpv4: DC}]);
    expect(all.openPorts).toEqual([61617, 5671, 61614, 8883, 61619, 8162]);
    const referenced = ingress(undefined, [{id: 'sgr-0d4d4d4d4d4d4d4d4', groupId: SG, egress: false, protocol: '-1', referencedGroupId: 'sg-0a9b8c7d6e5f43210'}]);
    expect([referenced.securityGroup.status, referenced.securityGroup.break]).toEqual(['broken', 'security-group']);
  });

  it('egress rules never admit traffic in', () => {
    const result = ingress(undefined, [{id: 'sgr-0e5e5e5e5e5e5e5e5', groupId: SG, egress: true, protocol: '-1', cidrIpv4: '0.0.0.0/0'}]);
    expect(result.securityGroup.status).toBe('broken');
  });
});
