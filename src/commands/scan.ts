import {isAbsolute, relative} from 'node:path';
import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command';
import {shouldShowProgress, startProgress} from '../cli/progress';
import {writeReport} from '../cli/report-output';
import {refuseOutputOverInputs} from '../foundation/output';
import {
  collectionFlags,
  configFlag,
  displayFlags,
  tableOptions,
  checkBrokerFilter,
  endpointNotice,
  LIVE_ONLY_FLAGS,
  liveOptions,
  progressFlag,
  onPremCidrs,
  onPremFlag,
  redactFlag,
  reportFormat,
} from '../cli/flags';
import {loadConfig} from '../services/config';
import {InputError} from '../foundation/errors';
import {FAIL_ON_VALUES, type FailOn} from '../policy/types';
import {categoryProblem, FORMATS, render, type ScanReport} from '../report/index';
import {NO_BROKERS_WARNING} from '../report/types';
import {createRedactor, REDACT_KEY_ENV, redactText} from '../report/redact';
import {runScan} from '../services/scan';
import {terminalSafe} from '../foundation/terminal';

export default class Scan extends BaseCommand {
  static override summary = 'Evaluate policies against Amazon MQ brokers and report findings.';

  static override description = `Evaluates the built-in policies (and any --policies) against every broker, live from AWS or offline from an inventory file written by \`mq-audit inventory\`, and writes a report: a table for people, JSON for machines, SARIF for GitHub code scanning, Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY, JUnit XML for CI test reports.

SARIF keeps within GitHub code scanning's limits: network paths (code flows) are drawn for the 5,000 most severe results, which are all GitHub keeps, and a --output file over 10 MB compressed is rewritten without the paths of the least severe findings until it fits (stderr says how many). The JSON report (docs/report.md) has every result and hop.

Suppressions (.mq-audit/suppressions.json, or --suppressions) accept findings with a reason until an expiry date; a baseline (--baseline, an earlier JSON report) makes only new findings fail the gate. See docs/suppressions-and-baselines.md.

Exit codes (the contract CI relies on):
  0  no failing finding at or above --fail-on
  1  the gate failed: at least one failing finding at or above --fail-on
  2  bad usage or bad input (flags, policy, inventory, config, suppressions or baseline files)
  3  the scan was incomplete (a collection error, or a check that could not be evaluated) and nothing else failed the gate

A check that could not be evaluated (access denied, throttled past retries, missing data) is reported as "error", never as passing.`;

  static override examples = [
    {
      description: 'Scan the bundled demo estate (no AWS account needed).',
      command: '<%= config.bin %> <%= command.id %> --inventory fixtures/demo/inventory.json',
    },
    {
      description: 'Scan two regions live and write SARIF for code scanning; fail only on high or critical.',
      command:
        '<%= config.bin %> <%= command.id %> --region eu-west-1 --region us-east-1 --format sarif --output mq-audit.sarif --fail-on high',
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
      command:
        '<%= config.bin %> <%= command.id %> --inventory inv.json --policies ./our-policies --skip-policy mq/required-tags',
    },
    {
      description:
        'Accept known findings, fail only on findings new since the last main-branch report, and write a pull-request summary.',
      command:
        '<%= config.bin %> <%= command.id %> --all-regions --suppressions .mq-audit/suppressions.json --baseline main-report.json --format markdown --output summary.md',
    },
    {
      description:
        'SARIF for a public repository: account ids replaced with aliases (keyed by the MQ_AUDIT_REDACT_KEY secret).',
      command:
        'MQ_AUDIT_REDACT_KEY=*** <%= config.bin %> <%= command.id %> --all-regions --redact --output mq-audit.sarif',
    },
    {
      description:
        "Judge a pull request's Terraform plan against last night's inventory: only findings the change introduces fail the gate, located on the lines of the change.",
      command:
        'terraform show -json tfplan > plan.json && <%= config.bin %> <%= command.id %> --plan plan.json --inventory nightly-inventory.json --format sarif --output mq-audit.sarif',
    },
    {
      description: 'Judge a CloudFormation template (an update to a deployed stack) with its parameters.',
      command:
        '<%= config.bin %> <%= command.id %> --template stacks/orders.yaml --template-parameters stacks/orders-prod.json --stack-name orders-prod --inventory inventory.json',
    },
    {
      description: 'JUnit XML for a CI test-report view.',
      command: '<%= config.bin %> <%= command.id %> --all-regions --format junit --output mq-audit-junit.xml',
    },
  ];

