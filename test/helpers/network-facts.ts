/**
 * Hand-written BrokerNetworkFacts for report tests: realistic ids and hop sequences in the model's order
 * (on-premises side first, the broker and the replies leaving its subnet last), with verdicts and counts derived from the paths so a test states only what it is about.
 *
 *   vpnPath()      on-premises → customer gateway → VPN tunnel → virtual private gateway → route table [return]
 *                  → subnet → NACL (in) → security group → broker → NACL (replies out) [return]
 *   dxPath()       on-premises → DX connection → virtual interface → DX gateway → virtual private gateway → …
 *   tgwPath()      on-premises → customer gateway → VPN tunnel → TGW attachment (vpn) → TGW → TGW route table → …
 * `breakAt(path, kind, break, reason)` turns one hop broken and fills the path's break point.
 */
import type {
  BreakKind,
  BreakPoint,
  BrokerNetworkFacts,
  HopKind,
  InternetIngressFacts,
  MissingData,
  NetworkPath,
  OnPremNetworkFacts,
  PathHop,
  Verdict,
} from '../../src/network/facts';
import type {ResourceRef} from '../../src/policy/types';

export const NET_ACCOUNT = '111122223333';
export const NET_REGION = 'eu-west-1';
export const VPC = 'vpc-0a1b2c3d4e5f60001';
export const SUBNET_A = 'subnet-0a1b2c3d4e5f60001';
export const SUBNET_B = 'subnet-0a1b2c3d4e5f60002';
export const ROUTE_TABLE = 'rtb-0a1b2c3d4e5f60001';
export const NACL = 'acl-0a1b2c3d4e5f60001';
export const SECURITY_GROUP = 'sg-0123456789abcdef0';
export const VGW = 'vgw-0a1b2c3d4e5f60001';
export const CGW = 'cgw-0a1b2c3d4e5f60001';
export const VPN = 'vpn-0a1b2c3d4e5f60001';
export const TGW = 'tgw-0a1b2c3d4e5f60001';
export const TGW_RTB = 'tgw-rtb-0a1b2c3d4e5f60001';
export const TGW_VPN_ATTACHMENT = 'tgw-attach-0a1b2c3d4e5f60009';
export const DXCON = 'dxcon-ffabc123';
export const DXVIF = 'dxvif-ffgh4567';
export const DXGW = '5f1e2d3c-aaaa-bbbb-cccc-0123456789ab';
export const TUNNEL_1 = '203.0.113.10';
export const TUNNEL_2 = '203.0.113.20';

export const BROKER_ID = 'b-1a2b3c4d-0001-4e5f-8a9b-000000000001';
export const BROKER: ResourceRef = {
  arn: `arn:aws:mq:${NET_REGION}:${NET_ACCOUNT}:broker:orders-prod:${BROKER_ID}`,
  id: BROKER_ID,
  name: 'orders-prod',
  accountId: NET_ACCOUNT,
  region: NET_REGION,
  engineType: 'ACTIVEMQ',
  tags: {Environment: 'prod'},
};

const RESOURCE_TYPES: Record<HopKind, string> = {
  broker: 'AWS::AmazonMQ::Broker',
  'customer-gateway': 'AWS::EC2::CustomerGateway',
  'dx-connection': 'AWS::DirectConnect::Connection',
  'dx-gateway': 'AWS::DirectConnect::DirectConnectGateway',
  'internet-gateway': 'AWS::EC2::InternetGateway',
  'nat-gateway': 'AWS::EC2::NatGateway',
  'network-acl': 'AWS::EC2::NetworkAcl',
  'on-premises-network': 'OnPremises::Network',
  'route-table': 'AWS::EC2::RouteTable',
  'security-group': 'AWS::EC2::SecurityGroup',
  subnet: 'AWS::EC2::Subnet',
  target: 'AWS::EC2::Route',
  'tgw-attachment': 'AWS::EC2::TransitGatewayAttachment',
  'tgw-route-table': 'AWS::EC2::TransitGatewayRouteTable',
  'transit-gateway': 'AWS::EC2::TransitGateway',
  'virtual-interface': 'AWS::DirectConnect::VirtualInterface',
  'vpc-peering-connection': 'AWS::EC2::VPCPeeringConnection',
  'vpn-gateway': 'AWS::EC2::VPNGateway',
  'vpn-tunnel': 'AWS::EC2::VPNConnection',
};

const ARN_TYPES: Partial<Record<HopKind, string>> = {
  'customer-gateway': 'customer-gateway',
  'network-acl': 'network-acl',
  'route-table': 'route-table',
  'security-group': 'security-group',
  subnet: 'subnet',
  'tgw-attachment': 'transit-gateway-attachment',
  'tgw-route-table': 'transit-gateway-route-table',
  'transit-gateway': 'transit-gateway',
  'vpn-gateway': 'vpn-gateway',
  'vpn-tunnel': 'vpn-connection',
};

