"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DX_MAX_RESULTS = void 0;
exports.collectDirectConnectRegion = collectDirectConnectRegion;
exports.collectDirectConnectGateways = collectDirectConnectGateways;
exports.locationNames = locationNames;
exports.withLocationNames = withLocationNames;
exports.toDxConnection = toDxConnection;
exports.toDxLag = toDxLag;
exports.toDxVirtualInterface = toDxVirtualInterface;
exports.toAssociation = toAssociation;
exports.toAttachment = toAttachment;
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
const client_direct_connect_1 = require("@aws-sdk/client-direct-connect");
const attempt_1 = require("./attempt");
const concurrency_1 = require("./concurrency");
const paginate_1 = require("./paginate");
const shapes_1 = require("./shapes");
/** "If MaxResults is given a value larger than 100, only 100 results are returned." (Direct Connect API) */
exports.DX_MAX_RESULTS = 100;
/** Region-wide (no VPC filter exists): a handful of objects per region. */
async function collectDirectConnectRegion(client, region, errors) {
    const site = (operation) => ({ service: 'directconnect', operation, region });
    const [[dxConnections, dxLags], dxVirtualInterfaces] = await Promise.all([
        Promise.all([
            (0, attempt_1.attempt)(errors, site('DescribeConnections'), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
                const page = await client.send(new client_direct_connect_1.DescribeConnectionsCommand({ maxResults: exports.DX_MAX_RESULTS, nextToken }));
                return { items: page.connections, nextToken: page.nextToken };
            })).map(toDxConnection)),
            (0, attempt_1.attempt)(errors, site('DescribeLags'), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
                const page = await client.send(new client_direct_connect_1.DescribeLagsCommand({ maxResults: exports.DX_MAX_RESULTS, nextToken }));
                return { items: page.lags, nextToken: page.nextToken };
            })).map(toDxLag)),
        ]).then(async ([connections, lags]) => {
            // Names are display only: a region without connections or LAGs costs no call, and a failed call leaves the
            // codes unnamed. Its error is not a collection error: no check depends on a name, so a role without
            // directconnect:DescribeLocations must not turn a complete scan into an incomplete one (exit 3).
            if (!connections?.length && !lags?.length)
                return [connections, lags];
            const displayOnly = [];
            const names = await (0, attempt_1.attempt)(displayOnly, site('DescribeLocations'), async () => locationNames((await client.send(new client_direct_connect_1.DescribeLocationsCommand({}))).locations));
            return [withLocationNames(connections, names), withLocationNames(lags, names)];
        }),
        (0, attempt_1.attempt)(errors, site('DescribeVirtualInterfaces'), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
            const page = await client.send(new client_direct_connect_1.DescribeVirtualInterfacesCommand({ maxResults: exports.DX_MAX_RESULTS, nextToken }));
            return { items: page.virtualInterfaces, nextToken: page.nextToken };
        })).map(toDxVirtualInterface)),
    ]);
    return { dxConnections, dxLags, dxVirtualInterfaces };
}
/**
 * The account's Direct Connect gateways (global: one list per account, read through `region`'s endpoint).
 * Null when the list could not be read; a gateway whose associations or attachments could not be read keeps
 * that part null.
 */
