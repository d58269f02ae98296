/**
 * Resolving configuration references to the ids they will hold: `subnet_ids = [aws_subnet.app.id]` on a new broker
 * becomes the placeholder id of `aws_subnet.app` (created by the same plan) or its known id. References are
 * module-local; `var.*` is chased into the parent's module call and `module.M.O` into the child's output.
 * Anything else (locals, function calls, `each`/`count`, attributes that are not ids) stays unknown — never guessed.
 *
 * Both indexes are built once per plan (maps keyed by address), so every lookup is a map access.
 */
import {placeholderId} from '../../change/types';
import {
  AddressError,
  callPath,
  configAddress,
  formatKey,
  formatModulePath,
  type InstanceKey,
  type ModuleStep,
  parseModuleAddress,
} from './address';
import {arrayAt, isObject, type Json, type JsonObject, objectAt, stringAt} from './json';
import type {AttrPath, IdResolution} from './values';

/** One module of the configuration tree (shared by all instances of its call). */
interface ConfigModule {
  resources: Map<string, JsonObject>;
  calls: Map<string, JsonObject>;
  outputs: JsonObject;
  variables: JsonObject;
}

/** What the plan says about one resource instance, for resolving references to it. */
export interface PlanInstance {
  type: string;
  /** The change creates this object (create, or the new half of a replace): its id is its placeholder. */
  created: boolean;
  /** A data source read at apply time: its values are unknown. */
  readAtApply: boolean;
  /** The id it has (known), when it is not created. */
  id?: string;
  /** Known values after the change (before, for a delete). */
  values?: JsonObject;
}

/** Which attribute holds a type's own id when it is not `id` (a reference to it must name that attribute). */
const ID_ATTRIBUTES: Record<string, string[]> = {
  aws_vpc_security_group_ingress_rule: ['id', 'security_group_rule_id'],
  aws_vpc_security_group_egress_rule: ['id', 'security_group_rule_id'],
  aws_dx_gateway_association: ['dx_gateway_association_id'],
  aws_vpn_gateway_attachment: [],
  aws_route: [],
};

function isIdAttribute(type: string, attribute: string): boolean {
  return (ID_ATTRIBUTES[type] ?? ['id']).includes(attribute);
}

/** A module depth limit for chasing var → module call → output, so a cyclic configuration cannot loop. */
const MAX_CHASE = 64;

export class PlanReferences {
  private readonly modules = new Map<string, ConfigModule>();

  constructor(
    configuration: JsonObject | undefined,
    private readonly instances: ReadonlyMap<string, PlanInstance>,
    private readonly variables: JsonObject | undefined,
  ) {
    const root = objectAt(configuration, 'root_module');
    if (root) this.indexModule(root, '', 0);
  }

  private indexModule(module: JsonObject, path: string, depth: number): void {
    if (depth > MAX_CHASE || this.modules.has(path)) return;
    const resources = new Map<string, JsonObject>();
    for (const resource of arrayAt(module, 'resources') ?? []) {
      const address = stringAt(resource, 'address');
      if (address !== undefined && isObject(resource)) resources.set(address, resource);
    }

    const calls = new Map<string, JsonObject>();
    for (const [name, call] of Object.entries(objectAt(module, 'module_calls') ?? {})) {
      if (isObject(call)) calls.set(name, call);
    }

    this.modules.set(path, {
      resources,
      calls,
      outputs: objectAt(module, 'outputs') ?? {},
      variables: objectAt(module, 'variables') ?? {},
    });
    for (const [name, call] of calls) {
      const child = objectAt(call, 'module');
      if (child) this.indexModule(child, path === '' ? name : `${path}.${name}`, depth + 1);
    }
  }

  /** The configuration block of a resource (by its module path and local address), when the plan has it. */
  configResource(
    modules: readonly ModuleStep[],
    mode: 'data' | 'managed',
    type: string,
    name: string,
  ): JsonObject | undefined {
    return this.modules.get(callPath(modules))?.resources.get(configAddress({mode, type, name}));
  }

  /** Resolves the expression of `attribute` of a resource instance to the ids it references. */
  resolveAttribute(modules: readonly ModuleStep[], config: JsonObject | undefined, path: AttrPath): IdResolution {
    let expression: Json | undefined = objectAt(config, 'expressions');
    for (const step of path) {
      // Nested blocks are objects (single) or arrays of objects (list/set), keyed like the values.
      expression =
        typeof step === 'number'
          ? Array.isArray(expression)
            ? expression[step]
            : undefined
          : isObject(expression)
            ? expression[step]
            : undefined;
    }

    return isObject(expression) ? this.evaluate(expression, modules, 0) : undefined;
  }

