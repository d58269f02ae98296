"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_SCHEMA_PROBLEMS = exports.MAX_NESTING = exports.SIZE_CAPS = void 0;
exports.createAjv = createAjv;
exports.flavorOf = flavorOf;
exports.readJsonFile = readJsonFile;
exports.readTextFile = readTextFile;
exports.readFileBytes = readFileBytes;
exports.parseJson = parseJson;
exports.nestingBeyond = nestingBeyond;
exports.schemaErrors = schemaErrors;
exports.describeSchemaError = describeSchemaError;
/**
 * Reading user-supplied JSON files (policies, inventories, config) with errors that name the file, the place
 * and what was expected. One ajv instance per schema dialect, compiled once.
 */
const node_fs_1 = require("node:fs");
const jsonc_parser_1 = require("jsonc-parser");
const errors_1 = require("./errors");
const linear_regexp_1 = require("./linear-regexp");
/**
 * `schemasChecked`: the schemas this instance compiles are known to be valid JSON Schema, because they are
 * mq-audit's own (schemas/, checked against the meta-schema by the tests) or another instance has just checked
 * them; checking them again would compile the meta-schema in this instance too, some 40 ms at every start.
 * Schemas from users (policy assertions) are always checked once.
 */
function createAjv(options = {}) {
    // Loaded on first use: a scan with the built-in policies only runs validators compiled at build time
    // (src/foundation/validators.ts), and loading ajv's compiler is some 45 ms.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
    const { default: Ajv } = require('ajv/dist/2020');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
    const { default: addFormats } = require('ajv-formats');
    // Patterns run on estate data with a linear-time engine (src/foundation/linear-regexp.ts). The build's standalone
    // validators (options.code) are compiled from mq-audit's own schemas and built-in policies only.
    // strictTypes off: policy authors write `{"required": [...]}` without `"type": "object"`, which is valid
    // JSON Schema; ajv would otherwise print warnings on the console. Unknown keywords stay errors (strict).
    const ajv = new Ajv({
        ...flavorOf(options),
        strict: true,
        strictTypes: false,
        strictTuples: false,
        strictRequired: false,
        validateSchema: !options.schemasChecked,
        code: options.code ?? { regExp: linear_regexp_1.linearRegExp },
    });
    addFormats(ajv);
    return ajv;
}
function flavorOf(options) {
    return { allErrors: options.allErrors ?? true, verbose: options.verbose ?? false };
}
/** The largest file read, per kind (the `what` of readJsonFile); others get DEFAULT_SIZE_CAP. */
exports.SIZE_CAPS = {
    // V8 cannot hold a string much over 512 M characters; a 10,000-broker inventory is some 30 MB.
    'inventory file': 512 * 1024 * 1024,
    'report file': 512 * 1024 * 1024,
    'baseline report': 512 * 1024 * 1024,
    'suppressions file': 16 * 1024 * 1024,
    'policy file': 4 * 1024 * 1024,
    'config file': 4 * 1024 * 1024,
};
const DEFAULT_SIZE_CAP = 64 * 1024 * 1024;
/** Arrays and objects nested deeper than this are refused: no mq-audit document comes near it. */
exports.MAX_NESTING = 128;
/**
 * Reads and parses a JSON file; unreadable files and syntax errors become InputErrors with line:column. Only a
 * regular file is read (a FIFO would block forever, /dev/zero never end), and only up to the size cap of its kind.
 */
