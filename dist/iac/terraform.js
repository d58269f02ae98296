"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseTerraform = parseTerraform;
const lines_1 = require("./lines");
const resource_types_1 = require("./resource-types");
/** Deep enough for `logs.audit`, `encryption_options.kms_key_id`, `ingress.cidr_blocks`. */
const MAX_PROPERTY_DEPTH = 3;
const TAG_ATTRIBUTES = new Set(['tags', 'tags_all']);
let parser;
function hclParser() {
    // Loaded lazily: the grammar pulls in CodeMirror's language package, which only Terraform files need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily (above)
    parser ??= require('codemirror-lang-hcl').hclLanguage.parser;
    return parser;
}
function parseTerraform(text, file) {
    const lines = new lines_1.LineIndex(text);
    const tree = hclParser().parse(text);
    const error = syntaxError(tree, text, lines);
    if (error) {
        // The grammar recovers from errors, but what follows one may be misplaced: index nothing from this file.
        return {
            definitions: [],
            problems: [
                {
                    severity: 'warning',
                    file,
                    line: error.line,
                    column: error.column,
                    message: `not indexed: HCL syntax error: ${error.message}`,
                },
            ],
        };
    }
    const definitions = [];
    const body = tree.topNode.getChild('Body');
    for (const block of body?.getChildren('Block') ?? []) {
        const definition = resourceDefinition(block, text, file, lines);
        if (definition)
            definitions.push(definition);
    }
    return { definitions, problems: [] };
}
/**
 * The first error node, described. At the end of the file the useful place is the innermost block that was
 * never closed, not the end itself.
 */
function syntaxError(tree, text, lines) {
    const cursor = tree.cursor();
    let error;
    const unclosed = [];
    do {
        if (cursor.type.isError)
            error ??= { from: cursor.from, to: cursor.to };
        if (cursor.name === 'Block' && cursor.node.lastChild?.name !== '}')
            unclosed.push(cursor.node);
    } while (cursor.next());
    if (!error)
        return undefined;
    if (text.slice(error.from).trim() === '') {
        const innermost = unclosed.at(-1);
        if (innermost) {
            const name = [
                blockType(innermost, text),
                ...innermost.getChildren('BlockLabel').map((label) => text.slice(label.from, label.to)),
            ].join(' ');
            return {
                line: lines.line(innermost.from),
                column: lines.column(innermost.from),
                message: `unexpected end of file: the block ${name} opened here is not closed`,
            };
        }
        const last = lines.lastContentLine(0, text.length);
        return { line: last, column: 1, message: 'unexpected end of file (an unclosed bracket or string?)' };
    }
    const token = text
        .slice(error.from, Math.max(error.to, error.from + 1))
        .split('\n')[0]
        .trim() || text.slice(error.from).trimStart().split('\n')[0];
    return {
        line: lines.line(error.from),
        column: lines.column(error.from),
        message: `unexpected ${JSON.stringify(token.slice(0, 40))}`,
    };
}
function resourceDefinition(block, text, file, lines) {
    if (blockType(block, text) !== 'resource')
        return undefined;
    const labels = block.getChildren('BlockLabel').map((label) => labelText(label, text));
    const [type, name] = labels;
    if (labels.length !== 2 || type === undefined || name === undefined)
        return undefined;
    const info = (0, resource_types_1.terraformTypeInfo)(type);
    if (!info)
        return undefined;
    const properties = {};
    const body = block.getChild('Body');
    let ownName;
    let nameTag;
    let repeated = false;
    if (body) {
        recordProperties(body, '', 0, properties, text, lines);
        for (const attribute of body.getChildren('Attribute')) {
            const key = identifierText(attribute, text);
            const value = attribute.getChild('Expression');
            if (key === 'count' || key === 'for_each')
                repeated = true;
            if (key === info.nameProperty)
                ownName = literalAt(value, text, lines);
            if (key === 'tags')
                nameTag = nameTagOf(value, text, lines);
        }
    }
    return {
        kind: info.kind,
        format: 'terraform',
        type,
        file,
        address: `${type}.${name}`,
        localName: name,
        startLine: lines.line(block.from),
        endLine: lines.lastContentLine(block.from, block.to),
        properties,
        ...(ownName && { name: ownName }),
        ...(nameTag && { nameTag }),
        ...(repeated && { repeated }),
    };
}
/** Attributes and nested blocks (`logs.audit`), repeated blocks by index (`ingress.1`), tag keys (`tags.Name`). */
function recordProperties(body, prefix, depth, out, text, lines) {
    const seen = new Map();
    for (let child = body.firstChild; child; child = child.nextSibling) {
        if (child.name === 'Attribute') {
            const key = identifierText(child, text);
            if (key === undefined)
                continue;
            const path = prefix ? `${prefix}.${key}` : key;
            out[path] ??= lines.line(child.from);
            if (depth === 0 && TAG_ATTRIBUTES.has(key)) {
                for (const object of tagObjects(child.getChild('Expression'), text)) {
                    for (const element of objectElements(object, text))
                        out[`${path}.${element.key}`] ??= lines.line(element.from);
                }
            }
        }
        else if (child.name === 'Block') {
            const key = blockType(child, text);
            if (key === undefined)
                continue;
            const path = prefix ? `${prefix}.${key}` : key;
            const occurrence = seen.get(path) ?? 0;
            seen.set(path, occurrence + 1);
            out[path] ??= lines.line(child.from);
            out[`${path}.${occurrence}`] ??= lines.line(child.from);
            const nested = child.getChild('Body');
            if (nested && depth + 1 < MAX_PROPERTY_DEPTH)
                recordProperties(nested, path, depth + 1, out, text, lines);
        }
    }
}
/**
 * What a tags value is made of, in merge order: `{…}` itself, or the arguments of `merge(…)`, each an object
 * literal or null when computed (`var.tags`, `local.common_tags`).
 */
