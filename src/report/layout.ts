/**
 * Graph layout for `scan --format html`: DOT (src/report/paths.ts brokerPathsDot) laid out by Graphviz, compiled
 * to WebAssembly (@viz-js/viz: the wasm is inside its JavaScript, so nothing is read or downloaded), into SVG that
 * the page inlines. Asynchronous only because the WebAssembly module is instantiated once, on first use.
 *
 * What Graphviz writes is checked before it reaches the page (`inlineSvg`): the XML prolog, DOCTYPE, comments and
 * the `<title>` of each node (our node names, meaningless to a reader) are removed, and every element and attribute
 * left must be one Graphviz draws with — no script, no event handler, no link, no `style`, no foreign object —
 * else the diagram is refused. Labels are escaped in the DOT already; this is the second line of defence.
 */
import type {Viz} from '@viz-js/viz';

let instance: Promise<Viz> | undefined;

function viz(): Promise<Viz> {
  // Required lazily: the 1.2 MB module is loaded only by a command that draws.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; an import would load it at start-up
  instance ??= (require('@viz-js/viz') as typeof import('@viz-js/viz')).instance();
  return instance;
}

/** The Graphviz version that lays out the diagrams (for the page's footer). */
export async function graphvizVersion(): Promise<string> {
  return (await viz()).graphvizVersion;
}

export interface LaidOut {
  /** SVG markup to inline, or undefined when Graphviz failed (then `error` says why). */
  svg?: string;
  error?: string;
}

/** Each DOT graph as inline SVG, in order. One graph's failure is reported for it alone. */
export async function layoutSvg(dots: readonly string[]): Promise<LaidOut[]> {
  if (dots.length === 0) return [];
  const graphviz = await viz();
  return dots.map((dot) => {
    const result = graphviz.render(dot, {format: 'svg'});
    if (result.status !== 'success')
      return {error: result.errors.map((e) => e.message).join('; ') || 'Graphviz failed'};
    try {
      return {svg: inlineSvg(result.output)};
    } catch (error) {
      return {error: (error as Error).message};
    }
  });
}

const ELEMENTS = new Set(['svg', 'g', 'polygon', 'ellipse', 'path', 'polyline', 'text', 'title']);
const ATTRIBUTES = new Set([
  'class',
  'cx',
  'cy',
  'd',
  'fill',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'height',
  'id',
  'points',
  'rx',
  'ry',
  'stroke',
  'stroke-dasharray',
  'stroke-width',
  'text-anchor',
  'transform',
  'viewBox',
  'width',
  'x',
  'y',
  'xmlns',
  'xmlns:xlink',
  'xml:space',
  'fill-opacity',
  'stroke-opacity',
]);
/** An attribute's value: Graphviz quotes with `"` and writes `&`, `<`, `"` as entities inside. */
const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([\w:-]+)="([^"<]*)"/g;

/** Graphviz's SVG without prolog, comments and node titles; throws when it holds anything it should not. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz wrote no <svg> element');
  const body = svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    .trim();
  // Walk the markup: text between tags has no `<`; every tag is an allowed element with allowed attributes.
  let at = 0;
  let depth = 0;
  while (at < body.length) {
    const next = body.indexOf('<', at);
    if (next < 0) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(body);
    if (!tag) throw new Error(`unexpected markup in Graphviz output at character ${next}`);
    const [, closing, name, attributes, selfClosing] = tag;
    if (!ELEMENTS.has(name)) throw new Error(`unexpected element <${name}> in Graphviz output`);
    for (const [, attribute, value] of attributes.matchAll(ATTRIBUTE)) {
      if (!ATTRIBUTES.has(attribute))
        throw new Error(`unexpected attribute ${attribute} on <${name}> in Graphviz output`);
      if (/[&](?![a-z]+;|#\d+;|#x[\da-f]+;)/i.test(value))
        throw new Error(`unescaped & in an attribute of <${name}> in Graphviz output`);
    }

    if (closing) depth--;
    else if (!selfClosing) depth++;
    at = TAG.lastIndex;
  }

  if (depth !== 0) throw new Error('unbalanced elements in Graphviz output');
  return body;
}
