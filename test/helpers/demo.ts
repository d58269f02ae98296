/** The bundled demo estate (fixtures/demo/inventory.json) scanned as `mq-audit scan --inventory` does. */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {runScan, type ScanOutcome} from '../../src/services/scan';
import type {Policy} from '../../src/policy/types';
import type {Snapshot} from '../../src/snapshot/types';

export const DEMO_INVENTORY = join(__dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');

/** A fresh copy of the demo estate, for a test to alter and write elsewhere. */
export function readDemoInventory(): Snapshot {
  return JSON.parse(readFileSync(DEMO_INVENTORY, 'utf8')) as Snapshot;
}

/** A built-in policy file as it is on disk (`policies/<id>.json`), for a test to alter into a custom policy. */
export function readBuiltInPolicy(id: string): Policy & {$schema?: string} {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'policies', `${id}.json`), 'utf8')) as Policy & {
    $schema?: string;
  };
}

/**
 * Scans the demo estate from an empty working directory (no .mq-audit/ config or suppressions of the repository
 * can change the outcome), with the built-in policies, gated at low. `dir` is that directory, for the test's own
 * files; `remove()` deletes it.
 */
export async function scanDemo(): Promise<ScanOutcome & {dir: string; remove: () => void}> {
  const dir = mkdtempSync(join(tmpdir(), 'mq-audit-demo-'));
  const outcome = await runScan({
    source: {file: DEMO_INVENTORY},
    policyPaths: [],
    include: [],
    exclude: [],
    config: {defaults: {}},
    failOn: 'low',
    cwd: dir,
  });
  return {...outcome, dir, remove: () => rmSync(dir, {recursive: true, force: true})};
}
