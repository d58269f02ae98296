/**
 * One side (`before` or `after`) of a resource change, read as tri-state attributes: known, unknown until apply,
 * or absent. Sensitive values are removed before anything reads them; fields read into a snapshot item that are
 * unknown (or withheld as sensitive) are recorded under the item's `unknown` map with a neutral stand-in value.
 */
import {isObject, type Json, type JsonObject, pointerSegment} from './json';

export type AttrPath = readonly (number | string)[];

/** `logs[0].audit`, as Terraform prints attribute paths. */
export function formatAttrPath(path: AttrPath): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text;
}

/**
 * Attribute names whose values are secrets whatever the plan marks: MQ user and LDAP passwords, VPN pre-shared
 * keys and the customer gateway configuration that embeds them, BGP authentication keys. Terraform writes them in
 * cleartext in plan JSON; the markings (`*_sensitive`) are not always complete.
 */
const SECRET_ATTRIBUTE =
  /password|preshared_key|pre_shared_key|auth_key|secret|private_key|customer_gateway_configuration/i;

export function isSecretAttribute(name: string): boolean {
  return SECRET_ATTRIBUTE.test(name);
}

/**
 * A copy of `value` without its sensitive leaves (marked `true` in `mask`, or named like a secret); array positions
 * are kept (a dropped element becomes null). The formatted paths of what was dropped go to `dropped`.
 */
export function redact(
  value: Json | undefined,
  mask: Json | undefined,
  path: AttrPath,
  dropped: Set<string>,
): Json | undefined {
  if (value === undefined) return undefined;
  if (mask === true) {
    if (value !== null) dropped.add(formatAttrPath(path));
    return undefined;
  }

  if (Array.isArray(value)) {
    const masks = Array.isArray(mask) ? mask : [];
    return value.map((element, index) => redact(element, masks[index], [...path, index], dropped) ?? null);
  }

  if (isObject(value)) {
    const masks = isObject(mask) ? mask : {};
    const copy: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (isSecretAttribute(key)) {
        if (member !== null && member !== '') dropped.add(formatAttrPath([...path, key]));
        continue;
      }

      const kept = redact(member, masks[key], [...path, key], dropped);
      if (kept !== undefined) copy[key] = kept;
    }

    return copy;
  }

  return value;
}

export type Attr = {state: 'absent'} | {state: 'known'; value: Json} | {state: 'sensitive'} | {state: 'unknown'};

/** What an unknown id-valued attribute resolves to through the configuration; undefined when it cannot. */
export type IdResolution = {ids: string[]; targets: string[]} | undefined;

export interface Side {
  /** Absolute address of the resource instance. */
  address: string;
  type: string;
  /** Redacted values. */
  values: JsonObject;
  /** `after_unknown` for the after side; `{}` for before (a prior object is wholly known). */
  unknown: Json;
  /** Formatted paths redacted from `values`. */
  sensitive: ReadonlySet<string>;
  /** The object's id on this side: its known `id`, or its placeholder when the change creates it. */
  objectId: string;
  /** Resolves an unknown attribute that holds ids through the configuration (after side only). */
  resolveIds?: (path: AttrPath) => IdResolution;
  /** Top-level attributes the configuration writes (after side, when the plan has configuration). */
  configured?: ReadonlySet<string>;
  /** The change creates this object (create, or the new half of a replace). */
  creates: boolean;
  /** The redacted `before` values, on the after side of an update. */
  previous?: JsonObject;
}

/**
 * Whether the definition manages an attributes-as-blocks collection (`route`, `ingress`, `entry`) inline, which
 * replaces the whole collection at apply. Configuration shows the attribute when written out; a `dynamic` block is
 * not shown there, so an attribute absent from configuration still counts when it is new or changed. Omitted, the
 * provider keeps what exists (the value in the plan is the state's).
 */
export function managesInline(side: Side, name: string): boolean {
  const found = attr(side, [name]);
  if (found.state === 'unknown' || found.state === 'sensitive') return side.configured?.has(name) ?? !side.creates;
  if (found.state !== 'known') return false;
  if (!side.configured || side.configured.has(name)) return true;
  return side.creates || JSON.stringify(side.previous?.[name]) !== JSON.stringify(found.value);
}

/** Reads one attribute of a side. */
export function attr(side: Side, path: AttrPath): Attr {
  let value: Json | undefined = side.values;
  let mask: Json | undefined = side.unknown;
  for (let i = 0; i < path.length; i += 1) {
    const step = path[i];
    if (mask === true) return {state: 'unknown'};
    mask = stepInto(mask, step);
    value = stepInto(value, step);
    if (side.sensitive.has(formatAttrPath(path.slice(0, i + 1)))) return {state: 'sensitive'};
  }

  if (mask === true) return {state: 'unknown'};
  if (value === undefined || value === null) return {state: 'absent'};
  return {state: 'known', value};
}

function stepInto(value: Json | undefined, step: number | string): Json | undefined {
  if (typeof step === 'number') return Array.isArray(value) ? value[step] : undefined;
  return isObject(value) ? value[step] : undefined;
}

/** The known array at `path` (possibly with null elements where the mask says unknown), or undefined. */
export function knownArray(side: Side, path: AttrPath): Json[] | undefined {
  const found = attr(side, path);
  return found.state === 'known' && Array.isArray(found.value) ? found.value : undefined;
}

/** Whether any element of a known list is unknown (`after_unknown` marks it `true`). */
function hasUnknownElement(side: Side, path: AttrPath, length: number): boolean {
  for (let i = 0; i < length; i += 1) if (attr(side, [...path, i]).state === 'unknown') return true;
  return false;
}

