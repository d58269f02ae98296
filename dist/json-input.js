"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createAjv = createAjv;
exports.flavorOf = flavorOf;
exports.readJsonFile = readJsonFile;
exports.parseJson = parseJson;
exports.schemaErrors = schemaErrors;
exports.describeSchemaError = describeSchemaError;
/**
 * Reading user-supplied JSON files (policies, inventories, config) with errors that name the file, the place
 * and what was expected. One ajv instance per schema dialect, compiled once.
 */
const node_fs_1 = require("node:fs");
const jsonc_parser_1 = require("jsonc-parser");
const errors_1 = require("./errors");
/**
 * `schemasChecked`: the schemas this instance compiles are known to be valid JSON Schema, because they are
 * mq-audit's own (schemas/, checked against the meta-schema by the tests) or another instance has just checked
 * them; checking them again would compile the meta-schema in this instance too, some 40 ms at every start.
 * Schemas from users (policy assertions) are always checked once.
 */
function createAjv(options = {}) {
    // Loaded on first use: a scan with the built-in policies only runs validators compiled at build time
    // (src/validators.ts), and loading ajv's compiler is some 45 ms.
    const { default: Ajv } = require('ajv/dist/2020');
    const { default: addFormats } = require('ajv-formats');
    // strictTypes off: policy authors write `{"required": [...]}` without `"type": "object"`, which is valid
    // JSON Schema; ajv would otherwise print warnings on the console. Unknown keywords stay errors (strict).
    const ajv = new Ajv({ ...flavorOf(options), strict: true, strictTypes: false, strictTuples: false, strictRequired: false, validateSchema: !options.schemasChecked, ...(options.code && { code: options.code }) });
    addFormats(ajv);
    return ajv;
}
function flavorOf(options) {
    return { allErrors: options.allErrors ?? true, verbose: options.verbose ?? false };
}
/** Reads and parses a JSON file; unreadable files and syntax errors become InputErrors with line:column. */
function readJsonFile(file, what) {
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : code === 'EACCES' ? 'permission denied' : String(error.message);
        throw new errors_1.InputError(file, `cannot read ${what}: ${reason}`);
    }
    return parseJson(text, file, what);
}
function parseJson(text, file, what) {
    if (text.trim() === '')
        throw new errors_1.InputError(file, `${what} is empty, expected a JSON document`);
    try {
        return JSON.parse(text);
    }
    catch (error) {
        // JSON.parse's messages rarely carry a position on Node 20; a tolerant parser finds the first problem's offset.
        const problems = [];
        (0, jsonc_parser_1.parse)(text, problems, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
        const first = problems[0];
        const reason = first ? describeParseError((0, jsonc_parser_1.printParseErrorCode)(first.error)) : error.message;
        throw new errors_1.InputError(file, `${what} is not valid JSON: ${reason}`, first ? lineColumn(text, first.offset) : undefined);
    }
}
/** "CloseBraceExpected" → "expected '}'"; the codes are jsonc-parser's. */
function describeParseError(code) {
    const tokens = {
        CloseBraceExpected: "expected '}'",
        CloseBracketExpected: "expected ']'",
        ColonExpected: "expected ':'",
        CommaExpected: "expected ','",
        EndOfFileExpected: 'expected the end of the document',
        InvalidCommentToken: 'comments are not allowed in JSON',
        InvalidSymbol: 'unexpected character',
        PropertyNameExpected: 'expected a property name in double quotes',
        ValueExpected: 'expected a value',
        UnexpectedEndOfString: 'unterminated string',
        UnexpectedEndOfComment: 'unterminated comment',
        InvalidEscapeCharacter: 'invalid escape sequence in a string',
        InvalidCharacter: 'invalid character in a string',
    };
    return tokens[code] ?? code;
}
function lineColumn(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
}
/** Validates `data` against a compiled schema; every violation becomes an InputError naming file and pointer. */
function schemaErrors(validate, data, file) {
    if (validate(data))
        return [];
    return dedupe(validate.errors ?? []).map((error) => new errors_1.InputError(file, describeSchemaError(error), error.instancePath || '/'));
}
// ajv reports one error per failed branch of anyOf/oneOf; the specific ones say more than the summary.
function dedupe(errors) {
    const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
    const chosen = specific.length > 0 ? specific : errors;
    const seen = new Set();
    return chosen.filter((e) => {
        const key = `${e.instancePath}|${describeSchemaError(e)}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function describeSchemaError(error) {
    const p = error.params;
    switch (error.keyword) {
        case 'required': {
            return `missing required property "${p.missingProperty}"`;
        }
        case 'additionalProperties': {
            return `unknown property "${p.additionalProperty}"`;
        }
        case 'enum': {
            return `expected one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        }
        case 'const': {
            return `expected ${JSON.stringify(p.allowedValue)}`;
        }
        case 'type': {
            return `expected ${p.type}`;
        }
        case 'pattern': {
            return `expected a string matching ${p.pattern}`;
        }
        case 'format': {
            return `expected a valid ${p.format}`;
        }
        default: {
            return error.message ?? `fails ${error.keyword}`;
        }
    }
}
