/**
 * The inventory collector's entry point: the service loads it with `await import('../inventory')` so that
 * commands (and `--help`) never load @aws-sdk/*. Everything here is plain data; no SDK type leaves.
 */
export {collectInventory, DEFAULT_CONCURRENCY} from './collect';
export type {CollectOptions, CollectionProgress} from './collect';
export type {AccountOptions} from './accounts';
export {classifyAwsError} from './errors';
export type {ClassifiedError} from './errors';
