/**
 * A proposed change, in the inventory snapshot's own terms: what the readers of Terraform plans (iac/terraform-plan)
 * and CloudFormation templates (iac/cloudformation-template) produce, and what the overlay (change/overlay) applies
 * to the deployed snapshot to make the proposed one. The same policies and path model then judge both snapshots.
 *
 * Readers translate; they never judge. Every item is a snapshot object (src/snapshot) or a child of one, keyed the
 * way the snapshot keys it, so the overlay needs no knowledge of Terraform or CloudFormation.
 *
 * Identity: an object that exists keeps its AWS id. An object the change creates gets a placeholder id tied to its
 * address (`placeholderId`), and every reference to it inside the same change uses that placeholder, so a new
 * broker in a new subnet with a new security group still connects. A value known only after apply is never
 * guessed: the item lists it under `unknown` (JSON pointer into `value` → reason), and the field holds a neutral
 * stand-in that the overlay turns into "unknown" for the checks that read it.
 */
import type {Broker} from '../snapshot/types';
import type {
  CustomerGateway,
  DirectConnectGatewayAssociation,
  DirectConnectGatewayInfo,
  DxVirtualInterface,
  InternetGateway,
  ManagedPrefixList,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Vpc,
  VpcPeeringConnection,
  VpnConnection,
  VpnGateway,
  VpnStaticRoute,
} from '../snapshot/network';

/**
 * What the change does to one resource. `replace` covers both orders (delete-then-create, the default, and
 * create-before-destroy); `forget` leaves the object deployed and only drops it from management (kept as it is);
 * `read` is a data source read at apply time (its values are unknown); `no-op` is a resource the change leaves alone
 * (its `before` still helps resolve references).
 */
export type EditAction = 'create' | 'delete' | 'forget' | 'no-op' | 'read' | 'replace' | 'update';

/** Every kind of snapshot object or child a change can add, change or remove, with its value. */
export interface ItemValues {
  /** A whole broker. `details` is never null here; fields known only after apply are listed in `unknown`. */
  broker: Broker;
  vpc: Vpc;
  /** A VPC's additional CIDR block (aws_vpc_ipv4_cidr_block_association): the VPC's local range grows by it. */
  vpcCidrBlock: {vpcId: string; cidr?: string; ipv6Cidr?: string};
  subnet: Subnet;
  /**
   * A route table. `routes` and `associations` as the template defines them inline; the overlay keeps the routes
   * a template never manages (local, propagated, VPC endpoint) from the deployed table. `inlineRoutes: false`
   * means the definition does not manage routes inline (separate `route` items, or none): deployed routes stay.
   */
  routeTable: RouteTable & {inlineRoutes: boolean};
  /** One route of a route table (aws_route, AWS::EC2::Route); keyed by table and destination. */
  route: {routeTableId: string; route: Route};
  /** A subnet's (or an edge gateway's) association with a table; `association.main` for the VPC's main table. */
  routeTableAssociation: {routeTableId: string; vpcId?: string; association: RouteTableAssociation};
  /** A virtual private gateway propagating its routes into a table. */
  routePropagation: {routeTableId: string; vpnGatewayId: string};
  /** A security group; `rules` when the definition manages its rules inline (then they replace the deployed ones). */
  securityGroup: {group: SecurityGroup; rules?: SecurityGroupRule[]};
  /** One rule (a separate rule resource; one resource may yield several rules, one per source). */
  securityGroupRule: SecurityGroupRule;
  /** A network ACL; `inlineEntries` as for routeTable. `subnetIds` as defined (the overlay moves those subnets). */
  networkAcl: NetworkAcl & {inlineEntries: boolean};
  networkAclEntry: {networkAclId: string; entry: NetworkAclEntry};
  networkAclAssociation: {networkAclId: string; subnetId: string};
  prefixList: ManagedPrefixList;
  prefixListEntry: {prefixListId: string; cidr: string};
  internetGateway: InternetGateway;
  internetGatewayAttachment: {internetGatewayId: string; vpcId: string};
  natGateway: NatGateway;
  vpnGateway: VpnGateway;
  vpnGatewayAttachment: {vpnGatewayId: string; vpcId: string};
  customerGateway: CustomerGateway;
  /** A VPN connection. A created (or replaced) one has no tunnel telemetry yet: the overlay marks it pending. */
  vpnConnection: VpnConnection;
  vpnConnectionRoute: {vpnConnectionId: string; route: VpnStaticRoute};
  transitGateway: TransitGateway;
  transitGatewayAttachment: TransitGatewayAttachment;
  transitGatewayRouteTable: TransitGatewayRouteTable;
  transitGatewayRoute: {routeTableId: string; route: TransitGatewayRoute};
  transitGatewayAssociation: {routeTableId: string; attachmentId: string};
  transitGatewayPropagation: {routeTableId: string; attachmentId: string};
  vpcPeeringConnection: VpcPeeringConnection;
  /** Account-level (Direct Connect gateways are global). */
  directConnectGateway: DirectConnectGatewayInfo;
  directConnectGatewayAssociation: {directConnectGatewayId: string; association: DirectConnectGatewayAssociation};
  /** A virtual interface. A created one has no BGP status yet: the overlay marks it pending. */
  dxVirtualInterface: DxVirtualInterface;
  /**
   * A resource the path model does not follow but that can change a path: a route to a Network Firewall or
   * Gateway Load Balancer endpoint, a firewall policy, an unsupported attachment. Named in the report; the
   * overlay makes the verdicts of brokers in `vpcIds` (all brokers of the region when empty) unknown.
   */
  opaque: {description: string; vpcIds: string[]};
}

