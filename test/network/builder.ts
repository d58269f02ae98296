/**
 * Variants of the canonical topologies: copy a fixture, change one thing, analyze. The canonical files stay the
 * readable reference; each variant says in code what it changes.
 */
import type {RegionNetwork, Route, SecurityGroupRule} from '../../src/snapshot/network';
import type {AccountInventory, Broker, BrokerDetails, CollectionError, Snapshot} from '../../src/snapshot/types';
import {clone, topology} from './helpers';

export const ACCOUNT = '381492265007';
export const REGION = 'eu-west-1';
export const VPC = 'vpc-0c3f1a9e5b7d24680';
export const SUBNET_A = 'subnet-0a1b2c3d4e5f60718';
export const SUBNET_B = 'subnet-0b2c3d4e5f6071829';
export const RTB = 'rtb-0d4e5f60718293a4b';
export const VGW = 'vgw-0a1b2c3d4e5f67890';
export const SG = 'sg-0f7e6d5c4b3a29180';
export const DXGW = '5f2b8e1c-3a7d-4c9e-b0f4-8d6a2e91c37b';

export interface Variant {
  snapshot: Snapshot;
  account: AccountInventory;
  network: RegionNetwork;
  broker: Broker;
  details: BrokerDetails;
}

/** A copy of the topology, with handles on its (first) account, region network and broker. */
export function variantOf(name: string, change: (v: Variant) => void = () => {}): Snapshot {
  const snapshot = clone(topology(name));
  const account = snapshot.accounts[0];
  const region = account.regions[0];
  const broker = region.brokers![0];
  change({snapshot, account, network: region.network!, broker, details: broker.details!});
  return snapshot;
}

/** The private route table of the base VPC (every topology but main-route-table has one). */
export function privateTable(network: RegionNetwork) {
  const table = network.routeTables!.find((t) => t.id === RTB);
  if (!table) throw new Error(`${RTB} is not in this topology`);
  return table;
}

/** Replaces the private table's routes (the local route stays). */
export function setRoutes(network: RegionNetwork, routes: Route[]): void {
  const table = privateTable(network);
  table.routes = [...table.routes.filter((r) => r.targetType === 'local'), ...routes];
}

export function route(
  destination: string,
  targetType: Route['targetType'],
  targetId: string,
  extra: Partial<Route> = {},
): Route {
  const key = destination.startsWith('pl-')
    ? 'destinationPrefixListId'
    : destination.includes(':')
      ? 'destinationIpv6Cidr'
      : 'destinationCidr';
  return {[key]: destination, targetType, targetId, state: 'active', origin: 'CreateRoute', ...extra};
}

export function ingressRule(
  id: string,
  port: number,
  source: {cidr?: string; prefixListId?: string},
  groupId = SG,
): SecurityGroupRule {
  const from = source.cidr?.includes(':')
    ? {cidrIpv6: source.cidr}
    : source.cidr
      ? {cidrIpv4: source.cidr}
      : {prefixListId: source.prefixListId};
  return {id, groupId, egress: false, protocol: 'tcp', fromPort: port, toPort: port, ...from};
}

export function collectionError(
  service: CollectionError['service'],
  operation: string,
  code = 'AccessDeniedException',
  extra: Partial<CollectionError> = {},
): CollectionError {
  return {
    accountId: ACCOUNT,
    region: REGION,
    service,
    operation,
    code,
    kind: code === 'AccessDeniedException' || code === 'UnauthorizedOperation' ? 'access-denied' : 'other',
    message: `not authorized to perform ${service}:${operation}`,
    ...extra,
  };
}
