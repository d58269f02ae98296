"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.deployedStackResources = deployedStackResources;
exports.readProposedChanges = readProposedChanges;
exports.moduleLocalAddress = moduleLocalAddress;
exports.editLocator = editLocator;
exports.networkNames = networkNames;
exports.changeReport = changeReport;
/**
 * `scan --plan/--template`: reading the proposed change, locating its edits in the repository, and the report's
 * `change` section. The judging itself is scan's: the same policies and path model on the proposed estate.
 */
const node_path_1 = require("node:path");
const iac_1 = require("../iac");
const walk_1 = require("../snapshot/walk");
const cloudformation_template_1 = require("../iac/cloudformation-template");
const terraform_plan_1 = require("../iac/terraform-plan");
/**
 * The resources of a deployed stack the snapshot can name: brokers carry CloudFormation's stack and logical-id tags.
 * (Network objects are inventoried without their tags; a template's network resources are matched by the ids its
 * parameters give.)
 */
function deployedStackResources(snapshot, stackName) {
    const found = [];
    for (const account of snapshot.accounts) {
        for (const region of account.regions) {
            for (const broker of region.brokers ?? []) {
                const tags = broker.details?.tags ?? {};
                const logicalId = tags[iac_1.CLOUDFORMATION_LOGICAL_ID_TAG];
                if (tags[iac_1.CLOUDFORMATION_STACK_TAG] !== stackName || !logicalId)
                    continue;
                found.push({
                    logicalId,
                    resourceType: 'AWS::AmazonMQ::Broker',
                    id: broker.id,
                    arn: broker.arn,
                    before: [{ kind: 'broker', value: broker }],
                });
            }
        }
    }
    return found;
}
/** Reads every input; with `deployed` and a stack name, a template updates the stack's deployed resources. */
function readProposedChanges(input, deployed) {
    const stack = deployed && input.stackName ? deployedStackResources(deployed, input.stackName) : undefined;
    const parameters = input.templateParameters === undefined ? undefined : (0, cloudformation_template_1.readTemplateParameters)(input.templateParameters);
    return {
        changes: [
            ...input.plans.map((file) => (0, terraform_plan_1.readTerraformPlan)(file)),
            ...input.templates.map((file) => (0, cloudformation_template_1.readCloudFormationTemplate)(file, {
                ...(parameters && { parameters, parametersFile: input.templateParameters }),
                ...(input.stackName && { stackName: input.stackName }),
                ...(stack && { deployedResources: stack }),
                ...(input.region && { region: input.region }),
                ...(input.accountId && { accountId: input.accountId }),
            })),
        ],
    };
}
/** `module.net["eu"].aws_route.onprem[0]` → `aws_route.onprem`: how the --iac index names a Terraform block. */
function moduleLocalAddress(address) {
    const key = String.raw `\[(?:"(?:[^"\\]|\\.)*"|\d+)\]`;
    return address
        .replace(new RegExp(String.raw `^(?:module\.[A-Za-z0-9_-]+(?:${key})?\.)+`), '')
        .replace(new RegExp(`${key}$`), '');
}
/** Where an edit is written: a template's own line, or the one Terraform block the --iac index has for its address. */
function editLocator(anchoring, cwd = process.cwd(), nameOf = () => undefined) {
    const root = anchoring?.root ?? cwd;
    return (edit, near) => {
        if (edit.definedAt) {
            const file = (0, node_path_1.relative)(root, (0, node_path_1.resolve)(cwd, edit.definedAt.file)).split('\\').join('/');
            if (file.startsWith('..'))
                return undefined;
            return {
                uri: (0, iac_1.encodeRepositoryPath)(file),
                startLine: edit.definedAt.line,
                ...(edit.definedAt.endLine && { endLine: edit.definedAt.endLine }),
            };
        }
        if (!anchoring)
            return undefined;
        const local = moduleLocalAddress(edit.address);
        const blocks = edit.format === 'terraform-plan'
            ? anchoring.index.definitions.filter((d) => d.format === 'terraform' && d.address === local)
            : [];
        if (blocks.length === 1)
            return { uri: (0, iac_1.encodeRepositoryPath)(blocks[0].file), startLine: blocks[0].startLine, endLine: blocks[0].endLine };
        // A deletion's block is gone from the pull request's files: the nearest definition that still exists (the route
        // table a route was deleted from) carries the finding, and its message names the deleted address.
        if (!near)
            return undefined;
        const name = nameOf(near.id);
        return anchoring.locate({
            kind: near.kind,
            resourceType: near.resourceType,
            id: near.id,
            ...(name && { name }),
            ...(near.arn && { arn: near.arn }),
            ...(near.accountId && { accountId: near.accountId }),
            ...(near.region && { region: near.region }),
        });
    };
}
/** Network objects' names (their Name tags) by id, for finding their definitions: built on first use. */
function networkNames(snapshot) {
    let names;
    return (id) => {
        names ??= new Map([...(0, walk_1.snapshotObjects)(snapshot)].flatMap((object) => (object.name ? [[object.id, object.name]] : [])));
        return names.get(id);
    };
}
const ACTION_GROUP = {
    create: 'created',
    delete: 'deleted',
    replace: 'replaced',
    update: 'updated',
};
function changeReport({ input, proposal, estate, classified, deployed, verdicts, locateEdit, }) {
    const resources = { created: {}, deleted: {}, replaced: {}, updated: {} };
    for (const { edit } of estate.applied) {
        const group = ACTION_GROUP[edit.action];
        if (group)
            resources[group][edit.resourceType] = (resources[group][edit.resourceType] ?? 0) + 1;
    }
    return {
        gate: input.gate,
        inputs: proposal.changes.map((c) => ({ file: c.input, format: c.format, description: c.description })),
        deployed,
        resources,
        findings: classified.findings,
        introducedErrors: classified.introducedErrors,
        resolvedByDeletion: classified.resolvedByDeletion,
        verdicts,
        unknowns: estate.unknowns,
        edits: estate.applied
            .filter(({ edit }) => edit.action !== 'no-op')
            .map(({ edit, outcome, note }) => {
            const location = locateEdit(edit);
            return {
                address: edit.address,
                resourceType: edit.resourceType,
                action: edit.action,
                outcome,
                ...(note && { note }),
                ...(location && { file: decodeURIComponent(location.uri), line: location.startLine }),
            };
        }),
        warnings: estate.warnings.map((w) => ({
            file: w.file,
            ...(w.pointer ? { place: w.pointer } : w.line ? { place: `line ${w.line}` } : {}),
            message: w.message,
        })),
    };
}
