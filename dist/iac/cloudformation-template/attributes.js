"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.attributeValue = attributeValue;
const places_1 = require("./places");
const values_1 = require("./values");
/** Attributes that return the same id as `Ref`. */
const ID_ATTRIBUTES = {
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
const PROPERTY_ATTRIBUTES = {
    'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
    'AWS::EC2::Subnet': {
        VpcId: 'VpcId',
        CidrBlock: 'CidrBlock',
        AvailabilityZone: 'AvailabilityZone',
        AvailabilityZoneId: 'AvailabilityZoneId',
    },
    'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
    'AWS::EC2::TransitGatewayRouteTable': { TransitGatewayId: 'TransitGatewayId' },
};
/** Attributes that are the stack's account. */
const OWNER_ATTRIBUTES = new Set(['OwnerId']);
function attributeValue(resource, attribute, pointer, scope) {
    const { logicalId, type } = resource;
    const deployed = scope.options.deployed?.(logicalId);
    if (ID_ATTRIBUTES[type]?.includes(attribute))
        return scope.physicalId(logicalId);
    const property = PROPERTY_ATTRIBUTES[type]?.[attribute];
    const properties = resource.body.Properties;
    if (property !== undefined &&
        properties !== null &&
        typeof properties === 'object' &&
        !Array.isArray(properties) &&
        properties[property] !== undefined) {
        const propertyPointer = (0, places_1.childPointer)((0, places_1.childPointer)((0, places_1.childPointer)('/Resources', logicalId), 'Properties'), property);
        const value = scope.within(logicalId, () => scope.evaluateAt(properties[property], propertyPointer));
        if (value !== values_1.NO_VALUE)
            return value;
    }
    if (OWNER_ATTRIBUTES.has(attribute) && scope.options.accountId)
        return scope.options.accountId;
    if (attribute === 'Arn' && deployed?.arn)
        return deployed.arn;
    const whose = deployed ? 'of a deployed resource, not in the template' : 'of a resource this change creates';
    return new values_1.Unknown(`unknown until deploy: Fn::GetAtt ${logicalId}.${attribute} (${whose})`, pointer);
}
