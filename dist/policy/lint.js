"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.triviality = triviality;
exports.lintPolicy = lintPolicy;
/**
 * Policy lint: what JSON Schema itself does not catch. A misspelt property name in an assertion is not an error to
 * JSON Schema (the property is simply never there, so the assertion passes): for a gate, a silent pass is the worst
 * failure. Every property path a policy reads (appliesTo, assert, requires, message placeholders) is checked
 * against the broker document's schema (schemas/broker-document.schema.json), and so are const/enum values that
 * can never match, assertions that can never fail and an appliesTo that can never match. See docs/policies.md#lint.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const package_paths_1 = require("../foundation/package-paths");
const nearest_1 = require("../foundation/nearest");
let documentSchema;
function brokerDocumentSchema() {
    documentSchema ??= JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(package_paths_1.SCHEMAS, 'broker-document.schema.json'), 'utf8'));
    return documentSchema;
}
/** A node of the document schema with $ref and `anyOf: [X, null]` resolved; undefined for "anything". */
function resolve(node) {
    let current = node;
    for (let i = 0; i < 8 && current; i++) {
        if (typeof current.$ref === 'string') {
            const name = current.$ref.replace('#/$defs/', '');
            current = brokerDocumentSchema().$defs[name];
        }
        else if (Array.isArray(current.anyOf)) {
            current = current.anyOf.find((branch) => branch.type !== 'null');
        }
        else
            break;
    }
    if (!current || Object.keys(current).length === 0)
        return undefined;
    return current;
}
function typesOf(node) {
    return node.type === undefined ? [] : [node.type].flat();
}
/** The schema of a member of an object node: {found}, {open} for an open map, or undefined when there is none. */
function member(node, name) {
    if (!node)
        return { node: undefined };
    const types = typesOf(node);
    if (types.length > 0 && !types.includes('object'))
        return undefined;
    const properties = node.properties;
    if (properties && Object.hasOwn(properties, name))
        return { node: resolve(properties[name]) };
    if (node.additionalProperties !== false && node.additionalProperties !== undefined)
        return { node: resolve(node.additionalProperties) };
    if (node.additionalProperties === undefined && !properties)
        return { node: undefined };
    return undefined;
}
function names(node) {
    return Object.keys(node?.properties ?? {});
}
function notAMember(name, where, node) {
    const candidates = names(node);
    const close = (0, nearest_1.nearest)(name, candidates);
    const of = where === '' ? 'the broker document' : `${where} in the broker document`;
    const types = node ? typesOf(node).filter((t) => t !== 'null') : [];
    if (candidates.length === 0)
        return `"${name}" is not a property of ${of}: it is ${types.join(' or ') || 'not an object'}`;
    const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : `its properties are ${candidates.join(', ')}`;
    return `"${name}" is not a property of ${of}; ${hint}`;
}
function escape(key) {
    return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
function same(a, b) {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
}
function jsonType(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
}
const ANNOTATIONS = new Set([
    '$schema',
    '$id',
    '$comment',
    '$defs',
    'definitions',
    'title',
    'description',
    'default',
    'examples',
    'deprecated',
    'readOnly',
    'writeOnly',
]);
/** true: the schema accepts every document; false: none; undefined: it depends on the document. */
function triviality(schema) {
    if (typeof schema === 'boolean')
        return schema;
    if (schema === null || typeof schema !== 'object')
        return undefined;
    const node = schema;
    const keywords = Object.keys(node).filter((k) => !ANNOTATIONS.has(k));
    let always = true;
    for (const keyword of keywords) {
        const value = node[keyword];
        switch (keyword) {
            case 'properties':
            case 'patternProperties': {
                // Members constrain only when present: a member schema that is always true constrains nothing.
                for (const child of Object.values(value))
                    if (triviality(child) !== true)
                        always = false;
                break;
            }
            case 'allOf': {
                const each = value.map(triviality);
                if (each.includes(false))
                    return false;
                if (!each.every((t) => t === true))
                    always = false;
                break;
            }
            case 'anyOf': {
                const each = value.map(triviality);
                if (each.every((t) => t === false))
                    return false;
                if (!each.includes(true))
                    always = false;
                break;
            }
            case 'not': {
                const inner = triviality(value);
                if (inner === true)
                    return false;
                if (inner !== false)
                    always = false;
                break;
            }
            case 'if': {
                const then = node.then === undefined ? true : triviality(node.then);
                const otherwise = node.else === undefined ? true : triviality(node.else);
                if (!(then === true && otherwise === true))
                    always = false;
                break;
            }
            case 'then':
            case 'else':
                if (node.if === undefined)
                    break; // ignored without if
                break;
            case 'enum':
                if (Array.isArray(value) && value.length === 0)
                    return false;
                always = false;
                break;
            case 'required':
                if (Array.isArray(value) && value.length === 0)
                    break;
                always = false;
                break;
            default:
                always = false;
        }
    }
    return always ? true : undefined;
}
class Linter {
    root;
    rootPointer;
    problems = [];
    visiting = new Set();
    constructor(root, rootPointer) {
        this.root = root;
        this.rootPointer = rootPointer;
    }
    walk(schema, doc, where, pointer) {
        if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
            return;
        const node = schema;
        if (typeof node.$ref === 'string' && node.$ref.startsWith('#'))
            this.followRef(node.$ref, doc, where);
        const at = (key) => `${pointer}/${escape(key)}`;
        const childWhere = (name) => (where === '' ? name : `${where}.${name}`);
        if (node.properties && typeof node.properties === 'object') {
            for (const [name, child] of Object.entries(node.properties)) {
                const found = member(doc, name);
                if (!found) {
                    this.problems.push({ pointer: `${at('properties')}/${escape(name)}`, problem: notAMember(name, where, doc) });
                    continue;
                }
                this.walk(child, found.node, childWhere(name), `${at('properties')}/${escape(name)}`);
            }
        }
        if (Array.isArray(node.required)) {
            node.required.forEach((name, index) => {
                if (typeof name === 'string' && !member(doc, name))
                    this.problems.push({ pointer: `${at('required')}/${index}`, problem: notAMember(name, where, doc) });
            });
        }
        if (node.patternProperties && typeof node.patternProperties === 'object') {
            for (const [pattern, child] of Object.entries(node.patternProperties)) {
                const fixed = /^\^([\w-]+)\$$/.exec(pattern)?.[1];
                if (fixed !== undefined) {
                    const found = member(doc, fixed);
                    if (!found)
                        this.problems.push({
                            pointer: `${at('patternProperties')}/${escape(pattern)}`,
                            problem: notAMember(fixed, where, doc),
                        });
                    else
                        this.walk(child, found.node, childWhere(fixed), `${at('patternProperties')}/${escape(pattern)}`);
                }
                else
                    this.walk(child, undefined, childWhere('*'), `${at('patternProperties')}/${escape(pattern)}`);
            }
        }
        for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
            if (Array.isArray(node[keyword]))
                node[keyword].forEach((child, index) => this.walk(child, doc, where, `${at(keyword)}/${index}`));
        }
        for (const keyword of ['not', 'if', 'then', 'else'])
            if (node[keyword] !== undefined)
                this.walk(node[keyword], doc, where, at(keyword));
        const items = doc && typesOf(doc).includes('array') ? resolve(doc.items) : undefined;
        if (node.items !== undefined && typeof node.items === 'object')
            this.walk(node.items, items, `${where}[]`, at('items'));
        if (node.contains !== undefined)
            this.walk(node.contains, items, `${where}[]`, at('contains'));
        if (Array.isArray(node.prefixItems))
            node.prefixItems.forEach((child, index) => this.walk(child, items, `${where}[${index}]`, `${at('prefixItems')}/${index}`));
        if (doc) {
            if ('const' in node)
                this.checkValue(node.const, doc, where, at('const'));
            if (Array.isArray(node.enum))
                node.enum.forEach((value, index) => this.checkValue(value, doc, where, `${at('enum')}/${index}`));
        }
    }
    checkValue(value, doc, where, pointer) {
        const what = where === '' ? 'the broker document' : where;
        if (Array.isArray(doc.enum)) {
            if (doc.enum.some((allowed) => same(allowed, value)))
                return;
            const strings = doc.enum.filter((v) => typeof v === 'string');
            const close = typeof value === 'string' ? (0, nearest_1.nearest)(value, strings) : [];
            this.problems.push({
                pointer,
                problem: `${JSON.stringify(value)} can never match ${what}: its values are ${doc.enum.map((v) => JSON.stringify(v)).join(', ')}${close.length > 0 ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : ''}`,
            });
            return;
        }
        if (doc.const !== undefined) {
            if (!same(doc.const, value))
                this.problems.push({
                    pointer,
                    problem: `${JSON.stringify(value)} can never match ${what}: it is always ${JSON.stringify(doc.const)}`,
                });
            return;
        }
        const types = typesOf(doc);
        const type = jsonType(value);
        if (types.length > 0 && !types.includes(type) && !(type === 'integer' && types.includes('number'))) {
            this.problems.push({
                pointer,
                problem: `${JSON.stringify(value)} can never match ${what}: it is of type ${types.join(' or ')}, not ${type}`,
            });
        }
    }
    followRef(ref, doc, where) {
        const key = `${ref}|${where}`;
        if (this.visiting.has(key))
            return;
        this.visiting.add(key);
        const steps = ref
            .slice(1)
            .split('/')
            .slice(1)
            .map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
        let target = this.root;
        for (const step of steps)
            target = target !== null && typeof target === 'object' ? target[step] : undefined;
        if (target !== undefined)
            this.walk(target, doc, where, `${this.rootPointer}${ref.slice(1)}`);
        this.visiting.delete(key);
    }
}
/** Checks a path of names (a `requires` pointer, a placeholder) against the document; the problem, or undefined. */
function checkPath(steps) {
    let doc = resolve(brokerDocumentSchema());
    let where = '';
    for (const step of steps) {
        if (doc && typesOf(doc).includes('array') && /^\d+$/.test(step)) {
            doc = resolve(doc.items);
            where = `${where}[${step}]`;
            continue;
        }
        const found = member(doc, step);
        if (!found)
            return notAMember(step, where, doc);
        doc = found.node;
        where = where === '' ? step : `${where}.${step}`;
    }
    return undefined;
}
/**
 * The lint problems of a policy whose assertions (parameters substituted) are `schemas`. Pointers are into the
 * policy file.
 */
