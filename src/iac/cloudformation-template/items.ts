/** What translators share: the input they read, the shape they return, and small helpers for building items. */
import type {ItemKind, ItemValues, PlannedItem} from '../../change/types';
import type {Fields} from './fields';

/** One present resource of the template, evaluated, as a translator sees it. */
export interface ResourceInput {
  logicalId: string;
  type: string;
  /** `stack/LogicalId` or the logical id. */
  address: string;
  /** The deployed physical id, or the placeholder of a created resource. */
  id: string;
  /** Set for a resource of the deployed stack (an update). */
  deployed?: {id: string; arn?: string};
  /** The `Properties`; the main item's unknown fields are collected in `fields.unknown`. */
  fields: Fields;
  stackName?: string;
  region?: string;
  accountId?: string;
  partition?: string;
  /** Another present resource of the template, by its id (physical or placeholder). */
  resourceById(id: string): {type: string; fields: Fields} | undefined;
}

export interface Translation {
  items: PlannedItem[];
  /** Property paths whose values were dropped as secrets (`Users.0.Password`). */
  sensitive?: string[];
}

export type Translator = (input: ResourceInput) => Translation;

/** A field the template cannot define for a deployed object: the overlay keeps the deployed value. */
export const NOT_IN_TEMPLATE = 'not in the template: kept from the deployed object';

/** An item with its unknown fields, when there are any. */
export function planned<K extends ItemKind>(
  kind: K,
  value: ItemValues[K],
  unknown: Record<string, string>,
): PlannedItem {
  return (Object.keys(unknown).length > 0 ? {kind, value, unknown: {...unknown}} : {kind, value}) as PlannedItem;
}

/** A required string property; missing is bad input (CloudFormation refuses the template too). */
export function required(fields: Fields, name: string, at: string): string {
  const value = fields.string(name, at);
  if (value === undefined) throw fields.expected('a value (the property is required)', name);
  return value;
}

/** Keeps only the set fields, so items carry no `undefined` members. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The VPC of a subnet, route table or security group defined in this template, when it says. */
export function vpcOfTemplateResource(input: ResourceInput, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const other = input.resourceById(id);
  if (other === undefined) return undefined;
  const vpcId = other.fields.forItem({}).string('VpcId', '/vpcId');
  return vpcId === '' ? undefined : vpcId;
}
