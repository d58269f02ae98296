/**
 * Loading a CloudFormation template (YAML 1.1 with short-form tags, or JSON; CDK's `*.template.json` is plain JSON)
 * into plain values with long-form intrinsics (`!Ref X` → `{Ref: X}`), and the line of every value, so the
 * evaluator can name places and the edits can carry `definedAt`.
 *
 * Bounded: the file size, the nesting depth (checked on the text before the parser recurses: the `yaml` parser
 * needs seconds for a million nested brackets) and the number of values produced (YAML aliases can multiply them).
 */
import {isAlias, isMap, isScalar, isSeq} from 'yaml';
import type {Document, Node, YAMLMap} from 'yaml';

import type {DefinitionSite} from '../../change/types';
import {InputError} from '../../foundation/errors';
import {parseJson} from '../../foundation/json-input';
import {INTRINSIC_TAG_NAMES, parseTemplateDocument, propertyLines} from '../cloudformation';
import {LineIndex} from '../lines';
import {childPointer, placeOf} from './places';

/** 4× CloudFormation's own 1 MB limit (templates uploaded to S3): synthesized or pretty-printed output is never refused, and parsing stays well under a second. */
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
/** Real templates nest about 15 deep (a policy document in a resource); 64 leaves room and keeps recursion shallow. */
export const MAX_NESTING_DEPTH = 64;
/** Values produced from the document, aliases expanded: a few per byte of a 4 MiB file at most, unless aliases multiply them. */
const MAX_VALUES = 2_000_000;
const MAX_ALIASES = 1000;

/** A template value: JSON-like, intrinsics in long form. A number whose YAML text is not its JavaScript spelling (`3.10`, `0755`) stays that text. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | {[key: string]: TemplateValue};
export type TemplateMap = {[key: string]: TemplateValue};

export interface LoadedResource {
  logicalId: string;
  type: string;
  /** The resource's own keys: Type, Properties, Condition, DependsOn, Metadata … */
  body: TemplateMap;
  definedAt: DefinitionSite;
}

export interface LoadedTemplate {
  file: string;
  root: TemplateMap;
  resources: LoadedResource[];
  /** JSON pointer (`/Resources/Broker/Properties/SubnetIds/0`) → 1-based line. */
  lines: Map<string, number>;
  /** Things skipped while loading (`Fn::ForEach` blocks of the language extensions). */
  warnings: {pointer: string; line?: number; message: string}[];
}

export function loadTemplate(text: string, file: string): LoadedTemplate {
  if (text.length > MAX_TEMPLATE_BYTES)
    throw new InputError(
      file,
      `the template is ${text.length} bytes, more than the ${MAX_TEMPLATE_BYTES} read (CloudFormation itself takes at most 1 MB)`,
    );
  if (text.trim() === '')
    throw new InputError(file, 'the file is empty: expected a CloudFormation template (YAML or JSON)');
  const json = text.trimStart().startsWith('{');
  const index = new LineIndex(text);
  checkFlowDepth(text, file, index);
  // YAML's flow syntax forgives what JSON (and CloudFormation's JSON parser) does not, such as trailing commas.
  if (json) parseJson(text, file, 'the template');

  const document = parseTemplateDocument(text, json);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const offset = Math.min(error.pos[0], Math.max(0, text.trimEnd().length - 1));
    throw new InputError(
      file,
      `${json ? 'JSON' : 'YAML'} syntax error: ${error.message.split('\n')[0]}`,
      `line ${index.line(offset)}, column ${index.column(offset)}`,
    );
  }

  const lines = new Map<string, number>();
  const converter = new Converter(document, text, file, index, lines);
  const root = converter.convert(document.contents, '', 0);
  const rootMap = asMap(root);
  const notTemplate = notATemplateReason(rootMap);
  if (notTemplate) throw new InputError(file, `not a CloudFormation template: ${notTemplate}`);

  const warnings: LoadedTemplate['warnings'] = [];
  const resources = loadResources(rootMap as TemplateMap, document, file, index, lines, warnings);
  return {file, root: rootMap as TemplateMap, resources, lines, warnings};
}

/** Why a parsed document is not a template (a workflow, a manifest, a plan …), or undefined when it is one. */
function notATemplateReason(root: TemplateMap | undefined): string | undefined {
  const expected = 'expected a map with `Resources`, each resource with a `Type` (AWS::…)';
  if (root === undefined) return `the document is not a map; ${expected}`;
  const hint = lookalike(root);
  const resources = asMap(root.Resources);
  if (resources === undefined) return `${hint ?? 'it has no `Resources` map'}; ${expected}`;
  const typed = Object.values(resources).some((body) => typeof asMap(body)?.Type === 'string');
  if (!typed)
    return `${hint ?? (Object.keys(resources).length === 0 ? '`Resources` is empty' : 'no resource has a `Type`')}; ${expected}`;
  return undefined;
}

function lookalike(root: TemplateMap): string | undefined {
  // YAML 1.1 reads a workflow's `on:` key as the boolean true.
  if ('jobs' in root && ('on' in root || 'true' in root)) return 'it looks like a GitHub Actions workflow';
  if ('apiVersion' in root && 'kind' in root) return 'it looks like a Kubernetes manifest';
  if ('format_version' in root && ('resource_changes' in root || 'planned_values' in root))
    return 'it looks like a Terraform plan (give it with --plan)';
  if (root.kind === 'mq-audit/inventory') return 'it is an mq-audit inventory';
  return undefined;
}

