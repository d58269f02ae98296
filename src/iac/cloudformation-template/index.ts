/**
 * A CloudFormation template (YAML, JSON, CDK output) with its parameters → a ProposedChange (src/change/types.ts):
 * the stack's resources as snapshot items, each edit with the lines that define it. Pure over the template text
 * (`evaluateCloudFormationTemplate`); `readCloudFormationTemplate` adds the file, the parameters file and the CDK
 * assembly's manifest.
 *
 * Identity: without `deployed`, every resource is created and its id is `placeholderId(stack/LogicalId)`. With
 * `deployed` (the caller matched the template to a deployed stack, e.g. ListStackResources or the
 * aws:cloudformation:* tags), a resource it knows is updated in place: its id is the deployed one and `before`
 * holds a minimal item (the id and parent keys; the overlay fills the rest from the snapshot) unless the caller
 * gives the deployed items. `deployedResources` lists the deployed stack's resources: those the template no
 * longer has (or whose Condition is now false) become `delete` edits.
 */
import {readTextFile} from '../../foundation/json-input';

import type {ChangeProblem, PlannedItem, ProposedChange, ResourceEdit} from '../../change/types';
import {InputError} from '../../foundation/errors';
import {cdkAssemblyContext} from './cdk';
import {findCycle} from './cycles';
import {deletedEdit, minimalBefore} from './deployed';
import {Fields} from './fields';
import {MAX_TEMPLATE_BYTES, loadTemplate} from './load';
import type {LoadedResource} from './load';
import {parseParametersFile, resolveParameters} from './parameters';
import {childPointer, lineOf, placeOf} from './places';
import {dispositionOf} from './resources';
import {TemplateScope, partitionOf} from './scope';
import {NO_VALUE, isUnknown, isValueMap, shown} from './values';
import type {Unknown, ValueMap} from './values';

export interface DeployedResourceInfo {
  /** The physical id (ListStackResources' PhysicalResourceId). */
  id: string;
  arn?: string;
  /** The deployed objects as the caller found them in the snapshot; without them `before` is a minimal item. */
  before?: PlannedItem[];
}

export interface DeployedStackResource extends DeployedResourceInfo {
  logicalId: string;
  resourceType: string;
}

export interface TemplateOptions {
  /** Parameter values by name. Without them, `parametersFile` is read (when given), else defaults apply. */
  parameters?: Record<string, string>;
  /** The parameters file, read when `parameters` is not given, and named in messages. */
  parametersFile?: string;
  stackName?: string;
  region?: string;
  accountId?: string;
  partition?: string;
  /** A deployed stack's resource by logical id; resources it knows are updates. Defaults to `deployedResources`. */
  deployed?: (logicalId: string) => DeployedResourceInfo | undefined;
  /** Every resource of the deployed stack: those not in the template are deleted. */
  deployedResources?: DeployedStackResource[];
}

export interface TemplateResource {
  logicalId: string;
  resourceType: string;
  /** The resource's Condition, when it has one. */
  condition?: string;
}

/** A folder given for a template is most often a cdk.out: say which file to give instead. */
function readTemplateText(file: string): string {
  try {
    return readTextFile(file, 'template', MAX_TEMPLATE_BYTES);
  } catch (error) {
    if (error instanceof InputError && /is a directory/.test(error.problem)) {
      throw new InputError(file, 'is a directory: expected a template file (for CDK, cdk.out/<Stack>.template.json)');
    }

    throw error;
  }
}

/** Reads a template file (and its parameters file, and a CDK assembly's manifest next to it). */
export function readCloudFormationTemplate(file: string, options: TemplateOptions = {}): ProposedChange {
  const text = readTemplateText(file);
  const parameters =
    options.parameters ?? (options.parametersFile ? readTemplateParameters(options.parametersFile) : undefined);
  const cdk = cdkAssemblyContext(file);
  const change = evaluateCloudFormationTemplate(text, file, {
    ...options,
    parameters,
    region: options.region ?? cdk.region,
    accountId: options.accountId ?? cdk.accountId,
  });
  change.warnings.push(...cdk.warnings);
  return change;
}

/** Reads a parameters file: `[{"ParameterKey", "ParameterValue"}]`, `{"Name": "value"}` or `{"Parameters": {…}}`. */
export function readTemplateParameters(file: string): Record<string, string> {
  return parseParametersFile(readTextFile(file, 'template parameters file', 1024 * 1024), file);
}

/** The template's resources as written (no evaluation): for callers matching them to a deployed stack. */
export function listTemplateResources(text: string, file: string): TemplateResource[] {
  return loadTemplate(text, file).resources.map(({logicalId, type, body}) => ({
    logicalId,
    resourceType: type,
    ...(typeof body.Condition === 'string' && {condition: body.Condition}),
  }));
}

