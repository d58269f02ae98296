/**
 * What the path model says about one broker: the `network` member of the broker document, so policies (built-in
 * and custom) assert on it with JSON Schema, and the source of `paths` output, Mermaid and SARIF hops.
 *
 * Plain JSON. Booleans, enums and counts sit at stable paths (network.onPrem.verdict,
 * network.onPrem.networks[].verdict, network.onPrem.healthyPathCount, network.internetIngress.open); the paths
 * with their hops carry the detail. A value we cannot decide is null (never true or false by default), and
 * `missing` says which collection was absent and, when a call failed, its error.
 */
import type {EngineType, ErrorKind} from '../snapshot/types';

export const NETWORK_FACTS_VERSION = 1;

/**
 * - reachable: every part of the network reaches every broker subnet on at least two independent healthy paths;
 * - degraded: reachable, but some part or subnet over a single tunnel or Direct Connect connection (`redundant` is
 *   false, or null when a path that could add redundancy is unknown);
 * - unreachable: some part of the network has no healthy path to some subnet (breakPoint says where it breaks);
 * - unknown: no healthy path is proven somewhere and data is missing (a call failed, an object was not inventoried,
 *   or the path goes through something the model does not follow). Never counted as reachable.
 * - pending: only in a proposed estate (scan --plan/--template): reachable (and redundant, as `redundant` says)
 *   once links the change creates come up; their health is known only after apply, so they are not called healthy.
 * See docs/network.md.
 */
export type Verdict = 'degraded' | 'pending' | 'reachable' | 'unknown' | 'unreachable';

/** Where and why a path stops. */
export type BreakKind =
  /** Nothing routes the network (VPC or TGW route table, VPN static routes, or no BGP routes accepted). */
  | 'no-route'
  /** The matching route is a blackhole (its target is gone). */
  | 'blackhole'
  /** The matching route goes to an internet, NAT or egress-only gateway: not a private path. */
  | 'not-private'
  /** The matching route goes to a VPC peering connection, which never carries traffic beyond the peer VPC. */
  | 'not-transitive'
  /** The matching route sends the network somewhere that is not on-premises (the VPC itself, another VPC). */
  | 'routed-elsewhere'
  /** The gateway is not attached to the VPC, or the attachment or gateway is not available. */
  | 'gateway-detached'
  /** The gateway has no VPN connection and no Direct Connect interface. */
  | 'no-connection'
  /** The VPN connection is not `available`. */
  | 'vpn-unavailable'
  | 'tunnel-down'
  /** The Direct Connect connection or LAG under the interface is not `available`. */
  | 'connection-down'
  /** The virtual interface (or its gateway attachment) is not `available`. */
  | 'interface-down'
  | 'bgp-down'
  /** The Direct Connect gateway association's allowed prefixes do not include the broker's subnet. */
  | 'not-advertised'
  | 'security-group'
  | 'nacl'
  /** The broker has no subnet in a VPC (a public RabbitMQ broker): there is no private path at all. */
  | 'no-subnet';

export type HopKind =
  | 'broker'
  | 'customer-gateway'
  | 'dx-connection'
  | 'dx-gateway'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'network-acl'
  | 'on-premises-network'
  | 'route-table'
  | 'security-group'
  | 'subnet'
  | 'target'
  | 'tgw-attachment'
  | 'tgw-route-table'
  | 'transit-gateway'
  | 'virtual-interface'
  | 'vpc-peering-connection'
  | 'vpn-gateway'
  | 'vpn-tunnel';

/** Data the model needed and did not have. */
export interface MissingData {
  /** The snapshot collection (e.g. `dxVirtualInterfaces`, `directConnectGateways`) or resource kind. */
  collection: string;
  accountId?: string;
  region?: string;
  /** The resource that was looked up, when one was. */
  resourceId?: string;
  /** Why, in a sentence. */
  reason: string;
  /** The collection error behind it, when a call failed. */
  error?: {service: string; operation: string; code: string; kind: ErrorKind; message: string};
}

/** A route as used by a hop. */
export interface HopRoute {
  /** The route's destination (a CIDR, or the prefix list entry that matched). */
  destination: string;
  prefixListId?: string;
  /** Target id (igw-…, vgw-…, tgw-…, pcx-…, tgw-attach-…, `local`). */
  target: string;
  targetType: string;
  state?: string;
  /** VPC: CreateRoute | EnableVgwRoutePropagation | CreateRouteTable; TGW: static | propagated. */
  origin?: string;
}

