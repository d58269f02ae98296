/**
 * The Terraform plan reader: the JSON of `terraform show -json PLANFILE` (format 1.x; OpenTofu writes the same)
 * → a ProposedChange in the snapshot's terms. Pure translation: nothing here judges.
 *
 * Read from `resource_changes` (not `planned_values`, which drops deletes and cannot tell unknown from null);
 * `prior_state` supplies data sources read at plan time; `configuration` resolves references of unknown values
 * to the ids of the objects they name; `planned_values` is only a cross-check.
 */
import {
  type ChangeProblem,
  type EditAction,
  placeholderId,
  type PlannedItem,
  type ProposedChange,
  type ResourceEdit,
  type SkippedResource,
} from '../../change/types';
import {InputError} from '../../foundation/errors';
import {AddressError, type ModuleStep, parseResourceAddress, type ResourceAddress} from './address';
import {arrayAt, isObject, type Json, type JsonObject, objectAt, stringAt} from './json';
import {checkPlanDocument, readPlanJson} from './read';
import {type PlanInstance, PlanReferences} from './references';
import {handlingOf} from './resources';
import {arnParts, partitionOf, type PlanLookup} from './translate';
import {redact, type Side} from './values';

export {MAX_PLAN_BYTES, MAX_PLAN_DEPTH} from './read';

/** Reads and translates a plan file; InputError (exit 2) for anything that is not a readable plan. */
export function readTerraformPlan(file: string): ProposedChange {
  return terraformPlanChange(readPlanJson(file), file);
}

/** Translates parsed plan JSON; `file` names the input in edits and messages. */
export function terraformPlanChange(json: unknown, file: string): ProposedChange {
  const {plan, formatVersion, warnings} = checkPlanDocument(json, file);
  const changes = readResourceChanges(plan, file);
  const instances = indexInstances(changes, objectAt(plan, 'prior_state'));
  const byId = new Map<string, string>();
  for (const [address, instance] of instances)
    if (instance.id !== undefined && !byId.has(instance.id)) byId.set(instance.id, address);
  const configuration = objectAt(plan, 'configuration');
  const references = new PlanReferences(configuration, instances, objectAt(plan, 'variables'));
  const providers = objectAt(configuration, 'provider_config');
  const instanceById = (id: string): PlanInstance | undefined =>
    instances.get(id.startsWith('new:') ? id.slice(4) : (byId.get(id) ?? ''));

  const edits: ResourceEdit[] = [];
  const skipped: SkippedResource[] = [];
  for (const change of changes) {
    if (change.mode !== 'managed') continue;
    if (!isAwsProvider(change.providerName)) {
      skipped.push({
        address: change.address,
        resourceType: change.type,
        reason: `not an AWS provider resource (${change.providerName ?? 'no provider'})`,
      });
      continue;
    }

    const handling = handlingOf(change.type, change.after ?? change.before);
    if (handling.kind === 'skip') {
      skipped.push({address: change.address, resourceType: change.type, reason: handling.reason});
      continue;
    }

    const config = references.configResource(change.parsed.modules, 'managed', change.type, change.parsed.name);
    const sides = buildSides(change, config, references);
    const region = regionOf(change, references.providerRegion(change.parsed.modules, config, providers));
    const accountId = arnParts(change.after?.arn)?.accountId || arnParts(change.before?.arn)?.accountId || undefined;
    const lookup: PlanLookup = {instanceById, region, accountId, partition: partitionOf(region)};
    const translate = (side: Side | undefined): PlannedItem[] => (side ? handling.items(side, lookup) : []);
    const base = {
      format: 'terraform-plan' as const,
      input: file,
      address: change.address,
      resourceType: change.type,
      ...(region && {region}),
      ...(accountId && {accountId}),
    };
    const sensitive = [...sides.sensitive].sort();
    const withSensitive = sensitive.length > 0 ? {sensitive} : {};
    for (const {action, before, after} of editsOfChange(change, file)) {
      edits.push({
        ...base,
        action,
        before: before ? translate(sides.before) : [],
        after: after ? translate(sides.after) : [],
        ...withSensitive,
      });
    }
  }

  warnings.push(...crossCheckPlannedValues(plan, changes, file));
  return {
    format: 'terraform-plan',
    input: file,
    description: describe(plan, formatVersion, changes),
    edits,
    skipped,
    warnings,
  };
}

