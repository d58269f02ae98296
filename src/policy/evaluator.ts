/**
 * Evaluates one policy against one broker document: pass, fail, not_applicable or error.
 * Order: engine scope → appliesTo → requires → assert. A null (unknown) value that decides the outcome makes
 * the result `error` — a check that could not be evaluated is never reported as compliant.
 */
import type {ErrorObject, ValidateFunction} from 'ajv';
import {flat} from '../strings';
import type {BrokerDocument} from './document';
import type {CompiledPolicy} from './loader';
import type {Evaluation, Explanation, ResourceRef} from './types';

const ENGINE_NAMES: Record<string, string> = {ACTIVEMQ: 'ActiveMQ', RABBITMQ: 'RabbitMQ'};

export function resourceOf(document: BrokerDocument): ResourceRef {
  return {
    arn: document.arn,
    id: document.id,
    name: document.name,
    accountId: document.accountId,
    region: document.region,
    engineType: document.engineType,
    ...(document.tags ? {tags: document.tags} : {}),
  };
}

export function evaluatePolicy(policy: CompiledPolicy, document: BrokerDocument, resource: ResourceRef = resourceOf(document)): Evaluation {
  const result = (status: Evaluation['status'], reason: string, explanations?: Explanation[]): Evaluation => ({
    policyId: policy.id,
    status,
    severity: policy.severity,
    resource,
    message: flat(`Broker ${document.name} ${reason}`),
    ...(explanations ? {explanations} : {}),
  });

  if (policy.engines && !policy.engines.includes(document.engineType)) {
    return result('not_applicable', `is not checked by ${policy.id}: it applies to ${policy.engines.map((e) => ENGINE_NAMES[e] ?? e).join(' and ')} brokers only, this is ${ENGINE_NAMES[document.engineType] ?? document.engineType}.`);
  }

  const {checks} = policy;
  if (checks.appliesTo && !passes(checks.appliesTo, checks.quick?.appliesTo, document)) {
    const errors = checks.appliesTo.errors ?? [];
    const unknown = unknownValues(errors, document);
    if (unknown.length > 0) return result('error', `could not be evaluated for ${policy.id}: ${unknown.join('; ')}.`);
    return result('not_applicable', `is not in the scope of ${policy.id}: ${explain(errors).map(sentence).join('; ')}.`);
  }

  const missing = (policy.requires ?? []).filter((pointer) => valueAt(document, pointer) == null);
  if (missing.length > 0) {
    return result('error', `could not be evaluated for ${policy.id}: ${missing.map((p) => unknownReason(p, document)).join('; ')}.`);
  }

  if (passes(checks.assert, checks.quick?.assert, document)) {
    return result('pass', policy.messages?.pass ? `${renderTemplate(policy.messages.pass, document)}.` : `complies with ${policy.id}.`);
  }

  const errors = checks.assert.errors ?? [];
  const unknown = unknownValues(errors, document);
  if (unknown.length > 0) return result('error', `could not be evaluated for ${policy.id}: ${unknown.join('; ')}.`);
  const explanations = explain(errors);
  const reason = policy.messages?.fail ? renderTemplate(policy.messages.fail, document) : explanations.map(sentence).join('; ');
  return result('fail', `fails ${policy.id} (${policy.title}): ${reason}.`, explanations);
}

/**
 * The quick validator decides; on a failure the full one runs too, so that its `errors` explain it. Both
 * compile the same schema, so they agree on the answer.
 */
function passes(full: ValidateFunction, quick: ValidateFunction | undefined, document: BrokerDocument): boolean {
  if (!quick) return full(document) as boolean;
  if (quick(document)) return true;
  full(document);
  return false;
}

/** Errors whose value is null: the data was not collected, so the assertion says nothing. */
function unknownValues(errors: ErrorObject[], document: BrokerDocument): string[] {
  const pointers = new Set(errors.filter((e) => e.data === null).map((e) => e.instancePath));
  return [...pointers].map((pointer) => unknownReason(pointer, document));
}

function unknownReason(pointer: string, document: BrokerDocument): string {
  // The reason may be recorded on the pointer itself or on one of its parents (e.g. /logs for /logs/general).
  for (let p = pointer; p; p = p.slice(0, p.lastIndexOf('/'))) {
    if (document.unknown[p]) return `${displayPath(pointer)} is unknown (${document.unknown[p]})`;
  }

  return `${displayPath(pointer)} is unknown`;
}