function lintPolicy(policy, schemas) {
    const problems = [];
    const documentRoot = resolve(brokerDocumentSchema());
    for (const [place, schema] of [
        ['appliesTo', schemas.appliesTo],
        ['assert', schemas.assert],
    ]) {
        if (schema === undefined)
            continue;
        const linter = new Linter(schema, `/${place}`);
        linter.walk(schema, documentRoot, '', `/${place}`);
        problems.push(...linter.problems);
    }
    if (triviality(schemas.assert) === true) {
        problems.push({
            pointer: '/assert',
            problem: 'the assertion can never fail: it constrains nothing any broker document has, so every broker would pass',
        });
    }
    if (schemas.appliesTo !== undefined && triviality(schemas.appliesTo) === false) {
        problems.push({ pointer: '/appliesTo', problem: 'appliesTo can never match: every broker would be not_applicable' });
    }
    (policy.requires ?? []).forEach((pointer, index) => {
        const steps = pointer
            .split('/')
            .slice(1)
            .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
        const problem = checkPath(steps);
        if (problem)
            problems.push({ pointer: `/requires/${index}`, problem });
    });
    for (const kind of ['fail', 'pass']) {
        const template = policy.messages?.[kind];
        if (!template)
            continue;
        for (const match of template.matchAll(/{{\s*([\w.-]+)\s*}}/g)) {
            const problem = checkPath(match[1].split('.'));
            if (problem)
                problems.push({ pointer: `/messages/${kind}`, problem: `placeholder {{${match[1]}}}: ${problem}` });
        }
    }
    return problems;
}