  /** Evaluates an expression representation (constant or references) in a module instance. */
  private evaluate(expression: JsonObject, modules: readonly ModuleStep[], depth: number): IdResolution {
    if (depth > MAX_CHASE) return undefined;
    if ('constant_value' in expression) {
      const constant = expression.constant_value;
      if (typeof constant === 'string') return {ids: [constant], targets: []};
      if (Array.isArray(constant) && constant.every((v) => typeof v === 'string')) return {ids: constant, targets: []};
      return undefined;
    }

    const references = arrayAt(expression, 'references');
    if (!references || references.length === 0) return undefined;
    const ids: string[] = [];
    const targets: string[] = [];
    for (const leaf of leafReferences(references.filter((r): r is string => typeof r === 'string'))) {
      const resolved = this.resolveReference(leaf, modules, depth);
      if (!resolved) return undefined;
      ids.push(...resolved.ids);
      targets.push(...resolved.targets);
    }

    return {ids, targets};
  }

  private resolveReference(reference: string, modules: readonly ModuleStep[], depth: number): IdResolution {
    let steps: TraversalStep[];
    try {
      steps = parseTraversal(reference);
    } catch {
      return undefined;
    }

    const [first] = steps;
    if (first.name === 'var' && steps.length === 2 && steps[1].keys.length === 0)
      return this.resolveVariable(steps[1].name, modules, depth);
    if (first.name === 'module' && steps.length === 3 && steps[2].keys.length === 0)
      return this.resolveOutput(steps[1], steps[2].name, modules, depth);
    if (first.name === 'data' && steps.length === 4)
      return this.resolveResource('data', steps[1], steps[2], steps[3], modules);
    if (!NOT_RESOURCES.has(first.name) && steps.length === 3)
      return this.resolveResource('managed', first, steps[1], steps[2], modules);
    return undefined;
  }

  private resolveResource(
    mode: 'data' | 'managed',
    type: TraversalStep,
    name: TraversalStep,
    attribute: TraversalStep,
    modules: readonly ModuleStep[],
  ): IdResolution {
    if (type.keys.length > 0 || name.keys.length > 1 || attribute.keys.length > 0) return undefined;
    if (!isIdAttribute(type.name, attribute.name)) return undefined;
    const key = name.keys[0];
    const config = this.configResource(modules, mode, type.name, name.name);
    // Without a key, a counted resource denotes all its instances (a collection, not an id).
    if (
      key === undefined &&
      config &&
      (config.count_expression !== undefined || config.for_each_expression !== undefined)
    )
      return undefined;
    const local = `${configAddress({mode, type: type.name, name: name.name})}${key === undefined ? '' : formatKey(key)}`;
    const address = modules.length === 0 ? local : `${formatModulePath(modules)}.${local}`;
    const instance = this.instances.get(address);
    if (!instance || instance.readAtApply) return undefined;
    if (instance.created) return {ids: [placeholderId(address)], targets: [address]};
    return instance.id === undefined ? undefined : {ids: [instance.id], targets: [address]};
  }

  private resolveVariable(name: string, modules: readonly ModuleStep[], depth: number): IdResolution {
    // A sensitive variable never becomes an id in the output.
    if (objectAt(this.modules.get(callPath(modules))?.variables, name)?.sensitive === true) return undefined;
    if (modules.length === 0) {
      const value = objectAt(this.variables, name)?.value;
      if (typeof value === 'string') return {ids: [value], targets: []};
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return {ids: value, targets: []};
      return undefined;
    }

    const parent = modules.slice(0, -1);
    const callName = modules.at(-1)!.name;
    const call = this.modules.get(callPath(parent))?.calls.get(callName);
    const argument = objectAt(objectAt(call, 'expressions'), name);
    if (argument) return this.evaluate(argument, parent, depth + 1);
    const fallback = objectAt(this.modules.get(callPath(modules))?.variables, name);
    return fallback && 'default' in fallback
      ? this.evaluate({constant_value: fallback.default}, modules, depth + 1)
      : undefined;
  }

