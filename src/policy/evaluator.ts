/**
 * Evaluates one policy against one broker document: pass, fail, not_applicable or error.
 * Order: engine scope → appliesTo → requires → assert. A null (unknown) value that decides the outcome makes
 * the result `error` — a check that could not be evaluated is never reported as compliant.
 */
import type {ErrorObject, ValidateFunction} from 'ajv';
import {flat} from '../foundation/strings';
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

/** What a policy concluded about a broker, before the broker's name is put in front of the reason. */
interface Outcome {
  status: Evaluation['status'];
  /** The message after "Broker NAME ". */
  reason: string;
  explanations?: Explanation[];
  /** A failure whose message is a template: the values filled in → the outcome with that reason. */
  variants?: Map<string, Outcome>;
  /** The reason alone (no policy id or title), worked out once per outcome; '' for a plain pass. */
  alone?: string;
}

/**
 * Per policy: the reasons that do not depend on the broker, and the outcome of each distinct failure. Thousands of
 * brokers fail a policy the same few ways (the same value at the same place), and explaining a failure is most of
 * the cost of evaluating it; brokers that fail alike share one explanation.
 */
interface PolicyMemo {
  outOfEngine: Map<string, Outcome>;
  pass?: Outcome;
  /** Where each failure's outcome is kept, one tree per check (see failureNode). */
  failures: {assert: FailureNode; scope: FailureNode};
  /** Nodes in both trees: a guard. */
  failureNodes: number;
  /** The values a templated pass message filled in → the outcome with that reason (failures keep theirs: variants). */
  templatedPass: Map<string, Outcome>;
}

/** One step of a failure's identity (see failureNode); the outcome sits where a failure's steps end. */
interface FailureNode {
  next: Map<unknown, FailureNode>;
  outcome?: Outcome;
}

/**
 * Where a compiled policy keeps its memo: on the policy itself, not in a WeakMap beside it. V8 revisits every
 * WeakMap entry at each garbage collection, and a process that compiles policies again and again (tests, the
 * benchmark's fresh copies) spent a third of its time there. Not enumerable, so a copy of a policy starts afresh.
 */
const MEMO = Symbol('mq-audit policy memo');
/** What a templated pass message is rendered onto. */
const PASS: Outcome = {status: 'pass', reason: ''};
/** A guard: distinct failures of one policy are few in practice. */
const MAX_FAILURES_KEPT = 4096;
/** The same for the failure trees: a few steps per error, a few errors per failure. */
const MAX_FAILURE_NODES = 16 * MAX_FAILURES_KEPT;

function memoOf(policy: CompiledPolicy): PolicyMemo {
  const holder = policy as CompiledPolicy & {[MEMO]?: PolicyMemo};
  let memo = holder[MEMO];
  if (!memo) {
    memo = {
      outOfEngine: new Map(),
      failures: {assert: {next: new Map()}, scope: {next: new Map()}},
      failureNodes: 0,
      templatedPass: new Map(),
    };
    // A frozen policy (a caller's) is still evaluated, only without a memo to share.
    if (Object.isExtensible(holder)) Object.defineProperty(holder, MEMO, {value: memo});
  }

  return memo;
}

/**
 * "Broker NAME ", once per document: each message is then one join of two shared strings. Documents are evaluated
 * one after the other, all policies each, so remembering the last one is enough (and costs the collector nothing,
 * unlike a WeakMap entry per document).
 */
let lastPrefix: {document: BrokerDocument; prefix: string} | undefined;

function messagePrefix(document: BrokerDocument): string {
  if (lastPrefix?.document !== document) lastPrefix = {document, prefix: flat(`Broker ${document.name} `)};
  return lastPrefix.prefix;
}

export function evaluatePolicy(
  policy: CompiledPolicy,
  document: BrokerDocument,
  resource: ResourceRef = resourceOf(document),
): Evaluation {
  const outcome = judge(policy, document);
  const {status, reason, explanations} = outcome;
  // Two flat strings joined: V8 keeps that as one small pair (32 bytes) rather than a copy of the text.
  const message = messagePrefix(document) + reason;
  const alone = aloneOf(outcome, policy);
  if (alone === '') {
    return explanations
      ? {policyId: policy.id, status, severity: policy.severity, resource, message, explanations}
      : {policyId: policy.id, status, severity: policy.severity, resource, message};
  }

  return explanations
    ? {policyId: policy.id, status, severity: policy.severity, resource, message, reason: alone, explanations}
    : {policyId: policy.id, status, severity: policy.severity, resource, message, reason: alone};
}

