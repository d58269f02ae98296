/** What every resource translator gets and returns. */
import {partitionOfRegion} from '../../network/arn';
import type {ItemKind, ItemValues, PlannedItem} from '../../change/types';
import type {PlanInstance} from './references';
import type {Fields, Side} from './values';

/** Read-only facts about the rest of the plan a translator may need (another resource's known values). */
export interface PlanLookup {
  /** The plan's instance with this id, or — for a placeholder id — the created instance it stands for. */
  instanceById(id: string): PlanInstance | undefined;
  /** The region of the side being translated, when the plan says (for ARNs). */
  region?: string;
  /** The account of the side being translated, when an ARN in the plan says. */
  accountId?: string;
  partition: string;
}

/** Turns one side of a change into snapshot items. */
export type Translator = (side: Side, plan: PlanLookup) => PlannedItem[];

/** A planned item of `kind` with the unknowns `fields` recorded. */
export function item<K extends ItemKind>(kind: K, value: ItemValues[K], fields: Fields): PlannedItem {
  return {kind, value, ...fields.unknownMap()} as PlannedItem;
}

/** `{key: value}` when value is defined, else `{}`: keeps optional snapshot fields absent rather than undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V};
}

/** The partition of a region; `aws` when the region is not known. */
export function partitionOf(region: string | undefined): string {
  return region === undefined ? 'aws' : partitionOfRegion(region);
}

/** `arn:partition:service:region:account:…` → its account and region, when it is one. */
export function arnParts(arn: unknown): {partition: string; region: string; accountId: string} | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {partition: parts[1], region: parts[3], accountId: parts[4]};
}
