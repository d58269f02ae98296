/**
 * The network part of the snapshot (issue: network paths). Normalized from EC2 and Direct Connect
 * responses; the path model in src/network reads only these types.
 * Convention as in types.ts: omitted = AWS did not return it; null = the call failed (see Snapshot.errors).
 *
 * Scope: the VPCs of the region's brokers (filtered by their subnet, security group and VPC ids), the
 * gateways, VPNs and transit gateway tables those VPCs route through, and the region's Direct Connect
 * resources. Secrets the APIs return (VPN pre-shared keys and customer gateway configuration, BGP auth keys)
 * are never stored.
 */
import type {PlannedMark} from './types';

/** Per account and region: the VPC objects around the brokers. Filled in by the network collectors. */
export interface RegionNetwork {
  vpcs: Vpc[] | null;
  /** The brokers' subnets. */
  subnets: Subnet[] | null;
  /** Every route table of the brokers' VPCs (the main table is the fallback for unassociated subnets). */
  routeTables: RouteTable[] | null;
  /** The brokers' security groups (metadata); rules are in securityGroupRules. */
  securityGroups: SecurityGroup[] | null;
  securityGroupRules: SecurityGroupRule[] | null;
  networkAcls: NetworkAcl[] | null;
  /** Managed prefix lists referenced by routes or security group rules, with their entries. */
  prefixLists: ManagedPrefixList[] | null;
  internetGateways: InternetGateway[] | null;
  natGateways: NatGateway[] | null;
  /** All virtual private gateways of the region (a handful; a detached one explains a blackhole route). */
  vpnGateways: VpnGateway[] | null;
  customerGateways: CustomerGateway[] | null;
  vpnConnections: VpnConnection[] | null;
  /** Transit gateways the brokers' route tables point at. */
  transitGateways: TransitGateway[] | null;
  /** Every attachment of those transit gateways visible to the account (VPC, VPN, Direct Connect gateway, peering…). */
  transitGatewayAttachments: TransitGatewayAttachment[] | null;
  /** Every route table of those transit gateways, with propagations and active/blackhole routes. */
  transitGatewayRouteTables: TransitGatewayRouteTable[] | null;
  /** Peering connections the brokers' route tables point at. */
  vpcPeeringConnections: VpcPeeringConnection[] | null;
  /** Network interfaces in the brokers' subnets carrying their security groups. */
  networkInterfaces: NetworkInterface[] | null;
  dxConnections: DxConnection[] | null;
  dxLags: DxLag[] | null;
  dxVirtualInterfaces: DxVirtualInterface[] | null;
}

/** The collection names of RegionNetwork, for messages and for "which call filled this". */
export type NetworkCollection = keyof RegionNetwork;

export interface Vpc {
  id: string;
  ownerId?: string;
  name?: string;
  state?: string;
  isDefault?: boolean;
  /** Associated IPv4 CIDRs (primary first), only those in state `associated`. */
  cidrs: string[];
  ipv6Cidrs?: string[];
}

export interface Subnet {
  id: string;
  vpcId: string;
  ownerId?: string;
  name?: string;
  availabilityZone?: string;
  availabilityZoneId?: string;
  cidr?: string;
  ipv6Cidrs?: string[];
  mapPublicIpOnLaunch?: boolean;
}

export interface RouteTable {
  id: string;
  vpcId: string;
  ownerId?: string;
  name?: string;
  /** True when this is the VPC's main table (the one unassociated subnets use). */
  main: boolean;
  associations: RouteTableAssociation[];
  /** Virtual private gateways whose routes propagate into this table. */
  propagatingVgwIds: string[];
  routes: Route[];
}

export interface RouteTableAssociation {
  id?: string;
  main?: boolean;
  subnetId?: string;
  /** Edge association (gateway route table) with an internet or virtual private gateway. */
  gatewayId?: string;
  state?: string;
}

/** The kind of a route's target, from the field AWS set (gatewayId is split by its id prefix). */
export type RouteTargetType =
  | 'carrier-gateway'
  | 'core-network'
  | 'egress-only-internet-gateway'
  | 'gateway-load-balancer-endpoint'
  | 'instance'
  | 'internet-gateway'
  | 'local'
  | 'local-gateway'
  | 'nat-gateway'
  | 'network-interface'
  | 'odb-network'
  | 'transit-gateway'
  | 'unknown'
  | 'vpc-endpoint'
  | 'vpc-peering-connection'
  | 'vpn-gateway';

