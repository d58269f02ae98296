/**
 * Matching a deployed resource to its definition, on evidence only.
 *
 * Evidence, strongest first:
 * - strong: CloudFormation's `aws:cloudformation:logical-id` tag names the resource and `…:stack-name` names a stack
 *   the template is known to be deployed as (its file name, a CDK manifest, the `stacks` option); or the definition's
 *   own name (BrokerName / broker_name, GroupName …) is a literal equal to the deployed name.
 * - medium: the logical id alone (the stack is not known to come from this template); a literal Name tag.
 * - weak: a Terraform resource name equal to the deployed name (`-` and `_` alike, case ignored).
 * A literal that differs from the deployed value rules a definition out, unless strong CloudFormation evidence
 * says that block created the resource (the template was changed since: exactly what a pull request does).
 * A CDK template whose manifest deploys it to another account or region is always ruled out.
 * A resource tagged by CloudFormation is only matched to CloudFormation resources with that logical id.
 * The best candidate must beat every other one on (strong, medium, weak) evidence counts; a tie is ambiguous.
 */
import {hasOwnName} from './resource-types';
import {anchorProperty} from './properties';
import type {
  Anchor,
  CandidateSummary,
  DeployedResource,
  Evidence,
  EvidenceStrength,
  IacDefinition,
  IacIndex,
  MatchResult,
  StackName,
} from './types';

export const CLOUDFORMATION_STACK_TAG = 'aws:cloudformation:stack-name';
export const CLOUDFORMATION_LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

const STRENGTHS: EvidenceStrength[] = ['strong', 'medium', 'weak'];

const STACK_SOURCES: Record<StackName['source'], string> = {
  'cdk-manifest': 'per the CDK cloud assembly manifest',
  'file-name': 'the template file is named after the stack',
  'stacks-option': 'per the stacks mapping',
};

interface Assessment {
  definition: IacDefinition;
  evidence: Evidence[];
  /** Why the definition cannot be this resource. */
  contradiction?: string;
}

/** The anchor for `resource` (and the line of `property` in it), or undefined when unmatched or ambiguous. */
export function locate(index: IacIndex, resource: DeployedResource, property?: string): Anchor | undefined {
  const result = matchResource(index, resource, property);
  return result.status === 'anchored' ? result.anchor : undefined;
}

/** Like locate, and says why when there is no anchor (for the JSON report). */
export function matchResource(index: IacIndex, resource: DeployedResource, property?: string): MatchResult {
  const lookup = lookupFor(index, resource.type);
  if (lookup.count === 0)
    return {status: 'unmatched', reason: `no ${resource.type} is defined in the infrastructure-as-code files searched`};

  const assessments = possibleDefinitions(lookup, resource).map((definition) => assess(definition, resource));
  const candidates = assessments.filter((assessment) => assessment.evidence.length > 0 && !assessment.contradiction);
  if (candidates.length === 0)
    return {status: 'unmatched', reason: unmatchedReason(resource, lookup.count, assessments)};

  candidates.sort((a, b) => compareEvidence(b.evidence, a.evidence));
  const [best, second] = candidates;
  if (second && compareEvidence(best.evidence, second.evidence) === 0) {
    const tied = candidates.filter((candidate) => compareEvidence(candidate.evidence, best.evidence) === 0);
    return {
      status: 'ambiguous',
      reason: `${tied.length} definitions match ${describe(resource)} equally well (${tied.map((c) => `${c.definition.file}:${c.definition.startLine} ${c.definition.address}`).join('; ')}): not anchored`,
      candidates: tied.map(summary),
    };
  }

  return {status: 'anchored', anchor: anchorFor(best, property)};
}

/** The definitions of one kind, by every value evidence can be found on: locate stays cheap on large estates. */
interface KindLookup {
  count: number;
  byLogicalId: Map<string, IacDefinition[]>;
  byName: Map<string, IacDefinition[]>;
  byNameTag: Map<string, IacDefinition[]>;
  byTerraformName: Map<string, IacDefinition[]>;
}

/** Built on first use; an index is not changed after buildIacIndex returns it. */
const lookups = new WeakMap<IacIndex, Map<string, KindLookup>>();

