/** Policy lint: typos at each place a property path can hide, impossible values, always-true assertions (exit 2). */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli';

const META = {
  title: 't',
  severity: 'low',
  description: 'd',
  rationale: 'r',
  remediation: 'x',
  helpUri: 'https://example.com',
  controls: {},
};
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'mq-audit-lint-'))));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function validate(name: string, body: Record<string, unknown>) {
  mkdirSync(join(dir, name, 'acme'), {recursive: true});
  const file = join(dir, name, 'acme', 'p.json');
  writeFileSync(file, JSON.stringify({id: 'acme/p', ...META, ...body}));
  return runCli(['policies', 'validate', join(dir, name)]);
}

describe('policy lint', () => {
  it.each([
    [
      'nested properties',
      {assert: {properties: {logs: {properties: {genral: {const: true}}}}}},
      '/assert/properties/logs/properties/genral',
      '"genral" is not a property of logs in the broker document; did you mean general?',
    ],
    [
      "the issue's typo",
      {assert: {properties: {hostInstancetype: {not: {pattern: '^mq\\.t3\\.'}}}}},
      '/assert/properties/hostInstancetype',
      '"hostInstancetype" is not a property of the broker document; did you mean hostInstanceType?',
    ],
    [
      'if',
      {assert: {if: {properties: {engineTyp: {const: 'ACTIVEMQ'}}}, then: {required: ['logs']}}},
      '/assert/if/properties/engineTyp',
      'did you mean engineType?',
    ],
    [
      'anyOf',
      {assert: {anyOf: [{properties: {facts: {properties: {hihgAvailability: {const: true}}}}}]}},
      '/assert/anyOf/0/properties/facts/properties/hihgAvailability',
      'did you mean highAvailability?',
    ],
    [
      '$ref',
      {assert: {$defs: {x: {required: ['publiclyAccesible']}}, $ref: '#/$defs/x'}},
      '/assert/$defs/x/required/0',
      'did you mean publiclyAccessible?',
    ],
    [
      'required in appliesTo',
      {appliesTo: {required: ['fatcs']}, assert: {required: ['logs']}},
      '/appliesTo/required/0',
      'did you mean facts?',
    ],
    [
      'a placeholder',
      {assert: {required: ['logs']}, messages: {fail: 'mode {{deploymentMod}}'}},
      '/messages/fail',
      'placeholder {{deploymentMod}}: "deploymentMod" is not a property of the broker document; did you mean deploymentMode?',
    ],
    [
      'network facts',
      {assert: {properties: {network: {properties: {onPrem: {properties: {redundnt: {const: true}}}}}}}},
      '/assert/properties/network/properties/onPrem/properties/redundnt',
      'did you mean redundant?',
    ],
    [
      'a misspelt enum value',
      {assert: {properties: {deploymentMode: {const: 'ACTIVE_STANDBY_MULTIAZ'}}}},
      '/assert/properties/deploymentMode/const',
      '"ACTIVE_STANDBY_MULTIAZ" can never match deploymentMode: its values are "ACTIVE_STANDBY_MULTI_AZ", "CLUSTER_MULTI_AZ", "SINGLE_INSTANCE"; did you mean "ACTIVE_STANDBY_MULTI_AZ"?',
    ],
    [
      'a value of the wrong type',
      {assert: {properties: {publiclyAccessible: {const: 'false'}}}},
      '/assert/properties/publiclyAccessible/const',
      'it is of type boolean or null, not string',
    ],
    [
      'an always-true assertion',
      {assert: {properties: {publiclyAccessible: {}}}},
      '/assert',
      'the assertion can never fail',
    ],
    [
      'an appliesTo that never matches',
      {appliesTo: {not: {}}, assert: {required: ['logs']}},
      '/appliesTo',
      'appliesTo can never match',
    ],
  ])('%s: exit 2 with file, pointer and the nearest names', async (name, body, pointer, text) => {
    const result = await validate(name.replaceAll(/\W/g, '-'), body);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`acme/p.json at ${pointer}: `);
    expect(result.stdout).toContain(text);
  });

  it('open maps accept any key; valid paths and values pass', async () => {
    const result = await validate('open', {
      requires: ['/tags', '/network/onPrem/networks/0/verdict'],
      assert: {
        properties: {
          tags: {required: ['CostCentre'], properties: {Owner: {minLength: 1}}},
          network: {properties: {onPrem: {properties: {verdict: {enum: ['reachable', 'pending']}}}}},
        },
      },
      messages: {fail: '{{tags.Owner}} {{network.onPrem.networks.0.cidr}}'},
    });
    expect(result.stdout).toContain('1 policy file(s) valid.');
    expect(result.code).toBe(0);
  });

  it('scan lints at load time: exit 2 before evaluating anything', async () => {
    await validate('scan', {assert: {properties: {hostInstancetype: {const: 'mq.m5.large'}}}});
    const result = await runCli([
      'scan',
      '--inventory',
      'fixtures/demo/inventory.json',
      '--policies',
      join(dir, 'scan'),
      '--format',
      'json',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean hostInstanceType?');
  });
});
