/**
 * CloudFormation templates (YAML, JSON, CDK's synthesized templates) → resource definitions with lines.
 *
 * Both formats go through the `yaml` package's document parser, which keeps every node's source range (JSON is
 * YAML). Short-form intrinsics (!Ref, !GetAtt, !Sub, !If …) are registered as custom tags so they parse as the
 * values they are; a tagged value is never taken for a literal.
 */
import {isMap, isScalar, isSeq, parseDocument} from 'yaml';
import type {CollectionTag, Document, Node, Pair, ScalarTag, YAMLMap, YAMLSeq} from 'yaml';

import {LineIndex} from './lines';
import {cloudFormationTypeInfo} from './resource-types';
import type {IacDefinition, IacFormat, IacProblem, LiteralValue} from './types';

/** The intrinsic functions and condition functions that have a `!Short` form (CloudFormation User Guide). */
const INTRINSIC_FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
];

/** Each short form in the three shapes YAML allows: `!Ref X`, `!Join [..]`, `!Transform {..}`. */
const INTRINSIC_TAGS: (CollectionTag | ScalarTag)[] = INTRINSIC_FUNCTIONS.flatMap(
  (name): (CollectionTag | ScalarTag)[] => [
    {tag: `!${name}`, resolve: (value: string) => value},
    {tag: `!${name}`, collection: 'seq', resolve: (value) => value},
    {tag: `!${name}`, collection: 'map', resolve: (value) => value},
  ],
);

/** Deep enough for Logs.Audit, EncryptionOptions.KmsKeyId, LdapServerMetadata.Hosts. */
const MAX_PROPERTY_DEPTH = 3;
const PLAIN_STRING_TAG = 'tag:yaml.org,2002:str';

export interface ParsedTemplate {
  /** False when the file parsed but is not a CloudFormation template (a workflow, a config file …). */
  isTemplate: boolean;
  definitions: IacDefinition[];
  problems: IacProblem[];
}

/**
 * The parse both the IaC index and the template evaluator (iac/cloudformation-template) use. CloudFormation reads
 * YAML 1.1; JSON is read as what it is, YAML 1.2's JSON subset. Short forms stay tagged nodes (`node.tag === '!Ref'`).
 * Aliases stay alias nodes: whoever converts the document bounds their expansion (`toJS({maxAliasCount})` or its own
 * budget).
 */
export function parseTemplateDocument(text: string, json: boolean): Document.Parsed {
  return parseDocument(text, {
    customTags: INTRINSIC_TAGS,
    prettyErrors: false,
    uniqueKeys: true,
    version: json ? '1.2' : '1.1',
  });
}

/** The short-form tag names (`!Ref` …) the parse recognises. */
export const INTRINSIC_TAG_NAMES: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS.map((name) => `!${name}`));

/** The line of every property path of a resource's `Properties` map, as the IaC index records them. */
export function propertyLines(properties: YAMLMap, lines: LineIndex): Record<string, number> {
  const out: Record<string, number> = {};
  recordProperties(properties, '', 0, out, lines);
  return out;
}

export function parseCloudFormation(
  text: string,
  file: string,
  format: Extract<IacFormat, 'cloudformation-json' | 'cloudformation-yaml'>,
): ParsedTemplate {
  const lines = new LineIndex(text);
  const document = parseTemplateDocument(text, format === 'cloudformation-json');
  if (document.errors.length > 0) {
    const error = document.errors[0];
    // An error at the end of the file (an unclosed bracket) is reported on the last line that has content.
    const atEnd = text.slice(error.pos[0]).trim() === '';
    const offset = atEnd ? Math.max(0, text.trimEnd().length - 1) : error.pos[0];
    const parserMessage = error.message.split('\n')[0];
    const message =
      atEnd && format === 'cloudformation-json'
        ? `unexpected end of file, a { or [ is not closed (${parserMessage})`
        : parserMessage;
    return {
      isTemplate: false,
      definitions: [],
      problems: [
        {
          severity: 'warning',
          file,
          line: lines.line(offset),
          column: lines.column(offset),
          message: `not indexed: ${format === 'cloudformation-json' ? 'JSON' : 'YAML'} syntax error: ${message}`,
        },
      ],
    };
  }

  const root = document.contents;
  if (!isMap(root) || !isTemplate(root)) return {isTemplate: false, definitions: [], problems: []};
  const resources = root.get('Resources', true);
  if (!isMap(resources)) return {isTemplate: true, definitions: [], problems: []};

  const definitions: IacDefinition[] = [];
  for (const pair of resources.items) {
    const definition = resourceDefinition(pair, file, format, lines);
    if (definition) definitions.push(definition);
  }

  return {isTemplate: true, definitions, problems: []};
}

