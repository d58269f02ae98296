import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {PACKAGE_ROOT} from './package-paths';

/** The tool's name and version as reported in inventories, reports and SARIF. */
export const TOOL = {
  name: 'mq-audit',
  version: (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {version: string}).version,
};
