import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command';
import type {CaseResult} from '../../policy/policy-tests';
import {EXIT} from '../../policy/types';
import {type PolicyTestReport, testPolicies} from '../../services/policy-tests';
import {terminalSafe} from '../../foundation/terminal';

export default class PoliciesTest extends BaseCommand {
  static override summary =
    'Run the test cases of policies: each a broker document and the result the policy must give it.';

  static override description = `Cases sit in the policy file ("tests") or beside it in <name>.test.json (schemas/policy-test.schema.json): {"name", "document", "expect": "pass"|"fail"|"not_applicable"|"error", "message" (text the message must contain)}. "document" is a whole broker document, or with "base": "NAME" the part that differs from that broker of the fixture estate (the bundled demo estate, fixtures/demo/inventory.json, unless --inventory names another), merged over it; null means unknown. Prints a line per policy and per failing case (expected vs actual, and the actual message), then "N passed, N failed". See docs/policies.md#testing-a-policy.

Exit 0 when every case passes, 1 when one fails, 2 for bad input: a test file or case that is not valid (file and JSON pointer named), an unknown base broker, a test file without its policy.`;

  static override enableJsonFlag = true;

  static override strict = false;

  static override args = {
    path: Args.string({
      description:
        'Policy files or folders whose tests to run (a <name>.test.json stands for its policy); default: the built-in policies.',
    }),
  };

  static override flags = {
    inventory: Flags.string({
      char: 'i',
      summary: 'Inventory whose brokers cases name as "base" (default: the bundled demo estate).',
    }),
  };

  static override examples = [
    {description: "The built-in policies' own tests.", command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Your policies: every <name>.test.json and inline "tests" under the folder.',
      command: '<%= config.bin %> <%= command.id %> our-policies',
    },
    {
      description: "One policy, its cases' bases taken from your inventory, as JSON for a machine.",
      command:
        '<%= config.bin %> <%= command.id %> our-policies/acme/big-enough.json --inventory inventory.json --json',
    },
  ];

  public async run(): Promise<PolicyTestReport> {
    const {argv, flags} = await this.parse(PoliciesTest);
    const report = testPolicies({
      paths: argv as string[],
      ...(flags.inventory === undefined ? {} : {inventory: flags.inventory}),
    });
    if (!this.jsonEnabled()) {
      for (const policy of report.policies) {
        if (policy.cases.length === 0) continue;
        const failing = policy.cases.filter((c) => !c.passed);
        const id = terminalSafe(policy.policyId);
        this.log(
          failing.length === 0
            ? `PASS ${id} (${policy.cases.length} case(s))`
            : `FAIL ${id} (${failing.length} of ${policy.cases.length} case(s) failed)`,
        );
        for (const result of failing) this.log(`  ✗ ${failureLine(result)}`);
      }

      if (report.untested.length > 0) this.log(`no tests: ${report.untested.map((id) => terminalSafe(id)).join(', ')}`);
      this.log(`${report.passed} passed, ${report.failed} failed`);
    }

    process.exitCode = report.failed > 0 ? EXIT.gateFailed : EXIT.ok;
    return report;
  }
}

/** `"name" (file at /tests/1): expected fail, got pass: <the message>`, on one line whatever the inputs hold. */
function failureLine(result: CaseResult): string {
  const expected =
    result.expectMessage === undefined
      ? result.expect
      : `${result.expect} with a message containing ${JSON.stringify(result.expectMessage)}`;
  return terminalSafe(
    `${JSON.stringify(result.name)} (${result.file} at ${result.place}): expected ${expected}, got ${result.status}: ${result.message}`,
  );
}