  static override flags = {
    inventory: Flags.string({
      char: 'i',
      summary: 'Evaluate this inventory file offline instead of calling AWS.',
      exclusive: LIVE_ONLY_FLAGS,
    }),
    ...collectionFlags,
    format: Flags.string({
      char: 'f',
      options: [...FORMATS],
      summary: 'Report format.',
      description:
        "Default: inferred from --output (.sarif, .json, .md, .xml, .html), else table on a terminal and json when stdout is not a terminal. html is one self-contained page (summary, filterable findings, each broker's network paths drawn as SVG) that loads nothing from the network.",
      helpGroup: 'OUTPUT',
    }),
    output: Flags.string({
      char: 'o',
      summary: 'Write the report to this file (atomically); a table summary still goes to stdout unless --quiet.',
      helpGroup: 'OUTPUT',
    }),
    quiet: Flags.boolean({
      char: 'q',
      summary: 'Print no table on stdout (with or without --output); the exit code still says what the gate decided.',
      helpGroup: 'OUTPUT',
    }),
    ...displayFlags,
    iac: Flags.string({
      multiple: true,
      summary:
        'Anchor findings to the CloudFormation (YAML, JSON, CDK output) and Terraform files under this folder or file (repeatable); "none" to turn off.',
      description:
        'Default: the git repository holding the current folder, when there is one. SARIF locations become the file and lines that define the broker (the line of the property that fails, when the template sets it) and each network hop; the JSON report shows which definition matched each broker and on what evidence (CloudFormation stack and logical-id tags, broker name, Terraform resource name, Name tag). Unmatched resources keep the stable pseudo-path.',
      helpGroup: 'OUTPUT',
    }),
    category: Flags.string({
      summary:
        'SARIF category (automationDetails.id) for code scanning; use a distinct one per scan uploaded from one commit.',
      description: 'Default: mq-audit. Letters, digits, . _ - and /.',
      helpGroup: 'OUTPUT',
    }),
    'fail-on': Flags.string({
      options: [...FAIL_ON_VALUES],
      summary:
        'Lowest severity of a failing finding that fails the gate (exit 1); "none" never fails on findings. [default: low]',
      helpGroup: 'GATE',
    }),
    'fail-on-empty': Flags.boolean({
      allowNo: true,
      summary: 'Fail the gate (exit 1) when no broker is found in any region scanned. [default: off: a notice only]',
      description:
        'An empty estate usually means the scan looked in the wrong place (region, account, credentials). Without this flag it is a warning on stderr and in the report.',
      helpGroup: 'GATE',
    }),
    suppressions: Flags.string({
      summary:
        'Suppressions file: accepted findings (policy + resource, reason, expiry) that do not fail the gate. [default: .mq-audit/suppressions.json when it exists]',
      description:
        'Format: schemas/suppressions.schema.json. Expired entries stop suppressing and are reported; entries matching nothing are reported as stale.',
      helpGroup: 'GATE',
    }),
    baseline: Flags.string({
      summary: 'An earlier JSON report (scan --format json): only failing findings new since then fail the gate.',
      description:
        'Findings are matched by fingerprint (policy + broker ARN); the report marks each failing finding new or unchanged and lists those no longer failing.',
      helpGroup: 'GATE',
    }),
    ...redactFlag,
    plan: Flags.string({
      multiple: true,
      summary: 'Judge this proposed change: the JSON of `terraform show -json PLANFILE` (repeatable; OpenTofu too).',
      description:
        'The deployed estate (--inventory, or live with --region/--all-regions/--profile…; with neither, the change is judged alone) gets the change applied, and the same policies and path model judge it. Each finding says what the change does to it (introduced, unchanged, resolved); with --gate changes (the default) only introduced ones fail the gate. Values known only after apply make exactly the checks that need them error, never pass. See docs/change.md.',
      helpGroup: 'CHANGE',
    }),
    template: Flags.string({
      multiple: true,
      summary: 'Judge this proposed CloudFormation template (YAML, JSON, CDK output; repeatable).',
      helpGroup: 'CHANGE',
    }),
    'template-parameters': Flags.string({
      summary: 'Parameter values for --template: [{"ParameterKey": …, "ParameterValue": …}] or a plain object.',
      dependsOn: ['template'],
      helpGroup: 'CHANGE',
    }),
    'stack-name': Flags.string({
      summary: 'The deployed stack --template updates (matched by the aws:cloudformation:stack-name tag).',
      dependsOn: ['template'],
      helpGroup: 'CHANGE',
    }),
    gate: Flags.string({
      options: ['changes', 'all'],
      summary:
        'With --plan/--template: "changes" fails the gate only on findings the change introduces; "all" on every failing finding. [default: changes]',
      helpGroup: 'GATE',
    }),
    policies: Flags.string({
      multiple: true,
      summary: 'Add custom policy files or folders (repeatable).',
      helpGroup: 'POLICIES',
    }),
    'support-calendar': Flags.string({
      summary: 'An engine support calendar (end-of-support dates by engine major.minor) replacing the built-in one.',
      description:
        'Format: schemas/support-calendar.schema.json, like src/policy/engine-versions.json. A scan warns when the calendar it uses is more than 180 days old.',
      helpGroup: 'POLICIES',
    }),
    policy: Flags.string({
      multiple: true,
      summary: 'Evaluate only these policy ids (repeatable; * matches within a path segment, e.g. "mq/*").',
      helpGroup: 'POLICIES',
    }),
    'skip-policy': Flags.string({
      multiple: true,
      summary: 'Do not evaluate these policy ids (repeatable).',
      helpGroup: 'POLICIES',
    }),
    ...progressFlag,
    ...configFlag,
    ...onPremFlag,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Scan);
    const redactKey = process.env[REDACT_KEY_ENV] || undefined;
    if (flags.redact) this.redactMessages(createRedactor(redactKey));
    const config = loadConfig(flags.config);
    const defaults = config.defaults;
    const redact = flags.redact ?? defaults.redact ?? false;
    if (redact) this.redactMessages(createRedactor(redactKey));
    const failOn = (flags['fail-on'] ?? defaults['fail-on'] ?? 'low') as FailOn;
    const failOnEmpty = flags['fail-on-empty'] ?? defaults['fail-on-empty'] ?? false;
    const category = flags.category ?? defaults.category;
    const categoryIssue = category === undefined ? undefined : categoryProblem(category);
    if (categoryIssue) throw new InputError('--category', categoryIssue);

