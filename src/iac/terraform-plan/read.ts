/**
 * Reading a plan file: bounded (size, nesting), and telling the user what a file is when it is not the JSON that
 * `terraform show -json PLANFILE` writes (a binary plan, a state file, the `plan -json` UI stream, an HCP redacted
 * plan, some other JSON).
 */
import type {ChangeProblem} from '../../change/types';
import {InputError} from '../../foundation/errors';
import {parseJson, readFileBytes} from '../../foundation/json-input';
import {isObject, type JsonObject} from './json';

/**
 * 256 MiB. `show -json` of a plan with several thousand resources and their configuration is tens of MB; the cap
 * leaves ample room while keeping the parsed tree (some 3-5× the text in V8) inside Node's default heap, so a
 * hostile or runaway file is refused before it is read instead of exhausting memory.
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted. Real plans stay well under 64 (modules add three levels each,
 * attribute values a handful); JSON.parse and the recursive walks here would overflow the stack on 100,000.
 */
export const MAX_PLAN_DEPTH = 512;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads the file with the checks above; returns the parsed JSON (any shape). */
export function readPlanJson(file: string): unknown {
  const bytes = readFileBytes(file, 'Terraform plan', MAX_PLAN_BYTES);
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new InputError(
      file,
      `${file} is a binary Terraform plan: write its JSON with \`terraform show -json ${file}\``,
    );
  }

  const text = stripBom(bytes.toString('utf8'));
  return parsePlanText(text, file);
}

/** Parses plan text: rejects the UI log stream and deep nesting before JSON.parse sees them. */
export function parsePlanText(text: string, file: string): unknown {
  if (isUiStream(text)) throw uiStreamError(file);
  const depth = nestingDepthExceeds(text, MAX_PLAN_DEPTH);
  if (depth !== undefined) {
    throw new InputError(
      file,
      `JSON is nested more than ${MAX_PLAN_DEPTH} levels deep (at character ${depth + 1}); a Terraform plan never is`,
    );
  }

  try {
    return parseJson(text, file, 'Terraform plan');
  } catch (error) {
    // Belt and braces: the depth check should make this unreachable.
    if (error instanceof RangeError) throw new InputError(file, 'JSON is nested too deeply to read');
    throw error;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text;
}

/** The first character offset where nesting passes `limit`, or undefined. Linear; skips strings. */
export function nestingDepthExceeds(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }

  return undefined;
}

/** `terraform plan -json` writes one UI message per line (`{"@level":"info","@message":…}`). */
function isUiStream(text: string): boolean {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') return false;
  const end = text.indexOf('\n', start);
  const firstLine = text.slice(start, end < 0 ? Math.min(text.length, start + 65_536) : Math.min(end, start + 65_536));
  try {
    const first: unknown = JSON.parse(firstLine);
    return isUiMessage(first);
  } catch {
    return false;
  }
}

function isUiMessage(value: unknown): boolean {
  return isObject(value) && ('@level' in value || '@message' in value);
}

function uiStreamError(file: string): InputError {
  return new InputError(
    file,
    'not a plan but the log stream of `terraform plan -json`: save the plan with `terraform plan -out=PLANFILE` and write its JSON with `terraform show -json PLANFILE`',
  );
}

/** What a parsed document is, when it is a plan: the document and the warnings about it. */
export interface PlanDocument {
  plan: JsonObject;
  formatVersion: string;
  warnings: ChangeProblem[];
}

/** Checks that the JSON is a plan of a supported format version; throws an InputError saying what it is otherwise. */
export function checkPlanDocument(json: unknown, file: string): PlanDocument {
  if (!isObject(json)) {
    const found = Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`;
    throw new InputError(
      file,
      `not a Terraform plan: expected the JSON object \`terraform show -json PLANFILE\` writes, found ${found}`,
    );
  }

  if (isUiMessage(json)) throw uiStreamError(file);
  if ('plan_format_version' in json) {
    throw new InputError(
      file,
      'not a plan but an HCP Terraform redacted plan (plan_format_version): write it with `terraform show -json PLANFILE`',
    );
  }

  if ('remote_plan_format' in json) {
    throw new InputError(
      file,
      'not a plan but an HCP Terraform saved-plan bookmark: write the plan JSON with `terraform show -json PLANFILE` (with access to HCP Terraform)',
    );
  }

  const planKeys = ['resource_changes', 'planned_values', 'configuration', 'output_changes', 'prior_state'];
  const looksLikePlan = planKeys.some((key) => key in json);
  if ('serial' in json && 'resources' in json && ('terraform_version' in json || 'lineage' in json)) {
    throw new InputError(
      file,
      'not a plan but a Terraform state file (terraform.tfstate): write the plan JSON with `terraform plan -out=PLANFILE` and `terraform show -json PLANFILE`',
    );
  }

  if ('values' in json && 'format_version' in json && !looksLikePlan) {
    throw new InputError(
      file,
      'not a plan but the JSON of a Terraform state (`terraform show -json` without a plan file): run `terraform show -json PLANFILE` on a saved plan',
    );
  }

  if (!('format_version' in json) || !looksLikePlan) {
    throw new InputError(
      file,
      'not a Terraform plan: expected the JSON of `terraform show -json PLANFILE` (format_version, resource_changes)',
    );
  }

  const formatVersion = json.format_version;
  if (typeof formatVersion !== 'string' || !/^\d+\.\d+/.test(formatVersion)) {
    throw new InputError(
      file,
      `format_version ${JSON.stringify(formatVersion)} is not a version; expected "1.x"`,
      '/format_version',
    );
  }

  const warnings: ChangeProblem[] = [];
  const major = Number(formatVersion.split('.')[0]);
  if (major >= 2) {
    throw new InputError(
      file,
      `plan format_version ${formatVersion} is not supported: mq-audit reads format 1.x (Terraform 1.1 and later, OpenTofu)`,
      '/format_version',
    );
  }

  if (major === 0) {
    warnings.push({
      file,
      pointer: '/format_version',
      message: `plan format_version ${formatVersion} was written by Terraform 1.0 or older; it is read as 1.x (sensitive markings may be incomplete, the built-in deny list still applies)`,
    });
  }

  if (json.errored === true) {
    warnings.push({
      file,
      pointer: '/errored',
      message: 'the plan errored: Terraform could not plan every change, so the change judged here is partial',
    });
  }

  if (json.complete === false) {
    warnings.push({
      file,
      pointer: '/complete',
      message:
        'the plan is incomplete (deferred changes or -target): another plan and apply are expected after this one',
    });
  }

  return {plan: json, formatVersion, warnings};
}
