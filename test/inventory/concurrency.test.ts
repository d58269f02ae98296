import {mapWithConcurrency} from '../../src/inventory/concurrency';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;

    const results = await mapWithConcurrency([30, 5, 20, 1, 10, 2], 2, async (ms, index) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick(ms);
      inFlight -= 1;
      return `${index}:${ms}`;
    });

    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2']);
    expect(peak).toBe(2);
  });

  it('handles an empty list and a limit above the item count', async () => {
    await expect(mapWithConcurrency([], 5, async () => 1)).resolves.toEqual([]);
    await expect(mapWithConcurrency([1, 2], 10, async (n) => n * 2)).resolves.toEqual([2, 4]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects limit %s', async (limit) => {
    await expect(mapWithConcurrency([1], limit, async (n) => n)).rejects.toThrow(RangeError);
  });

  it('rejects when a call rejects', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('bad')) : n)),
    ).rejects.toThrow('bad');
  });
});