function readJsonFile(file, what) {
    return parseJson(readTextFile(file, what), file, what);
}
/** The text of a regular file no larger than the cap for `what`. */
function readTextFile(file, what, cap = exports.SIZE_CAPS[what] ?? DEFAULT_SIZE_CAP) {
    return readFileBytes(file, what, cap).toString('utf8');
}
/** The bytes of a regular file no larger than `cap`: never a FIFO, a device or a directory, never past the cap. */
function readFileBytes(file, what, cap = exports.SIZE_CAPS[what] ?? DEFAULT_SIZE_CAP) {
    let fd;
    try {
        // Non-blocking, so that opening a FIFO nobody writes to returns at once (and is then refused).
        fd = (0, node_fs_1.openSync)(file, node_fs_1.constants.O_RDONLY | node_fs_1.constants.O_NONBLOCK);
    }
    catch (error) {
        throw new errors_1.InputError(file, `cannot read ${what}: ${readFailure(error)}`);
    }
    try {
        const stat = (0, node_fs_1.fstatSync)(fd);
        if (stat.isDirectory())
            throw new errors_1.InputError(file, `cannot read ${what}: is a directory, expected a file`);
        if (!stat.isFile())
            throw new errors_1.InputError(file, `cannot read ${what}: not a regular file (${fileKind(stat)}), expected a file`);
        if (stat.size > cap)
            throw new errors_1.InputError(file, `${what} is ${megabytes(stat.size)} MB, more than the ${megabytes(cap)} MB mq-audit reads as a ${what}`);
        // One byte more than the size, to notice a file that grew while being read.
        const buffer = Buffer.allocUnsafe(stat.size + 1);
        let length = 0;
        for (let read = -1; read !== 0 && length < buffer.length; length += read)
            read = (0, node_fs_1.readSync)(fd, buffer, length, buffer.length - length, null);
        if (length > cap)
            throw new errors_1.InputError(file, `${what} is more than the ${megabytes(cap)} MB mq-audit reads as a ${what}`);
        return buffer.subarray(0, length);
    }
    catch (error) {
        if ((0, errors_1.isInputError)(error))
            throw error;
        throw new errors_1.InputError(file, `cannot read ${what}: ${readFailure(error)}`);
    }
    finally {
        (0, node_fs_1.closeSync)(fd);
    }
}
function readFailure(error) {
    const code = error.code;
    return code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
            ? 'is a directory, expected a file'
            : code === 'EACCES'
                ? 'permission denied'
                : String(error.message);
}
function fileKind(stat) {
    if (stat.isFIFO())
        return 'a named pipe';
    if (stat.isCharacterDevice())
        return 'a character device';
    if (stat.isBlockDevice())
        return 'a block device';
    if (stat.isSocket())
        return 'a socket';
    return 'not a file';
}
function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1);
}
function parseJson(text, file, what) {
    if (text.trim() === '')
        throw new errors_1.InputError(file, `${what} is empty, expected a JSON document`);
    // Before any parser: deep nesting overflows the stack of the recursive ones (and of everything after them).
    const tooDeep = nestingBeyond(text, exports.MAX_NESTING);
    if (tooDeep >= 0)
        throw new errors_1.InputError(file, `${what} nests arrays and objects more than ${exports.MAX_NESTING} deep`, lineColumn(text, tooDeep));
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
/** The offset of the first `[` or `{` nested more than `max` deep (strings skipped), or -1. One pass, no recursion. */
function nestingBeyond(text, max) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
            // Skip the string: to the next quote not escaped by an odd run of backslashes (indexOf is far faster).
            for (;;) {
                const end = text.indexOf('"', i + 1);
                if (end < 0)
                    return -1;
                let slashes = 0;
                while (text.charCodeAt(end - 1 - slashes) === 0x5c)
                    slashes++;
                i = end;
                if (slashes % 2 === 0)
                    break;
            }
        }
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > max)
                return i;
        }
        else if (c === 0x5d || c === 0x7d) {
            depth--;
        }
    }
    return -1;
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
/** Problems reported per file at most; the first ones in document order. */
exports.MAX_SCHEMA_PROBLEMS = 20;
/** Documents with more array items than this are first checked on a prefix of them (see schemaErrors). */
const PREFIX_ITEMS = 256;
/**
 * Validates `data` against a compiled schema; the first violations (up to `limit`) become InputErrors naming file
 * and pointer. ajv collects every violation (allErrors), and for the items of large arrays it concatenates their
 * errors into a growing list, which is quadratic: a 4 MB inventory with an error in every broker took 88 s and
 * 2 GB. So a large document is first validated on a copy holding only its first PREFIX_ITEMS array items (in
 * document order, at their own indices): a problem there is reported without looking further. Only when that
 * prefix is valid is the whole document validated, by `quick` (stopping at the first violation) when given.
 */
