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
import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  paginateDescribeInternetGateways,
  paginateDescribeManagedPrefixLists,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeTransitGatewayRouteTables,
  paginateDescribeTransitGateways,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
  paginateGetManagedPrefixListEntries,
  paginateGetTransitGatewayRouteTablePropagations,
  paginateSearchTransitGatewayRoutes,
} from '@aws-sdk/client-ec2';
import type {EC2Client, Filter} from '@aws-sdk/client-ec2';

import type {RegionNetwork, TransitGatewayRoute, TransitGatewayRouteTable} from '../snapshot/network';
import type {CollectionError} from '../snapshot/types';
import {attempt, IncompleteResponseError} from './attempt';
import type {CallSite} from './attempt';
import {mapWithConcurrency} from './concurrency';
import {
  referencedPrefixLists,
  routeTargets,
  toCustomerGateway,
  toInternetGateway,
  toManagedPrefixList,
  toNatGateway,
  toNetworkAcl,
  toNetworkInterface,
  toRouteTable,
  toSecurityGroup,
  toSecurityGroupRule,
  toSubnet,
  toTransitGateway,
  toTransitGatewayAttachment,
  toTransitGatewayPropagation,
  toTransitGatewayRoute,
  toTransitGatewayRouteTable,
  toVpc,
  toVpcPeeringConnection,
  toVpnConnection,
  toVpnGateway,
} from './ec2-shapes';
import {drainPaginator} from './paginate';
import type {Page} from './paginate';
import {requireFields, unique} from './shapes';

/** The largest MaxResults each paged call accepts (EC2 API reference): fewer pages, fewer calls. */
export const EC2_MAX_RESULTS = {
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
} as const;

/**
 * Values per filter in one call. EC2 documents no limit; ~200 has been observed to fail (performance-limits.md
 * §1.2), so ids are sent 100 at a time.
 */
export const FILTER_VALUES_PER_CALL = 100;

/** TGW routes worth reading: where traffic goes, and where it is dropped. */
export const TGW_ROUTE_STATES = ['active', 'blackhole'];

/** The brokers' ids a region's network is read around. */
export interface BrokerNetworkScope {
  subnetIds: readonly string[];
  securityGroupIds: readonly string[];
}

export type Ec2Network = Omit<RegionNetwork, 'dxConnections' | 'dxLags' | 'dxVirtualInterfaces'>;

export interface FilterSpec {
  name: string;
  values: readonly string[];
}

/**
 * The Filters of each call needed to cover `filters` (values ORed within a filter, filters ANDed): every
 * combination of ≤`size`-value chunks. No call at all when a filter has no value: nothing can match.
 */
export function filterChunks(filters: readonly FilterSpec[], size = FILTER_VALUES_PER_CALL): Filter[][] {
  let calls: Filter[][] = [[]];
  for (const {name, values} of filters) {
    const distinct = unique(values);
    if (distinct.length === 0) return [];
    const chunks: string[][] = [];
    for (let i = 0; i < distinct.length; i += size) chunks.push(distinct.slice(i, i + size));
    calls = calls.flatMap((prefix) => chunks.map((chunk) => [...prefix, {Name: name, Values: chunk}]));
  }
  return calls;
}

