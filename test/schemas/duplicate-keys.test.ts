/**
 * JSON.parse keeps the last of two equal keys, silently: a schema or policy with a key written twice (easily made
 * by a merge) loses half of what it says. Every JSON file the package ships is read once more, key by key.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';

import {visit} from 'jsonc-parser';

const ROOT = join(__dirname, '..', '..');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** `file: /pointer: key "x" repeated` for every object that names a key twice. */
function repeatedKeys(file: string, text: string): string[] {
  const found: string[] = [];
  const stack: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (keys.has(property))
        found.push(`${relative(ROOT, file)}: /${pathSupplier().join('/')}: key "${property}" repeated`);
      keys.add(property);
    },
  });
  return found;
}

describe('the JSON files the package ships', () => {
  const files = ['schemas', 'policies', 'iam', join('src', 'policy')].flatMap((dir) => jsonFiles(join(ROOT, dir)));

  it('name no key twice in one object', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => repeatedKeys(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the check finds a repeated key', () => {
    expect(repeatedKeys('x.json', '{"a": {"b": 1, "c": {"b": 2}, "b": 3}, "d": [{"e": 1}, {"e": 2}]}')).toEqual([
      'x.json: /a: key "b" repeated',
    ]);
  });
});
