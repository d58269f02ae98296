"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PLAN_DEPTH = exports.MAX_PLAN_BYTES = void 0;
exports.readTerraformPlan = readTerraformPlan;
exports.terraformPlanChange = terraformPlanChange;
/**
 * The Terraform plan reader: the JSON of `terraform show -json PLANFILE` (format 1.x; OpenTofu writes the same)
 * → a ProposedChange in the snapshot's terms. Pure translation: nothing here judges.
 *
 * Read from `resource_changes` (not `planned_values`, which drops deletes and cannot tell unknown from null);
 * `prior_state` supplies data sources read at plan time; `configuration` resolves references of unknown values
 * to the ids of the objects they name; `planned_values` is only a cross-check.
 */
const types_1 = require("../../change/types");
const errors_1 = require("../../foundation/errors");
const address_1 = require("./address");
const json_1 = require("./json");
const read_1 = require("./read");
const references_1 = require("./references");
const resources_1 = require("./resources");
const translate_1 = require("./translate");
const values_1 = require("./values");
var read_2 = require("./read");
Object.defineProperty(exports, "MAX_PLAN_BYTES", { enumerable: true, get: function () { return read_2.MAX_PLAN_BYTES; } });
Object.defineProperty(exports, "MAX_PLAN_DEPTH", { enumerable: true, get: function () { return read_2.MAX_PLAN_DEPTH; } });
/** Reads and translates a plan file; InputError (exit 2) for anything that is not a readable plan. */
function readTerraformPlan(file) {
    return terraformPlanChange((0, read_1.readPlanJson)(file), file);
}
/** Translates parsed plan JSON; `file` names the input in edits and messages. */
function terraformPlanChange(json, file) {
    const { plan, formatVersion, warnings } = (0, read_1.checkPlanDocument)(json, file);
    const changes = readResourceChanges(plan, file);
    const instances = indexInstances(changes, (0, json_1.objectAt)(plan, 'prior_state'));
    const byId = new Map();
    for (const [address, instance] of instances)
        if (instance.id !== undefined && !byId.has(instance.id))
            byId.set(instance.id, address);
    const configuration = (0, json_1.objectAt)(plan, 'configuration');
    const references = new references_1.PlanReferences(configuration, instances, (0, json_1.objectAt)(plan, 'variables'));
    const providers = (0, json_1.objectAt)(configuration, 'provider_config');
    const instanceById = (id) => instances.get(id.startsWith('new:') ? id.slice(4) : (byId.get(id) ?? ''));
    const edits = [];
    const skipped = [];
    for (const change of changes) {
        if (change.mode !== 'managed')
            continue;
        if (!isAwsProvider(change.providerName)) {
            skipped.push({
                address: change.address,
                resourceType: change.type,
                reason: `not an AWS provider resource (${change.providerName ?? 'no provider'})`,
            });
            continue;
        }
        const handling = (0, resources_1.handlingOf)(change.type, change.after ?? change.before);
        if (handling.kind === 'skip') {
            skipped.push({ address: change.address, resourceType: change.type, reason: handling.reason });
            continue;
        }
        const config = references.configResource(change.parsed.modules, 'managed', change.type, change.parsed.name);
        const sides = buildSides(change, config, references);
        const region = regionOf(change, references.providerRegion(change.parsed.modules, config, providers));
        const accountId = (0, translate_1.arnParts)(change.after?.arn)?.accountId || (0, translate_1.arnParts)(change.before?.arn)?.accountId || undefined;
        const lookup = { instanceById, region, accountId, partition: (0, translate_1.partitionOf)(region) };
        const translate = (side) => (side ? handling.items(side, lookup) : []);
        const base = {
            format: 'terraform-plan',
            input: file,
            address: change.address,
            resourceType: change.type,
            ...(region && { region }),
            ...(accountId && { accountId }),
        };
        const sensitive = [...sides.sensitive].sort();
        const withSensitive = sensitive.length > 0 ? { sensitive } : {};
        for (const { action, before, after } of editsOfChange(change, file)) {
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
function readResourceChanges(plan, file) {
    const list = plan.resource_changes;
    if (list === undefined || list === null)
        return [];
    if (!Array.isArray(list))
        throw new errors_1.InputError(file, 'resource_changes is not an array', '/resource_changes');
    return list.map((entry, index) => {
        const place = `/resource_changes/${index}`;
        if (!(0, json_1.isObject)(entry))
            throw new errors_1.InputError(file, 'expected a resource change object', place);
        const address = (0, json_1.stringAt)(entry, 'address');
        const type = (0, json_1.stringAt)(entry, 'type');
        const change = (0, json_1.objectAt)(entry, 'change');
        const actions = (0, json_1.arrayAt)(change, 'actions');
        if (address === undefined ||
            type === undefined ||
            !change ||
            !actions ||
            !actions.every((a) => typeof a === 'string')) {
            throw new errors_1.InputError(file, 'expected a resource change with address, type and change.actions', place);
        }
        let parsed;
        try {
            parsed = (0, address_1.parseResourceAddress)(address);
        }
        catch (error) {
            if (error instanceof address_1.AddressError)
                throw new errors_1.InputError(file, `resource address ${error.message}`, `${place}/address`);
            throw error;
        }
        return {
            index,
            address,
            parsed,
            mode: (0, json_1.stringAt)(entry, 'mode') ?? parsed.mode,
            type,
            providerName: (0, json_1.stringAt)(entry, 'provider_name'),
            deposed: (0, json_1.stringAt)(entry, 'deposed'),
            actions: actions,
            change,
            before: (0, json_1.objectAt)(change, 'before'),
            after: (0, json_1.objectAt)(change, 'after'),
        };
    });
}
/** What the plan says about every instance (for references): current objects of resource_changes, then prior_state. */
function indexInstances(changes, priorState) {
    const instances = new Map();
    for (const change of changes) {
        if (change.deposed !== undefined)
            continue;
        const created = change.actions.includes('create');
        const readAtApply = change.mode === 'data' && change.actions.includes('read');
        const values = change.after ?? change.before;
        const knownId = typeof values?.id === 'string' && values.id !== '' ? values.id : undefined;
        instances.set(change.address, {
            type: change.type,
            created,
            readAtApply,
            ...(!created && knownId !== undefined && { id: knownId }),
            ...(values && { values }),
        });
    }
    const stack = [(0, json_1.objectAt)((0, json_1.objectAt)(priorState, 'values'), 'root_module') ?? null];
    while (stack.length > 0) {
        const module = stack.pop();
        for (const resource of (0, json_1.arrayAt)(module, 'resources') ?? []) {
            const address = (0, json_1.stringAt)(resource, 'address');
            const values = (0, json_1.objectAt)(resource, 'values');
            if (address === undefined || instances.has(address))
                continue;
            const id = (0, json_1.stringAt)(values, 'id');
            instances.set(address, {
                type: (0, json_1.stringAt)(resource, 'type') ?? '',
                created: false,
                readAtApply: false,
                ...(id && { id }),
                ...(values && { values }),
            });
        }
        stack.push(...((0, json_1.arrayAt)(module, 'child_modules') ?? []));
    }
    return instances;
}
/** Terraform writes `registry.terraform.io/hashicorp/aws`, OpenTofu `registry.opentofu.org/hashicorp/aws`. */
function isAwsProvider(providerName) {
    return providerName === undefined || /(^|\/)hashicorp\/aws$/.test(providerName) || providerName === 'aws';
}
function buildSides(change, config, references) {
    const sensitive = new Set();
    const beforeValues = asObject((0, values_1.redact)(change.before, change.change.before_sensitive, [], sensitive));
    const afterValues = asObject((0, values_1.redact)(change.after, change.change.after_sensitive, [], sensitive));
    const creates = change.actions.includes('create');
    const beforeId = typeof change.before?.id === 'string' && change.before.id !== '' ? change.before.id : undefined;
    const afterId = typeof change.after?.id === 'string' && change.after.id !== '' ? change.after.id : undefined;
    const modules = change.parsed.modules;
    const expressions = (0, json_1.objectAt)(config, 'expressions');
    const before = beforeValues && {
        address: change.address,
        type: change.type,
        values: beforeValues,
        unknown: {},
        sensitive,
        objectId: beforeId ?? (0, types_1.placeholderId)(change.address),
        // Judged like the after side: an inline collection the configuration omits and the change keeps is not managed.
        ...(expressions && { configured: new Set(Object.keys(expressions)) }),
        creates: false,
        previous: beforeValues,
    };
    const after = (afterValues || change.change.after_unknown !== undefined) && change.change.after !== null
        ? {
            address: change.address,
            type: change.type,
            values: afterValues ?? {},
            unknown: change.change.after_unknown ?? {},
            sensitive,
            objectId: creates ? (0, types_1.placeholderId)(change.address) : (afterId ?? beforeId ?? (0, types_1.placeholderId)(change.address)),
            resolveIds: (path) => references.resolveAttribute(modules, config, path),
            ...(expressions && { configured: new Set(Object.keys(expressions)) }),
            creates,
            ...(beforeValues && { previous: beforeValues }),
        }
        : undefined;
    return { before, after, sensitive };
}
function asObject(value) {
    return (0, json_1.isObject)(value) ? value : undefined;
}
/** The edits one change makes; a replace that forgets the old object is a forget and a create. */
function editsOf(actions) {
    const key = actions.join(',');
    switch (key) {
        case 'create': {
            return [{ action: 'create', before: false, after: true }];
        }
        case 'update':
        case 'no-op': {
            return [{ action: key, before: true, after: true }];
        }
        case 'delete':
        case 'forget': {
            return [{ action: key, before: true, after: false }];
        }
        case 'delete,create':
        case 'create,delete': {
            return [{ action: 'replace', before: true, after: true }];
        }
        case 'create,forget':
        case 'forget,create': {
            return [
                { action: 'forget', before: true, after: false },
                { action: 'create', before: false, after: true },
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
class UnsupportedAction extends Error {
}
function editsOfChange(change, file) {
    try {
        return editsOf(change.actions);
    }
    catch (error) {
        if (!(error instanceof UnsupportedAction))
            throw error;
        throw new errors_1.InputError(file, `${change.address} has actions ${JSON.stringify(change.actions)}, which mq-audit does not know (it reads create, update, delete, replace, no-op, read and forget)`, `/resource_changes/${change.index}/change/actions`);
    }
}
/** The resource's own `region` (AWS provider v6), else its provider configuration's. */
function regionOf(change, providerRegion) {
    const own = (0, json_1.stringAt)(change.after, 'region') ?? (0, json_1.stringAt)(change.before, 'region');
    return own || providerRegion || undefined;
}
function describe(plan, formatVersion, changes) {
    const version = (0, json_1.stringAt)(plan, 'terraform_version');
    const tool = changes.some((c) => c.providerName?.startsWith('registry.opentofu.org/')) ? 'OpenTofu' : 'Terraform';
    return `${tool}${version ? ` ${version}` : ''} plan (format_version ${formatVersion})`;
}
/** planned_values is built from resource_changes; a managed resource there but not here means the file was cut or edited. */
function crossCheckPlannedValues(plan, changes, file) {
    const known = new Set(changes.map((c) => c.address));
    const missing = [];
    const stack = [(0, json_1.objectAt)((0, json_1.objectAt)(plan, 'planned_values'), 'root_module') ?? null];
    while (stack.length > 0) {
        const module = stack.pop();
        for (const resource of (0, json_1.arrayAt)(module, 'resources') ?? []) {
            const address = (0, json_1.stringAt)(resource, 'address');
            if (address !== undefined && (0, json_1.stringAt)(resource, 'mode') === 'managed' && !known.has(address))
                missing.push(address);
        }
        stack.push(...((0, json_1.arrayAt)(module, 'child_modules') ?? []));
    }
    if (missing.length === 0)
        return [];
    const named = missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
    return [
        {
            file,
            pointer: '/planned_values',
            message: `planned_values has resources that resource_changes does not (${named}): the plan may have been edited or cut; only resource_changes is read`,
        },
    ];
}
