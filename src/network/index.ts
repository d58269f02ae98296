/**
 * The network path model (pure: no AWS SDK, no oclif). Built once per snapshot; `factsFor` answers per broker
 * with the `network` member of its broker document and the reasons for every null in it. See docs/network.md.
 */
import {InputError} from '../foundation/errors';
import type {Broker, Snapshot} from '../snapshot/types';
import {analyzeBroker, parseNetworks} from './analyze';
import {cidrProblem, formatCidr} from './cidr';
import {
  type BrokerNetworkFacts,
  DEFAULT_INDEPENDENCE,
  type Independence,
  type MissingData,
  type OnPremFacts,
  type OnPremNetworkFacts,
} from './facts';
import {buildIndex, type NetworkIndex, scopeOf} from './lookup';
import type {RequiredPortsRules} from './ports';

export {type RequiredPortsConfig, type RequiredPortsRules, requiredPortsRules} from './ports';

export {cidrProblem} from './cidr';
export type * from './facts';
export {DEFAULT_INDEPENDENCE, NETWORK_FACTS_VERSION} from './facts';

export interface NetworkModelOptions {
  /** On-premises networks (--on-prem-cidr, config); empty: inferred per broker from its subnets' routes. */
  onPremCidrs: string[];
  /**
   * Judging a change with inferred networks: the networks inferred for each broker on the deployed estate. They are
   * judged on the proposed estate too, so deleting the route a network was inferred from makes it unreachable
   * rather than absent.
   */
  carriedNetworks?: (scope: BrokerNetworkScope) => readonly string[];
  /** What counts as a shared failure between paths (config network.independence); default location. */
  independence?: Independence;
  /** The config's network.requiredPorts (services/config); without it, the engine's ports, any one of which passing. */
  requiredPorts?: RequiredPortsRules;
}

export interface BrokerNetworkScope {
  broker: Broker;
  accountId: string;
  partition: string;
  region: string;
}

export interface NetworkModel {
  /** The networks given, normalized; empty when they are inferred. */
  readonly onPremCidrs: string[];
  /** The independence rule the facts were judged with. */
  readonly independence: Independence;
  /**
   * The broker's network facts and, keyed by JSON pointer into the broker document, why each undecidable
   * value is null. Undefined when the network of the broker's region was not collected.
   */
  factsFor(scope: BrokerNetworkScope): {facts: BrokerNetworkFacts; unknown: Record<string, string>} | undefined;
}

/** Where the facts sit in the broker document. */
export const NETWORK_POINTER = '/network';

export function buildNetworkModel(snapshot: Snapshot, options: NetworkModelOptions): NetworkModel {
  const problems = options.onPremCidrs.map((text) => cidrProblem(text)).filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new InputError('--on-prem-cidr', problems.join('; '));
  const networks = parseNetworks(options.onPremCidrs);
  const index: NetworkIndex = buildIndex(snapshot.accounts, snapshot.errors);
  const independence = options.independence ?? DEFAULT_INDEPENDENCE;
  return {
    onPremCidrs: networks.map(formatCidr),
    independence,
    factsFor({broker, accountId, region}) {
      const scope = scopeOf(index, accountId, region);
      if (!scope?.network) return undefined;
      const carried =
        networks.length === 0
          ? parseNetworks(options.carriedNetworks?.({broker, accountId, partition: scope.partition, region}) ?? [])
          : [];
      const facts = analyzeBroker(
        index,
        scope,
        broker,
        networks,
        carried,
        options.requiredPorts?.choose(broker),
        independence,
      );
      return {facts, unknown: unknownPointers(facts)};
    },
  };
}

/** JSON pointer → reason, for every null the facts hold (so a policy that needs one reports `error`). */
export function unknownPointers(facts: BrokerNetworkFacts): Record<string, string> {
  const unknown: Record<string, string> = {};
  const at = (pointer: string, reason: string) => {
    unknown[`${NETWORK_POINTER}${pointer}`] = reason;
  };

  // A broker without subnets (a public RabbitMQ broker) has no VPC: null then is an answer, not a gap.
  if (facts.vpcId === null && (facts.subnets.length > 0 || facts.missing.length > 0))
    at('/vpcId', summarize(facts.missing) ?? 'the broker subnets are not in the inventory');
  addOnPrem(facts.onPrem, facts.missing, at);
  facts.onPrem.networks.forEach((network, i) => addNetwork(network, `/onPrem/networks/${i}`, at));
  const ingress = facts.internetIngress;
  const ingressWhy = summarize(ingress.missing ?? []) ?? 'the security group rules are unknown';
  if (ingress.open === null) at('/internetIngress/open', ingressWhy);
  if (ingress.publiclyAccessible === null) at('/internetIngress/publiclyAccessible', ingressWhy);
  if (ingress.groupsOpen === null) at('/internetIngress/groupsOpen', ingressWhy);
  if (ingress.publicSubnet === null)
    at(
      '/internetIngress/publicSubnet',
      summarize(ingress.missing ?? []) ?? "the broker subnets' route tables are unknown",
    );
  return unknown;
}

function addOnPrem(onPrem: OnPremFacts, all: MissingData[], at: (pointer: string, reason: string) => void): void {
  const why =
    onPrem.note && onPrem.networks.length === 0
      ? onPrem.note
      : (summarize([...(onPrem.missing ?? []), ...onPrem.networks.flatMap((n) => n.missing ?? [])]) ??
        summarize(all) ??
        'data the path model needs is missing');
  if (onPrem.verdict === 'unknown') at('/onPrem/verdict', why);
  if (onPrem.reachable === null) at('/onPrem/reachable', why);
  if (onPrem.redundant === null)
    at('/onPrem/redundant', `whether there are two independent healthy paths is unknown: ${why}`);
}

function addNetwork(network: OnPremNetworkFacts, pointer: string, at: (pointer: string, reason: string) => void): void {
  const why = summarize(network.missing ?? []) ?? 'data the path model needs is missing';
  if (network.verdict === 'unknown') at(`${pointer}/verdict`, `${network.cidr}: ${why}`);
  if (network.reachable === null) at(`${pointer}/reachable`, `${network.cidr}: ${why}`);
  if (network.redundant === null)
    at(`${pointer}/redundant`, `${network.cidr}: whether there are two independent healthy paths is unknown: ${why}`);
}

/** The distinct reasons, at most three, for a one-line message. */
function summarize(missing: readonly MissingData[]): string | undefined {
  const reasons = [...new Set(missing.map((m) => m.reason))];
  if (reasons.length === 0) return undefined;
  const shown = reasons.slice(0, 3).join('; ');
  return reasons.length > 3 ? `${shown} (and ${reasons.length - 3} more)` : shown;
}