async function collectDirectConnectGateways(client, region, concurrency, errors) {
    const site = (operation, resource) => ({
        service: 'directconnect',
        operation,
        region,
        ...(resource !== undefined && { resource }),
    });
    const gateways = await (0, attempt_1.attempt)(errors, site('DescribeDirectConnectGateways'), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
        const page = await client.send(new client_direct_connect_1.DescribeDirectConnectGatewaysCommand({ maxResults: exports.DX_MAX_RESULTS, nextToken }));
        return { items: page.directConnectGateways, nextToken: page.nextToken };
    })).map(toGatewayInfo));
    if (gateways === null)
        return null;
    return (0, concurrency_1.mapWithConcurrency)(gateways, concurrency, async (gateway) => {
        const directConnectGatewayId = gateway.id;
        const [associations, attachments] = await Promise.all([
            (0, attempt_1.attempt)(errors, site('DescribeDirectConnectGatewayAssociations', directConnectGatewayId), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
                const page = await client.send(new client_direct_connect_1.DescribeDirectConnectGatewayAssociationsCommand({
                    directConnectGatewayId,
                    maxResults: exports.DX_MAX_RESULTS,
                    nextToken,
                }));
                return { items: page.directConnectGatewayAssociations, nextToken: page.nextToken };
            })).map((association) => toAssociation(association, directConnectGatewayId))),
            (0, attempt_1.attempt)(errors, site('DescribeDirectConnectGatewayAttachments', directConnectGatewayId), async () => (await (0, paginate_1.loopNextToken)(async (nextToken) => {
                const page = await client.send(new client_direct_connect_1.DescribeDirectConnectGatewayAttachmentsCommand({
                    directConnectGatewayId,
                    maxResults: exports.DX_MAX_RESULTS,
                    nextToken,
                }));
                return { items: page.directConnectGatewayAttachments, nextToken: page.nextToken };
            })).map((attachment) => toAttachment(attachment, directConnectGatewayId))),
        ]);
        return { ...gateway, associations, attachments };
    });
}
// ---- mappers ------------------------------------------------------------------------------------------------------
/** DescribeLocations → location code → its name (a location without both is left out). */
function locationNames(locations) {
    const names = new Map();
    for (const { locationCode, locationName } of locations ?? []) {
        if (locationCode && locationName)
            names.set(locationCode, locationName);
    }
    return names;
}
/** Each connection or LAG with the name of its location, when `names` knows it. */
function withLocationNames(items, names) {
    if (items === null || names === null)
        return items;
    return items.map((item) => {
        const locationName = item.location === undefined ? undefined : names.get(item.location);
        return locationName === undefined ? item : { ...item, locationName };
    });
}
function toDxConnection(connection) {
    const { connectionId: id } = (0, shapes_1.requireFields)('Direct Connect connection', connection.connectionId, {
        connectionId: connection.connectionId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('name', connection.connectionName),
        ...(0, shapes_1.optional)('ownerAccount', connection.ownerAccount),
        ...(0, shapes_1.optional)('state', connection.connectionState),
        ...(0, shapes_1.optional)('region', connection.region),
        ...(0, shapes_1.optional)('location', connection.location),
        ...(0, shapes_1.optional)('bandwidth', connection.bandwidth),
        ...(0, shapes_1.optional)('lagId', nonEmpty(connection.lagId)),
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the former field, for connections that lack the new one
        ...(0, shapes_1.optional)('awsDevice', connection.awsDeviceV2 ?? connection.awsDevice),
        ...(0, shapes_1.optional)('hasLogicalRedundancy', connection.hasLogicalRedundancy),
    };
}
function toDxLag(lag) {
    const { lagId: id } = (0, shapes_1.requireFields)('Direct Connect LAG', lag.lagId, { lagId: lag.lagId });
    return {
        id,
        ...(0, shapes_1.optional)('name', lag.lagName),
        ...(0, shapes_1.optional)('ownerAccount', lag.ownerAccount),
        ...(0, shapes_1.optional)('state', lag.lagState),
        ...(0, shapes_1.optional)('region', lag.region),
        ...(0, shapes_1.optional)('location', lag.location),
        ...(0, shapes_1.optional)('minimumLinks', lag.minimumLinks),
        ...(0, shapes_1.optional)('numberOfConnections', lag.numberOfConnections),
        connectionIds: (lag.connections ?? []).map((connection) => connection.connectionId).filter(shapes_1.defined),
    };
}
/** Never reads authKey or customerRouterConfig. */
function toDxVirtualInterface(vif) {
    const { virtualInterfaceId: id } = (0, shapes_1.requireFields)('virtual interface', vif.virtualInterfaceId, {
        virtualInterfaceId: vif.virtualInterfaceId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('name', vif.virtualInterfaceName),
        ...(0, shapes_1.optional)('ownerAccount', vif.ownerAccount),
        ...(0, shapes_1.optional)('type', vif.virtualInterfaceType),
        ...(0, shapes_1.optional)('state', vif.virtualInterfaceState),
        ...(0, shapes_1.optional)('connectionId', nonEmpty(vif.connectionId)),
        ...(0, shapes_1.optional)('region', vif.region),
        ...(0, shapes_1.optional)('location', vif.location),
        ...(0, shapes_1.optional)('vlan', vif.vlan),
        // asnLong carries 4-byte ASNs; asn is 0 then.
        ...(0, shapes_1.optional)('asn', vif.asnLong ?? vif.asn),
        ...(0, shapes_1.optional)('amazonSideAsn', vif.amazonSideAsn),
        ...(0, shapes_1.optional)('addressFamily', vif.addressFamily),
        // The API sends "" for the gateway an interface is not on.
        ...(0, shapes_1.optional)('virtualGatewayId', nonEmpty(vif.virtualGatewayId)),
        ...(0, shapes_1.optional)('directConnectGatewayId', nonEmpty(vif.directConnectGatewayId)),
        bgpPeers: (vif.bgpPeers ?? []).map(toBgpPeer),
    };
}
function toBgpPeer(peer) {
    return {
        ...(0, shapes_1.optional)('id', peer.bgpPeerId),
        ...(0, shapes_1.optional)('addressFamily', peer.addressFamily),
        ...(0, shapes_1.optional)('status', peer.bgpStatus),
        ...(0, shapes_1.optional)('state', peer.bgpPeerState),
        ...(0, shapes_1.optional)('asn', peer.asnLong ?? peer.asn),
    };
}
/** Associations and attachments are filled by their own calls. */
function toGatewayInfo(gateway) {
    const fields = (0, shapes_1.requireFields)('Direct Connect gateway', gateway.directConnectGatewayId, {
        directConnectGatewayId: gateway.directConnectGatewayId,
        directConnectGatewayState: gateway.directConnectGatewayState,
    });
    return {
        id: fields.directConnectGatewayId,
        ...(0, shapes_1.optional)('name', gateway.directConnectGatewayName),
        state: fields.directConnectGatewayState,
        ...(0, shapes_1.optional)('ownerAccount', gateway.ownerAccount),
        ...(0, shapes_1.optional)('amazonSideAsn', gateway.amazonSideAsn),
        associations: null,
        attachments: null,
    };
}
/** `associatedGateway` is the current shape; the virtualGateway* fields are what older associations carry. */
function toAssociation(association, gatewayId) {
    const associated = association.associatedGateway;
    const fields = (0, shapes_1.requireFields)('Direct Connect gateway association', gatewayId, {
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
        ...(0, shapes_1.optional)('associatedGatewayRegion', associated?.region ?? association.virtualGatewayRegion),
        ...(0, shapes_1.optional)('associatedGatewayOwnerAccount', associated?.ownerAccount ?? association.virtualGatewayOwnerAccount),
        allowedPrefixes: (association.allowedPrefixesToDirectConnectGateway ?? [])
            .map((prefix) => prefix.cidr)
            .filter(shapes_1.defined),
    };
}
function toAttachment(attachment, gatewayId) {
    const fields = (0, shapes_1.requireFields)('Direct Connect gateway attachment', gatewayId, {
        virtualInterfaceId: attachment.virtualInterfaceId,
    });
    return {
        virtualInterfaceId: fields.virtualInterfaceId,
        ...(0, shapes_1.optional)('virtualInterfaceRegion', attachment.virtualInterfaceRegion),
        ...(0, shapes_1.optional)('virtualInterfaceOwnerAccount', attachment.virtualInterfaceOwnerAccount),
        ...(0, shapes_1.optional)('state', attachment.attachmentState),
        ...(0, shapes_1.optional)('type', attachment.attachmentType),
    };
}
function nonEmpty(value) {
    return value === '' ? undefined : value;
}