export interface Route {
  /** Exactly one destination is set. */
  destinationCidr?: string;
  destinationIpv6Cidr?: string;
  destinationPrefixListId?: string;
  targetType: RouteTargetType;
  /** The target's id (or ARN for Cloud WAN / ODB networks); `local` for the VPC's own range. */
  targetId: string;
  /** active | blackhole | filtered */
  state?: string;
  /** CreateRouteTable (local) | CreateRoute (static) | EnableVgwRoutePropagation (propagated) | Advertisement */
  origin?: string;
}

export interface SecurityGroup {
  id: string;
  name?: string;
  vpcId?: string;
  ownerId?: string;
  description?: string;
}

/** One rule, one source or destination (DescribeSecurityGroupRules shape). */
export interface SecurityGroupRule {
  id: string;
  groupId: string;
  egress: boolean;
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  protocol: string;
  /** -1 or absent means all ports (with protocol -1, or for ICMP the type). */
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface NetworkAcl {
  id: string;
  vpcId: string;
  ownerId?: string;
  isDefault: boolean;
  /** Subnets this ACL applies to (every subnet has exactly one ACL). */
  subnetIds: string[];
  entries: NetworkAclEntry[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  action: 'allow' | 'deny';
  /** `-1` (all) or a protocol number as a string (`6` tcp, `17` udp). */
  protocol: string;
  cidr?: string;
  ipv6Cidr?: string;
  /** Absent for protocols without ports (all, icmp): the rule matches every port. */
  portRange?: {from: number; to: number};
}

export interface ManagedPrefixList {
  id: string;
  name?: string;
  ownerId?: string;
  addressFamily?: string;
  state?: string;
  version?: number;
  maxEntries?: number;
  /** The CIDRs in the list; null when GetManagedPrefixListEntries failed for this list. */
  entries: string[] | null;
}

export interface InternetGateway {
  id: string;
  ownerId?: string;
  attachments: GatewayAttachment[];
}

export interface GatewayAttachment {
  vpcId: string;
  /** attaching | attached | detaching | detached (internet gateways report `available` when attached) */
  state?: string;
}

export interface NatGateway {
  id: string;
  vpcId?: string;
  subnetId?: string;
  state?: string;
  /** public | private */
  connectivityType?: string;
}

export interface VpnGateway {
  id: string;
  name?: string;
  state?: string;
  amazonSideAsn?: number;
  attachments: GatewayAttachment[];
}

export interface CustomerGateway {
  id: string;
  name?: string;
  state?: string;
  ipAddress?: string;
  bgpAsn?: string;
  deviceName?: string;
}

export interface VpnConnection {
  id: string;
  name?: string;
  /** pending | available | deleting | deleted */
  state?: string;
  /** ipsec.1 */
  type?: string;
  customerGatewayId?: string;
  /** Exactly one of vpnGatewayId / transitGatewayId is set for a VGW or TGW VPN. */
  vpnGatewayId?: string;
  transitGatewayId?: string;
  /** Cloud WAN VPNs carry a core network instead. */
  coreNetworkArn?: string;
  /** False means BGP (dynamic routing). */
  staticRoutesOnly: boolean;
  category?: string;
  tunnels: VpnTunnel[];
  /** Static routes (on-premises prefixes) of a static VPN. */
  routes: VpnStaticRoute[];
  /** A proposed estate's connection that the change creates or replaces: no telemetry until it is applied. */
  planned?: PlannedMark;
}

/** A tunnel's telemetry (VgwTelemetry). */
export interface VpnTunnel {
  outsideIpAddress: string;
  /** UP | DOWN */
  status: string;
  statusMessage?: string;
  lastStatusChange?: string;
  acceptedRouteCount?: number;
}

export interface VpnStaticRoute {
  destinationCidr: string;
  /** pending | available | deleting | deleted */
  state?: string;
  source?: string;
}

export interface TransitGateway {
  id: string;
  arn?: string;
  ownerId?: string;
  name?: string;
  state?: string;
  amazonSideAsn?: number;
  associationDefaultRouteTableId?: string;
  propagationDefaultRouteTableId?: string;
}

export interface TransitGatewayAttachment {
  id: string;
  transitGatewayId: string;
  transitGatewayOwnerId?: string;
  /** vpc | vpn | direct-connect-gateway | peering | tgw-peering | connect | network-function | … */
  resourceType: string;
  /** vpc-…, vpn-…, the Direct Connect gateway id, the peer transit gateway… */
  resourceId?: string;
  resourceOwnerId?: string;
  state?: string;
  name?: string;
  /** The TGW route table the attachment is associated with (where its traffic is looked up). */
  association?: {routeTableId: string; state?: string};
}

export interface TransitGatewayRouteTable {
  id: string;
  transitGatewayId: string;
  name?: string;
  state?: string;
  defaultAssociation?: boolean;
  defaultPropagation?: boolean;
  /** Attachments propagating routes into this table; null when that call failed. */
  propagations: TransitGatewayPropagation[] | null;
  /** Active and blackhole routes; null when SearchTransitGatewayRoutes failed. */
  routes: TransitGatewayRoute[] | null;
}

export interface TransitGatewayPropagation {
  attachmentId: string;
  resourceType?: string;
  resourceId?: string;
  state?: string;
}

export interface TransitGatewayRoute {
  destinationCidr?: string;
  prefixListId?: string;
  /** active | blackhole */
  state?: string;
  /** static | propagated */
  type?: string;
  /** Where the route sends traffic (several for ECMP); empty for a blackhole. */
  attachments: {attachmentId: string; resourceType?: string; resourceId?: string}[];
}

export interface VpcPeeringConnection {
  id: string;
  /** active | pending-acceptance | … */
  state?: string;
  requester: PeeringVpcInfo;
  accepter: PeeringVpcInfo;
}

export interface PeeringVpcInfo {
  vpcId?: string;
  ownerId?: string;
  region?: string;
  cidrs: string[];
}

export interface NetworkInterface {
  id: string;
  subnetId?: string;
  vpcId?: string;
  availabilityZone?: string;
  /** interface | vpc_endpoint | … */
  interfaceType?: string;
  description?: string;
  privateIpAddresses: string[];
  publicIp?: string;
  securityGroupIds: string[];
  requesterManaged?: boolean;
  status?: string;
}

export interface DxConnection {
  id: string;
  name?: string;
  ownerAccount?: string;
  /** available | down | ordering | requested | pending | deleting | deleted | rejected | unknown */
  state?: string;
  region?: string;
  /** The Direct Connect location's code (EqDB2). */
  location?: string;
  /** The location's name from DescribeLocations (`Equinix DB2, Dublin`); absent when not collected. */
  locationName?: string;
  bandwidth?: string;
  lagId?: string;
  awsDevice?: string;
  hasLogicalRedundancy?: string;
}

export interface DxLag {
  id: string;
  name?: string;
  ownerAccount?: string;
  state?: string;
  region?: string;
  /** The Direct Connect location's code (EqDB2). */
  location?: string;
  /** The location's name from DescribeLocations; absent when not collected. */
  locationName?: string;
  minimumLinks?: number;
  numberOfConnections?: number;
  connectionIds: string[];
}

export interface DxVirtualInterface {
  id: string;
  name?: string;
  ownerAccount?: string;
  /** private | transit | public */
  type?: string;
  /** available | down | confirming | verifying | pending | testing | deleting | deleted | rejected | unknown */
  state?: string;
  /** The connection or LAG (dxcon-… / dxlag-…) the interface runs on. */
  connectionId?: string;
  region?: string;
  location?: string;
  vlan?: number;
  asn?: number;
  amazonSideAsn?: number;
  addressFamily?: string;
  /** Set for a private interface on a virtual private gateway. */
  virtualGatewayId?: string;
  /** Set for a private or transit interface on a Direct Connect gateway. */
  directConnectGatewayId?: string;
  bgpPeers: DxBgpPeer[];
  /** A proposed estate's interface that the change creates: its BGP state is known only after apply. */
  planned?: PlannedMark;
}

export interface DxBgpPeer {
  id?: string;
  addressFamily?: string;
  /** up | down | unknown */
  status?: string;
  /** verifying | pending | available | deleting | deleted */
  state?: string;
  asn?: number;
}

export interface DirectConnectGatewayInfo {
  id: string;
  name?: string;
  state: string;
  ownerAccount?: string;
  amazonSideAsn?: number;
  /** Associations with virtual private or transit gateways; null when they could not be read. */
  associations: DirectConnectGatewayAssociation[] | null;
  /** Virtual interfaces attached to the gateway (in any region); null when they could not be read. */
  attachments?: DirectConnectGatewayAttachment[] | null;
}

export interface DirectConnectGatewayAssociation {
  associationId: string;
  state: string;
  /** vgw-… or tgw-… */
  associatedGatewayId: string;
  associatedGatewayType: 'transitGateway' | 'virtualPrivateGateway' | (string & {});
  associatedGatewayRegion?: string;
  associatedGatewayOwnerAccount?: string;
  /** Prefixes advertised to on-premises; empty on a VGW association means the VPC's CIDRs. */
  allowedPrefixes: string[];
}

export interface DirectConnectGatewayAttachment {
  virtualInterfaceId: string;
  virtualInterfaceRegion?: string;
  virtualInterfaceOwnerAccount?: string;
  /** attaching | attached | detaching | detached */
  state?: string;
  /** PrivateVirtualInterface | TransitVirtualInterface */
  type?: string;
}

/** Account-level collection (AccountInventory.directConnectGateways), named like the regional ones. */
export type AccountNetworkCollection = 'directConnectGateways';

/**
 * Which calls fill which collection: a null collection is explained by a CollectionError of one of these
 * operations (or, for collections that need the brokers' VPC ids, by the DescribeSubnets error upstream).
 */
export const NETWORK_COLLECTION_SOURCES: Record<
  NetworkCollection | AccountNetworkCollection,
  {service: 'directconnect' | 'ec2'; operations: string[]}
> = {
  vpcs: {service: 'ec2', operations: ['DescribeVpcs']},
  subnets: {service: 'ec2', operations: ['DescribeSubnets']},
  routeTables: {service: 'ec2', operations: ['DescribeRouteTables']},
  securityGroups: {service: 'ec2', operations: ['DescribeSecurityGroups']},
  securityGroupRules: {service: 'ec2', operations: ['DescribeSecurityGroupRules']},
  networkAcls: {service: 'ec2', operations: ['DescribeNetworkAcls']},
  prefixLists: {service: 'ec2', operations: ['DescribeManagedPrefixLists', 'GetManagedPrefixListEntries']},
  internetGateways: {service: 'ec2', operations: ['DescribeInternetGateways']},
  natGateways: {service: 'ec2', operations: ['DescribeNatGateways']},
  vpnGateways: {service: 'ec2', operations: ['DescribeVpnGateways']},
  customerGateways: {service: 'ec2', operations: ['DescribeCustomerGateways']},
  vpnConnections: {service: 'ec2', operations: ['DescribeVpnConnections']},
  transitGateways: {service: 'ec2', operations: ['DescribeTransitGateways']},
  transitGatewayAttachments: {service: 'ec2', operations: ['DescribeTransitGatewayAttachments']},
  transitGatewayRouteTables: {
    service: 'ec2',
    operations: [
      'DescribeTransitGatewayRouteTables',
      'SearchTransitGatewayRoutes',
      'GetTransitGatewayRouteTablePropagations',
    ],
  },
  vpcPeeringConnections: {service: 'ec2', operations: ['DescribeVpcPeeringConnections']},
  networkInterfaces: {service: 'ec2', operations: ['DescribeNetworkInterfaces']},
  dxConnections: {service: 'directconnect', operations: ['DescribeConnections']},
  dxLags: {service: 'directconnect', operations: ['DescribeLags']},
  dxVirtualInterfaces: {service: 'directconnect', operations: ['DescribeVirtualInterfaces']},
  directConnectGateways: {
    service: 'directconnect',
    operations: [
      'DescribeDirectConnectGateways',
      'DescribeDirectConnectGatewayAssociations',
      'DescribeDirectConnectGatewayAttachments',
    ],
  },
};

/** Every collection present and empty: a region whose network was read and held nothing. */
export function emptyNetwork(): RegionNetwork {
  return {
    vpcs: [],
    subnets: [],
    routeTables: [],
    securityGroups: [],
    securityGroupRules: [],
    networkAcls: [],
    prefixLists: [],
    internetGateways: [],
    natGateways: [],
    vpnGateways: [],
    customerGateways: [],
    vpnConnections: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
    vpcPeeringConnections: [],
    networkInterfaces: [],
    dxConnections: [],
    dxLags: [],
    dxVirtualInterfaces: [],
  };
}
