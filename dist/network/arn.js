"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ec2Arn = ec2Arn;
exports.directConnectArn = directConnectArn;
exports.directConnectGatewayArn = directConnectGatewayArn;
exports.partitionOfRegion = partitionOfRegion;
/**
 * ARNs for hops, built from ids (most describe calls return none). Formats: the Service Authorization Reference.
 * Flattened (src/foundation/strings.ts): hops are kept for the whole scan.
 */
const strings_1 = require("../foundation/strings");
const EC2_RESOURCE_TYPES = {
    'customer-gateway': 'customer-gateway',
    'internet-gateway': 'internet-gateway',
    'nat-gateway': 'natgateway',
    'network-acl': 'network-acl',
    'prefix-list': 'prefix-list',
    'route-table': 'route-table',
    'security-group': 'security-group',
    'security-group-rule': 'security-group-rule',
    subnet: 'subnet',
    'transit-gateway': 'transit-gateway',
    'transit-gateway-attachment': 'transit-gateway-attachment',
    'transit-gateway-route-table': 'transit-gateway-route-table',
    vpc: 'vpc',
    'vpc-peering-connection': 'vpc-peering-connection',
    'vpn-connection': 'vpn-connection',
    'vpn-gateway': 'vpn-gateway',
};
function ec2Arn(partition, region, accountId, type, id) {
    return (0, strings_1.flat)(`arn:${partition}:ec2:${region}:${accountId}:${EC2_RESOURCE_TYPES[type]}/${id}`);
}
/** dxcon-… / dxlag-… / dxvif-… are regional. */
function directConnectArn(partition, region, accountId, id) {
    const type = id.startsWith('dxlag-') ? 'dxlag' : id.startsWith('dxvif-') ? 'dxvif' : 'dxcon';
    return (0, strings_1.flat)(`arn:${partition}:directconnect:${region}:${accountId}:${type}/${id}`);
}
/** Direct Connect gateways are global: no region in the ARN. */
function directConnectGatewayArn(partition, accountId, id) {
    return (0, strings_1.flat)(`arn:${partition}:directconnect::${accountId}:dx-gateway/${id}`);
}
/** The partition a region belongs to (`cn-north-1` → aws-cn). */
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region.startsWith('us-isob-'))
        return 'aws-iso-b';
    if (region.startsWith('us-iso-'))
        return 'aws-iso';
    if (region.startsWith('eusc-'))
        return 'aws-eusc';
    return 'aws';
}
