/**
 * Reading user-supplied JSON files (policies, inventories, config) with errors that name the file, the place
 * and what was expected. One ajv instance per schema dialect, compiled once.
 */
import {readFileSync} from 'node:fs';
import type {CodeOptions} from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020';
import {parse as parseTolerant, type ParseError, printParseErrorCode} from 'jsonc-parser';
import {InputError} from './errors';

/**
 * `schemasChecked`: the schemas this instance compiles are known to be valid JSON Schema, because they are
 * mq-audit's own (schemas/, checked against the meta-schema by the tests) or another instance has just checked
 * them; checking them again would compile the meta-schema in this instance too, some 40 ms at every start.
 * Schemas from users (policy assertions) are always checked once.
 */
export function createAjv(options: AjvFlavor & {schemasChecked?: boolean; code?: CodeOptions} = {}): Ajv2020 {
  // Loaded on first use: a scan with the built-in policies only runs validators compiled at build time
  // (src/validators.ts), and loading ajv's compiler is some 45 ms.
  const {default: Ajv} = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const {default: addFormats} = require('ajv-formats') as typeof import('ajv-formats');
  // strictTypes off: policy authors write `{"required": [...]}` without `"type": "object"`, which is valid
  // JSON Schema; ajv would otherwise print warnings on the console. Unknown keywords stay errors (strict).
  const ajv = new Ajv({...flavorOf(options), strict: true, strictTypes: false, strictTuples: false, strictRequired: false, validateSchema: !options.schemasChecked, ...(options.code && {code: options.code})});
  addFormats(ajv);
  return ajv;
}

/** The ajv options that change what a compiled validator does (and so which precompiled one may stand in). */
export interface AjvFlavor {
  verbose?: boolean;
  allErrors?: boolean;
}

export function flavorOf(options: AjvFlavor): Required<AjvFlavor> {
  return {allErrors: options.allErrors ?? true, verbose: options.verbose ?? false};
}

/** Reads and parses a JSON file; unreadable files and syntax errors become InputErrors with line:column. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(file, `cannot read ${what}: ${reason}`);
  }

  return parseJson(text, file, what);
}

export function parseJson(text: string, file: string, what: string): unknown {
  if (text.trim() === '') throw new InputError(file, `${what} is empty, expected a JSON document`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's messages rarely carry a position on Node 20; a tolerant parser finds the first problem's offset.
    const problems: ParseError[] = [];
    parseTolerant(text, problems, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false});
    const first = problems[0];
    const reason = first ? describeParseError(printParseErrorCode(first.error)) : (error as Error).message;
    throw new InputError(file, `${what} is not valid JSON: ${reason}`, first ? lineColumn(text, first.offset) : undefined);
  }
}

/** "CloseBraceExpected" → "expected '}'"; the codes are jsonc-parser's. */
function describeParseError(code: string): string {
  const tokens: Record<string, string> = {
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

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Validates `data` against a compiled schema; every violation becomes an InputError naming file and pointer. */
export function schemaErrors(validate: ValidateFunction, data: unknown, file: string): InputError[] {
  if (validate(data)) return [];
  return dedupe(validate.errors ?? []).map((error) => new InputError(file, describeSchemaError(error), error.instancePath || '/'));
}

// ajv reports one error per failed branch of anyOf/oneOf; the specific ones say more than the summary.
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.instancePath}|${describeSchemaError(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function describeSchemaError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      return `missing required property "${p.missingProperty}"`;
    }

    case 'additionalProperties': {
      return `unknown property "${p.additionalProperty}"`;
    }

    case 'enum': {
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
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