/**
 * The reason without what a report's columns already say (the policy id and title): a slice of the outcome's
 * flat reason, kept on the outcome, so brokers sharing an outcome share it too.
 */
function aloneOf(outcome: Outcome, policy: CompiledPolicy): string {
  if (outcome.alone !== undefined) return outcome.alone;
  const text = outcome.reason;
  const prefix = [
    `fails ${policy.id} (${policy.title}): `,
    `could not be evaluated for ${policy.id}: `,
    `is not in the scope of ${policy.id}: `,
    `is not checked by ${policy.id}: `,
  ].find((p) => text.startsWith(p));
  const alone =
    text === `complies with ${policy.id}.` ? '' : text.slice(prefix?.length ?? 0, text.endsWith('.') ? -1 : undefined);
  outcome.alone = alone;
  return alone;
}

function judge(policy: CompiledPolicy, document: BrokerDocument): Outcome {
  const memo = memoOf(policy);
  if (policy.engines && !policy.engines.includes(document.engineType)) {
    let outcome = memo.outOfEngine.get(document.engineType);
    if (outcome === undefined) {
      const engines = policy.engines.map((e) => ENGINE_NAMES[e] ?? e).join(' and ');
      const reason = `is not checked by ${policy.id}: it applies to ${engines} brokers only, this is ${ENGINE_NAMES[document.engineType] ?? document.engineType}.`;
      outcome = flatOutcome({status: 'not_applicable', reason});
      memo.outOfEngine.set(document.engineType, outcome);
    }

    return outcome;
  }

  const {checks} = policy;
  if (checks.appliesTo && !passes(checks.appliesTo, checks.quick?.appliesTo, document)) {
    return remembered(memo, 'scope', checks.appliesTo.errors ?? [], (errors) => {
      const unknown = unknownValues(errors, document);
      if (unknown.length > 0)
        return {status: 'error', reason: `could not be evaluated for ${policy.id}: ${unknown.join('; ')}.`};
      return {
        status: 'not_applicable',
        reason: `is not in the scope of ${policy.id}: ${explain(errors).map(sentence).join('; ')}.`,
      };
    });
  }

  for (const pointer of policy.requires ?? []) {
    if (valueAt(document, pointer) == null) {
      const missing = (policy.requires ?? []).filter((p) => valueAt(document, p) == null);
      return {
        status: 'error',
        reason: flat(
          `could not be evaluated for ${policy.id}: ${missing.map((p) => unknownReason(p, document)).join('; ')}.`,
        ),
      };
    }
  }

  if (passes(checks.assert, checks.quick?.assert, document)) {
    if (policy.messages?.pass)
      return templated(memo.templatedPass, PASS, policy.messages.pass, document, (text) => `${text}.`);
    memo.pass ??= flatOutcome({status: 'pass', reason: `complies with ${policy.id}.`});
    return memo.pass;
  }

  const failure = remembered(memo, 'assert', checks.assert.errors ?? [], (errors) => {
    const unknown = unknownValues(errors, document);
    if (unknown.length > 0)
      return {status: 'error', reason: `could not be evaluated for ${policy.id}: ${unknown.join('; ')}.`};
    const explanations = explain(errors);
    return {
      status: 'fail',
      reason: `fails ${policy.id} (${policy.title}): ${explanations.map(sentence).join('; ')}.`,
      explanations,
    };
  });
  // A message template reads the broker's own values: rendered for each broker, the explanations still shared.
  if (failure.status === 'fail' && policy.messages?.fail) {
    failure.variants ??= new Map();
    return templated(
      failure.variants,
      failure,
      policy.messages.fail,
      document,
      (text) => `fails ${policy.id} (${policy.title}): ${text}.`,
    );
  }

  return failure;
}

