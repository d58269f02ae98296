/** Flags shared by the commands that read an estate (live or from an inventory file). */
import {Flags} from '@oclif/core';
import type {Config} from '../config';
import {InputError} from '../errors';
import type {LiveOptions} from '../services/inventory';

export const collectionFlags = {
  region: Flags.string({
    char: 'r',
    multiple: true,
    summary: 'AWS region to inventory (repeatable). Defaults to AWS_REGION / AWS_DEFAULT_REGION.',
    helpGroup: 'COLLECTION',
  }),
  'all-regions': Flags.boolean({
    summary: 'Inventory every region enabled for the account; regions where Amazon MQ is not offered are skipped.',
    helpGroup: 'COLLECTION',
  }),
  profile: Flags.string({
    summary: 'Named AWS profile to use (default: the SDK credential chain, i.e. env vars, AWS_PROFILE, SSO, instance role).',
    helpGroup: 'COLLECTION',
  }),
  'endpoint-url': Flags.string({
    summary: 'Send every AWS call to this endpoint (LocalStack, moto, a test server). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> also work.',
    helpGroup: 'COLLECTION',
  }),
};

export const configFlag = {
  config: Flags.string({
    char: 'c',
    summary: 'Config file with the production selector, policy parameters and flag defaults.',
    description: 'Defaults to .mq-audit/config.json in the current folder when that file exists.',
  }),
};

interface CollectionFlagValues {
  region?: string[];
  'all-regions'?: boolean;
  profile?: string;
  'endpoint-url'?: string;
}

/** Live-collection options from flags, then config defaults, then the AWS environment. */
export function liveOptions(flags: CollectionFlagValues, config: Config): LiveOptions {
  const defaults = config.defaults;
  const envRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const regions = flags.region ?? defaults.region ?? (envRegion ? [envRegion] : []);
  const allRegions = flags['all-regions'] ?? defaults['all-regions'] ?? false;
  if (regions.length === 0 && !allRegions) {
    throw new InputError('--region', 'no region given: pass --region REGION (repeatable), --all-regions, or set AWS_REGION; or scan a saved inventory with --inventory FILE');
  }

  for (const region of regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError('--region', `"${region}" is not an AWS region name (e.g. eu-west-1)`);
  }

  return {
    regions,
    allRegions,
    profile: flags.profile ?? defaults.profile,
    endpoint: flags['endpoint-url'] ?? defaults['endpoint-url'],
  };
}