function tagSources(expression, text) {
    const object = expression?.getChild('CollectionValue')?.getChild('Object');
    if (object)
        return [object];
    const call = expression?.getChild('FunctionCall');
    const functionName = call?.getChild('FunctionName');
    if (!call ||
        call.getChild('FunctionNamespace') ||
        !functionName ||
        text.slice(functionName.from, functionName.to) !== 'merge')
        return [null];
    const args = call.getChild('FunctionArguments')?.getChildren('Expression') ?? [];
    return args.map((arg) => arg.getChild('CollectionValue')?.getChild('Object') ?? null);
}
function tagObjects(expression, text) {
    return tagSources(expression, text).filter((source) => source !== null);
}
/**
 * The Name tag when it is a literal and nothing computed can override it: in `merge(var.tags, {Name = "x"})` the
 * literal wins (later arguments take precedence); in `merge({Name = "x"}, var.tags)` it may not.
 */
function nameTagOf(expression, text, lines) {
    let found;
    for (const source of tagSources(expression, text)) {
        if (source === null) {
            found = undefined;
            continue;
        }
        const element = objectElements(source, text).find((candidate) => candidate.key === 'Name');
        if (element)
            found = literalAt(element.value, text, lines);
    }
    return found;
}
/** Elements of an object literal whose key is a literal (`Name = …`, `"Name" = …`); computed keys are skipped. */
function objectElements(object, text) {
    const elements = [];
    for (const element of object.getChildren('ObjectElem')) {
        const keyNode = element.getChild('ObjectKey');
        const key = keyNode ? objectKeyText(keyNode, text) : undefined;
        if (key !== undefined)
            elements.push({ key, value: element.getChild('Expression'), from: element.from });
    }
    return elements;
}
/** A bare key (`Name = …`, parsed as a variable reference) or a quoted literal key; computed keys are undefined. */
function objectKeyText(keyNode, text) {
    const expression = keyNode.getChild('Expression');
    const variable = expression?.firstChild;
    if (variable?.name === 'VariableExpr' && !variable.nextSibling)
        return text.slice(variable.from, variable.to);
    return literalOf(expression ?? null, text);
}
/** HCL labels are quoted strings or, less often, bare identifiers (`resource aws_subnet a {`). */
function labelText(label, text) {
    const only = label.firstChild;
    return only?.name === 'Identifier' && !only.nextSibling ? text.slice(only.from, only.to) : literalOf(only, text);
}
function blockType(block, text) {
    const type = block.getChild('BlockType');
    return type ? text.slice(type.from, type.to) : undefined;
}
function identifierText(attribute, text) {
    const identifier = attribute.getChild('Identifier');
    return identifier ? text.slice(identifier.from, identifier.to) : undefined;
}
function literalAt(expression, text, lines) {
    const value = literalOf(expression, text);
    return value === undefined || !expression ? undefined : { value, line: lines.line(expression.from) };
}
/**
 * The value of a quoted string with no interpolation or directive, found at or below `node` through the wrapper
 * nodes the grammar puts around it (Expression → LiteralValue → StringLit). Anything computed is undefined.
 */
function literalOf(node, text) {
    let current = node;
    while (current && current.name !== 'StringLit') {
        if (current.name !== 'Expression' && current.name !== 'LiteralValue' && current.name !== 'BlockLabel')
            return undefined;
        const only = current.firstChild;
        if (!only || only.nextSibling)
            return undefined;
        current = only;
    }
    if (!current)
        return undefined;
    let value = '';
    for (let part = current.firstChild; part; part = part.nextSibling) {
        if (part.name === 'TemplateLiteral')
            value += text.slice(part.from, part.to);
        else if (part.name !== 'QuotedTemplateStart' && part.name !== 'QuotedTemplateEnd')
            return undefined;
    }
    return unescapeHcl(value);
}
const SIMPLE_ESCAPES = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
/** HCL's quoted-string escapes (\n \r \t \" \\ \uNNNN \UNNNNNNNN) and the `$${` / `%%{` literal forms. */
function unescapeHcl(raw) {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
        const char = raw[i];
        if (char === '\\' && i + 1 < raw.length) {
            const next = raw[i + 1];
            const width = next === 'u' ? 4 : next === 'U' ? 8 : 0;
            if (width > 0) {
                const code = Number.parseInt(raw.slice(i + 2, i + 2 + width), 16);
                if (!Number.isNaN(code)) {
                    out += String.fromCodePoint(code);
                    i += 1 + width;
                    continue;
                }
            }
            out += SIMPLE_ESCAPES[next] ?? next;
            i += 1;
        }
        else if ((char === '$' || char === '%') && raw[i + 1] === char && raw[i + 2] === '{') {
            out += `${char}{`;
            i += 2;
        }
        else {
            out += char;
        }
    }
    return out;
}
