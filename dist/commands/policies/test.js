"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../../cli/base-command");
const types_1 = require("../../policy/types");
const policy_tests_1 = require("../../services/policy-tests");
const terminal_1 = require("../../foundation/terminal");
class PoliciesTest extends base_command_1.BaseCommand {
    static summary = 'Run the test cases of policies: each a broker document and the result the policy must give it.';
    static description = `Cases sit in the policy file ("tests") or beside it in <name>.test.json (schemas/policy-test.schema.json): {"name", "document", "expect": "pass"|"fail"|"not_applicable"|"error", "message" (text the message must contain)}. "document" is a whole broker document, or with "base": "NAME" the part that differs from that broker of the fixture estate (the bundled demo estate, fixtures/demo/inventory.json, unless --inventory names another), merged over it; null means unknown. Prints a line per policy and per failing case (expected vs actual, and the actual message), then "N passed, N failed". See docs/policies.md#testing-a-policy.

Exit 0 when every case passes, 1 when one fails, 2 for bad input: a test file or case that is not valid (file and JSON pointer named), an unknown base broker, a test file without its policy.`;
    static enableJsonFlag = true;
    static strict = false;
    static args = {
        path: core_1.Args.string({
            description: 'Policy files or folders whose tests to run (a <name>.test.json stands for its policy); default: the built-in policies.',
        }),
    };
    static flags = {
        inventory: core_1.Flags.string({
            char: 'i',
            summary: 'Inventory whose brokers cases name as "base" (default: the bundled demo estate).',
        }),
    };
    static examples = [
        { description: "The built-in policies' own tests.", command: '<%= config.bin %> <%= command.id %>' },
        {
            description: 'Your policies: every <name>.test.json and inline "tests" under the folder.',
            command: '<%= config.bin %> <%= command.id %> our-policies',
        },
        {
            description: "One policy, its cases' bases taken from your inventory, as JSON for a machine.",
            command: '<%= config.bin %> <%= command.id %> our-policies/acme/big-enough.json --inventory inventory.json --json',
        },
    ];
    async run() {
        const { argv, flags } = await this.parse(PoliciesTest);
        const report = (0, policy_tests_1.testPolicies)({
            paths: argv,
            ...(flags.inventory === undefined ? {} : { inventory: flags.inventory }),
        });
        if (!this.jsonEnabled()) {
            for (const policy of report.policies) {
                if (policy.cases.length === 0)
                    continue;
                const failing = policy.cases.filter((c) => !c.passed);
                const id = (0, terminal_1.terminalSafe)(policy.policyId);
                this.log(failing.length === 0
                    ? `PASS ${id} (${policy.cases.length} case(s))`
                    : `FAIL ${id} (${failing.length} of ${policy.cases.length} case(s) failed)`);
                for (const result of failing)
                    this.log(`  ✗ ${failureLine(result)}`);
            }
            if (report.untested.length > 0)
                this.log(`no tests: ${report.untested.map((id) => (0, terminal_1.terminalSafe)(id)).join(', ')}`);
            this.log(`${report.passed} passed, ${report.failed} failed`);
        }
        process.exitCode = report.failed > 0 ? types_1.EXIT.gateFailed : types_1.EXIT.ok;
        return report;
    }
}
exports.default = PoliciesTest;
/** `"name" (file at /tests/1): expected fail, got pass: <the message>`, on one line whatever the inputs hold. */
function failureLine(result) {
    const expected = result.expectMessage === undefined
        ? result.expect
        : `${result.expect} with a message containing ${JSON.stringify(result.expectMessage)}`;
    return (0, terminal_1.terminalSafe)(`${JSON.stringify(result.name)} (${result.file} at ${result.place}): expected ${expected}, got ${result.status}: ${result.message}`);
}