export function evaluateCloudFormationTemplate(
  text: string,
  file: string,
  options: TemplateOptions = {},
): ProposedChange {
  const template = loadTemplate(text, file);
  const parameters = resolveParameters(
    template.root,
    options.parameters ?? {},
    file,
    template.lines,
    options.parametersFile,
  );
  const deployedById = new Map((options.deployedResources ?? []).map((r) => [r.logicalId, r]));
  const deployed = options.deployed ?? ((logicalId: string) => deployedById.get(logicalId));
  const scope = new TemplateScope(template, parameters, {...options, deployed});
  const warnings: ChangeProblem[] = [
    ...template.warnings.map(({pointer, line, message}) => problem(file, pointer, line, message)),
    ...parameters.undeclared.map((name) =>
      problem(file, '/Parameters', undefined, `parameter ${name} is given but the template does not declare it`),
    ),
    ...transformWarnings(template.root.Transform, file),
  ];
  if (text.includes('${Token['))
    warnings.push(
      problem(
        file,
        '',
        undefined,
        'the template holds an unresolved CDK token (${Token[…]}): a token was turned into a string before synthesis',
      ),
    );

  const {present, undecided} = presentResources(template.resources, scope);
  const evaluated = new Map(present.map((resource) => [resource.logicalId, evaluateProperties(resource, scope)]));
  checkDependencies(present, scope);

  const source = {file, lines: template.lines};
  const byId = new Map(
    present.map((r) => [
      scope.physicalId(r.logicalId),
      {type: r.type, properties: evaluated.get(r.logicalId), pointer: propertiesPointer(r.logicalId)},
    ]),
  );
  const resourceById = (id: string): {type: string; fields: Fields} | undefined => {
    const found = byId.get(id);
    return found && {type: found.type, fields: new Fields(source, found.properties, found.pointer, {})};
  };

  const context = {
    stackName: options.stackName,
    region: options.region,
    accountId: options.accountId,
    partition: options.partition ?? partitionOf(options.region),
  };
  const change: ProposedChange = {
    format: 'cloudformation',
    input: file,
    description: describe(options),
    edits: [],
    skipped: [],
    warnings,
  };
  for (const resource of present) {
    const {logicalId, type} = resource;
    const address = scope.address(logicalId);
    const fields = new Fields(source, evaluated.get(logicalId), propertiesPointer(logicalId), {});
    const disposition = dispositionOf(type, fields);
    if ('skip' in disposition) {
      change.skipped.push({address, resourceType: type, reason: disposition.skip});
      continue;
    }

    const why = undecided.get(logicalId);
    if (why) warnings.push(undecidedWarning(resource, why, scope));
    const info = deployed(logicalId);
    const {items, sensitive} =
      'opaque' in disposition
        ? {items: [opaqueItem(disposition.opaque, fields)], sensitive: undefined}
        : disposition.translate({
            ...context,
            logicalId,
            type,
            address,
            id: scope.physicalId(logicalId),
            deployed: info,
            fields,
            resourceById,
          });
    const edit: ResourceEdit = {
      format: 'cloudformation',
      input: file,
      address,
      resourceType: type,
      action: info ? 'update' : 'create',
      definedAt: resource.definedAt,
      ...(options.region && {region: options.region}),
      ...(options.accountId && {accountId: options.accountId}),
      before: info ? (info.before ?? items.map((item) => minimalBefore(item, info.id))) : [],
      after: items,
      ...(sensitive && {sensitive}),
    };
    change.edits.push(edit);
  }

  mergeSecondaryCidrs(change.edits);
  const presentIds = new Set(present.map((r) => r.logicalId));
  for (const gone of options.deployedResources ?? []) {
    if (presentIds.has(gone.logicalId)) continue;
    const edit = deletedEdit(gone, scope.address(gone.logicalId), file, options, warnings);
    if (edit) change.edits.push(edit);
  }

  return change;
}

/** Resources whose Condition holds, or is unknown (kept, never guessed away: the caller warns about those it judges). */
function presentResources(
  resources: LoadedResource[],
  scope: TemplateScope,
): {present: LoadedResource[]; undecided: Map<string, Unknown>} {
  const undecided = new Map<string, Unknown>();
  const present = resources.filter((resource) => {
    const holds = scope.present(resource);
    if (isUnknown(holds)) undecided.set(resource.logicalId, holds);
    return holds !== false;
  });
  return {present, undecided};
}