/** An ok hop of `kind` with its CloudFormation type and (for EC2 resources) its ARN. */
export function hop(kind: HopKind, id: string, reason: string, extra: Partial<PathHop> = {}): PathHop {
  const arnType = ARN_TYPES[kind];
  const aws = kind !== 'on-premises-network';
  return {
    kind,
    resourceType: RESOURCE_TYPES[kind],
    id,
    ...(arnType ? {arn: `arn:aws:ec2:${NET_REGION}:${NET_ACCOUNT}:${arnType}/${id}`} : {}),
    ...(kind === 'broker' ? {arn: BROKER.arn} : {}),
    ...(aws ? {accountId: NET_ACCOUNT, region: NET_REGION} : {}),
    status: 'ok',
    reason,
    ...extra,
  };
}

/**
 * The hops from the VPC's route table to the broker, in the model's order (src/network/analyze.ts): the subnet's
 * route table [return], subnet, network ACL in, security group, broker, network ACL replies out [return].
 */
function vpcTail(cidr: string, subnetId: string, gatewayId: string, targetType: string): PathHop[] {
  return [
    hop('route-table', ROUTE_TABLE, `${ROUTE_TABLE} routes ${cidr} to ${gatewayId}`, {
      direction: 'return',
      route: {destination: cidr, target: gatewayId, targetType, state: 'active', origin: 'EnableVgwRoutePropagation'},
    }),
    hop('subnet', subnetId, `${subnetId} (10.20.1.0/24, eu-west-1a) holds the broker's network interface`),
    hop('network-acl', NACL, `${NACL} rule 100 allows ${cidr} in on the broker ports`, {
      rules: ['100'],
      ports: [61617, 5671],
    }),
    hop(
      'security-group',
      SECURITY_GROUP,
      `${SECURITY_GROUP} rule sgr-0aa11bb22cc33dd44 admits ${cidr} on 61617, 5671`,
      {rules: ['sgr-0aa11bb22cc33dd44'], ports: [61617, 5671]},
    ),
    hop('broker', BROKER_ID, `broker orders-prod listens on 61617, 5671`),
    hop('network-acl', NACL, `${NACL} rule 100 allows the return traffic to ${cidr}`, {
      rules: ['100'],
      direction: 'return',
      portRange: {from: 1024, to: 65535},
    }),
  ];
}

export function vpnPath(options: {cidr?: string; subnetId?: string; tunnelIp?: string} = {}): NetworkPath {
  const cidr = options.cidr ?? '10.0.0.0/8';
  const subnetId = options.subnetId ?? SUBNET_A;
  const tunnelIp = options.tunnelIp ?? TUNNEL_1;
  return {
    subnetId,
    destination: cidr,
    via: 'vpn',
    linkId: `${VPN}/${tunnelIp}`,
    status: 'healthy',
    openPorts: [5671, 61617],
    hops: [
      hop('on-premises-network', cidr, `${cidr} was given with --on-prem-cidr`),
      hop('customer-gateway', CGW, `on-premises device ${CGW} (dc1-edge): 198.51.100.1, ASN 65000`),
      hop(
        'vpn-tunnel',
        VPN,
        `${VPN} tunnel ${tunnelIp} is UP since 2026-11-20T08:00:00Z (BGP, 3 BGP route(s) accepted)`,
        {
          tunnel: {
            outsideIpAddress: tunnelIp,
            status: 'UP',
            acceptedRouteCount: 3,
            lastStatusChange: '2026-11-20T08:00:00Z',
          },
        },
      ),
      hop('vpn-gateway', VGW, `${VGW} is attached to ${VPC}`),
      ...vpcTail(cidr, subnetId, VGW, 'gateway'),
    ],
  };
}

