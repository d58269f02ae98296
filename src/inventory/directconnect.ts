/**
 * Direct Connect: the region's connections, LAGs and virtual interfaces, and the account's (global) Direct
 * Connect gateways with their associations and attachments.
 *
 * The SDK ships no paginators for Direct Connect; every call below pages (nextToken/maxResults, added to the
 * model in 2025-08), so each goes through the one shared loop, loopNextToken, with the largest page (100).
 * Calls per region: DescribeConnections, DescribeLags, DescribeVirtualInterfaces (+ further pages), then
 * DescribeLocations (one call, no paging) only when the region has a connection or LAG: the readable names of their
 * location codes, for display only (a failure leaves the names out and is not a collection error).
 * Calls per account: DescribeDirectConnectGateways, then per gateway DescribeDirectConnectGatewayAssociations and
 * DescribeDirectConnectGatewayAttachments (both APIs require a gateway, a VGW/TGW or an interface id: no batch).
 *
 * Never stored: BGP auth keys (authKey on interfaces and peers), customerRouterConfig, MACsec keys.
 */
import {
  DescribeConnectionsCommand,
  DescribeDirectConnectGatewayAssociationsCommand,
  DescribeDirectConnectGatewayAttachmentsCommand,
  DescribeDirectConnectGatewaysCommand,
  DescribeLagsCommand,
  DescribeLocationsCommand,
  DescribeVirtualInterfacesCommand,
} from '@aws-sdk/client-direct-connect';
import type {
  BGPPeer,
  Connection,
  DirectConnectClient,
  DirectConnectGateway,
  DirectConnectGatewayAssociation as SdkAssociation,
  DirectConnectGatewayAttachment as SdkAttachment,
  Lag,
  Location,
  VirtualInterface,
} from '@aws-sdk/client-direct-connect';

import type {
  DirectConnectGatewayAssociation,
  DirectConnectGatewayAttachment,
  DirectConnectGatewayInfo,
  DxBgpPeer,
  DxConnection,
  DxLag,
  DxVirtualInterface,
  RegionNetwork,
} from '../snapshot/network';
import type {CollectionError} from '../snapshot/types';
import {attempt} from './attempt';
import type {CallSite} from './attempt';
import {mapWithConcurrency} from './concurrency';
import {loopNextToken} from './paginate';
import {defined, optional, requireFields} from './shapes';

/** "If MaxResults is given a value larger than 100, only 100 results are returned." (Direct Connect API) */
export const DX_MAX_RESULTS = 100;

export type DirectConnectRegion = Pick<RegionNetwork, 'dxConnections' | 'dxLags' | 'dxVirtualInterfaces'>;

/** Region-wide (no VPC filter exists): a handful of objects per region. */
export async function collectDirectConnectRegion(
  client: DirectConnectClient,
  region: string,
  errors: CollectionError[],
): Promise<DirectConnectRegion> {
  const site = (operation: string): CallSite => ({service: 'directconnect', operation, region});
  const [[dxConnections, dxLags], dxVirtualInterfaces] = await Promise.all([
    Promise.all([
      attempt(errors, site('DescribeConnections'), async () =>
        (
          await loopNextToken(async (nextToken) => {
            const page = await client.send(new DescribeConnectionsCommand({maxResults: DX_MAX_RESULTS, nextToken}));
            return {items: page.connections, nextToken: page.nextToken};
          })
        ).map(toDxConnection),
      ),
      attempt(errors, site('DescribeLags'), async () =>
        (
          await loopNextToken(async (nextToken) => {
            const page = await client.send(new DescribeLagsCommand({maxResults: DX_MAX_RESULTS, nextToken}));
            return {items: page.lags, nextToken: page.nextToken};
          })
        ).map(toDxLag),
      ),
    ]).then(async ([connections, lags]) => {
      // Names are display only: a region without connections or LAGs costs no call, and a failed call leaves the
      // codes unnamed. Its error is not a collection error: no check depends on a name, so a role without
      // directconnect:DescribeLocations must not turn a complete scan into an incomplete one (exit 3).
      if (!connections?.length && !lags?.length) return [connections, lags] as const;
      const displayOnly: CollectionError[] = [];
      const names = await attempt(displayOnly, site('DescribeLocations'), async () =>
        locationNames((await client.send(new DescribeLocationsCommand({}))).locations),
      );
      return [withLocationNames(connections, names), withLocationNames(lags, names)] as const;
    }),
    attempt(errors, site('DescribeVirtualInterfaces'), async () =>
      (
        await loopNextToken(async (nextToken) => {
          const page = await client.send(new DescribeVirtualInterfacesCommand({maxResults: DX_MAX_RESULTS, nextToken}));
          return {items: page.virtualInterfaces, nextToken: page.nextToken};
        })
      ).map(toDxVirtualInterface),
    ),
  ]);
  return {dxConnections, dxLags, dxVirtualInterfaces};
}