function undecidedWarning(resource: LoadedResource, why: Unknown, scope: TemplateScope): ChangeProblem {
  const pointer = childPointer(childPointer('/Resources', resource.logicalId), 'Condition');
  return problem(
    scope.file,
    pointer,
    lineOf(pointer, scope.lines),
    `${resource.logicalId} is judged as created, but whether it is depends on condition ${shown(resource.body.Condition)}: ${why.describe()}`,
  );
}

function evaluateProperties(resource: LoadedResource, scope: TemplateScope): ValueMap {
  const pointer = propertiesPointer(resource.logicalId);
  const properties = resource.body.Properties;
  if (properties === undefined || properties === null) return {};
  const value = scope.within(resource.logicalId, () => scope.evaluateAt(properties, pointer));
  if (value === NO_VALUE) return {};
  if (!isValueMap(value))
    throw new InputError(scope.file, `${resource.logicalId}: Properties must be a map`, placeOf(pointer, scope.lines));
  return value;
}

/** DependsOn must name resources of the stack; with the references found while evaluating, no cycle is allowed. */
function checkDependencies(present: LoadedResource[], scope: TemplateScope): void {
  const edges = new Map<string, {to: string; pointer: string}[]>();
  for (const resource of present) {
    const list = [...(scope.references.get(resource.logicalId) ?? [])];
    const dependsOn = resource.body.DependsOn;
    const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [];
    names.forEach((name, i) => {
      const pointer = `${childPointer(childPointer('/Resources', resource.logicalId), 'DependsOn')}${Array.isArray(dependsOn) ? `/${i}` : ''}`;
      if (typeof name !== 'string' || !scope.resources.has(name))
        throw new InputError(
          scope.file,
          `DependsOn ${shown(name)}: no resource of that name`,
          placeOf(pointer, scope.lines),
        );
      list.push({to: name, pointer});
    });
    edges.set(resource.logicalId, list);
  }

  const cycle = findCycle(edges);
  if (cycle)
    throw new InputError(
      scope.file,
      `circular reference: ${cycle.path.join(' → ')}`,
      placeOf(cycle.pointer, scope.lines),
    );
}

function opaqueItem(description: string, fields: Fields): PlannedItem {
  const vpcId = fields.forItem({}).string('VpcId', '/vpcIds/0');
  return {kind: 'opaque', value: {description, vpcIds: vpcId ? [vpcId] : []}};
}

/** A secondary CIDR block of a VPC this template defines joins that VPC's item (and the block's edit shows it). */
function mergeSecondaryCidrs(edits: ResourceEdit[]): void {
  const vpcs = new Map(
    edits
      .flatMap((edit) => edit.after)
      .flatMap((item) => (item.kind === 'vpc' ? [[item.value.id, item] as const] : [])),
  );
  for (const edit of edits) {
    if (edit.resourceType !== 'AWS::EC2::VPCCidrBlock') continue;
    const opaque = edit.after[0];
    const vpc = opaque?.kind === 'opaque' ? vpcs.get(opaque.value.vpcIds[0]) : undefined;
    const cidr = opaque?.kind === 'opaque' ? /^CIDR block (\S+) added/.exec(opaque.value.description)?.[1] : undefined;
    if (vpc?.kind !== 'vpc' || cidr === undefined || opaque.unknown) continue;
    if (cidr.includes(':')) vpc.value.ipv6Cidrs = [...(vpc.value.ipv6Cidrs ?? []), cidr];
    else vpc.value.cidrs.push(cidr);
    edit.after = [vpc];
  }
}

function transformWarnings(transform: unknown, file: string): ChangeProblem[] {
  if (transform === undefined) return [];
  const names = (Array.isArray(transform) ? transform : [transform]).map((t) =>
    typeof t === 'string' ? t : 'a macro',
  );
  const generating = names.filter((name) => name !== 'AWS::LanguageExtensions');
  if (generating.length === 0) return [];
  return [
    problem(
      file,
      '/Transform',
      undefined,
      `the template declares Transform ${generating.join(', ')}: what it generates at deploy is not judged (references to generated resources are unknown)`,
    ),
  ];
}

function describe(options: TemplateOptions): string {
  const parts = ['CloudFormation template'];
  if (options.stackName) parts.push(`for stack ${options.stackName}`);
  if (options.parametersFile) parts.push(`with parameters ${options.parametersFile}`);
  return parts.join(' ');
}

function propertiesPointer(logicalId: string): string {
  return childPointer(childPointer('/Resources', logicalId), 'Properties');
}

function problem(file: string, pointer: string, line: number | undefined, message: string): ChangeProblem {
  return {file, ...(pointer && {pointer}), ...(line !== undefined && {line}), message};
}
