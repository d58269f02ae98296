/** Internet, NAT and virtual private gateways, customer gateways, VPN connections, Direct Connect. */
import type {PlannedItem} from '../../change/types';
import type {VpnStaticRoute} from '../../snapshot/network';
import {isObject} from './json';
import {knownId, nameTag} from './routing';
import {vpnTransitAttachmentItems} from './transit';
import {item, optional, type PlanLookup} from './translate';
import {Fields, knownArray, type Side} from './values';

export function internetGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const vpcId = attachedVpc(f, side);
  return [
    item(
      'internetGateway',
      {
        id: side.objectId,
        ...optional('ownerId', f.descriptive(['owner_id'])),
        attachments: vpcId === undefined ? [] : [{vpcId, state: 'available'}],
      },
      f,
    ),
  ];
}

/** `vpc_id` on a gateway attaches it; unknown without configuration it is just computed (a separate attachment). */
function attachedVpc(f: Fields, side: Side): string | undefined {
  if (f.isUnknown(['vpc_id']) && !(side.configured?.has('vpc_id') ?? !side.creates)) return undefined;
  const vpcId = f.id(['vpc_id'], '/attachments');
  return vpcId === undefined ? undefined : vpcId;
}

export function internetGatewayAttachmentItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'internetGatewayAttachment',
      {
        internetGatewayId: f.id(['internet_gateway_id'], '/internetGatewayId') ?? '',
        vpcId: f.id(['vpc_id'], '/vpcId') ?? '',
      },
      f,
    ),
  ];
}

export function natGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'natGateway',
      {
        id: side.objectId,
        ...optional('vpcId', f.has(['vpc_id']) ? f.id(['vpc_id'], '/vpcId') : undefined),
        ...optional('subnetId', f.id(['subnet_id'], '/subnetId')),
        ...optional('connectivityType', f.string(['connectivity_type'], '/connectivityType') ?? 'public'),
      },
      f,
    ),
  ];
}

export function vpnGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const vpcId = attachedVpc(f, side);
  return [
    item(
      'vpnGateway',
      {
        id: side.objectId,
        ...optional('name', nameTag(f)),
        ...optional('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
        attachments: vpcId === undefined ? [] : [{vpcId, state: 'attached'}],
      },
      f,
    ),
  ];
}

export function vpnGatewayAttachmentItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'vpnGatewayAttachment',
      {vpnGatewayId: f.id(['vpn_gateway_id'], '/vpnGatewayId') ?? '', vpcId: f.id(['vpc_id'], '/vpcId') ?? ''},
      f,
    ),
  ];
}

export function customerGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'customerGateway',
      {
        id: side.objectId,
        ...optional('name', nameTag(f)),
        ...optional('ipAddress', f.string(['ip_address'], '/ipAddress')),
        ...optional('bgpAsn', f.string(['bgp_asn'], '/bgpAsn')),
        ...optional('deviceName', f.string(['device_name'], '/deviceName') || undefined),
      },
      f,
    ),
  ];
}

/**
 * A VPN connection. Tunnels are always []: a connection that exists keeps its deployed telemetry (the overlay
 * takes it from the snapshot), a new or replaced one has none yet (pending). On a transit gateway, the
 * connection's implicit attachment comes with it.
 */
export function vpnConnectionItems(side: Side, plan: PlanLookup): PlannedItem[] {
  const f = new Fields(side);
  const vpnGatewayId = f.id(['vpn_gateway_id'], '/vpnGatewayId');
  const transitGatewayId = f.id(['transit_gateway_id'], '/transitGatewayId');
  const connection = {
    id: side.objectId,
    ...optional('name', nameTag(f)),
    ...optional('type', f.string(['type'], '/type')),
    customerGatewayId: f.id(['customer_gateway_id'], '/customerGatewayId') ?? '',
    ...optional('vpnGatewayId', vpnGatewayId),
    ...optional('transitGatewayId', transitGatewayId),
    ...optional('coreNetworkArn', f.descriptive(['core_network_arn'])),
    staticRoutesOnly: f.bool(['static_routes_only'], '/staticRoutesOnly') ?? false,
    tunnels: [],
    routes: side.creates ? [] : vpnRoutes(f),
  };
  const items = [item('vpnConnection', connection, f)];
  if (transitGatewayId) items.push(...vpnTransitAttachmentItems(side, side.objectId, transitGatewayId, plan));
  return items;
}

