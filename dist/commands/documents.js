"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const core_1 = require("@oclif/core");
const base_command_1 = require("../cli/base-command");
const flags_1 = require("../cli/flags");
const config_1 = require("../services/config");
const errors_1 = require("../foundation/errors");
const evaluate_1 = require("../policy/evaluate");
const evaluation_1 = require("../services/evaluation");
const read_1 = require("../snapshot/read");
const package_paths_1 = require("../foundation/package-paths");
const terminal_1 = require("../foundation/terminal");
class Documents extends base_command_1.BaseCommand {
    static summary = 'Print the broker documents policies assert on (for writing and debugging policies).';
    static description = 'One JSON document per broker of an inventory: the broker, flattened, plus derived facts. See docs/broker-document.md; --schema prints its JSON Schema.';
    static examples = [
        {
            description: 'Every broker of the demo estate.',
            command: '<%= config.bin %> <%= command.id %> --inventory fixtures/demo/inventory.json',
        },
        {
            description: 'One broker, by name, id or ARN.',
            command: '<%= config.bin %> <%= command.id %> --inventory inventory.json --broker orders-prod',
        },
        {
            description: 'The JSON Schema of the broker document: every property a policy can assert on, with its type, values and meaning.',
            command: '<%= config.bin %> <%= command.id %> --schema',
        },
    ];
    static flags = {
        inventory: core_1.Flags.string({
            char: 'i',
            summary: 'Inventory file written by `mq-audit inventory`.',
            exactlyOne: ['inventory', 'schema'],
        }),
        schema: core_1.Flags.boolean({
            summary: 'Print the JSON Schema of the broker document (schemas/broker-document.schema.json) instead.',
            exactlyOne: ['inventory', 'schema'],
        }),
        broker: core_1.Flags.string({ char: 'b', summary: 'Only this broker (name, id or ARN).' }),
        ...flags_1.configFlag,
        ...flags_1.onPremFlag,
    };
    async run() {
        const { flags } = await this.parse(Documents);
        if (flags.schema) {
            process.stdout.write((0, node_fs_1.readFileSync)((0, node_path_1.join)(package_paths_1.SCHEMAS, 'broker-document.schema.json'), 'utf8'));
            return;
        }
        const config = (0, config_1.loadConfig)(flags.config);
        const snapshot = (0, read_1.readSnapshot)(flags.inventory);
        const documents = (0, evaluate_1.brokerDocuments)(snapshot, (0, evaluation_1.evaluationOptions)(snapshot, config, { onPremCidrs: (0, flags_1.onPremCidrs)(flags['on-prem-cidr'], config) }));
        const selected = flags.broker ? documents.filter((d) => [d.name, d.id, d.arn].includes(flags.broker)) : documents;
        if (flags.broker && selected.length === 0) {
            throw new errors_1.InputError('--broker', `no broker named "${flags.broker}" in ${flags.inventory}; brokers: ${documents.map((d) => d.name).join(', ')}`);
        }
        process.stdout.write(`${(0, terminal_1.jsonTerminalSafe)(JSON.stringify(selected, null, 2))}\n`);
    }
}
exports.default = Documents;
