/**
 * Reading user-supplied JSON files (policies, inventories, config) with errors that name the file, the place
 * and what was expected. One ajv instance per schema dialect, compiled once.
 */
import {readFileSync} from 'node:fs';
import Ajv2020, {type ErrorObject, type ValidateFunction} from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {InputError} from './errors';

export function createAjv(options: {verbose?: boolean} = {}): Ajv2020 {
  // strictTypes off: policy authors write `{"required": [...]}` without `"type": "object"`, which is valid
  // JSON Schema; ajv would otherwise print warnings on the console. Unknown keywords stay errors (strict).
  const ajv = new Ajv2020({allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, verbose: options.verbose ?? false});
  addFormats(ajv);
  return ajv;
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
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const place = position ? lineColumn(text, Number(position[1])) : undefined;
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '');
    throw new InputError(file, `${what} is not valid JSON: ${reason}`, place);
  }
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
