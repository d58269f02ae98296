"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.collectRegionNetwork = collectRegionNetwork;
exports.collectAccountNetwork = collectAccountNetwork;
exports.accountNetworkRegion = accountNetworkRegion;
exports.brokerNetworkScope = brokerNetworkScope;
const directconnect_1 = require("./directconnect");
const ec2_network_1 = require("./ec2-network");
const shapes_1 = require("./shapes");
async function collectRegionNetwork(clients, ctx, brokers, errors) {
    if (brokers !== null && brokers.length === 0)
        return undefined;
    if (!hasDescribedBrokers(brokers))
        return uncollectedNetwork();
    const [ec2, directConnect] = await Promise.all([
        (0, ec2_network_1.collectEc2Network)(clients.ec2(ctx.region), ctx.region, brokerNetworkScope(brokers), ctx.concurrency, errors),
        (0, directconnect_1.collectDirectConnectRegion)(clients.directConnect(ctx.region), ctx.region, errors),
    ]);
    return { ...ec2, ...directConnect };
}
/**
 * The account's global Direct Connect gateways, read once through the endpoint of `accountNetworkRegion`:
 * `{directConnectGateways: null}` when they could not be listed (see `errors`), `{}` when no region has
 * described brokers (nothing is read). Spread into the AccountInventory.
 */
async function collectAccountNetwork(clients, regions, concurrency, errors) {
    const region = accountNetworkRegion(regions);
    if (region === undefined)
        return {};
    return {
        directConnectGateways: await (0, directconnect_1.collectDirectConnectGateways)(clients.directConnect(region), region, concurrency, errors),
    };
}
/**
 * Where to read the account's global Direct Connect data: the first region (in scan order, so two runs agree)
 * whose brokers could be described; undefined when there is none.
 */
function accountNetworkRegion(regions) {
    return regions.find((region) => region.network !== undefined && hasDescribedBrokers(region.brokers))?.region;
}
/** The subnet and security group ids of the brokers DescribeBroker answered for. */
function brokerNetworkScope(brokers) {
    const details = brokers.flatMap((broker) => (broker.details ? [broker.details] : []));
    return {
        subnetIds: (0, shapes_1.unique)(details.flatMap((d) => d.subnetIds)),
        securityGroupIds: (0, shapes_1.unique)(details.flatMap((d) => d.securityGroups)),
    };
}
function hasDescribedBrokers(brokers) {
    return brokers !== null && brokers.some((broker) => broker.details !== null);
}
/** Every collection unknown: the brokers (and so their VPCs) could not be read. */
function uncollectedNetwork() {
    return {
        vpcs: null,
        subnets: null,
        routeTables: null,
        securityGroups: null,
        securityGroupRules: null,
        networkAcls: null,
        prefixLists: null,
        internetGateways: null,
        natGateways: null,
        vpnGateways: null,
        customerGateways: null,
        vpnConnections: null,
        transitGateways: null,
        transitGatewayAttachments: null,
        transitGatewayRouteTables: null,
        vpcPeeringConnections: null,
        networkInterfaces: null,
        dxConnections: null,
        dxLags: null,
        dxVirtualInterfaces: null,
    };
}
