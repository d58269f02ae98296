/**
 * A template synthesized by the CDK (`cdk.out/<Stack>.template.json`) is a plain JSON template. Its assembly's
 * `manifest.json` says more: the stack's environment (`aws://account/region`), and `missing` context lookups,
 * for which the CDK synthesized dummy ids (`vpc-12345`): anything built on them is not the real estate.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

import type {ChangeProblem} from '../../change/types';

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface CdkContext {
  region?: string;
  accountId?: string;
  warnings: ChangeProblem[];
}

export function cdkAssemblyContext(templateFile: string): CdkContext {
  const manifestFile = join(dirname(templateFile), 'manifest.json');
  if (
    !templateFile.endsWith('.template.json') ||
    !existsSync(manifestFile) ||
    statSync(manifestFile).size > MAX_MANIFEST_BYTES
  )
    return {warnings: []};
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return {
      warnings: [
        {
          file: manifestFile,
          message:
            'the CDK assembly manifest next to the template is not valid JSON: its environment and lookups are not read',
        },
      ],
    };
  }

  if (manifest === null || typeof manifest !== 'object') return {warnings: []};
  const record = manifest as {
    missing?: unknown;
    artifacts?: Record<string, {type?: unknown; environment?: unknown; properties?: {templateFile?: unknown}}>;
  };
  const warnings: ChangeProblem[] = [];
  if (Array.isArray(record.missing) && record.missing.length > 0) {
    const keys = record.missing.map((m) =>
      m && typeof m === 'object' && typeof (m as {key?: unknown}).key === 'string' ? (m as {key: string}).key : '?',
    );
    warnings.push({
      file: manifestFile,
      pointer: '/missing',
      message: `the CDK assembly has ${keys.length} missing context lookup(s) (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ' …' : ''}): the template holds dummy ids where the lookups' results belong; run \`cdk synth\` with credentials (or commit cdk.context.json) and judge it again`,
    });
  }

  const artifact = Object.values(record.artifacts ?? {}).find(
    (a) => a?.type === 'aws:cloudformation:stack' && a.properties?.templateFile === basename(templateFile),
  );
  const environment =
    typeof artifact?.environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment) : null;
  const accountId = environment && /^\d{12}$/.test(environment[1]) ? environment[1] : undefined;
  const region = environment && environment[2] !== 'unknown-region' ? environment[2] : undefined;
  return {...(region && {region}), ...(accountId && {accountId}), warnings};
}