function lookupFor(index: IacIndex, kind: string): KindLookup {
  let byKind = lookups.get(index);
  if (!byKind) {
    byKind = new Map();
    for (const definition of index.definitions) {
      let lookup = byKind.get(definition.kind);
      if (!lookup) {
        lookup = {
          count: 0,
          byLogicalId: new Map(),
          byName: new Map(),
          byNameTag: new Map(),
          byTerraformName: new Map(),
        };
        byKind.set(definition.kind, lookup);
      }

      lookup.count++;
      if (definition.format === 'terraform')
        add(lookup.byTerraformName, normalizeName(definition.localName), definition);
      else add(lookup.byLogicalId, definition.localName, definition);
      if (definition.name) add(lookup.byName, definition.name.value, definition);
      if (definition.nameTag) add(lookup.byNameTag, definition.nameTag.value, definition);
    }

    lookups.set(index, byKind);
  }

  return (
    byKind.get(kind) ?? {
      count: 0,
      byLogicalId: new Map(),
      byName: new Map(),
      byNameTag: new Map(),
      byTerraformName: new Map(),
    }
  );
}

function add(map: Map<string, IacDefinition[]>, key: string, definition: IacDefinition): void {
  const list = map.get(key);
  if (list) list.push(definition);
  else map.set(key, [definition]);
}

/** Definitions that share at least one identifying value with the resource, by file and line. */
function possibleDefinitions(lookup: KindLookup, resource: DeployedResource): IacDefinition[] {
  const logicalId = resource.tags?.[CLOUDFORMATION_LOGICAL_ID_TAG];
  const names = [resource.name, resource.tags?.Name].filter((name): name is string => name !== undefined);
  const found = new Set<IacDefinition>([
    ...(logicalId === undefined ? [] : (lookup.byLogicalId.get(logicalId) ?? [])),
    ...names.flatMap((name) => [
      ...(lookup.byName.get(name) ?? []),
      ...(lookup.byNameTag.get(name) ?? []),
      ...(lookup.byTerraformName.get(normalizeName(name)) ?? []),
    ]),
  ]);
  return [...found].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine));
}

function assess(definition: IacDefinition, resource: DeployedResource): Assessment {
  const evidence: Evidence[] = [];
  const contradictions: string[] = [];
  const stack = resource.tags?.[CLOUDFORMATION_STACK_TAG];
  const logicalId = resource.tags?.[CLOUDFORMATION_LOGICAL_ID_TAG];
  let createdHere = false;

  if (logicalId !== undefined) {
    if (definition.format === 'terraform') {
      contradictions.push(`the resource was created by CloudFormation (logical id ${logicalId}), not by Terraform`);
    } else if (definition.localName !== logicalId) {
      contradictions.push(`its logical id is ${logicalId}, not ${definition.localName}`);
    } else if (stack !== undefined && definition.stacks?.some((known) => known.name === stack)) {
      createdHere = true;
      const sources = definition.stacks
        .filter((known) => known.name === stack)
        .map((known) => STACK_SOURCES[known.source]);
      evidence.push({
        kind: 'cloudformation-stack',
        strength: 'strong',
        detail: `tags ${CLOUDFORMATION_STACK_TAG}=${stack} and ${CLOUDFORMATION_LOGICAL_ID_TAG}=${logicalId}: ${definition.file} is deployed as stack ${stack} (${sources.join(', ')})`,
      });
    } else {
      const known = definition.stacks?.length
        ? `known stacks of ${definition.file}: ${definition.stacks.map((s) => s.name).join(', ')}`
        : `no stack is known for ${definition.file}`;
      evidence.push({
        kind: 'cloudformation-logical-id',
        strength: 'medium',
        detail: `tag ${CLOUDFORMATION_LOGICAL_ID_TAG}=${logicalId} matches; the stack ${stack ?? '(untagged)'} is not known to come from this template (${known})`,
      });
    }
  }

  // The template deploys elsewhere: no tag or name can make it this resource's definition.
  const elsewhere: string[] = [];
  const place = resource.arn === undefined ? undefined : arnPlace(resource.arn);
  if (definition.environment && place) {
    const {account, region} = definition.environment;
    if (account !== undefined && place.account !== '' && account !== place.account)
      elsewhere.push(
        `the CDK manifest deploys ${definition.file} to account ${account}, the resource is in ${place.account}`,
      );
    if (region !== undefined && place.region !== '' && region !== place.region)
      elsewhere.push(`the CDK manifest deploys ${definition.file} to ${region}, the resource is in ${place.region}`);
  }

  const ownName = hasOwnName(definition.kind) ? resource.name : undefined;
  if (definition.name && ownName !== undefined) {
    if (definition.name.value === ownName)
      evidence.push({
        kind: 'name',
        strength: 'strong',
        detail: `literal name ${JSON.stringify(ownName)} at ${definition.file}:${definition.name.line}`,
      });
    else
      contradictions.push(
        `its name is ${JSON.stringify(definition.name.value)} (line ${definition.name.line}), the deployed one is ${JSON.stringify(ownName)}`,
      );
  }

  const deployedNameTag = resource.tags?.Name ?? (hasOwnName(definition.kind) ? undefined : resource.name);
  if (definition.nameTag && deployedNameTag !== undefined) {
    if (definition.nameTag.value === deployedNameTag)
      evidence.push({
        kind: 'name-tag',
        strength: 'medium',
        detail: `literal Name tag ${JSON.stringify(deployedNameTag)} at ${definition.file}:${definition.nameTag.line}`,
      });
    else
      contradictions.push(
        `its Name tag is ${JSON.stringify(definition.nameTag.value)} (line ${definition.nameTag.line}), the deployed one is ${JSON.stringify(deployedNameTag)}`,
      );
  }

  const plainName = resource.name ?? resource.tags?.Name;
  if (
    definition.format === 'terraform' &&
    plainName !== undefined &&
    normalizeName(definition.localName) === normalizeName(plainName)
  ) {
    evidence.push({
      kind: 'terraform-resource-name',
      strength: 'weak',
      detail: `Terraform resource ${definition.address} is named like ${JSON.stringify(plainName)}`,
    });
  }

  const ruledOut = [...elsewhere, ...(createdHere ? [] : contradictions)];
  const contradiction = ruledOut.length === 0 ? undefined : ruledOut.join('; ');
  return {definition, evidence, ...(contradiction !== undefined && {contradiction})};
}

