"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TGW_ROUTE_STATES = exports.FILTER_VALUES_PER_CALL = exports.EC2_MAX_RESULTS = void 0;
exports.filterChunks = filterChunks;
exports.collectEc2Network = collectEc2Network;
/**
 * The EC2 side of a region's network: every VPC object between the brokers and the gateways they route to, read
 * with as few calls as the API allows — per region, filtered by the brokers' ids, never one call per broker.
 *
 * Call plan (each line starts as soon as the ids it is filtered by are known; every paged call sends its largest
 * MaxResults; a filter carries at most 100 values, so k ids cost ⌈k/100⌉ calls, × pages):
 *   brokers' subnet ids S, security group ids G (from DescribeBroker)
 *   ├ DescribeSubnets            subnet-id ∈ S                      → VPC ids V
 *   │ ├ DescribeVpcs             vpc-id ∈ V
 *   │ ├ DescribeInternetGateways attachment.vpc-id ∈ V
 *   │ ├ DescribeNatGateways      vpc-id ∈ V
 *   │ └ DescribeRouteTables      vpc-id ∈ V (subnet filters miss the main-table fallback) → TGW ids T, peering ids P
 *   │   ├ DescribeTransitGateways / …Attachments / …RouteTables   transit-gateway-id ∈ T
 *   │   │ └ per TGW route table: SearchTransitGatewayRoutes (state active|blackhole), GetTransitGatewayRouteTablePropagations
 *   │   └ DescribeVpcPeeringConnections vpc-peering-connection-id ∈ P
 *   ├ DescribeSecurityGroups, DescribeSecurityGroupRules   group-id ∈ G
 *   ├ DescribeNetworkAcls        association.subnet-id ∈ S (every subnet has exactly one ACL association)
 *   ├ DescribeNetworkInterfaces  subnet-id ∈ S and group-id ∈ G
 *   ├ DescribeVpnGateways, DescribeCustomerGateways, DescribeVpnConnections   region-wide: unpaginated APIs, one
 *   │   call each whatever the filter, and a detached gateway or a VPN on a TGW must be seen too
 *   └ prefix lists referenced by VPC routes, rules and TGW routes L:
 *       DescribeManagedPrefixLists prefix-list-id ∈ L, and GetManagedPrefixListEntries per list (no batch API)
 *
 * A failed call nulls its collection; collections filtered by ids that could not be read are null too (the
 * upstream error explains them); an empty id set gives an empty collection without a call.
 */
const client_ec2_1 = require("@aws-sdk/client-ec2");
const attempt_1 = require("./attempt");
const concurrency_1 = require("./concurrency");
const ec2_shapes_1 = require("./ec2-shapes");
const paginate_1 = require("./paginate");
const shapes_1 = require("./shapes");
/** The largest MaxResults each paged call accepts (EC2 API reference): fewer pages, fewer calls. */
exports.EC2_MAX_RESULTS = {
    DescribeVpcs: 1000,
    DescribeSubnets: 1000,
    DescribeRouteTables: 100,
    DescribeSecurityGroups: 1000,
    DescribeSecurityGroupRules: 1000,
    DescribeNetworkAcls: 1000,
    DescribeInternetGateways: 1000,
    DescribeNatGateways: 1000,
    DescribeNetworkInterfaces: 1000,
    DescribeTransitGateways: 1000,
    DescribeTransitGatewayAttachments: 1000,
    DescribeTransitGatewayRouteTables: 1000,
    GetTransitGatewayRouteTablePropagations: 1000,
    SearchTransitGatewayRoutes: 1000,
    DescribeVpcPeeringConnections: 1000,
    DescribeManagedPrefixLists: 100,
    GetManagedPrefixListEntries: 100,
};
/**
 * Values per filter in one call. EC2 documents no limit; ~200 has been observed to fail (performance-limits.md
 * §1.2), so ids are sent 100 at a time.
 */
exports.FILTER_VALUES_PER_CALL = 100;
/** TGW routes worth reading: where traffic goes, and where it is dropped. */
exports.TGW_ROUTE_STATES = ['active', 'blackhole'];
/**
 * The Filters of each call needed to cover `filters` (values ORed within a filter, filters ANDed): every
 * combination of ≤`size`-value chunks. No call at all when a filter has no value: nothing can match.
 */
