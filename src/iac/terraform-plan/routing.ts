/** VPCs, subnets, route tables, routes and their associations (DescribeVpcs / DescribeSubnets / DescribeRouteTables shapes). */
import type {PlannedItem} from '../../change/types';
import type {Route, RouteTargetType} from '../../snapshot/network';
import {isPlaceholderId} from '../../change/types';
import {isObject} from './json';
import {type PlanLookup, item, optional} from './translate';
import {attr, type AttrPath, Fields, knownArray, managesInline, type Side} from './values';

/** The `Name` tag, as the snapshot names EC2 objects. */
export function nameTag(f: Fields): string | undefined {
  const found = attr(f.side, ['tags', 'Name']);
  return found.state === 'known' && typeof found.value === 'string' ? found.value : undefined;
}

export function vpcItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const cidr = f.string(['cidr_block'], '/cidrs');
  // An IPv6 block is computed on every VPC; it exists only when one is asked for.
  const wantsIpv6 =
    f.side.values.assign_generated_ipv6_cidr_block === true ||
    (side.configured?.has('ipv6_cidr_block') ?? false) ||
    (side.configured?.has('ipv6_ipam_pool_id') ?? false);
  const ipv6 = wantsIpv6 ? f.string(['ipv6_cidr_block'], '/ipv6Cidrs') : f.descriptive(['ipv6_cidr_block']);
  return [
    item(
      'vpc',
      {
        id: side.objectId,
        ...optional('ownerId', f.descriptive(['owner_id'])),
        ...optional('name', nameTag(f)),
        ...optional('isDefault', side.type === 'aws_default_vpc' ? true : undefined),
        cidrs: cidr ? [cidr] : [],
        ...optional('ipv6Cidrs', ipv6 ? [ipv6] : undefined),
      },
      f,
    ),
  ];
}

export function vpcCidrBlockItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const vpcId = f.id(['vpc_id'], '/vpcId') ?? '';
  const cidr = f.string(['cidr_block'], '/cidr');
  const ipv6Cidr = f.string(['ipv6_cidr_block'], '/ipv6Cidr');
  return [item('vpcCidrBlock', {vpcId, ...optional('cidr', cidr), ...optional('ipv6Cidr', ipv6Cidr || undefined)}, f)];
}

export function subnetItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const wantsIpv6 =
    f.side.values.assign_ipv6_address_on_creation === true || (side.configured?.has('ipv6_cidr_block') ?? false);
  const ipv6 = wantsIpv6 ? f.string(['ipv6_cidr_block'], '/ipv6Cidrs') : f.descriptive(['ipv6_cidr_block']);
  return [
    item(
      'subnet',
      {
        id: side.objectId,
        vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
        ...optional('ownerId', f.descriptive(['owner_id'])),
        ...optional('name', nameTag(f)),
        ...optional('availabilityZone', f.string(['availability_zone'], '/availabilityZone')),
        ...optional('availabilityZoneId', f.descriptive(['availability_zone_id'])),
        ...optional('cidr', f.string(['cidr_block'], '/cidr')),
        ...optional('ipv6Cidrs', ipv6 ? [ipv6] : undefined),
        ...optional('mapPublicIpOnLaunch', f.bool(['map_public_ip_on_launch'], '/mapPublicIpOnLaunch')),
      },
      f,
    ),
  ];
}

/** aws_route_table and aws_default_route_table (which adopts the VPC's main table). */
export function routeTableItems(side: Side, plan: PlanLookup): PlannedItem[] {
  const f = new Fields(side);
  const isDefault = side.type === 'aws_default_route_table';
  const id = isDefault ? (f.id(['default_route_table_id'], '/id') ?? side.objectId) : side.objectId;
  const inlineRoutes = managesInline(side, 'route');
  const routes = inlineRoutes ? inlineRouteList(f, plan) : [];
  const propagating =
    side.creates && !side.configured?.has('propagating_vgws') && f.isUnknown(['propagating_vgws'])
      ? []
      : f.ids(['propagating_vgws'], '/propagatingVgwIds');
  return [
    item(
      'routeTable',
      {
        id,
        vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
        ...optional('ownerId', f.descriptive(['owner_id'])),
        ...optional('name', nameTag(f)),
        main: isDefault,
        associations: [],
        propagatingVgwIds: propagating,
        routes,
        inlineRoutes,
      },
      f,
    ),
  ];
}

