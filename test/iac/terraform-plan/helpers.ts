/** Reading the fixture plans (test/fixtures/plans) and finding what the reader made of them. */
import {join} from 'node:path';

import type {ItemKind, ItemValues, PlannedItem, ProposedChange, ResourceEdit} from '../../../src/change/types';
import {readTerraformPlan} from '../../../src/iac/terraform-plan';

export const PLANS = join(__dirname, '..', '..', 'fixtures', 'plans');

export function readFixturePlan(name: string): ProposedChange {
  return readTerraformPlan(join(PLANS, name));
}

/** The only edit of `address` (and `action`, when given); fails the test when there is not exactly one. */
export function editOf(change: ProposedChange, address: string, action?: ResourceEdit['action']): ResourceEdit {
  const found = change.edits.filter((e) => e.address === address && (action === undefined || e.action === action));
  if (found.length !== 1)
    throw new Error(
      `expected one edit of ${address}${action ? ` (${action})` : ''}, found ${found.length}: ${change.edits.map((e) => `${e.address} ${e.action}`).join('; ')}`,
    );
  return found[0];
}

/** The items of `kind` in a list of planned items. */
export function itemsOf<K extends ItemKind>(
  items: PlannedItem[],
  kind: K,
): {value: ItemValues[K]; unknown?: Record<string, string>}[] {
  return items.filter((i) => i.kind === kind) as unknown as {value: ItemValues[K]; unknown?: Record<string, string>}[];
}

/** The only item of `kind`. */
export function onlyItem<K extends ItemKind>(
  items: PlannedItem[],
  kind: K,
): {value: ItemValues[K]; unknown?: Record<string, string>} {
  const found = itemsOf(items, kind);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} item, found ${found.length} among ${items.map((i) => i.kind).join(', ')}`);
  return found[0];
}
