/**
 * Helpers shared by the EC2 and Direct Connect mappers (ec2-shapes.ts, directconnect.ts): required ids,
 * omit-when-absent fields, and the error that marks a response as malformed.
 */

/** An item lacks the fields that identify it; its whole collection is then unusable (see the mappers). */
export class MissingFieldsError extends Error {
  override readonly name = 'MissingFieldsError';
  constructor(
    readonly what: string,
    readonly resource: string | undefined,
    readonly missing: string[],
  ) {
    super(`${what}${resource ? ` in ${resource}` : ''} lacks ${missing.join(', ')}`);
  }
}

type Required<F> = {[K in keyof F]-?: Exclude<F[K], undefined>};

/** Returns `fields` when none is undefined or empty; throws MissingFieldsError naming the missing ones otherwise. */
export function requireFields<F extends Record<string, unknown>>(
  what: string,
  resource: string | undefined,
  fields: F,
): Required<F> {
  const missing = Object.entries(fields)
    .filter(([, value]) => value === undefined || value === '')
    .map(([name]) => name);
  if (missing.length > 0) throw new MissingFieldsError(what, resource || undefined, missing);
  return fields as Required<F>;
}

export function defined<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/** `{key: value}`, or `{}` when AWS did not return the value (the snapshot omits what it was not told). */
export function optional<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V};
}

/** Like `optional`, for lists that AWS sends empty or not at all. */
export function optionalList<K extends string, V>(key: K, values: V[]): {[P in K]?: V[]} {
  return (values.length === 0 ? {} : {[key]: values}) as {[P in K]?: V[]};
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The SDK gives Date objects; strings are accepted so recorded fixtures read the same. */
export function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