/** One entry of resource_changes, checked and with its address parsed. */
interface PlanChange {
  index: number;
  address: string;
  parsed: ResourceAddress;
  mode: string;
  type: string;
  providerName?: string;
  deposed?: string;
  actions: string[];
  change: JsonObject;
  before?: JsonObject;
  after?: JsonObject;
}

function readResourceChanges(plan: JsonObject, file: string): PlanChange[] {
  const list = plan.resource_changes;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new InputError(file, 'resource_changes is not an array', '/resource_changes');
  return list.map((entry, index) => {
    const place = `/resource_changes/${index}`;
    if (!isObject(entry)) throw new InputError(file, 'expected a resource change object', place);
    const address = stringAt(entry, 'address');
    const type = stringAt(entry, 'type');
    const change = objectAt(entry, 'change');
    const actions = arrayAt(change, 'actions');
    if (
      address === undefined ||
      type === undefined ||
      !change ||
      !actions ||
      !actions.every((a) => typeof a === 'string')
    ) {
      throw new InputError(file, 'expected a resource change with address, type and change.actions', place);
    }

    let parsed: ResourceAddress;
    try {
      parsed = parseResourceAddress(address);
    } catch (error) {
      if (error instanceof AddressError)
        throw new InputError(file, `resource address ${error.message}`, `${place}/address`);
      throw error;
    }

    return {
      index,
      address,
      parsed,
      mode: stringAt(entry, 'mode') ?? parsed.mode,
      type,
      providerName: stringAt(entry, 'provider_name'),
      deposed: stringAt(entry, 'deposed'),
      actions: actions,
      change,
      before: objectAt(change, 'before'),
      after: objectAt(change, 'after'),
    };
  });
}

/** What the plan says about every instance (for references): current objects of resource_changes, then prior_state. */
function indexInstances(changes: readonly PlanChange[], priorState: JsonObject | undefined): Map<string, PlanInstance> {
  const instances = new Map<string, PlanInstance>();
  for (const change of changes) {
    if (change.deposed !== undefined) continue;
    const created = change.actions.includes('create');
    const readAtApply = change.mode === 'data' && change.actions.includes('read');
    const values = change.after ?? change.before;
    const knownId = typeof values?.id === 'string' && values.id !== '' ? values.id : undefined;
    instances.set(change.address, {
      type: change.type,
      created,
      readAtApply,
      ...(!created && knownId !== undefined && {id: knownId}),
      ...(values && {values}),
    });
  }

  const stack: Json[] = [objectAt(objectAt(priorState, 'values'), 'root_module') ?? null];
  while (stack.length > 0) {
    const module = stack.pop();
    for (const resource of arrayAt(module, 'resources') ?? []) {
      const address = stringAt(resource, 'address');
      const values = objectAt(resource, 'values');
      if (address === undefined || instances.has(address)) continue;
      const id = stringAt(values, 'id');
      instances.set(address, {
        type: stringAt(resource, 'type') ?? '',
        created: false,
        readAtApply: false,
        ...(id && {id}),
        ...(values && {values}),
      });
    }

    stack.push(...(arrayAt(module, 'child_modules') ?? []));
  }

  return instances;
}

/** Terraform writes `registry.terraform.io/hashicorp/aws`, OpenTofu `registry.opentofu.org/hashicorp/aws`. */
function isAwsProvider(providerName: string | undefined): boolean {
  return providerName === undefined || /(^|\/)hashicorp\/aws$/.test(providerName) || providerName === 'aws';
}

interface Sides {
  before?: Side;
  after?: Side;
  sensitive: Set<string>;
}

