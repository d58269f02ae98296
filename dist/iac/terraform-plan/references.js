"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PlanReferences = void 0;
exports.leafReferences = leafReferences;
exports.parseTraversal = parseTraversal;
/**
 * Resolving configuration references to the ids they will hold: `subnet_ids = [aws_subnet.app.id]` on a new broker
 * becomes the placeholder id of `aws_subnet.app` (created by the same plan) or its known id. References are
 * module-local; `var.*` is chased into the parent's module call and `module.M.O` into the child's output.
 * Anything else (locals, function calls, `each`/`count`, attributes that are not ids) stays unknown — never guessed.
 *
 * Both indexes are built once per plan (maps keyed by address), so every lookup is a map access.
 */
const types_1 = require("../../change/types");
const address_1 = require("./address");
const json_1 = require("./json");
/** Which attribute holds a type's own id when it is not `id` (a reference to it must name that attribute). */
const ID_ATTRIBUTES = {
    aws_vpc_security_group_ingress_rule: ['id', 'security_group_rule_id'],
    aws_vpc_security_group_egress_rule: ['id', 'security_group_rule_id'],
    aws_dx_gateway_association: ['dx_gateway_association_id'],
    aws_vpn_gateway_attachment: [],
    aws_route: [],
};
function isIdAttribute(type, attribute) {
    return (ID_ATTRIBUTES[type] ?? ['id']).includes(attribute);
}
/** A module depth limit for chasing var → module call → output, so a cyclic configuration cannot loop. */
const MAX_CHASE = 64;
class PlanReferences {
    instances;
    variables;
    modules = new Map();
    constructor(configuration, instances, variables) {
        this.instances = instances;
        this.variables = variables;
        const root = (0, json_1.objectAt)(configuration, 'root_module');
        if (root)
            this.indexModule(root, '', 0);
    }
    indexModule(module, path, depth) {
        if (depth > MAX_CHASE || this.modules.has(path))
            return;
        const resources = new Map();
        for (const resource of (0, json_1.arrayAt)(module, 'resources') ?? []) {
            const address = (0, json_1.stringAt)(resource, 'address');
            if (address !== undefined && (0, json_1.isObject)(resource))
                resources.set(address, resource);
        }
        const calls = new Map();
        for (const [name, call] of Object.entries((0, json_1.objectAt)(module, 'module_calls') ?? {})) {
            if ((0, json_1.isObject)(call))
                calls.set(name, call);
        }
        this.modules.set(path, {
            resources,
            calls,
            outputs: (0, json_1.objectAt)(module, 'outputs') ?? {},
            variables: (0, json_1.objectAt)(module, 'variables') ?? {},
        });
        for (const [name, call] of calls) {
            const child = (0, json_1.objectAt)(call, 'module');
            if (child)
                this.indexModule(child, path === '' ? name : `${path}.${name}`, depth + 1);
        }
    }
    /** The configuration block of a resource (by its module path and local address), when the plan has it. */
    configResource(modules, mode, type, name) {
        return this.modules.get((0, address_1.callPath)(modules))?.resources.get((0, address_1.configAddress)({ mode, type, name }));
    }
    /** Resolves the expression of `attribute` of a resource instance to the ids it references. */
    resolveAttribute(modules, config, path) {
        let expression = (0, json_1.objectAt)(config, 'expressions');
        for (const step of path) {
            // Nested blocks are objects (single) or arrays of objects (list/set), keyed like the values.
            expression =
                typeof step === 'number'
                    ? Array.isArray(expression)
                        ? expression[step]
                        : undefined
                    : (0, json_1.isObject)(expression)
                        ? expression[step]
                        : undefined;
        }
        return (0, json_1.isObject)(expression) ? this.evaluate(expression, modules, 0) : undefined;
    }
    /** Evaluates an expression representation (constant or references) in a module instance. */
    evaluate(expression, modules, depth) {
        if (depth > MAX_CHASE)
            return undefined;
        if ('constant_value' in expression) {
            const constant = expression.constant_value;
            if (typeof constant === 'string')
                return { ids: [constant], targets: [] };
            if (Array.isArray(constant) && constant.every((v) => typeof v === 'string'))
                return { ids: constant, targets: [] };
            return undefined;
        }
        const references = (0, json_1.arrayAt)(expression, 'references');
        if (!references || references.length === 0)
            return undefined;
        const ids = [];
        const targets = [];
        for (const leaf of leafReferences(references.filter((r) => typeof r === 'string'))) {
            const resolved = this.resolveReference(leaf, modules, depth);
            if (!resolved)
                return undefined;
            ids.push(...resolved.ids);
            targets.push(...resolved.targets);
        }
        return { ids, targets };
    }
    resolveReference(reference, modules, depth) {
        let steps;
        try {
            steps = parseTraversal(reference);
        }
        catch {
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
    resolveResource(mode, type, name, attribute, modules) {
        if (type.keys.length > 0 || name.keys.length > 1 || attribute.keys.length > 0)
            return undefined;
        if (!isIdAttribute(type.name, attribute.name))
            return undefined;
        const key = name.keys[0];
        const config = this.configResource(modules, mode, type.name, name.name);
        // Without a key, a counted resource denotes all its instances (a collection, not an id).
        if (key === undefined &&
            config &&
            (config.count_expression !== undefined || config.for_each_expression !== undefined))
            return undefined;
        const local = `${(0, address_1.configAddress)({ mode, type: type.name, name: name.name })}${key === undefined ? '' : (0, address_1.formatKey)(key)}`;
        const address = modules.length === 0 ? local : `${(0, address_1.formatModulePath)(modules)}.${local}`;
        const instance = this.instances.get(address);
        if (!instance || instance.readAtApply)
            return undefined;
        if (instance.created)
            return { ids: [(0, types_1.placeholderId)(address)], targets: [address] };
        return instance.id === undefined ? undefined : { ids: [instance.id], targets: [address] };
    }
    resolveVariable(name, modules, depth) {
        // A sensitive variable never becomes an id in the output.
        if ((0, json_1.objectAt)(this.modules.get((0, address_1.callPath)(modules))?.variables, name)?.sensitive === true)
            return undefined;
        if (modules.length === 0) {
            const value = (0, json_1.objectAt)(this.variables, name)?.value;
            if (typeof value === 'string')
                return { ids: [value], targets: [] };
            if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
                return { ids: value, targets: [] };
            return undefined;
        }
        const parent = modules.slice(0, -1);
        const callName = modules.at(-1).name;
        const call = this.modules.get((0, address_1.callPath)(parent))?.calls.get(callName);
        const argument = (0, json_1.objectAt)((0, json_1.objectAt)(call, 'expressions'), name);
        if (argument)
            return this.evaluate(argument, parent, depth + 1);
        const fallback = (0, json_1.objectAt)(this.modules.get((0, address_1.callPath)(modules))?.variables, name);
        return fallback && 'default' in fallback
            ? this.evaluate({ constant_value: fallback.default }, modules, depth + 1)
            : undefined;
    }
    resolveOutput(call, output, modules, depth) {
        if (call.keys.length > 1)
            return undefined;
        const callConfig = this.modules.get((0, address_1.callPath)(modules))?.calls.get(call.name);
        if (!callConfig)
            return undefined;
        const key = call.keys[0];
        if (key === undefined &&
            (callConfig.count_expression !== undefined || callConfig.for_each_expression !== undefined))
            return undefined;
        const expression = (0, json_1.objectAt)((0, json_1.objectAt)((0, json_1.objectAt)((0, json_1.objectAt)(callConfig, 'module'), 'outputs'), output), 'expression');
        if (!expression)
            return undefined;
        const step = key === undefined ? { name: call.name } : { name: call.name, key, keyText: (0, address_1.formatKey)(key).slice(1, -1) };
        return this.evaluate(expression, [...modules, step], depth + 1);
    }
    /**
     * The region a resource's provider configuration sets, when it is a constant (or a variable that is one).
     * Modules name the provider configuration they were passed (`aws.west`); older plans write `module.x:aws`.
     */
    providerRegion(modules, config, providers) {
        const key = (0, json_1.stringAt)(config, 'provider_config_key') ?? soleProviderKey(providers);
        if (key === undefined)
            return undefined;
        const provider = (0, json_1.objectAt)(providers, key) ?? (0, json_1.objectAt)(providers, key.replace(/^.*:/, ''));
        const expression = (0, json_1.objectAt)((0, json_1.objectAt)(provider, 'expressions'), 'region');
        if (!expression)
            return undefined;
        let providerModules = [];
        try {
            const declaredIn = (0, address_1.parseModuleAddress)((0, json_1.stringAt)(provider, 'module_address') ?? '');
            // The provider block sits in an ancestor of the resource: take the instance keys from the resource's path.
            providerModules = modules.slice(0, declaredIn.length);
        }
        catch (error) {
            if (!(error instanceof address_1.AddressError))
                throw error;
        }
        const resolved = this.evaluate(expression, providerModules, 0);
        return resolved?.ids.length === 1 && resolved.targets.length === 0 ? resolved.ids[0] : undefined;
    }
}
exports.PlanReferences = PlanReferences;
/**
 * A resource no longer in the configuration (a delete) names no provider configuration; when the plan has exactly
 * one AWS provider configuration, that is the one.
 */
function soleProviderKey(providers) {
    const aws = Object.entries(providers ?? {}).filter(([, provider]) => (0, json_1.stringAt)(provider, 'name') === 'aws');
    return aws.length === 1 ? aws[0][0] : undefined;
}
const NOT_RESOURCES = new Set(['count', 'data', 'each', 'local', 'module', 'path', 'self', 'terraform', 'var']);
/**
 * The longest traversals of a `references` list: Terraform lists every traversal together with its shorter
 * prefixes (`aws_subnet.a[0].id`, `aws_subnet.a[0]`, `aws_subnet.a`); a prefix is not a reference of its own.
 * Linear in the total length of the entries.
 */
function leafReferences(references) {
    const prefixes = new Set();
    for (const reference of references) {
        let inString = false;
        for (let i = 1; i < reference.length; i += 1) {
            const c = reference[i];
            if (inString) {
                if (c === '\\')
                    i += 1;
                else if (c === '"')
                    inString = false;
            }
            else if (c === '"') {
                inString = true;
            }
            else if (c === '.' || c === '[') {
                prefixes.add(reference.slice(0, i));
            }
        }
    }
    return [...new Set(references)].filter((r) => !prefixes.has(r));
}
/** `module.net["eu"].sg_id` → [{module}, {net, ["eu"]}, {sg_id}]; keys are literal (a dynamic index ends a reference). */
function parseTraversal(text) {
    const steps = [];
    let pos = 0;
    while (pos <= text.length) {
        const start = pos;
        while (pos < text.length && text[pos] !== '.' && text[pos] !== '[')
            pos += 1;
        const name = text.slice(start, pos);
        if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
            throw new address_1.AddressError(`invalid reference ${JSON.stringify(text)}`);
        const keys = [];
        while (text[pos] === '[') {
            const close = findClose(text, pos);
            const inner = text.slice(pos + 1, close);
            keys.push(/^\d+$/.test(inner) ? Number(inner) : JSON.parse(inner));
            pos = close + 1;
        }
        steps.push({ name, keys });
        if (pos >= text.length)
            break;
        if (text[pos] !== '.')
            throw new address_1.AddressError(`invalid reference ${JSON.stringify(text)}`);
        pos += 1;
    }
    return steps;
}
function findClose(text, open) {
    let inString = false;
    for (let i = open + 1; i < text.length; i += 1) {
        const c = text[i];
        if (inString) {
            if (c === '\\')
                i += 1;
            else if (c === '"')
                inString = false;
        }
        else if (c === '"') {
            inString = true;
        }
        else if (c === ']') {
            return i;
        }
    }
    throw new address_1.AddressError(`unclosed "[" in ${JSON.stringify(text)}`);
}