/**
 * The outcome of these validation errors, worked out once per distinct failure: the same errors on the same
 * values give the same explanations. Errors about unknown (null) values are not remembered: their reason is the
 * broker's own record of why the data is missing.
 */
function remembered(
  memo: PolicyMemo,
  check: 'assert' | 'scope',
  errors: ErrorObject[],
  work: (errors: ErrorObject[]) => Outcome,
): Outcome {
  const node = failureNode(memo, check, errors);
  if (node === undefined) return flatOutcome(work(errors));
  if (node.outcome === undefined) node.outcome = flatOutcome(work(errors));
  return node.outcome;
}

/**
 * `base` with its reason rendered from a message template, once per distinct set of values the template fills
 * in: brokers with the same values share one outcome and one message text.
 */
function templated(
  kept: Map<string, Outcome>,
  base: Outcome,
  template: string,
  document: BrokerDocument,
  wrap: (text: string) => string,
): Outcome {
  const values = templateValues(template, document);
  // One template per map (a policy's pass or fail message): the values alone tell the reasons apart.
  const key = values.join('\u0000');
  let outcome = kept.get(key);
  if (outcome === undefined) {
    const reason = wrap(fillTemplate(template, values));
    outcome = flatOutcome(
      base.explanations
        ? {status: base.status, reason, explanations: base.explanations}
        : {status: base.status, reason},
    );
    if (kept.size < MAX_FAILURES_KEPT) kept.set(key, outcome);
  }

  return outcome;
}

function flatOutcome(outcome: Outcome): Outcome {
  outcome.reason = flat(outcome.reason);
  return outcome;
}

/** Keywords whose error params depend on the data (which property is missing or extra), not only on the schema. */
const DATA_PARAMS = new Set([
  'required',
  'additionalProperties',
  'unevaluatedProperties',
  'dependentRequired',
  'dependencies',
  'propertyNames',
]);
/** Values longer than this as JSON are not worth a key: such failures are explained afresh. */
const MAX_KEYED_VALUE = 512;
/** The step of an object value, before its JSON text: keeps that text apart from a string value with the same characters. */
const OBJECT_VALUE = Symbol('object value');
/** The step of a missing property's value: a missing property is told by its name alone (its params). */
const MISSING_VALUE = Symbol('missing property');

/**
 * Where this failure's outcome is kept: a failure is identified by the errors that explain it (see explain), each
 * by where it is in the document and in the schema, the value found there and, for some keywords, its params. The
 * memo is a tree with one step per part, so that telling failures apart costs a few map lookups and no key text.
 * Undefined (not remembered) when a value is unknown (null) or large, or once the memo is full.
 */
function failureNode(memo: PolicyMemo, check: 'assert' | 'scope', errors: ErrorObject[]): FailureNode | undefined {
  if (errors.some((e) => e.data === null)) return undefined;
  let node: FailureNode | undefined = memo.failures[check];
  for (const error of explainedErrors(errors)) {
    const value = valueSteps(error);
    if (value === undefined) return undefined;
    node = childOf(memo, childOf(memo, node, error.instancePath), error.schemaPath);
    for (const part of value) node = childOf(memo, node, part);
    if (node === undefined) return undefined;
  }

  return node;
}

function childOf(memo: PolicyMemo, node: FailureNode | undefined, part: unknown): FailureNode | undefined {
  if (node === undefined) return undefined;
  let child = node.next.get(part);
  if (child === undefined) {
    if (memo.failureNodes >= MAX_FAILURE_NODES) return undefined;
    child = {next: new Map()};
    node.next.set(part, child);
    memo.failureNodes += 1;
  }

  return child;
}

/** The value's steps, then the params' where they depend on the data; undefined when the value is not worth a key. */
function valueSteps(error: ErrorObject): unknown[] | undefined {
  const {data, keyword} = error;
  if (keyword === 'required')
    return [MISSING_VALUE, String((error.params as {missingProperty?: unknown}).missingProperty)];
  const params = DATA_PARAMS.has(keyword) ? [JSON.stringify(error.params)] : [];
  switch (typeof data) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined': {
      // Map keys compare by SameValueZero: "1", 1 and true stay apart.
      return [data, ...params];
    }

    case 'object': {
      if (data === null) return undefined;
      const json = JSON.stringify(data);
      return json.length > MAX_KEYED_VALUE ? undefined : [OBJECT_VALUE, json, ...params];
    }

    default: {
      return undefined;
    }
  }
}

