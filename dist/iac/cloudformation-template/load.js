"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_NESTING_DEPTH = exports.MAX_TEMPLATE_BYTES = void 0;
exports.loadTemplate = loadTemplate;
/**
 * Loading a CloudFormation template (YAML 1.1 with short-form tags, or JSON; CDK's `*.template.json` is plain JSON)
 * into plain values with long-form intrinsics (`!Ref X` → `{Ref: X}`), and the line of every value, so the
 * evaluator can name places and the edits can carry `definedAt`.
 *
 * Bounded: the file size, the nesting depth (checked on the text before the parser recurses: the `yaml` parser
 * needs seconds for a million nested brackets) and the number of values produced (YAML aliases can multiply them).
 */
const yaml_1 = require("yaml");
const errors_1 = require("../../foundation/errors");
const json_input_1 = require("../../foundation/json-input");
const cloudformation_1 = require("../cloudformation");
const lines_1 = require("../lines");
const places_1 = require("./places");
/** 4× CloudFormation's own 1 MB limit (templates uploaded to S3): synthesized or pretty-printed output is never refused, and parsing stays well under a second. */
exports.MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
/** Real templates nest about 15 deep (a policy document in a resource); 64 leaves room and keeps recursion shallow. */
exports.MAX_NESTING_DEPTH = 64;
/** Values produced from the document, aliases expanded: a few per byte of a 4 MiB file at most, unless aliases multiply them. */
const MAX_VALUES = 2_000_000;
const MAX_ALIASES = 1000;
function loadTemplate(text, file) {
    if (text.length > exports.MAX_TEMPLATE_BYTES)
        throw new errors_1.InputError(file, `the template is ${text.length} bytes, more than the ${exports.MAX_TEMPLATE_BYTES} read (CloudFormation itself takes at most 1 MB)`);
    if (text.trim() === '')
        throw new errors_1.InputError(file, 'the file is empty: expected a CloudFormation template (YAML or JSON)');
    const json = text.trimStart().startsWith('{');
    const index = new lines_1.LineIndex(text);
    checkFlowDepth(text, file, index);
    // YAML's flow syntax forgives what JSON (and CloudFormation's JSON parser) does not, such as trailing commas.
    if (json)
        (0, json_input_1.parseJson)(text, file, 'the template');
    const document = (0, cloudformation_1.parseTemplateDocument)(text, json);
    if (document.errors.length > 0) {
        const error = document.errors[0];
        const offset = Math.min(error.pos[0], Math.max(0, text.trimEnd().length - 1));
        throw new errors_1.InputError(file, `${json ? 'JSON' : 'YAML'} syntax error: ${error.message.split('\n')[0]}`, `line ${index.line(offset)}, column ${index.column(offset)}`);
    }
    const lines = new Map();
    const converter = new Converter(document, text, file, index, lines);
    const root = converter.convert(document.contents, '', 0);
    const rootMap = asMap(root);
    const notTemplate = notATemplateReason(rootMap);
    if (notTemplate)
        throw new errors_1.InputError(file, `not a CloudFormation template: ${notTemplate}`);
    const warnings = [];
    const resources = loadResources(rootMap, document, file, index, lines, warnings);
    return { file, root: rootMap, resources, lines, warnings };
}
/** Why a parsed document is not a template (a workflow, a manifest, a plan …), or undefined when it is one. */
function notATemplateReason(root) {
    const expected = 'expected a map with `Resources`, each resource with a `Type` (AWS::…)';
    if (root === undefined)
        return `the document is not a map; ${expected}`;
    const hint = lookalike(root);
    const resources = asMap(root.Resources);
    if (resources === undefined)
        return `${hint ?? 'it has no `Resources` map'}; ${expected}`;
    const typed = Object.values(resources).some((body) => typeof asMap(body)?.Type === 'string');
    if (!typed)
        return `${hint ?? (Object.keys(resources).length === 0 ? '`Resources` is empty' : 'no resource has a `Type`')}; ${expected}`;
    return undefined;
}
function lookalike(root) {
    // YAML 1.1 reads a workflow's `on:` key as the boolean true.
    if ('jobs' in root && ('on' in root || 'true' in root))
        return 'it looks like a GitHub Actions workflow';
    if ('apiVersion' in root && 'kind' in root)
        return 'it looks like a Kubernetes manifest';
    if ('format_version' in root && ('resource_changes' in root || 'planned_values' in root))
        return 'it looks like a Terraform plan (give it with --plan)';
    if (root.kind === 'mq-audit/inventory')
        return 'it is an mq-audit inventory';
    return undefined;
}
function loadResources(root, document, file, index, lines, warnings) {
    const resourcesNode = document.contents.get('Resources', true);
    const resources = root.Resources;
    const loaded = [];
    for (const pair of resourcesNode.items) {
        const logicalId = String((0, yaml_1.isScalar)(pair.key) ? pair.key.value : pair.key);
        const pointer = (0, places_1.childPointer)('/Resources', logicalId);
        if (logicalId.startsWith('Fn::ForEach::')) {
            warnings.push({
                pointer,
                line: lines.get(pointer),
                message: `${logicalId} (AWS::LanguageExtensions) is not expanded: the resources it generates are not judged`,
            });
            continue;
        }
        const body = asMap(resources[logicalId]);
        const type = body?.Type;
        if (body === undefined || typeof type !== 'string' || type === '')
            throw new errors_1.InputError(file, `resource ${logicalId}: expected a map with a \`Type\` string (AWS::…)`, (0, places_1.placeOf)(pointer, lines));
        const node = pair.value;
        const start = (0, yaml_1.isScalar)(pair.key) && pair.key.range ? pair.key.range[0] : 0;
        const propertiesNode = (0, yaml_1.isMap)(node) ? node.get('Properties', true) : undefined;
        const definedAt = {
            file,
            line: index.line(start),
            endLine: index.lastContentLine(start, node.range?.[1] ?? start),
            ...((0, yaml_1.isMap)(propertiesNode) && { properties: (0, cloudformation_1.propertyLines)(propertiesNode, index) }),
        };
        loaded.push({ logicalId, type, body, definedAt });
    }
    return loaded;
}
/** Converts the parsed document into template values, recording lines; bounded in depth, values and aliases. */
class Converter {
    document;
    text;
    file;
    index;
    lines;
    values = 0;
    aliases = 0;
    constructor(document, text, file, index, lines) {
        this.document = document;
        this.text = text;
        this.file = file;
        this.index = index;
        this.lines = lines;
    }
    convert(node, pointer, depth) {
        if (depth > exports.MAX_NESTING_DEPTH)
            throw new errors_1.InputError(this.file, `nested more than ${exports.MAX_NESTING_DEPTH} deep`, (0, places_1.placeOf)(pointer, this.lines));
        if (++this.values > MAX_VALUES)
            throw new errors_1.InputError(this.file, `more than ${MAX_VALUES} values (YAML aliases expanding?)`, (0, places_1.placeOf)(pointer, this.lines));
        if ((0, yaml_1.isAlias)(node)) {
            if (++this.aliases > MAX_ALIASES)
                throw new errors_1.InputError(this.file, `more than ${MAX_ALIASES} YAML aliases (CloudFormation does not take aliases at all)`, (0, places_1.placeOf)(pointer, this.lines));
            return this.convert(node.resolve(this.document), pointer, depth + 1);
        }
        if (node === null || node === undefined)
            return null;
        const tag = node.tag;
        if (tag !== undefined && cloudformation_1.INTRINSIC_TAG_NAMES.has(tag))
            return this.shortForm(node, tag.slice(1), pointer, depth);
        if (tag !== undefined && !tag.startsWith('tag:yaml.org,2002:')) {
            throw new errors_1.InputError(this.file, `unknown tag ${tag}: expected a CloudFormation short form (!Ref, !Sub, !GetAtt …)`, (0, places_1.placeOf)(pointer, this.lines));
        }
        return this.plain(node, pointer, depth);
    }
    plain(node, pointer, depth) {
        if ((0, yaml_1.isMap)(node)) {
            const out = {};
            for (const pair of node.items) {
                const key = (0, yaml_1.isScalar)(pair.key) ? String(pair.key.value) : undefined;
                if (key === undefined)
                    throw new errors_1.InputError(this.file, 'a map key is not a plain string', (0, places_1.placeOf)(pointer, this.lines));
                const child = (0, places_1.childPointer)(pointer, key);
                if ((0, yaml_1.isScalar)(pair.key) && pair.key.range)
                    this.lines.set(child, this.index.line(pair.key.range[0]));
                out[key] = this.convert(pair.value, child, depth + 1);
            }
            return out;
        }
        if ((0, yaml_1.isSeq)(node)) {
            return node.items.map((item, i) => {
                const child = `${pointer}/${i}`;
                const range = item?.range;
                if (range)
                    this.lines.set(child, this.index.line(range[0]));
                return this.convert(item, child, depth + 1);
            });
        }
        if ((0, yaml_1.isScalar)(node))
            return this.scalar(node.value, node.range, node.type);
        return null;
    }
    /** Strings, booleans and null as parsed; a number keeps its text when that is not how JavaScript writes it; timestamps and the like stay text (CloudFormation has no such tags). */
    scalar(value, range, type) {
        if (typeof value === 'string' || typeof value === 'boolean' || value === null)
            return value;
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar (number, bigint, date): strings, booleans and null returned above
        const text = range ? this.text.slice(range[0], range[1]).trim() : String(value);
        if (typeof value === 'number' && (type !== 'PLAIN' || String(value) === text))
            return value;
        return text;
    }
    shortForm(node, name, pointer, depth) {
        // The tagged node's own value, as if untagged.
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar's value
        const inner = (0, yaml_1.isScalar)(node) ? (node.value === null ? '' : String(node.value)) : this.plain(node, pointer, depth);
        if (name === 'Ref' || name === 'Condition')
            return { [name]: inner };
        // `!GetAtt Broker.Endpoint.Address` is `[Broker, Endpoint.Address]`: the logical id ends at the first dot.
        const dot = typeof inner === 'string' ? inner.indexOf('.') : -1;
        if (name === 'GetAtt' && typeof inner === 'string' && dot > 0)
            return { 'Fn::GetAtt': [inner.slice(0, dot), inner.slice(dot + 1)] };
        return { [`Fn::${name}`]: inner };
    }
}
function asMap(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/**
 * The deepest nesting of flow brackets (`[` `{`), outside quoted strings and comments. The text is checked before
 * parsing because the parser's own recursion is what a hostile file attacks; indentation nesting is bounded by
 * the file size (a 4 MiB file holds at most ~2,800 levels, which the parser reports as an error).
 */
function checkFlowDepth(text, file, index) {
    let depth = 0;
    let quote;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote !== undefined) {
            // Quoted scalars are taken to end with their line: a stray quote hides one line's brackets, no more.
            if (c === '\\' && quote === '"')
                i++;
            else if (c === quote || c === '\n')
                quote = undefined;
            continue;
        }
        if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' ')))
            quote = c;
        else if (c === '#' && /\s/.test(text[i - 1] ?? '\n')) {
            const end = text.indexOf('\n', i);
            i = end === -1 ? text.length : end;
        }
        else if (c === '[' || c === '{') {
            if (++depth > exports.MAX_NESTING_DEPTH)
                throw new errors_1.InputError(file, `nested more than ${exports.MAX_NESTING_DEPTH} deep`, `line ${index.line(i)}, column ${index.column(i)}`);
        }
        else if ((c === ']' || c === '}') && depth > 0)
            depth--;
    }
}