export function dxPath(options: {cidr?: string; subnetId?: string} = {}): NetworkPath {
  const cidr = options.cidr ?? '10.0.0.0/8';
  const subnetId = options.subnetId ?? SUBNET_A;
  return {
    subnetId,
    destination: cidr,
    via: 'direct-connect',
    linkId: DXCON,
    status: 'healthy',
    openPorts: [5671, 61617],
    hops: [
      hop('on-premises-network', cidr, `${cidr} was given with --on-prem-cidr`),
      {
        ...hop('dx-connection', DXCON, `${DXCON} (dc1-primary) at EqDC2, 10Gbps is available`),
        arn: `arn:aws:directconnect:${NET_REGION}:${NET_ACCOUNT}:dxcon/${DXCON}`,
      },
      {
        ...hop(
          'virtual-interface',
          DXVIF,
          `${DXVIF} (private, VLAN 101) is available with 1/1 ipv4 BGP session(s) up`,
          {
            virtualInterface: {state: 'available', type: 'private', bgpUp: 1, bgpPeers: 1},
          },
        ),
        arn: `arn:aws:directconnect:${NET_REGION}:${NET_ACCOUNT}:dxvif/${DXVIF}`,
      },
      {
        ...hop('dx-gateway', DXGW, `${DXGW} (corp-dxgw) is associated with ${VGW} and advertises 10.20.1.0/24`),
        arn: `arn:aws:directconnect::${NET_ACCOUNT}:dx-gateway/${DXGW}`,
        region: undefined,
      },
      hop('vpn-gateway', VGW, `${VGW} is attached to ${VPC}`),
      ...vpcTail(cidr, subnetId, VGW, 'gateway'),
    ],
  };
}

export function tgwPath(options: {cidr?: string; subnetId?: string; tunnelIp?: string} = {}): NetworkPath {
  const cidr = options.cidr ?? '10.0.0.0/8';
  const subnetId = options.subnetId ?? SUBNET_A;
  const tunnelIp = options.tunnelIp ?? TUNNEL_1;
  return {
    subnetId,
    destination: cidr,
    via: 'vpn',
    linkId: `${VPN}/${tunnelIp}`,
    status: 'healthy',
    openPorts: [5671, 61617],
    hops: [
      hop('on-premises-network', cidr, `${cidr} was given with --on-prem-cidr`),
      hop('vpn-tunnel', VPN, `${VPN} tunnel ${tunnelIp} is UP (BGP, 2 BGP route(s) accepted)`, {
        tunnel: {outsideIpAddress: tunnelIp, status: 'UP', acceptedRouteCount: 2},
      }),
      hop('tgw-attachment', TGW_VPN_ATTACHMENT, `${VPN} is attached to ${TGW} by ${TGW_VPN_ATTACHMENT}`),
      hop('transit-gateway', TGW, `${TGW} (core)`),
      hop('tgw-route-table', TGW_RTB, `${TGW_RTB} routes ${cidr} to ${TGW_VPN_ATTACHMENT} (vpn ${VPN})`, {
        direction: 'return',
        route: {
          destination: cidr,
          target: TGW_VPN_ATTACHMENT,
          targetType: 'vpn',
          state: 'active',
          origin: 'propagated',
        },
      }),
      ...vpcTail(cidr, subnetId, TGW, 'transit-gateway'),
    ],
  };
}

/** Marks the first hop of `kind` (optionally with `id`) broken and sets the path's break point. */
export function breakAt(
  path: NetworkPath,
  kind: HopKind,
  breakKind: BreakKind,
  reason: string,
  id?: string,
): NetworkPath {
  const index = path.hops.findIndex((h) => h.kind === kind && (id === undefined || h.id === id));
  if (index < 0) throw new Error(`no ${kind} hop in the path`);
  const broken: PathHop = {...path.hops[index], status: 'broken', break: breakKind, reason};
  if (broken.tunnel) broken.tunnel = {...broken.tunnel, status: 'DOWN'};
  const hops = path.hops.map((h, i) => (i === index ? broken : h));
  return {...path, status: 'broken', openPorts: [], breakPoint: breakPointOf(broken), hops};
}

/** Marks the first hop of `kind` unknown because a call failed. */
export function unknownAt(path: NetworkPath, kind: HopKind, reason: string, missing: MissingData[]): NetworkPath {
  const index = path.hops.findIndex((h) => h.kind === kind);
  if (index < 0) throw new Error(`no ${kind} hop in the path`);
  const hops = path.hops.map((h, i) => (i === index ? {...h, status: 'unknown' as const, reason, missing} : h));
  return {...path, status: 'unknown', openPorts: [], hops};
}

export function breakPointOf(h: PathHop): BreakPoint {
  return {
    kind: h.break ?? 'no-route',
    hop: h.kind,
    resourceType: h.resourceType,
    id: h.id,
    ...(h.arn ? {arn: h.arn} : {}),
    ...(h.direction ? {direction: h.direction} : {}),
    message: h.reason,
  };
}