function inlineRouteList(f: Fields, plan: PlanLookup): Route[] {
  const list = knownArray(f.side, ['route']);
  if (!list) {
    f.markUnknown('/routes', ['route']);
    return [];
  }

  const routes: Route[] = [];
  for (let index = 0; index < list.length; index += 1) {
    const element = list[index];
    if (!isObject(element)) {
      // An element with unknown members: a set of routes is never partly guessed.
      f.markUnknown('/routes', ['route', index]);
      continue;
    }

    const route = routeOf(f, ['route', index], INLINE_DESTINATIONS, `/routes/${routes.length}`, plan);
    if (route) routes.push(route);
  }

  return routes;
}

/** Destination fields: aws_route's names, and the inline `route` block's. */
const ROUTE_DESTINATIONS = {
  cidr: 'destination_cidr_block',
  ipv6: 'destination_ipv6_cidr_block',
  prefixList: 'destination_prefix_list_id',
};
const INLINE_DESTINATIONS = {cidr: 'cidr_block', ipv6: 'ipv6_cidr_block', prefixList: 'destination_prefix_list_id'};

/** Target fields in the order the provider checks them; `gateway_id` is split by the id's prefix. */
const ROUTE_TARGETS: readonly [string, RouteTargetType][] = [
  ['gateway_id', 'unknown'],
  ['nat_gateway_id', 'nat-gateway'],
  ['transit_gateway_id', 'transit-gateway'],
  ['vpc_peering_connection_id', 'vpc-peering-connection'],
  ['egress_only_gateway_id', 'egress-only-internet-gateway'],
  ['vpc_endpoint_id', 'vpc-endpoint'],
  ['carrier_gateway_id', 'carrier-gateway'],
  ['local_gateway_id', 'local-gateway'],
  ['core_network_arn', 'core-network'],
  ['odb_network_arn', 'odb-network'],
  ['network_interface_id', 'network-interface'],
  ['instance_id', 'instance'],
];

/** Target kinds of resource types a placeholder can stand for (the id prefix is not known yet). */
const TARGET_OF_TYPE: Record<string, RouteTargetType> = {
  aws_internet_gateway: 'internet-gateway',
  aws_vpn_gateway: 'vpn-gateway',
  aws_nat_gateway: 'nat-gateway',
  aws_egress_only_internet_gateway: 'egress-only-internet-gateway',
  aws_ec2_transit_gateway: 'transit-gateway',
  aws_vpc_peering_connection: 'vpc-peering-connection',
  aws_network_interface: 'network-interface',
  aws_instance: 'instance',
  aws_ec2_carrier_gateway: 'carrier-gateway',
};

function gatewayKind(id: string): RouteTargetType {
  if (id === 'local') return 'local';
  const prefixes: [string, RouteTargetType][] = [
    ['igw-', 'internet-gateway'],
    ['vgw-', 'vpn-gateway'],
    ['vpce-', 'vpc-endpoint'],
    ['nat-', 'nat-gateway'],
    ['eigw-', 'egress-only-internet-gateway'],
    ['tgw-', 'transit-gateway'],
  ];
  return prefixes.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'unknown';
}

/** The kind of target an id names: by prefix, by the plan's resource it stands for, or the field's own kind. */
function targetKind(field: string, fieldKind: RouteTargetType, id: string, plan: PlanLookup): RouteTargetType {
  const instance = plan.instanceById(id);
  if (instance?.type === 'aws_vpc_endpoint') {
    return instance.values?.vpc_endpoint_type === 'GatewayLoadBalancer'
      ? 'gateway-load-balancer-endpoint'
      : 'vpc-endpoint';
  }

  if (field !== 'gateway_id') return fieldKind;
  if (isPlaceholderId(id)) return (instance && TARGET_OF_TYPE[instance.type]) ?? 'unknown';
  return gatewayKind(id);
}

