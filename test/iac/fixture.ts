/** Fixture repositories for the IaC tests, and the deployed brokers of the demo estate. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import type {DeployedResource} from '../../src/iac';
import type {Snapshot} from '../../src/snapshot/types';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'iac');
const DEMO_INVENTORY = join(__dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');

/** The Terraform that defines the demo estate lives with the demo (fixtures/demo/terraform), the others here. */
export function fixtureRoot(name: string): string {
  return name === 'terraform' ? join(__dirname, '..', '..', 'fixtures', 'demo', 'terraform') : join(FIXTURES, name);
}

/**
 * The 1-based line of the only line of `file` containing `needle` (within lines `from`..`to` when given). Expected
 * lines are found by plain text search, independently of the parsers under test; a needle that is not unique fails.
 */
export function lineOf(root: string, file: string, needle: string, within: {from?: number; to?: number} = {}): number {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const from = within.from ?? 1;
  const to = within.to ?? lines.length;
  const hits = lines
    .map((line, index) => ({line, number: index + 1}))
    .filter(({line, number}) => number >= from && number <= to && line.includes(needle));
  if (hits.length !== 1)
    throw new Error(
      `${file}: expected one line containing ${JSON.stringify(needle)} in lines ${from}-${to}, found ${hits.length}`,
    );
  return hits[0].number;
}

/** The demo estate's brokers as locate() takes them, by name. */
export function demoBrokers(): Map<string, DeployedResource> {
  const snapshot = JSON.parse(readFileSync(DEMO_INVENTORY, 'utf8')) as Snapshot;
  const brokers = new Map<string, DeployedResource>();
  for (const account of snapshot.accounts) {
    for (const region of account.regions) {
      for (const broker of region.brokers ?? []) {
        brokers.set(broker.name, {
          type: 'broker',
          arn: broker.arn,
          id: broker.id,
          name: broker.name,
          ...(broker.details && {tags: broker.details.tags}),
        });
      }
    }
  }

  return brokers;
}

export function demoBroker(name: string): DeployedResource {
  const broker = demoBrokers().get(name);
  if (!broker) throw new Error(`the demo estate has no broker ${name}`);
  return broker;
}

/** A demo broker as CloudFormation would have tagged it. */
export function withStackTags(
  resource: DeployedResource,
  stack: string | undefined,
  logicalId: string,
): DeployedResource {
  return {
    ...resource,
    tags: {
      ...resource.tags,
      ...(stack !== undefined && {'aws:cloudformation:stack-name': stack}),
      'aws:cloudformation:logical-id': logicalId,
    },
  };
}
