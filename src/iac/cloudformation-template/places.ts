/** Places in a template: JSON pointers for machines, `Resources/X/Properties/Y` and lines for people. */

/** `pointer` extended by one key, escaped as JSON pointers require (`~` → `~0`, `/` → `~1`). */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** An InputError place: the pointer and, when known, the line of the nearest enclosing value that has one. */
export function placeOf(pointer: string, lines: ReadonlyMap<string, number>): string {
  const line = lineOf(pointer, lines);
  return line === undefined ? pointer || '/' : `${pointer || '/'} (line ${line})`;
}

export function lineOf(pointer: string, lines: ReadonlyMap<string, number>): number | undefined {
  for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
    const line = lines.get(at);
    if (line !== undefined) return line;
  }

  return undefined;
}

/** `Resources/OrdersBroker/Properties/SubnetIds/0`, as unknown reasons name a place: the value an intrinsic stands in, not the intrinsic's arguments. */
export function readablePlace(pointer: string): string {
  const intrinsic = pointer.search(/\/(Fn::[^/]*|Ref)(\/|$)/);
  return (intrinsic === -1 ? pointer : pointer.slice(0, intrinsic)).replace(/^\//, '');
}