/** `arn:partition:service:region:account:…` → region and account (empty for global resources). */
function arnPlace(arn: string): {region: string; account: string} | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? {region: parts[3], account: parts[4]} : undefined;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replaceAll('-', '_');
}

/** Positive when `a` is better evidence than `b`: more strong pieces, then more medium, then more weak. */
function compareEvidence(a: Evidence[], b: Evidence[]): number {
  for (const strength of STRENGTHS) {
    const difference =
      a.filter((e) => e.strength === strength).length - b.filter((e) => e.strength === strength).length;
    if (difference !== 0) return difference;
  }

  return 0;
}

function anchorFor(assessment: Assessment, property: string | undefined): Anchor {
  const {definition} = assessment;
  const propertyAnchor = property === undefined ? undefined : anchorProperty(definition, property);
  return {
    uri: encodeRepositoryPath(definition.file),
    file: definition.file,
    startLine: definition.startLine,
    endLine: definition.endLine,
    ...(propertyAnchor?.line !== undefined && {propertyLine: propertyAnchor.line}),
    ...(propertyAnchor && {property: propertyAnchor}),
    definition: {format: definition.format, type: definition.type, address: definition.address},
    evidence: [...assessment.evidence].sort((a, b) => STRENGTHS.indexOf(a.strength) - STRENGTHS.indexOf(b.strength)),
  };
}

/** Each path segment percent-encoded: a URI reference GitHub resolves against the checkout. */
export function encodeRepositoryPath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function summary(assessment: Assessment): CandidateSummary {
  const {definition, evidence} = assessment;
  return {file: definition.file, address: definition.address, startLine: definition.startLine, evidence};
}

function describe(resource: DeployedResource): string {
  return `${resource.type} ${resource.name ?? resource.id}`;
}

function unmatchedReason(resource: DeployedResource, searched: number, assessments: Assessment[]): string {
  const ruledOut = assessments.filter((assessment) => assessment.contradiction && assessment.evidence.length > 0);
  const head = `none of the ${searched} ${resource.type} definition(s) has evidence for ${describe(resource)} (a CloudFormation logical-id tag, a literal name or Name tag, a Terraform resource name)`;
  if (ruledOut.length === 0) return head;
  return `${head}; ruled out: ${ruledOut.map((a) => `${a.definition.file}:${a.definition.startLine} ${a.definition.address} (${a.contradiction})`).join('; ')}`;
}
