/** The pure parts of the network collectors: response mapping edge cases, filter chunking, the brokers' scope. */
import {collectionErrorFor} from '../../src/inventory/attempt';
import {toAssociation, toDxVirtualInterface} from '../../src/inventory/directconnect';
import {filterChunks} from '../../src/inventory/ec2-network';
import {
  toCustomerGateway,
  toRoute,
  toSubnet,
  toTransitGatewayRoute,
  toVpc,
  toVpnConnection,
} from '../../src/inventory/ec2-shapes';
import {brokerNetworkScope} from '../../src/inventory/network';
import {MissingFieldsError} from '../../src/inventory/shapes';
import {ALL_BROKERS, DEV_SANDBOX_AMQ, EVENTS_RMQ_PROD, ORDERS_AMQ_PROD} from './expected';

const ids = (prefix: string, n: number): string[] =>
  Array.from({length: n}, (_, i) => `${prefix}-${i.toString().padStart(3, '0')}`);

describe('filterChunks', () => {
  it('sends at most 100 values per filter: 250 ids take 3 calls', () => {
    const calls = filterChunks([{name: 'subnet-id', values: ids('subnet', 250)}]);

    expect(calls.map((filters) => filters.map((f) => [f.Name, f.Values?.length]))).toEqual([
      [['subnet-id', 100]],
      [['subnet-id', 100]],
      [['subnet-id', 50]],
    ]);
    expect(calls.flatMap((filters) => filters[0].Values)).toEqual(ids('subnet', 250));
  });

  it('covers every combination when two filters are ANDed (150 × 120 → 4 calls)', () => {
    const calls = filterChunks([
      {name: 'subnet-id', values: ids('subnet', 150)},
      {name: 'group-id', values: ids('sg', 120)},
    ]);

    expect(calls.map((filters) => filters.map((f) => f.Values?.length))).toEqual([
      [100, 100],
      [100, 20],
      [50, 100],
      [50, 20],
    ]);
  });

  it('drops duplicate values and makes no call for an empty filter (nothing could match)', () => {
    expect(filterChunks([{name: 'vpc-id', values: ['vpc-1', 'vpc-1', 'vpc-2']}])).toEqual([
      [{Name: 'vpc-id', Values: ['vpc-1', 'vpc-2']}],
    ]);
    expect(filterChunks([{name: 'vpc-id', values: []}])).toEqual([]);
    expect(
      filterChunks([
        {name: 'subnet-id', values: ['subnet-1']},
        {name: 'group-id', values: []},
      ]),
    ).toEqual([]);
  });
});

