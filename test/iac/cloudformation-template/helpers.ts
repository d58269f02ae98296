/** Fixtures and small accessors for the CloudFormation template reader's tests. */
import {join} from 'node:path';

import type {ItemKind, ItemValues, PlannedItem, ProposedChange, ResourceEdit} from '../../../src/change/types';
import {evaluateCloudFormationTemplate} from '../../../src/iac/cloudformation-template';
import type {TemplateOptions} from '../../../src/iac/cloudformation-template';
import {isInputError} from '../../../src/foundation/errors';
import type {InputError} from '../../../src/foundation/errors';

export const TEMPLATES = join(__dirname, '..', '..', 'fixtures', 'templates');

export function template(name: string): string {
  return join(TEMPLATES, name);
}

/** The demo estate's eu-west-1 objects the fixtures refer to (fixtures/demo/inventory.json). */
export const DEMO = {
  accountId: '111122223333',
  region: 'eu-west-1',
  vpcId: 'vpc-0e7b2c4d6f8a1b3c5',
  privateRouteTableId: 'rtb-0b7d9f1c3e5a7b9d2',
  vpnGatewayId: 'vgw-0f3a5c7e9b1d3f5a7',
  ordersProdSecurityGroupId: 'sg-0c4e6a8b0d2f41a01',
  subnetA: 'subnet-0a1f3c5e7b9d20a11',
};

export function edit(change: ProposedChange, address: string): ResourceEdit {
  const found = change.edits.filter((e) => e.address === address);
  if (found.length !== 1)
    throw new Error(
      `expected one edit ${address}, found ${found.length} among ${change.edits.map((e) => e.address).join(', ')}`,
    );
  return found[0];
}

/** The only item of a kind in an edit's `after`. */
export function item<K extends ItemKind>(
  e: ResourceEdit,
  kind: K,
): {value: ItemValues[K]; unknown?: Record<string, string>} {
  const found = e.after.filter((i): i is Extract<PlannedItem, {kind: K}> => i.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} item in ${e.address}, found ${found.length}`);
  return found[0] as unknown as {value: ItemValues[K]; unknown?: Record<string, string>};
}

/** Evaluates an inline YAML template. */
export function evaluate(text: string, options: TemplateOptions = {}): ProposedChange {
  return evaluateCloudFormationTemplate(text, 'inline.yaml', {
    region: DEMO.region,
    accountId: DEMO.accountId,
    ...options,
  });
}

/** The InputError `run` throws (failing the test when it throws nothing, or something else). */
export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (isInputError(error)) return error;
    throw error;
  }

  throw new Error('expected an InputError, nothing was thrown');
}

/** A template whose single resource has the given properties (YAML, indented under Properties). */
export function withResource(type: string, properties: string, extra = ''): string {
  return `Resources:\n  Thing:\n    Type: ${type}\n    Properties:\n${properties
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n${extra}`;
}
