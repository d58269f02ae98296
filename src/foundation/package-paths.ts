import {resolve} from 'node:path';

/** The package root, from src/ under ts-jest and from dist/ when built. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const BUILT_IN_POLICIES = resolve(PACKAGE_ROOT, 'policies');
export const SCHEMAS = resolve(PACKAGE_ROOT, 'schemas');
export const DEFAULT_CONFIG_FILE = '.mq-audit/config.json';
