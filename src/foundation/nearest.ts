/**
 * "Did you mean": the names nearest to a mistyped one, for every place mq-audit rejects a name — commands, flag
 * values, policy ids, broker names, properties of the broker document and of policy tests, protocol names in the
 * config file, AWS regions. One measure everywhere, so the suggestions are alike.
 */

/** Levenshtein distance, one row at a time (the names compared are short). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }

    previous = current;
  }

  return previous[b.length];
}

/** Where a name breaks into words: `orders-prod`, `mq/private-connectivity`, `policies:list`, `a.b`. */
const SEPARATOR = /[-_./: ]/;

/** How far `query` is from `candidate` (both lower case): the edit distance, or 1 when the query is part of it. */
function score(query: string, candidate: string): number {
  if (query === candidate) return 0;
  const whole = editDistance(query, candidate);
  return query.length >= 3 && candidate.includes(query) ? Math.min(whole, 1) : whole;
}

/**
 * How far `query` is from the nearest leading words of `candidate`, counting 1 more for what the query leaves out:
 * `ordrs` is 2 from `orders-prod` (1 from `orders`). Only asked when no whole name is close.
 */
function wordScore(query: string, candidate: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < candidate.length; i++) {
    if (SEPARATOR.test(candidate[i])) best = Math.min(best, editDistance(query, candidate.slice(0, i)) + 1);
  }

  return best;
}

export interface NearestOptions {
  /** At most this many (default 3). */
  count?: number;
  /** At most this many edits away (default: 2, or a third of the name's length when longer). */
  limit?: number;
}

/**
 * The candidates nearest to `name`, case-insensitively, closest first (ties in alphabetical order): at most
 * three, none further than a third of the name's length (at least 2 edits); when no whole name is that close, the
 * names whose leading words are (`ordrs` → `orders-prod`). Empty when nothing is close.
 */
export function nearest(name: string, candidates: Iterable<string>, options: NearestOptions = {}): string[] {
  const query = name.trim().toLowerCase();
  const limit = options.limit ?? Math.max(2, Math.floor(query.length / 3));
  const unique = [...new Set(candidates)];
  const closest = (measure: (query: string, candidate: string) => number) =>
    unique
      .map((candidate) => ({candidate, distance: measure(query, candidate.toLowerCase())}))
      .filter(({distance}) => distance <= limit)
      .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
      .slice(0, options.count ?? 3)
      .map(({candidate}) => candidate);
  const whole = closest(score);
  return whole.length > 0 ? whole : closest(wordScore);
}

/** `did you mean "a" or "b"?`, or undefined when nothing is close. `quote` false leaves the names bare. */
export function didYouMean(
  name: string,
  candidates: Iterable<string>,
  options: NearestOptions & {quote?: boolean} = {},
): string | undefined {
  const close = nearest(name, candidates, options);
  if (close.length === 0) return undefined;
  return `did you mean ${close.map((c) => (options.quote === false ? c : `"${c}"`)).join(' or ')}?`;
}

/** `a, b, c, … (N in all)`: a list of names for a message, cut at `max`. */
export function listNames(names: readonly string[], max = 10): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length} in all)`;
}
