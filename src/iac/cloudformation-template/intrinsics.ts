/**
 * The intrinsic-function evaluator. Semantics from the CloudFormation User Guide (intrinsic function reference):
 * Ref, Fn::GetAtt (both forms, nested attribute names), Fn::Sub (both forms, `${!Literal}`), Fn::Join, Fn::If,
 * Fn::Select, Fn::Split, Fn::FindInMap (with the language extensions' DefaultValue), Fn::Base64, Fn::Cidr,
 * Fn::Length, Fn::ToJsonString, the condition functions; Fn::ImportValue, Fn::GetAZs, Fn::Transform,
 * Fn::GetStackOutput and dynamic references (`{{resolve:…}}`) are unknown until deploy.
 *
 * What names resolve to (parameters, pseudo parameters, resources, conditions) is the Scope's business; this file
 * only knows the functions. Every call counts against a step budget and strings are capped, so a hostile template
 * cannot make evaluation run away.
 */
import {InputError} from '../../foundation/errors';
import {cidrSubnets} from './cidr';
import type {TemplateValue} from './load';
import {childPointer, placeOf} from './places';
import {NO_VALUE, Unknown, isUnknown, isValueMap, shown} from './values';
import type {Result, Value, ValueMap} from './values';

/** Evaluation steps for one template: some hundred per resource is typical; this is thousands of times more. */
export const MAX_EVALUATION_STEPS = 2_000_000;
/** No property of a network or broker resource comes near this; a longer string means a template built to blow up. */
export const MAX_STRING_LENGTH = 1024 * 1024;

export interface Scope {
  readonly file: string;
  readonly lines: ReadonlyMap<string, number>;
  /** `Ref name`: a parameter, pseudo parameter or resource; an InputError when there is none. */
  ref(name: string, pointer: string): Result;
  /** `Fn::GetAtt [logicalId, attribute]`; an InputError when the resource does not exist. */
  getAtt(logicalId: string, attribute: string, pointer: string): Value;
  /** A named condition's value. */
  condition(name: string, pointer: string): boolean | Unknown;
  mapping(name: string): TemplateValue | undefined;
  /** Counts one step against the budget. */
  step(pointer: string): void;
}

export function evaluate(value: TemplateValue, pointer: string, scope: Scope): Result {
  scope.step(pointer);
  if (typeof value === 'string') return dynamicReference(value, pointer) ?? value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return evaluateList(value, pointer, scope);
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
    return call(keys[0], value[keys[0]], pointer, scope);
  const out: ValueMap = {};
  for (const key of keys) {
    const result = evaluate(value[key], childPointer(pointer, key), scope);
    if (result !== NO_VALUE) out[key] = result;
  }

  return out;
}

/** A condition expression: `{Condition: Name}`, a condition function, or a literal true/false. */
export function evaluateCondition(value: TemplateValue, pointer: string, scope: Scope): boolean | Unknown {
  if (isTemplateMap(value) && Object.keys(value).length === 1 && typeof value.Condition === 'string')
    return scope.condition(value.Condition, childPointer(pointer, 'Condition'));
  const result = evaluate(value, pointer, scope);
  if (isUnknown(result) || typeof result === 'boolean') return result;
  if (result === 'true' || result === 'false') return result === 'true';
  throw new InputError(
    scope.file,
    `expected a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition or true/false), found ${describe(result)}`,
    placeOf(pointer, scope.lines),
  );
}

function evaluateList(items: TemplateValue[], pointer: string, scope: Scope): Value[] {
  const out: Value[] = [];
  items.forEach((item, i) => {
    const result = evaluate(item, `${pointer}/${i}`, scope);
    if (result !== NO_VALUE) out.push(result);
  });
  return out;
}

type Fn = (args: TemplateValue, pointer: string, scope: Scope) => Result;

const FUNCTIONS: Record<string, Fn> = {
  Ref: (args, pointer, scope) => scope.ref(nameArgument(args, `${pointer}/Ref`, scope, 'Ref'), pointer),
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::FindInMap': findInMap,
  'Fn::If': fnIf,
  'Fn::Equals': equals,
  'Fn::And': (args, pointer, scope) => logical('Fn::And', args, pointer, scope),
  'Fn::Or': (args, pointer, scope) => logical('Fn::Or', args, pointer, scope),
  'Fn::Not': not,
  'Fn::Base64': base64,
  'Fn::Cidr': cidr,
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
  'Fn::ImportValue': importValue,
  'Fn::GetAZs': (_args, pointer) =>
    new Unknown("unknown until deploy: Fn::GetAZs (the region's Availability Zones)", pointer),
  'Fn::Transform': (_args, pointer) =>
    new Unknown('unknown until deploy: Fn::Transform (a macro runs at deploy)', pointer),
  'Fn::GetStackOutput': (_args, pointer) =>
    new Unknown("unknown until deploy: Fn::GetStackOutput (another stack's output)", pointer),
};