function loadResources(
  root: TemplateMap,
  document: Document.Parsed,
  file: string,
  index: LineIndex,
  lines: Map<string, number>,
  warnings: LoadedTemplate['warnings'],
): LoadedResource[] {
  const resourcesNode = (document.contents as YAMLMap).get('Resources', true) as unknown as YAMLMap;
  const resources = root.Resources as TemplateMap;
  const loaded: LoadedResource[] = [];
  for (const pair of resourcesNode.items) {
    const logicalId = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const pointer = childPointer('/Resources', logicalId);
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
      throw new InputError(
        file,
        `resource ${logicalId}: expected a map with a \`Type\` string (AWS::…)`,
        placeOf(pointer, lines),
      );
    const node = pair.value as Node;
    const start = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    const propertiesNode = isMap(node) ? node.get('Properties', true) : undefined;
    const definedAt: DefinitionSite = {
      file,
      line: index.line(start),
      endLine: index.lastContentLine(start, node.range?.[1] ?? start),
      ...(isMap(propertiesNode) && {properties: propertyLines(propertiesNode, index)}),
    };
    loaded.push({logicalId, type, body, definedAt});
  }

  return loaded;
}

/** Converts the parsed document into template values, recording lines; bounded in depth, values and aliases. */
class Converter {
  private values = 0;
  private aliases = 0;

  constructor(
    private readonly document: Document.Parsed,
    private readonly text: string,
    private readonly file: string,
    private readonly index: LineIndex,
    private readonly lines: Map<string, number>,
  ) {}

  convert(node: unknown, pointer: string, depth: number): TemplateValue {
    if (depth > MAX_NESTING_DEPTH)
      throw new InputError(this.file, `nested more than ${MAX_NESTING_DEPTH} deep`, placeOf(pointer, this.lines));
    if (++this.values > MAX_VALUES)
      throw new InputError(
        this.file,
        `more than ${MAX_VALUES} values (YAML aliases expanding?)`,
        placeOf(pointer, this.lines),
      );
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES)
        throw new InputError(
          this.file,
          `more than ${MAX_ALIASES} YAML aliases (CloudFormation does not take aliases at all)`,
          placeOf(pointer, this.lines),
        );
      return this.convert(node.resolve(this.document), pointer, depth + 1);
    }

    if (node === null || node === undefined) return null;
    const tag = (node as Node).tag;
    if (tag !== undefined && INTRINSIC_TAG_NAMES.has(tag))
      return this.shortForm(node as Node, tag.slice(1), pointer, depth);
    if (tag !== undefined && !tag.startsWith('tag:yaml.org,2002:')) {
      throw new InputError(
        this.file,
        `unknown tag ${tag}: expected a CloudFormation short form (!Ref, !Sub, !GetAtt …)`,
        placeOf(pointer, this.lines),
      );
    }

    return this.plain(node as Node, pointer, depth);
  }

  private plain(node: Node, pointer: string, depth: number): TemplateValue {
    if (isMap(node)) {
      const out: TemplateMap = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined)
          throw new InputError(this.file, 'a map key is not a plain string', placeOf(pointer, this.lines));
        const child = childPointer(pointer, key);
        if (isScalar(pair.key) && pair.key.range) this.lines.set(child, this.index.line(pair.key.range[0]));
        out[key] = this.convert(pair.value, child, depth + 1);
      }

      return out;
    }

    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = `${pointer}/${i}`;
        const range = (item as Node | null)?.range;
        if (range) this.lines.set(child, this.index.line(range[0]));
        return this.convert(item, child, depth + 1);
      });
    }

    if (isScalar(node)) return this.scalar(node.value, node.range, node.type);
    return null;
  }

  /** Strings, booleans and null as parsed; a number keeps its text when that is not how JavaScript writes it; timestamps and the like stay text (CloudFormation has no such tags). */
  private scalar(
    value: unknown,
    range: [number, number, number] | null | undefined,
    type: string | undefined,
  ): TemplateValue {
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar (number, bigint, date): strings, booleans and null returned above
    const text = range ? this.text.slice(range[0], range[1]).trim() : String(value);
    if (typeof value === 'number' && (type !== 'PLAIN' || String(value) === text)) return value;
    return text;
  }

  private shortForm(node: Node, name: string, pointer: string, depth: number): TemplateValue {
    // The tagged node's own value, as if untagged.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar's value
    const inner = isScalar(node) ? (node.value === null ? '' : String(node.value)) : this.plain(node, pointer, depth);
    if (name === 'Ref' || name === 'Condition') return {[name]: inner};
    // `!GetAtt Broker.Endpoint.Address` is `[Broker, Endpoint.Address]`: the logical id ends at the first dot.
    const dot = typeof inner === 'string' ? inner.indexOf('.') : -1;
    if (name === 'GetAtt' && typeof inner === 'string' && dot > 0)
      return {'Fn::GetAtt': [inner.slice(0, dot), inner.slice(dot + 1)]};
    return {[`Fn::${name}`]: inner};
  }
}

function asMap(value: TemplateValue | undefined): TemplateMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/**
 * The deepest nesting of flow brackets (`[` `{`), outside quoted strings and comments. The text is checked before
 * parsing because the parser's own recursion is what a hostile file attacks; indentation nesting is bounded by
 * the file size (a 4 MiB file holds at most ~2,800 levels, which the parser reports as an error).
 */
function checkFlowDepth(text: string, file: string, index: LineIndex): void {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      // Quoted scalars are taken to end with their line: a stray quote hides one line's brackets, no more.
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = undefined;
      continue;
    }

    if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? '\n')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING_DEPTH)
        throw new InputError(
          file,
          `nested more than ${MAX_NESTING_DEPTH} deep`,
          `line ${index.line(i)}, column ${index.column(i)}`,
        );
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}