  private resolveOutput(
    call: TraversalStep,
    output: string,
    modules: readonly ModuleStep[],
    depth: number,
  ): IdResolution {
    if (call.keys.length > 1) return undefined;
    const callConfig = this.modules.get(callPath(modules))?.calls.get(call.name);
    if (!callConfig) return undefined;
    const key = call.keys[0];
    if (
      key === undefined &&
      (callConfig.count_expression !== undefined || callConfig.for_each_expression !== undefined)
    )
      return undefined;
    const expression = objectAt(objectAt(objectAt(objectAt(callConfig, 'module'), 'outputs'), output), 'expression');
    if (!expression) return undefined;
    const step: ModuleStep =
      key === undefined ? {name: call.name} : {name: call.name, key, keyText: formatKey(key).slice(1, -1)};
    return this.evaluate(expression, [...modules, step], depth + 1);
  }

  /**
   * The region a resource's provider configuration sets, when it is a constant (or a variable that is one).
   * Modules name the provider configuration they were passed (`aws.west`); older plans write `module.x:aws`.
   */
  providerRegion(
    modules: readonly ModuleStep[],
    config: JsonObject | undefined,
    providers: JsonObject | undefined,
  ): string | undefined {
    const key = stringAt(config, 'provider_config_key') ?? soleProviderKey(providers);
    if (key === undefined) return undefined;
    const provider = objectAt(providers, key) ?? objectAt(providers, key.replace(/^.*:/, ''));
    const expression = objectAt(objectAt(provider, 'expressions'), 'region');
    if (!expression) return undefined;
    let providerModules: ModuleStep[] = [];
    try {
      const declaredIn = parseModuleAddress(stringAt(provider, 'module_address') ?? '');
      // The provider block sits in an ancestor of the resource: take the instance keys from the resource's path.
      providerModules = modules.slice(0, declaredIn.length);
    } catch (error) {
      if (!(error instanceof AddressError)) throw error;
    }

    const resolved = this.evaluate(expression, providerModules, 0);
    return resolved?.ids.length === 1 && resolved.targets.length === 0 ? resolved.ids[0] : undefined;
  }
}

/**
 * A resource no longer in the configuration (a delete) names no provider configuration; when the plan has exactly
 * one AWS provider configuration, that is the one.
 */
function soleProviderKey(providers: JsonObject | undefined): string | undefined {
  const aws = Object.entries(providers ?? {}).filter(([, provider]) => stringAt(provider, 'name') === 'aws');
  return aws.length === 1 ? aws[0][0] : undefined;
}

const NOT_RESOURCES = new Set(['count', 'data', 'each', 'local', 'module', 'path', 'self', 'terraform', 'var']);

/**
 * The longest traversals of a `references` list: Terraform lists every traversal together with its shorter
 * prefixes (`aws_subnet.a[0].id`, `aws_subnet.a[0]`, `aws_subnet.a`); a prefix is not a reference of its own.
 * Linear in the total length of the entries.
 */
export function leafReferences(references: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const reference of references) {
    let inString = false;
    for (let i = 1; i < reference.length; i += 1) {
      const c = reference[i];
      if (inString) {
        if (c === '\\') i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === '.' || c === '[') {
        prefixes.add(reference.slice(0, i));
      }
    }
  }

  return [...new Set(references)].filter((r) => !prefixes.has(r));
}

export interface TraversalStep {
  name: string;
  keys: InstanceKey[];
}

/** `module.net["eu"].sg_id` → [{module}, {net, ["eu"]}, {sg_id}]; keys are literal (a dynamic index ends a reference). */
export function parseTraversal(text: string): TraversalStep[] {
  const steps: TraversalStep[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const start = pos;
    while (pos < text.length && text[pos] !== '.' && text[pos] !== '[') pos += 1;
    const name = text.slice(start, pos);
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new AddressError(`invalid reference ${JSON.stringify(text)}`);
    const keys: InstanceKey[] = [];
    while (text[pos] === '[') {
      const close = findClose(text, pos);
      const inner = text.slice(pos + 1, close);
      keys.push(/^\d+$/.test(inner) ? Number(inner) : (JSON.parse(inner) as string));
      pos = close + 1;
    }

    steps.push({name, keys});
    if (pos >= text.length) break;
    if (text[pos] !== '.') throw new AddressError(`invalid reference ${JSON.stringify(text)}`);
    pos += 1;
  }

  return steps;
}

function findClose(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ']') {
      return i;
    }
  }

  throw new AddressError(`unclosed "[" in ${JSON.stringify(text)}`);
}
