/**
 * Which Terraform resource types become which snapshot items. Types the path model does not follow but that can
 * change a path become `opaque` items (named in the report, verdicts they touch unknown); every other type is
 * skipped with a reason.
 */
import type {PlannedItem} from '../../change/types';
import {brokerItems} from './broker';
import {
  customerGatewayItems,
  dxGatewayAssociationItems,
  dxGatewayItems,
  dxVirtualInterfaceItems,
  internetGatewayAttachmentItems,
  internetGatewayItems,
  natGatewayItems,
  vpnConnectionItems,
  vpnConnectionRouteItems,
  vpnGatewayAttachmentItems,
  vpnGatewayItems,
} from './gateways';
import {
  mainRouteTableAssociationItems,
  routeItems,
  routePropagationItems,
  routeTableAssociationItems,
  routeTableItems,
  subnetItems,
  vpcCidrBlockItems,
  vpcItems,
} from './routing';
import {
  networkAclAssociationItems,
  networkAclItems,
  networkAclRuleItems,
  prefixListEntryItems,
  prefixListItems,
  securityGroupItems,
  securityGroupRuleItems,
  vpcSecurityGroupRuleItems,
} from './security';
import {
  transitGatewayAssociationItems,
  transitGatewayItems,
  transitGatewayRouteItems,
  transitGatewayRouteTableItems,
  transitGatewayVpcAttachmentItems,
  vpcPeeringItems,
} from './transit';
import type {Translator} from './translate';
import {Fields, type Side} from './values';

const TRANSLATORS: Record<string, Translator> = {
  aws_mq_broker: brokerItems,
  aws_vpc: vpcItems,
  aws_default_vpc: vpcItems,
  aws_vpc_ipv4_cidr_block_association: vpcCidrBlockItems,
  aws_subnet: subnetItems,
  aws_default_subnet: subnetItems,
  aws_route_table: routeTableItems,
  aws_default_route_table: routeTableItems,
  aws_route: routeItems,
  aws_route_table_association: routeTableAssociationItems,
  aws_main_route_table_association: mainRouteTableAssociationItems,
  aws_vpn_gateway_route_propagation: routePropagationItems,
  aws_security_group: securityGroupItems,
  aws_default_security_group: securityGroupItems,
  aws_security_group_rule: securityGroupRuleItems,
  aws_vpc_security_group_ingress_rule: vpcSecurityGroupRuleItems,
  aws_vpc_security_group_egress_rule: vpcSecurityGroupRuleItems,
  aws_network_acl: networkAclItems,
  aws_default_network_acl: networkAclItems,
  aws_network_acl_rule: networkAclRuleItems,
  aws_network_acl_association: networkAclAssociationItems,
  aws_ec2_managed_prefix_list: prefixListItems,
  aws_ec2_managed_prefix_list_entry: prefixListEntryItems,
  aws_internet_gateway: internetGatewayItems,
  aws_internet_gateway_attachment: internetGatewayAttachmentItems,
  aws_nat_gateway: natGatewayItems,
  aws_vpn_gateway: vpnGatewayItems,
  aws_vpn_gateway_attachment: vpnGatewayAttachmentItems,
  aws_customer_gateway: customerGatewayItems,
  aws_vpn_connection: vpnConnectionItems,
  aws_vpn_connection_route: vpnConnectionRouteItems,
  aws_ec2_transit_gateway: transitGatewayItems,
  aws_ec2_transit_gateway_vpc_attachment: transitGatewayVpcAttachmentItems,
  aws_ec2_transit_gateway_route_table: transitGatewayRouteTableItems,
  aws_ec2_transit_gateway_route: transitGatewayRouteItems,
  aws_ec2_transit_gateway_route_table_association: transitGatewayAssociationItems,
  aws_ec2_transit_gateway_route_table_propagation: transitGatewayAssociationItems,
  aws_vpc_peering_connection: vpcPeeringItems,
  aws_vpc_peering_connection_accepter: vpcPeeringItems,
  aws_dx_gateway: dxGatewayItems,
  aws_dx_gateway_association: dxGatewayAssociationItems,
  aws_dx_private_virtual_interface: dxVirtualInterfaceItems,
  aws_dx_transit_virtual_interface: dxVirtualInterfaceItems,
  aws_dx_hosted_private_virtual_interface: dxVirtualInterfaceItems,
  aws_dx_hosted_private_virtual_interface_accepter: dxVirtualInterfaceItems,
  aws_dx_hosted_transit_virtual_interface: dxVirtualInterfaceItems,
  aws_dx_hosted_transit_virtual_interface_accepter: dxVirtualInterfaceItems,
};