function buildSides(change: PlanChange, config: JsonObject | undefined, references: PlanReferences): Sides {
  const sensitive = new Set<string>();
  const beforeValues = asObject(redact(change.before, change.change.before_sensitive, [], sensitive));
  const afterValues = asObject(redact(change.after, change.change.after_sensitive, [], sensitive));
  const creates = change.actions.includes('create');
  const beforeId = typeof change.before?.id === 'string' && change.before.id !== '' ? change.before.id : undefined;
  const afterId = typeof change.after?.id === 'string' && change.after.id !== '' ? change.after.id : undefined;
  const modules: readonly ModuleStep[] = change.parsed.modules;
  const expressions = objectAt(config, 'expressions');
  const before: Side | undefined = beforeValues && {
    address: change.address,
    type: change.type,
    values: beforeValues,
    unknown: {},
    sensitive,
    objectId: beforeId ?? placeholderId(change.address),
    // Judged like the after side: an inline collection the configuration omits and the change keeps is not managed.
    ...(expressions && {configured: new Set(Object.keys(expressions))}),
    creates: false,
    previous: beforeValues,
  };
  const after: Side | undefined =
    (afterValues || change.change.after_unknown !== undefined) && change.change.after !== null
      ? {
          address: change.address,
          type: change.type,
          values: afterValues ?? {},
          unknown: change.change.after_unknown ?? {},
          sensitive,
          objectId: creates ? placeholderId(change.address) : (afterId ?? beforeId ?? placeholderId(change.address)),
          resolveIds: (path) => references.resolveAttribute(modules, config, path),
          ...(expressions && {configured: new Set(Object.keys(expressions))}),
          creates,
          ...(beforeValues && {previous: beforeValues}),
        }
      : undefined;
  return {before, after, sensitive};
}

function asObject(value: Json | undefined): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The edits one change makes; a replace that forgets the old object is a forget and a create. */
function editsOf(actions: readonly string[]): {action: EditAction; before: boolean; after: boolean}[] {
  const key = actions.join(',');
  switch (key) {
    case 'create': {
      return [{action: 'create', before: false, after: true}];
    }

    case 'update':
    case 'no-op': {
      return [{action: key, before: true, after: true}];
    }

    case 'delete':
    case 'forget': {
      return [{action: key, before: true, after: false}];
    }

    case 'delete,create':
    case 'create,delete': {
      return [{action: 'replace', before: true, after: true}];
    }

    case 'create,forget':
    case 'forget,create': {
      return [
        {action: 'forget', before: true, after: false},
        {action: 'create', before: false, after: true},
      ];
    }

    case 'read': {
      return [];
    }

    default: {
      throw new UnsupportedAction(actions.join(','));
    }
  }
}

class UnsupportedAction extends Error {}

function editsOfChange(change: PlanChange, file: string): ReturnType<typeof editsOf> {
  try {
    return editsOf(change.actions);
  } catch (error) {
    if (!(error instanceof UnsupportedAction)) throw error;
    throw new InputError(
      file,
      `${change.address} has actions ${JSON.stringify(change.actions)}, which mq-audit does not know (it reads create, update, delete, replace, no-op, read and forget)`,
      `/resource_changes/${change.index}/change/actions`,
    );
  }
}

/** The resource's own `region` (AWS provider v6), else its provider configuration's. */
function regionOf(change: PlanChange, providerRegion: string | undefined): string | undefined {
  const own = stringAt(change.after, 'region') ?? stringAt(change.before, 'region');
  return own || providerRegion || undefined;
}

function describe(plan: JsonObject, formatVersion: string, changes: readonly PlanChange[]): string {
  const version = stringAt(plan, 'terraform_version');
  const tool = changes.some((c) => c.providerName?.startsWith('registry.opentofu.org/')) ? 'OpenTofu' : 'Terraform';
  return `${tool}${version ? ` ${version}` : ''} plan (format_version ${formatVersion})`;
}

/** planned_values is built from resource_changes; a managed resource there but not here means the file was cut or edited. */
function crossCheckPlannedValues(plan: JsonObject, changes: readonly PlanChange[], file: string): ChangeProblem[] {
  const known = new Set(changes.map((c) => c.address));
  const missing: string[] = [];
  const stack: Json[] = [objectAt(objectAt(plan, 'planned_values'), 'root_module') ?? null];
  while (stack.length > 0) {
    const module = stack.pop();
    for (const resource of arrayAt(module, 'resources') ?? []) {
      const address = stringAt(resource, 'address');
      if (address !== undefined && stringAt(resource, 'mode') === 'managed' && !known.has(address))
        missing.push(address);
    }

    stack.push(...(arrayAt(module, 'child_modules') ?? []));
  }

  if (missing.length === 0) return [];
  const named = missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
  return [
    {
      file,
      pointer: '/planned_values',
      message: `planned_values has resources that resource_changes does not (${named}): the plan may have been edited or cut; only resource_changes is read`,
    },
  ];
}