export async function collectEc2Network(
  client: EC2Client,
  region: string,
  scope: BrokerNetworkScope,
  concurrency: number,
  errors: CollectionError[],
): Promise<Ec2Network> {
  const site = (operation: string, resource?: string): CallSite => ({
    service: 'ec2',
    operation,
    region,
    ...(resource !== undefined && {resource}),
  });

  /** Every page of every filter chunk, mapped, deduplicated by id (an ACL can match two chunks). */
  const list = <P, I, O extends {id: string}>(
    operation: keyof typeof EC2_MAX_RESULTS,
    filters: readonly FilterSpec[],
    pages: (filters: Filter[], pageSize: number) => AsyncIterable<P>,
    toPage: (page: P) => Page<I>,
    map: (item: I) => O,
  ): Promise<O[] | null> =>
    attempt(errors, site(operation), async () => {
      const byId = new Map<string, O>();
      for (const chunk of filterChunks(filters)) {
        for (const item of await drainPaginator(pages(chunk, EC2_MAX_RESULTS[operation]), toPage)) {
          const mapped = map(item);
          byId.set(mapped.id, mapped);
        }
      }
      return [...byId.values()];
    });

  const subnets = list(
    'DescribeSubnets',
    [{name: 'subnet-id', values: scope.subnetIds}],
    (Filters, pageSize) => paginateDescribeSubnets({client, pageSize}, {Filters}),
    (page) => ({items: page.Subnets, nextToken: page.NextToken}),
    toSubnet,
  );
  const securityGroups = list(
    'DescribeSecurityGroups',
    [{name: 'group-id', values: scope.securityGroupIds}],
    (Filters, pageSize) => paginateDescribeSecurityGroups({client, pageSize}, {Filters}),
    (page) => ({items: page.SecurityGroups, nextToken: page.NextToken}),
    toSecurityGroup,
  );
  const securityGroupRules = list(
    'DescribeSecurityGroupRules',
    [{name: 'group-id', values: scope.securityGroupIds}],
    (Filters, pageSize) => paginateDescribeSecurityGroupRules({client, pageSize}, {Filters}),
    (page) => ({items: page.SecurityGroupRules, nextToken: page.NextToken}),
    toSecurityGroupRule,
  );
  const networkAcls = list(
    'DescribeNetworkAcls',
    [{name: 'association.subnet-id', values: scope.subnetIds}],
    (Filters, pageSize) => paginateDescribeNetworkAcls({client, pageSize}, {Filters}),
    (page) => ({items: page.NetworkAcls, nextToken: page.NextToken}),
    toNetworkAcl,
  );
  const networkInterfaces = list(
    'DescribeNetworkInterfaces',
    [
      {name: 'subnet-id', values: scope.subnetIds},
      {name: 'group-id', values: scope.securityGroupIds},
    ],
    (Filters, pageSize) => paginateDescribeNetworkInterfaces({client, pageSize}, {Filters}),
    (page) => ({items: page.NetworkInterfaces, nextToken: page.NextToken}),
    toNetworkInterface,
  );
  const vpnGateways = attempt(errors, site('DescribeVpnGateways'), async () =>
    ((await client.send(new DescribeVpnGatewaysCommand({}))).VpnGateways ?? []).map(toVpnGateway),
  );
  const customerGateways = attempt(errors, site('DescribeCustomerGateways'), async () =>
    ((await client.send(new DescribeCustomerGatewaysCommand({}))).CustomerGateways ?? []).map(toCustomerGateway),
  );
  const vpnConnections = attempt(errors, site('DescribeVpnConnections'), async () =>
    ((await client.send(new DescribeVpnConnectionsCommand({}))).VpnConnections ?? []).map(toVpnConnection),
  );

  const vpcIds = subnets.then((found) => found && unique(found.map((subnet) => subnet.vpcId)));
  const vpcs = after(vpcIds, (ids) =>
    list(
      'DescribeVpcs',
      [{name: 'vpc-id', values: ids}],
      (Filters, pageSize) => paginateDescribeVpcs({client, pageSize}, {Filters}),
      (page) => ({items: page.Vpcs, nextToken: page.NextToken}),
      toVpc,
    ),
  );
  const routeTables = after(vpcIds, (ids) =>
    list(
      'DescribeRouteTables',
      [{name: 'vpc-id', values: ids}],
      (Filters, pageSize) => paginateDescribeRouteTables({client, pageSize}, {Filters}),
      (page) => ({items: page.RouteTables, nextToken: page.NextToken}),
      toRouteTable,
    ),
  );
  const internetGateways = after(vpcIds, (ids) =>
    list(
      'DescribeInternetGateways',
      [{name: 'attachment.vpc-id', values: ids}],
      (Filters, pageSize) => paginateDescribeInternetGateways({client, pageSize}, {Filters}),
      (page) => ({items: page.InternetGateways, nextToken: page.NextToken}),
      toInternetGateway,
    ),
  );
  const natGateways = after(vpcIds, (ids) =>
    list(
      'DescribeNatGateways',
      [{name: 'vpc-id', values: ids}],
      // DescribeNatGateways names its filter list `Filter`.
      (Filter, pageSize) => paginateDescribeNatGateways({client, pageSize}, {Filter}),
      (page) => ({items: page.NatGateways, nextToken: page.NextToken}),
      toNatGateway,
    ),
  );

  const tgwIds = routeTables.then((tables) => tables && routeTargets(tables, 'transit-gateway'));
  const transitGateways = after(tgwIds, (ids) =>
    list(
      'DescribeTransitGateways',
      [{name: 'transit-gateway-id', values: ids}],
      (Filters, pageSize) => paginateDescribeTransitGateways({client, pageSize}, {Filters}),
      (page) => ({items: page.TransitGateways, nextToken: page.NextToken}),
      toTransitGateway,
    ),
  );
  const transitGatewayAttachments = after(tgwIds, (ids) =>
    list(
      'DescribeTransitGatewayAttachments',
      [{name: 'transit-gateway-id', values: ids}],
      (Filters, pageSize) => paginateDescribeTransitGatewayAttachments({client, pageSize}, {Filters}),
      (page) => ({items: page.TransitGatewayAttachments, nextToken: page.NextToken}),
      toTransitGatewayAttachment,
    ),
  );
  /** The two per-table calls (no batch API exists for either); each nulls only its own part on failure. */
  const withRoutesAndPropagations = async (table: TransitGatewayRouteTable): Promise<TransitGatewayRouteTable> => {
    const [propagations, routes] = await Promise.all([
      attempt(errors, site('GetTransitGatewayRouteTablePropagations', table.id), async () =>
        (
          await drainPaginator(
            paginateGetTransitGatewayRouteTablePropagations(
              {client, pageSize: EC2_MAX_RESULTS.GetTransitGatewayRouteTablePropagations},
              {TransitGatewayRouteTableId: table.id},
            ),
            (page) => ({items: page.TransitGatewayRouteTablePropagations, nextToken: page.NextToken}),
          )
        ).map((propagation) => toTransitGatewayPropagation(propagation, table.id)),
      ),
      attempt(errors, site('SearchTransitGatewayRoutes', table.id), () => searchRoutes(client, table.id)),
    ]);
    return {...table, propagations, routes};
  };

  const transitGatewayRouteTables = after(tgwIds, async (ids) => {
    const tables = await list(
      'DescribeTransitGatewayRouteTables',
      [{name: 'transit-gateway-id', values: ids}],
      (Filters, pageSize) => paginateDescribeTransitGatewayRouteTables({client, pageSize}, {Filters}),
      (page) => ({items: page.TransitGatewayRouteTables, nextToken: page.NextToken}),
      (table) => toTransitGatewayRouteTable(table, null, null),
    );
    return tables && mapWithConcurrency(tables, concurrency, (table) => withRoutesAndPropagations(table));
  });

  const vpcPeeringConnections = after(routeTables, (tables) =>
    list(
      'DescribeVpcPeeringConnections',
      [{name: 'vpc-peering-connection-id', values: routeTargets(tables, 'vpc-peering-connection')}],
      (Filters, pageSize) => paginateDescribeVpcPeeringConnections({client, pageSize}, {Filters}),
      (page) => ({items: page.VpcPeeringConnections, nextToken: page.NextToken}),
      toVpcPeeringConnection,
    ),
  );

  const prefixLists = Promise.all([routeTables, securityGroupRules, transitGatewayRouteTables]).then(
    async ([tables, rules, tgwTables]) => {
      // Nothing that could reference a list was read: which lists matter is unknown.
      if (tables === null && rules === null && tgwTables === null) return null;
      const ids = referencedPrefixLists(tables, rules, tgwTables);
      const [lists, entries] = await Promise.all([
        list(
          'DescribeManagedPrefixLists',
          [{name: 'prefix-list-id', values: ids}],
          (Filters, pageSize) => paginateDescribeManagedPrefixLists({client, pageSize}, {Filters}),
          (page) => ({items: page.PrefixLists, nextToken: page.NextToken}),
          (prefixList) => toManagedPrefixList(prefixList, null),
        ),
        mapWithConcurrency(ids, concurrency, (id) =>
          attempt(errors, site('GetManagedPrefixListEntries', id), () => prefixListEntries(client, id)),
        ),
      ]);
      const entriesById = new Map(ids.map((id, i) => [id, entries[i]]));
      return lists && lists.map((prefixList) => ({...prefixList, entries: entriesById.get(prefixList.id) ?? null}));
    },
  );

  const [
    vpcsOut,
    subnetsOut,
    routeTablesOut,
    securityGroupsOut,
    securityGroupRulesOut,
    networkAclsOut,
    prefixListsOut,
    internetGatewaysOut,
    natGatewaysOut,
    vpnGatewaysOut,
    customerGatewaysOut,
    vpnConnectionsOut,
    transitGatewaysOut,
    transitGatewayAttachmentsOut,
    transitGatewayRouteTablesOut,
    vpcPeeringConnectionsOut,
    networkInterfacesOut,
  ] = await Promise.all([
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
function after<T, R>(upstream: Promise<T | null>, next: (value: T) => Promise<R | null>): Promise<R | null> {
  return upstream.then((value) => (value === null ? null : next(value)));
}

/**
 * Every active and blackhole route of one TGW route table. Before SearchTransitGatewayRoutes had a NextToken it
 * could only say AdditionalRoutesAvailable; a list cut off like that is reported, not used.
 */
async function searchRoutes(client: EC2Client, tableId: string): Promise<TransitGatewayRoute[]> {
  let truncated = false;
  const routes = await drainPaginator(
    paginateSearchTransitGatewayRoutes(
      {client, pageSize: EC2_MAX_RESULTS.SearchTransitGatewayRoutes},
      {TransitGatewayRouteTableId: tableId, Filters: [{Name: 'state', Values: TGW_ROUTE_STATES}]},
    ),
    (page) => {
      truncated = page.AdditionalRoutesAvailable === true && !page.NextToken;
      return {items: page.Routes, nextToken: page.NextToken};
    },
  );
  if (truncated) {
    throw new IncompleteResponseError(
      'TruncatedResponse',
      `SearchTransitGatewayRoutes for ${tableId} reported more routes (AdditionalRoutesAvailable) but no NextToken to read them`,
    );
  }
  return routes.map((route) => toTransitGatewayRoute(route, tableId));
}

async function prefixListEntries(client: EC2Client, prefixListId: string): Promise<string[]> {
  const entries = await drainPaginator(
    paginateGetManagedPrefixListEntries(
      {client, pageSize: EC2_MAX_RESULTS.GetManagedPrefixListEntries},
      {PrefixListId: prefixListId},
    ),
    (page) => ({items: page.Entries, nextToken: page.NextToken}),
  );
  return entries.map((entry) => requireFields('prefix list entry', prefixListId, {Cidr: entry.Cidr}).Cidr);
}
