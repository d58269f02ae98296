/**
 * IPv4/IPv6 addresses, CIDR blocks and address ranges as bigints. Pure and dependency-free: the path model
 * needs containment, longest-prefix match and "does this set of rules cover that network" (interval union),
 * nothing a library would add.
 */
import {flat} from '../foundation/strings';

export type IpFamily = 4 | 6;

export interface Cidr {
  family: IpFamily;
  /** First address of the block (host bits cleared). */
  first: bigint;
  last: bigint;
  prefixLength: number;
}

/** An inclusive address interval within one family. */
export interface AddressRange {
  first: bigint;
  last: bigint;
}

const BITS: Record<IpFamily, number> = {4: 32, 6: 128};

export function familyBits(family: IpFamily): number {
  return BITS[family];
}

/** The address as a bigint and its family; undefined when `text` is not an IPv4 or IPv6 address. */
export function parseIp(text: string): {family: IpFamily; value: bigint} | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : {family: 6, value};
  }

  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : {family: 4, value};
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }

  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined; // zone ids have no meaning in a route table
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }

  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined;
  };

  const left = groupsOf(halves[0]);
  const right = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...left, ...Array.from({length: halves.length === 2 ? missing : 0}, () => '0'), ...right];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({length: 8}, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (first on ties) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }

    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }

    i = j;
  }

  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export interface ParsedCidr extends Cidr {
  /** True when the text had host bits set (10.1.2.3/16); the block is normalized either way. */
  hostBitsSet: boolean;
}

/** The same texts come back for every broker: parse each once. Results are shared; never mutate them. */
const PARSED = new Map<string, ParsedCidr | undefined>();
const PARSED_LIMIT = 100_000;

/** Parses `a.b.c.d/n` or `x::y/n`; a bare address is a /32 or /128. Undefined when invalid. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (PARSED.has(text)) return PARSED.get(text);
  const parsed = parseCidrOnce(text);
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(text, parsed);
  return parsed;
}

function parseCidrOnce(text: string): ParsedCidr | undefined {
  const [address, length, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = BITS[ip.family];
  if (length !== undefined && !/^(0|[1-9]\d{0,2})$/.test(length)) return undefined;
  const prefixLength = length === undefined ? bits : Number(length);
  if (prefixLength > bits) return undefined;
  const cidr = blockOf(ip.family, ip.value, prefixLength);
  return {...cidr, hostBitsSet: cidr.first !== ip.value};
}

/** Like parseCidr, for data that must be valid (AWS responses): throws on garbage. */
export function cidrOf(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new RangeError(`not a CIDR block: ${JSON.stringify(text)}`);
  return {family: cidr.family, first: cidr.first, last: cidr.last, prefixLength: cidr.prefixLength};
}

/** Why `text` is not acceptable as a network on the command line, or undefined when it is. */
export function cidrProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr || !text.includes('/'))
    return `"${text}" is not a CIDR block (expected e.g. 10.20.0.0/16 or 2001:db8::/32)`;
  if (cidr.hostBitsSet) return `"${text}" has host bits set; did you mean ${formatCidr(cidr)}?`;
  return undefined;
}

export function blockOf(family: IpFamily, address: bigint, prefixLength: number): Cidr {
  const bits = BigInt(BITS[family]);
  const hostBits = bits - BigInt(prefixLength);
  const hostMask = (1n << hostBits) - 1n;
  const first = address & ~hostMask & ((1n << bits) - 1n);
  return {family, first, last: first | hostMask, prefixLength};
}

/**
 * Block texts by family, first address and prefix length: the same few blocks are named in the reasons of
 * thousands of hops, and formatting one goes through BigInt arithmetic. Flat (src/foundation/strings.ts): CIDRs end up in
 * facts and hops kept for the whole scan.
 */
const FORMATTED: Record<IpFamily, Map<bigint, Map<number, string>>> = {4: new Map(), 6: new Map()};
let formattedCount = 0;