/**
 * Pointer → its unescaped keys, parsed once: pointers come from policy files, templates and the document's
 * shape (array indexes add a few more), so there are few of them; the cap is only a guard.
 */
const POINTER_KEYS = new Map<string, string[]>();

function pointerKeys(pointer: string): string[] {
  let keys = POINTER_KEYS.get(pointer);
  if (!keys) {
    keys = pointer.split('/').slice(1).map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (POINTER_KEYS.size < 10_000) POINTER_KEYS.set(pointer, keys);
  }

  return keys;
}

export function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const key of pointerKeys(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }

  return node;
}

export function displayPath(pointer: string): string {
  return pointer === '' ? 'the broker' : pointerKeys(pointer).join('.');
}

const STRUCTURAL = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'then', 'else']);

/** Turns ajv errors into found/expected statements, dropping structural noise when specific errors exist. */
export function explain(errors: ErrorObject[]): Explanation[] {
  const specific = errors.filter((e) => !STRUCTURAL.has(e.keyword));
  const chosen = specific.length > 0 ? specific : errors.filter((e) => e.keyword !== 'if');
  const seen = new Set<string>();
  const explanations: Explanation[] = [];
  for (const error of chosen) {
    const explanation = explainOne(error);
    const key = `${explanation.path}|${explanation.expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      explanations.push(explanation);
    }
  }

  return explanations;
}

function explainOne(error: ErrorObject): Explanation {
  const p = error.params as Record<string, unknown>;
  const path = displayPath(error.instancePath);
  switch (error.keyword) {
    case 'const': {
      return {path, found: error.data, expected: JSON.stringify(p.allowedValue)};
    }

    case 'enum': {
      return {path, found: error.data, expected: `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`};
    }

    case 'required': {
      const missing = String(p.missingProperty);
      return {path: path === 'the broker' ? missing : `${path}.${missing}`, found: undefined, expected: 'present'};
    }

    case 'type': {
      return {path, found: error.data, expected: `a value of type ${p.type}`};
    }

    case 'pattern': {
      return {path, found: error.data, expected: `matching /${p.pattern}/`};
    }

    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      return {path, found: error.data, expected: `${p.comparison} ${p.limit}`};
    }

    case 'minItems':
    case 'minContains':
    case 'contains': {
      return {path, found: error.data, expected: `at least ${p.limit ?? p.minContains ?? 1} matching item(s)`};
    }

    case 'maxItems':
    case 'maxContains': {
      return {path, found: error.data, expected: `at most ${p.limit} item(s)`};
    }

    case 'not': {
      return {path, found: error.data, expected: `not ${JSON.stringify((error.schema as unknown) ?? {})}`};
    }

    case 'false schema': {
      return {path, found: error.data, expected: 'absent'};
    }

    default: {
      return {path, found: error.data, expected: error.message ?? error.keyword};
    }
  }
}

function sentence(explanation: Explanation): string {
  if (explanation.expected === 'present' && explanation.found === undefined) return `${explanation.path} is missing`;
  return `${explanation.path} is ${formatValue(explanation.found)}, expected ${explanation.expected}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `{{path.to.value}}` → the value at that path in the document (strings verbatim). */
export function renderTemplate(template: string, document: BrokerDocument): string {
  let text = '';
  for (const part of templateParts(template)) {
    if (typeof part === 'string') text += part;
    else {
      const value = valueAt(document, part.pointer);
      text += typeof value === 'string' ? value : formatValue(value);
    }
  }

  return text;
}

/** A template split once into text and the pointers of its `{{…}}` placeholders. */
const TEMPLATE_PARTS = new Map<string, (string | {pointer: string})[]>();

function templateParts(template: string): (string | {pointer: string})[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of template.matchAll(/{{\s*([\w.-]+)\s*}}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({pointer: `/${match[1].split('.').join('/')}`});
    last = match.index + match[0].length;
  }

  if (last < template.length) parts.push(template.slice(last));
  TEMPLATE_PARTS.set(template, parts);
  return parts;
}
