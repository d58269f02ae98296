"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@oclif/core");
const base_command_1 = require("../../cli/base-command");
const flags_1 = require("../../cli/flags");
const config_1 = require("../../services/config");
const errors_1 = require("../../foundation/errors");
const report_output_1 = require("../../cli/report-output");
const output_1 = require("../../foundation/output");
const types_1 = require("../../policy/types");
const index_1 = require("../../report/index");
const redact_1 = require("../../report/redact");
const merge_1 = require("../../services/merge");
class ReportMerge extends base_command_1.BaseCommand {
    static summary = 'Merge the JSON reports (or SARIF files) of several scans, e.g. the shards of a CI matrix, into one.';
    static description = `JSON reports merge into one report with one gate decision over the union: findings present in several inputs are kept once when they agree (a conflict is an error), collection errors are united, and inputs made with --shard I/N must cover every shard exactly once. The merged report can be written as JSON, a table, or SARIF (one run, --category; a file over GitHub's 10 MB compressed limit is rewritten without the network paths of the least severe findings until it fits).

SARIF files merge into one file that keeps every run with its own category (at most 20 runs; two runs with one category are an error), for a single upload to GitHub code scanning.

Exit codes: for JSON reports, the merged gate's (0 ok, 1 gate failed, 3 incomplete); 0 for SARIF files; 2 for bad or conflicting input. See docs/scale.md.`;
    static strict = false;
    static args = {
        file: core_1.Args.string({ description: 'JSON reports (scan --format json) or SARIF files to merge.', required: true }),
    };
    static examples = [
        {
            description: 'The shards of a matrix into one gate and one SARIF run.',
            command: '<%= config.bin %> <%= command.id %> shard-*/report.json --output merged.sarif --category mq-audit',
        },
        {
            description: 'Gate on the merged JSON report.',
            command: '<%= config.bin %> <%= command.id %> shard-1.json shard-2.json shard-3.json --output merged.json',
        },
        {
            description: 'SARIF files with distinct categories into one upload.',
            command: '<%= config.bin %> <%= command.id %> shard-1.sarif shard-2.sarif --output merged.sarif',
        },
        {
            description: 'For a public repository: account ids as the aliases scan --redact writes (keyed by the MQ_AUDIT_REDACT_KEY secret).',
            command: 'MQ_AUDIT_REDACT_KEY=*** <%= config.bin %> <%= command.id %> shard-*/report.json --redact --output merged.sarif',
        },
    ];
    static flags = {
        output: core_1.Flags.string({ char: 'o', summary: 'Write the merged report to this file (atomically); default stdout.' }),
        format: core_1.Flags.string({
            char: 'f',
            options: [...index_1.FORMATS],
            summary: 'Format of the merged JSON reports. Default: from --output (.sarif, .json, .md, .xml, .html), else table on a terminal and json otherwise. SARIF inputs always give SARIF.',
        }),
        'fail-on': core_1.Flags.string({
            options: [...types_1.FAIL_ON_VALUES],
            summary: "Gate the merged report at this severity (default: the inputs' common --fail-on).",
        }),
        category: core_1.Flags.string({ summary: 'SARIF category when rendering merged JSON reports as SARIF. Default: mq-audit.' }),
        quiet: core_1.Flags.boolean({
            char: 'q',
            summary: 'Print no table on stdout (with or without --output); the exit code still says what the gate decided.',
        }),
        ...flags_1.displayFlags,
        ...flags_1.redactFlag,
        ...flags_1.configFlag,
    };
    async run() {
        const { argv, flags } = await this.parse(ReportMerge);
        // Redacting messages from the start: an input's file name may hold an account id (shard-111122223333.json).
        const redactKey = process.env[redact_1.REDACT_KEY_ENV] || undefined;
        if (flags.redact)
            this.redactMessages((0, redact_1.createRedactor)(redactKey));
        const config = (0, config_1.loadConfig)(flags.config);
        const redactor = (flags.redact ?? config.defaults.redact) ? (0, redact_1.createRedactor)(redactKey) : undefined;
        if (redactor)
            this.redactMessages(redactor);
        const categoryIssue = flags.category === undefined ? undefined : (0, index_1.categoryProblem)(flags.category);
        if (categoryIssue)
            throw new errors_1.InputError('--category', categoryIssue);
        (0, output_1.refuseOutputOverInputs)(flags.output, [
            ...argv.map((file) => ['input', file]),
            ['--config', flags.config ?? config.source],
        ]);
        const outcome = (0, merge_1.mergeFiles)({ files: argv, failOn: flags['fail-on'] });
        const toStdout = !flags.output || flags.output === '-';
        if (outcome.kind === 'sarif') {
            if (flags.format !== undefined && flags.format !== 'sarif')
                throw new errors_1.InputError('--format', `SARIF files merge into SARIF, not ${flags.format}; merge the JSON reports for ${flags.format}`);
            if (flags['fail-on'] !== undefined)
                throw new errors_1.InputError('--fail-on', 'SARIF files carry no gate; merge the JSON reports to gate on the union');
            // The same pass as scan --redact, over the merged log: ARN account fields, account-like values, any standalone 12 digits.
            const notes = await (0, report_output_1.writeSarifLog)(flags.output, redactor ? (0, redact_1.redactDeep)(outcome.log, redactor) : outcome.log);
            if (!toStdout) {
                this.logToStderr(`Merged ${argv.length} SARIF file(s), ${outcome.log.runs.length} run(s), into ${flags.output}`);
            }
            for (const note of notes)
                this.logToStderr(note);
            process.exitCode = types_1.EXIT.ok;
            return;
        }
        // Inputs already redacted (they must all agree) keep their redaction record; others are redacted now, as scan does.
        const report = !redactor
            ? outcome.report
            : outcome.report.redaction
                ? (0, redact_1.redactDeep)(outcome.report, redactor)
                : (0, redact_1.redactReport)(outcome.report, redactor);
        const format = (0, flags_1.reportFormat)(flags.format, flags.output, Boolean(process.stdout.isTTY));
        const display = (0, flags_1.tableOptions)(flags);
        (0, flags_1.checkBrokerFilter)(report, flags.broker);
        const category = redactor && flags.category !== undefined ? (0, redact_1.redactText)(flags.category, redactor, outcome.report) : flags.category;
        const notes = flags.quiet && toStdout && format === 'table'
            ? []
            : await (0, report_output_1.writeReport)(flags.output, format, report, {
                category,
                color: toStdout && format === 'table' && this.useColor(),
                ...(format === 'table' ? display : {}),
            });
        if (!toStdout) {
            if (!flags.quiet && format !== 'table')
                process.stdout.write((0, index_1.render)('table', report, { color: this.useColor(), ...display }));
            this.logToStderr(`Merged ${argv.length} report(s) into ${flags.output} (${format})`);
        }
        for (const note of notes)
            this.logToStderr(note);
        process.exitCode = report.gate.exitCode;
    }
}
exports.default = ReportMerge;
