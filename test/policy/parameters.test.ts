/** Policy parameters: overrides and defaults checked against each parameter's schema, with errors naming the place. */
import {isInputErrors} from '../../src/foundation/errors';
import {loadPolicies, type LoadPolicyOptions} from '../../src/policy/loader';
import {runCli, STACK_LINE} from '../helpers/cli';

function problems(options: LoadPolicyOptions): string[] {
  try {
    loadPolicies(options);
  } catch (error) {
    if (isInputErrors(error)) return error.errors.map((e) => e.message);
    throw error;
  }
  throw new Error('loadPolicies accepted the input');
}

describe('policy parameters', () => {
  it('reject an override that fails the parameter’s schema, naming the config file and the place in it', () => {
    expect(
      problems({
        include: ['mq/required-tags'],
        parameters: {'mq/required-tags': {requiredTagKeys: ['aws:owner']}},
        parametersSource: 'team.json',
      }),
    ).toEqual([
      expect.stringMatching(
        /^team\.json at \/policies\/mq~1required-tags\/parameters\/requiredTagKeys\/0: parameter requiredTagKeys of mq\/required-tags: /,
      ),
    ]);
  });

  it('take a valid override (the schema compiled for it also checks the default)', () => {
    const [policy] = loadPolicies({
      include: ['mq/required-tags'],
      parameters: {'mq/required-tags': {requiredTagKeys: ['CostCentre']}},
    });
    expect(policy.parameterValues).toEqual({requiredTagKeys: ['CostCentre']});
  });

  it('report a parameter schema that is not valid JSON Schema at its place in the policy file', () => {
    expect(problems({builtIn: false, paths: ['test/fixtures/bad/uncompilable-parameter.json']})).toEqual([
      expect.stringMatching(
        /^test\/fixtures\/bad\/uncompilable-parameter\.json at \/parameters\/limit\/schema: not a valid JSON Schema: .*minimumz/,
      ),
    ]);
  });

  it('policies validate: the same error, exit 2, no stack trace', async () => {
    const result = await runCli(['policies', 'validate', 'test/fixtures/bad/uncompilable-parameter.json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'error test/fixtures/bad/uncompilable-parameter.json at /parameters/limit/schema: not a valid JSON Schema',
    );
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });
});