    refuseOutputOverInputs(flags.output, [
      ['--inventory', flags.inventory],
      ['--baseline', flags.baseline ?? defaults.baseline],
      ['--suppressions', flags.suppressions ?? defaults.suppressions ?? '.mq-audit/suppressions.json'],
      ['--config', flags.config ?? config.source],
      ...(flags.policies ?? defaults.policies ?? []).map((file) => ['--policies', file] as const),
      ...(flags.plan ?? []).map((file) => ['--plan', file] as const),
      ...(flags.template ?? []).map((file) => ['--template', file] as const),
      ['--template-parameters', flags['template-parameters']],
      ['--support-calendar', flags['support-calendar']],
    ]);
    const format = reportFormat(flags.format ?? defaults.format, flags.output, Boolean(process.stdout.isTTY));
    const toStdout = !flags.output || flags.output === '-';
    const plans = flags.plan ?? [];
    const templates = flags.template ?? [];
    const changing = plans.length > 0 || templates.length > 0;
    if (flags.gate && !changing)
      throw new InputError('--gate', 'goes with --plan or --template (without a change every failing finding counts)');
    // With a change and no way to the deployed estate named, the change is judged alone (a fork has no credentials).
    const alone =
      changing &&
      !flags.inventory &&
      !LIVE_ONLY_FLAGS.some((name) => (flags as Record<string, unknown>)[name] !== undefined);
    const live = flags.inventory || alone ? undefined : liveOptions(flags, config);
    const notice = live && endpointNotice(live.endpoint);
    if (notice) this.logToStderr(notice);
    const progress = startProgress({
      enabled:
        live !== undefined &&
        shouldShowProgress({
          flag: flags.progress,
          stderrIsTTY: Boolean(process.stderr.isTTY),
          env: process.env,
          jsonOutput: toStdout && format !== 'table',
        }),
    });
    const source = live
      ? {live: {...live, onProgress: progress.onProgress}}
      : alone
        ? {none: true as const}
        : {file: flags.inventory!};
    let report: ScanReport;
    let snapshot: Awaited<ReturnType<typeof runScan>>['snapshot'];
    let anchoring: Awaited<ReturnType<typeof runScan>>['anchoring'];
    let diagrams: Awaited<ReturnType<typeof runScan>>['diagrams'];
    const iac = flags.iac ?? defaults.iac;
    try {
      ({report, snapshot, anchoring, diagrams} = await runScan({
        iac: iac === undefined ? 'auto' : iac.includes('none') ? 'none' : {paths: iac},
        source,
        ...(changing && {
          change: {
            plans,
            templates,
            gate: (flags.gate ?? 'changes') as 'all' | 'changes',
            ...(flags['template-parameters'] && {templateParameters: flags['template-parameters']}),
            ...(flags['stack-name'] && {stackName: flags['stack-name']}),
          },
        }),
        policyPaths: flags.policies ?? defaults.policies ?? [],
        include: flags.policy ?? defaults.policy ?? [],
        exclude: flags['skip-policy'] ?? defaults['skip-policy'] ?? [],
        config,
        failOn,
        failOnEmpty,
        onPremCidrs: onPremCidrs(flags['on-prem-cidr'], config),
        suppressionsFile: shownPath(flags.suppressions ?? defaults.suppressions),
        baselineFile: shownPath(flags.baseline ?? defaults.baseline),
        ...(flags['support-calendar'] && {supportCalendarFile: flags['support-calendar']}),
        redact,
        redactKey,
        ...(format === 'html' && {diagrams: {}}),
      }));
    } finally {
      progress.stop();
    }

