/**
 * A small reader for the Mermaid flowcharts `paths --format mermaid` emits: each line is one statement the
 * renderer is meant to write, so a stray line (a label that escaped its quotes) shows up in `stray`.
 */
export interface ParsedDiagram {
  header: string;
  nodes: Map<string, {label: string; group?: string}>;
  groups: Map<string, string>;
  edges: {from: string; arrow: string; to: string}[];
  classes: Map<string, string>;
  classDefs: Set<string>;
  linkStyles: {indexes: number[]; style: string}[];
  /** Lines that match no statement the renderer is meant to emit. */
  stray: string[];
}

export function parseMermaid(text: string): ParsedDiagram {
  const [header, ...rest] = text.trimEnd().split('\n');
  const diagram: ParsedDiagram = {
    header,
    nodes: new Map(),
    groups: new Map(),
    edges: [],
    classes: new Map(),
    classDefs: new Set(),
    linkStyles: [],
    stray: [],
  };
  let group: string | undefined;
  for (const line of rest) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}classDef (\w+) [\w#:.,% -]+$/.exec(line))) diagram.classDefs.add(m[1]);
    else if ((m = /^ {2}subgraph ([A-Za-z]\w*)\["([^"]*)"\]$/.exec(line))) {
      group = m[1];
      diagram.groups.set(m[1], m[2]);
    } else if (line === '  end') group = undefined;
    else if ((m = /^ +([A-Za-z]\w*)\["([^"]*)"\]$/.exec(line)))
      diagram.nodes.set(m[1], {label: m[2], ...(group ? {group} : {})});
    else if ((m = /^ {2}([A-Za-z]\w*) (-->|--x|-\.->|-\.-) ([A-Za-z]\w*)$/.exec(line)))
      diagram.edges.push({from: m[1], arrow: m[2], to: m[3]});
    else if ((m = /^ {2}class ([\w,]+) (\w+)$/.exec(line)))
      for (const id of m[1].split(',')) diagram.classes.set(id, m[2]);
    else if ((m = /^ {2}linkStyle ([\d,]+) ([\w#:.,% -]+)$/.exec(line)))
      diagram.linkStyles.push({indexes: m[1].split(',').map(Number), style: m[2]});
    else diagram.stray.push(line);
  }

  return diagram;
}

export function nodeWith(diagram: ParsedDiagram, text: string, cls?: string): string {
  const found = [...diagram.nodes].filter(
    ([id, node]) => node.label.includes(text) && (cls === undefined || diagram.classes.get(id) === cls),
  );
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0][0];
}

export function edgeIndex(diagram: ParsedDiagram, from: string, to: string): number {
  const index = diagram.edges.findIndex((e) => e.from === from && e.to === to);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

export function styleOf(diagram: ParsedDiagram, index: number): string | undefined {
  return diagram.linkStyles.find((s) => s.indexes.includes(index))?.style;
}

/** Every node reaches the broker node B along the edges. */
export function reachesBroker(diagram: ParsedDiagram, id: string, seen = new Set<string>()): boolean {
  if (id === 'B') return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return diagram.edges.filter((e) => e.from === id).some((e) => reachesBroker(diagram, e.to, seen));
}

export function expectWellFormed(diagram: ParsedDiagram): void {
  expect(diagram.header).toBe('flowchart LR');
  expect(diagram.stray).toEqual([]);
  for (const id of diagram.nodes.keys()) {
    expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(id.toLowerCase()).not.toBe('end');
    expect(diagram.classes.has(id)).toBe(true);
    expect(reachesBroker(diagram, id)).toBe(true);
  }

  for (const edge of diagram.edges) {
    expect(diagram.nodes.has(edge.from)).toBe(true);
    expect(diagram.nodes.has(edge.to)).toBe(true);
  }

  for (const cls of diagram.classes.values()) expect(diagram.classDefs.has(cls)).toBe(true);
  for (const style of diagram.linkStyles)
    for (const index of style.indexes) expect(index).toBeLessThan(diagram.edges.length);
}