describe('toRoute', () => {
  const route = (fields: Record<string, string>) =>
    toRoute({DestinationCidrBlock: '192.168.0.0/16', State: 'active', ...fields}, 'rtb-1');

  it.each([
    [{GatewayId: 'local'}, 'local', 'local'],
    [{GatewayId: 'igw-1'}, 'internet-gateway', 'igw-1'],
    [{GatewayId: 'vgw-1'}, 'vpn-gateway', 'vgw-1'],
    [{GatewayId: 'vpce-1'}, 'vpc-endpoint', 'vpce-1'],
    [{GatewayId: 'xyz-1'}, 'unknown', 'xyz-1'],
    [{TransitGatewayId: 'tgw-1'}, 'transit-gateway', 'tgw-1'],
    [{NatGatewayId: 'nat-1'}, 'nat-gateway', 'nat-1'],
    [{VpcPeeringConnectionId: 'pcx-1'}, 'vpc-peering-connection', 'pcx-1'],
    [{EgressOnlyInternetGatewayId: 'eigw-1'}, 'egress-only-internet-gateway', 'eigw-1'],
    [{CarrierGatewayId: 'cagw-1'}, 'carrier-gateway', 'cagw-1'],
    [{LocalGatewayId: 'lgw-1'}, 'local-gateway', 'lgw-1'],
    [
      {CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/cn-1'},
      'core-network',
      'arn:aws:networkmanager::1:core-network/cn-1',
    ],
    [
      {OdbNetworkArn: 'arn:aws:odb:eu-west-1:1:odb-network/odb-1'},
      'odb-network',
      'arn:aws:odb:eu-west-1:1:odb-network/odb-1',
    ],
    // An instance route names the instance and its ENI: the instance is the target.
    [{InstanceId: 'i-1', NetworkInterfaceId: 'eni-1'}, 'instance', 'i-1'],
    [{NetworkInterfaceId: 'eni-1'}, 'network-interface', 'eni-1'],
  ])('maps %j to %s', (fields, targetType, targetId) => {
    expect(route(fields)).toMatchObject({targetType, targetId});
  });

  it('keeps a route whose target it does not know, as unknown (it still decides longest-prefix matches)', () => {
    expect(route({})).toEqual({
      destinationCidr: '192.168.0.0/16',
      targetType: 'unknown',
      targetId: '',
      state: 'active',
    });
  });

  it('takes the IPv6 or prefix-list destination when there is no IPv4 one, and refuses a route without destination', () => {
    expect(toRoute({DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1'}, 'rtb-1')).toEqual({
      destinationIpv6Cidr: '::/0',
      targetType: 'egress-only-internet-gateway',
      targetId: 'eigw-1',
    });
    expect(() => toRoute({GatewayId: 'igw-1'}, 'rtb-1')).toThrow(MissingFieldsError);
  });
});

describe('mapping rules', () => {
  it('refuses an item without its identifying fields, and the error names what is missing', () => {
    expect(() => toSubnet({SubnetId: 'subnet-1'})).toThrow('subnet in subnet-1 lacks VpcId');
    expect(() => toTransitGatewayRoute({State: 'active'}, 'tgw-rtb-1')).toThrow(
      /tgw-rtb-1 lacks DestinationCidrBlock\|PrefixListId/,
    );
  });

  it('records a malformed item as a malformed-response collection error for the call', () => {
    let thrown: unknown;
    try {
      toSubnet({VpcId: 'vpc-1'});
    } catch (err) {
      thrown = err;
    }

    expect(collectionErrorFor(thrown, {service: 'ec2', operation: 'DescribeSubnets', region: 'eu-west-1'})).toEqual({
      service: 'ec2',
      operation: 'DescribeSubnets',
      region: 'eu-west-1',
      code: 'MalformedResponse',
      kind: 'malformed-response',
      message: 'DescribeSubnets: subnet lacks SubnetId',
    });
  });

  it('keeps only associated VPC CIDRs, primary first, and omits what AWS did not return', () => {
    expect(
      toVpc({
        VpcId: 'vpc-1',
        CidrBlock: '10.0.0.0/16',
        CidrBlockAssociationSet: [
          {CidrBlock: '10.1.0.0/16', CidrBlockState: {State: 'associated'}},
          {CidrBlock: '10.0.0.0/16', CidrBlockState: {State: 'associated'}},
          {CidrBlock: '10.2.0.0/16', CidrBlockState: {State: 'disassociating'}},
        ],
      }),
    ).toStrictEqual({id: 'vpc-1', cidrs: ['10.0.0.0/16', '10.1.0.0/16']});
  });

  it('reads dynamic routing as the documented default when Options is absent, and never copies the configuration', () => {
    const vpn = toVpnConnection({
      VpnConnectionId: 'vpn-1',
      CustomerGatewayConfiguration: '<pre_shared_key>secret</pre_shared_key>',
    });

    expect(vpn).toStrictEqual({id: 'vpn-1', staticRoutesOnly: false, tunnels: [], routes: []});
  });

  it('takes BgpAsnExtended when a customer gateway has a 4-byte ASN', () => {
    expect(toCustomerGateway({CustomerGatewayId: 'cgw-1', BgpAsnExtended: '4200000000'})).toStrictEqual({
      id: 'cgw-1',
      bgpAsn: '4200000000',
    });
  });

  it('takes asnLong over asn and drops the empty gateway ids Direct Connect sends', () => {
    expect(
      toDxVirtualInterface({
        virtualInterfaceId: 'dxvif-1',
        asn: 0,
        asnLong: 4200000001,
        virtualGatewayId: '',
        directConnectGatewayId: 'dxgw-1',
        authKey: 'k',
        bgpPeers: [{asnLong: 4200000001, authKey: 'k'}],
      }),
    ).toStrictEqual({id: 'dxvif-1', asn: 4200000001, directConnectGatewayId: 'dxgw-1', bgpPeers: [{asn: 4200000001}]});
  });

  it('reads an association in the older virtualGateway* shape', () => {
    expect(
      toAssociation(
        {
          associationId: 'a-1',
          associationState: 'associated',
          virtualGatewayId: 'vgw-1',
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- the former field, as older responses carry it
          virtualGatewayRegion: 'eu-west-1',
          virtualGatewayOwnerAccount: '123456789012',
        },
        'dxgw-1',
      ),
    ).toStrictEqual({
      associationId: 'a-1',
      state: 'associated',
      associatedGatewayId: 'vgw-1',
      associatedGatewayType: 'virtualPrivateGateway',
      associatedGatewayRegion: 'eu-west-1',
      associatedGatewayOwnerAccount: '123456789012',
      allowedPrefixes: [],
    });
    expect(() => toAssociation({associationState: 'associated'}, 'dxgw-1')).toThrow(
      /associationId, associatedGateway.id, associatedGateway.type/,
    );
  });
});

describe('brokerNetworkScope', () => {
  it('is the described brokers subnets and security groups, each once', () => {
    expect(brokerNetworkScope(ALL_BROKERS)).toEqual({
      subnetIds: [
        'subnet-0f1e2d3c4b5a69788',
        'subnet-0a9b8c7d6e5f40312',
        'subnet-0b2c3d4e5f6a70819',
        'subnet-0d4c3b2a1f0e9d8c7',
      ],
      securityGroupIds: ['sg-0a1b2c3d4e5f60718', 'sg-0c4d5e6f7a8b9c0d1', 'sg-0e1f2a3b4c5d6e7f8'],
    });
    expect(
      brokerNetworkScope([{...ORDERS_AMQ_PROD, details: null}, DEV_SANDBOX_AMQ, EVENTS_RMQ_PROD]).securityGroupIds,
    ).toEqual(['sg-0c4d5e6f7a8b9c0d1', 'sg-0e1f2a3b4c5d6e7f8']);
  });
});
