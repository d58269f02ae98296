/** Transit gateways, their attachments, route tables, routes, associations and propagations; VPC peering. */
import type {PlannedItem} from '../../change/types';
import type {TransitGatewayAttachment} from '../../snapshot/network';
import {placeholderId} from '../../change/types';
import {nameTag} from './routing';
import {item, optional, type PlanLookup} from './translate';
import {attr, Fields, type Side} from './values';

export function transitGatewayItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'transitGateway',
      {
        id: side.objectId,
        ...optional('arn', f.has(['arn']) ? f.string(['arn'], '/arn') : undefined),
        ...optional('ownerId', f.descriptive(['owner_id'])),
        ...optional('name', nameTag(f)),
        ...optional('amazonSideAsn', f.number(['amazon_side_asn'], '/amazonSideAsn')),
        ...optional(
          'associationDefaultRouteTableId',
          f.string(['association_default_route_table_id'], '/associationDefaultRouteTableId') ||
            defaultTableStandIn(f, '/associationDefaultRouteTableId'),
        ),
        ...optional(
          'propagationDefaultRouteTableId',
          f.string(['propagation_default_route_table_id'], '/propagationDefaultRouteTableId') ||
            defaultTableStandIn(f, '/propagationDefaultRouteTableId'),
        ),
      },
      f,
    ),
  ];
}

/** '' when the field is unknown (the pointer then needs its stand-in), undefined when it is absent or empty. */
function defaultTableStandIn(f: Fields, pointer: string): string | undefined {
  return f.unknown[pointer] === undefined ? undefined : '';
}

/** The default route tables of a transit gateway the plan knows; undefined when the plan does not say. */
function defaultTables(tgwId: string, plan: PlanLookup): {association: string; propagation: string} | undefined {
  const values = plan.instanceById(tgwId)?.values;
  const association = values?.association_default_route_table_id;
  const propagation = values?.propagation_default_route_table_id;
  if (typeof association !== 'string' || typeof propagation !== 'string') return undefined;
  return {association, propagation};
}

/**
 * The association and propagation an attachment gets implicitly from its transit gateway's default tables (no
 * resource appears in the plan for them). Expressed as items when the default table ids are known; otherwise the
 * attachment lists them as unknown (`/association`, `/propagation`).
 */
function implicitTableItems(
  f: Fields,
  attachment: TransitGatewayAttachment,
  flags: {associate: boolean; propagate: boolean},
  plan: PlanLookup,
): PlannedItem[] {
  if (!flags.associate && !flags.propagate) return [];
  const tables = attachment.transitGatewayId === '' ? undefined : defaultTables(attachment.transitGatewayId, plan);
  const items: PlannedItem[] = [];
  const why = `${f.side.address}.transit_gateway_id`;
  if (flags.associate) {
    if (tables?.association) {
      attachment.association = {routeTableId: tables.association};
      items.push({
        kind: 'transitGatewayAssociation',
        value: {routeTableId: tables.association, attachmentId: attachment.id},
      });
    } else if (!tables) {
      attachment.association = {routeTableId: ''};
      f.unknown['/association'] =
        `known after apply: ${why} (association with the transit gateway's default route table)`;
    }
  }

  if (flags.propagate) {
    if (tables?.propagation)
      items.push({
        kind: 'transitGatewayPropagation',
        value: {routeTableId: tables.propagation, attachmentId: attachment.id},
      });
    else if (!tables)
      f.unknown['/propagation'] =
        `known after apply: ${why} (propagation to the transit gateway's default route table)`;
  }

  return items;
}

export function transitGatewayVpcAttachmentItems(side: Side, plan: PlanLookup): PlannedItem[] {
  const f = new Fields(side);
  const attachment: TransitGatewayAttachment = {
    id: side.objectId,
    transitGatewayId: f.id(['transit_gateway_id'], '/transitGatewayId') ?? '',
    resourceType: 'vpc',
    resourceId: f.id(['vpc_id'], '/resourceId') ?? '',
    ...optional('name', nameTag(f)),
  };
  const flags = {
    associate: f.bool(['transit_gateway_default_route_table_association'], '/association') ?? true,
    propagate: f.bool(['transit_gateway_default_route_table_propagation'], '/propagation') ?? true,
  };
  const implicit = implicitTableItems(f, attachment, flags, plan);
  return [item('transitGatewayAttachment', attachment, f), ...implicit];
}

