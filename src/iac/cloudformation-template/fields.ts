/**
 * Reading evaluated resource properties into snapshot fields. CloudFormation coerces scalars for typed properties
 * (`FromPort: "5671"` is a number, `PubliclyAccessible: "true"` a boolean), and so does this. An unknown value is
 * recorded under the item's `unknown` (JSON pointer into the item → reason) and read as a neutral stand-in.
 */
import {InputError} from '../../foundation/errors';
import {childPointer, placeOf} from './places';
import {Unknown, isUnknown, isValueMap} from './values';
import type {Value, ValueMap} from './values';

/** Where a property error is reported: the template file and its lines. */
export interface FieldSource {
  file: string;
  lines: ReadonlyMap<string, number>;
}

export class Fields {
  constructor(
    private readonly source: FieldSource,
    /** The evaluated map, or the reason the whole map is unknown. */
    private readonly map: ValueMap | Unknown | undefined,
    /** Template pointer of the map (`/Resources/X/Properties`). */
    readonly pointer: string,
    /** The item's unknown fields, filled as fields are read. */
    readonly unknown: Record<string, string>,
  ) {}

  has(name: string): boolean {
    return isUnknown(this.map) || (this.map !== undefined && this.map[name] !== undefined && this.map[name] !== null);
  }

  raw(name: string): Value | undefined {
    if (isUnknown(this.map)) return this.map;
    const value = this.map?.[name];
    return value === null ? undefined : value;
  }

  /** A nested map (`Logs`, `EncryptionOptions`); absent reads as empty. */
  child(name: string): Fields {
    const value = this.raw(name);
    const pointer = childPointer(this.pointer, name);
    if (value !== undefined && !isUnknown(value) && !isValueMap(value)) throw this.expected('a map', name);
    return new Fields(this.source, value, pointer, this.unknown);
  }

  /** The same reader filling another item's unknown fields. */
  forItem(unknown: Record<string, string>): Fields {
    return new Fields(this.source, this.map, this.pointer, unknown);
  }

  string(name: string, at: string): string | undefined {
    return this.scalar(
      name,
      at,
      '',
      (value) =>
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined,
      'a string',
    );
  }

  number(name: string, at: string): number | undefined {
    return this.scalar(
      name,
      at,
      0,
      (value) =>
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
            ? Number(value)
            : undefined,
      'a number',
    );
  }

  boolean(name: string, at: string): boolean | undefined {
    const parse = (value: Value): boolean | undefined =>
      typeof value === 'boolean'
        ? value
        : typeof value === 'string' && /^(true|false)$/i.test(value)
          ? value.toLowerCase() === 'true'
          : undefined;
    return this.scalar(name, at, false, parse, 'true or false');
  }

  /** A list of strings; an unknown member is recorded at its index, an unknown list at `at`. */
  strings(name: string, at: string): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (isUnknown(value)) {
      this.unknown[at] = value.describe();
      return [];
    }

    if (!Array.isArray(value)) throw this.expected('a list', name);
    return value.map((member, i) => {
      if (isUnknown(member)) {
        this.unknown[`${at}/${i}`] = member.describe();
        return '';
      }

      if (typeof member === 'string' || typeof member === 'number') return String(member);
      throw this.expected('a list of strings', `${name}/${i}`);
    });
  }

  /** A list of maps (`SecurityGroupIngress`, `Tags`); an unknown list is recorded at `at` and reads as empty. */
  maps(name: string, at: string): Fields[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    if (isUnknown(value)) {
      this.unknown[at] = value.describe();
      return [];
    }

    if (!Array.isArray(value)) throw this.expected('a list', name);
    return value.map((member, i) => {
      if (member !== null && !isUnknown(member) && !isValueMap(member))
        throw this.expected('a list of maps', `${name}/${i}`);
      return new Fields(this.source, member ?? undefined, `${childPointer(this.pointer, name)}/${i}`, this.unknown);
    });
  }

  /** Marks a field unknown for a reason of the reader's own (a default the template leaves to AWS). */
  markUnknown(at: string, reason: string): void {
    this.unknown[at] = `${reason} (${this.pointer.replace(/^\//, '')})`;
  }

  /** An InputError about a property: a required one missing, or a value of the wrong shape. */
  expected(what: string, name: string): InputError {
    return new InputError(
      this.source.file,
      `${name.split('/')[0]}: expected ${what}`,
      placeOf(childPointer(this.pointer, name), this.source.lines),
    );
  }

  private scalar<T>(
    name: string,
    at: string,
    standIn: T,
    parse: (value: Value) => T | undefined,
    what: string,
  ): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (isUnknown(value)) {
      this.unknown[at] = value.describe();
      return standIn;
    }

    const parsed = parse(value);
    if (parsed === undefined) throw this.expected(what, name);
    return parsed;
  }
}

/** `Tags: [{Key, Value}]` → a map; an unknown value is recorded at `/…/tags/<key>`. */
export function tagMap(fields: Fields, at: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of fields.maps('Tags', at)) {
    const key = tag.string('Key', at);
    if (key === undefined || key === '') continue;
    tags[key] = tag.string('Value', childPointer(at, key)) ?? '';
  }

  return tags;
}

/** The `Name` tag, the name EC2 objects show. */
export function nameTag(fields: Fields, at: string): string | undefined {
  return tagMap(fields, at).Name;
}
