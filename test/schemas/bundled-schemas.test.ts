/**
 * mq-audit's own schemas are compiled at run time without a check against the JSON Schema meta-schema
 * (createAjv's `schemasChecked`, which saves compiling the meta-schema at every start); this is that check.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import {createAjv} from '../../src/foundation/json-input';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');
const files = readdirSync(SCHEMAS).filter((file) => file.endsWith('.schema.json'));

describe('the bundled schemas', () => {
  it('are all here', () => {
    expect(files.sort()).toEqual([
      'broker-document.schema.json',
      'config.schema.json',
      'inventory.schema.json',
      'policy-test.schema.json',
      'policy.schema.json',
      'support-calendar.schema.json',
      'suppressions.schema.json',
    ]);
  });

  it.each(files)('%s is valid JSON Schema 2020-12', (file) => {
    const ajv = new Ajv2020({strict: false});
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object;
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);
  });

  it('while schemas from users (policy assertions) are still checked', () => {
    expect(() => createAjv().compile({type: 'object', properties: {a: {type: 12}}})).toThrow(/schema is invalid/);
  });
});
