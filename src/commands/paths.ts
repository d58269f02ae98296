import {Args, Flags, type Interfaces} from '@oclif/core';
import {BaseCommand} from '../cli/base-command';
import {
  collectionFlags,
  configFlag,
  endpointNotice,
  formatFromFile,
  liveOptions,
  onPremCidrs,
  onPremFlag,
  redactFlag,
  terminalColumns,
} from '../cli/flags';
import {loadConfig, networkSettings} from '../services/config';
import {InputError} from '../foundation/errors';
import {refuseOutputOverInputs, writeFileAtomic} from '../foundation/output';
import {PATHS_FORMATS, type PathsFormat, type PathsReport, renderPaths} from '../report/paths';
import {createRedactor, REDACT_KEY_ENV, redactDeep, redactionOf} from '../report/redact';
import {escapeCell} from '../report/markdown';
import {renderEstateMarkdown, renderEstateText, runEstatePaths} from '../services/estate-paths';
import {runPaths} from '../services/paths';
import {terminalSafe} from '../foundation/terminal';

export default class Paths extends BaseCommand {
  static override summary =
    'Show every network path from on-premises to one broker, hop by hop, and where a broken one breaks.';

  static override description = `For each on-premises network (--on-prem-cidr, the config file, or else every network the broker subnets route to a VPN or Direct Connect), lists every path to the broker: route table and route, gateway, VPN connection and tunnel state, virtual interface and BGP state, security group rule, network ACL rule; and where and why a broken path breaks. Live from AWS or offline from an inventory file.

Formats: text (default) for people; json for machines (docs/paths.md); mermaid for a flowchart; markdown for a pull-request comment or $GITHUB_STEP_SUMMARY (a verdict table and a fenced mermaid block, which GitHub renders).

Exit codes:
  0  every on-premises network reaches the broker on at least two independent healthy paths
  1  some network is unreachable, or degraded (reachable over a single tunnel or Direct Connect connection)
  2  bad usage or bad input (a flag, an inventory or config file, a broker that is not found or ambiguous)
  3  nothing failed, but some verdict is unknown (data missing), or the network was not collected for the broker's region

1 wins over 3, as in \`scan\`. Internet ingress is shown but does not change the exit code (the mq/no-internet-ingress policy of \`scan\` gates it).`;

  static override examples = [
    {
      description: 'A broker of the demo estate, by name.',
      command: '<%= config.bin %> <%= command.id %> orders-prod --inventory fixtures/demo/inventory.json',
    },
    {
      description: 'Check two data-centre networks live; the ARN gives the region.',
      command:
        '<%= config.bin %> <%= command.id %> arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1a2b… --on-prem-cidr 10.0.0.0/8 --on-prem-cidr 172.16.0.0/12',
    },
    {
      description: 'JSON for machines.',
      command: '<%= config.bin %> <%= command.id %> b-1a2b3c4d-0001-4e5f-8a9b-000000000001 --inventory inv.json --json',
    },
    {
      description: 'A Mermaid flowchart into the GitHub step summary.',
      command:
        '<%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format markdown >> "$GITHUB_STEP_SUMMARY"',
    },
    {
      description: 'A diagram for a public repository: account ids as the same aliases scan --redact uses.',
      command:
        'MQ_AUDIT_REDACT_KEY=*** <%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format markdown --redact',
    },
    {
      description: 'The whole estate at a glance: one line per broker and on-premises network, worst first.',
      command: '<%= config.bin %> <%= command.id %> --inventory inv.json --on-prem-cidr 10.200.0.0/16',
    },
    {
      description: 'Write the diagram to a file.',
      command:
        '<%= config.bin %> <%= command.id %> orders-prod --inventory inv.json --format mermaid --output paths.mmd',
    },
  ];

  static override args = {
    broker: Args.string({
      description:
        'The broker: its name, broker id (b-…) or ARN. Without one: every broker, one line per broker and on-premises network, worst first.',
      required: false,
    }),
  };