function filterChunks(filters, size = exports.FILTER_VALUES_PER_CALL) {
    let calls = [[]];
    for (const { name, values } of filters) {
        const distinct = (0, shapes_1.unique)(values);
        if (distinct.length === 0)
            return [];
        const chunks = [];
        for (let i = 0; i < distinct.length; i += size)
            chunks.push(distinct.slice(i, i + size));
        calls = calls.flatMap((prefix) => chunks.map((chunk) => [...prefix, { Name: name, Values: chunk }]));
    }
    return calls;
}
async function collectEc2Network(client, region, scope, concurrency, errors) {
    const site = (operation, resource) => ({
        service: 'ec2',
        operation,
        region,
        ...(resource !== undefined && { resource }),
    });
    /** Every page of every filter chunk, mapped, deduplicated by id (an ACL can match two chunks). */
    const list = (operation, filters, pages, toPage, map) => (0, attempt_1.attempt)(errors, site(operation), async () => {
        const byId = new Map();
        for (const chunk of filterChunks(filters)) {
            for (const item of await (0, paginate_1.drainPaginator)(pages(chunk, exports.EC2_MAX_RESULTS[operation]), toPage)) {
                const mapped = map(item);
                byId.set(mapped.id, mapped);
            }
        }
        return [...byId.values()];
    });
    const subnets = list('DescribeSubnets', [{ name: 'subnet-id', values: scope.subnetIds }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeSubnets)({ client, pageSize }, { Filters }), (page) => ({ items: page.Subnets, nextToken: page.NextToken }), ec2_shapes_1.toSubnet);
    const securityGroups = list('DescribeSecurityGroups', [{ name: 'group-id', values: scope.securityGroupIds }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeSecurityGroups)({ client, pageSize }, { Filters }), (page) => ({ items: page.SecurityGroups, nextToken: page.NextToken }), ec2_shapes_1.toSecurityGroup);
    const securityGroupRules = list('DescribeSecurityGroupRules', [{ name: 'group-id', values: scope.securityGroupIds }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeSecurityGroupRules)({ client, pageSize }, { Filters }), (page) => ({ items: page.SecurityGroupRules, nextToken: page.NextToken }), ec2_shapes_1.toSecurityGroupRule);
    const networkAcls = list('DescribeNetworkAcls', [{ name: 'association.subnet-id', values: scope.subnetIds }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeNetworkAcls)({ client, pageSize }, { Filters }), (page) => ({ items: page.NetworkAcls, nextToken: page.NextToken }), ec2_shapes_1.toNetworkAcl);
    const networkInterfaces = list('DescribeNetworkInterfaces', [
        { name: 'subnet-id', values: scope.subnetIds },
        { name: 'group-id', values: scope.securityGroupIds },
    ], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeNetworkInterfaces)({ client, pageSize }, { Filters }), (page) => ({ items: page.NetworkInterfaces, nextToken: page.NextToken }), ec2_shapes_1.toNetworkInterface);
    const vpnGateways = (0, attempt_1.attempt)(errors, site('DescribeVpnGateways'), async () => ((await client.send(new client_ec2_1.DescribeVpnGatewaysCommand({}))).VpnGateways ?? []).map(ec2_shapes_1.toVpnGateway));
    const customerGateways = (0, attempt_1.attempt)(errors, site('DescribeCustomerGateways'), async () => ((await client.send(new client_ec2_1.DescribeCustomerGatewaysCommand({}))).CustomerGateways ?? []).map(ec2_shapes_1.toCustomerGateway));
    const vpnConnections = (0, attempt_1.attempt)(errors, site('DescribeVpnConnections'), async () => ((await client.send(new client_ec2_1.DescribeVpnConnectionsCommand({}))).VpnConnections ?? []).map(ec2_shapes_1.toVpnConnection));
    const vpcIds = subnets.then((found) => found && (0, shapes_1.unique)(found.map((subnet) => subnet.vpcId)));
    const vpcs = after(vpcIds, (ids) => list('DescribeVpcs', [{ name: 'vpc-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeVpcs)({ client, pageSize }, { Filters }), (page) => ({ items: page.Vpcs, nextToken: page.NextToken }), ec2_shapes_1.toVpc));
    const routeTables = after(vpcIds, (ids) => list('DescribeRouteTables', [{ name: 'vpc-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeRouteTables)({ client, pageSize }, { Filters }), (page) => ({ items: page.RouteTables, nextToken: page.NextToken }), ec2_shapes_1.toRouteTable));
    const internetGateways = after(vpcIds, (ids) => list('DescribeInternetGateways', [{ name: 'attachment.vpc-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeInternetGateways)({ client, pageSize }, { Filters }), (page) => ({ items: page.InternetGateways, nextToken: page.NextToken }), ec2_shapes_1.toInternetGateway));
    const natGateways = after(vpcIds, (ids) => list('DescribeNatGateways', [{ name: 'vpc-id', values: ids }], 
    // DescribeNatGateways names its filter list `Filter`.
    (Filter, pageSize) => (0, client_ec2_1.paginateDescribeNatGateways)({ client, pageSize }, { Filter }), (page) => ({ items: page.NatGateways, nextToken: page.NextToken }), ec2_shapes_1.toNatGateway));
    const tgwIds = routeTables.then((tables) => tables && (0, ec2_shapes_1.routeTargets)(tables, 'transit-gateway'));
    const transitGateways = after(tgwIds, (ids) => list('DescribeTransitGateways', [{ name: 'transit-gateway-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeTransitGateways)({ client, pageSize }, { Filters }), (page) => ({ items: page.TransitGateways, nextToken: page.NextToken }), ec2_shapes_1.toTransitGateway));
    const transitGatewayAttachments = after(tgwIds, (ids) => list('DescribeTransitGatewayAttachments', [{ name: 'transit-gateway-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeTransitGatewayAttachments)({ client, pageSize }, { Filters }), (page) => ({ items: page.TransitGatewayAttachments, nextToken: page.NextToken }), ec2_shapes_1.toTransitGatewayAttachment));
    /** The two per-table calls (no batch API exists for either); each nulls only its own part on failure. */
    const withRoutesAndPropagations = async (table) => {
        const [propagations, routes] = await Promise.all([
            (0, attempt_1.attempt)(errors, site('GetTransitGatewayRouteTablePropagations', table.id), async () => (await (0, paginate_1.drainPaginator)((0, client_ec2_1.paginateGetTransitGatewayRouteTablePropagations)({ client, pageSize: exports.EC2_MAX_RESULTS.GetTransitGatewayRouteTablePropagations }, { TransitGatewayRouteTableId: table.id }), (page) => ({ items: page.TransitGatewayRouteTablePropagations, nextToken: page.NextToken }))).map((propagation) => (0, ec2_shapes_1.toTransitGatewayPropagation)(propagation, table.id))),
            (0, attempt_1.attempt)(errors, site('SearchTransitGatewayRoutes', table.id), () => searchRoutes(client, table.id)),
        ]);
        return { ...table, propagations, routes };
    };
    const transitGatewayRouteTables = after(tgwIds, async (ids) => {
        const tables = await list('DescribeTransitGatewayRouteTables', [{ name: 'transit-gateway-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeTransitGatewayRouteTables)({ client, pageSize }, { Filters }), (page) => ({ items: page.TransitGatewayRouteTables, nextToken: page.NextToken }), (table) => (0, ec2_shapes_1.toTransitGatewayRouteTable)(table, null, null));
        return tables && (0, concurrency_1.mapWithConcurrency)(tables, concurrency, (table) => withRoutesAndPropagations(table));
    });
    const vpcPeeringConnections = after(routeTables, (tables) => list('DescribeVpcPeeringConnections', [{ name: 'vpc-peering-connection-id', values: (0, ec2_shapes_1.routeTargets)(tables, 'vpc-peering-connection') }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeVpcPeeringConnections)({ client, pageSize }, { Filters }), (page) => ({ items: page.VpcPeeringConnections, nextToken: page.NextToken }), ec2_shapes_1.toVpcPeeringConnection));
    const prefixLists = Promise.all([routeTables, securityGroupRules, transitGatewayRouteTables]).then(async ([tables, rules, tgwTables]) => {
        // Nothing that could reference a list was read: which lists matter is unknown.
        if (tables === null && rules === null && tgwTables === null)
            return null;
        const ids = (0, ec2_shapes_1.referencedPrefixLists)(tables, rules, tgwTables);
        const [lists, entries] = await Promise.all([
            list('DescribeManagedPrefixLists', [{ name: 'prefix-list-id', values: ids }], (Filters, pageSize) => (0, client_ec2_1.paginateDescribeManagedPrefixLists)({ client, pageSize }, { Filters }), (page) => ({ items: page.PrefixLists, nextToken: page.NextToken }), (prefixList) => (0, ec2_shapes_1.toManagedPrefixList)(prefixList, null)),
            (0, concurrency_1.mapWithConcurrency)(ids, concurrency, (id) => (0, attempt_1.attempt)(errors, site('GetManagedPrefixListEntries', id), () => prefixListEntries(client, id))),
        ]);
        const entriesById = new Map(ids.map((id, i) => [id, entries[i]]));
        return lists && lists.map((prefixList) => ({ ...prefixList, entries: entriesById.get(prefixList.id) ?? null }));
    });
    const [vpcsOut, subnetsOut, routeTablesOut, securityGroupsOut, securityGroupRulesOut, networkAclsOut, prefixListsOut, internetGatewaysOut, natGatewaysOut, vpnGatewaysOut, customerGatewaysOut, vpnConnectionsOut, transitGatewaysOut, transitGatewayAttachmentsOut, transitGatewayRouteTablesOut, vpcPeeringConnectionsOut, networkInterfacesOut,] = await Promise.all([
        vpcs,
        subnets,
        routeTables,
        securityGroups,
        securityGroupRules,
        networkAcls,
        prefixLists,
        internetGateways,
        natGateways,
        vpnGateways,
        customerGateways,
        vpnConnections,
        transitGateways,
        transitGatewayAttachments,
        transitGatewayRouteTables,
        vpcPeeringConnections,
        networkInterfaces,
    ]);
    return {
        vpcs: vpcsOut,
        subnets: subnetsOut,
        routeTables: routeTablesOut,
        securityGroups: securityGroupsOut,
        securityGroupRules: securityGroupRulesOut,
        networkAcls: networkAclsOut,
        prefixLists: prefixListsOut,
        internetGateways: internetGatewaysOut,
        natGateways: natGatewaysOut,
        vpnGateways: vpnGatewaysOut,
        customerGateways: customerGatewaysOut,
        vpnConnections: vpnConnectionsOut,
        transitGateways: transitGatewaysOut,
        transitGatewayAttachments: transitGatewayAttachmentsOut,
        transitGatewayRouteTables: transitGatewayRouteTablesOut,
        vpcPeeringConnections: vpcPeeringConnectionsOut,
        networkInterfaces: networkInterfacesOut,
    };
}
/** Runs `next` with the upstream ids; null (not collected) when those could not be read. */
function after(upstream, next) {
    return upstream.then((value) => (value === null ? null : next(value)));
}
/**
 * Every active and blackhole route of one TGW route table. Before SearchTransitGatewayRoutes had a NextToken it
 * could only say AdditionalRoutesAvailable; a list cut off like that is reported, not used.
 */
async function searchRoutes(client, tableId) {
    let truncated = false;
    const routes = await (0, paginate_1.drainPaginator)((0, client_ec2_1.paginateSearchTransitGatewayRoutes)({ client, pageSize: exports.EC2_MAX_RESULTS.SearchTransitGatewayRoutes }, { TransitGatewayRouteTableId: tableId, Filters: [{ Name: 'state', Values: exports.TGW_ROUTE_STATES }] }), (page) => {
        truncated = page.AdditionalRoutesAvailable === true && !page.NextToken;
        return { items: page.Routes, nextToken: page.NextToken };
    });
    if (truncated) {
        throw new attempt_1.IncompleteResponseError('TruncatedResponse', `SearchTransitGatewayRoutes for ${tableId} reported more routes (AdditionalRoutesAvailable) but no NextToken to read them`);
    }
    return routes.map((route) => (0, ec2_shapes_1.toTransitGatewayRoute)(route, tableId));
}
async function prefixListEntries(client, prefixListId) {
    const entries = await (0, paginate_1.drainPaginator)((0, client_ec2_1.paginateGetManagedPrefixListEntries)({ client, pageSize: exports.EC2_MAX_RESULTS.GetManagedPrefixListEntries }, { PrefixListId: prefixListId }), (page) => ({ items: page.Entries, nextToken: page.NextToken }));
    return entries.map((entry) => (0, shapes_1.requireFields)('prefix list entry', prefixListId, { Cidr: entry.Cidr }).Cidr);
}
