/**
 * The only pagination loops in the collectors. Reading only the first page is the classic scanner bug
 * (Prowler's ListBrokers); a service that hands back a token it already gave us would loop forever, and
 * stopping quietly would hide missing resources, so a repeated token is an error (malformed response).
 */
import {REPEATED_TOKEN_CODE} from './errors';

/** One page, reduced to what the loops need. */
export interface Page<I> {
  items: readonly I[] | undefined;
  nextToken: string | undefined;
}

export class RepeatedTokenError extends Error {
  override readonly name = REPEATED_TOKEN_CODE;
  constructor(readonly token: string) {
    super(
      `the service returned pagination token "${truncate(token)}" twice; stopped to avoid looping over the same page`,
    );
  }
}

/** For APIs without an SDK paginator (Direct Connect): call `fetchPage` with each token until none comes back. */
export async function loopNextToken<I>(fetchPage: (token: string | undefined) => Promise<Page<I>>): Promise<I[]> {
  return drainPaginator(tokenLoop(fetchPage), (page) => page);
}

/** Drain an SDK paginator (`paginateX({client, pageSize}, input)`), guarding against repeated tokens. */
export async function drainPaginator<P, I>(pages: AsyncIterable<P>, toPage: (page: P) => Page<I>): Promise<I[]> {
  const items: I[] = [];
  const seen = new Set<string>();
  for await (const raw of pages) {
    const page = toPage(raw);
    items.push(...(page.items ?? []));
    if (!page.nextToken) break;
    if (seen.has(page.nextToken)) throw new RepeatedTokenError(page.nextToken);
    seen.add(page.nextToken);
  }
  return items;
}

async function* tokenLoop<I>(fetchPage: (token: string | undefined) => Promise<Page<I>>): AsyncGenerator<Page<I>> {
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield page;
    token = page.nextToken || undefined;
  } while (token);
}

function truncate(token: string): string {
  return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}
