/**
 * Validates SARIF against the official OASIS SARIF 2.1.0 schema (errata01, draft-04), vendored in
 * test/schemas/ so that tests never depend on anything outside the repository.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';

import Ajv04 from 'ajv-draft-04';
import type {ValidateFunction} from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type {Log} from 'sarif';

export const SARIF_SCHEMA_PATH = path.join(__dirname, '..', 'schemas', 'sarif-schema-2.1.0.json');

let compiled: ValidateFunction | undefined;

/** Compiled once per test file: the schema is large and compiling it takes a noticeable moment. */
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    // The schema is draft-04, which only ajv-draft-04 loads; it compiles in ajv's default strict mode.
    const ajv = new Ajv04({allErrors: true});
    addFormats(ajv); // the schema uses uri, uri-reference and date-time
    compiled = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  return compiled;
}

/** Schema violations as `pointer: message` lines; empty when the log is valid. Takes a parsed log or its text. */
export function validateSarif(log: unknown): string[] {
  const document = typeof log === 'string' ? JSON.parse(log) : log;
  const validate = schemaValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => {
    const params = error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
    return `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${params}`;
  });
}

export function parseSarif(text: string): Log {
  return JSON.parse(text) as Log;
}
