/**
 * `Fn::GetAtt` before deploy. An attribute that is the resource's own id (a subnet's SubnetId) is its physical id,
 * or the placeholder of a new resource; an attribute that repeats a property (a VPC's CidrBlock) is that property's
 * value; a deployed resource's ARN is known when the caller gave it. Anything else is unknown until deploy.
 */
import type {LoadedResource} from './load';
import {childPointer} from './places';
import type {TemplateScope} from './scope';
import {NO_VALUE, Unknown} from './values';
import type {Value} from './values';

/** Attributes that return the same id as `Ref`. */
const ID_ATTRIBUTES: Record<string, string[]> = {
  'AWS::AmazonMQ::Broker': ['Id'],
  'AWS::AmazonMQ::Configuration': ['Id'],
  'AWS::EC2::CustomerGateway': ['CustomerGatewayId'],
  'AWS::EC2::InternetGateway': ['InternetGatewayId'],
  'AWS::EC2::NatGateway': ['NatGatewayId'],
  'AWS::EC2::NetworkAcl': ['Id'],
  'AWS::EC2::PrefixList': ['PrefixListId'],
  'AWS::EC2::RouteTable': ['RouteTableId'],
  'AWS::EC2::SecurityGroup': ['GroupId'],
  'AWS::EC2::SecurityGroupEgress': ['Id'],
  'AWS::EC2::SecurityGroupIngress': ['Id'],
  'AWS::EC2::Subnet': ['SubnetId'],
  'AWS::EC2::SubnetNetworkAclAssociation': ['AssociationId'],
  'AWS::EC2::SubnetRouteTableAssociation': ['Id'],
  'AWS::EC2::TransitGateway': ['Id'],
  'AWS::EC2::TransitGatewayAttachment': ['Id'],
  'AWS::EC2::TransitGatewayPeeringAttachment': ['TransitGatewayAttachmentId'],
  'AWS::EC2::TransitGatewayRouteTable': ['TransitGatewayRouteTableId'],
  'AWS::EC2::TransitGatewayVpcAttachment': ['Id'],
  'AWS::EC2::VPC': ['VpcId'],
  'AWS::EC2::VPCEndpoint': ['Id'],
  'AWS::EC2::VPCPeeringConnection': ['Id'],
  'AWS::EC2::VPNConnection': ['VpnConnectionId'],
  'AWS::EC2::VPNGateway': ['VPNGatewayId'],
  'AWS::DirectConnect::DirectConnectGateway': ['DirectConnectGatewayId'],
  'AWS::DirectConnect::PrivateVirtualInterface': ['VirtualInterfaceId'],
  'AWS::DirectConnect::TransitVirtualInterface': ['VirtualInterfaceId'],
};

/** Attributes that return a property as the template sets it. */
const PROPERTY_ATTRIBUTES: Record<string, Record<string, string>> = {
  'AWS::EC2::VPC': {CidrBlock: 'CidrBlock'},
  'AWS::EC2::Subnet': {
    VpcId: 'VpcId',
    CidrBlock: 'CidrBlock',
    AvailabilityZone: 'AvailabilityZone',
    AvailabilityZoneId: 'AvailabilityZoneId',
  },
  'AWS::EC2::SecurityGroup': {VpcId: 'VpcId'},
  'AWS::EC2::TransitGatewayRouteTable': {TransitGatewayId: 'TransitGatewayId'},
};

/** Attributes that are the stack's account. */
const OWNER_ATTRIBUTES = new Set(['OwnerId']);

export function attributeValue(
  resource: LoadedResource,
  attribute: string,
  pointer: string,
  scope: TemplateScope,
): Value {
  const {logicalId, type} = resource;
  const deployed = scope.options.deployed?.(logicalId);
  if (ID_ATTRIBUTES[type]?.includes(attribute)) return scope.physicalId(logicalId);
  const property = PROPERTY_ATTRIBUTES[type]?.[attribute];
  const properties = resource.body.Properties;
  if (
    property !== undefined &&
    properties !== null &&
    typeof properties === 'object' &&
    !Array.isArray(properties) &&
    properties[property] !== undefined
  ) {
    const propertyPointer = childPointer(childPointer(childPointer('/Resources', logicalId), 'Properties'), property);
    const value = scope.within(logicalId, () => scope.evaluateAt(properties[property], propertyPointer));
    if (value !== NO_VALUE) return value;
  }

  if (OWNER_ATTRIBUTES.has(attribute) && scope.options.accountId) return scope.options.accountId;
  if (attribute === 'Arn' && deployed?.arn) return deployed.arn;
  const whose = deployed ? 'of a deployed resource, not in the template' : 'of a resource this change creates';
  return new Unknown(`unknown until deploy: Fn::GetAtt ${logicalId}.${attribute} (${whose})`, pointer);
}
