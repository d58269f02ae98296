"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nameTag = nameTag;
exports.vpcItems = vpcItems;
exports.vpcCidrBlockItems = vpcCidrBlockItems;
exports.subnetItems = subnetItems;
exports.routeTableItems = routeTableItems;
exports.routeOf = routeOf;
exports.routeItems = routeItems;
exports.routeTableAssociationItems = routeTableAssociationItems;
exports.mainRouteTableAssociationItems = mainRouteTableAssociationItems;
exports.routePropagationItems = routePropagationItems;
exports.knownId = knownId;
const types_1 = require("../../change/types");
const json_1 = require("./json");
const translate_1 = require("./translate");
const values_1 = require("./values");
/** The `Name` tag, as the snapshot names EC2 objects. */
function nameTag(f) {
    const found = (0, values_1.attr)(f.side, ['tags', 'Name']);
    return found.state === 'known' && typeof found.value === 'string' ? found.value : undefined;
}
function vpcItems(side) {
    const f = new values_1.Fields(side);
    const cidr = f.string(['cidr_block'], '/cidrs');
    // An IPv6 block is computed on every VPC; it exists only when one is asked for.
    const wantsIpv6 = f.side.values.assign_generated_ipv6_cidr_block === true ||
        (side.configured?.has('ipv6_cidr_block') ?? false) ||
        (side.configured?.has('ipv6_ipam_pool_id') ?? false);
    const ipv6 = wantsIpv6 ? f.string(['ipv6_cidr_block'], '/ipv6Cidrs') : f.descriptive(['ipv6_cidr_block']);
    return [
        (0, translate_1.item)('vpc', {
            id: side.objectId,
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            ...(0, translate_1.optional)('name', nameTag(f)),
            ...(0, translate_1.optional)('isDefault', side.type === 'aws_default_vpc' ? true : undefined),
            cidrs: cidr ? [cidr] : [],
            ...(0, translate_1.optional)('ipv6Cidrs', ipv6 ? [ipv6] : undefined),
        }, f),
    ];
}
function vpcCidrBlockItems(side) {
    const f = new values_1.Fields(side);
    const vpcId = f.id(['vpc_id'], '/vpcId') ?? '';
    const cidr = f.string(['cidr_block'], '/cidr');
    const ipv6Cidr = f.string(['ipv6_cidr_block'], '/ipv6Cidr');
    return [(0, translate_1.item)('vpcCidrBlock', { vpcId, ...(0, translate_1.optional)('cidr', cidr), ...(0, translate_1.optional)('ipv6Cidr', ipv6Cidr || undefined) }, f)];
}
function subnetItems(side) {
    const f = new values_1.Fields(side);
    const wantsIpv6 = f.side.values.assign_ipv6_address_on_creation === true || (side.configured?.has('ipv6_cidr_block') ?? false);
    const ipv6 = wantsIpv6 ? f.string(['ipv6_cidr_block'], '/ipv6Cidrs') : f.descriptive(['ipv6_cidr_block']);
    return [
        (0, translate_1.item)('subnet', {
            id: side.objectId,
            vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            ...(0, translate_1.optional)('name', nameTag(f)),
            ...(0, translate_1.optional)('availabilityZone', f.string(['availability_zone'], '/availabilityZone')),
            ...(0, translate_1.optional)('availabilityZoneId', f.descriptive(['availability_zone_id'])),
            ...(0, translate_1.optional)('cidr', f.string(['cidr_block'], '/cidr')),
            ...(0, translate_1.optional)('ipv6Cidrs', ipv6 ? [ipv6] : undefined),
            ...(0, translate_1.optional)('mapPublicIpOnLaunch', f.bool(['map_public_ip_on_launch'], '/mapPublicIpOnLaunch')),
        }, f),
    ];
}
/** aws_route_table and aws_default_route_table (which adopts the VPC's main table). */
function routeTableItems(side, plan) {
    const f = new values_1.Fields(side);
    const isDefault = side.type === 'aws_default_route_table';
    const id = isDefault ? (f.id(['default_route_table_id'], '/id') ?? side.objectId) : side.objectId;
    const inlineRoutes = (0, values_1.managesInline)(side, 'route');
    const routes = inlineRoutes ? inlineRouteList(f, plan) : [];
    const propagating = side.creates && !side.configured?.has('propagating_vgws') && f.isUnknown(['propagating_vgws'])
        ? []
        : f.ids(['propagating_vgws'], '/propagatingVgwIds');
    return [
        (0, translate_1.item)('routeTable', {
            id,
            vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
            ...(0, translate_1.optional)('ownerId', f.descriptive(['owner_id'])),
            ...(0, translate_1.optional)('name', nameTag(f)),
            main: isDefault,
            associations: [],
            propagatingVgwIds: propagating,
            routes,
            inlineRoutes,
        }, f),
    ];
}
function inlineRouteList(f, plan) {
    const list = (0, values_1.knownArray)(f.side, ['route']);
    if (!list) {
        f.markUnknown('/routes', ['route']);
        return [];
    }
    const routes = [];
    for (let index = 0; index < list.length; index += 1) {
        const element = list[index];
        if (!(0, json_1.isObject)(element)) {
            // An element with unknown members: a set of routes is never partly guessed.
            f.markUnknown('/routes', ['route', index]);
            continue;
        }
        const route = routeOf(f, ['route', index], INLINE_DESTINATIONS, `/routes/${routes.length}`, plan);
        if (route)
            routes.push(route);
    }
    return routes;
}
/** Destination fields: aws_route's names, and the inline `route` block's. */
const ROUTE_DESTINATIONS = {
    cidr: 'destination_cidr_block',
    ipv6: 'destination_ipv6_cidr_block',
    prefixList: 'destination_prefix_list_id',
};
const INLINE_DESTINATIONS = { cidr: 'cidr_block', ipv6: 'ipv6_cidr_block', prefixList: 'destination_prefix_list_id' };
/** Target fields in the order the provider checks them; `gateway_id` is split by the id's prefix. */
const ROUTE_TARGETS = [
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
const TARGET_OF_TYPE = {
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
function gatewayKind(id) {
    if (id === 'local')
        return 'local';
    const prefixes = [
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
function targetKind(field, fieldKind, id, plan) {
    const instance = plan.instanceById(id);
    if (instance?.type === 'aws_vpc_endpoint') {
        return instance.values?.vpc_endpoint_type === 'GatewayLoadBalancer'
            ? 'gateway-load-balancer-endpoint'
            : 'vpc-endpoint';
    }
    if (field !== 'gateway_id')
        return fieldKind;
    if ((0, types_1.isPlaceholderId)(id))
        return (instance && TARGET_OF_TYPE[instance.type]) ?? 'unknown';
    return gatewayKind(id);
}
/** One route from aws_route or an inline `route` element; undefined for an element with no destination. */
function routeOf(f, at, names, pointer, plan) {
    const destination = routeDestination(f, at, names, pointer);
    if (!destination)
        return undefined;
    const target = routeTarget(f, at, pointer, plan);
    // State and origin are what AWS reports for a route that exists; a planned route has neither yet.
    const state = at.length === 0 ? f.descriptive(['state']) : undefined;
    const origin = at.length === 0 ? f.descriptive(['origin']) : undefined;
    return { ...destination, ...target, ...(0, translate_1.optional)('state', state), ...(0, translate_1.optional)('origin', origin) };
}
function routeDestination(f, at, names, pointer) {
    const cidr = f.string([...at, names.cidr], `${pointer}/destinationCidr`);
    if (cidr)
        return { destinationCidr: cidr };
    const ipv6 = f.string([...at, names.ipv6], `${pointer}/destinationIpv6Cidr`);
    if (ipv6)
        return { destinationIpv6Cidr: ipv6 };
    const prefixList = f.id([...at, names.prefixList], `${pointer}/destinationPrefixListId`);
    if (prefixList)
        return { destinationPrefixListId: prefixList };
    // Unknown destinations were recorded above; keep the route so its target still shows.
    return cidr === '' || ipv6 === '' || prefixList === '' ? { destinationCidr: '' } : undefined;
}
function routeTarget(f, at, pointer, plan) {
    for (const [field, kind] of ROUTE_TARGETS) {
        const found = (0, values_1.attr)(f.side, [...at, field]);
        if (found.state === 'known' && typeof found.value === 'string' && found.value !== '')
            return { targetType: targetKind(field, kind, found.value, plan), targetId: found.value };
    }
    // Unknown: the configured target field (computed ones such as instance_id are unknown on every new route).
    for (const [field, kind] of ROUTE_TARGETS) {
        const path = [...at, field];
        if (!f.isUnknown(path) || (at.length === 0 && f.side.configured && !f.side.configured.has(field)))
            continue;
        if (at.length === 0 && !f.side.configured && (field === 'instance_id' || field === 'network_interface_id'))
            continue;
        const id = f.id(path, `${pointer}/targetId`) ?? '';
        if (id === '')
            f.markUnknown(`${pointer}/targetType`, path);
        return {
            targetType: id === '' ? (field === 'gateway_id' ? 'unknown' : kind) : targetKind(field, kind, id, plan),
            targetId: id,
        };
    }
    return { targetType: 'unknown', targetId: '' };
}
function routeItems(side, plan) {
    const f = new values_1.Fields(side);
    const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
    const route = routeOf(f, [], ROUTE_DESTINATIONS, '/route', plan) ?? { targetType: 'unknown', targetId: '' };
    return [(0, translate_1.item)('route', { routeTableId, route }, f)];
}
function routeTableAssociationItems(side) {
    const f = new values_1.Fields(side);
    const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
    const subnetId = f.id(['subnet_id'], '/association/subnetId');
    const gatewayId = f.id(['gateway_id'], '/association/gatewayId');
    const id = knownId(side);
    return [
        (0, translate_1.item)('routeTableAssociation', {
            routeTableId,
            association: {
                ...(0, translate_1.optional)('id', id),
                main: false,
                ...(0, translate_1.optional)('subnetId', subnetId),
                ...(0, translate_1.optional)('gatewayId', gatewayId),
            },
        }, f),
    ];
}
function mainRouteTableAssociationItems(side) {
    const f = new values_1.Fields(side);
    const routeTableId = f.id(['route_table_id'], '/routeTableId') ?? '';
    const vpcId = f.id(['vpc_id'], '/vpcId') ?? '';
    return [
        (0, translate_1.item)('routeTableAssociation', { routeTableId, vpcId, association: { ...(0, translate_1.optional)('id', knownId(side)), main: true } }, f),
    ];
}
function routePropagationItems(side) {
    const f = new values_1.Fields(side);
    return [
        (0, translate_1.item)('routePropagation', {
            routeTableId: f.id(['route_table_id'], '/routeTableId') ?? '',
            vpnGatewayId: f.id(['vpn_gateway_id'], '/vpnGatewayId') ?? '',
        }, f),
    ];
}
/** The object's AWS id when known (not a placeholder). */
function knownId(side) {
    return (0, types_1.isPlaceholderId)(side.objectId) ? undefined : side.objectId;
}
