"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mapWithConcurrency = mapWithConcurrency;
/**
 * Run `fn` over `items` with at most `limit` calls in flight; results keep the input order.
 * A rejection rejects the whole map (as Promise.all does): collectors catch their own AWS errors.
 */
async function mapWithConcurrency(items, limit, fn) {
    if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
