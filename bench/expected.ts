/**
 * The fewest calls the APIs allow for the benchmark estate, per operation, and the rate-limit floor on wall time.
 * Derived from the estate and the recorded network (not from a run): performance-limits.md §1.4 and the call plan
 * documented in src/inventory/network.ts.
 *
 *   Organizations ListAccounts        ⌈A / 20⌉ pages (the management account lists the organization)
 *   STS AssumeRole                    A (one session per account, cached)
 *   EC2 DescribeRegions               A (--all-regions: per account, opted-in regions only)
 *   MQ ListBrokers                    Σ over every enabled account-region ⌈max(n, 1) / 100⌉
 *   MQ DescribeBroker                 N (no batch describe exists; no ListTags: DescribeBroker returns tags)
 *   EC2, per account-region with brokers (ids ≤ 100 per filter and ≤ one page each in this estate):
 *     12 region-wide/id-filtered lists; +3 TGW lists when a broker route table points at a TGW; +2 per TGW route
 *     table of those TGWs (routes, propagations); +1 peering list when a route points at a peering; +1 prefix-list
 *     list and +1 per referenced prefix list (entries)
 *   Direct Connect, per account-region with brokers: connections, LAGs, virtual interfaces; +1 locations (their
 *     names) when the region has a connection or LAG
 *   Direct Connect, per account: gateways, and per gateway its associations and attachments
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

import {type Estate, FIXTURE_REGION} from './estate';

type Json = Record<string, unknown>;

export interface CallPlan {
  /** `service:Operation` → calls. */
  byOperation: Map<string, number>;
  total: number;
}

/** The network the brokers of one account-region lead to in the recorded fixture. */
export interface NetworkShape {
  tgwRouteTables: number;
  tgwReferenced: boolean;
  peeringReferenced: boolean;
  prefixLists: number;
  dxGateways: number;
  /** The recorded region has a Direct Connect connection or LAG: the collector then asks for the locations' names. */
  dxLinks: boolean;
}

export function networkShape(root: string, brokerSubnets: string[], brokerGroups: string[]): NetworkShape {
  const dir = join(root, 'fixtures', 'aws', 'ec2', FIXTURE_REGION);
  const read = (name: string): Json => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json;
  const subnets = read('DescribeSubnets.json').Subnets as {SubnetId: string; VpcId: string}[];
  const vpcs = new Set(subnets.filter((s) => brokerSubnets.includes(s.SubnetId)).map((s) => s.VpcId));
  const tables = (read('DescribeRouteTables.json').RouteTables as {VpcId: string; Routes: Json[]}[]).filter((t) =>
    vpcs.has(t.VpcId),
  );
  const routes = tables.flatMap((t) => t.Routes);
  const tgws = new Set(routes.map((r) => r.TransitGatewayId).filter(Boolean) as string[]);
  const tgwTables = (
    read('DescribeTransitGatewayRouteTables.json').TransitGatewayRouteTables as {
      TransitGatewayRouteTableId: string;
      TransitGatewayId: string;
    }[]
  ).filter((t) => tgws.has(t.TransitGatewayId));
  const rules = (
    read('DescribeSecurityGroupRules.json').SecurityGroupRules as {GroupId: string; PrefixListId?: string}[]
  ).filter((r) => brokerGroups.includes(r.GroupId));
  const tgwRoutes = tgwTables.flatMap(
    (t) =>
      (
        JSON.parse(
          readFileSync(join(dir, 'SearchTransitGatewayRoutes', `${t.TransitGatewayRouteTableId}.json`), 'utf8'),
        ) as {Routes: Json[]}
      ).Routes,
  );
  const prefixLists = new Set(
    [
      ...routes.map((r) => r.DestinationPrefixListId),
      ...rules.map((r) => r.PrefixListId),
      ...tgwRoutes.map((r) => r.PrefixListId),
    ].filter(Boolean) as string[],
  );
  const dxGateways = (
    JSON.parse(
      readFileSync(join(root, 'fixtures', 'aws', 'directconnect', 'DescribeDirectConnectGateways.json'), 'utf8'),
    ) as {directConnectGateways: unknown[]}
  ).directConnectGateways.length;
  const dxRegion = join(root, 'fixtures', 'aws', 'directconnect', FIXTURE_REGION);
  const dxCount = (file: string, member: string): number =>
    ((JSON.parse(readFileSync(join(dxRegion, file), 'utf8')) as Record<string, unknown[] | undefined>)[member] ?? [])
      .length;
  const dxLinks = dxCount('DescribeConnections.json', 'connections') + dxCount('DescribeLags.json', 'lags') > 0;
  // Sanity: every file the plan relies on is there.
  readdirSync(join(dir, 'GetTransitGatewayRouteTablePropagations'));
  return {
    tgwRouteTables: tgwTables.length,
    tgwReferenced: tgws.size > 0,
    peeringReferenced: routes.some((r) => r.VpcPeeringConnectionId),
    prefixLists: prefixLists.size,
    dxGateways,
    dxLinks,
  };
}

