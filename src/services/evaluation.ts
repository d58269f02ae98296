/**
 * How a snapshot's brokers become documents: the production selector and the network facts from the path model.
 * Shared by `scan`, `documents` and `paths` so they never disagree.
 */
import {type Config, networkSettings} from './config';
import {buildNetworkModel, type NetworkModel, type NetworkModelOptions} from '../network';
import type {EvaluateOptions} from '../policy/evaluate';
import type {Snapshot} from '../snapshot/types';

export interface EvaluationSettings {
  /** On-premises networks (--on-prem-cidr / config, validated); empty = inferred from VPN/Direct Connect routes. */
  onPremCidrs?: string[];
  /** Judging a change: the networks each broker's routes led to on the deployed estate (NetworkModelOptions). */
  carriedNetworks?: NetworkModelOptions['carriedNetworks'];
}

/** The evaluation options, and the network model behind them (the report reuses it for SARIF path hops). */
export function evaluationOptions(
  snapshot: Snapshot,
  config: Config,
  settings: EvaluationSettings = {},
): EvaluateOptions & {model: NetworkModel} {
  const model = buildNetworkModel(snapshot, {
    onPremCidrs: settings.onPremCidrs ?? [],
    ...(settings.carriedNetworks && {carriedNetworks: settings.carriedNetworks}),
    ...networkSettings(config),
  });
  return {
    model,
    production: config.production,
    // Not collected is unknown, not absent: the network policies then say why they could not be evaluated.
    networkFacts: (scope) => {
      // A proposed broker whose subnets or security groups are known only after apply has no path to judge.
      const planned = scope.broker.planned?.unknown;
      const unknownPlacement = planned?.['/subnetIds'] ?? planned?.['/securityGroups'];
      if (unknownPlacement !== undefined) return {facts: null, unknown: {'/network': unknownPlacement}};
      return (
        model.factsFor(scope) ?? {
          facts: null,
          unknown: {'/network': `the network of account ${scope.accountId} in ${scope.region} is not in the inventory`},
        }
      );
    },
  };
}
