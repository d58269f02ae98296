import {drainPaginator, loopNextToken, RepeatedTokenError} from '../../src/inventory/paginate';
import type {Page} from '../../src/inventory/paginate';

describe('loopNextToken', () => {
  it('follows nextToken to the last page', async () => {
    const pages: Record<string, Page<number>> = {
      start: {items: [1, 2], nextToken: 't1'},
      t1: {items: undefined, nextToken: 't2'},
      t2: {items: [3], nextToken: undefined},
    };
    const tokens: (string | undefined)[] = [];

    const items = await loopNextToken(async (token) => {
      tokens.push(token);
      return pages[token ?? 'start'];
    });

    expect(items).toEqual([1, 2, 3]);
    expect(tokens).toEqual([undefined, 't1', 't2']);
  });

  it('treats an empty-string token as the end', async () => {
    const fetchPage = jest.fn(async () => ({items: ['a'], nextToken: ''}));

    await expect(loopNextToken(fetchPage)).resolves.toEqual(['a']);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('throws on a token it has already followed instead of looping', async () => {
    const fetchPage = jest.fn(async (token: string | undefined) => ({
      items: [token ?? 'first'],
      nextToken: token === 'b' ? 'a' : token === 'a' ? 'b' : 'a',
    }));

    await expect(loopNextToken(fetchPage)).rejects.toBeInstanceOf(RepeatedTokenError);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it('passes fetch errors through', async () => {
    await expect(loopNextToken(async () => Promise.reject(new Error('AccessDenied')))).rejects.toThrow('AccessDenied');
  });
});

describe('drainPaginator', () => {
  it('collects items from an SDK-style async generator', async () => {
    async function* pages(): AsyncGenerator<{Things?: string[]; NextToken?: string}> {
      yield {Things: ['a'], NextToken: 'x'};
      yield {Things: ['b', 'c']};
    }

    await expect(drainPaginator(pages(), (page) => ({items: page.Things, nextToken: page.NextToken}))).resolves.toEqual(
      ['a', 'b', 'c'],
    );
  });
});