const EC2_PER_REGION = [
  'DescribeSubnets',
  'DescribeSecurityGroups',
  'DescribeSecurityGroupRules',
  'DescribeNetworkAcls',
  'DescribeNetworkInterfaces',
  'DescribeVpnGateways',
  'DescribeCustomerGateways',
  'DescribeVpnConnections',
  'DescribeVpcs',
  'DescribeRouteTables',
  'DescribeInternetGateways',
  'DescribeNatGateways',
];

export function minimumCalls(estate: Estate, shape: NetworkShape): CallPlan {
  const calls = new Map<string, number>();
  const add = (operation: string, n: number): void => {
    if (n > 0) calls.set(operation, (calls.get(operation) ?? 0) + n);
  };
  const accounts = estate.accountIds.length;
  const withBrokers = estate.perAccountRegion.filter((n) => n > 0).length;
  const describedAccounts = estate.accountIds.filter((id) =>
    Object.values(estate.brokers[id]).some((b) => b.length > 0),
  ).length;

  add('organizations:ListAccounts', Math.max(1, Math.ceil(accounts / 20)));
  add('sts:AssumeRole', accounts);
  add('ec2:DescribeRegions', accounts);
  add(
    'mq:ListBrokers',
    estate.perAccountRegion.reduce((sum, n) => sum + Math.ceil(Math.max(n, 1) / 100), 0) + accounts,
  );
  add(
    'mq:DescribeBroker',
    estate.perAccountRegion.reduce((a, b) => a + b, 0),
  );
  for (const operation of EC2_PER_REGION) add(`ec2:${operation}`, withBrokers);
  if (shape.tgwReferenced) {
    for (const operation of [
      'DescribeTransitGateways',
      'DescribeTransitGatewayAttachments',
      'DescribeTransitGatewayRouteTables',
    ])
      add(`ec2:${operation}`, withBrokers);
    add('ec2:SearchTransitGatewayRoutes', withBrokers * shape.tgwRouteTables);
    add('ec2:GetTransitGatewayRouteTablePropagations', withBrokers * shape.tgwRouteTables);
  }
  if (shape.peeringReferenced) add('ec2:DescribeVpcPeeringConnections', withBrokers);
  if (shape.prefixLists > 0) {
    add('ec2:DescribeManagedPrefixLists', withBrokers);
    add('ec2:GetManagedPrefixListEntries', withBrokers * shape.prefixLists);
  }
  for (const operation of ['DescribeConnections', 'DescribeLags', 'DescribeVirtualInterfaces'])
    add(`directconnect:${operation}`, withBrokers);
  if (shape.dxLinks) add('directconnect:DescribeLocations', withBrokers);
  add('directconnect:DescribeDirectConnectGateways', describedAccounts);
  add('directconnect:DescribeDirectConnectGatewayAssociations', describedAccounts * shape.dxGateways);
  add('directconnect:DescribeDirectConnectGatewayAttachments', describedAccounts * shape.dxGateways);
  return {byOperation: calls, total: [...calls.values()].reduce((a, b) => a + b, 0)};
}

/** performance-limits.md §8 T1: ≤ 1.05·N + 20·R·A + 3·A for single-page estates (R: regions per account). */
export function referenceBound(estate: Estate): number {
  const {brokers, accounts, regions} = estate.scenario;
  return 1.05 * brokers + 20 * (regions + 1) * accounts + 3 * accounts;
}

export interface Floor {
  /** The binding term and each term, seconds. */
  seconds: number;
  mq: number;
  cpu: number;
  latency: number;
}

/** Client CPU per small call measured on this machine class (performance-limits.md §2.5). */
export const CPU_PER_CALL_S = 0.001;
/** Sequential round trips of one account: AssumeRole, DescribeRegions, ListBrokers, DescribeBroker, 5 network levels, DX gateways + their lists. */
export const DEPENDENCY_DEPTH = 11;

/**
 * max(T_MQ, T_cpu, T_latency) (performance-limits.md §1.5): MQ's bucket per account-region at `headroom`
 * (burst 100·h, 15·h per second), the client's CPU for the calls, and the dependency depth in round trips.
 */
export function rateLimitFloor(estate: Estate, calls: number, headroom: number, rttS: number): Floor {
  const burst = Math.floor(100 * headroom);
  const rate = 15 * headroom;
  const mq = Math.max(
    0,
    ...estate.perAccountRegion.map((n) => Math.max(0, (n + Math.ceil(Math.max(n, 1) / 100) - burst) / rate)),
  );
  const cpu = calls * CPU_PER_CALL_S;
  const latency = (DEPENDENCY_DEPTH + Math.ceil(estate.accountIds.length / 20)) * rttS;
  return {seconds: Math.max(mq, cpu, latency), mq, cpu, latency};
}
