"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../cli/base-command");
const flags_1 = require("../cli/flags");
const progress_1 = require("../cli/progress");
const config_1 = require("../services/config");
const output_1 = require("../foundation/output");
const types_1 = require("../policy/types");
const inventory_1 = require("../services/inventory");
const terminal_1 = require("../foundation/terminal");
const MAX_ERROR_LINES = 20;
class Inventory extends base_command_1.BaseCommand {
    static summary = 'Collect an inventory snapshot of Amazon MQ brokers (read-only AWS calls) into a JSON file.';
    static description = `Reads brokers with ListBrokers and DescribeBroker (only Describe/List/Get calls, plus sts:AssumeRole with --role-arn or --organization) and writes a versioned snapshot (schemas/inventory.schema.json) that \`scan --inventory\` evaluates offline. Every failed call (access denied, throttled past retries, timeout) is recorded in the snapshot's "errors", never dropped.

Exit codes: 0 collected everything; 2 bad usage; 3 collected with errors (the file is still written and says what is missing).`;
    static examples = [
        {
            description: 'One region, default credentials.',
            command: '<%= config.bin %> <%= command.id %> --region eu-west-1 --output inventory.json',
        },
        {
            description: 'Every enabled region with a named profile.',
            command: '<%= config.bin %> <%= command.id %> --all-regions --profile audit --output inventory.json',
        },
        {
            description: 'Against LocalStack.',
            command: '<%= config.bin %> <%= command.id %> --region us-east-1 --endpoint-url http://localhost:4566 --output inventory.json',
        },
    ];
    static flags = {
        ...flags_1.collectionFlags,
        output: core_1.Flags.string({
            char: 'o',
            required: true,
            summary: 'File to write the snapshot to (written atomically); "-" for stdout.',
        }),
        ...flags_1.progressFlag,
        ...flags_1.configFlag,
    };
    async run() {
        const { flags } = await this.parse(Inventory);
        const config = (0, config_1.loadConfig)(flags.config);
        const live = (0, flags_1.liveOptions)(flags, config);
        const notice = (0, flags_1.endpointNotice)(live.endpoint);
        if (notice)
            this.logToStderr(notice);
        const progress = (0, progress_1.startProgress)({
            enabled: (0, progress_1.shouldShowProgress)({
                flag: flags.progress,
                stderrIsTTY: Boolean(process.stderr.isTTY),
                env: process.env,
                jsonOutput: flags.output === '-',
            }),
        });
        let snapshot;
        try {
            snapshot = await (0, inventory_1.collectLive)({ ...live, onProgress: progress.onProgress });
        }
        finally {
            progress.stop();
        }
        const text = `${(0, terminal_1.jsonTerminalSafe)(JSON.stringify(snapshot, null, 2))}\n`;
        if (flags.output === '-')
            process.stdout.write(text);
        else
            (0, output_1.writeFileAtomic)(flags.output, text);
        const brokers = snapshot.accounts.flatMap((a) => a.regions).reduce((n, r) => n + (r.brokers?.length ?? 0), 0);
        const regions = snapshot.accounts.flatMap((a) => a.regions).filter((r) => r.mqOffered).length;
        const accounts = snapshot.accounts.length === 1 ? '' : ` of ${snapshot.accounts.length} account(s)`;
        this.logToStderr(`Inventoried ${brokers} broker(s) in ${regions} region(s)${accounts}${flags.output === '-' ? '' : ` into ${flags.output}`}.`);
        for (const skipped of snapshot.collection.accountSelection?.skipped ?? []) {
            this.logToStderr(`  skipped account ${skipped.accountId}${skipped.name ? ` (${(0, terminal_1.terminalSafe)(skipped.name)})` : ''}: ${skipped.reason === 'excluded' ? '--exclude-account' : `state ${skipped.state ?? 'not active'}`}`);
        }
        // A deadline can cut thousands of calls; the file lists them all, the terminal the first few.
        for (const error of snapshot.errors.slice(0, MAX_ERROR_LINES)) {
            const where = [error.accountId, error.region].filter(Boolean).join(' ');
            this.logToStderr(`  could not read: ${error.service} ${error.operation}${where ? ` in ${where}` : ''}${error.resource ? ` (${(0, terminal_1.terminalSafe)(error.resource)})` : ''}: ${(0, terminal_1.terminalSafe)(error.code)}`);
        }
        if (snapshot.errors.length > MAX_ERROR_LINES)
            this.logToStderr(`  … and ${snapshot.errors.length - MAX_ERROR_LINES} more (see "errors" in the snapshot)`);
        process.exitCode = snapshot.errors.length > 0 ? types_1.EXIT.incomplete : types_1.EXIT.ok;
    }
}
exports.default = Inventory;
