/**
 * `scan --plan/--template`: reading the proposed change, locating its edits in the repository, and the report's
 * `change` section. The judging itself is scan's: the same policies and path model on the proposed estate.
 */
import {relative, resolve} from 'node:path';
import type {Classified, EditLocator} from '../change/compare';
import type {ProposedEstate} from '../change/overlay';
import type {ProposedChange, ResourceEdit} from '../change/types';
import {CLOUDFORMATION_LOGICAL_ID_TAG, CLOUDFORMATION_STACK_TAG, encodeRepositoryPath} from '../iac';
import type {DeployedStackResource} from '../iac/cloudformation-template';
import type {Snapshot} from '../snapshot/types';
import {snapshotObjects} from '../snapshot/walk';
import {readCloudFormationTemplate, readTemplateParameters} from '../iac/cloudformation-template';
import {readTerraformPlan} from '../iac/terraform-plan';
import type {ChangeReport} from '../report/types';
import type {PathHop} from '../network/facts';
import type {Anchoring} from './anchoring';

export interface ChangeInput {
  /** `terraform show -json` files. */
  plans: string[];
  /** CloudFormation templates (YAML, JSON, CDK output). */
  templates: string[];
  templateParameters?: string;
  stackName?: string;
  /** `changes` (default): only what the change introduces fails the gate; `all`: every failing finding. */
  gate: 'all' | 'changes';
  /** Where edits go that neither the change nor the deployed estate places. */
  accountId?: string;
  region?: string;
}

export interface Proposal {
  changes: ProposedChange[];
}

/**
 * The resources of a deployed stack the snapshot can name: brokers carry CloudFormation's stack and logical-id tags.
 * (Network objects are inventoried without their tags; a template's network resources are matched by the ids its
 * parameters give.)
 */
export function deployedStackResources(snapshot: Snapshot, stackName: string): DeployedStackResource[] {
  const found: DeployedStackResource[] = [];
  for (const account of snapshot.accounts) {
    for (const region of account.regions) {
      for (const broker of region.brokers ?? []) {
        const tags = broker.details?.tags ?? {};
        const logicalId = tags[CLOUDFORMATION_LOGICAL_ID_TAG];
        if (tags[CLOUDFORMATION_STACK_TAG] !== stackName || !logicalId) continue;
        found.push({
          logicalId,
          resourceType: 'AWS::AmazonMQ::Broker',
          id: broker.id,
          arn: broker.arn,
          before: [{kind: 'broker', value: broker}],
        });
      }
    }
  }

  return found;
}

/** Reads every input; with `deployed` and a stack name, a template updates the stack's deployed resources. */
export function readProposedChanges(input: ChangeInput, deployed?: Snapshot): Proposal {
  const stack = deployed && input.stackName ? deployedStackResources(deployed, input.stackName) : undefined;
  const parameters =
    input.templateParameters === undefined ? undefined : readTemplateParameters(input.templateParameters);
  return {
    changes: [
      ...input.plans.map((file) => readTerraformPlan(file)),
      ...input.templates.map((file) =>
        readCloudFormationTemplate(file, {
          ...(parameters && {parameters, parametersFile: input.templateParameters}),
          ...(input.stackName && {stackName: input.stackName}),
          ...(stack && {deployedResources: stack}),
          ...(input.region && {region: input.region}),
          ...(input.accountId && {accountId: input.accountId}),
        }),
      ),
    ],
  };
}

/** `module.net["eu"].aws_route.onprem[0]` → `aws_route.onprem`: how the --iac index names a Terraform block. */
export function moduleLocalAddress(address: string): string {
  const key = String.raw`\[(?:"(?:[^"\\]|\\.)*"|\d+)\]`;
  return address
    .replace(new RegExp(String.raw`^(?:module\.[A-Za-z0-9_-]+(?:${key})?\.)+`), '')
    .replace(new RegExp(`${key}$`), '');
}