function schemaErrors(validate, data, file, options = {}) {
    const limit = options.limit ?? exports.MAX_SCHEMA_PROBLEMS;
    const prefix = arrayPrefix(data, PREFIX_ITEMS);
    if (prefix.truncated.size > 0) {
        if (!validate(prefix.copy)) {
            // An array cut short can fail minItems/contains where the whole one would not: those are not problems.
            const genuine = (validate.errors ?? []).filter((e) => !(ARRAY_COUNT_KEYWORDS.has(e.keyword) && prefix.truncated.has(e.instancePath)));
            if (genuine.length > 0)
                return toInputErrors(genuine, file, limit);
        }
        const whole = options.quick ?? validate;
        return whole(data) ? [] : toInputErrors(whole.errors ?? [], file, limit);
    }
    return validate(data) ? [] : toInputErrors(validate.errors ?? [], file, limit);
}
// ajv reports one error per failed branch of anyOf/oneOf; the specific ones say more than the summary.
function* dedupe(errors) {
    const summary = (e) => ['anyOf', 'oneOf', 'if'].includes(e.keyword);
    const chosen = errors.some((e) => !summary(e)) ? errors.filter((e) => !summary(e)) : errors;
    const seen = new Set();
    for (const e of chosen) {
        const key = `${e.instancePath}|${describeSchemaError(e)}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        yield e;
    }
}
const ARRAY_COUNT_KEYWORDS = new Set(['minItems', 'contains', 'minContains']);
/** Only the first `limit` distinct errors become InputErrors (each builds a stack trace). */
function toInputErrors(errors, file, limit) {
    const out = [];
    for (const error of dedupe(errors)) {
        out.push(new errors_1.InputError(file, describeSchemaError(error), error.instancePath || '/'));
        if (out.length >= limit)
            break;
    }
    return out;
}
/**
 * A copy of `data` with at most `budget` array items in all, taken in document order (depth first): arrays past
 * the budget are cut short, so every item kept is at its own index. `truncated` holds the JSON pointers of the
 * arrays cut; when none was, `copy` is `data` itself. Walks at most `budget` items plus the objects around them.
 */
function arrayPrefix(data, budget) {
    const truncated = new Set();
    let left = budget;
    const visit = (value, pointer, depth) => {
        if (value === null || typeof value !== 'object' || depth > exports.MAX_NESTING)
            return value;
        if (Array.isArray(value)) {
            const kept = Math.min(value.length, left);
            left -= kept;
            if (kept < value.length)
                truncated.add(pointer);
            const copy = [];
            for (let i = 0; i < kept; i++)
                copy.push(visit(value[i], `${pointer}/${i}`, depth + 1));
            return copy;
        }
        const copy = {};
        for (const key of Object.keys(value))
            copy[key] = visit(value[key], `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, depth + 1);
        return copy;
    };
    if (countItems(data, budget) <= budget)
        return { copy: data, truncated };
    return { copy: visit(data, '', 0), truncated };
}
/** Array items in `data`, counted until more than `stop` (then any number above it). */
function countItems(data, stop) {
    let count = 0;
    const pending = [data];
    while (pending.length > 0 && count <= stop) {
        const value = pending.pop();
        if (value === null || typeof value !== 'object')
            continue;
        if (Array.isArray(value)) {
            count += value.length;
            for (const item of value)
                pending.push(item);
        }
        else {
            for (const key of Object.keys(value))
                pending.push(value[key]);
        }
    }
    return count;
}
function describeSchemaError(error) {
    const p = error.params;
    switch (error.keyword) {
        case 'required': {
            return `missing required property "${String(p.missingProperty)}"`;
        }
        case 'additionalProperties': {
            return `unknown property "${String(p.additionalProperty)}"`;
        }
        case 'enum': {
            return `expected one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        }
        case 'const': {
            return `expected ${JSON.stringify(p.allowedValue)}`;
        }
        case 'type': {
            return `expected ${String(p.type)}`;
        }
        case 'pattern': {
            return `expected a string matching ${String(p.pattern)}`;
        }
        case 'format': {
            return `expected a valid ${String(p.format)}`;
        }
        default: {
            return error.message ?? `fails ${error.keyword}`;
        }
    }
}
