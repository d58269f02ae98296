/**
 * Terraform resource addresses, tokenized rather than split on `.`: instance keys are JSON-quoted strings that can
 * hold dots, brackets, quotes and slashes (`module.vpc["eu.west/1"].aws_route.r["10.0.0.0/16"]`).
 *
 *   address     := module_path? ("data.")? TYPE "." NAME ("[" key "]")?
 *   module_path := ("module." NAME ("[" key "]")? ".")+
 *   key         := integer | json-string
 */

export type InstanceKey = number | string;

/** One step of a module path; `keyText` is the key as written (`"eu"` with its quotes, `0`), for re-printing. */
export interface ModuleStep {
  name: string;
  key?: InstanceKey;
  keyText?: string;
}

export interface ResourceAddress {
  modules: ModuleStep[];
  mode: 'data' | 'managed';
  type: string;
  name: string;
  key?: InstanceKey;
  keyText?: string;
}

export class AddressError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A scanner over the address text; `pos` only moves forward, so every parse is linear in the text. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  /** A bare identifier up to the next `.`, `[` or the end. */
  name(what: string): string {
    const start = this.pos;
    while (!this.atEnd() && this.peek() !== '.' && this.peek() !== '[') this.pos += 1;
    const value = this.text.slice(start, this.pos);
    if (!NAME.test(value))
      throw new AddressError(`expected ${what} at character ${start + 1} of ${JSON.stringify(this.text)}`);
    return value;
  }

  expect(char: string): void {
    if (this.peek() !== char)
      throw new AddressError(`expected "${char}" at character ${this.pos + 1} of ${JSON.stringify(this.text)}`);
    this.pos += 1;
  }

  /** `[0]` or `["key"]`, when the next character opens a bracket. */
  key(): {key: InstanceKey; keyText: string} | undefined {
    if (this.peek() !== '[') return undefined;
    this.pos += 1;
    const start = this.pos;
    let key: InstanceKey;
    if (this.peek() === '"') {
      this.pos += 1;
      while (!this.atEnd() && this.peek() !== '"') this.pos += this.peek() === '\\' ? 2 : 1;
      this.expect('"');
      try {
        key = JSON.parse(this.text.slice(start, this.pos)) as string;
      } catch {
        throw new AddressError(`invalid string key at character ${start + 1} of ${JSON.stringify(this.text)}`);
      }
    } else {
      while (!this.atEnd() && /[0-9]/.test(this.peek())) this.pos += 1;
      const digits = this.text.slice(start, this.pos);
      if (digits === '')
        throw new AddressError(`expected an instance key at character ${start + 1} of ${JSON.stringify(this.text)}`);
      key = Number(digits);
    }

    const keyText = this.text.slice(start, this.pos);
    this.expect(']');
    return {key, keyText};
  }
}

/** Parses an absolute resource instance address; throws AddressError saying where it went wrong. */
export function parseResourceAddress(text: string): ResourceAddress {
  const scanner = new Scanner(text);
  const modules = parseModulePrefix(scanner, true);
  let mode: ResourceAddress['mode'] = 'managed';
  let type = scanner.name('a resource type');
  if (type === 'data') {
    scanner.expect('.');
    mode = 'data';
    type = scanner.name('a data source type');
  }

  scanner.expect('.');
  const name = scanner.name('a resource name');
  const key = scanner.key();
  if (!scanner.atEnd())
    throw new AddressError(`unexpected "${scanner.peek()}" at character ${scanner.pos + 1} of ${JSON.stringify(text)}`);
  return {modules, mode, type, name, ...(key && {key: key.key, keyText: key.keyText})};
}

/** Parses a module instance address (`module.a["k"].module.b`); the empty string is the root module. */
export function parseModuleAddress(text: string): ModuleStep[] {
  if (text === '') return [];
  const scanner = new Scanner(`${text}.`);
  const modules = parseModulePrefix(scanner, false);
  if (!scanner.atEnd())
    throw new AddressError(`unexpected "${scanner.peek()}" in module address ${JSON.stringify(text)}`);
  return modules;
}

/** `module.NAME[key]?.` steps; with `stopAtResource`, stops before the first segment that is not `module`. */
function parseModulePrefix(scanner: Scanner, stopAtResource: boolean): ModuleStep[] {
  const modules: ModuleStep[] = [];
  while (scanner.text.startsWith('module.', scanner.pos)) {
    // A resource type is never called `module`, so `module.` always opens a module step.
    scanner.pos += 'module.'.length;
    const name = scanner.name('a module name');
    const key = scanner.key();
    scanner.expect('.');
    modules.push({name, ...(key && {key: key.key, keyText: key.keyText})});
  }

  if (!stopAtResource && !scanner.atEnd())
    throw new AddressError(`expected "module." at character ${scanner.pos + 1} of ${JSON.stringify(scanner.text)}`);
  return modules;
}

export function formatKey(key: InstanceKey): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

function stepText(step: {name: string; key?: InstanceKey; keyText?: string}): string {
  if (step.key === undefined) return step.name;
  return `${step.name}[${step.keyText ?? formatKey(step.key).slice(1, -1)}]`;
}

export function formatModulePath(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${stepText(m)}`).join('.');
}

/** The module-local resource address without instance key (`aws_subnet.app`, `data.aws_vpc.main`), as configuration writes it. */
export function configAddress(address: Pick<ResourceAddress, 'mode' | 'name' | 'type'>): string {
  return `${address.mode === 'data' ? 'data.' : ''}${address.type}.${address.name}`;
}

/** The absolute instance address, module path included. */
export function formatResourceAddress(address: ResourceAddress): string {
  const local = stepText({name: configAddress(address), key: address.key, keyText: address.keyText});
  return address.modules.length === 0 ? local : `${formatModulePath(address.modules)}.${local}`;
}

/** The module call names of a module path, without instance keys: the key of the configuration tree. */
export function callPath(modules: readonly ModuleStep[]): string {
  return modules.map((m) => m.name).join('.');
}