function call(name: string, args: TemplateValue, pointer: string, scope: Scope): Result {
  const fn = FUNCTIONS[name];
  if (fn === undefined)
    throw new InputError(scope.file, `unknown intrinsic function ${name}`, placeOf(pointer, scope.lines));
  return fn(args, pointer, scope);
}

function getAtt(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::GetAtt`;
  let logicalId: string;
  let attribute: string;
  if (typeof args === 'string') {
    // `!GetAtt Broker.Endpoint.Address`: the logical id ends at the first dot, the attribute may hold more.
    const dot = args.indexOf('.');
    if (dot <= 0 || dot === args.length - 1)
      throw new InputError(scope.file, `Fn::GetAtt "${args}": expected LogicalId.Attribute`, placeOf(at, scope.lines));
    [logicalId, attribute] = [args.slice(0, dot), args.slice(dot + 1)];
  } else if (Array.isArray(args) && args.length === 2 && typeof args[0] === 'string') {
    logicalId = args[0];
    const name = evaluate(args[1], `${at}/1`, scope);
    if (isUnknown(name)) return name;
    if (typeof name !== 'string')
      throw new InputError(
        scope.file,
        `Fn::GetAtt: expected an attribute name, found ${describe(name)}`,
        placeOf(`${at}/1`, scope.lines),
      );
    attribute = name;
  } else {
    throw new InputError(
      scope.file,
      'Fn::GetAtt: expected [LogicalId, Attribute] or "LogicalId.Attribute"',
      placeOf(at, scope.lines),
    );
  }

  return scope.getAtt(logicalId, attribute, pointer);
}

function sub(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Sub`;
  const [text, variables] =
    typeof args === 'string'
      ? [args, {}]
      : Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && isTemplateMap(args[1])
        ? [args[0], args[1]]
        : [undefined, {}];
  if (text === undefined)
    throw new InputError(scope.file, 'Fn::Sub: expected a string, or [string, {variables}]', placeOf(at, scope.lines));
  const dynamic = dynamicReference(text, at);
  if (dynamic) return dynamic;

  let out = '';
  let unknown: Unknown | undefined;
  let last = 0;
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    out += text.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1].trim();
    // `${!Literal}` is written as `${Literal}`.
    if (name.startsWith('!')) {
      out += `\${${match[1].slice(match[1].indexOf('!') + 1)}}`;
      continue;
    }

    const value = subVariable(name, variables, at, scope);
    if (isUnknown(value)) unknown ??= value;
    else out += value;
    if (out.length > MAX_STRING_LENGTH) throw tooLong('Fn::Sub', at, scope);
  }

  return unknown ?? out + text.slice(last);
}

function subVariable(
  name: string,
  variables: Record<string, TemplateValue>,
  pointer: string,
  scope: Scope,
): string | Unknown {
  let value: Result;
  if (name in variables) {
    value = evaluate(variables[name], childPointer(`${pointer}/1`, name), scope);
    if (value === NO_VALUE)
      throw new InputError(
        scope.file,
        `Fn::Sub variable ${name}: AWS::NoValue is not a value`,
        placeOf(`${pointer}/1`, scope.lines),
      );
  } else if (name.includes('.') && !name.startsWith('AWS::')) {
    const dot = name.indexOf('.');
    value = scope.getAtt(name.slice(0, dot), name.slice(dot + 1), pointer);
  } else {
    value = scope.ref(name, pointer);
  }

  if (isUnknown(value)) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InputError(
    scope.file,
    `Fn::Sub variable \${${name}}: expected a string, found ${describe(value)}`,
    placeOf(pointer, scope.lines),
  );
}