export interface PathHop {
  kind: HopKind;
  /** CloudFormation-style type (AWS::EC2::RouteTable …) so reports can anchor the hop. */
  resourceType: string;
  id: string;
  arn?: string;
  accountId?: string;
  region?: string;
  /** pending: a link the proposed change creates (a new VPN connection, a new virtual interface), up only after apply. */
  status: 'broken' | 'ok' | 'pending' | 'unknown';
  /** Why the hop was taken, or why it breaks. One sentence. */
  reason: string;
  /** `return`: the hop checks the way back (stateless rules, the route back to on-premises). */
  direction?: 'return';
  /** Set when status is broken. */
  break?: BreakKind;
  route?: HopRoute;
  /** vpn-tunnel: the tunnel's telemetry. */
  tunnel?: {outsideIpAddress: string; status: string; acceptedRouteCount?: number; lastStatusChange?: string};
  /** virtual-interface: its state and BGP sessions (for the network's address family). */
  virtualInterface?: {state?: string; type?: string; bgpUp: number; bgpPeers: number};
  /** security-group / network-acl: the rules that decided (SG rule ids, NACL rule numbers). */
  rules?: string[];
  /** Ports the hop lets through (inbound hops), or the return port range checked. */
  ports?: number[];
  portRange?: {from: number; to: number};
  missing?: MissingData[];
}

export interface BreakPoint {
  kind: BreakKind;
  hop: HopKind;
  resourceType: string;
  id: string;
  arn?: string;
  direction?: 'return';
  message: string;
}

/** One way from the network to one broker subnet: through one VPN tunnel or one virtual interface. */
export interface NetworkPath {
  subnetId: string;
  /** The part of the network this path is for (the whole network unless routes split it). */
  destination: string;
  /** More specific parts routed differently, analyzed as their own paths. */
  excluding?: string[];
  /** vpn / direct-connect when the path reaches on-premises over one; none when it breaks before a link. */
  via: 'direct-connect' | 'none' | 'vpn';
  /** Identity for redundancy: the tunnel (vpn-…/outside IP) or the Direct Connect connection or LAG. */
  linkId?: string;
  /**
   * Direct Connect: the location of the connection or LAG as the API reports it (the interface's, for a partner's
   * connection). Paths over connections at one location are one failure domain, not independent.
   */
  dxLocation?: string;
  /** The location's name from DescribeLocations (`Equinix DB2, Dublin`), when collected: display only. */
  dxLocationName?: string;
  /** pending: intact but over a link the proposed change creates, whose health is known only after apply. */
  status: 'broken' | 'healthy' | 'pending' | 'unknown';
  breakPoint?: BreakPoint;
  /** Broker ports open along the whole path (security group and NACL, both ways). */
  openPorts: number[];
  hops: PathHop[];
}

export interface OnPremNetworkFacts {
  cidr: string;
  /** explicit: given with --on-prem-cidr or the config file; inferred: found in the broker subnets' routes. */
  source: 'explicit' | 'inferred';
  /** For inferred networks: the routes it came from (VPC route table, then transit gateway route table). */
  inferredFrom?: {resourceType: string; id: string; detail: string}[];
  /**
   * Blocks of `cidr` left out of the analysis: the VPC's own CIDRs inside a given network (a corporate supernet
   * that contains the VPC), or, for an inferred network, the blocks the subnet's routes send elsewhere.
   */
  excluding?: string[];
  verdict: Verdict;
  /** true for reachable/degraded, false for unreachable, null for unknown. */
  reachable: boolean | null;
  /** At least two independent healthy paths to every broker subnet; null when that cannot be decided. */
  redundant: boolean | null;
  /** Healthy paths to the worst-served broker subnet. */
  healthyPathCount: number;
  /**
   * Independent healthy paths to the worst-served subnet: distinct tunnels, Direct Connect connections or LAGs at
   * distinct Direct Connect locations (a VPN is independent of Direct Connect).
   */
  independentPathCount: number;
  /**
   * Set when healthy paths over several virtual interfaces are not independent: what they share, a Direct Connect
   * location (under the location rule) or one connection or LAG, e.g. `both virtual interfaces (dxvif-…, dxvif-…)
   * use connections at Direct Connect location EqDC2 (Equinix DC2, Ashburn) (dxcon-… and dxcon-…)`: the location's
   * code, with its name when DescribeLocations gave one.
   */
  sharedFailure?: string;
  /** Proposed estates only, when there are some: intact paths over links the change creates, to the worst-served subnet. */
  pendingPathCount?: number;
  /** Broker ports open from this network on every healthy path (empty when none). */
  openPorts: number[];
  breakPoint?: BreakPoint;
  missing?: MissingData[];
  paths: NetworkPath[];
}

/**
 * What counts as a shared single point of failure between two paths (config `network.independence`).
 * location (the default): the same VPN tunnel, Direct Connect connection or LAG, or Direct Connect location;
 * connection: the same tunnel, connection or LAG only (connections at one location count as independent).
 */
