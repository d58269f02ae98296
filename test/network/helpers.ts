/** Loading the network fixture topologies and reading the model's answers in test-friendly shapes. */
import {join} from 'node:path';
import {buildNetworkModel} from '../../src/network';
import type {BrokerNetworkFacts, Independence, NetworkPath, OnPremNetworkFacts} from '../../src/network/facts';
import {readSnapshot} from '../../src/snapshot/read';
import type {Broker, Snapshot} from '../../src/snapshot/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'network');

/** The canonical topology, read and checked as `scan --inventory` would read it. */
export function topology(name: string): Snapshot {
  return readSnapshot(join(FIXTURES, name, 'inventory.json'));
}

export interface BrokerAnswer {
  broker: Broker;
  facts: BrokerNetworkFacts;
  unknown: Record<string, string>;
}

/** The model's answer for every broker of the snapshot (first account and region unless named). */
export function analyze(snapshot: Snapshot, onPremCidrs: string[] = [], independence?: Independence): BrokerAnswer[] {
  const model = buildNetworkModel(snapshot, {onPremCidrs, ...(independence && {independence})});
  const answers: BrokerAnswer[] = [];
  for (const account of snapshot.accounts) {
    for (const region of account.regions) {
      for (const broker of region.brokers ?? []) {
        const answer = model.factsFor({
          broker,
          accountId: account.accountId,
          partition: account.partition,
          region: region.region,
        });
        if (answer) answers.push({broker, ...answer});
      }
    }
  }

  return answers;
}

export function onlyBroker(snapshot: Snapshot, onPremCidrs: string[] = [], independence?: Independence): BrokerAnswer {
  const answers = analyze(snapshot, onPremCidrs, independence);
  if (answers.length !== 1) throw new Error(`expected one analyzed broker, got ${answers.length}`);
  return answers[0];
}

export function network(facts: BrokerNetworkFacts, cidr: string): OnPremNetworkFacts {
  const found = facts.onPrem.networks.find((n) => n.cidr === cidr);
  if (!found) throw new Error(`no network ${cidr} in ${facts.onPrem.networks.map((n) => n.cidr).join(', ')}`);
  return found;
}

/** A path in one line: subnet, block, via, link, status, break (kind@hop:id). */
export function pathLine(path: NetworkPath): string {
  const block = path.excluding ? `${path.destination} except ${path.excluding.join(',')}` : path.destination;
  const breaks = path.breakPoint ? ` ${path.breakPoint.kind}@${path.breakPoint.hop}:${path.breakPoint.id}` : '';
  return `${path.subnetId} ${block} ${path.via}${path.linkId ? ` ${path.linkId}` : ''} ${path.status}${breaks}`;
}

/** Hop kinds in order, return-direction hops marked with `<`. */
export function hopKinds(path: NetworkPath): string[] {
  return path.hops.map((h) => (h.direction === 'return' ? `<${h.kind}` : h.kind));
}

export function hopOf(path: NetworkPath, kind: string, direction?: 'return') {
  const hop = path.hops.find((h) => h.kind === kind && h.direction === direction);
  if (!hop) throw new Error(`no ${kind} hop${direction ? ' (return)' : ''} in ${hopKinds(path).join(' → ')}`);
  return hop;
}

/** Deep copy for variants: the canonical fixture stays untouched. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
