/**
 * How a snapshot's brokers become documents: the production selector and (once the network is inventoried) the
 * network facts from the path model. Shared by `scan`, `documents` and `paths` so they never disagree.
 */
import type {Config} from '../config';
import type {EvaluateOptions} from '../policy/evaluate';

export interface EvaluationSettings {
  /** On-premises networks (--on-prem-cidr / config); empty = infer from VPN/Direct Connect routes. */
  onPremCidrs?: string[];
}

export function evaluationOptions(config: Config, _settings: EvaluationSettings = {}): EvaluateOptions {
  return {production: config.production};
}
