/** Which CloudFormation and Terraform resource types are indexed, what kind each is, and which property names it. */
import type {HopKind} from '../network/facts';
import type {IacResourceKind, LocatableKind} from './types';

export interface ResourceTypeInfo {
  kind: IacResourceKind;
  /** The property holding the resource's own name (BrokerName, GroupName …), for types that have one. */
  nameProperty?: string;
}

const CLOUDFORMATION_TYPES: Record<string, ResourceTypeInfo> = {
  'AWS::AmazonMQ::Broker': {kind: 'broker', nameProperty: 'BrokerName'},
  'AWS::EC2::SecurityGroup': {kind: 'security-group', nameProperty: 'GroupName'},
  'AWS::EC2::SecurityGroupIngress': {kind: 'security-group-rule'},
  'AWS::EC2::SecurityGroupEgress': {kind: 'security-group-rule'},
  'AWS::EC2::RouteTable': {kind: 'route-table'},
  'AWS::EC2::Route': {kind: 'route'},
  'AWS::EC2::SubnetRouteTableAssociation': {kind: 'auxiliary'},
  'AWS::EC2::GatewayRouteTableAssociation': {kind: 'auxiliary'},
  'AWS::EC2::Subnet': {kind: 'subnet'},
  'AWS::EC2::NetworkAcl': {kind: 'network-acl'},
  'AWS::EC2::NetworkAclEntry': {kind: 'network-acl-entry'},
  'AWS::EC2::VPNConnection': {kind: 'vpn-connection'},
  'AWS::EC2::VPNConnectionRoute': {kind: 'route'},
  'AWS::EC2::VPNGateway': {kind: 'vpn-gateway'},
  'AWS::EC2::VPNGatewayRoutePropagation': {kind: 'auxiliary'},
  'AWS::EC2::VPCGatewayAttachment': {kind: 'auxiliary'},
  'AWS::EC2::CustomerGateway': {kind: 'customer-gateway'},
  'AWS::EC2::InternetGateway': {kind: 'internet-gateway'},
  'AWS::EC2::NatGateway': {kind: 'nat-gateway'},
  'AWS::EC2::VPCPeeringConnection': {kind: 'vpc-peering-connection'},
  'AWS::EC2::TransitGateway': {kind: 'transit-gateway'},
  'AWS::EC2::TransitGatewayAttachment': {kind: 'tgw-attachment'},
  'AWS::EC2::TransitGatewayVpcAttachment': {kind: 'tgw-attachment'},
  'AWS::EC2::TransitGatewayPeeringAttachment': {kind: 'tgw-attachment'},
  'AWS::EC2::TransitGatewayConnect': {kind: 'tgw-attachment'},
  'AWS::EC2::TransitGatewayRouteTable': {kind: 'tgw-route-table'},
  'AWS::EC2::TransitGatewayRoute': {kind: 'tgw-route'},
  'AWS::DirectConnect::Connection': {kind: 'dx-connection', nameProperty: 'ConnectionName'},
  'AWS::DirectConnect::Lag': {kind: 'dx-connection', nameProperty: 'LagName'},
  'AWS::DirectConnect::DirectConnectGateway': {kind: 'dx-gateway', nameProperty: 'DirectConnectGatewayName'},
  'AWS::DirectConnect::PrivateVirtualInterface': {kind: 'virtual-interface', nameProperty: 'VirtualInterfaceName'},
  'AWS::DirectConnect::TransitVirtualInterface': {kind: 'virtual-interface', nameProperty: 'VirtualInterfaceName'},
  'AWS::DirectConnect::PublicVirtualInterface': {kind: 'virtual-interface', nameProperty: 'VirtualInterfaceName'},
};

/** Families indexed as a whole: members not listed above are `auxiliary`. */
const CLOUDFORMATION_FAMILIES = ['AWS::EC2::TransitGateway', 'AWS::DirectConnect::', 'AWS::EC2::NetworkAcl'];