/** Where an edit is written: a template's own line, or the one Terraform block the --iac index has for its address. */
export function editLocator(
  anchoring: Anchoring | undefined,
  cwd: string = process.cwd(),
  nameOf: (id: string) => string | undefined = () => undefined,
): EditLocator {
  const root = anchoring?.root ?? cwd;
  return (edit: ResourceEdit, near?: PathHop) => {
    if (edit.definedAt) {
      const file = relative(root, resolve(cwd, edit.definedAt.file)).split('\\').join('/');
      if (file.startsWith('..')) return undefined;
      return {
        uri: encodeRepositoryPath(file),
        startLine: edit.definedAt.line,
        ...(edit.definedAt.endLine && {endLine: edit.definedAt.endLine}),
      };
    }

    if (!anchoring) return undefined;
    const local = moduleLocalAddress(edit.address);
    const blocks =
      edit.format === 'terraform-plan'
        ? anchoring.index.definitions.filter((d) => d.format === 'terraform' && d.address === local)
        : [];
    if (blocks.length === 1)
      return {uri: encodeRepositoryPath(blocks[0].file), startLine: blocks[0].startLine, endLine: blocks[0].endLine};
    // A deletion's block is gone from the pull request's files: the nearest definition that still exists (the route
    // table a route was deleted from) carries the finding, and its message names the deleted address.
    if (!near) return undefined;
    const name = nameOf(near.id);
    return anchoring.locate({
      kind: near.kind,
      resourceType: near.resourceType,
      id: near.id,
      ...(name && {name}),
      ...(near.arn && {arn: near.arn}),
      ...(near.accountId && {accountId: near.accountId}),
      ...(near.region && {region: near.region}),
    });
  };
}

/** Network objects' names (their Name tags) by id, for finding their definitions: built on first use. */
export function networkNames(snapshot: Snapshot): (id: string) => string | undefined {
  let names: Map<string, string> | undefined;
  return (id) => {
    names ??= new Map(
      [...snapshotObjects(snapshot)].flatMap((object) => (object.name ? [[object.id, object.name] as const] : [])),
    );
    return names.get(id);
  };
}

export interface ChangeReportInput {
  input: ChangeInput;
  proposal: Proposal;
  estate: ProposedEstate;
  classified: Classified;
  deployed: ChangeReport['deployed'];
  verdicts: ChangeReport['verdicts'];
  locateEdit: EditLocator;
}

const ACTION_GROUP: Partial<Record<ResourceEdit['action'], keyof ChangeReport['resources']>> = {
  create: 'created',
  delete: 'deleted',
  replace: 'replaced',
  update: 'updated',
};

export function changeReport({
  input,
  proposal,
  estate,
  classified,
  deployed,
  verdicts,
  locateEdit,
}: ChangeReportInput): ChangeReport {
  const resources: ChangeReport['resources'] = {created: {}, deleted: {}, replaced: {}, updated: {}};
  for (const {edit} of estate.applied) {
    const group = ACTION_GROUP[edit.action];
    if (group) resources[group][edit.resourceType] = (resources[group][edit.resourceType] ?? 0) + 1;
  }

  return {
    gate: input.gate,
    inputs: proposal.changes.map((c) => ({file: c.input, format: c.format, description: c.description})),
    deployed,
    resources,
    findings: classified.findings,
    introducedErrors: classified.introducedErrors,
    resolvedByDeletion: classified.resolvedByDeletion,
    verdicts,
    unknowns: estate.unknowns,
    edits: estate.applied
      .filter(({edit}) => edit.action !== 'no-op')
      .map(({edit, outcome, note}) => {
        const location = locateEdit(edit);
        return {
          address: edit.address,
          resourceType: edit.resourceType,
          action: edit.action,
          outcome,
          ...(note && {note}),
          ...(location && {file: decodeURIComponent(location.uri), line: location.startLine}),
        };
      }),
    warnings: estate.warnings.map((w) => ({
      file: w.file,
      ...(w.pointer ? {place: w.pointer} : w.line ? {place: `line ${w.line}`} : {}),
      message: w.message,
    })),
  };
}
