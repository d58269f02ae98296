/**
 * EXTENSION POINT — network collection (EC2 VPC objects, Direct Connect) around the brokers of one region.
 * Owned by the network-collector work; this stub returns `undefined`, which leaves `RegionInventory.network`
 * absent ("not collected").
 *
 * Contract for the implementation:
 *   - called once per region where Amazon MQ is offered, after the brokers (`brokers` is null when
 *     ListBrokers failed: collect region-wide or give up, but do not pretend there are no brokers);
 *   - get clients from `clients.ec2(ctx.region)` / `clients.directConnect(ctx.region)` (cached, retrying);
 *   - push a CollectionError (see `toCollectionError` in ./errors) for every failed call and set the
 *     affected collection to null; never drop an error or substitute a default;
 *   - page with `drainPaginator` (SDK paginators, max page size) or `loopNextToken` (Direct Connect) from
 *     ./paginate; add every new `*Command` / `paginate*` to iam/mq-audit-readonly.json
 *     (test/inventory/iam-policy.test.ts checks it).
 */
import type {Broker, CollectionError} from '../snapshot/types';
import type {RegionNetwork} from '../snapshot/network';
import type {AwsClients} from './clients';
import type {RegionContext} from './context';

export async function collectRegionNetwork(
  _clients: AwsClients,
  _ctx: RegionContext,
  _brokers: Broker[] | null,
  _errors: CollectionError[],
): Promise<RegionNetwork | undefined> {
  return undefined;
}