    // The category is written into SARIF too: redact an account id in it like everything else (the unredacted
    // snapshot says which ids are accounts).
    const writtenCategory =
      redact && category !== undefined ? redactText(category, createRedactor(redactKey), snapshot) : category;
    for (const problem of anchoring?.problems ?? []) {
      this.logToStderr(
        `Warning: ${terminalSafe(problem.file)}${problem.line ? `:${problem.line}` : ''}: ${terminalSafe(problem.message)} (not used to anchor findings)`,
      );
    }

    const display = tableOptions(flags);
    checkBrokerFilter(report, flags.broker);
    const notes =
      flags.quiet && toStdout && format === 'table'
        ? []
        : await writeReport(flags.output, format, report, {
            category: writtenCategory,
            color: toStdout && format === 'table' && this.useColor(),
            ...(anchoring && {locate: anchoring.locate}),
            ...(diagrams && {diagrams}),
            ...(format === 'table' ? display : {}),
          });
    if (!toStdout) {
      if (!flags.quiet && format !== 'table')
        process.stdout.write(render('table', report, {color: this.useColor(), ...display}));
      this.logToStderr(`Wrote ${format} report to ${flags.output}`);
    }

    for (const note of notes) this.logToStderr(note);
    // An empty estate is said on stderr whatever the format: a JSON or SARIF consumer may never show warnings.
    for (const warning of report.warnings ?? [])
      if (warning.code === NO_BROKERS_WARNING) this.logToStderr(`Warning: ${warning.message}`);
    process.exitCode = report.gate.exitCode;
  }
}

/** Config defaults are absolute; reports show them relative to the working folder when they are inside it. */
function shownPath(file: string | undefined): string | undefined {
  if (file === undefined || !isAbsolute(file)) return file;
  const inside = relative(process.cwd(), file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}