/**
 * The quick validator decides; on a failure the full one runs too, so that its `errors` explain it. Both
 * compile the same schema, so they agree on the answer.
 */
function passes(full: ValidateFunction, quick: ValidateFunction | undefined, document: BrokerDocument): boolean {
  if (!quick) return full(document);
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
    keys = pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (POINTER_KEYS.size < 10_000) POINTER_KEYS.set(pointer, keys);
  }

  return keys;
}

export function valueAt(document: unknown, pointer: string): unknown {
  return valueAtKeys(document, pointerKeys(pointer));
}

function valueAtKeys(document: unknown, keys: readonly string[]): unknown {
  let node = document;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }

  return node;
}

export function displayPath(pointer: string): string {
  return pointer === '' ? 'the broker' : pointerKeys(pointer).join('.');
}

const STRUCTURAL = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'then', 'else']);

/** The errors an explanation is made of: the specific ones, or when there are none all but `if`. */
function explainedErrors(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !STRUCTURAL.has(e.keyword));
  return specific.length > 0 ? specific : errors.filter((e) => e.keyword !== 'if');
}

/** Turns ajv errors into found/expected statements, dropping structural noise when specific errors exist. */
export function explain(errors: ErrorObject[]): Explanation[] {
  const seen = new Set<string>();
  const explanations: Explanation[] = [];
  for (const error of explainedErrors(errors)) {
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
      return {
        path,
        found: error.data,
        expected: `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }

    case 'required': {
      const missing = String(p.missingProperty);
      return {path: path === 'the broker' ? missing : `${path}.${missing}`, found: undefined, expected: 'present'};
    }

    case 'type': {
      return {path, found: error.data, expected: `a value of type ${String(p.type)}`};
    }

    case 'pattern': {
      return {path, found: error.data, expected: `matching /${String(p.pattern)}/`};
    }

    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      return {path, found: error.data, expected: `${String(p.comparison)} ${String(p.limit)}`};
    }

    case 'minItems':
    case 'minContains':
    case 'contains': {
      return {
        path,
        found: error.data,
        expected: `at least ${(p.limit ?? p.minContains ?? 1) as number} matching item(s)`,
      };
    }

    case 'maxItems':
    case 'maxContains': {
      return {path, found: error.data, expected: `at most ${String(p.limit)} item(s)`};
    }

    case 'not': {
      return {path, found: error.data, expected: `not ${JSON.stringify(error.schema ?? {})}`};
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
  // Read the same as JSON, without a serializer: most template values are such scalars.
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `{{path.to.value}}` → the value at that path in the document (strings verbatim). */
export function renderTemplate(template: string, document: BrokerDocument): string {
  return fillTemplate(template, templateValues(template, document));
}

/** The text each `{{…}}` placeholder of the template stands for in this document. */
function templateValues(template: string, document: BrokerDocument): string[] {
  const values: string[] = [];
  for (const part of templateParts(template)) {
    if (typeof part !== 'string') {
      const value = valueAtKeys(document, part.keys);
      values.push(typeof value === 'string' ? value : formatValue(value));
    }
  }

  return values;
}

function fillTemplate(template: string, values: readonly string[]): string {
  let text = '';
  let next = 0;
  for (const part of templateParts(template)) text += typeof part === 'string' ? part : values[next++];
  return text;
}

/** A template split once into text and the keys of its `{{…}}` placeholders. */
const TEMPLATE_PARTS = new Map<string, (string | {keys: string[]})[]>();

function templateParts(template: string): (string | {keys: string[]})[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of template.matchAll(/{{\s*([\w.-]+)\s*}}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({keys: pointerKeys(`/${match[1].split('.').join('/')}`)});
    last = match.index + match[0].length;
  }

  if (last < template.length) parts.push(template.slice(last));
  TEMPLATE_PARTS.set(template, parts);
  return parts;
}