/** The implicit attachment of a VPN connection on a transit gateway (no resource of its own in the plan). */
export function vpnTransitAttachmentItems(
  side: Side,
  vpnConnectionId: string,
  transitGatewayId: string,
  plan: PlanLookup,
): PlannedItem[] {
  const f = new Fields(side);
  const known = attr(side, ['transit_gateway_attachment_id']);
  const id =
    known.state === 'known' && typeof known.value === 'string' && known.value !== ''
      ? known.value
      : placeholderId(`${side.address}/transit_gateway_attachment`);
  const attachment: TransitGatewayAttachment = {id, transitGatewayId, resourceType: 'vpn', resourceId: vpnConnectionId};
  const implicit = implicitTableItems(f, attachment, {associate: true, propagate: true}, plan);
  return [item('transitGatewayAttachment', attachment, f), ...implicit];
}

export function transitGatewayRouteTableItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  return [
    item(
      'transitGatewayRouteTable',
      {
        id: side.objectId,
        transitGatewayId: f.id(['transit_gateway_id'], '/transitGatewayId') ?? '',
        ...optional('name', nameTag(f)),
        ...optional('defaultAssociation', f.bool(['default_association_route_table'], '/defaultAssociation')),
        ...optional('defaultPropagation', f.bool(['default_propagation_route_table'], '/defaultPropagation')),
        // Routes and propagations are separate resources (or implicit): the overlay keeps the deployed ones.
        propagations: [],
        routes: [],
      },
      f,
    ),
  ];
}

export function transitGatewayRouteItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const blackhole = f.bool(['blackhole'], '/route/state') ?? false;
  const attachmentId = blackhole ? undefined : f.id(['transit_gateway_attachment_id'], '/route/attachments');
  return [
    item(
      'transitGatewayRoute',
      {
        routeTableId: f.id(['transit_gateway_route_table_id'], '/routeTableId') ?? '',
        route: {
          destinationCidr: f.string(['destination_cidr_block'], '/route/destinationCidr') ?? '',
          ...optional('state', blackhole ? 'blackhole' : undefined),
          type: 'static',
          attachments: attachmentId === undefined ? [] : [{attachmentId}],
        },
      },
      f,
    ),
  ];
}

export function transitGatewayAssociationItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const kind =
    side.type === 'aws_ec2_transit_gateway_route_table_association'
      ? 'transitGatewayAssociation'
      : 'transitGatewayPropagation';
  const value = {
    routeTableId: f.id(['transit_gateway_route_table_id'], '/routeTableId') ?? '',
    attachmentId: f.id(['transit_gateway_attachment_id'], '/attachmentId') ?? '',
  };
  return [item(kind, value, f)];
}

export function vpcPeeringItems(side: Side): PlannedItem[] {
  const f = new Fields(side);
  const isAccepter = side.type === 'aws_vpc_peering_connection_accepter';
  const id = isAccepter ? (f.id(['vpc_peering_connection_id'], '/id') ?? side.objectId) : side.objectId;
  // accept_status is unknown until apply: a peering the plan creates opens no path until it is active.
  const state = f.string(['accept_status'], '/state');
  const local = {vpcId: f.id(['vpc_id'], isAccepter ? '/accepter/vpcId' : '/requester/vpcId') ?? '', cidrs: []};
  const peer = {
    ...optional('vpcId', f.id(['peer_vpc_id'], isAccepter ? '/requester/vpcId' : '/accepter/vpcId')),
    ...optional(
      'ownerId',
      f.string(['peer_owner_id'], isAccepter ? '/requester/ownerId' : '/accepter/ownerId') || undefined,
    ),
    ...optional(
      'region',
      f.string(['peer_region'], isAccepter ? '/requester/region' : '/accepter/region') || undefined,
    ),
    cidrs: [],
  };
  return [
    item(
      'vpcPeeringConnection',
      {id, ...optional('state', state), requester: isAccepter ? peer : local, accepter: isAccepter ? local : peer},
      f,
    ),
  ];
}