/** One route from aws_route or an inline `route` element; undefined for an element with no destination. */
export function routeOf(
  f: Fields,
  at: AttrPath,
  names: typeof ROUTE_DESTINATIONS,
  pointer: string,
  plan: PlanLookup,
): Route | undefined {
  const destination = routeDestination(f, at, names, pointer);
  if (!destination) return undefined;
  const target = routeTarget(f, at, pointer, plan);
  // State and origin are what AWS reports for a route that exists; a planned route has neither yet.
  const state = at.length === 0 ? f.descriptive(['state']) : undefined;
  const origin = at.length === 0 ? f.descriptive(['origin']) : undefined;
  return {...destination, ...target, ...optional('state', state), ...optional('origin', origin)};
}

function routeDestination(
  f: Fields,
  at: AttrPath,
  names: typeof ROUTE_DESTINATIONS,
  pointer: string,
): Partial<Route> | undefined {
  const cidr = f.string([...at, names.cidr], `${pointer}/destinationCidr`);
  if (cidr) return {destinationCidr: cidr};
  const ipv6 = f.string([...at, names.ipv6], `${pointer}/destinationIpv6Cidr`);
  if (ipv6) return {destinationIpv6Cidr: ipv6};
  const prefixList = f.id([...at, names.prefixList], `${pointer}/destinationPrefixListId`);
  if (prefixList) return {destinationPrefixListId: prefixList};
  // Unknown destinations were recorded above; keep the route so its target still shows.
  return cidr === '' || ipv6 === '' || prefixList === '' ? {destinationCidr: ''} : undefined;
}

function routeTarget(
  f: Fields,
  at: AttrPath,
  pointer: string,
  plan: PlanLookup,
): {targetType: RouteTargetType; targetId: string} {
  for (const [field, kind] of ROUTE_TARGETS) {
    const found = attr(f.side, [...at, field]);
    if (found.state === 'known' && typeof found.value === 'string' && found.value !== '')
      return {targetType: targetKind(field, kind, found.value, plan), targetId: found.value};
  }

  // Unknown: the configured target field (computed ones such as instance_id are unknown on every new route).
  for (const [field, kind] of ROUTE_TARGETS) {
    const path = [...at, field];
    if (!f.isUnknown(path) || (at.length === 0 && f.side.configured && !f.side.configured.has(field))) continue;
    if (at.length === 0 && !f.side.configured && (field === 'instance_id' || field === 'network_interface_id'))
      continue;
    const id = f.id(path, `${pointer}/targetId`) ?? '';
    if (id === '') f.markUnknown(`${pointer}/targetType`, path);
    return {
      targetType: id === '' ? (field === 'gateway_id' ? 'unknown' : kind) : targetKind(field, kind, id, plan),
      targetId: id,
    };
  }

  return {targetType: 'unknown', targetId: ''};
}

export function routeItems(side: Side, plan: PlanLookup): PlannedItem[] {
  const f = new Fields(side);
  const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
  const route = routeOf(f, [], ROUTE_DESTINATIONS, '/route', plan) ?? {targetType: 'unknown', targetId: ''};
  return [item('route', {routeTableId, route}, f)];
}

export function routeTableAssociationItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
  const subnetId = f.id(['subnet_id'], '/association/subnetId');
  const gatewayId = f.id(['gateway_id'], '/association/gatewayId');
  const id = knownId(side);
  return [
    item(
      'routeTableAssociation',
      {
        routeTableId,
        association: {
          ...optional('id', id),
          main: false,
          ...optional('subnetId', subnetId),
          ...optional('gatewayId', gatewayId),
        },
      },
      f,
    ),
  ];
}

export function mainRouteTableAssociationItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
  const vpcId = f.id(['vpc_id'], '/vpcId') ?? '';
  return [
    item(
      'routeTableAssociation',
      {routeTableId, vpcId, association: {...optional('id', knownId(side)), main: true}},
      f,
    ),
  ];
}

export function routePropagationItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'routePropagation',
      {
        routeTableId: f.id(['route_table_id'], '/routeTableId') ?? '',
        vpnGatewayId: f.id(['vpn_gateway_id'], '/vpnGatewayId') ?? '',
      },
      f,
    ),
  ];
}

/** The object's AWS id when known (not a placeholder). */
export function knownId(side: Side): string | undefined {
  return isPlaceholderId(side.objectId) ? undefined : side.objectId;
}
