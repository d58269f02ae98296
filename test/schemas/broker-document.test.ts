/** schemas/broker-document.schema.json is generated from the types (scripts/broker-document-schema.js) and describes real documents. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {createAjv} from '../../src/foundation/json-input';
import {runCli, ROOT} from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const {generate} = require('../../scripts/broker-document-schema.js') as {
  generate: () => {schema: unknown; problems: string[]};
};
const FILE = join(ROOT, 'schemas', 'broker-document.schema.json');

describe('the broker document schema', () => {
  it('is what the types generate (run `node scripts/broker-document-schema.js` after changing them)', () => {
    const {schema, problems} = generate();
    expect(problems).toEqual([]);
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(schema);
  });

  it('has every property with a description and the enums policies compare with', () => {
    const schema = JSON.parse(readFileSync(FILE, 'utf8')) as {
      properties: Record<string, {description?: string; enum?: unknown[]}>;
      $defs: Record<string, {properties: Record<string, {enum?: unknown[]}>}>;
    };
    for (const [name, property] of Object.entries(schema.properties))
      expect([name, typeof property.description]).toEqual([name, 'string']);
    expect(schema.properties.deploymentMode.enum).toEqual([
      'ACTIVE_STANDBY_MULTI_AZ',
      'CLUSTER_MULTI_AZ',
      'SINGLE_INSTANCE',
    ]);
    expect(schema.$defs.OnPremFacts.properties.verdict.enum).toEqual([
      'degraded',
      'pending',
      'reachable',
      'unknown',
      'unreachable',
    ]);
    expect(Object.keys(schema.$defs.HostInstance.properties)).toEqual([
      'family',
      'size',
      'rank',
      'burstable',
      'listed',
    ]);
  });

  it('every document of the demo estate validates against it; `documents --schema` prints it', async () => {
    const validate = createAjv({allErrors: true}).compile(JSON.parse(readFileSync(FILE, 'utf8')) as object);
    const demo = await runCli([
      'documents',
      '--inventory',
      'fixtures/demo/inventory.json',
      '--on-prem-cidr',
      '10.0.0.0/8',
    ]);
    const documents = JSON.parse(demo.stdout) as unknown[];
    expect(documents.length).toBeGreaterThan(5);
    for (const document of documents) {
      validate(document);
      expect(validate.errors ?? []).toEqual([]);
    }

    const printed = await runCli(['documents', '--schema']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(FILE, 'utf8'));
    const neither = await runCli(['documents']);
    expect(neither.code).toBe(2);
  });
});