export function formatCidr(cidr: Cidr): string {
  let byLength = FORMATTED[cidr.family].get(cidr.first);
  let text = byLength?.get(cidr.prefixLength);
  if (text !== undefined) return text;
  text = flat(`${formatIp(cidr.family, cidr.first)}/${cidr.prefixLength}`);
  if (formattedCount >= PARSED_LIMIT) {
    FORMATTED[4].clear();
    FORMATTED[6].clear();
    formattedCount = 0;
    byLength = undefined;
  }

  if (!byLength) {
    byLength = new Map();
    FORMATTED[cidr.family].set(cidr.first, byLength);
  }

  byLength.set(cidr.prefixLength, text);
  formattedCount += 1;
  return text;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first === b.first && a.prefixLength === b.prefixLength;
}

/** The whole address space of a family: 0.0.0.0/0 or ::/0. */
export function everything(family: IpFamily): Cidr {
  return blockOf(family, 0n, 0);
}

/** Sorted, merged (adjacent ranges joined). */
export function unionRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: AddressRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.first <= last.last + 1n) {
      if (range.last > last.last) last.last = range.last;
    } else {
      merged.push({first: range.first, last: range.last});
    }
  }

  return merged;
}

export function subtractRanges(from: readonly AddressRange[], minus: readonly AddressRange[]): AddressRange[] {
  let result = unionRanges(from);
  for (const cut of unionRanges(minus)) {
    result = result.flatMap((range) => {
      if (cut.last < range.first || cut.first > range.last) return [range];
      const pieces: AddressRange[] = [];
      if (cut.first > range.first) pieces.push({first: range.first, last: cut.first - 1n});
      if (cut.last < range.last) pieces.push({first: cut.last + 1n, last: range.last});
      return pieces;
    });
  }

  return result;
}

export function intersectRanges(a: readonly AddressRange[], b: readonly AddressRange[]): AddressRange[] {
  const result: AddressRange[] = [];
  for (const x of unionRanges(a)) {
    for (const y of unionRanges(b)) {
      const first = x.first > y.first ? x.first : y.first;
      const last = x.last < y.last ? x.last : y.last;
      if (first <= last) result.push({first, last});
    }
  }

  return unionRanges(result);
}

/** True when `covering` contains every address of `target`. */
export function rangesCover(covering: readonly AddressRange[], target: readonly AddressRange[]): boolean {
  return subtractRanges(target, covering).length === 0;
}

export function rangeOf(cidr: Cidr): AddressRange {
  return {first: cidr.first, last: cidr.last};
}

/** The smallest list of CIDR blocks that exactly covers the ranges (for messages). */
export function rangesToCidrs(family: IpFamily, ranges: readonly AddressRange[]): Cidr[] {
  const bits = BITS[family];
  const blocks: Cidr[] = [];
  for (const range of unionRanges(ranges)) {
    let start = range.first;
    while (start <= range.last) {
      // The largest aligned block starting at `start` that stays within the range.
      let prefixLength = bits;
      while (prefixLength > 0) {
        const candidate = blockOf(family, start, prefixLength - 1);
        if (candidate.first !== start || candidate.last > range.last) break;
        prefixLength--;
      }

      const block = blockOf(family, start, prefixLength);
      blocks.push(block);
      start = block.last + 1n;
    }
  }

  return blocks;
}

/** RFC 1918, shared address space (CGNAT), loopback, link-local and IPv6 unique-local/link-local. */
const NON_PUBLIC = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
].map(cidrOf);

/** True when the block holds at least one address outside private, shared and link-local space. */
export function includesPublicAddresses(cidr: Cidr): boolean {
  const privateRanges = NON_PUBLIC.filter((p) => p.family === cidr.family).map(rangeOf);
  return !rangesCover(privateRanges, [rangeOf(cidr)]);
}
