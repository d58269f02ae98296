/** Plain JSON values as `terraform show -json` writes them, and small guards to read them without `any`. */
export type Json = Json[] | boolean | number | string | null | {[key: string]: Json};
export type JsonObject = {[key: string]: Json};

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const member = value[key];
  return isObject(member) ? member : undefined;
}

export function arrayAt(value: unknown, key: string): Json[] | undefined {
  if (!isObject(value)) return undefined;
  const member = value[key];
  return Array.isArray(member) ? member : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const member = value[key];
  return typeof member === 'string' ? member : undefined;
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: number | string): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
