/**
 * The network part of the snapshot (issue: network paths). Normalized from EC2 and Direct Connect
 * responses; the path model in src/network reads only these types.
 * Convention as in types.ts: omitted = AWS did not return it; null = the call failed (see Snapshot.errors).
 */

/** Per account and region: the VPC objects around the brokers. Filled in by the network collectors. */
export interface RegionNetwork {
  [collection: string]: unknown;
}

export interface DirectConnectGatewayInfo {
  id: string;
  name?: string;
  state: string;
  amazonSideAsn?: number;
  /** Associations with virtual private or transit gateways; null when they could not be read. */
  associations: DirectConnectGatewayAssociation[] | null;
}

export interface DirectConnectGatewayAssociation {
  associationId: string;
  state: string;
  /** vgw-… or tgw-… */
  associatedGatewayId: string;
  associatedGatewayType: 'transitGateway' | 'virtualPrivateGateway' | string;
  associatedGatewayRegion?: string;
  allowedPrefixes: string[];
}
