"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_path_1 = require("node:path");
const core_1 = require("@oclif/core");
const base_command_1 = require("../cli/base-command");
const progress_1 = require("../cli/progress");
const report_output_1 = require("../cli/report-output");
const output_1 = require("../foundation/output");
const flags_1 = require("../cli/flags");
const config_1 = require("../services/config");
const errors_1 = require("../foundation/errors");
const types_1 = require("../policy/types");
const index_1 = require("../report/index");
const types_2 = require("../report/types");
const redact_1 = require("../report/redact");
const scan_1 = require("../services/scan");
const terminal_1 = require("../foundation/terminal");
class Scan extends base_command_1.BaseCommand {
    static summary = 'Evaluate policies against Amazon MQ brokers and report findings.';
    static description = `Evaluates the built-in policies (and any --policies) against every broker, live from AWS or offline from an inventory file written by \`mq-audit inventory\`, and writes a report: a table for people, JSON for machines, SARIF for GitHub code scanning, Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY, JUnit XML for CI test reports.

SARIF keeps within GitHub code scanning's limits: network paths (code flows) are drawn for the 5,000 most severe results, which are all GitHub keeps, and a --output file over 10 MB compressed is rewritten without the paths of the least severe findings until it fits (stderr says how many). The JSON report (docs/report.md) has every result and hop.

Suppressions (.mq-audit/suppressions.json, or --suppressions) accept findings with a reason until an expiry date; a baseline (--baseline, an earlier JSON report) makes only new findings fail the gate. See docs/suppressions-and-baselines.md.

Exit codes (the contract CI relies on):
  0  no failing finding at or above --fail-on
  1  the gate failed: at least one failing finding at or above --fail-on
  2  bad usage or bad input (flags, policy, inventory, config, suppressions or baseline files)
  3  the scan was incomplete (a collection error, or a check that could not be evaluated) and nothing else failed the gate

A check that could not be evaluated (access denied, throttled past retries, missing data) is reported as "error", never as passing.`;
    static examples = [
        {
            description: 'Scan the bundled demo estate (no AWS account needed).',
            command: '<%= config.bin %> <%= command.id %> --inventory fixtures/demo/inventory.json',
        },
        {
            description: 'Scan two regions live and write SARIF for code scanning; fail only on high or critical.',
            command: '<%= config.bin %> <%= command.id %> --region eu-west-1 --region us-east-1 --format sarif --output mq-audit.sarif --fail-on high',
        },
        {
            description: 'Scan every enabled region with a named profile.',
            command: '<%= config.bin %> <%= command.id %> --all-regions --profile audit',
        },
        {
            description: 'Against LocalStack or moto.',
            command: '<%= config.bin %> <%= command.id %> --region us-east-1 --endpoint-url http://localhost:4566',
        },
        {
            description: 'Only some policies, plus a folder of your own.',
            command: '<%= config.bin %> <%= command.id %> --inventory inv.json --policies ./our-policies --skip-policy mq/required-tags',
        },
        {
            description: 'Accept known findings, fail only on findings new since the last main-branch report, and write a pull-request summary.',
            command: '<%= config.bin %> <%= command.id %> --all-regions --suppressions .mq-audit/suppressions.json --baseline main-report.json --format markdown --output summary.md',
        },
        {
            description: 'SARIF for a public repository: account ids replaced with aliases (keyed by the MQ_AUDIT_REDACT_KEY secret).',
            command: 'MQ_AUDIT_REDACT_KEY=*** <%= config.bin %> <%= command.id %> --all-regions --redact --output mq-audit.sarif',
        },
        {
            description: "Judge a pull request's Terraform plan against last night's inventory: only findings the change introduces fail the gate, located on the lines of the change.",
            command: 'terraform show -json tfplan > plan.json && <%= config.bin %> <%= command.id %> --plan plan.json --inventory nightly-inventory.json --format sarif --output mq-audit.sarif',
        },
        {
            description: 'Judge a CloudFormation template (an update to a deployed stack) with its parameters.',
            command: '<%= config.bin %> <%= command.id %> --template stacks/orders.yaml --template-parameters stacks/orders-prod.json --stack-name orders-prod --inventory inventory.json',
        },
        {
            description: 'JUnit XML for a CI test-report view.',
            command: '<%= config.bin %> <%= command.id %> --all-regions --format junit --output mq-audit-junit.xml',
        },
    ];
    static flags = {
        inventory: core_1.Flags.string({
            char: 'i',
            summary: 'Evaluate this inventory file offline instead of calling AWS.',
            exclusive: flags_1.LIVE_ONLY_FLAGS,
        }),
        ...flags_1.collectionFlags,
        format: core_1.Flags.string({
            char: 'f',
            options: [...index_1.FORMATS],
            summary: 'Report format.',
            description: "Default: inferred from --output (.sarif, .json, .md, .xml, .html), else table on a terminal and json when stdout is not a terminal. html is one self-contained page (summary, filterable findings, each broker's network paths drawn as SVG) that loads nothing from the network.",
            helpGroup: 'OUTPUT',
        }),
        output: core_1.Flags.string({
            char: 'o',
            summary: 'Write the report to this file (atomically); a table summary still goes to stdout unless --quiet.',
            helpGroup: 'OUTPUT',
        }),
        quiet: core_1.Flags.boolean({
            char: 'q',
            summary: 'Print no table on stdout (with or without --output); the exit code still says what the gate decided.',
            helpGroup: 'OUTPUT',
        }),
        ...flags_1.displayFlags,
        iac: core_1.Flags.string({
            multiple: true,
            summary: 'Anchor findings to the CloudFormation (YAML, JSON, CDK output) and Terraform files under this folder or file (repeatable); "none" to turn off.',
            description: 'Default: the git repository holding the current folder, when there is one. SARIF locations become the file and lines that define the broker (the line of the property that fails, when the template sets it) and each network hop; the JSON report shows which definition matched each broker and on what evidence (CloudFormation stack and logical-id tags, broker name, Terraform resource name, Name tag). Unmatched resources keep the stable pseudo-path.',
            helpGroup: 'OUTPUT',
        }),
        category: core_1.Flags.string({
            summary: 'SARIF category (automationDetails.id) for code scanning; use a distinct one per scan uploaded from one commit.',
            description: 'Default: mq-audit. Letters, digits, . _ - and /.',
            helpGroup: 'OUTPUT',
        }),
        'fail-on': core_1.Flags.string({
            options: [...types_1.FAIL_ON_VALUES],
            summary: 'Lowest severity of a failing finding that fails the gate (exit 1); "none" never fails on findings. [default: low]',
            helpGroup: 'GATE',
        }),
        'fail-on-empty': core_1.Flags.boolean({
            allowNo: true,
            summary: 'Fail the gate (exit 1) when no broker is found in any region scanned. [default: off: a notice only]',
            description: 'An empty estate usually means the scan looked in the wrong place (region, account, credentials). Without this flag it is a warning on stderr and in the report.',
            helpGroup: 'GATE',
        }),
        suppressions: core_1.Flags.string({
            summary: 'Suppressions file: accepted findings (policy + resource, reason, expiry) that do not fail the gate. [default: .mq-audit/suppressions.json when it exists]',
            description: 'Format: schemas/suppressions.schema.json. Expired entries stop suppressing and are reported; entries matching nothing are reported as stale.',
            helpGroup: 'GATE',
        }),
        baseline: core_1.Flags.string({
            summary: 'An earlier JSON report (scan --format json): only failing findings new since then fail the gate.',
            description: 'Findings are matched by fingerprint (policy + broker ARN); the report marks each failing finding new or unchanged and lists those no longer failing.',
            helpGroup: 'GATE',
        }),
        ...flags_1.redactFlag,
        plan: core_1.Flags.string({
            multiple: true,
            summary: 'Judge this proposed change: the JSON of `terraform show -json PLANFILE` (repeatable; OpenTofu too).',
            description: 'The deployed estate (--inventory, or live with --region/--all-regions/--profile…; with neither, the change is judged alone) gets the change applied, and the same policies and path model judge it. Each finding says what the change does to it (introduced, unchanged, resolved); with --gate changes (the default) only introduced ones fail the gate. Values known only after apply make exactly the checks that need them error, never pass. See docs/change.md.',
            helpGroup: 'CHANGE',
        }),
        template: core_1.Flags.string({
            multiple: true,
            summary: 'Judge this proposed CloudFormation template (YAML, JSON, CDK output; repeatable).',
            helpGroup: 'CHANGE',
        }),
        'template-parameters': core_1.Flags.string({
            summary: 'Parameter values for --template: [{"ParameterKey": …, "ParameterValue": …}] or a plain object.',
            dependsOn: ['template'],
            helpGroup: 'CHANGE',
        }),
        'stack-name': core_1.Flags.string({
            summary: 'The deployed stack --template updates (matched by the aws:cloudformation:stack-name tag).',
            dependsOn: ['template'],
            helpGroup: 'CHANGE',
        }),
        gate: core_1.Flags.string({
            options: ['changes', 'all'],
            summary: 'With --plan/--template: "changes" fails the gate only on findings the change introduces; "all" on every failing finding. [default: changes]',
            helpGroup: 'GATE',
        }),
        policies: core_1.Flags.string({
            multiple: true,
            summary: 'Add custom policy files or folders (repeatable).',
            helpGroup: 'POLICIES',
        }),
        'support-calendar': core_1.Flags.string({
            summary: 'An engine support calendar (end-of-support dates by engine major.minor) replacing the built-in one.',
            description: 'Format: schemas/support-calendar.schema.json, like src/policy/engine-versions.json. A scan warns when the calendar it uses is more than 180 days old.',
            helpGroup: 'POLICIES',
        }),
        policy: core_1.Flags.string({
            multiple: true,
            summary: 'Evaluate only these policy ids (repeatable; * matches within a path segment, e.g. "mq/*").',
            helpGroup: 'POLICIES',
        }),
        'skip-policy': core_1.Flags.string({
            multiple: true,
            summary: 'Do not evaluate these policy ids (repeatable).',
            helpGroup: 'POLICIES',
        }),
        ...flags_1.progressFlag,
        ...flags_1.configFlag,
        ...flags_1.onPremFlag,
    };
    async run() {
        const { flags } = await this.parse(Scan);
        const redactKey = process.env[redact_1.REDACT_KEY_ENV] || undefined;
        if (flags.redact)
            this.redactMessages((0, redact_1.createRedactor)(redactKey));
        const config = (0, config_1.loadConfig)(flags.config);
        const defaults = config.defaults;
        const redact = flags.redact ?? defaults.redact ?? false;
        if (redact)
            this.redactMessages((0, redact_1.createRedactor)(redactKey));
        const failOn = (flags['fail-on'] ?? defaults['fail-on'] ?? 'low');
        const failOnEmpty = flags['fail-on-empty'] ?? defaults['fail-on-empty'] ?? false;
        const category = flags.category ?? defaults.category;
        const categoryIssue = category === undefined ? undefined : (0, index_1.categoryProblem)(category);
        if (categoryIssue)
            throw new errors_1.InputError('--category', categoryIssue);
        (0, output_1.refuseOutputOverInputs)(flags.output, [
            ['--inventory', flags.inventory],
            ['--baseline', flags.baseline ?? defaults.baseline],
            ['--suppressions', flags.suppressions ?? defaults.suppressions ?? '.mq-audit/suppressions.json'],
            ['--config', flags.config ?? config.source],
            ...(flags.policies ?? defaults.policies ?? []).map((file) => ['--policies', file]),
            ...(flags.plan ?? []).map((file) => ['--plan', file]),
            ...(flags.template ?? []).map((file) => ['--template', file]),
            ['--template-parameters', flags['template-parameters']],
            ['--support-calendar', flags['support-calendar']],
        ]);
        const format = (0, flags_1.reportFormat)(flags.format ?? defaults.format, flags.output, Boolean(process.stdout.isTTY));
        const toStdout = !flags.output || flags.output === '-';
        const plans = flags.plan ?? [];
        const templates = flags.template ?? [];
        const changing = plans.length > 0 || templates.length > 0;
        if (flags.gate && !changing)
            throw new errors_1.InputError('--gate', 'goes with --plan or --template (without a change every failing finding counts)');
        // With a change and no way to the deployed estate named, the change is judged alone (a fork has no credentials).
        const alone = changing &&
            !flags.inventory &&
            !flags_1.LIVE_ONLY_FLAGS.some((name) => flags[name] !== undefined);
        const live = flags.inventory || alone ? undefined : (0, flags_1.liveOptions)(flags, config);
        const notice = live && (0, flags_1.endpointNotice)(live.endpoint);
        if (notice)
            this.logToStderr(notice);
        const progress = (0, progress_1.startProgress)({
            enabled: live !== undefined &&
                (0, progress_1.shouldShowProgress)({
                    flag: flags.progress,
                    stderrIsTTY: Boolean(process.stderr.isTTY),
                    env: process.env,
                    jsonOutput: toStdout && format !== 'table',
                }),
        });
        const source = live
            ? { live: { ...live, onProgress: progress.onProgress } }
            : alone
                ? { none: true }
                : { file: flags.inventory };
        let report;
        let snapshot;
        let anchoring;
        let diagrams;
        const iac = flags.iac ?? defaults.iac;
        try {
            ({ report, snapshot, anchoring, diagrams } = await (0, scan_1.runScan)({
                iac: iac === undefined ? 'auto' : iac.includes('none') ? 'none' : { paths: iac },
                source,
                ...(changing && {
                    change: {
                        plans,
                        templates,
                        gate: (flags.gate ?? 'changes'),
                        ...(flags['template-parameters'] && { templateParameters: flags['template-parameters'] }),
                        ...(flags['stack-name'] && { stackName: flags['stack-name'] }),
                    },
                }),
                policyPaths: flags.policies ?? defaults.policies ?? [],
                include: flags.policy ?? defaults.policy ?? [],
                exclude: flags['skip-policy'] ?? defaults['skip-policy'] ?? [],
                config,
                failOn,
                failOnEmpty,
                onPremCidrs: (0, flags_1.onPremCidrs)(flags['on-prem-cidr'], config),
                suppressionsFile: shownPath(flags.suppressions ?? defaults.suppressions),
                baselineFile: shownPath(flags.baseline ?? defaults.baseline),
                ...(flags['support-calendar'] && { supportCalendarFile: flags['support-calendar'] }),
                redact,
                redactKey,
                ...(format === 'html' && { diagrams: {} }),
            }));
        }
        finally {
            progress.stop();
        }
        // The category is written into SARIF too: redact an account id in it like everything else (the unredacted
        // snapshot says which ids are accounts).
        const writtenCategory = redact && category !== undefined ? (0, redact_1.redactText)(category, (0, redact_1.createRedactor)(redactKey), snapshot) : category;
        for (const problem of anchoring?.problems ?? []) {
            this.logToStderr(`Warning: ${(0, terminal_1.terminalSafe)(problem.file)}${problem.line ? `:${problem.line}` : ''}: ${(0, terminal_1.terminalSafe)(problem.message)} (not used to anchor findings)`);
        }
        const display = (0, flags_1.tableOptions)(flags);
        (0, flags_1.checkBrokerFilter)(report, flags.broker);
        const notes = flags.quiet && toStdout && format === 'table'
            ? []
            : await (0, report_output_1.writeReport)(flags.output, format, report, {
                category: writtenCategory,
                color: toStdout && format === 'table' && this.useColor(),
                ...(anchoring && { locate: anchoring.locate }),
                ...(diagrams && { diagrams }),
                ...(format === 'table' ? display : {}),
            });
        if (!toStdout) {
            if (!flags.quiet && format !== 'table')
                process.stdout.write((0, index_1.render)('table', report, { color: this.useColor(), ...display }));
            this.logToStderr(`Wrote ${format} report to ${flags.output}`);
        }
        for (const note of notes)
            this.logToStderr(note);
        // An empty estate is said on stderr whatever the format: a JSON or SARIF consumer may never show warnings.
        for (const warning of report.warnings ?? [])
            if (warning.code === types_2.NO_BROKERS_WARNING)
                this.logToStderr(`Warning: ${warning.message}`);
        process.exitCode = report.gate.exitCode;
    }
}
exports.default = Scan;
/** Config defaults are absolute; reports show them relative to the working folder when they are inside it. */
function shownPath(file) {
    if (file === undefined || !(0, node_path_1.isAbsolute)(file))
        return file;
    const inside = (0, node_path_1.relative)(process.cwd(), file);
    return inside !== '' && !inside.startsWith('..') && !(0, node_path_1.isAbsolute)(inside) ? inside : file;
}