/** A network's facts, its verdict and counts derived from its paths the way the model defines them. */
export function network(
  cidr: string,
  paths: NetworkPath[],
  overrides: Partial<OnPremNetworkFacts> = {},
): OnPremNetworkFacts {
  const healthy = paths.filter((p) => p.status === 'healthy');
  const independent = new Set(healthy.map((p) => p.linkId ?? p.subnetId)).size;
  const firstBroken = paths.find((p) => p.status === 'broken');
  const verdict: Verdict =
    healthy.length === 0
      ? paths.some((p) => p.status === 'unknown')
        ? 'unknown'
        : 'unreachable'
      : independent >= 2
        ? 'reachable'
        : 'degraded';
  return {
    cidr,
    source: 'explicit',
    verdict,
    reachable: verdict === 'unknown' ? null : verdict !== 'unreachable',
    redundant: verdict === 'unknown' ? null : verdict === 'reachable',
    healthyPathCount: healthy.length,
    independentPathCount: independent,
    openPorts: healthy.length > 0 ? [5671, 61617] : [],
    ...(verdict === 'unreachable' && firstBroken?.breakPoint ? {breakPoint: firstBroken.breakPoint} : {}),
    paths,
    ...overrides,
  };
}

const VERDICT_RANK: Record<Verdict, number> = {unreachable: 0, unknown: 1, degraded: 2, pending: 3, reachable: 4};

export function noInternetIngress(): InternetIngressFacts {
  return {open: false, publiclyAccessible: false, openPorts: [], rules: [], publicSubnet: false};
}

export function brokerFacts(
  networks: OnPremNetworkFacts[],
  overrides: Partial<BrokerNetworkFacts> = {},
): BrokerNetworkFacts {
  const worst =
    networks.length === 0
      ? 'unknown'
      : [...networks].sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict])[0].verdict;
  const count = (v: Verdict) => networks.filter((n) => n.verdict === v).length;
  const firstBreak = networks.find((n) => n.breakPoint)?.breakPoint;
  return {
    factsVersion: 1,
    engineType: 'ACTIVEMQ',
    vpcId: VPC,
    subnets: [
      {
        id: SUBNET_A,
        vpcId: VPC,
        cidr: '10.20.1.0/24',
        availabilityZone: 'eu-west-1a',
        routeTableId: ROUTE_TABLE,
        routeTableAssociation: 'explicit',
        networkAclId: NACL,
      },
    ],
    securityGroupIds: [SECURITY_GROUP],
    ports: [
      {port: 61617, protocol: 'openwire'},
      {port: 5671, protocol: 'amqp'},
    ],
    ephemeralPorts: {from: 1024, to: 65535},
    onPrem: {
      verdict: worst,
      reachable: worst === 'unknown' ? null : worst !== 'unreachable',
      redundant: worst === 'unknown' ? null : worst === 'reachable',
      source: networks.every((n) => n.source === 'explicit') ? 'explicit' : 'inferred',
      networkCount: networks.length,
      reachableCount: count('reachable'),
      degradedCount: count('degraded'),
      unreachableCount: count('unreachable'),
      unknownCount: count('unknown'),
      healthyPathCount: networks.length === 0 ? 0 : Math.min(...networks.map((n) => n.healthyPathCount)),
      independentPathCount: networks.length === 0 ? 0 : Math.min(...networks.map((n) => n.independentPathCount)),
      ...(firstBreak ? {breakPoint: firstBreak} : {}),
      independence: 'location',
      redundancyNote:
        worst === 'reachable' ? 'two independent healthy paths' : 'fewer than two independent healthy paths',
      networks,
    },
    internetIngress: noInternetIngress(),
    missing: [],
    ...overrides,
  };
}

/** Two tunnels of one VPN, both up: reachable. */
export function reachableFacts(cidr = '10.0.0.0/8'): BrokerNetworkFacts {
  return brokerFacts([network(cidr, [vpnPath({cidr, tunnelIp: TUNNEL_1}), vpnPath({cidr, tunnelIp: TUNNEL_2})])]);
}

/** One tunnel up, one down: degraded. */
export function degradedFacts(cidr = '10.0.0.0/8'): BrokerNetworkFacts {
  const down = breakAt(
    vpnPath({cidr, tunnelIp: TUNNEL_2}),
    'vpn-tunnel',
    'tunnel-down',
    `${VPN} tunnel ${TUNNEL_2} is DOWN since 2026-11-24T22:13:00Z`,
  );
  return brokerFacts([network(cidr, [vpnPath({cidr, tunnelIp: TUNNEL_1}), down])]);
}

/** The route table has no route for the network: unreachable. */
export function unreachableFacts(cidr = '172.16.0.0/12'): BrokerNetworkFacts {
  const path = breakAt(vpnPath({cidr}), 'route-table', 'no-route', `${ROUTE_TABLE} has no route for ${cidr}`);
  const {linkId: _link, ...rest} = path;
  const noRoute: NetworkPath = {...rest, via: 'none', hops: [path.hops[0], ...path.hops.slice(4)]};
  return brokerFacts([network(cidr, [noRoute])]);
}
