"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../cli/base-command");
const flags_1 = require("../cli/flags");
const config_1 = require("../services/config");
const errors_1 = require("../foundation/errors");
const output_1 = require("../foundation/output");
const paths_1 = require("../report/paths");
const redact_1 = require("../report/redact");
const markdown_1 = require("../report/markdown");
const estate_paths_1 = require("../services/estate-paths");
const paths_2 = require("../services/paths");
const terminal_1 = require("../foundation/terminal");
class Paths extends base_command_1.BaseCommand {
    static summary = 'Show every network path from on-premises to one broker, hop by hop, and where a broken one breaks.';
    static description = `For each on-premises network (--on-prem-cidr, the config file, or else every network the broker subnets route to a VPN or Direct Connect), lists every path to the broker: route table and route, gateway, VPN connection and tunnel state, virtual interface and BGP state, security group rule, network ACL rule; and where and why a broken path breaks. Live from AWS or offline from an inventory file.

Formats: text (default) for people; json for machines (docs/paths.md); mermaid for a flowchart; markdown for a pull-request comment or $GITHUB_STEP_SUMMARY (a verdict table and a fenced mermaid block, which GitHub renders).

Exit codes:
  0  every on-premises network reaches the broker on at least two independent healthy paths
  1  some network is unreachable, or degraded (reachable over a single tunnel or Direct Connect connection)
  2  bad usage or bad input (a flag, an inventory or config file, a broker that is not found or ambiguous)
  3  nothing failed, but some verdict is unknown (data missing), or the network was not collected for the broker's region

1 wins over 3, as in \`scan\`. Internet ingress is shown but does not change the exit code (the mq/no-internet-ingress policy of \`scan\` gates it).`;
    static examples = [
        {
            description: 'A broker of the demo estate, by name.',
            command: '<%= config.bin %> <%= command.id %> orders-prod --inventory fixtures/demo/inventory.json',
        },
        {
            description: 'Check two data-centre networks live; the ARN gives the region.',
            command: '<%= config.bin %> <%= command.id %> arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1a2b… --on-prem-cidr 10.0.0.0/8 --on-prem-cidr 172.16.0.0/12',
        },
        {
            description: 'JSON for machines.',
            command: '<%= config.bin %> <%= command.id %> b-1a2b3c4d-0001-4e5f-8a9b-000000000001 --inventory inv.json --json',
        },
        {
            description: 'A Mermaid flowchart into the GitHub step summary.',
            command: '<%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format markdown >> "$GITHUB_STEP_SUMMARY"',
        },
        {
            description: 'A diagram for a public repository: account ids as the same aliases scan --redact uses.',
            command: 'MQ_AUDIT_REDACT_KEY=*** <%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format markdown --redact',
        },
        {
            description: 'The whole estate at a glance: one line per broker and on-premises network, worst first.',
            command: '<%= config.bin %> <%= command.id %> --inventory inv.json --on-prem-cidr 10.200.0.0/16',
        },
        {
            description: 'Write the diagram to a file.',
            command: '<%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format mermaid --output paths.mmd',
        },
    ];
    static args = {
        broker: core_1.Args.string({
            description: 'The broker: its name, broker id (b-…) or ARN. Without one: every broker, one line per broker and on-premises network, worst first.',
            required: false,
        }),
    };
    static flags = {
        inventory: core_1.Flags.string({
            char: 'i',
            summary: 'Read this inventory file instead of calling AWS.',
            exclusive: ['region', 'all-regions', 'profile', 'endpoint-url'],
        }),
        ...flags_1.collectionFlags,
        ...flags_1.onPremFlag,
        format: core_1.Flags.string({
            char: 'f',
            options: [...paths_1.PATHS_FORMATS],
            summary: 'Output format. Default: from --output (.json, .mmd, .md), else text.',
            helpGroup: 'OUTPUT',
        }),
        json: core_1.Flags.boolean({ summary: 'Same as --format json.', helpGroup: 'OUTPUT' }),
        output: core_1.Flags.string({
            char: 'o',
            summary: 'Write the output to this file (atomically); the text view still goes to stdout unless --quiet.',
            helpGroup: 'OUTPUT',
        }),
        quiet: core_1.Flags.boolean({ char: 'q', summary: 'With --output, print nothing to stdout.', helpGroup: 'OUTPUT' }),
        ...flags_1.redactFlag,
        verbose: core_1.Flags.boolean({
            char: 'v',
            summary: 'Text: every hop of every path with its details (by default each hop is shown once, forward and return apart).',
            helpGroup: 'OUTPUT',
        }),
        ...flags_1.configFlag,
    };
    async run() {
        const { args, flags } = await this.parse(Paths);
        const redactKey = process.env[redact_1.REDACT_KEY_ENV] || undefined;
        if (flags.redact)
            this.redactMessages((0, redact_1.createRedactor)(redactKey));
        if (flags.json && flags.format && flags.format !== 'json')
            throw new errors_1.InputError('--json', `conflicts with --format ${flags.format}; give one of them`);
        const config = (0, config_1.loadConfig)(flags.config);
        const redactor = (flags.redact ?? config.defaults.redact) ? (0, redact_1.createRedactor)(redactKey) : undefined;
        if (redactor)
            this.redactMessages(redactor);
        (0, output_1.refuseOutputOverInputs)(flags.output, [
            ['--inventory', flags.inventory],
            ['--config', flags.config ?? config.source],
        ]);
        const cidrs = (0, flags_1.onPremCidrs)(flags['on-prem-cidr'], config);
        if (args.broker === undefined) {
            await this.estate(flags, cidrs, config, redactor);
            return;
        }
        // An ARN says where the broker is: with no --region, look there rather than demand one.
        const arnRegion = /^arn:[^:]+:mq:([^:]+):/.exec(args.broker)?.[1];
        const regions = flags.region ?? (arnRegion && !flags['all-regions'] && !config.defaults.region ? [arnRegion] : undefined);
        const source = flags.inventory ? { file: flags.inventory } : { live: (0, flags_1.liveOptions)({ ...flags, region: regions }, config) };
        const notice = 'live' in source ? (0, flags_1.endpointNotice)(source.live?.endpoint) : undefined;
        if (notice)
            this.logToStderr(notice);
        const outcome = await (0, paths_2.runPaths)({ source, broker: args.broker, onPremCidrs: cidrs, config });
        if (outcome.kind === 'unresolved') {
            this.logToStderr(outcome.message);
            process.exitCode = outcome.exitCode;
            return;
        }
        // Redaction is a pass over the finished report, as in scan: every format sees the same redacted facts.
        const report = redactor
            ? { ...(0, redact_1.redactDeep)(outcome.report, redactor), redaction: (0, redact_1.redactionOf)(redactor) }
            : outcome.report;
        const format = flags.json
            ? 'json'
            : (flags.format ?? (0, flags_1.formatFromFile)(flags.output, paths_1.PATHS_FORMATS) ?? 'text');
        const toStdout = !flags.output || flags.output === '-';
        const text = (0, paths_1.renderPaths)(format, report, {
            color: toStdout && format === 'text' && this.useColor(),
            verbose: flags.verbose,
        });
        if (toStdout) {
            process.stdout.write(text);
        }
        else {
            (0, output_1.writeFileAtomic)(flags.output, text);
            if (!flags.quiet && format !== 'text')
                process.stdout.write((0, paths_1.renderPaths)('text', report, { color: this.useColor(), verbose: flags.verbose }));
            this.logToStderr(`Wrote ${format} paths of ${report.broker.name} to ${flags.output}`);
        }
        process.exitCode = report.exitCode;
    }
    /** No broker: the estate's connectivity, one line per broker and on-premises network (text, json, markdown). */
    async estate(flags, cidrs, config, redactor) {
        const format = flags.json
            ? 'json'
            : (flags.format ?? (0, flags_1.formatFromFile)(flags.output, paths_1.PATHS_FORMATS) ?? 'text');
        if (format === 'mermaid')
            throw new errors_1.InputError('--format', "mermaid draws one broker's paths: give a broker (or use text, json or markdown for the estate)");
        const source = flags.inventory ? { file: flags.inventory } : { live: (0, flags_1.liveOptions)(flags, config) };
        const notice = 'live' in source ? (0, flags_1.endpointNotice)(source.live?.endpoint) : undefined;
        if (notice)
            this.logToStderr(notice);
        const estate = await (0, estate_paths_1.runEstatePaths)({
            source,
            onPremCidrs: cidrs,
            network: (0, config_1.networkSettings)(config),
        });
        // Redacted like one broker's paths: every format of the estate view sees the same aliases.
        const report = redactor ? (0, redact_1.redactDeep)(estate, redactor) : estate;
        const columns = (0, flags_1.terminalColumns)() ?? 100;
        const render = (f) => f === 'json'
            ? `${JSON.stringify(report, null, 2)}\n`
            : f === 'markdown'
                ? (0, estate_paths_1.renderEstateMarkdown)(report, (text) => (0, markdown_1.escapeCell)(text, 4000))
                : (0, terminal_1.terminalSafe)((0, estate_paths_1.renderEstateText)(report, columns), { newlines: true });
        const toStdout = !flags.output || flags.output === '-';
        if (toStdout) {
            process.stdout.write(render(format));
        }
        else {
            (0, output_1.writeFileAtomic)(flags.output, render(format));
            if (!flags.quiet && format !== 'text')
                process.stdout.write(render('text'));
            this.logToStderr(`Wrote ${format} connectivity of ${report.rows.length} broker/network pair(s) to ${flags.output}`);
        }
        process.exitCode = report.exitCode;
    }
}
exports.default = Paths;
