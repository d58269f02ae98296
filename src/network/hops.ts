/** Building hops: the common fields, and the three states a hop can be in. */
import {flat} from '../foundation/strings';
import {ec2Arn} from './arn';
import type {MissingData, PathHop} from './facts';
import {type Scope, uniqueMissing} from './lookup';

export type HopBase = Pick<PathHop, 'accountId' | 'arn' | 'id' | 'kind' | 'region' | 'resourceType'>;

export function ok(base: HopBase, reason: string, extra: Partial<PathHop> = {}): PathHop {
  return {...base, status: 'ok', reason: flat(reason), ...extra};
}

export function broken(
  base: HopBase,
  kind: NonNullable<PathHop['break']>,
  reason: string,
  extra: Partial<PathHop> = {},
): PathHop {
  return {...base, status: 'broken', break: kind, reason: flat(reason), ...extra};
}

export function unknown(base: HopBase, reason: string, missing: MissingData[], extra: Partial<PathHop> = {}): PathHop {
  return {...base, status: 'unknown', reason: flat(reason), missing: uniqueMissing(missing), ...extra};
}

/** A link the proposed change creates: configured, its health known only after apply (never called healthy). */
export function pending(base: HopBase, reason: string, extra: Partial<PathHop> = {}): PathHop {
  return {...base, status: 'pending', reason: flat(reason), ...extra};
}

/** The reasons of missing data, once each, for a sentence. */
export function reasons(missing: readonly MissingData[]): string {
  return [...new Set(uniqueMissing(missing).map((m) => m.reason))].join('; ');
}

/** An EC2 resource of the scope's region, owned by `ownerId` (a shared resource) or the scope's account. */
export function ec2Base(
  scope: Scope,
  kind: PathHop['kind'],
  resourceType: string,
  arnType: Parameters<typeof ec2Arn>[3],
  id: string,
  ownerId?: string,
): HopBase {
  const accountId = ownerId ?? scope.accountId;
  return {
    kind,
    resourceType,
    id,
    arn: ec2Arn(scope.partition, scope.region, accountId, arnType, id),
    accountId,
    region: scope.region,
  };
}
