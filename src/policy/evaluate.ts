/** Evaluates every selected policy against every broker of a snapshot. */
import type {Broker, Snapshot} from '../snapshot/types';
import {
  buildBrokerDocument,
  type BrokerDocument,
  DEFAULT_PRODUCTION_SELECTOR,
  type ProductionSelector,
} from './document';
import {evaluatePolicy, resourceOf} from './evaluator';
import type {CompiledPolicy} from './loader';
import type {SupportCalendar} from './support-calendar';
import type {Evaluation} from './types';

export interface BrokerInScope {
  broker: Broker;
  accountId: string;
  partition: string;
  region: string;
}

export interface EvaluateOptions {
  production?: ProductionSelector;
  /** The engine support calendar (scan --support-calendar); default: the built-in one. */
  supportCalendar?: SupportCalendar;
  /** Network facts for a broker (the path model); absent when the network was not inventoried. */
  networkFacts?: (scope: BrokerInScope) => {facts: unknown; unknown?: Record<string, string>} | undefined;
  /**
   * Called with each broker's results while its document is at hand (scan adds the network hops of failing
   * findings here), so that nothing has to keep or rebuild ten thousand documents afterwards.
   */
  withDocument?: (results: Evaluation[], document: BrokerDocument) => Evaluation[];
}

export function brokersOf(snapshot: Snapshot): BrokerInScope[] {
  return snapshot.accounts.flatMap((account) =>
    account.regions.flatMap((region) =>
      (region.brokers ?? []).map((broker) => ({
        broker,
        accountId: account.accountId,
        partition: account.partition,
        region: region.region,
      })),
    ),
  );
}

export function brokerDocuments(snapshot: Snapshot, options: EvaluateOptions = {}): BrokerDocument[] {
  return [...eachBrokerDocument(snapshot, options)];
}

/** One document at a time: evaluation keeps the results, not ten thousand documents. */
export function* eachBrokerDocument(snapshot: Snapshot, options: EvaluateOptions = {}): Generator<BrokerDocument> {
  const errorsByScope = new Map<string, Snapshot['errors']>();
  for (const error of snapshot.errors) {
    const key = `${error.accountId}|${error.region}`;
    const list = errorsByScope.get(key);
    if (list) list.push(error);
    else errorsByScope.set(key, [error]);
  }

  for (const scope of brokersOf(snapshot)) {
    yield buildBrokerDocument(scope.broker, {
      accountId: scope.accountId,
      partition: scope.partition,
      region: scope.region,
      errors: errorsByScope.get(`${scope.accountId}|${scope.region}`) ?? [],
      production: options.production ?? DEFAULT_PRODUCTION_SELECTOR,
      asOf: snapshot.collectedAt,
      ...(options.supportCalendar && {supportCalendar: options.supportCalendar}),
      network: options.networkFacts?.(scope),
    });
  }
}

export function evaluateSnapshot(
  snapshot: Snapshot,
  policies: CompiledPolicy[],
  options: EvaluateOptions = {},
): Evaluation[] {
  const results: Evaluation[] = [];
  for (const document of eachBrokerDocument(snapshot, options)) {
    const resource = resourceOf(document);
    const own = policies.map((policy) => evaluatePolicy(policy, document, resource));
    for (const result of options.withDocument ? options.withDocument(own, document) : own) results.push(result);
  }

  return results;
}
