/**
 * Work shared between brokers: brokers in the same subnets behind the same groups share every hop but their own,
 * and the per-scope memo, bounded to the most recent account-regions, gives the same answers when a scope is
 * analyzed again after being dropped.
 */
import {buildNetworkModel} from '../../src/network';
import type {AccountInventory, Snapshot} from '../../src/snapshot/types';
import {variantOf} from './builder';

const DC = '10.100.0.0/16';

function withTwin(): Snapshot {
  return variantOf('vgw-vpn-both-up', ({snapshot, broker}) => {
    const twin = structuredClone(broker);
    twin.id = 'b-twin0000-0000-4000-8000-000000000001';
    twin.name = 'orders-amq-twin';
    twin.arn = broker.arn.replace(broker.id, twin.id).replace(`:broker:${broker.name}:`, ':broker:orders-amq-twin:');
    snapshot.accounts[0].regions[0].brokers!.push(twin);
  });
}

describe('brokers sharing subnets and security groups', () => {
  const snapshot = withTwin();
  const account = snapshot.accounts[0];
  const region = account.regions[0];
  const [first, twin] = region.brokers!;
  const model = buildNetworkModel(snapshot, {onPremCidrs: [DC]});
  const factsOf = (broker: typeof first) =>
    model.factsFor({broker, accountId: account.accountId, partition: account.partition, region: region.region})!.facts;
  const a = factsOf(first);
  const b = factsOf(twin);

  it('gives each broker its own broker hop in every path', () => {
    const brokerHops = (facts: typeof a) =>
      facts.onPrem.networks.flatMap((n) => n.paths.flatMap((p) => p.hops.filter((h) => h.kind === 'broker')));
    expect(brokerHops(a).length).toBeGreaterThan(0);
    expect(new Set(brokerHops(a).map((h) => h.id))).toEqual(new Set([first.id]));
    expect(new Set(brokerHops(b).map((h) => h.id))).toEqual(new Set([twin.id]));
    expect(brokerHops(b).every((h) => h.arn === twin.arn && h.reason.startsWith('orders-amq-twin '))).toBe(true);
  });

  it('shares every other hop (the same objects) and agrees on the verdicts', () => {
    const pathsA = a.onPrem.networks.flatMap((n) => n.paths);
    const pathsB = b.onPrem.networks.flatMap((n) => n.paths);
    expect(pathsB).toHaveLength(pathsA.length);
    pathsA.forEach((path, i) => {
      path.hops.forEach((hop, j) => {
        if (hop.kind !== 'broker') expect(pathsB[i].hops[j]).toBe(hop);
      });
    });
    expect(b.onPrem.verdict).toBe(a.onPrem.verdict);
    expect(b.internetIngress).toEqual(a.internetIngress);
  });
});

describe('the memo bounded to recent account-regions', () => {
  it('answers the same for a scope analyzed again after twenty others pushed it out', () => {
    const base = variantOf('vgw-vpn-both-up');
    const template = base.accounts[0];
    const ids = Array.from({length: 20}, (_, i) => String(200000000000 + i));
    // Same topology in twenty accounts: the account id is part of every ARN and key.
    const snapshot: Snapshot = {
      ...base,
      accounts: ids.map(
        (id) => JSON.parse(JSON.stringify(template).replaceAll(template.accountId, id)) as AccountInventory,
      ),
    };
    const model = buildNetworkModel(snapshot, {onPremCidrs: [DC]});
    const answer = (account: Snapshot['accounts'][number]) => {
      const region = account.regions[0];
      return model.factsFor({
        broker: region.brokers![0],
        accountId: account.accountId,
        partition: account.partition,
        region: region.region,
      })!;
    };

    const firstTime = JSON.stringify(answer(snapshot.accounts[0]));
    for (const account of snapshot.accounts.slice(1)) answer(account);
    expect(JSON.stringify(answer(snapshot.accounts[0]))).toBe(firstTime);
    expect(JSON.stringify(answer(snapshot.accounts[19]))).toBe(firstTime.replaceAll(ids[0], ids[19]));
  });
});
