/**
 * The recorded network estate of fixtures/aws/ec2/ and fixtures/aws/directconnect/ (see their README.md), served by
 * the local AWS stub, and the ids the collector must (and must not) come back with.
 */
import {join} from 'node:path';

import {installDirectConnect, loadDxEstate} from '../helpers/aws-stub/directconnect';
import type {DxEstate} from '../helpers/aws-stub/directconnect';
import {installEc2Network, loadEc2Estate} from '../helpers/aws-stub/ec2';
import type {Ec2NetworkEstate} from '../helpers/aws-stub/ec2';
import {startAwsStub} from '../helpers/aws-stub/server';
import type {AwsStub} from '../helpers/aws-stub/server';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'aws');

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';

export interface NetworkStubOptions {
  ec2PageSize?: Ec2NetworkEstate['pageSize'];
  dxPageSize?: DxEstate['pageSize'];
}

/** A stub serving the recorded EC2 and Direct Connect estate (MQ and STS are not installed here). */
export async function startNetworkStub(options: NetworkStubOptions = {}): Promise<AwsStub> {
  const stub = await startAwsStub();
  installEc2Network(stub, {regions: loadEc2Estate(join(FIXTURES, 'ec2')), pageSize: options.ec2PageSize});
  installDirectConnect(stub, {...loadDxEstate(join(FIXTURES, 'directconnect')), pageSize: options.dxPageSize});
  return stub;
}

/** Dummy credentials: the stub routes by the SigV4 scope and never checks signatures. */
export function useStubCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

// ---- ids of the estate (fixtures/aws/ec2/README.md) ---------------------------------------------------------------

export const VPC_PROD = 'vpc-0c7d8e9f0a1b2c3d4';
export const SUBNET_A = 'subnet-0f1e2d3c4b5a69788';
export const SUBNET_B = 'subnet-0a9b8c7d6e5f40312';
export const SUBNET_C = 'subnet-0d4c3b2a1f0e9d8c7';
export const SUBNET_DEV = 'subnet-0b2c3d4e5f6a70819';
export const SG_ORDERS = 'sg-0a1b2c3d4e5f60718';
export const SG_DEV = 'sg-0c4d5e6f7a8b9c0d1';
export const SG_EVENTS = 'sg-0e1f2a3b4c5d6e7f8';
export const RTB_PRIVATE = 'rtb-0a1b2c3d4e5f60718';
export const RTB_MAIN = 'rtb-0b2c3d4e5f6a70829';
export const RTB_PUBLIC = 'rtb-0c3d4e5f6a7b80930';
export const RTB_APP = 'rtb-0d4e5f6a7b8c90a41';
export const TGW = 'tgw-0f1e2d3c4b5a69780';
export const TGW_RT_PROD = 'tgw-rtb-0a1b2c3d4e5f60791';
export const TGW_RT_ONPREM = 'tgw-rtb-0b2c3d4e5f6a70802';
export const VGW = 'vgw-0b1c2d3e4f5a67890';
export const VGW_LEGACY = 'vgw-09f8e7d6c5b4a3921';
export const PCX = 'pcx-0e1d2c3b4a5f67890';
export const PL_S3 = 'pl-6da54004';
export const PL_ADMIN = 'pl-0f3e2d1c0b9a87654';
export const PL_DC2 = 'pl-0a9b8c7d6e5f43210';
export const VPN_VGW = 'vpn-0a1b2c3d4e5f60712';
export const VPN_TGW = 'vpn-0b2c3d4e5f6a70823';
export const VPN_STATIC = 'vpn-0c3d4e5f6a7b80934';
export const DXGW_PRIVATE = '4c1f5e2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b';
export const DXGW_TRANSIT = '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a';

