/**
 * CloudFormation resource properties → snapshot items (src/change/types.ts ItemValues). Each translator reads one
 * resource's evaluated properties; the registry says which types become items, which are `opaque` (they can change
 * a path the model does not follow) and which are skipped (not on a broker's path).
 */
import type {ItemKind} from '../../change/types';
import {brokerItems} from './broker';
import type {Fields} from './fields';
import type {Translator} from './items';
import {LINK_TRANSLATORS} from './links';
import {NETWORK_TRANSLATORS} from './network';
import {SECURITY_GROUP_TRANSLATORS} from './security-groups';

const TRANSLATORS: Partial<Record<string, Translator>> = {
  'AWS::AmazonMQ::Broker': brokerItems,
  ...NETWORK_TRANSLATORS,
  ...SECURITY_GROUP_TRANSLATORS,
  ...LINK_TRANSLATORS,
};

/** The kind of the object a type's resource is, for `delete` edits of deployed resources the template dropped. */
export const PRIMARY_KIND: Record<string, ItemKind> = {
  'AWS::AmazonMQ::Broker': 'broker',
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::RouteTable': 'routeTable',
  'AWS::EC2::Route': 'route',
  'AWS::EC2::SubnetRouteTableAssociation': 'routeTableAssociation',
  'AWS::EC2::GatewayRouteTableAssociation': 'routeTableAssociation',
  'AWS::EC2::VPNGatewayRoutePropagation': 'routePropagation',
  'AWS::EC2::SecurityGroup': 'securityGroup',
  'AWS::EC2::SecurityGroupIngress': 'securityGroupRule',
  'AWS::EC2::SecurityGroupEgress': 'securityGroupRule',
  'AWS::EC2::NetworkAcl': 'networkAcl',
  'AWS::EC2::NetworkAclEntry': 'networkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation': 'networkAclAssociation',
  'AWS::EC2::PrefixList': 'prefixList',
  'AWS::EC2::InternetGateway': 'internetGateway',
  'AWS::EC2::NatGateway': 'natGateway',
  'AWS::EC2::VPNGateway': 'vpnGateway',
  'AWS::EC2::CustomerGateway': 'customerGateway',
  'AWS::EC2::VPNConnection': 'vpnConnection',
  'AWS::EC2::VPNConnectionRoute': 'vpnConnectionRoute',
  'AWS::EC2::TransitGateway': 'transitGateway',
  'AWS::EC2::TransitGatewayAttachment': 'transitGatewayAttachment',
  'AWS::EC2::TransitGatewayVpcAttachment': 'transitGatewayAttachment',
  'AWS::EC2::TransitGatewayPeeringAttachment': 'transitGatewayAttachment',
  'AWS::EC2::TransitGatewayRouteTable': 'transitGatewayRouteTable',
  'AWS::EC2::TransitGatewayRoute': 'transitGatewayRoute',
  'AWS::EC2::TransitGatewayRouteTableAssociation': 'transitGatewayAssociation',
  'AWS::EC2::TransitGatewayRouteTablePropagation': 'transitGatewayPropagation',
  'AWS::EC2::VPCPeeringConnection': 'vpcPeeringConnection',
  'AWS::DirectConnect::DirectConnectGateway': 'directConnectGateway',
  'AWS::DirectConnect::DirectConnectGatewayAssociation': 'directConnectGatewayAssociation',
  'AWS::DirectConnect::PrivateVirtualInterface': 'dxVirtualInterface',
  'AWS::DirectConnect::TransitVirtualInterface': 'dxVirtualInterface',
};

/** Types that can change a path the model does not follow: reported, and the verdicts they touch become unknown. */
const OPAQUE_TYPES: Record<string, string> = {
  'AWS::NetworkFirewall::Firewall': 'a Network Firewall (traffic routed through it is inspected)',
  'AWS::NetworkFirewall::FirewallPolicy': 'a Network Firewall policy',
  'AWS::NetworkFirewall::RuleGroup': 'a Network Firewall rule group',
  'AWS::EC2::TransitGatewayConnect': 'a transit gateway Connect attachment (GRE to an appliance)',
  'AWS::EC2::TransitGatewayPrefixListReference': 'a transit gateway prefix-list route',
  'AWS::NetworkManager::CoreNetwork': 'a Cloud WAN core network',
};

/** Why a type is skipped, when a specific reason says more than "not on a broker's path". */
const SKIP_REASONS: Record<string, string> = {
  'AWS::AmazonMQ::Configuration':
    "a broker configuration (its id and revision are read through the broker's Configuration property)",
  'AWS::CDK::Metadata': "CDK's analytics metadata",
  'AWS::CloudFormation::Stack': 'a nested stack: its template is not read here; give it with its own --template',
};

/** Whether a deployed resource of this type, deleted, matters to the judges: translated, opaque, or neither. */
export function deletedTypeRole(type: string): 'opaque' | 'skip' | 'translate' {
  if (TRANSLATORS[type]) return 'translate';
  return OPAQUE_TYPES[type] ? 'opaque' : 'skip';
}

export type Disposition = {translate: Translator} | {opaque: string} | {skip: string};

export function dispositionOf(type: string, fields: Fields): Disposition {
  if (type === 'AWS::EC2::VPCEndpoint') {
    const endpointType = fields.raw('VpcEndpointType');
    if (typeof endpointType === 'string' && endpointType.toLowerCase() === 'gatewayloadbalancer')
      return {opaque: 'a Gateway Load Balancer endpoint (traffic routed to it goes through an appliance)'};
    return {skip: 'an interface or gateway VPC endpoint (to AWS services, not on a broker path)'};
  }

  const translate = TRANSLATORS[type];
  if (translate) return {translate};
  if (OPAQUE_TYPES[type]) return {opaque: OPAQUE_TYPES[type]};
  return {skip: SKIP_REASONS[type] ?? 'not a broker or network-path resource'};
}