export type ItemKind = keyof ItemValues;

/** One snapshot object or child, with what is known only after apply. */
export type PlannedItem = {
  [K in ItemKind]: {
    kind: K;
    value: ItemValues[K];
    /** JSON pointer into `value` → why it is unknown ("known after apply: aws_mq_broker.checkout.security_groups"). */
    unknown?: Record<string, string>;
  };
}[ItemKind];

export type ChangeFormat = 'cloudformation' | 'terraform-plan';

/** Where a resource is written, when the reader knows it (templates do; plans name only addresses). */
export interface DefinitionSite {
  /** Repository-relative or as given, forward slashes. */
  file: string;
  line: number;
  endLine?: number;
  /** Line of each property as written (`PubliclyAccessible`, `Logs.Audit`), for findings on a property. */
  properties?: Record<string, number>;
}

export interface ResourceEdit {
  format: ChangeFormat;
  /** The input file the edit came from, as given. */
  input: string;
  /**
   * Terraform: the absolute instance address (`module.net["eu"].aws_route.onprem[0]`). CloudFormation: the
   * logical id, prefixed with the stack name when known (`orders-stack/OrdersBroker`).
   */
  address: string;
  /** `aws_route`, `AWS::EC2::Route`. */
  resourceType: string;
  action: EditAction;
  /** Set by template readers; Terraform edits are located through the --iac index by address. */
  definedAt?: DefinitionSite;
  /** Where the object lives, when the input says (the provider's or stack's region, a resource's own region). */
  region?: string;
  accountId?: string;
  /**
   * The deployed objects this edit changes or removes (update, replace, delete, forget, no-op), as the input
   * knew them (Terraform's `before`, a deployed stack's resource). The overlay finds each in the snapshot by id,
   * or by content for items without one (a route: table + destination; a rule: its tuple).
   */
  before: PlannedItem[];
  /** The objects as they will be (create, update, replace; no-op repeats `before`). */
  after: PlannedItem[];
  /** Attribute paths that are sensitive: the reader has already dropped their values; listed so reports can say so. */
  sensitive?: string[];
}

/** A resource the reader saw and did not translate (an unrelated type), or could not (it says why). */
export interface SkippedResource {
  address: string;
  resourceType: string;
  reason: string;
}

export interface ChangeProblem {
  /** The input file. */
  file: string;
  /** JSON pointer or line, when there is one. */
  pointer?: string;
  line?: number;
  message: string;
}

/** What one input (one plan, or one template with its parameters) proposes. */
export interface ProposedChange {
  format: ChangeFormat;
  input: string;
  /** Terraform: terraform_version and format_version; CloudFormation: the stack name and parameters file. */
  description: string;
  edits: ResourceEdit[];
  skipped: SkippedResource[];
  /** Things a reader noticed and could not decide (an errored plan, a deferred change, a lookup in CDK output). */
  warnings: ChangeProblem[];
}

/** A new object's id, stable for its address across runs: `(known after apply: aws_subnet.app[0])` is too long for ids in hops. */
export function placeholderId(address: string): string {
  return `new:${address}`;
}

export function isPlaceholderId(id: string): boolean {
  return id.startsWith('new:');
}
