/**
 * Anchoring findings to infrastructure as code (`scan --iac`): index the templates once, then answer the SARIF
 * location hook and record, per broker, which definition matched and on what evidence (shown in the JSON report).
 */
import {isAbsolute, relative, resolve} from 'node:path';
import {buildIacIndex, findRepositoryRoot, locatableKindOfHop, matchResource} from '../iac';
import type {DeployedResource, IacIndex, IacProblem, MatchResult} from '../iac';
import type {HopKind} from '../network/facts';
import type {IacReport, LocatableResource, Locator, ScanReport} from '../report/types';

/** `auto`: the repository holding the current folder, when there is one; `none`: no anchoring. */
export type IacSource = 'auto' | 'none' | {paths: string[]};

export interface Anchoring {
  root: string;
  index: IacIndex;
  problems: IacProblem[];
  locate: Locator;
}

export function prepareAnchoring(source: IacSource, cwd: string = process.cwd()): Anchoring | undefined {
  if (source === 'none') return undefined;
  const root = findRepositoryRoot(cwd) ?? (source === 'auto' ? undefined : cwd);
  if (root === undefined) return undefined;
  const paths = source === 'auto' ? [root] : source.paths.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
  const {index, problems} = buildIacIndex(paths, root);
  return {root, index, problems, locate: locatorFor(index)};
}

function deployed(resource: LocatableResource): DeployedResource | undefined {
  const type = resource.kind === 'broker' ? 'broker' : locatableKindOfHop(resource.kind as HopKind);
  if (!type) return undefined;
  return {
    type,
    id: resource.id,
    ...(resource.arn && {arn: resource.arn}),
    ...(resource.name && {name: resource.name}),
    ...(resource.tags && {tags: resource.tags}),
  };
}

/** The block's lines, or the line of the property the finding is about when the template sets it. */
function locatorFor(index: IacIndex): Locator {
  return (resource, property) => {
    const target = deployed(resource);
    const match = target ? matchResource(index, target, property) : undefined;
    if (match?.status !== 'anchored') return undefined;
    const {anchor} = match;
    return anchor.propertyLine === undefined
      ? {uri: anchor.uri, startLine: anchor.startLine, endLine: anchor.endLine}
      : {uri: anchor.uri, startLine: anchor.propertyLine, endLine: anchor.propertyLine};
  };
}

/** What matched each broker of the report, with its evidence; unmatched and ambiguous brokers say why. */
export function iacReport(anchoring: Anchoring, report: ScanReport, cwd: string = process.cwd()): IacReport {
  const brokers = new Map(report.results.map((result) => [result.resource.arn, result.resource]));
  return {
    root: relative(cwd, anchoring.root) || '.',
    definitions: anchoring.index.definitions.length,
    problems: anchoring.problems,
    brokers: [...brokers.values()].map((broker) => {
      const match: MatchResult = matchResource(anchoring.index, {
        type: 'broker',
        id: broker.id,
        arn: broker.arn,
        name: broker.name,
        ...(broker.tags && {tags: broker.tags}),
      });
      return {arn: broker.arn, name: broker.name, ...match};
    }),
  };
}