export type Independence = 'connection' | 'location';

export const DEFAULT_INDEPENDENCE: Independence = 'location';

export interface OnPremFacts {
  verdict: Verdict;
  reachable: boolean | null;
  redundant: boolean | null;
  /** explicit when networks were given; inferred otherwise. */
  source: 'explicit' | 'inferred';
  networkCount: number;
  reachableCount: number;
  degradedCount: number;
  unreachableCount: number;
  unknownCount: number;
  /** Proposed estates only, when there are some: networks reachable once the links the change creates come up. */
  pendingCount?: number;
  /** The minimum over networks (0 when there is none). */
  healthyPathCount: number;
  independentPathCount: number;
  /** Why there are no networks or why the verdict is what it is, when a sentence helps. */
  note?: string;
  /** What the paths of a network that is not redundant share (the first such network's sharedFailure). */
  sharedFailure?: string;
  /**
   * The rule that decided which paths are independent (config `network.independence`): location (connections at
   * one Direct Connect location share a failure) or connection (only the same tunnel, connection or LAG does).
   */
  independence: Independence;
  /**
   * Why `redundant` is what it is, in one clause, for the network with the fewest independent healthy paths: how
   * many there are, what the healthy paths share (a Direct Connect location, connection or LAG), the one link they
   * use, or that there is no healthy path.
   */
  redundancyNote: string;
  breakPoint?: BreakPoint;
  /** What kept networks from being inferred or judged (also in BrokerNetworkFacts.missing). */
  missing?: MissingData[];
  networks: OnPremNetworkFacts[];
}

export interface InternetIngressRule {
  securityGroupId: string;
  ruleId: string;
  /** The CIDR or prefix list the rule admits. */
  source: string;
  ports: number[];
  /** The rule (with the others of its group) admits all of 0.0.0.0/0 or ::/0 on these ports. */
  wholeInternet: boolean;
}

export interface InternetIngressFacts {
  /** Publicly accessible, or a security group admits 0.0.0.0/0 or ::/0 on a broker port; null when unknown. */
  open: boolean | null;
  publiclyAccessible: boolean | null;
  /**
   * A security group admits all of 0.0.0.0/0 or ::/0 (directly, through a prefix list, or spread over several
   * rules) on a broker port; null when the rules, or a prefix list that could decide it, could not be read.
   * Always set by the model (optional in the type only so that hand-built facts in tests stay valid).
   */
  groupsOpen?: boolean | null;
  /** Broker ports the security groups open to the whole internet (IPv4 or IPv6); proven ones only. */
  openPorts: number[];
  /** Rules admitting a public (non-RFC 1918) source on a broker port. */
  rules: InternetIngressRule[];
  /** A broker subnet routes 0.0.0.0/0 or ::/0 to an internet gateway; null when unknown. */
  publicSubnet: boolean | null;
  missing?: MissingData[];
}

export interface BrokerPort {
  port: number;
  protocol: string;
}

export interface SubnetFacts {
  id: string;
  vpcId?: string;
  cidr?: string;
  availabilityZone?: string;
  routeTableId?: string;
  /** explicit association, or the VPC's main table. */
  routeTableAssociation?: 'explicit' | 'main';
  networkAclId?: string;
}

export interface BrokerNetworkFacts {
  factsVersion: typeof NETWORK_FACTS_VERSION;
  engineType: EngineType;
  vpcId: string | null;
  subnets: SubnetFacts[];
  securityGroupIds: string[];
  /** The engine's client and console ports (internet ingress is judged on all of them). */
  ports: BrokerPort[];
  /** The ports on-premises paths are judged on, and whether all or any must pass (always set by the model; optional for hand-built facts). */
  requiredPorts?: RequiredPorts;
  /** The return (ephemeral) port range checked in the stateless NACL rules. */
  ephemeralPorts: {from: number; to: number};
  onPrem: OnPremFacts;
  internetIngress: InternetIngressFacts;
  /** Everything the model needed and did not have (deduplicated). */
  missing: MissingData[];
}

/** Which ports a path must pass to count as healthy, and where that came from. */
export interface RequiredPorts {
  /**
   * engine: the default, the engine's client and console ports, any one of which passing every hop makes a path
   * healthy; config: the ports the config file's network.requiredPorts names for the broker, every one of which must.
   */
  source: 'config' | 'engine';
  /** any: one of the ports passing is enough (the default); all: every port must pass. */
  match: 'all' | 'any';
  ports: BrokerPort[];
  /** config: the config file and the JSON pointer of the entry that chose the ports. */
  rule?: string;
}