/** The `routes` the provider reads back (static routes, including those of aws_vpn_connection_route). */
function vpnRoutes(f: Fields): VpnStaticRoute[] {
  const list = knownArray(f.side, ['routes']);
  if (!list) {
    if (f.isUnknown(['routes'])) f.markUnknown('/routes', ['routes']);
    return [];
  }

  return list.filter(isObject).flatMap((route) =>
    typeof route.destination_cidr_block === 'string'
      ? [
          {
            destinationCidr: route.destination_cidr_block,
            ...optional('state', typeof route.state === 'string' ? route.state : undefined),
            ...optional('source', typeof route.source === 'string' ? route.source : undefined),
          },
        ]
      : [],
  );
}

export function vpnConnectionRouteItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'vpnConnectionRoute',
      {
        vpnConnectionId: f.id(['vpn_connection_id'], '/vpnConnectionId') ?? '',
        route: {destinationCidr: f.string(['destination_cidr_block'], '/route/destinationCidr') ?? ''},
      },
      f,
    ),
  ];
}

/** A Direct Connect gateway: Terraform has no state attribute; one Terraform reads back exists. */
export function dxGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  if (side.creates) f.unknown['/state'] = `known after apply: ${side.address}.id`;
  return [
    item(
      'directConnectGateway',
      {
        id: side.objectId,
        ...optional('name', f.string(['name'], '/name')),
        state: side.creates ? '' : 'available',
        ...optional('ownerAccount', f.descriptive(['owner_account_id'])),
        ...optional('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
        // Associations and attachments are separate resources: the overlay keeps the deployed ones.
        associations: [],
      },
      f,
    ),
  ];
}

export function dxGatewayAssociationItems(side: Side, plan: PlanLookup): PlannedItem[] {
  const f = new Fields(side);
  const gatewayId = f.id(['associated_gateway_id'], '/association/associatedGatewayId') ?? '';
  const knownAssociationId = f.has(['dx_gateway_association_id'])
    ? f.string(['dx_gateway_association_id'], '/association/associationId')
    : undefined;
  const type = f.has(['associated_gateway_type'])
    ? f.string(['associated_gateway_type'], '/association/associatedGatewayType')
    : gatewayType(gatewayId, plan);
  if (side.creates) f.unknown['/association/state'] = `known after apply: ${side.address}.id`;
  return [
    item(
      'directConnectGatewayAssociation',
      {
        directConnectGatewayId: f.id(['dx_gateway_id'], '/directConnectGatewayId') ?? '',
        association: {
          associationId: knownAssociationId || knownId(side) || side.objectId,
          state: side.creates ? '' : 'associated',
          associatedGatewayId: gatewayId,
          associatedGatewayType: type ?? '',
          ...optional('associatedGatewayOwnerAccount', f.descriptive(['associated_gateway_owner_account_id'])),
          allowedPrefixes: f.strings(['allowed_prefixes'], '/association/allowedPrefixes'),
        },
      },
      f,
    ),
  ];
}

function gatewayType(gatewayId: string, plan: PlanLookup): string | undefined {
  const type = gatewayId.startsWith('tgw-')
    ? 'aws_ec2_transit_gateway'
    : gatewayId.startsWith('vgw-')
      ? 'aws_vpn_gateway'
      : plan.instanceById(gatewayId)?.type;
  if (type === 'aws_ec2_transit_gateway') return 'transitGateway';
  if (type === 'aws_vpn_gateway') return 'virtualPrivateGateway';
  return undefined;
}

/** Private, transit and hosted virtual interfaces (and their accepters); BGP auth keys were dropped before. */
export function dxVirtualInterfaceItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const isAccepter = side.type.endsWith('_accepter');
  const id = isAccepter ? (f.id(['virtual_interface_id'], '/id') ?? side.objectId) : side.objectId;
  return [
    item(
      'dxVirtualInterface',
      {
        id,
        ...optional('name', f.string(['name'], '/name')),
        ...optional('ownerAccount', f.descriptive(['owner_account_id'])),
        type: side.type.includes('transit') ? 'transit' : 'private',
        ...optional('connectionId', f.id(['connection_id'], '/connectionId')),
        ...optional('vlan', f.number(['vlan'], '/vlan')),
        ...optional('asn', f.number(['bgp_asn'], '/asn')),
        ...optional('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
        ...optional('addressFamily', f.string(['address_family'], '/addressFamily')),
        ...optional('virtualGatewayId', f.id(['vpn_gateway_id'], '/virtualGatewayId')),
        ...optional('directConnectGatewayId', f.id(['dx_gateway_id'], '/directConnectGatewayId')),
        bgpPeers: [],
      },
      f,
    ),
  ];
}
