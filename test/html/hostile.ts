/** A copy of the demo estate whose names, tags and EC2 Name tags are hostile markup and control characters. */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {ROOT} from '../helpers/cli';

export const DEMO = join(ROOT, 'fixtures', 'demo', 'inventory.json');
export const SCRIPT_TAG = '<script>alert(1)</script>';
export const IMG_ATTR = '"><img src=x onerror=alert(2)>';
/** An OSC 8 link, a screen clear and a right-to-left override: shown escaped, never raw. */
export const TERMINAL = '\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007\u001b[2J';
export const BIDI = '\u202Eevil\u202C';
/** `\\N` would be the node's name inside a Graphviz label if the backslash were not escaped. */
export const HOSTILE_BROKER = `pay\\N${SCRIPT_TAG}${IMG_ATTR}${BIDI}`;
export const HOSTILE_TAG = `team' onmouseover='alert(3)${TERMINAL}`;
export const HOSTILE_TABLE_NAME = `main</text><script>alert(4)</script>&amp;\\N"`;

interface Inventory {
  accounts: {
    regions: {
      brokers: {name: string; details?: {tags?: Record<string, string>}}[] | null;
      network?: {routeTables: {id: string; name?: string}[]};
    }[];
  }[];
}

/** Writes the hostile inventory to a new temporary folder and returns its path. */
export function hostileInventory(): string {
  const inventory = JSON.parse(readFileSync(DEMO, 'utf8')) as Inventory;
  for (const account of inventory.accounts) {
    for (const region of account.regions) {
      for (const broker of region.brokers ?? []) {
        if (broker.name === 'payments-prod') broker.name = HOSTILE_BROKER;
        if (broker.details?.tags?.Owner) broker.details.tags.Owner = HOSTILE_TAG;
        if (broker.details?.tags && broker.name === 'billing-prod') broker.details.tags[`${SCRIPT_TAG}key`] = IMG_ATTR;
      }

      for (const table of region.network?.routeTables ?? [])
        if (table.name === 'payments-prod-main') table.name = HOSTILE_TABLE_NAME;
    }
  }

  const file = join(mkdtempSync(join(tmpdir(), 'mq-audit-html-')), 'hostile.json');
  writeFileSync(file, JSON.stringify(inventory));
  return file;
}
