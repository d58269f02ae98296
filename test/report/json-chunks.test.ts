/** Streaming JSON: the same text as JSON.stringify, in pieces; lazy arrays; one line per deep value. */
import {jsonChunks, jsonText, lazy} from '../../src/report/json-chunks';
import type {JsonReport} from '../../src/report/json';

const SAMPLE = {
  kind: 'mq-audit/report',
  empty: {},
  none: [],
  skipped: undefined,
  fn: () => 1,
  when: new Date('2026-12-02T10:00:00Z'),
  results: [
    {id: 1, text: 'line one\nline two "quoted"', nested: {deep: [1, null, {x: [true, false]}], also: undefined}},
    {id: 2, list: [undefined, 'a'], unicode: 'café → ☃ 😀'},
  ],
  numbers: [0, -1.5, 1e21, Number.NaN],
};

describe('jsonChunks', () => {
  it('yields exactly JSON.stringify(value, null, 2), including undefined members, toJSON and empty containers', () => {
    expect(jsonText(SAMPLE)).toBe(JSON.stringify(SAMPLE, null, 2));
    for (const value of [null, 1, 'x', [], {}, [[]], {a: {b: {c: {d: []}}}}])
      expect(jsonText(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a lazy array item by item, pulling each only when the text reaches it', () => {
    const pulled: number[] = [];
    function* items(): Generator<{n: number}> {
      for (let n = 0; n < 3; n++) {
        pulled.push(n);
        yield {n};
      }
    }

    const text = jsonText({before: 1, items: lazy(items()), after: 2});
    expect(JSON.parse(text)).toEqual({before: 1, items: [{n: 0}, {n: 1}, {n: 2}], after: 2});
    expect(text).toBe(JSON.stringify({before: 1, items: [{n: 0}, {n: 1}, {n: 2}], after: 2}, null, 2));
    expect(pulled).toEqual([0, 1, 2]);
    expect(jsonText({items: lazy([])})).toBe('{\n  "items": []\n}');
  });

  it('puts every value deeper than compactDepth on one line, and the text still parses to the same value', () => {
    const text = jsonText({runs: [{results: SAMPLE.results}]}, {compactDepth: 3});
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({runs: [{results: SAMPLE.results}]})));
    const lines = text.split('\n');
    expect(lines.filter((line) => line.trimStart().startsWith('{"id":'))).toHaveLength(2);
    expect(lines).toContain(`        ${JSON.stringify(SAMPLE.results[0])},`);
  });

  it('comes in pieces of bounded size for a large value, never one string', () => {
    const big = {results: lazy(Array.from({length: 20_000}, (_, i) => ({i, text: 'x'.repeat(40)})))};
    const chunks = [...jsonChunks(big)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect((JSON.parse(chunks.join('')) as JsonReport).results).toHaveLength(20_000);
  });
});
