"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CLOUDFORMATION_LOGICAL_ID_TAG = exports.CLOUDFORMATION_STACK_TAG = void 0;
exports.locate = locate;
exports.matchResource = matchResource;
exports.encodeRepositoryPath = encodeRepositoryPath;
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
const resource_types_1 = require("./resource-types");
const properties_1 = require("./properties");
exports.CLOUDFORMATION_STACK_TAG = 'aws:cloudformation:stack-name';
exports.CLOUDFORMATION_LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';
const STRENGTHS = ['strong', 'medium', 'weak'];
const STACK_SOURCES = {
    'cdk-manifest': 'per the CDK cloud assembly manifest',
    'file-name': 'the template file is named after the stack',
    'stacks-option': 'per the stacks mapping',
};
/** The anchor for `resource` (and the line of `property` in it), or undefined when unmatched or ambiguous. */
function locate(index, resource, property) {
    const result = matchResource(index, resource, property);
    return result.status === 'anchored' ? result.anchor : undefined;
}
/** Like locate, and says why when there is no anchor (for the JSON report). */
function matchResource(index, resource, property) {
    const lookup = lookupFor(index, resource.type);
    if (lookup.count === 0)
        return { status: 'unmatched', reason: `no ${resource.type} is defined in the infrastructure-as-code files searched` };
    const assessments = possibleDefinitions(lookup, resource).map((definition) => assess(definition, resource));
    const candidates = assessments.filter((assessment) => assessment.evidence.length > 0 && !assessment.contradiction);
    if (candidates.length === 0)
        return { status: 'unmatched', reason: unmatchedReason(resource, lookup.count, assessments) };
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
    return { status: 'anchored', anchor: anchorFor(best, property) };
}
/** Built on first use; an index is not changed after buildIacIndex returns it. */
const lookups = new WeakMap();
function lookupFor(index, kind) {
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
            else
                add(lookup.byLogicalId, definition.localName, definition);
            if (definition.name)
                add(lookup.byName, definition.name.value, definition);
            if (definition.nameTag)
                add(lookup.byNameTag, definition.nameTag.value, definition);
        }
        lookups.set(index, byKind);
    }
    return (byKind.get(kind) ?? {
        count: 0,
        byLogicalId: new Map(),
        byName: new Map(),
        byNameTag: new Map(),
        byTerraformName: new Map(),
    });
}
function add(map, key, definition) {
    const list = map.get(key);
    if (list)
        list.push(definition);
    else
        map.set(key, [definition]);
}
/** Definitions that share at least one identifying value with the resource, by file and line. */
function possibleDefinitions(lookup, resource) {
    const logicalId = resource.tags?.[exports.CLOUDFORMATION_LOGICAL_ID_TAG];
    const names = [resource.name, resource.tags?.Name].filter((name) => name !== undefined);
    const found = new Set([
        ...(logicalId === undefined ? [] : (lookup.byLogicalId.get(logicalId) ?? [])),
        ...names.flatMap((name) => [
            ...(lookup.byName.get(name) ?? []),
            ...(lookup.byNameTag.get(name) ?? []),
            ...(lookup.byTerraformName.get(normalizeName(name)) ?? []),
        ]),
    ]);
    return [...found].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine));
}
function assess(definition, resource) {
    const evidence = [];
    const contradictions = [];
    const stack = resource.tags?.[exports.CLOUDFORMATION_STACK_TAG];
    const logicalId = resource.tags?.[exports.CLOUDFORMATION_LOGICAL_ID_TAG];
    let createdHere = false;
    if (logicalId !== undefined) {
        if (definition.format === 'terraform') {
            contradictions.push(`the resource was created by CloudFormation (logical id ${logicalId}), not by Terraform`);
        }
        else if (definition.localName !== logicalId) {
            contradictions.push(`its logical id is ${logicalId}, not ${definition.localName}`);
        }
        else if (stack !== undefined && definition.stacks?.some((known) => known.name === stack)) {
            createdHere = true;
            const sources = definition.stacks
                .filter((known) => known.name === stack)
                .map((known) => STACK_SOURCES[known.source]);
            evidence.push({
                kind: 'cloudformation-stack',
                strength: 'strong',
                detail: `tags ${exports.CLOUDFORMATION_STACK_TAG}=${stack} and ${exports.CLOUDFORMATION_LOGICAL_ID_TAG}=${logicalId}: ${definition.file} is deployed as stack ${stack} (${sources.join(', ')})`,
            });
        }
        else {
            const known = definition.stacks?.length
                ? `known stacks of ${definition.file}: ${definition.stacks.map((s) => s.name).join(', ')}`
                : `no stack is known for ${definition.file}`;
            evidence.push({
                kind: 'cloudformation-logical-id',
                strength: 'medium',
                detail: `tag ${exports.CLOUDFORMATION_LOGICAL_ID_TAG}=${logicalId} matches; the stack ${stack ?? '(untagged)'} is not known to come from this template (${known})`,
            });
        }
    }
    // The template deploys elsewhere: no tag or name can make it this resource's definition.
    const elsewhere = [];
    const place = resource.arn === undefined ? undefined : arnPlace(resource.arn);
    if (definition.environment && place) {
        const { account, region } = definition.environment;
        if (account !== undefined && place.account !== '' && account !== place.account)
            elsewhere.push(`the CDK manifest deploys ${definition.file} to account ${account}, the resource is in ${place.account}`);
        if (region !== undefined && place.region !== '' && region !== place.region)
            elsewhere.push(`the CDK manifest deploys ${definition.file} to ${region}, the resource is in ${place.region}`);
    }
    const ownName = (0, resource_types_1.hasOwnName)(definition.kind) ? resource.name : undefined;
    if (definition.name && ownName !== undefined) {
        if (definition.name.value === ownName)
            evidence.push({
                kind: 'name',
                strength: 'strong',
                detail: `literal name ${JSON.stringify(ownName)} at ${definition.file}:${definition.name.line}`,
            });
        else
            contradictions.push(`its name is ${JSON.stringify(definition.name.value)} (line ${definition.name.line}), the deployed one is ${JSON.stringify(ownName)}`);
    }
    const deployedNameTag = resource.tags?.Name ?? ((0, resource_types_1.hasOwnName)(definition.kind) ? undefined : resource.name);
    if (definition.nameTag && deployedNameTag !== undefined) {
        if (definition.nameTag.value === deployedNameTag)
            evidence.push({
                kind: 'name-tag',
                strength: 'medium',
                detail: `literal Name tag ${JSON.stringify(deployedNameTag)} at ${definition.file}:${definition.nameTag.line}`,
            });
        else
            contradictions.push(`its Name tag is ${JSON.stringify(definition.nameTag.value)} (line ${definition.nameTag.line}), the deployed one is ${JSON.stringify(deployedNameTag)}`);
    }
    const plainName = resource.name ?? resource.tags?.Name;
    if (definition.format === 'terraform' &&
        plainName !== undefined &&
        normalizeName(definition.localName) === normalizeName(plainName)) {
        evidence.push({
            kind: 'terraform-resource-name',
            strength: 'weak',
            detail: `Terraform resource ${definition.address} is named like ${JSON.stringify(plainName)}`,
        });
    }
    const ruledOut = [...elsewhere, ...(createdHere ? [] : contradictions)];
    const contradiction = ruledOut.length === 0 ? undefined : ruledOut.join('; ');
    return { definition, evidence, ...(contradiction !== undefined && { contradiction }) };
}
/** `arn:partition:service:region:account:…` → region and account (empty for global resources). */
function arnPlace(arn) {
    const parts = arn.split(':');
    return parts.length >= 6 && parts[0] === 'arn' ? { region: parts[3], account: parts[4] } : undefined;
}
function normalizeName(name) {
    return name.toLowerCase().replaceAll('-', '_');
}
/** Positive when `a` is better evidence than `b`: more strong pieces, then more medium, then more weak. */
function compareEvidence(a, b) {
    for (const strength of STRENGTHS) {
        const difference = a.filter((e) => e.strength === strength).length - b.filter((e) => e.strength === strength).length;
        if (difference !== 0)
            return difference;
    }
    return 0;
}
function anchorFor(assessment, property) {
    const { definition } = assessment;
    const propertyAnchor = property === undefined ? undefined : (0, properties_1.anchorProperty)(definition, property);
    return {
        uri: encodeRepositoryPath(definition.file),
        file: definition.file,
        startLine: definition.startLine,
        endLine: definition.endLine,
        ...(propertyAnchor?.line !== undefined && { propertyLine: propertyAnchor.line }),
        ...(propertyAnchor && { property: propertyAnchor }),
        definition: { format: definition.format, type: definition.type, address: definition.address },
        evidence: [...assessment.evidence].sort((a, b) => STRENGTHS.indexOf(a.strength) - STRENGTHS.indexOf(b.strength)),
    };
}
/** Each path segment percent-encoded: a URI reference GitHub resolves against the checkout. */
function encodeRepositoryPath(file) {
    return file.split('/').map(encodeURIComponent).join('/');
}
function summary(assessment) {
    const { definition, evidence } = assessment;
    return { file: definition.file, address: definition.address, startLine: definition.startLine, evidence };
}
function describe(resource) {
    return `${resource.type} ${resource.name ?? resource.id}`;
}
function unmatchedReason(resource, searched, assessments) {
    const ruledOut = assessments.filter((assessment) => assessment.contradiction && assessment.evidence.length > 0);
    const head = `none of the ${searched} ${resource.type} definition(s) has evidence for ${describe(resource)} (a CloudFormation logical-id tag, a literal name or Name tag, a Terraform resource name)`;
    if (ruledOut.length === 0)
        return head;
    return `${head}; ruled out: ${ruledOut.map((a) => `${a.definition.file}:${a.definition.startLine} ${a.definition.address} (${a.contradiction})`).join('; ')}`;
}
