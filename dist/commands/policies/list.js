"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../../cli/base-command");
const policies_1 = require("../../services/policies");
const terminal_1 = require("../../foundation/terminal");
class PoliciesList extends base_command_1.BaseCommand {
    static summary = 'List the policies a scan evaluates: id, severity, title and source file.';
    static enableJsonFlag = true;
    static examples = [
        { description: 'The built-in policies.', command: '<%= config.bin %> <%= command.id %>' },
        {
            description: 'Built-in plus your own, as JSON.',
            command: '<%= config.bin %> <%= command.id %> --policies ./our-policies --json',
        },
        {
            description: 'A Markdown table of the policies and the AWS controls and Prowler, Checkov and Trivy checks they cover.',
            command: '<%= config.bin %> <%= command.id %> --markdown',
        },
    ];
    static flags = {
        policies: core_1.Flags.string({ multiple: true, summary: 'Also list custom policy files or folders (repeatable).' }),
        markdown: core_1.Flags.boolean({
            summary: 'Print a Markdown table mapping each policy to AWS Config rules, Security Hub controls and Prowler, Checkov and Trivy checks.',
            exclusive: ['json'],
        }),
    };
    async run() {
        const { flags } = await this.parse(PoliciesList);
        const policies = (0, policies_1.listPolicies)(flags.policies ?? []);
        if (flags.markdown) {
            process.stdout.write((0, policies_1.policyCatalogue)(flags.policies ?? []));
            return policies;
        }
        if (!this.jsonEnabled()) {
            // Ids, titles and file names come from policy files a pull request may have written: escaped before measured.
            const rows = policies.map((p) => [p.id, p.severity, p.title, p.source].map((cell) => (0, terminal_1.terminalSafe)(cell)));
            const header = ['ID', 'SEVERITY', 'TITLE', 'SOURCE'];
            const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
            for (const row of [header, ...rows])
                this.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
        }
        return policies;
    }
}
exports.default = PoliciesList;