/**
 * The account's Direct Connect gateways (global: one list per account, read through `region`'s endpoint).
 * Null when the list could not be read; a gateway whose associations or attachments could not be read keeps
 * that part null.
 */
export async function collectDirectConnectGateways(
  client: DirectConnectClient,
  region: string,
  concurrency: number,
  errors: CollectionError[],
): Promise<DirectConnectGatewayInfo[] | null> {
  const site = (operation: string, resource?: string): CallSite => ({
    service: 'directconnect',
    operation,
    region,
    ...(resource !== undefined && {resource}),
  });
  const gateways = await attempt(errors, site('DescribeDirectConnectGateways'), async () =>
    (
      await loopNextToken(async (nextToken) => {
        const page = await client.send(
          new DescribeDirectConnectGatewaysCommand({maxResults: DX_MAX_RESULTS, nextToken}),
        );
        return {items: page.directConnectGateways, nextToken: page.nextToken};
      })
    ).map(toGatewayInfo),
  );
  if (gateways === null) return null;

  return mapWithConcurrency(gateways, concurrency, async (gateway) => {
    const directConnectGatewayId = gateway.id;
    const [associations, attachments] = await Promise.all([
      attempt(errors, site('DescribeDirectConnectGatewayAssociations', directConnectGatewayId), async () =>
        (
          await loopNextToken(async (nextToken) => {
            const page = await client.send(
              new DescribeDirectConnectGatewayAssociationsCommand({
                directConnectGatewayId,
                maxResults: DX_MAX_RESULTS,
                nextToken,
              }),
            );
            return {items: page.directConnectGatewayAssociations, nextToken: page.nextToken};
          })
        ).map((association) => toAssociation(association, directConnectGatewayId)),
      ),
      attempt(errors, site('DescribeDirectConnectGatewayAttachments', directConnectGatewayId), async () =>
        (
          await loopNextToken(async (nextToken) => {
            const page = await client.send(
              new DescribeDirectConnectGatewayAttachmentsCommand({
                directConnectGatewayId,
                maxResults: DX_MAX_RESULTS,
                nextToken,
              }),
            );
            return {items: page.directConnectGatewayAttachments, nextToken: page.nextToken};
          })
        ).map((attachment) => toAttachment(attachment, directConnectGatewayId)),
      ),
    ]);
    return {...gateway, associations, attachments};
  });
}

// ---- mappers ------------------------------------------------------------------------------------------------------

/** DescribeLocations → location code → its name (a location without both is left out). */
export function locationNames(locations: readonly Location[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const {locationCode, locationName} of locations ?? []) {
    if (locationCode && locationName) names.set(locationCode, locationName);
  }
  return names;
}

/** Each connection or LAG with the name of its location, when `names` knows it. */
export function withLocationNames<T extends {location?: string}>(
  items: T[] | null,
  names: ReadonlyMap<string, string> | null,
): T[] | null {
  if (items === null || names === null) return items;
  return items.map((item) => {
    const locationName = item.location === undefined ? undefined : names.get(item.location);
    return locationName === undefined ? item : {...item, locationName};
  });
}

export function toDxConnection(connection: Connection): DxConnection {
  const {connectionId: id} = requireFields('Direct Connect connection', connection.connectionId, {
    connectionId: connection.connectionId,
  });
  return {
    id,
    ...optional('name', connection.connectionName),
    ...optional('ownerAccount', connection.ownerAccount),
    ...optional('state', connection.connectionState),
    ...optional('region', connection.region),
    ...optional('location', connection.location),
    ...optional('bandwidth', connection.bandwidth),
    ...optional('lagId', nonEmpty(connection.lagId)),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the former field, for connections that lack the new one
    ...optional('awsDevice', connection.awsDeviceV2 ?? connection.awsDevice),
    ...optional('hasLogicalRedundancy', connection.hasLogicalRedundancy),
  };
}

export function toDxLag(lag: Lag): DxLag {
  const {lagId: id} = requireFields('Direct Connect LAG', lag.lagId, {lagId: lag.lagId});
  return {
    id,
    ...optional('name', lag.lagName),
    ...optional('ownerAccount', lag.ownerAccount),
    ...optional('state', lag.lagState),
    ...optional('region', lag.region),
    ...optional('location', lag.location),
    ...optional('minimumLinks', lag.minimumLinks),
    ...optional('numberOfConnections', lag.numberOfConnections),
    connectionIds: (lag.connections ?? []).map((connection) => connection.connectionId).filter(defined),
  };
}