function join(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Join`;
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string')
    throw new InputError(scope.file, 'Fn::Join: expected [delimiter, [values]]', placeOf(at, scope.lines));
  const list = evaluate(args[1], `${at}/1`, scope);
  if (isUnknown(list)) return list;
  if (!Array.isArray(list))
    throw new InputError(
      scope.file,
      `Fn::Join: expected a list of values, found ${describe(list)}`,
      placeOf(`${at}/1`, scope.lines),
    );
  const parts: string[] = [];
  let total = 0;
  for (const item of list) {
    if (isUnknown(item)) return item;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
      throw new InputError(
        scope.file,
        `Fn::Join: expected strings, found ${describe(item)}`,
        placeOf(`${at}/1`, scope.lines),
      );
    total += String(item).length + args[0].length;
    if (total > MAX_STRING_LENGTH) throw tooLong('Fn::Join', at, scope);
    parts.push(String(item));
  }

  return parts.join(args[0]);
}

function select(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Select`;
  if (!Array.isArray(args) || args.length !== 2)
    throw new InputError(scope.file, 'Fn::Select: expected [index, [values]]', placeOf(at, scope.lines));
  const index = evaluate(args[0], `${at}/0`, scope);
  const list = evaluate(args[1], `${at}/1`, scope);
  if (isUnknown(index)) return index;
  if (isUnknown(list)) return list;
  const i =
    typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : Number.NaN;
  if (!Number.isInteger(i))
    throw new InputError(
      scope.file,
      `Fn::Select: expected an index, found ${describe(index)}`,
      placeOf(`${at}/0`, scope.lines),
    );
  if (!Array.isArray(list))
    throw new InputError(
      scope.file,
      `Fn::Select: expected a list, found ${describe(list)}`,
      placeOf(`${at}/1`, scope.lines),
    );
  if (i >= list.length || list[i] === null)
    throw new InputError(
      scope.file,
      `Fn::Select: index ${i} is out of range for a list of ${list.length}`,
      placeOf(at, scope.lines),
    );
  return list[i];
}

function split(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Split`;
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || args[0] === '')
    throw new InputError(scope.file, 'Fn::Split: expected [delimiter, string]', placeOf(at, scope.lines));
  const source = evaluate(args[1], `${at}/1`, scope);
  if (isUnknown(source)) return source;
  if (typeof source !== 'string')
    throw new InputError(
      scope.file,
      `Fn::Split: expected a string, found ${describe(source)}`,
      placeOf(`${at}/1`, scope.lines),
    );
  return source.split(args[0]);
}

function findInMap(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::FindInMap`;
  if (!Array.isArray(args) || args.length < 3 || args.length > 4)
    throw new InputError(
      scope.file,
      'Fn::FindInMap: expected [MapName, TopLevelKey, SecondLevelKey]',
      placeOf(at, scope.lines),
    );
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) {
    const key = evaluate(args[i], `${at}/${i}`, scope);
    if (isUnknown(key)) return key;
    if (typeof key !== 'string' && typeof key !== 'number')
      throw new InputError(
        scope.file,
        `Fn::FindInMap: expected a key, found ${describe(key)}`,
        placeOf(`${at}/${i}`, scope.lines),
      );
    keys.push(String(key));
  }

  const mapping = scope.mapping(keys[0]);
  const top = isTemplateMap(mapping) ? mapping[keys[1]] : undefined;
  const found = isTemplateMap(top) ? top[keys[2]] : undefined;
  if (found !== undefined)
    return evaluate(found, `/Mappings/${keys.map((k) => childPointer('', k).slice(1)).join('/')}`, scope);
  const options = args[3];
  if (isTemplateMap(options) && 'DefaultValue' in options)
    return evaluate(options.DefaultValue, `${at}/3/DefaultValue`, scope);
  const missing =
    mapping === undefined
      ? `no mapping ${keys[0]}`
      : top === undefined
        ? `mapping ${keys[0]} has no key ${keys[1]}`
        : `mapping ${keys[0]}.${keys[1]} has no key ${keys[2]}`;
  throw new InputError(scope.file, `Fn::FindInMap: ${missing} (and no DefaultValue)`, placeOf(at, scope.lines));
}

function fnIf(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::If`;
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string')
    throw new InputError(
      scope.file,
      'Fn::If: expected [ConditionName, ValueIfTrue, ValueIfFalse]',
      placeOf(at, scope.lines),
    );
  const holds = scope.condition(args[0], `${at}/0`);
  // Never pick a branch for an unknown condition: the value is unknown.
  if (isUnknown(holds)) return new Unknown(`${holds.reason}, which decides Fn::If ${args[0]}`, holds.pointer);
  return holds ? evaluate(args[1], `${at}/1`, scope) : evaluate(args[2], `${at}/2`, scope);
}

function equals(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Equals`;
  if (!Array.isArray(args) || args.length !== 2)
    throw new InputError(scope.file, 'Fn::Equals: expected [value, value]', placeOf(at, scope.lines));
  const a = evaluate(args[0], `${at}/0`, scope);
  const b = evaluate(args[1], `${at}/1`, scope);
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  // Parameters are strings (a Number parameter too): compare what the template wrote as text.
  return canonical(a) === canonical(b);
}

