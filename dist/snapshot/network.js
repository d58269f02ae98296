"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NETWORK_COLLECTION_SOURCES = void 0;
exports.emptyNetwork = emptyNetwork;
/**
 * Which calls fill which collection: a null collection is explained by a CollectionError of one of these
 * operations (or, for collections that need the brokers' VPC ids, by the DescribeSubnets error upstream).
 */
exports.NETWORK_COLLECTION_SOURCES = {
    vpcs: { service: 'ec2', operations: ['DescribeVpcs'] },
    subnets: { service: 'ec2', operations: ['DescribeSubnets'] },
    routeTables: { service: 'ec2', operations: ['DescribeRouteTables'] },
    securityGroups: { service: 'ec2', operations: ['DescribeSecurityGroups'] },
    securityGroupRules: { service: 'ec2', operations: ['DescribeSecurityGroupRules'] },
    networkAcls: { service: 'ec2', operations: ['DescribeNetworkAcls'] },
    prefixLists: { service: 'ec2', operations: ['DescribeManagedPrefixLists', 'GetManagedPrefixListEntries'] },
    internetGateways: { service: 'ec2', operations: ['DescribeInternetGateways'] },
    natGateways: { service: 'ec2', operations: ['DescribeNatGateways'] },
    vpnGateways: { service: 'ec2', operations: ['DescribeVpnGateways'] },
    customerGateways: { service: 'ec2', operations: ['DescribeCustomerGateways'] },
    vpnConnections: { service: 'ec2', operations: ['DescribeVpnConnections'] },
    transitGateways: { service: 'ec2', operations: ['DescribeTransitGateways'] },
    transitGatewayAttachments: { service: 'ec2', operations: ['DescribeTransitGatewayAttachments'] },
    transitGatewayRouteTables: {
        service: 'ec2',
        operations: [
            'DescribeTransitGatewayRouteTables',
            'SearchTransitGatewayRoutes',
            'GetTransitGatewayRouteTablePropagations',
        ],
    },
    vpcPeeringConnections: { service: 'ec2', operations: ['DescribeVpcPeeringConnections'] },
    networkInterfaces: { service: 'ec2', operations: ['DescribeNetworkInterfaces'] },
    dxConnections: { service: 'directconnect', operations: ['DescribeConnections'] },
    dxLags: { service: 'directconnect', operations: ['DescribeLags'] },
    dxVirtualInterfaces: { service: 'directconnect', operations: ['DescribeVirtualInterfaces'] },
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
function emptyNetwork() {
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