  static override flags = {
    inventory: Flags.string({
      char: 'i',
      summary: 'Read this inventory file instead of calling AWS.',
      exclusive: ['region', 'all-regions', 'profile', 'endpoint-url'],
    }),
    ...collectionFlags,
    ...onPremFlag,
    format: Flags.string({
      char: 'f',
      options: [...PATHS_FORMATS],
      summary: 'Output format. Default: from --output (.json, .mmd, .md), else text.',
      helpGroup: 'OUTPUT',
    }),
    json: Flags.boolean({summary: 'Same as --format json.', helpGroup: 'OUTPUT'}),
    output: Flags.string({
      char: 'o',
      summary: 'Write the output to this file (atomically); the text view still goes to stdout unless --quiet.',
      helpGroup: 'OUTPUT',
    }),
    quiet: Flags.boolean({char: 'q', summary: 'With --output, print nothing to stdout.', helpGroup: 'OUTPUT'}),
    ...redactFlag,
    verbose: Flags.boolean({
      char: 'v',
      summary:
        'Text: every hop of every path with its details (by default each hop is shown once, forward and return apart).',
      helpGroup: 'OUTPUT',
    }),
    ...configFlag,
  };

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Paths);
    const redactKey = process.env[REDACT_KEY_ENV] || undefined;
    if (flags.redact) this.redactMessages(createRedactor(redactKey));
    if (flags.json && flags.format && flags.format !== 'json')
      throw new InputError('--json', `conflicts with --format ${flags.format}; give one of them`);
    const config = loadConfig(flags.config);
    const redactor = (flags.redact ?? config.defaults.redact) ? createRedactor(redactKey) : undefined;
    if (redactor) this.redactMessages(redactor);
    refuseOutputOverInputs(flags.output, [
      ['--inventory', flags.inventory],
      ['--config', flags.config ?? config.source],
    ]);
    const cidrs = onPremCidrs(flags['on-prem-cidr'], config);
    if (args.broker === undefined) {
      await this.estate(flags, cidrs, config, redactor);
      return;
    }

    // An ARN says where the broker is: with no --region, look there rather than demand one.
    const arnRegion = /^arn:[^:]+:mq:([^:]+):/.exec(args.broker)?.[1];
    const regions =
      flags.region ?? (arnRegion && !flags['all-regions'] && !config.defaults.region ? [arnRegion] : undefined);
    const source = flags.inventory ? {file: flags.inventory} : {live: liveOptions({...flags, region: regions}, config)};
    const notice = 'live' in source ? endpointNotice(source.live?.endpoint) : undefined;
    if (notice) this.logToStderr(notice);

    const outcome = await runPaths({source, broker: args.broker, onPremCidrs: cidrs, config});
    if (outcome.kind === 'unresolved') {
      this.logToStderr(outcome.message);
      process.exitCode = outcome.exitCode;
      return;
    }

    // Redaction is a pass over the finished report, as in scan: every format sees the same redacted facts.
    const report: PathsReport = redactor
      ? {...redactDeep(outcome.report, redactor), redaction: redactionOf(redactor)}
      : outcome.report;
    const format: PathsFormat = flags.json
      ? 'json'
      : ((flags.format as PathsFormat | undefined) ?? formatFromFile(flags.output, PATHS_FORMATS) ?? 'text');
    const toStdout = !flags.output || flags.output === '-';
    const text = renderPaths(format, report, {
      color: toStdout && format === 'text' && this.useColor(),
      verbose: flags.verbose,
    });
    if (toStdout) {
      process.stdout.write(text);
    } else {
      writeFileAtomic(flags.output!, text);
      if (!flags.quiet && format !== 'text')
        process.stdout.write(renderPaths('text', report, {color: this.useColor(), verbose: flags.verbose}));
      this.logToStderr(`Wrote ${format} paths of ${report.broker.name} to ${flags.output}`);
    }

    process.exitCode = report.exitCode;
  }

  /** No broker: the estate's connectivity, one line per broker and on-premises network (text, json, markdown). */
  private async estate(
    flags: Interfaces.InferredFlags<typeof Paths.flags>,
    cidrs: string[],
    config: ReturnType<typeof loadConfig>,
    redactor?: ReturnType<typeof createRedactor>,
  ): Promise<void> {
    const format: PathsFormat = flags.json
      ? 'json'
      : ((flags.format as PathsFormat | undefined) ?? formatFromFile(flags.output, PATHS_FORMATS) ?? 'text');
    if (format === 'mermaid')
      throw new InputError(
        '--format',
        "mermaid draws one broker's paths: give a broker (or use text, json or markdown for the estate)",
      );
    const source = flags.inventory ? {file: flags.inventory} : {live: liveOptions(flags, config)};
    const notice = 'live' in source ? endpointNotice(source.live?.endpoint) : undefined;
    if (notice) this.logToStderr(notice);
    const estate = await runEstatePaths({
      source,
      onPremCidrs: cidrs,
      network: networkSettings(config),
    });
    // Redacted like one broker's paths: every format of the estate view sees the same aliases.
    const report = redactor ? redactDeep(estate, redactor) : estate;
    const columns = terminalColumns() ?? 100;
    const render = (f: PathsFormat) =>
      f === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : f === 'markdown'
          ? renderEstateMarkdown(report, (text) => escapeCell(text, 4000))
          : terminalSafe(renderEstateText(report, columns), {newlines: true});
    const toStdout = !flags.output || flags.output === '-';
    if (toStdout) {
      process.stdout.write(render(format));
    } else {
      writeFileAtomic(flags.output!, render(format));
      if (!flags.quiet && format !== 'text') process.stdout.write(render('text'));
      this.logToStderr(
        `Wrote ${format} connectivity of ${report.rows.length} broker/network pair(s) to ${flags.output}`,
      );
    }

    process.exitCode = report.exitCode;
  }
}
