/**
 * The network collectors against the local AWS stub with the real SDK (EC2 query/XML, Direct Connect JSON 1.1),
 * serving the recorded estate of fixtures/aws/ec2 and fixtures/aws/directconnect (see their README.md).
 */
import {createAwsClients} from '../../src/inventory/clients';
import type {AwsClients} from '../../src/inventory/clients';
import {accountNetworkRegion, collectAccountNetwork, collectRegionNetwork} from '../../src/inventory/network';
import type {DirectConnectGatewayInfo, NetworkCollection, RegionNetwork} from '../../src/snapshot/network';
import {inventoryValidator} from '../../src/snapshot/read';
import type {Broker, CollectionError, RegionInventory} from '../../src/snapshot/types';
import {dxAccessDenied} from '../helpers/aws-stub/directconnect';
import {awsJson} from '../helpers/aws-stub/protocols';
import {ec2Error, ec2Unauthorized} from '../helpers/aws-stub/ec2';
import type {AwsStub, RecordedRequest} from '../helpers/aws-stub/server';
import {ALL_BROKERS, DEV_SANDBOX_AMQ, EVENTS_RMQ_PROD, ORDERS_AMQ_PROD} from './expected';
import {
  ACCOUNT,
  DXGW_PRIVATE,
  DXGW_TRANSIT,
  EXPECTED_IDS,
  PCX,
  PL_ADMIN,
  PL_DC2,
  PL_S3,
  REGION,
  RTB_MAIN,
  RTB_PRIVATE,
  SECRETS,
  SG_DEV,
  SG_EVENTS,
  SG_ORDERS,
  startNetworkStub,
  SUBNET_A,
  SUBNET_B,
  SUBNET_C,
  SUBNET_DEV,
  TGW,
  TGW_RT_ONPREM,
  TGW_RT_PROD,
  useStubCredentials,
  VGW,
  VPC_PROD,
  VPN_STATIC,
  VPN_TGW,
  VPN_VGW,
} from './network-fixtures';
import type {NetworkStubOptions} from './network-fixtures';

useStubCredentials();

const CONCURRENCY = 5;

interface Run {
  network: RegionNetwork | undefined;
  gateways: DirectConnectGatewayInfo[] | null | undefined;
  errors: CollectionError[];
  requests: readonly RecordedRequest[];
  stub: AwsStub;
}

let stub: AwsStub | undefined;
let clients: AwsClients | undefined;

async function stopStub(): Promise<void> {
  clients?.destroy();
  await stub?.close();
  stub = undefined;
  clients = undefined;
}

afterEach(stopStub);

/** Collect the region's network and the account's gateways as collect.ts does. */
async function collect(
  brokers: Broker[] | null = ALL_BROKERS,
  options: NetworkStubOptions & {prepare?: (stub: AwsStub) => void} = {},
): Promise<Run> {
  await stopStub(); // a test may collect twice
  stub = await startNetworkStub(options);
  options.prepare?.(stub);
  clients = createAwsClients({endpoint: stub.url, maxAttempts: 1});
  const errors: CollectionError[] = [];
  const network = await collectRegionNetwork(
    clients,
    {clients, accountId: ACCOUNT, partition: 'aws', region: REGION, concurrency: CONCURRENCY},
    brokers,
    errors,
  );
  const region: RegionInventory = {region: REGION, mqOffered: true, brokers, ...(network && {network})};
  const account = await collectAccountNetwork(clients, [region], CONCURRENCY, errors);
  return {network, gateways: account.directConnectGateways, errors, requests: stub.requests, stub};
}

function ids(network: RegionNetwork | undefined): Record<string, string[] | null> {
  return Object.fromEntries(
    Object.entries(network ?? {}).map(([key, items]) => [
      key,
      items === null ? null : (items as {id: string}[]).map((item) => item.id),
    ]),
  );
}

function countByOperation(requests: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[`${r.service}:${r.operation}`] = (counts[`${r.service}:${r.operation}`] ?? 0) + 1;
  return counts;
}

/** `Filter.N.Name` → its values, as the request sent them. */
function filtersOf(request: RecordedRequest): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const [key, name] of Object.entries(request.params)) {
    const match = /^Filter\.(\d+)\.Name$/.exec(key);
    if (!match) continue;
    filters[name] = Object.entries(request.params)
      .filter(([valueKey]) => valueKey.startsWith(`Filter.${match[1]}.Value.`))
      .map(([, value]) => value);
  }
  return filters;
}

