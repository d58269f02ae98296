"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handlingOf = handlingOf;
const broker_1 = require("./broker");
const gateways_1 = require("./gateways");
const routing_1 = require("./routing");
const security_1 = require("./security");
const transit_1 = require("./transit");
const values_1 = require("./values");
const TRANSLATORS = {
    aws_mq_broker: broker_1.brokerItems,
    aws_vpc: routing_1.vpcItems,
    aws_default_vpc: routing_1.vpcItems,
    aws_vpc_ipv4_cidr_block_association: routing_1.vpcCidrBlockItems,
    aws_subnet: routing_1.subnetItems,
    aws_default_subnet: routing_1.subnetItems,
    aws_route_table: routing_1.routeTableItems,
    aws_default_route_table: routing_1.routeTableItems,
    aws_route: routing_1.routeItems,
    aws_route_table_association: routing_1.routeTableAssociationItems,
    aws_main_route_table_association: routing_1.mainRouteTableAssociationItems,
    aws_vpn_gateway_route_propagation: routing_1.routePropagationItems,
    aws_security_group: security_1.securityGroupItems,
    aws_default_security_group: security_1.securityGroupItems,
    aws_security_group_rule: security_1.securityGroupRuleItems,
    aws_vpc_security_group_ingress_rule: security_1.vpcSecurityGroupRuleItems,
    aws_vpc_security_group_egress_rule: security_1.vpcSecurityGroupRuleItems,
    aws_network_acl: security_1.networkAclItems,
    aws_default_network_acl: security_1.networkAclItems,
    aws_network_acl_rule: security_1.networkAclRuleItems,
    aws_network_acl_association: security_1.networkAclAssociationItems,
    aws_ec2_managed_prefix_list: security_1.prefixListItems,
    aws_ec2_managed_prefix_list_entry: security_1.prefixListEntryItems,
    aws_internet_gateway: gateways_1.internetGatewayItems,
    aws_internet_gateway_attachment: gateways_1.internetGatewayAttachmentItems,
    aws_nat_gateway: gateways_1.natGatewayItems,
    aws_vpn_gateway: gateways_1.vpnGatewayItems,
    aws_vpn_gateway_attachment: gateways_1.vpnGatewayAttachmentItems,
    aws_customer_gateway: gateways_1.customerGatewayItems,
    aws_vpn_connection: gateways_1.vpnConnectionItems,
    aws_vpn_connection_route: gateways_1.vpnConnectionRouteItems,
    aws_ec2_transit_gateway: transit_1.transitGatewayItems,
    aws_ec2_transit_gateway_vpc_attachment: transit_1.transitGatewayVpcAttachmentItems,
    aws_ec2_transit_gateway_route_table: transit_1.transitGatewayRouteTableItems,
    aws_ec2_transit_gateway_route: transit_1.transitGatewayRouteItems,
    aws_ec2_transit_gateway_route_table_association: transit_1.transitGatewayAssociationItems,
    aws_ec2_transit_gateway_route_table_propagation: transit_1.transitGatewayAssociationItems,
    aws_vpc_peering_connection: transit_1.vpcPeeringItems,
    aws_vpc_peering_connection_accepter: transit_1.vpcPeeringItems,
    aws_dx_gateway: gateways_1.dxGatewayItems,
    aws_dx_gateway_association: gateways_1.dxGatewayAssociationItems,
    aws_dx_private_virtual_interface: gateways_1.dxVirtualInterfaceItems,
    aws_dx_transit_virtual_interface: gateways_1.dxVirtualInterfaceItems,
    aws_dx_hosted_private_virtual_interface: gateways_1.dxVirtualInterfaceItems,
    aws_dx_hosted_private_virtual_interface_accepter: gateways_1.dxVirtualInterfaceItems,
    aws_dx_hosted_transit_virtual_interface: gateways_1.dxVirtualInterfaceItems,
    aws_dx_hosted_transit_virtual_interface_accepter: gateways_1.dxVirtualInterfaceItems,
};
/** Types that change paths in ways the model does not follow, with what they are. */
const OPAQUE = {
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
/** How a type is translated; `values` (after, else before) tells a Gateway Load Balancer endpoint from other endpoints. */
function handlingOf(type, values) {
    const translator = TRANSLATORS[type];
    if (translator)
        return { kind: 'items', items: translator };
    const what = OPAQUE[type] ?? gatewayLoadBalancerEndpoint(type, values);
    if (what)
        return { kind: 'items', items: (side) => [opaqueItem(side, what)] };
    if (type === 'aws_mq_configuration') {
        return {
            kind: 'skip',
            reason: 'broker configuration XML is not modelled; a broker reads its configuration id/revision and engine version from aws_mq_broker',
        };
    }
    if (type === 'aws_vpc_endpoint')
        return { kind: 'skip', reason: 'an interface or gateway VPC endpoint does not carry traffic to brokers' };
    if (type === 'aws_dx_public_virtual_interface' || type === 'aws_dx_hosted_public_virtual_interface')
        return { kind: 'skip', reason: 'a public virtual interface is not a private path' };
    return { kind: 'skip', reason: 'not a broker or network path resource' };
}
/** aws_vpc_endpoint of type GatewayLoadBalancer: traffic routed to it is inspected by appliances the model does not see. */
function gatewayLoadBalancerEndpoint(type, values) {
    if (type !== 'aws_vpc_endpoint')
        return undefined;
    const endpointType = typeof values === 'object' && values !== null ? values.vpc_endpoint_type : undefined;
    return endpointType === 'GatewayLoadBalancer' ? 'a Gateway Load Balancer endpoint (traffic inspection)' : undefined;
}
function opaqueItem(side, what) {
    const f = new values_1.Fields(side);
    const vpcId = f.has(['vpc_id']) || f.isUnknown(['vpc_id']) ? f.id(['vpc_id'], '/vpcIds') : undefined;
    const value = {
        description: `${side.address}: ${what}, which the path model does not follow`,
        vpcIds: vpcId ? [vpcId] : [],
    };
    return { kind: 'opaque', value, ...f.unknownMap() };
}
