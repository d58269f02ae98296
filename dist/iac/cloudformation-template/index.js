"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readCloudFormationTemplate = readCloudFormationTemplate;
exports.readTemplateParameters = readTemplateParameters;
exports.listTemplateResources = listTemplateResources;
exports.evaluateCloudFormationTemplate = evaluateCloudFormationTemplate;
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
const json_input_1 = require("../../foundation/json-input");
const errors_1 = require("../../foundation/errors");
const cdk_1 = require("./cdk");
const cycles_1 = require("./cycles");
const deployed_1 = require("./deployed");
const fields_1 = require("./fields");
const load_1 = require("./load");
const parameters_1 = require("./parameters");
const places_1 = require("./places");
const resources_1 = require("./resources");
const scope_1 = require("./scope");
const values_1 = require("./values");
/** A folder given for a template is most often a cdk.out: say which file to give instead. */
function readTemplateText(file) {
    try {
        return (0, json_input_1.readTextFile)(file, 'template', load_1.MAX_TEMPLATE_BYTES);
    }
    catch (error) {
        if (error instanceof errors_1.InputError && /is a directory/.test(error.problem)) {
            throw new errors_1.InputError(file, 'is a directory: expected a template file (for CDK, cdk.out/<Stack>.template.json)');
        }
        throw error;
    }
}
/** Reads a template file (and its parameters file, and a CDK assembly's manifest next to it). */
function readCloudFormationTemplate(file, options = {}) {
    const text = readTemplateText(file);
    const parameters = options.parameters ?? (options.parametersFile ? readTemplateParameters(options.parametersFile) : undefined);
    const cdk = (0, cdk_1.cdkAssemblyContext)(file);
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
function readTemplateParameters(file) {
    return (0, parameters_1.parseParametersFile)((0, json_input_1.readTextFile)(file, 'template parameters file', 1024 * 1024), file);
}
/** The template's resources as written (no evaluation): for callers matching them to a deployed stack. */
function listTemplateResources(text, file) {
    return (0, load_1.loadTemplate)(text, file).resources.map(({ logicalId, type, body }) => ({
        logicalId,
        resourceType: type,
        ...(typeof body.Condition === 'string' && { condition: body.Condition }),
    }));
}
function evaluateCloudFormationTemplate(text, file, options = {}) {
    const template = (0, load_1.loadTemplate)(text, file);
    const parameters = (0, parameters_1.resolveParameters)(template.root, options.parameters ?? {}, file, template.lines, options.parametersFile);
    const deployedById = new Map((options.deployedResources ?? []).map((r) => [r.logicalId, r]));
    const deployed = options.deployed ?? ((logicalId) => deployedById.get(logicalId));
    const scope = new scope_1.TemplateScope(template, parameters, { ...options, deployed });
    const warnings = [
        ...template.warnings.map(({ pointer, line, message }) => problem(file, pointer, line, message)),
        ...parameters.undeclared.map((name) => problem(file, '/Parameters', undefined, `parameter ${name} is given but the template does not declare it`)),
        ...transformWarnings(template.root.Transform, file),
    ];
    if (text.includes('${Token['))
        warnings.push(problem(file, '', undefined, 'the template holds an unresolved CDK token (${Token[…]}): a token was turned into a string before synthesis'));
    const { present, undecided } = presentResources(template.resources, scope);
    const evaluated = new Map(present.map((resource) => [resource.logicalId, evaluateProperties(resource, scope)]));
    checkDependencies(present, scope);
    const source = { file, lines: template.lines };
    const byId = new Map(present.map((r) => [
        scope.physicalId(r.logicalId),
        { type: r.type, properties: evaluated.get(r.logicalId), pointer: propertiesPointer(r.logicalId) },
    ]));
    const resourceById = (id) => {
        const found = byId.get(id);
        return found && { type: found.type, fields: new fields_1.Fields(source, found.properties, found.pointer, {}) };
    };
    const context = {
        stackName: options.stackName,
        region: options.region,
        accountId: options.accountId,
        partition: options.partition ?? (0, scope_1.partitionOf)(options.region),
    };
    const change = {
        format: 'cloudformation',
        input: file,
        description: describe(options),
        edits: [],
        skipped: [],
        warnings,
    };
    for (const resource of present) {
        const { logicalId, type } = resource;
        const address = scope.address(logicalId);
        const fields = new fields_1.Fields(source, evaluated.get(logicalId), propertiesPointer(logicalId), {});
        const disposition = (0, resources_1.dispositionOf)(type, fields);
        if ('skip' in disposition) {
            change.skipped.push({ address, resourceType: type, reason: disposition.skip });
            continue;
        }
        const why = undecided.get(logicalId);
        if (why)
            warnings.push(undecidedWarning(resource, why, scope));
        const info = deployed(logicalId);
        const { items, sensitive } = 'opaque' in disposition
            ? { items: [opaqueItem(disposition.opaque, fields)], sensitive: undefined }
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
        const edit = {
            format: 'cloudformation',
            input: file,
            address,
            resourceType: type,
            action: info ? 'update' : 'create',
            definedAt: resource.definedAt,
            ...(options.region && { region: options.region }),
            ...(options.accountId && { accountId: options.accountId }),
            before: info ? (info.before ?? items.map((item) => (0, deployed_1.minimalBefore)(item, info.id))) : [],
            after: items,
            ...(sensitive && { sensitive }),
        };
        change.edits.push(edit);
    }
    mergeSecondaryCidrs(change.edits);
    const presentIds = new Set(present.map((r) => r.logicalId));
    for (const gone of options.deployedResources ?? []) {
        if (presentIds.has(gone.logicalId))
            continue;
        const edit = (0, deployed_1.deletedEdit)(gone, scope.address(gone.logicalId), file, options, warnings);
        if (edit)
            change.edits.push(edit);
    }
    return change;
}
/** Resources whose Condition holds, or is unknown (kept, never guessed away: the caller warns about those it judges). */
function presentResources(resources, scope) {
    const undecided = new Map();
    const present = resources.filter((resource) => {
        const holds = scope.present(resource);
        if ((0, values_1.isUnknown)(holds))
            undecided.set(resource.logicalId, holds);
        return holds !== false;
    });
    return { present, undecided };
}
function undecidedWarning(resource, why, scope) {
    const pointer = (0, places_1.childPointer)((0, places_1.childPointer)('/Resources', resource.logicalId), 'Condition');
    return problem(scope.file, pointer, (0, places_1.lineOf)(pointer, scope.lines), `${resource.logicalId} is judged as created, but whether it is depends on condition ${(0, values_1.shown)(resource.body.Condition)}: ${why.describe()}`);
}
function evaluateProperties(resource, scope) {
    const pointer = propertiesPointer(resource.logicalId);
    const properties = resource.body.Properties;
    if (properties === undefined || properties === null)
        return {};
    const value = scope.within(resource.logicalId, () => scope.evaluateAt(properties, pointer));
    if (value === values_1.NO_VALUE)
        return {};
    if (!(0, values_1.isValueMap)(value))
        throw new errors_1.InputError(scope.file, `${resource.logicalId}: Properties must be a map`, (0, places_1.placeOf)(pointer, scope.lines));
    return value;
}
/** DependsOn must name resources of the stack; with the references found while evaluating, no cycle is allowed. */
function checkDependencies(present, scope) {
    const edges = new Map();
    for (const resource of present) {
        const list = [...(scope.references.get(resource.logicalId) ?? [])];
        const dependsOn = resource.body.DependsOn;
        const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [];
        names.forEach((name, i) => {
            const pointer = `${(0, places_1.childPointer)((0, places_1.childPointer)('/Resources', resource.logicalId), 'DependsOn')}${Array.isArray(dependsOn) ? `/${i}` : ''}`;
            if (typeof name !== 'string' || !scope.resources.has(name))
                throw new errors_1.InputError(scope.file, `DependsOn ${(0, values_1.shown)(name)}: no resource of that name`, (0, places_1.placeOf)(pointer, scope.lines));
            list.push({ to: name, pointer });
        });
        edges.set(resource.logicalId, list);
    }
    const cycle = (0, cycles_1.findCycle)(edges);
    if (cycle)
        throw new errors_1.InputError(scope.file, `circular reference: ${cycle.path.join(' → ')}`, (0, places_1.placeOf)(cycle.pointer, scope.lines));
}
function opaqueItem(description, fields) {
    const vpcId = fields.forItem({}).string('VpcId', '/vpcIds/0');
    return { kind: 'opaque', value: { description, vpcIds: vpcId ? [vpcId] : [] } };
}
/** A secondary CIDR block of a VPC this template defines joins that VPC's item (and the block's edit shows it). */
function mergeSecondaryCidrs(edits) {
    const vpcs = new Map(edits
        .flatMap((edit) => edit.after)
        .flatMap((item) => (item.kind === 'vpc' ? [[item.value.id, item]] : [])));
    for (const edit of edits) {
        if (edit.resourceType !== 'AWS::EC2::VPCCidrBlock')
            continue;
        const opaque = edit.after[0];
        const vpc = opaque?.kind === 'opaque' ? vpcs.get(opaque.value.vpcIds[0]) : undefined;
        const cidr = opaque?.kind === 'opaque' ? /^CIDR block (\S+) added/.exec(opaque.value.description)?.[1] : undefined;
        if (vpc?.kind !== 'vpc' || cidr === undefined || opaque.unknown)
            continue;
        if (cidr.includes(':'))
            vpc.value.ipv6Cidrs = [...(vpc.value.ipv6Cidrs ?? []), cidr];
        else
            vpc.value.cidrs.push(cidr);
        edit.after = [vpc];
    }
}
function transformWarnings(transform, file) {
    if (transform === undefined)
        return [];
    const names = (Array.isArray(transform) ? transform : [transform]).map((t) => typeof t === 'string' ? t : 'a macro');
    const generating = names.filter((name) => name !== 'AWS::LanguageExtensions');
    if (generating.length === 0)
        return [];
    return [
        problem(file, '/Transform', undefined, `the template declares Transform ${generating.join(', ')}: what it generates at deploy is not judged (references to generated resources are unknown)`),
    ];
}
function describe(options) {
    const parts = ['CloudFormation template'];
    if (options.stackName)
        parts.push(`for stack ${options.stackName}`);
    if (options.parametersFile)
        parts.push(`with parameters ${options.parametersFile}`);
    return parts.join(' ');
}
function propertiesPointer(logicalId) {
    return (0, places_1.childPointer)((0, places_1.childPointer)('/Resources', logicalId), 'Properties');
}
function problem(file, pointer, line, message) {
    return { file, ...(pointer && { pointer }), ...(line !== undefined && { line }), message };
}
