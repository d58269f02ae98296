"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../../cli/base-command");
const types_1 = require("../../policy/types");
const policies_1 = require("../../services/policies");
const terminal_1 = require("../../foundation/terminal");
class PoliciesValidate extends base_command_1.BaseCommand {
    static summary = 'Check custom policy files: format, id, parameters, that their assertions compile, and lint them against the broker document.';
    static description = 'Each problem is reported with its file and the JSON pointer (or line and column) of the place. Lint: every property path the policy reads (appliesTo, assert, requires, {{…}} placeholders) must exist in the broker document (schemas/broker-document.schema.json), with the nearest names when not; const/enum values that can never match, an assert that can never fail and an appliesTo that can never match are errors too. Exit 0 when every file is valid, 2 otherwise.';
    static enableJsonFlag = true;
    static strict = false;
    static args = {
        path: core_1.Args.string({ description: 'Policy files or folders to check.', required: true }),
    };
    static examples = [
        {
            description: 'Check one file.',
            command: '<%= config.bin %> <%= command.id %> our-policies/mq/dead-letter-queue.json',
        },
        {
            description: 'Check a folder (ids must equal paths below it).',
            command: '<%= config.bin %> <%= command.id %> our-policies',
        },
    ];
    async run() {
        const { argv } = await this.parse(PoliciesValidate);
        const results = (0, policies_1.validatePolicyFiles)(argv);
        const invalid = results.filter((r) => r.problems.length > 0);
        if (!this.jsonEnabled()) {
            for (const result of results) {
                if (result.problems.length === 0) {
                    this.log(`ok    ${(0, terminal_1.terminalSafe)(result.file)} (${(0, terminal_1.terminalSafe)(result.id ?? '')})`);
                    continue;
                }
                for (const problem of result.problems)
                    this.log(`error ${(0, terminal_1.terminalSafe)(result.file)}${problem.place ? ` at ${(0, terminal_1.terminalSafe)(problem.place)}` : ''}: ${problem.problem}`);
            }
            this.log(invalid.length === 0
                ? `${results.length} policy file(s) valid.`
                : `${invalid.length} of ${results.length} policy file(s) invalid.`);
        }
        process.exitCode = invalid.length > 0 ? types_1.EXIT.badInput : types_1.EXIT.ok;
        return results;
    }
}
exports.default = PoliciesValidate;