/** A template declares its format version, or has Resources whose types are AWS types. */
function isTemplate(root: YAMLMap): boolean {
  if (root.has('AWSTemplateFormatVersion')) return true;
  const resources = root.get('Resources', true);
  return (
    isMap(resources) &&
    resources.items.some(
      (pair) => isMap(pair.value) && (literalString(pair.value.get('Type', true))?.startsWith('AWS::') ?? false),
    )
  );
}

function resourceDefinition(pair: Pair, file: string, format: IacFormat, lines: LineIndex): IacDefinition | undefined {
  const logicalId = literalString(pair.key);
  const body = pair.value;
  if (logicalId === undefined || !isMap(body) || !isNode(pair.key)) return undefined;
  const type = literalString(body.get('Type', true));
  const info = type === undefined ? undefined : cloudFormationTypeInfo(type);
  if (type === undefined || info === undefined) return undefined;

  const start = rangeOf(pair.key)[0];
  const properties: Record<string, number> = {};
  const propertiesNode = body.get('Properties', true);
  let name: LiteralValue | undefined;
  let nameTag: LiteralValue | undefined;
  if (isMap(propertiesNode)) {
    recordProperties(propertiesNode, '', 0, properties, lines);
    if (info.nameProperty) name = literalAt(propertiesNode.get(info.nameProperty, true), lines);
    nameTag = nameTagOf(propertiesNode.get('Tags', true), lines);
  }

  const metadata = body.get('Metadata', true);
  const cdkPath = isMap(metadata) ? literalString(metadata.get('aws:cdk:path', true)) : undefined;

  return {
    kind: info.kind,
    format,
    type,
    file,
    address: logicalId,
    localName: logicalId,
    startLine: lines.line(start),
    endLine: lines.lastContentLine(start, rangeOf(body)[1]),
    properties,
    ...(name && {name}),
    ...(nameTag && {nameTag}),
    ...(cdkPath !== undefined && {cdkPath}),
  };
}

/** Records the line of every property path: nested maps (`Logs.Audit`), list items (`SecurityGroupIngress.0`), tags. */
function recordProperties(
  map: YAMLMap,
  prefix: string,
  depth: number,
  out: Record<string, number>,
  lines: LineIndex,
): void {
  for (const pair of map.items) {
    const key = literalString(pair.key);
    if (key === undefined || !isNode(pair.key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    out[path] ??= lines.line(rangeOf(pair.key)[0]);
    const value = pair.value;
    if (depth === 0 && key === 'Tags' && isSeq(value)) {
      recordTags(value, out, lines);
    } else if (
      isMap(value) &&
      value.tag === undefined &&
      !isLongFormIntrinsic(value) &&
      depth + 1 < MAX_PROPERTY_DEPTH
    ) {
      recordProperties(value, path, depth + 1, out, lines);
    } else if (isSeq(value) && value.tag === undefined && depth === 0) {
      value.items.forEach((item, index) => {
        if (isNode(item)) out[`${path}.${index}`] ??= lines.line(rangeOf(item)[0]);
      });
    }
  }
}

/** `Tags: [{Key: Name, Value: x}]` → `Tags.Name` at the item's line. */
function recordTags(tags: YAMLSeq, out: Record<string, number>, lines: LineIndex): void {
  for (const item of tags.items) {
    if (!isMap(item)) continue;
    const key = literalString(item.get('Key', true));
    if (key !== undefined) out[`Tags.${key}`] ??= lines.line(rangeOf(item)[0]);
  }
}

function nameTagOf(tags: unknown, lines: LineIndex): LiteralValue | undefined {
  if (!isSeq(tags) || tags.tag !== undefined) return undefined;
  for (const item of tags.items) {
    if (isMap(item) && literalString(item.get('Key', true)) === 'Name')
      return literalAt(item.get('Value', true), lines);
  }

  return undefined;
}

/** `{"Ref": …}`, `{"Fn::Sub": …}`, `{"Condition": …}`: a computed value in long form, not a property map. */
function isLongFormIntrinsic(map: YAMLMap): boolean {
  if (map.items.length !== 1) return false;
  const key = literalString(map.items[0].key);
  return key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

/** A string or number written as such: no intrinsic tag, no long-form intrinsic. */
function literalString(node: unknown): string | undefined {
  if (!isScalar(node) || (node.tag !== undefined && node.tag !== PLAIN_STRING_TAG)) return undefined;
  const value = node.value;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function literalAt(node: unknown, lines: LineIndex): LiteralValue | undefined {
  const value = literalString(node);
  return value === undefined || !isNode(node) ? undefined : {value, line: lines.line(rangeOf(node)[0])};
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}

/** Parsed nodes always carry their range; a node built some other way would start the file. */
function rangeOf(node: Node): [number, number] {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}
