/**
 * Network collection (EC2 VPC objects, Direct Connect) around the brokers of one region, and the account-level
 * Direct Connect gateways.
 *
 * Contract:
 *   - `collectRegionNetwork` is called once per region where Amazon MQ is offered, after the brokers:
 *       brokers = []                 → undefined (nothing to inventory around; no call);
 *       brokers = null (ListBrokers failed) or no broker could be described
 *                                    → every collection null, no call (the MQ error explains them: we do not
 *                                      know which VPCs matter, and do not pretend there are none);
 *       otherwise                    → ec2-network.ts (filtered by the brokers' subnet and security group ids)
 *                                      and directconnect.ts (region-wide) in parallel.
 *   - `collectAccountNetwork` is called once per account after its regions, for the global Direct Connect
 *     gateways (read through the first region with described brokers; nothing is read when there is none).
 *   - every failed call is a CollectionError in `errors` and its collection is null; nothing is defaulted.
 *
 * Calls per region with brokers (single pages; each paged call at its largest MaxResults):
 *   EC2: 1 each of DescribeSubnets, DescribeSecurityGroups, DescribeSecurityGroupRules, DescribeNetworkAcls,
 *        DescribeNetworkInterfaces, DescribeVpnGateways, DescribeCustomerGateways, DescribeVpnConnections,
 *        DescribeVpcs, DescribeRouteTables, DescribeInternetGateways, DescribeNatGateways;
 *        1 each of DescribeTransitGateways, DescribeTransitGatewayAttachments, DescribeTransitGatewayRouteTables
 *        when the route tables point at a TGW (T ≥ 1), DescribeVpcPeeringConnections when they point at a peering,
 *        DescribeManagedPrefixLists when a route or rule names a prefix list (L ≥ 1);
 *        R_tgw × (SearchTransitGatewayRoutes + GetTransitGatewayRouteTablePropagations) for the R_tgw route tables
 *        of those TGWs; L × GetManagedPrefixListEntries.
 *   Direct Connect: DescribeConnections, DescribeLags, DescribeVirtualInterfaces; then DescribeLocations (the
 *        locations' names, display only) when the region has a connection or LAG.
 *   Per account: DescribeDirectConnectGateways + G × (DescribeDirectConnectGatewayAssociations +
 *        DescribeDirectConnectGatewayAttachments) for G gateways.
 *   Every id-filtered EC2 call costs ⌈ids/100⌉ calls; every call costs one more per further page.
 */
import type {RegionNetwork} from '../snapshot/network';
import type {AccountInventory, Broker, CollectionError, RegionInventory} from '../snapshot/types';
import type {AwsClients} from './clients';
import type {RegionContext} from './context';
import {collectDirectConnectGateways, collectDirectConnectRegion} from './directconnect';
import {collectEc2Network} from './ec2-network';
import type {BrokerNetworkScope} from './ec2-network';
import {unique} from './shapes';

export async function collectRegionNetwork(
  clients: AwsClients,
  ctx: RegionContext,
  brokers: Broker[] | null,
  errors: CollectionError[],
): Promise<RegionNetwork | undefined> {
  if (brokers !== null && brokers.length === 0) return undefined;
  if (!hasDescribedBrokers(brokers)) return uncollectedNetwork();

  const [ec2, directConnect] = await Promise.all([
    collectEc2Network(clients.ec2(ctx.region), ctx.region, brokerNetworkScope(brokers), ctx.concurrency, errors),
    collectDirectConnectRegion(clients.directConnect(ctx.region), ctx.region, errors),
  ]);
  return {...ec2, ...directConnect};
}

/**
 * The account's global Direct Connect gateways, read once through the endpoint of `accountNetworkRegion`:
 * `{directConnectGateways: null}` when they could not be listed (see `errors`), `{}` when no region has
 * described brokers (nothing is read). Spread into the AccountInventory.
 */
export async function collectAccountNetwork(
  clients: AwsClients,
  regions: readonly RegionInventory[],
  concurrency: number,
  errors: CollectionError[],
): Promise<Pick<AccountInventory, 'directConnectGateways'>> {
  const region = accountNetworkRegion(regions);
  if (region === undefined) return {};
  return {
    directConnectGateways: await collectDirectConnectGateways(
      clients.directConnect(region),
      region,
      concurrency,
      errors,
    ),
  };
}

/**
 * Where to read the account's global Direct Connect data: the first region (in scan order, so two runs agree)
 * whose brokers could be described; undefined when there is none.
 */
export function accountNetworkRegion(regions: readonly RegionInventory[]): string | undefined {
  return regions.find((region) => region.network !== undefined && hasDescribedBrokers(region.brokers))?.region;
}

/** The subnet and security group ids of the brokers DescribeBroker answered for. */
export function brokerNetworkScope(brokers: readonly Broker[]): BrokerNetworkScope {
  const details = brokers.flatMap((broker) => (broker.details ? [broker.details] : []));
  return {
    subnetIds: unique(details.flatMap((d) => d.subnetIds)),
    securityGroupIds: unique(details.flatMap((d) => d.securityGroups)),
  };
}

function hasDescribedBrokers(brokers: readonly Broker[] | null): brokers is Broker[] {
  return brokers !== null && brokers.some((broker) => broker.details !== null);
}

/** Every collection unknown: the brokers (and so their VPCs) could not be read. */
function uncollectedNetwork(): RegionNetwork {
  return {
    vpcs: null,
    subnets: null,
    routeTables: null,
    securityGroups: null,
    securityGroupRules: null,
    networkAcls: null,
    prefixLists: null,
    internetGateways: null,
    natGateways: null,
    vpnGateways: null,
    customerGateways: null,
    vpnConnections: null,
    transitGateways: null,
    transitGatewayAttachments: null,
    transitGatewayRouteTables: null,
    vpcPeeringConnections: null,
    networkInterfaces: null,
    dxConnections: null,
    dxLags: null,
    dxVirtualInterfaces: null,
  };
}