/** Types that change paths in ways the model does not follow, with what they are. */
const OPAQUE: Record<string, string> = {
  aws_networkfirewall_firewall: 'a Network Firewall (traffic inspection)',
  aws_networkfirewall_firewall_policy: 'a Network Firewall policy',
  aws_networkfirewall_rule_group: 'a Network Firewall rule group',
  aws_ec2_transit_gateway_connect: 'a transit gateway Connect attachment',
  aws_ec2_transit_gateway_connect_peer: 'a transit gateway Connect peer',
  aws_ec2_transit_gateway_peering_attachment: 'a transit gateway peering attachment',
  aws_ec2_transit_gateway_peering_attachment_accepter: 'a transit gateway peering attachment',
  aws_ec2_transit_gateway_prefix_list_reference: 'a transit gateway prefix list reference (routes)',
  aws_ec2_transit_gateway_policy_table: 'a transit gateway policy table',
  aws_ec2_transit_gateway_policy_table_association: 'a transit gateway policy table association',
  aws_networkmanager_core_network: 'a Cloud WAN core network',
  aws_networkmanager_vpc_attachment: 'a Cloud WAN VPC attachment',
  aws_dx_gateway_association_proposal: 'a Direct Connect gateway association proposal (cross-account)',
};

export type Handling = {kind: 'items'; items: Translator} | {kind: 'skip'; reason: string};

/** How a type is translated; `values` (after, else before) tells a Gateway Load Balancer endpoint from other endpoints. */
export function handlingOf(type: string, values: unknown): Handling {
  const translator = TRANSLATORS[type];
  if (translator) return {kind: 'items', items: translator};
  const what = OPAQUE[type] ?? gatewayLoadBalancerEndpoint(type, values);
  if (what) return {kind: 'items', items: (side) => [opaqueItem(side, what)]};
  if (type === 'aws_mq_configuration') {
    return {
      kind: 'skip',
      reason:
        'broker configuration XML is not modelled; a broker reads its configuration id/revision and engine version from aws_mq_broker',
    };
  }

  if (type === 'aws_vpc_endpoint')
    return {kind: 'skip', reason: 'an interface or gateway VPC endpoint does not carry traffic to brokers'};
  if (type === 'aws_dx_public_virtual_interface' || type === 'aws_dx_hosted_public_virtual_interface')
    return {kind: 'skip', reason: 'a public virtual interface is not a private path'};
  return {kind: 'skip', reason: 'not a broker or network path resource'};
}

/** aws_vpc_endpoint of type GatewayLoadBalancer: traffic routed to it is inspected by appliances the model does not see. */
function gatewayLoadBalancerEndpoint(type: string, values: unknown): string | undefined {
  if (type !== 'aws_vpc_endpoint') return undefined;
  const endpointType =
    typeof values === 'object' && values !== null ? (values as Record<string, unknown>).vpc_endpoint_type : undefined;
  return endpointType === 'GatewayLoadBalancer' ? 'a Gateway Load Balancer endpoint (traffic inspection)' : undefined;
}

function opaqueItem(side: Side, what: string): PlannedItem {
  const f = new Fields(side);
  const vpcId = f.has(['vpc_id']) || f.isUnknown(['vpc_id']) ? f.id(['vpc_id'], '/vpcIds') : undefined;
  const value = {
    description: `${side.address}: ${what}, which the path model does not follow`,
    vpcIds: vpcId ? [vpcId] : [],
  };
  return {kind: 'opaque', value, ...f.unknownMap()};
}