const TERRAFORM_TYPES: Record<string, ResourceTypeInfo> = {
  aws_mq_broker: {kind: 'broker', nameProperty: 'broker_name'},
  aws_security_group: {kind: 'security-group', nameProperty: 'name'},
  aws_default_security_group: {kind: 'security-group'},
  aws_security_group_rule: {kind: 'security-group-rule'},
  aws_vpc_security_group_ingress_rule: {kind: 'security-group-rule'},
  aws_vpc_security_group_egress_rule: {kind: 'security-group-rule'},
  aws_route_table: {kind: 'route-table'},
  aws_default_route_table: {kind: 'route-table'},
  aws_route: {kind: 'route'},
  aws_route_table_association: {kind: 'auxiliary'},
  aws_main_route_table_association: {kind: 'auxiliary'},
  aws_subnet: {kind: 'subnet'},
  aws_network_acl: {kind: 'network-acl'},
  aws_default_network_acl: {kind: 'network-acl'},
  aws_network_acl_rule: {kind: 'network-acl-entry'},
  aws_vpn_connection: {kind: 'vpn-connection'},
  aws_vpn_connection_route: {kind: 'route'},
  aws_vpn_gateway: {kind: 'vpn-gateway'},
  aws_vpn_gateway_attachment: {kind: 'auxiliary'},
  aws_vpn_gateway_route_propagation: {kind: 'auxiliary'},
  aws_customer_gateway: {kind: 'customer-gateway'},
  aws_internet_gateway: {kind: 'internet-gateway'},
  aws_nat_gateway: {kind: 'nat-gateway'},
  aws_vpc_peering_connection: {kind: 'vpc-peering-connection'},
  aws_vpc_peering_connection_accepter: {kind: 'vpc-peering-connection'},
  aws_ec2_transit_gateway: {kind: 'transit-gateway'},
  aws_ec2_transit_gateway_vpc_attachment: {kind: 'tgw-attachment'},
  aws_ec2_transit_gateway_vpc_attachment_accepter: {kind: 'tgw-attachment'},
  aws_ec2_transit_gateway_peering_attachment: {kind: 'tgw-attachment'},
  aws_ec2_transit_gateway_peering_attachment_accepter: {kind: 'tgw-attachment'},
  aws_ec2_transit_gateway_connect: {kind: 'tgw-attachment'},
  aws_ec2_transit_gateway_route_table: {kind: 'tgw-route-table'},
  aws_ec2_transit_gateway_route: {kind: 'tgw-route'},
  aws_dx_connection: {kind: 'dx-connection', nameProperty: 'name'},
  aws_dx_lag: {kind: 'dx-connection', nameProperty: 'name'},
  aws_dx_gateway: {kind: 'dx-gateway', nameProperty: 'name'},
  aws_dx_private_virtual_interface: {kind: 'virtual-interface', nameProperty: 'name'},
  aws_dx_transit_virtual_interface: {kind: 'virtual-interface', nameProperty: 'name'},
  aws_dx_public_virtual_interface: {kind: 'virtual-interface', nameProperty: 'name'},
  aws_dx_hosted_private_virtual_interface: {kind: 'virtual-interface', nameProperty: 'name'},
  aws_dx_hosted_transit_virtual_interface: {kind: 'virtual-interface', nameProperty: 'name'},
};

const TERRAFORM_FAMILIES = ['aws_ec2_transit_gateway_', 'aws_dx_', 'aws_network_acl'];

export function cloudFormationTypeInfo(type: string): ResourceTypeInfo | undefined {
  return (
    CLOUDFORMATION_TYPES[type] ??
    (CLOUDFORMATION_FAMILIES.some((prefix) => type.startsWith(prefix)) ? {kind: 'auxiliary'} : undefined)
  );
}

export function terraformTypeInfo(type: string): ResourceTypeInfo | undefined {
  return (
    TERRAFORM_TYPES[type] ??
    (TERRAFORM_FAMILIES.some((prefix) => type.startsWith(prefix)) ? {kind: 'auxiliary'} : undefined)
  );
}

/** Kinds whose deployed resources have a name of their own; the others are known by their Name tag. */
export function hasOwnName(kind: IacResourceKind): boolean {
  return (
    kind === 'broker' ||
    kind === 'security-group' ||
    kind === 'dx-connection' ||
    kind === 'dx-gateway' ||
    kind === 'virtual-interface'
  );
}

/** The kind to locate a network path hop by; undefined for hops that are not resources (on-premises, targets). */
export function locatableKindOfHop(kind: HopKind): LocatableKind | undefined {
  switch (kind) {
    case 'on-premises-network':
    case 'target':
      return undefined;
    case 'vpn-tunnel':
      // Tunnels are part of their VPN connection's definition.
      return 'vpn-connection';
    default:
      return kind;
  }
}