function only(requests: readonly RecordedRequest[], operation: string): RecordedRequest {
  const found = requests.filter((r) => r.operation === operation);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('collectRegionNetwork + collectAccountNetwork over the recorded estate', () => {
  it('collects exactly the objects around the brokers, with nothing failed', async () => {
    const {network, gateways, errors} = await collect();

    expect(errors).toEqual([]);
    expect(ids(network)).toEqual(EXPECTED_IDS);
    expect(gateways?.map((g) => g.id)).toEqual([DXGW_PRIVATE, DXGW_TRANSIT]);
  });

  it('normalizes route tables: main flag, associations, propagating gateways, every route target kind', async () => {
    const {network} = await collect();

    expect(network?.routeTables?.find((t) => t.id === RTB_PRIVATE)).toStrictEqual({
      id: RTB_PRIVATE,
      vpcId: VPC_PROD,
      ownerId: ACCOUNT,
      name: 'mq-prod-private',
      main: false,
      associations: [
        {id: 'rtbassoc-0a1b2c3d4e5f607181', main: false, subnetId: SUBNET_A, state: 'associated'},
        {id: 'rtbassoc-0b2c3d4e5f6a708192', main: false, subnetId: SUBNET_B, state: 'associated'},
      ],
      propagatingVgwIds: [VGW],
      routes: [
        {
          destinationCidr: '10.42.0.0/16',
          targetType: 'local',
          targetId: 'local',
          state: 'active',
          origin: 'CreateRouteTable',
        },
        {
          destinationCidr: '10.0.0.0/8',
          targetType: 'transit-gateway',
          targetId: TGW,
          state: 'active',
          origin: 'CreateRoute',
        },
        {
          destinationCidr: '172.20.0.0/16',
          targetType: 'vpc-peering-connection',
          targetId: PCX,
          state: 'active',
          origin: 'CreateRoute',
        },
        {
          destinationCidr: '192.168.0.0/16',
          targetType: 'vpn-gateway',
          targetId: VGW,
          state: 'active',
          origin: 'EnableVgwRoutePropagation',
        },
        {
          destinationPrefixListId: PL_S3,
          targetType: 'vpc-endpoint',
          targetId: 'vpce-0123456789abcdef0',
          state: 'active',
          origin: 'CreateRoute',
        },
      ],
    });
    const main = network?.routeTables?.find((t) => t.id === RTB_MAIN);
    expect(main?.main).toBe(true);
    expect(main?.associations).toEqual([{id: 'rtbassoc-0c3d4e5f6a7b809203', main: true, state: 'associated'}]);
    expect(main?.routes).toContainEqual({
      destinationCidr: '172.16.0.0/12',
      targetType: 'vpn-gateway',
      targetId: 'vgw-09f8e7d6c5b4a3921',
      state: 'blackhole',
      origin: 'CreateRoute',
    });
    expect(network?.routeTables?.find((t) => t.id === 'rtb-0d4e5f6a7b8c90a41')?.routes).toContainEqual({
      destinationCidr: '0.0.0.0/0',
      targetType: 'nat-gateway',
      targetId: 'nat-0a1b2c3d4e5f67890',
      state: 'active',
      origin: 'CreateRoute',
    });
  });

  it('normalizes VPCs (associated CIDRs only), subnets, security group rules and network ACL entries', async () => {
    const {network} = await collect();

    expect(network?.vpcs).toStrictEqual([
      {id: VPC_PROD, ownerId: ACCOUNT, name: 'mq-prod', state: 'available', isDefault: false, cidrs: ['10.42.0.0/16']},
    ]);
    expect(network?.subnets?.find((s) => s.id === SUBNET_DEV)).toStrictEqual({
      id: SUBNET_DEV,
      vpcId: VPC_PROD,
      ownerId: ACCOUNT,
      name: 'mq-dev-public-a',
      availabilityZone: 'eu-west-1a',
      availabilityZoneId: 'euw1-az1',
      cidr: '10.42.3.0/24',
      mapPublicIpOnLaunch: true,
    });
    expect(network?.securityGroupRules?.filter((r) => r.groupId === SG_ORDERS)).toStrictEqual([
      {
        id: 'sgr-0a1b2c3d4e5f60731',
        groupId: SG_ORDERS,
        egress: false,
        protocol: 'tcp',
        fromPort: 61617,
        toPort: 61617,
        cidrIpv4: '192.168.0.0/16',
        description: 'OpenWire from on-premises',
      },
      {
        id: 'sgr-0b2c3d4e5f6a70842',
        groupId: SG_ORDERS,
        egress: false,
        protocol: 'tcp',
        fromPort: 8162,
        toPort: 8162,
        prefixListId: PL_ADMIN,
        description: 'Web console from admin networks',
      },
      {
        id: 'sgr-0c3d4e5f6a7b80953',
        groupId: SG_ORDERS,
        egress: false,
        protocol: 'tcp',
        fromPort: 61617,
        toPort: 61617,
        referencedGroupId: 'sg-0123abcd4567ef890',
        description: 'orders-service',
      },
      {
        id: 'sgr-0d4e5f6a7b8c90a64',
        groupId: SG_ORDERS,
        egress: true,
        protocol: '-1',
        fromPort: -1,
        toPort: -1,
        cidrIpv4: '0.0.0.0/0',
      },
    ]);
    expect(network?.securityGroupRules?.find((r) => r.id === 'sgr-01a2b3c4d5e6f7a97')).toMatchObject({
      groupId: SG_DEV,
      cidrIpv6: '::/0',
    });
    const devAcl = network?.networkAcls?.find((acl) => acl.id === 'acl-0b2c3d4e5f6a70890');
    expect(devAcl).toMatchObject({vpcId: VPC_PROD, isDefault: false, subnetIds: [SUBNET_DEV]});
    expect(devAcl?.entries).toContainEqual({
      ruleNumber: 110,
      egress: false,
      action: 'allow',
      protocol: '6',
      cidr: '203.0.113.0/24',
      portRange: {from: 8162, to: 8162},
    });
    expect(devAcl?.entries).toContainEqual({
      ruleNumber: 32768,
      egress: false,
      action: 'deny',
      protocol: '-1',
      ipv6Cidr: '::/0',
    });
    expect(network?.networkAcls?.find((acl) => acl.isDefault)?.subnetIds).toEqual([
      SUBNET_A,
      SUBNET_B,
      SUBNET_C,
      'subnet-03e4f5a6b7c8d9e0f',
    ]);
  });

  it('normalizes VPN connections: tunnels telemetry, static routes, VGW or TGW', async () => {
    const {network} = await collect();
    const vpn = (id: string) => network?.vpnConnections?.find((v) => v.id === id);

    expect(vpn(VPN_VGW)).toStrictEqual({
      id: VPN_VGW,
      name: 'dc1-to-mq-prod',
      state: 'available',
      type: 'ipsec.1',
      customerGatewayId: 'cgw-0a1b2c3d4e5f60781',
      vpnGatewayId: VGW,
      staticRoutesOnly: false,
      category: 'VPN',
      tunnels: [
        {
          outsideIpAddress: '52.208.113.17',
          status: 'UP',
          statusMessage: '3 BGP ROUTES',
          lastStatusChange: '2026-11-19T03:12:44.000Z',
          acceptedRouteCount: 3,
        },
        {
          outsideIpAddress: '34.248.92.201',
          status: 'UP',
          statusMessage: '3 BGP ROUTES',
          lastStatusChange: '2026-11-19T03:13:02.000Z',
          acceptedRouteCount: 3,
        },
      ],
      routes: [],
    });
    expect(vpn(VPN_TGW)).toMatchObject({
      transitGatewayId: TGW,
      tunnels: [{status: 'UP'}, {status: 'DOWN', acceptedRouteCount: 0}],
    });
    expect(vpn(VPN_TGW)).not.toHaveProperty('vpnGatewayId');
    expect(vpn(VPN_STATIC)).toMatchObject({
      staticRoutesOnly: true,
      routes: [
        {destinationCidr: '192.168.10.0/24', state: 'available', source: 'Static'},
        {destinationCidr: '192.168.11.0/24', state: 'pending', source: 'Static'},
      ],
    });
    expect(network?.vpnGateways?.find((g) => g.id === 'vgw-09f8e7d6c5b4a3921')).toStrictEqual({
      id: 'vgw-09f8e7d6c5b4a3921',
      name: 'legacy-vgw',
      state: 'available',
      amazonSideAsn: 64496,
      attachments: [{vpcId: VPC_PROD, state: 'detached'}],
    });
  });

  it('normalizes the transit gateway, its attachments, and each route table with propagations and active/blackhole routes', async () => {
    const {network} = await collect();

    expect(network?.transitGateways).toStrictEqual([
      {
        id: TGW,
        arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:transit-gateway/${TGW}`,
        ownerId: ACCOUNT,
        name: 'core-tgw',
        state: 'available',
        amazonSideAsn: 64513,
        associationDefaultRouteTableId: TGW_RT_PROD,
        propagationDefaultRouteTableId: TGW_RT_ONPREM,
      },
    ]);
    expect(network?.transitGatewayAttachments?.find((a) => a.resourceType === 'direct-connect-gateway')).toStrictEqual({
      id: 'tgw-attach-0c3d4e5f6a7b80935',
      transitGatewayId: TGW,
      transitGatewayOwnerId: ACCOUNT,
      resourceType: 'direct-connect-gateway',
      resourceId: DXGW_TRANSIT,
      resourceOwnerId: ACCOUNT,
      state: 'available',
      name: 'dxgw-mq-transit',
      association: {routeTableId: TGW_RT_ONPREM, state: 'associated'},
    });
    const prod = network?.transitGatewayRouteTables?.find((t) => t.id === TGW_RT_PROD);
    expect(prod?.propagations).toEqual([
      {attachmentId: 'tgw-attach-0b2c3d4e5f6a70824', resourceType: 'vpn', resourceId: VPN_TGW, state: 'enabled'},
      {
        attachmentId: 'tgw-attach-0c3d4e5f6a7b80935',
        resourceType: 'direct-connect-gateway',
        resourceId: DXGW_TRANSIT,
        state: 'enabled',
      },
    ]);
    // The fixture also holds a route in state "deleting": the state filter keeps it out.
    expect(prod?.routes).toStrictEqual([
      {destinationCidr: '10.66.0.0/16', state: 'blackhole', type: 'static', attachments: []},
      {
        destinationCidr: '10.99.0.0/16',
        state: 'active',
        type: 'static',
        attachments: [
          {attachmentId: 'tgw-attach-0d4e5f6a7b8c90a46', resourceType: 'peering', resourceId: 'tgw-0b3c5d7e9f1a24680'},
        ],
      },
      {
        destinationCidr: '192.168.0.0/16',
        state: 'active',
        type: 'propagated',
        attachments: [{attachmentId: 'tgw-attach-0b2c3d4e5f6a70824', resourceType: 'vpn', resourceId: VPN_TGW}],
      },
      {
        destinationCidr: '192.168.10.0/24',
        state: 'active',
        type: 'propagated',
        attachments: [
          {
            attachmentId: 'tgw-attach-0c3d4e5f6a7b80935',
            resourceType: 'direct-connect-gateway',
            resourceId: DXGW_TRANSIT,
          },
        ],
      },
      {
        prefixListId: PL_DC2,
        state: 'active',
        type: 'static',
        attachments: [
          {
            attachmentId: 'tgw-attach-0c3d4e5f6a7b80935',
            resourceType: 'direct-connect-gateway',
            resourceId: DXGW_TRANSIT,
          },
        ],
      },
    ]);
  });

  it('reads the prefix lists routes, rules and TGW routes name, with their entries', async () => {
    const {network} = await collect();

    expect(network?.prefixLists).toStrictEqual([
      {
        id: PL_S3,
        name: 'com.amazonaws.eu-west-1.s3',
        ownerId: 'AWS',
        addressFamily: 'IPv4',
        state: 'create-complete',
        entries: ['3.5.64.0/21', '3.5.72.0/23', '52.92.0.0/17', '52.218.0.0/17'],
      },
      {
        id: PL_ADMIN,
        name: 'onprem-admin',
        ownerId: ACCOUNT,
        addressFamily: 'IPv4',
        state: 'create-complete',
        version: 3,
        maxEntries: 10,
        entries: ['192.168.10.0/24', '192.168.20.0/24'],
      },
      {
        id: PL_DC2,
        name: 'onprem-dc2',
        ownerId: ACCOUNT,
        addressFamily: 'IPv4',
        state: 'create-complete',
        version: 1,
        maxEntries: 20,
        entries: ['10.200.0.0/16', '10.201.0.0/16'],
      },
    ]);
  });

  it('normalizes peering, the brokers network interfaces, gateways', async () => {
    const {network} = await collect();

    expect(network?.vpcPeeringConnections).toStrictEqual([
      {
        id: PCX,
        state: 'active',
        requester: {vpcId: VPC_PROD, ownerId: ACCOUNT, region: REGION, cidrs: ['10.42.0.0/16']},
        accepter: {vpcId: 'vpc-0d1e2f3a4b5c6d7e8', ownerId: '210987654321', region: REGION, cidrs: ['172.20.0.0/16']},
      },
    ]);
    expect(network?.networkInterfaces?.find((eni) => eni.subnetId === SUBNET_DEV)).toStrictEqual({
      id: 'eni-0c3d4e5f6a7b80943',
      subnetId: SUBNET_DEV,
      vpcId: VPC_PROD,
      availabilityZone: 'eu-west-1a',
      interfaceType: 'interface',
      description: 'Amazon MQ network interface for broker b-91c0e7d2-55af-4c3b-8e21-6f4d0a9b7c18',
      privateIpAddresses: ['10.42.3.24'],
      publicIp: '54.216.44.91',
      securityGroupIds: [SG_DEV],
      requesterManaged: true,
      status: 'in-use',
    });
    expect(
      network?.networkInterfaces
        ?.filter((eni) => eni.interfaceType === 'vpc_endpoint')
        .map((eni) => eni.securityGroupIds),
    ).toEqual([[SG_EVENTS], [SG_EVENTS], [SG_EVENTS]]);
    expect(network?.internetGateways).toStrictEqual([
      {id: 'igw-0d3c2b1a0f9e8d7c6', ownerId: ACCOUNT, attachments: [{vpcId: VPC_PROD, state: 'available'}]},
    ]);
    expect(network?.natGateways).toStrictEqual([
      {
        id: 'nat-0a1b2c3d4e5f67890',
        vpcId: VPC_PROD,
        subnetId: SUBNET_DEV,
        state: 'available',
        connectivityType: 'public',
      },
    ]);
    expect(network?.customerGateways?.[0]).toStrictEqual({
      id: 'cgw-0a1b2c3d4e5f60781',
      name: 'dc1-edge-01',
      state: 'available',
      ipAddress: '203.0.113.10',
      bgpAsn: '65010',
      deviceName: 'dc1-edge-01',
    });
  });

  it('normalizes Direct Connect: connections, the LAG, interfaces with BGP peers, gateways with associations and attachments', async () => {
    const {network, gateways} = await collect();

    expect(network?.dxConnections?.find((c) => c.id === 'dxcon-fh7w1n6t')).toStrictEqual({
      id: 'dxcon-fh7w1n6t',
      name: 'tcsh-lag-member-2',
      ownerAccount: ACCOUNT,
      state: 'down',
      region: REGION,
      location: 'TCSH',
      bandwidth: '10Gbps',
      lagId: 'dxlag-ffq3k8z1',
      awsDevice: 'TCSH-1h5kq2w8z3r7t',
      hasLogicalRedundancy: 'no',
      // DescribeLocations' name for the code (fixtures/aws/directconnect/eu-west-1/DescribeLocations.json).
      locationName: 'Digital Realty LHR20, London',
    });
    expect(network?.dxConnections?.find((c) => c.id === 'dxcon-fg5x7k2p')).toMatchObject({
      location: 'EqLD5',
      locationName: 'Equinix LD5, London',
    });
    expect(network?.dxLags).toStrictEqual([
      {
        id: 'dxlag-ffq3k8z1',
        name: 'tcsh-lag',
        ownerAccount: ACCOUNT,
        state: 'available',
        region: REGION,
        location: 'TCSH',
        locationName: 'Digital Realty LHR20, London',
        minimumLinks: 1,
        numberOfConnections: 2,
        connectionIds: ['dxcon-fh2m9q4r', 'dxcon-fh7w1n6t'],
      },
    ]);
    expect(network?.dxVirtualInterfaces?.find((v) => v.type === 'transit')).toStrictEqual({
      id: 'dxvif-fgt8p4w1',
      name: 'mq-core-transit-vif',
      ownerAccount: ACCOUNT,
      type: 'transit',
      state: 'available',
      connectionId: 'dxlag-ffq3k8z1',
      region: REGION,
      location: 'TCSH',
      vlan: 201,
      asn: 65020,
      amazonSideAsn: 64521,
      addressFamily: 'ipv4',
      directConnectGatewayId: DXGW_TRANSIT,
      bgpPeers: [
        {id: 'dxpeer-fhb3x8m2', addressFamily: 'ipv4', status: 'up', state: 'available', asn: 65020},
        {id: 'dxpeer-fhc9v4n6', addressFamily: 'ipv6', status: 'down', state: 'available', asn: 65020},
      ],
    });
    // The API sends "" for the gateway an interface is not on: absent, not an id.
    const legacy = network?.dxVirtualInterfaces?.find((v) => v.id === 'dxvif-ffr2j6n9');
    expect(legacy).toMatchObject({virtualGatewayId: VGW, state: 'down'});
    expect(legacy).not.toHaveProperty('directConnectGatewayId');

    expect(gateways).toStrictEqual([
      {
        id: DXGW_PRIVATE,
        name: 'dxgw-mq-private',
        state: 'available',
        ownerAccount: ACCOUNT,
        amazonSideAsn: 64520,
        associations: [
          {
            associationId: 'b7e3d1c9-2a4f-4e6b-8c0d-1f2e3a4b5c6d',
            state: 'associated',
            associatedGatewayId: VGW,
            associatedGatewayType: 'virtualPrivateGateway',
            associatedGatewayRegion: REGION,
            associatedGatewayOwnerAccount: ACCOUNT,
            allowedPrefixes: ['10.42.0.0/16'],
          },
        ],
        attachments: [
          {
            virtualInterfaceId: 'dxvif-fgk3m7q2',
            virtualInterfaceRegion: REGION,
            virtualInterfaceOwnerAccount: ACCOUNT,
            state: 'attached',
            type: 'PrivateVirtualInterface',
          },
          {
            virtualInterfaceId: 'dxvif-fgw5n2k8',
            virtualInterfaceRegion: 'us-east-1',
            virtualInterfaceOwnerAccount: ACCOUNT,
            state: 'attached',
            type: 'PrivateVirtualInterface',
          },
        ],
      },
      {
        id: DXGW_TRANSIT,
        name: 'dxgw-mq-transit',
        state: 'available',
        ownerAccount: ACCOUNT,
        amazonSideAsn: 64521,
        associations: [
          {
            associationId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
            state: 'associated',
            associatedGatewayId: TGW,
            associatedGatewayType: 'transitGateway',
            associatedGatewayRegion: REGION,
            associatedGatewayOwnerAccount: ACCOUNT,
            allowedPrefixes: ['10.42.0.0/16', '10.99.0.0/16'],
          },
        ],
        attachments: [
          {
            virtualInterfaceId: 'dxvif-fgt8p4w1',
            virtualInterfaceRegion: REGION,
            virtualInterfaceOwnerAccount: ACCOUNT,
            state: 'attached',
            type: 'TransitVirtualInterface',
          },
        ],
      },
    ]);
  });

  it('never stores VPN pre-shared keys, customer gateway configurations or BGP auth keys', async () => {
    const {network, gateways} = await collect();
    const stored = JSON.stringify({network, gateways});

    // The recorded responses do carry them (else this test would prove nothing).
    expect(SECRETS.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/preSharedKey|customerGatewayConfiguration|authKey|customerRouterConfig/i);
  });

  it('writes what the inventory schema accepts', async () => {
    const {network, gateways} = await collect();
    const validate = inventoryValidator();
    const snapshot = snapshotWith(network, gateways);

    expect(validate(snapshot) ? [] : validate.errors).toEqual([]);
  });
});

describe('calls per region', () => {
  /**
   * The minimum for this estate, per operation (network.ts header): one call per region-wide or id-filtered
   * describe, one per TGW route table (2) for routes and for propagations, one per referenced prefix list (3), and
   * per account one DescribeDirectConnectGateways plus one associations and one attachments call per gateway (2).
   */
  const MINIMUM: Record<string, number> = {
    'ec2:DescribeSubnets': 1,
    'ec2:DescribeSecurityGroups': 1,
    'ec2:DescribeSecurityGroupRules': 1,
    'ec2:DescribeNetworkAcls': 1,
    'ec2:DescribeNetworkInterfaces': 1,
    'ec2:DescribeVpnGateways': 1,
    'ec2:DescribeCustomerGateways': 1,
    'ec2:DescribeVpnConnections': 1,
    'ec2:DescribeVpcs': 1,
    'ec2:DescribeRouteTables': 1,
    'ec2:DescribeInternetGateways': 1,
    'ec2:DescribeNatGateways': 1,
    'ec2:DescribeTransitGateways': 1,
    'ec2:DescribeTransitGatewayAttachments': 1,
    'ec2:DescribeTransitGatewayRouteTables': 1,
    'ec2:DescribeVpcPeeringConnections': 1,
    'ec2:DescribeManagedPrefixLists': 1,
    'ec2:SearchTransitGatewayRoutes': 2,
    'ec2:GetTransitGatewayRouteTablePropagations': 2,
    'ec2:GetManagedPrefixListEntries': 3,
    'directconnect:DescribeConnections': 1,
    'directconnect:DescribeLags': 1,
    'directconnect:DescribeLocations': 1,
    'directconnect:DescribeVirtualInterfaces': 1,
    'directconnect:DescribeDirectConnectGateways': 1,
    'directconnect:DescribeDirectConnectGatewayAssociations': 2,
    'directconnect:DescribeDirectConnectGatewayAttachments': 2,
  };

  /** The largest page each paged operation accepts (EC2 and Direct Connect API references). */
  const MAX_RESULTS: Record<string, string> = {
    DescribeSubnets: '1000',
    DescribeSecurityGroups: '1000',
    DescribeSecurityGroupRules: '1000',
    DescribeNetworkAcls: '1000',
    DescribeNetworkInterfaces: '1000',
    DescribeVpcs: '1000',
    DescribeRouteTables: '100',
    DescribeInternetGateways: '1000',
    DescribeNatGateways: '1000',
    DescribeTransitGateways: '1000',
    DescribeTransitGatewayAttachments: '1000',
    DescribeTransitGatewayRouteTables: '1000',
    DescribeVpcPeeringConnections: '1000',
    DescribeManagedPrefixLists: '100',
    SearchTransitGatewayRoutes: '1000',
    GetTransitGatewayRouteTablePropagations: '1000',
    GetManagedPrefixListEntries: '100',
  };

  it('makes exactly the minimum number of calls, per operation', async () => {
    const {requests} = await collect();

    expect(countByOperation(requests)).toEqual(MINIMUM);
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });

  it('filters every EC2 call by the brokers ids (or ids derived from them); only the unpaginated VPN calls are region-wide', async () => {
    const {requests} = await collect();
    const ec2 = requests.filter((r) => r.service === 'ec2');
    const brokerSubnets = [SUBNET_A, SUBNET_B, SUBNET_DEV, SUBNET_C];

    // In the brokers' order, each id once.
    expect(filtersOf(only(ec2, 'DescribeSubnets'))).toEqual({'subnet-id': brokerSubnets});
    expect(filtersOf(only(ec2, 'DescribeSecurityGroups'))).toEqual({'group-id': [SG_ORDERS, SG_DEV, SG_EVENTS]});
    expect(filtersOf(only(ec2, 'DescribeSecurityGroupRules'))).toEqual({'group-id': [SG_ORDERS, SG_DEV, SG_EVENTS]});
    expect(filtersOf(only(ec2, 'DescribeNetworkAcls'))).toEqual({
      'association.subnet-id': expect.arrayContaining(brokerSubnets),
    });
    expect(filtersOf(only(ec2, 'DescribeNetworkInterfaces'))).toEqual({
      'subnet-id': expect.arrayContaining(brokerSubnets),
      'group-id': [SG_ORDERS, SG_DEV, SG_EVENTS],
    });
    expect(filtersOf(only(ec2, 'DescribeVpcs'))).toEqual({'vpc-id': [VPC_PROD]});
    expect(filtersOf(only(ec2, 'DescribeRouteTables'))).toEqual({'vpc-id': [VPC_PROD]});
    expect(filtersOf(only(ec2, 'DescribeInternetGateways'))).toEqual({'attachment.vpc-id': [VPC_PROD]});
    expect(filtersOf(only(ec2, 'DescribeNatGateways'))).toEqual({'vpc-id': [VPC_PROD]});
    for (const operation of [
      'DescribeTransitGateways',
      'DescribeTransitGatewayAttachments',
      'DescribeTransitGatewayRouteTables',
    ]) {
      expect(filtersOf(only(ec2, operation))).toEqual({'transit-gateway-id': [TGW]});
    }
    expect(filtersOf(only(ec2, 'DescribeVpcPeeringConnections'))).toEqual({'vpc-peering-connection-id': [PCX]});
    expect(filtersOf(only(ec2, 'DescribeManagedPrefixLists'))).toEqual({
      'prefix-list-id': expect.arrayContaining([PL_S3, PL_ADMIN, PL_DC2]),
    });
    expect(filtersOf(only(ec2, 'DescribeManagedPrefixLists'))['prefix-list-id']).toHaveLength(3);
    for (const r of ec2.filter((r) => r.operation === 'SearchTransitGatewayRoutes'))
      expect(filtersOf(r)).toEqual({state: ['active', 'blackhole']});
    expect(
      ec2
        .filter((r) => r.operation === 'SearchTransitGatewayRoutes')
        .map((r) => r.params.TransitGatewayRouteTableId)
        .sort(),
    ).toEqual([TGW_RT_PROD, TGW_RT_ONPREM].sort());
    expect(
      ec2
        .filter((r) => r.operation === 'GetManagedPrefixListEntries')
        .map((r) => r.params.PrefixListId)
        .sort(),
    ).toEqual([PL_S3, PL_ADMIN, PL_DC2].sort());

    const unfiltered = ec2.filter(
      (r) =>
        Object.keys(filtersOf(r)).length === 0 &&
        !('TransitGatewayRouteTableId' in r.params) &&
        !('PrefixListId' in r.params),
    );
    expect(unfiltered.map((r) => r.operation).sort()).toEqual([
      'DescribeCustomerGateways',
      'DescribeVpnConnections',
      'DescribeVpnGateways',
    ]);
  });

  it('asks every paged call for its largest page', async () => {
    const {requests} = await collect();

    for (const r of requests.filter((r) => r.service === 'ec2')) {
      expect({operation: r.operation, MaxResults: r.params.MaxResults}).toEqual({
        operation: r.operation,
        MaxResults: MAX_RESULTS[r.operation],
      });
    }
    expect(requests.filter((r) => r.service === 'directconnect').length).toBeGreaterThan(0);
  });

  it('calls nothing but Describe/List/Get (and the read-only SearchTransitGatewayRoutes)', async () => {
    const {requests} = await collect();

    const others = requests
      .map((r) => r.operation)
      .filter(
        (operation) => !/^(Describe|List|Get)[A-Z]/.test(operation) && operation !== 'SearchTransitGatewayRoutes',
      );
    expect(others).toEqual([]);
  });

  it('makes no call when the region has no broker, and none when the brokers are unknown', async () => {
    const none = await collect([]);
    expect(none.network).toBeUndefined();
    expect(none.gateways).toBeUndefined();
    expect(none.requests).toEqual([]);

    const unknown = await collect(null);
    expect(unknown.requests).toEqual([]);
    expect(unknown.errors).toEqual([]);
    expect(Object.values(unknown.network ?? {}).every((collection) => collection === null)).toBe(true);
    expect(Object.keys(unknown.network ?? {})).toHaveLength(20);
    expect(unknown.gateways).toBeUndefined();
  });

  it('treats brokers whose DescribeBroker failed as unknown: all collections null, no call', async () => {
    const {network, requests} = await collect([
      {...ORDERS_AMQ_PROD, details: null},
      {...DEV_SANDBOX_AMQ, details: null},
    ]);

    expect(requests).toEqual([]);
    expect(Object.values(network ?? {}).every((collection) => collection === null)).toBe(true);
  });

  it('asks DescribeLocations once, without parameters, and not at all in a region without connections or LAGs', async () => {
    // The stub refuses a parameter DescribeLocations does not take (maxResults, nextToken): answered 200, no error.
    const withLinks = await collect();
    expect(withLinks.errors).toEqual([]);
    expect(withLinks.requests.filter((r) => r.operation === 'DescribeLocations').map((r) => r.status)).toEqual([200]);

    const without = await collect(ALL_BROKERS, {
      prepare: (s) => {
        s.on('directconnect', 'DescribeConnections', () => awsJson({connections: []}));
        s.on('directconnect', 'DescribeLags', () => awsJson({lags: []}));
      },
    });
    expect(without.errors).toEqual([]);
    expect(without.network?.dxConnections).toEqual([]);
    expect(without.network?.dxLags).toEqual([]);
    expect(countByOperation(without.requests)['directconnect:DescribeLocations']).toBeUndefined();
    expect(countByOperation(without.requests)['directconnect:DescribeVirtualInterfaces']).toBe(1);
  });

  it('scopes the filters to the brokers that could be described', async () => {
    const {requests} = await collect([{...ORDERS_AMQ_PROD, details: null}, EVENTS_RMQ_PROD]);

    expect(filtersOf(only(requests, 'DescribeSubnets'))).toEqual({'subnet-id': [SUBNET_A, SUBNET_B, SUBNET_C]});
    expect(filtersOf(only(requests, 'DescribeSecurityGroups'))).toEqual({'group-id': [SG_EVENTS]});
  });
});

describe('pagination', () => {
  it('reads a 2-page EC2 response and 2-page Direct Connect responses to the end, with the same page size', async () => {
    const {network, gateways, requests, errors} = await collect(ALL_BROKERS, {
      ec2PageSize: {DescribeRouteTables: 3},
      dxPageSize: {DescribeVirtualInterfaces: 2, DescribeDirectConnectGateways: 1},
    });

    expect(errors).toEqual([]);
    expect(network?.routeTables?.map((t) => t.id)).toEqual(EXPECTED_IDS.routeTables);
    expect(network?.dxVirtualInterfaces?.map((v) => v.id)).toEqual(EXPECTED_IDS.dxVirtualInterfaces);
    expect(gateways?.map((g) => g.id)).toEqual([DXGW_PRIVATE, DXGW_TRANSIT]);

    const routeTablePages = requests.filter((r) => r.operation === 'DescribeRouteTables');
    expect(routeTablePages.map((r) => r.params.MaxResults)).toEqual(['100', '100']);
    expect(routeTablePages[0].params.NextToken).toBeUndefined();
    expect(routeTablePages[1].params.NextToken).toEqual(expect.any(String));
    expect(filtersOf(routeTablePages[1])).toEqual({'vpc-id': [VPC_PROD]});
    const counts = countByOperation(requests);
    expect(counts['directconnect:DescribeVirtualInterfaces']).toBe(2);
    expect(counts['directconnect:DescribeDirectConnectGateways']).toBe(2);
  });

  it('refuses a SearchTransitGatewayRoutes answer that says more routes exist but gives no token', async () => {
    const {network, errors} = await collect(ALL_BROKERS, {
      prepare: (s) => {
        s.on('ec2', 'SearchTransitGatewayRoutes', (req) =>
          req.params.TransitGatewayRouteTableId === TGW_RT_PROD
            ? {status: 200, headers: {'content-type': 'text/xml'}, body: truncatedSearchResponse()}
            : ec2Error(400, 'InvalidRouteTableID.NotFound', 'not in this test'),
        );
      },
    });

    const prod = network?.transitGatewayRouteTables?.find((t) => t.id === TGW_RT_PROD);
    expect(prod?.routes).toBeNull();
    expect(prod?.propagations).not.toBeNull();
    expect(errors).toContainEqual({
      service: 'ec2',
      operation: 'SearchTransitGatewayRoutes',
      region: REGION,
      resource: TGW_RT_PROD,
      code: 'TruncatedResponse',
      kind: 'malformed-response',
      message: expect.stringContaining('AdditionalRoutesAvailable'),
    });
  });
});

describe('failed calls', () => {
  it('an AccessDenied on DescribeLocations keeps the connections and LAGs, without location names, and is no collection error', async () => {
    const {network, errors, requests} = await collect(ALL_BROKERS, {
      prepare: (s) =>
        s.use((req) => (req.operation === 'DescribeLocations' ? dxAccessDenied(req.operation) : undefined)),
    });

    // Display only: no check depends on a name, so the scan stays complete.
    expect(errors).toEqual([]);
    expect(countByOperation(requests)['directconnect:DescribeLocations']).toBe(1);
    expect(ids(network)).toEqual(EXPECTED_IDS);
    expect(network?.dxConnections?.map((c) => `${c.id} ${c.location} ${c.locationName}`)).toEqual([
      'dxcon-fg5x7k2p EqLD5 undefined',
      'dxcon-fh2m9q4r TCSH undefined',
      'dxcon-fh7w1n6t TCSH undefined',
    ]);
    expect(network?.dxLags?.map((l) => l.locationName)).toEqual([undefined]);
  });

  it('records an AccessDenied on Direct Connect per call, leaves Direct Connect null and fills EC2', async () => {
    const {network, gateways, errors, requests} = await collect(ALL_BROKERS, {
      prepare: (s) => s.use((req) => (req.service === 'directconnect' ? dxAccessDenied(req.operation) : undefined)),
    });

    const denied = (operation: string) => ({
      service: 'directconnect',
      operation,
      region: REGION,
      code: 'AccessDeniedException',
      kind: 'access-denied',
      message: expect.stringContaining(`directconnect:${operation}`),
    });
    expect(sortErrors(errors)).toEqual([
      denied('DescribeConnections'),
      denied('DescribeDirectConnectGateways'),
      denied('DescribeLags'),
      denied('DescribeVirtualInterfaces'),
    ]);
    expect(network?.dxConnections).toBeNull();
    expect(network?.dxLags).toBeNull();
    expect(network?.dxVirtualInterfaces).toBeNull();
    expect(gateways).toBeNull();
    // No location names without connections or LAGs to name.
    expect(requests.filter((r) => r.operation === 'DescribeLocations')).toEqual([]);
    // No association/attachment call without a gateway list.
    expect(requests.filter((r) => r.operation.startsWith('DescribeDirectConnectGatewayA'))).toEqual([]);

    const ec2Ids = ids(network);
    for (const key of Object.keys(EXPECTED_IDS).filter((k) => !k.startsWith('dx')) as NetworkCollection[]) {
      expect({[key]: ec2Ids[key]}).toEqual({[key]: EXPECTED_IDS[key]});
    }
  });

  it('nulls the subnets and everything filtered by their VPC when DescribeSubnets is denied, without calling for them', async () => {
    const {network, errors, requests} = await collect(ALL_BROKERS, {
      prepare: (s) => s.use((req) => (req.operation === 'DescribeSubnets' ? ec2Unauthorized() : undefined)),
    });

    expect(errors).toEqual([
      {
        service: 'ec2',
        operation: 'DescribeSubnets',
        region: REGION,
        code: 'UnauthorizedOperation',
        kind: 'access-denied',
        message: 'You are not authorized to perform this operation.',
      },
    ]);
    const dependent = [
      'vpcs',
      'subnets',
      'routeTables',
      'internetGateways',
      'natGateways',
      'transitGateways',
      'transitGatewayAttachments',
      'transitGatewayRouteTables',
      'vpcPeeringConnections',
    ];
    for (const key of dependent) expect({[key]: network?.[key as NetworkCollection]}).toEqual({[key]: null});
    const called = new Set(requests.map((r) => r.operation));
    for (const operation of [
      'DescribeVpcs',
      'DescribeRouteTables',
      'DescribeInternetGateways',
      'DescribeNatGateways',
      'DescribeTransitGateways',
      'DescribeVpcPeeringConnections',
    ]) {
      expect(called.has(operation)).toBe(false);
    }
    // What does not depend on the VPC ids is still there; prefix lists as far as the rules name them.
    expect(ids(network).securityGroupRules).toEqual(EXPECTED_IDS.securityGroupRules);
    expect(ids(network).networkAcls).toEqual(EXPECTED_IDS.networkAcls);
    expect(ids(network).dxVirtualInterfaces).toEqual(EXPECTED_IDS.dxVirtualInterfaces);
    expect(ids(network).prefixLists).toEqual([PL_ADMIN]);
  });

  it('nulls only the routes of the TGW route table whose search failed', async () => {
    const {network, errors} = await collect(ALL_BROKERS, {
      prepare: (s) =>
        s.use((req) =>
          req.operation === 'SearchTransitGatewayRoutes' && req.params.TransitGatewayRouteTableId === TGW_RT_ONPREM
            ? ec2Unauthorized()
            : undefined,
        ),
    });

    const onprem = network?.transitGatewayRouteTables?.find((t) => t.id === TGW_RT_ONPREM);
    expect(onprem?.routes).toBeNull();
    expect(onprem?.propagations).toHaveLength(1);
    expect(network?.transitGatewayRouteTables?.find((t) => t.id === TGW_RT_PROD)?.routes).toHaveLength(5);
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'SearchTransitGatewayRoutes',
        resource: TGW_RT_ONPREM,
        code: 'UnauthorizedOperation',
      }),
    ]);
  });

  it('keeps a gateway whose associations could not be read, with associations null and the error naming it', async () => {
    const {gateways, errors} = await collect(ALL_BROKERS, {
      prepare: (s) =>
        s.use((req) =>
          req.operation === 'DescribeDirectConnectGatewayAssociations' &&
          (req.json as {directConnectGatewayId?: string}).directConnectGatewayId === DXGW_TRANSIT
            ? dxAccessDenied(req.operation)
            : undefined,
        ),
    });

    expect(gateways?.map((g) => [g.id, g.associations === null, g.attachments === null])).toEqual([
      [DXGW_PRIVATE, false, false],
      [DXGW_TRANSIT, true, false],
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'directconnect',
        operation: 'DescribeDirectConnectGatewayAssociations',
        resource: DXGW_TRANSIT,
        kind: 'access-denied',
      }),
    ]);
  });

  it('a collection with a failed call is still valid inventory', async () => {
    const {network, gateways} = await collect(ALL_BROKERS, {
      prepare: (s) =>
        s.use((req) =>
          req.service === 'directconnect' || req.operation === 'DescribeSubnets'
            ? ec2OrDxDenied(req.service, req.operation)
            : undefined,
        ),
    });
    const validate = inventoryValidator();

    expect(validate(snapshotWith(network, gateways)) ? [] : validate.errors).toEqual([]);
  });
});

describe('accountNetworkRegion', () => {
  it('is the first region, in scan order, with a described broker', () => {
    const region = (name: string, brokers: Broker[] | null, network = true): RegionInventory => ({
      region: name,
      mqOffered: true,
      brokers,
      ...(network && {network: {} as RegionNetwork}),
    });

    expect(
      accountNetworkRegion([
        region('us-east-1', []),
        region('eu-west-1', [ORDERS_AMQ_PROD]),
        region('eu-central-1', [EVENTS_RMQ_PROD]),
      ]),
    ).toBe('eu-west-1');
    expect(
      accountNetworkRegion([region('us-east-1', null), region('eu-west-1', [{...ORDERS_AMQ_PROD, details: null}])]),
    ).toBeUndefined();
    expect(accountNetworkRegion([region('eu-west-1', [ORDERS_AMQ_PROD], false)])).toBeUndefined();
  });
});

// ---- helpers --------------------------------------------------------------------------------------------------

function snapshotWith(
  network: RegionNetwork | undefined,
  gateways: DirectConnectGatewayInfo[] | null | undefined,
): unknown {
  return {
    kind: 'mq-audit/inventory',
    schemaVersion: 1,
    tool: {name: 'mq-audit', version: '0.0.0'},
    collectedAt: '2026-11-25T10:00:00.000Z',
    collection: {method: 'live', regions: [REGION], allRegions: false},
    accounts: [
      {
        accountId: ACCOUNT,
        partition: 'aws',
        regions: [{region: REGION, mqOffered: true, brokers: ALL_BROKERS, network}],
        directConnectGateways: gateways,
      },
    ],
    errors: [],
  };
}

function ec2OrDxDenied(service: string, operation: string) {
  return service === 'directconnect' ? dxAccessDenied(operation) : ec2Unauthorized();
}

function sortErrors(errors: CollectionError[]): CollectionError[] {
  return [...errors].sort((a, b) => a.operation.localeCompare(b.operation));
}

/** A SearchTransitGatewayRoutes answer from before NextToken existed, cut off at one route. */
function truncatedSearchResponse(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<SearchTransitGatewayRoutesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    '<requestId>5f2c1a7e-3b9d-4c6e-8a1f-00000000beef</requestId><routeSet><item><destinationCidrBlock>10.66.0.0/16</destinationCidrBlock>' +
    '<type>static</type><state>blackhole</state></item></routeSet><additionalRoutesAvailable>true</additionalRoutesAvailable>' +
    '</SearchTransitGatewayRoutesResponse>'
  );
}