function logical(name: 'Fn::And' | 'Fn::Or', args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/${name}`;
  if (!Array.isArray(args) || args.length < 2 || args.length > 10)
    throw new InputError(scope.file, `${name}: expected 2 to 10 conditions`, placeOf(at, scope.lines));
  const decisive = name === 'Fn::Or';
  let unknown: Unknown | undefined;
  for (const [i, operand] of args.entries()) {
    const value = evaluateCondition(operand, `${at}/${i}`, scope);
    if (isUnknown(value)) unknown ??= value;
    else if (value === decisive) return decisive;
  }

  return unknown ?? !decisive;
}

function not(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Not`;
  if (!Array.isArray(args) || args.length !== 1)
    throw new InputError(scope.file, 'Fn::Not: expected [condition]', placeOf(at, scope.lines));
  const value = evaluateCondition(args[0], `${at}/0`, scope);
  return isUnknown(value) ? value : !value;
}

function base64(args: TemplateValue, pointer: string, scope: Scope): Result {
  const value = evaluate(args, `${pointer}/Fn::Base64`, scope);
  if (isUnknown(value)) return value;
  if (typeof value !== 'string')
    throw new InputError(
      scope.file,
      `Fn::Base64: expected a string, found ${describe(value)}`,
      placeOf(pointer, scope.lines),
    );
  if (value.length > MAX_STRING_LENGTH) throw tooLong('Fn::Base64', pointer, scope);
  return Buffer.from(value, 'utf8').toString('base64');
}

function cidr(args: TemplateValue, pointer: string, scope: Scope): Result {
  const at = `${pointer}/Fn::Cidr`;
  if (!Array.isArray(args) || args.length !== 3)
    throw new InputError(scope.file, 'Fn::Cidr: expected [ipBlock, count, cidrBits]', placeOf(at, scope.lines));
  const values: Result[] = args.map((arg, i) => evaluate(arg, `${at}/${i}`, scope));
  const unknown = values.find((value) => isUnknown(value));
  if (unknown !== undefined) return unknown;
  const [block, count, bits] = values;
  const result = cidrSubnets(shown(block), Number(count), Number(bits));
  if (typeof result === 'string') throw new InputError(scope.file, `Fn::Cidr: ${result}`, placeOf(at, scope.lines));
  return result;
}

function length(args: TemplateValue, pointer: string, scope: Scope): Result {
  const list = evaluate(args, `${pointer}/Fn::Length`, scope);
  if (isUnknown(list)) return list;
  if (!Array.isArray(list))
    throw new InputError(
      scope.file,
      `Fn::Length: expected a list, found ${describe(list)}`,
      placeOf(pointer, scope.lines),
    );
  return list.length;
}

function toJsonString(args: TemplateValue, pointer: string, scope: Scope): Result {
  const value = evaluate(args, `${pointer}/Fn::ToJsonString`, scope);
  if (value === NO_VALUE) return NO_VALUE;
  const unknown = findUnknown(value);
  if (unknown) return unknown;
  const text = JSON.stringify(value);
  if (text.length > MAX_STRING_LENGTH) throw tooLong('Fn::ToJsonString', pointer, scope);
  return text;
}

function importValue(args: TemplateValue, pointer: string, scope: Scope): Result {
  const name = evaluate(args, `${pointer}/Fn::ImportValue`, scope);
  const what = typeof name === 'string' ? ` ${name}` : '';
  return new Unknown(`unknown until deploy: Fn::ImportValue${what}`, pointer);
}

/** `{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`: read at deploy. Secret references are not repeated. */
function dynamicReference(text: string, pointer: string): Unknown | undefined {
  const match = /\{\{resolve:([a-z-]+):([^}]*)\}\}/.exec(text);
  if (!match) return undefined;
  const secret = match[1] !== 'ssm';
  return new Unknown(
    `unknown until deploy: dynamic reference {{resolve:${match[1]}:${secret ? '…' : match[2]}}}`,
    pointer,
  );
}

function nameArgument(args: TemplateValue, pointer: string, scope: Scope, fn: string): string {
  if (typeof args === 'string' && args !== '') return args;
  throw new InputError(scope.file, `${fn}: expected a name, found ${describe(args)}`, placeOf(pointer, scope.lines));
}

function findUnknown(value: Value): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map(findUnknown).find((u) => u !== undefined);
  if (isValueMap(value))
    return Object.values(value)
      .map(findUnknown)
      .find((u) => u !== undefined);
  return undefined;
}

/** The text two values compare as in Fn::Equals. */
function canonical(value: Result): string {
  if (value === NO_VALUE) return '';
  return typeof value === 'string'
    ? value
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
}

export function isTemplateMap(value: TemplateValue | undefined): value is {[key: string]: TemplateValue} {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: Result | undefined): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  if (isValueMap(value)) return 'a map';
  return JSON.stringify(value);
}

function tooLong(fn: string, pointer: string, scope: Scope): InputError {
  return new InputError(
    scope.file,
    `${fn} produces a string longer than ${MAX_STRING_LENGTH} characters`,
    placeOf(pointer, scope.lines),
  );
}