/**
 * Reads attributes of one side into the fields of one snapshot item, recording the unknown ones
 * (JSON pointer → reason) as the contract asks.
 */
export class Fields {
  readonly unknown: Record<string, string> = {};

  constructor(readonly side: Side) {}

  /** Records `pointer` as unknown because of `path`. */
  markUnknown(pointer: string, path: AttrPath, why: 'sensitive' | 'unknown' = 'unknown'): void {
    const where = `${this.side.address}.${formatAttrPath(path)}`;
    this.unknown[pointer] ??= why === 'sensitive' ? `sensitive in the plan: ${where}` : `known after apply: ${where}`;
  }

  private settle(found: Attr, pointer: string, path: AttrPath): Json | undefined {
    if (found.state === 'known') return found.value;
    if (found.state === 'unknown' || found.state === 'sensitive') this.markUnknown(pointer, path, found.state);
    return undefined;
  }

  /**
   * A descriptive string no check reads (an owner id, an AZ id): the known value, else omitted without recording
   * it as unknown, as the snapshot omits what AWS did not return.
   */
  descriptive(path: AttrPath): string | undefined {
    const found = attr(this.side, path);
    return found.state === 'known' && typeof found.value === 'string' && found.value !== '' ? found.value : undefined;
  }

  /** A string (numbers are printed); '' when unknown, undefined when absent. */
  string(path: AttrPath, pointer: string): string | undefined {
    const found = attr(this.side, path);
    const value = this.settle(found, pointer, path);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return found.state === 'unknown' || found.state === 'sensitive' ? '' : undefined;
  }

  bool(path: AttrPath, pointer: string): boolean | undefined {
    const found = attr(this.side, path);
    const value = this.settle(found, pointer, path);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return found.state === 'unknown' || found.state === 'sensitive' ? false : undefined;
  }

  /** A number (numeric strings, such as ASNs written as strings, are read as numbers). */
  number(path: AttrPath, pointer: string): number | undefined {
    const found = attr(this.side, path);
    const value = this.settle(found, pointer, path);
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return found.state === 'unknown' || found.state === 'sensitive' ? 0 : undefined;
  }

  /**
   * An id-valued attribute (`subnet_id`, `route_table_id`): known, or resolved through the configuration to the
   * referenced object's id (its placeholder when the change creates it); '' when unknown, undefined when absent.
   */
  id(path: AttrPath, pointer: string): string | undefined {
    const found = attr(this.side, path);
    if (found.state === 'known') return typeof found.value === 'string' && found.value !== '' ? found.value : undefined;
    if (found.state === 'absent') return undefined;
    const resolved = found.state === 'unknown' ? this.side.resolveIds?.(path) : undefined;
    if (resolved && resolved.ids.length === 1) return resolved.ids[0];
    this.markUnknown(pointer, path, found.state);
    return '';
  }

  /** An id list or set (`subnet_ids`, `security_groups`), resolved like `id`; [] when unknown or absent. */
  ids(path: AttrPath, pointer: string): string[] {
    const found = attr(this.side, path);
    if (found.state === 'absent') return [];
    if (found.state === 'sensitive') {
      this.markUnknown(pointer, path, 'sensitive');
      return [];
    }

    const known = found.state === 'known' && Array.isArray(found.value) ? found.value : undefined;
    if (known && !hasUnknownElement(this.side, path, known.length))
      return known.filter((v): v is string => typeof v === 'string');
    // Wholly or partly unknown: the known elements plus what the expression's references resolve to.
    const resolved = this.side.resolveIds?.(path);
    if (resolved) return unique([...(known ?? []).filter((v): v is string => typeof v === 'string'), ...resolved.ids]);
    this.markUnknown(pointer, path);
    return [];
  }

  /** A map of strings (tags). */
  stringMap(path: AttrPath, pointer: string): Record<string, string> | undefined {
    const value = this.settle(attr(this.side, path), pointer, path);
    if (!isObject(value)) return this.unknown[pointer] === undefined ? undefined : {};
    const map: Record<string, string> = {};
    for (const [key, member] of Object.entries(value)) if (typeof member === 'string') map[key] = member;
    return map;
  }

  /** A list of strings that are not ids (CIDRs, hosts); [] when unknown or absent. */
  strings(path: AttrPath, pointer: string): string[] {
    const found = attr(this.side, path);
    const value = this.settle(found, pointer, path);
    if (!Array.isArray(value)) return [];
    if (hasUnknownElement(this.side, path, value.length)) {
      this.markUnknown(pointer, path);
      return [];
    }

    return value.filter((v): v is string => typeof v === 'string');
  }

  /** The number of elements of a known list or set attribute; 0 when unknown (recorded) or absent. */
  length(path: AttrPath, pointer: string): number {
    const found = attr(this.side, path);
    const value = this.settle(found, pointer, path);
    return Array.isArray(value) ? value.length : 0;
  }

  /** Whether the attribute is unknown (without recording it). */
  isUnknown(path: AttrPath): boolean {
    const state = attr(this.side, path).state;
    return state === 'unknown' || state === 'sensitive';
  }

  has(path: AttrPath): boolean {
    return attr(this.side, path).state === 'known';
  }

  /** The item's `unknown` map, when there is anything in it. */
  unknownMap(): {unknown?: Record<string, string>} {
    return Object.keys(this.unknown).length > 0 ? {unknown: this.unknown} : {};
  }
}

export function pointer(...segments: (number | string)[]): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