/** Per collection, the ids the brokers' scope covers (in the order the fixtures list them). */
export const EXPECTED_IDS = {
  vpcs: [VPC_PROD],
  subnets: [SUBNET_A, SUBNET_B, SUBNET_DEV, SUBNET_C],
  // Every table of the brokers' VPC, including the app subnet's: the main table is only known by listing them all.
  routeTables: [RTB_PRIVATE, RTB_MAIN, RTB_PUBLIC, RTB_APP],
  securityGroups: [SG_ORDERS, SG_DEV, SG_EVENTS],
  securityGroupRules: [
    'sgr-0a1b2c3d4e5f60731',
    'sgr-0b2c3d4e5f6a70842',
    'sgr-0c3d4e5f6a7b80953',
    'sgr-0d4e5f6a7b8c90a64',
    'sgr-0e5f6a7b8c9d0a175',
    'sgr-0f6a7b8c9d0e1a286',
    'sgr-01a2b3c4d5e6f7a97',
    'sgr-02b3c4d5e6f7a8b08',
    'sgr-03c4d5e6f7a8b9c19',
    'sgr-04d5e6f7a8b9c0d2a',
    'sgr-05e6f7a8b9c0d1e3b',
  ],
  networkAcls: ['acl-0a1b2c3d4e5f60789', 'acl-0b2c3d4e5f6a70890'],
  prefixLists: [PL_S3, PL_ADMIN, PL_DC2],
  internetGateways: ['igw-0d3c2b1a0f9e8d7c6'],
  natGateways: ['nat-0a1b2c3d4e5f67890'],
  // Region-wide: the detached one explains the blackhole route of the main table.
  vpnGateways: [VGW, VGW_LEGACY],
  customerGateways: ['cgw-0a1b2c3d4e5f60781', 'cgw-0b2c3d4e5f6a70892', 'cgw-0c3d4e5f6a7b80903'],
  vpnConnections: [VPN_VGW, VPN_TGW, VPN_STATIC],
  transitGateways: [TGW],
  transitGatewayAttachments: [
    'tgw-attach-0a1b2c3d4e5f60713',
    'tgw-attach-0b2c3d4e5f6a70824',
    'tgw-attach-0c3d4e5f6a7b80935',
    'tgw-attach-0d4e5f6a7b8c90a46',
  ],
  transitGatewayRouteTables: [TGW_RT_PROD, TGW_RT_ONPREM],
  vpcPeeringConnections: [PCX],
  // The brokers' ENIs: not the app instance in a broker subnet, not the batch host carrying a broker SG elsewhere.
  networkInterfaces: [
    'eni-0a1b2c3d4e5f60721',
    'eni-0b2c3d4e5f6a70832',
    'eni-0c3d4e5f6a7b80943',
    'eni-0d4e5f6a7b8c90a54',
    'eni-0e5f6a7b8c9d0a165',
    'eni-0f6a7b8c9d0e1a276',
  ],
  dxConnections: ['dxcon-fg5x7k2p', 'dxcon-fh2m9q4r', 'dxcon-fh7w1n6t'],
  dxLags: ['dxlag-ffq3k8z1'],
  dxVirtualInterfaces: ['dxvif-fgk3m7q2', 'dxvif-fgt8p4w1', 'dxvif-ffr2j6n9'],
};

/** Secrets present in the recorded responses that must never reach the snapshot. */
export const SECRETS = [
  // VPN pre-shared keys (Options.TunnelOptions[].PreSharedKey and inside CustomerGatewayConfiguration)
  'Zq8v3XkT.dc1-t1_psk',
  'Lm4p9WcR.dc1-t2_psk',
  'Tn6b2QsY.dc2-t1_psk',
  'Hx1r7JdF.dc2-t2_psk',
  'Pw5k8NvZ.dc1-s1_psk',
  'Ck3m6GhB.dc1-s2_psk',
  // BGP MD5 keys (authKey on interfaces and peers, and inside customerRouterConfig)
  '0xBgpAuth-private101-Q7wE',
  '0xBgpAuth-transit201-R8tY',
  '0xBgpAuth-legacy301-U9iO',
  'pre_shared_key',
  'bgp_auth_key',
];