/** Never reads authKey or customerRouterConfig. */
export function toDxVirtualInterface(vif: VirtualInterface): DxVirtualInterface {
  const {virtualInterfaceId: id} = requireFields('virtual interface', vif.virtualInterfaceId, {
    virtualInterfaceId: vif.virtualInterfaceId,
  });
  return {
    id,
    ...optional('name', vif.virtualInterfaceName),
    ...optional('ownerAccount', vif.ownerAccount),
    ...optional('type', vif.virtualInterfaceType),
    ...optional('state', vif.virtualInterfaceState),
    ...optional('connectionId', nonEmpty(vif.connectionId)),
    ...optional('region', vif.region),
    ...optional('location', vif.location),
    ...optional('vlan', vif.vlan),
    // asnLong carries 4-byte ASNs; asn is 0 then.
    ...optional('asn', vif.asnLong ?? vif.asn),
    ...optional('amazonSideAsn', vif.amazonSideAsn),
    ...optional('addressFamily', vif.addressFamily),
    // The API sends "" for the gateway an interface is not on.
    ...optional('virtualGatewayId', nonEmpty(vif.virtualGatewayId)),
    ...optional('directConnectGatewayId', nonEmpty(vif.directConnectGatewayId)),
    bgpPeers: (vif.bgpPeers ?? []).map(toBgpPeer),
  };
}

function toBgpPeer(peer: BGPPeer): DxBgpPeer {
  return {
    ...optional('id', peer.bgpPeerId),
    ...optional('addressFamily', peer.addressFamily),
    ...optional('status', peer.bgpStatus),
    ...optional('state', peer.bgpPeerState),
    ...optional('asn', peer.asnLong ?? peer.asn),
  };
}

/** Associations and attachments are filled by their own calls. */
function toGatewayInfo(gateway: DirectConnectGateway): DirectConnectGatewayInfo {
  const fields = requireFields('Direct Connect gateway', gateway.directConnectGatewayId, {
    directConnectGatewayId: gateway.directConnectGatewayId,
    directConnectGatewayState: gateway.directConnectGatewayState,
  });
  return {
    id: fields.directConnectGatewayId,
    ...optional('name', gateway.directConnectGatewayName),
    state: fields.directConnectGatewayState,
    ...optional('ownerAccount', gateway.ownerAccount),
    ...optional('amazonSideAsn', gateway.amazonSideAsn),
    associations: null,
    attachments: null,
  };
}

/** `associatedGateway` is the current shape; the virtualGateway* fields are what older associations carry. */
export function toAssociation(association: SdkAssociation, gatewayId: string): DirectConnectGatewayAssociation {
  const associated = association.associatedGateway;
  const fields = requireFields('Direct Connect gateway association', gatewayId, {
    associationId: association.associationId,
    associationState: association.associationState,
    'associatedGateway.id': associated?.id ?? nonEmpty(association.virtualGatewayId),
    'associatedGateway.type': associated?.type ?? (association.virtualGatewayId ? 'virtualPrivateGateway' : undefined),
  });
  return {
    associationId: fields.associationId,
    state: fields.associationState,
    associatedGatewayId: fields['associatedGateway.id'],
    associatedGatewayType: fields['associatedGateway.type'],
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the former field, for associations that lack the new one
    ...optional('associatedGatewayRegion', associated?.region ?? association.virtualGatewayRegion),
    ...optional('associatedGatewayOwnerAccount', associated?.ownerAccount ?? association.virtualGatewayOwnerAccount),
    allowedPrefixes: (association.allowedPrefixesToDirectConnectGateway ?? [])
      .map((prefix) => prefix.cidr)
      .filter(defined),
  };
}

export function toAttachment(attachment: SdkAttachment, gatewayId: string): DirectConnectGatewayAttachment {
  const fields = requireFields('Direct Connect gateway attachment', gatewayId, {
    virtualInterfaceId: attachment.virtualInterfaceId,
  });
  return {
    virtualInterfaceId: fields.virtualInterfaceId,
    ...optional('virtualInterfaceRegion', attachment.virtualInterfaceRegion),
    ...optional('virtualInterfaceOwnerAccount', attachment.virtualInterfaceOwnerAccount),
    ...optional('state', attachment.attachmentState),
    ...optional('type', attachment.attachmentType),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
