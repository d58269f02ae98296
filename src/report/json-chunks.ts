/**
 * JSON text in pieces, so that a report of ten thousand brokers is never one string: V8 caps a string at about
 * 512 M characters, and holding the whole text next to the objects doubles the memory a scan needs.
 *
 * `jsonChunks(value)` yields exactly `JSON.stringify(value, null, 2)`, piece by piece, except that DEL, C1 controls,
 * bidi and other invisible format characters are written as `\uXXXX` escapes (the same value; safe to print to a
 * terminal, src/foundation/terminal.ts). Two additions, both for
 * large arrays: a `lazy(iterable)` member is written as an array whose items are produced (and can be dropped)
 * one at a time, and `compactDepth` writes every value deeper than that depth on one line (SARIF results: one
 * line each, half the bytes of indented JSON and still diff-friendly).
 */

import {jsonTerminalSafe} from '../foundation/terminal';

const LAZY = Symbol('lazy JSON array');

/** An array written item by item as the JSON is produced; iterated once. */
export interface LazyArray<T> {
  readonly [LAZY]: Iterable<T>;
}

export function lazy<T>(items: Iterable<T>): LazyArray<T> & T[] {
  // Typed as an array too, so that it can stand where the document's type has one; only jsonChunks reads it.
  return {[LAZY]: items} as unknown as LazyArray<T> & T[];
}

/** `lazy` over `map` of each item, applied as the item is written. */
export function lazyMap<T, U>(items: Iterable<T>, map: (item: T) => U): LazyArray<U> & U[] {
  return lazy(mapped(items, map));
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

export interface JsonChunkOptions {
  /** Values nested deeper than this are written on one line (the root is depth 0). Default: never. */
  compactDepth?: number;
}

/** Roughly this many characters per chunk: few enough writes, small enough pieces. */
const CHUNK_CHARS = 1 << 16;

export function* jsonChunks(value: unknown, options: JsonChunkOptions = {}): Generator<string> {
  let buffer = '';
  for (const piece of pieces(toJsonValue(value), 0, '', options.compactDepth ?? Number.POSITIVE_INFINITY)) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      yield jsonTerminalSafe(buffer);
      buffer = '';
    }
  }

  if (buffer !== '') yield jsonTerminalSafe(buffer);
}

/** The whole text (small values, tests). */
export function jsonText(value: unknown, options: JsonChunkOptions = {}): string {
  return [...jsonChunks(value, options)].join('');
}

/** `json` is already what JSON.stringify would write (toJSON applied); see toJsonValue. */
function* pieces(json: unknown, depth: number, indent: string, compactDepth: number): Generator<string> {
  if (isLazy(json)) {
    yield* arrayPieces(json[LAZY], depth, indent, compactDepth);
    return;
  }

  if (json === null || typeof json !== 'object') {
    yield JSON.stringify(json) ?? 'null';
    return;
  }

  if (depth > compactDepth) {
    yield JSON.stringify(json);
    return;
  }

  // Deep and fully indented: one JSON.stringify, re-indented, is far faster than walking it here.
  if (depth >= 2 && compactDepth === Number.POSITIVE_INFINITY && !containsLazy(json)) {
    yield JSON.stringify(json, null, 2).replaceAll('\n', `\n${indent}`);
    return;
  }

  if (Array.isArray(json)) {
    yield* arrayPieces(json, depth, indent, compactDepth);
    return;
  }

  const inner = `${indent}  `;
  let first = true;
  for (const [key, member] of Object.entries(json as Record<string, unknown>)) {
    const memberJson = toJsonValue(member);
    if (unwritable(memberJson)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(memberJson, depth + 1, inner, compactDepth);
  }

  yield first ? '{}' : `\n${indent}}`;
}

function* arrayPieces(
  items: Iterable<unknown>,
  depth: number,
  indent: string,
  compactDepth: number,
): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    first = false;
    const json = toJsonValue(item);
    if (unwritable(json)) yield 'null';
    else yield* pieces(json, depth + 1, inner, compactDepth);
  }

  yield first ? '[]' : `\n${indent}]`;
}

function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as {toJSON?: unknown}).toJSON === 'function')
    return (value as {toJSON: () => unknown}).toJSON();
  return value;
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
function unwritable(json: unknown): boolean {
  return json === undefined || typeof json === 'function' || typeof json === 'symbol';
}

function isLazy(value: unknown): value is LazyArray<unknown> {
  return value !== null && typeof value === 'object' && LAZY in value;
}

/** Lazy arrays sit near the root (a report's results), so only the first levels are searched. */
function containsLazy(value: object, levels = 2): boolean {
  if (isLazy(value)) return true;
  if (levels === 0) return false;
  for (const member of Object.values(value) as unknown[])
    if (member !== null && typeof member === 'object' && containsLazy(member, levels - 1)) return true;
  return false;
}
