/** Evaluates every selected policy against every broker of a snapshot. */
import type {Broker, Snapshot} from '../snapshot/types';
import {buildBrokerDocument, type BrokerDocument, DEFAULT_PRODUCTION_SELECTOR, type ProductionSelector} from './document';
import {evaluatePolicy, resourceOf} from './evaluator';
import type {CompiledPolicy} from './loader';
import type {Evaluation} from './types';

export interface BrokerInScope {
  broker: Broker;
  accountId: string;
  partition: string;
  region: string;
}

export interface EvaluateOptions {
  production?: ProductionSelector;
  /** Network facts for a broker (the path model); absent when the network was not inventoried. */
  networkFacts?: (scope: BrokerInScope) => {facts: unknown; unknown?: Record<string, string>} | undefined;
}

export function brokersOf(snapshot: Snapshot): BrokerInScope[] {
  return snapshot.accounts.flatMap((account) =>
    account.regions.flatMap((region) => (region.brokers ?? []).map((broker) => ({broker, accountId: account.accountId, partition: account.partition, region: region.region}))));
}

export function brokerDocuments(snapshot: Snapshot, options: EvaluateOptions = {}): BrokerDocument[] {
  return brokersOf(snapshot).map((scope) =>
    buildBrokerDocument(scope.broker, {
      accountId: scope.accountId,
      partition: scope.partition,
      region: scope.region,
      errors: snapshot.errors.filter((e) => e.accountId === scope.accountId && e.region === scope.region),
      production: options.production ?? DEFAULT_PRODUCTION_SELECTOR,
      asOf: snapshot.collectedAt,
      network: options.networkFacts?.(scope),
    }));
}

export function evaluateSnapshot(snapshot: Snapshot, policies: CompiledPolicy[], options: EvaluateOptions = {}): Evaluation[] {
  const results: Evaluation[] = [];
  for (const document of brokerDocuments(snapshot, options)) {
    const resource = resourceOf(document);
    for (const policy of policies) results.push(evaluatePolicy(policy, document, resource));
  }

  return results;
}
