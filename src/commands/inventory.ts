import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command';
import {collectionFlags, configFlag, endpointNotice, liveOptions, progressFlag} from '../cli/flags';
import {shouldShowProgress, startProgress} from '../cli/progress';
import {loadConfig} from '../services/config';
import {writeFileAtomic} from '../foundation/output';
import {EXIT} from '../policy/types';
import {collectLive} from '../services/inventory';
import type {Snapshot} from '../snapshot/types';
import {jsonTerminalSafe, terminalSafe} from '../foundation/terminal';

const MAX_ERROR_LINES = 20;

export default class Inventory extends BaseCommand {
  static override summary =
    'Collect an inventory snapshot of Amazon MQ brokers (read-only AWS calls) into a JSON file.';

  static override description = `Reads brokers with ListBrokers and DescribeBroker (only Describe/List/Get calls, plus sts:AssumeRole with --role-arn or --organization) and writes a versioned snapshot (schemas/inventory.schema.json) that \`scan --inventory\` evaluates offline. Every failed call (access denied, throttled past retries, timeout) is recorded in the snapshot's "errors", never dropped.

Exit codes: 0 collected everything; 2 bad usage; 3 collected with errors (the file is still written and says what is missing).`;

  static override examples = [
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
      command:
        '<%= config.bin %> <%= command.id %> --region us-east-1 --endpoint-url http://localhost:4566 --output inventory.json',
    },
  ];

  static override flags = {
    ...collectionFlags,
    output: Flags.string({
      char: 'o',
      required: true,
      summary: 'File to write the snapshot to (written atomically); "-" for stdout.',
    }),
    ...progressFlag,
    ...configFlag,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Inventory);
    const config = loadConfig(flags.config);
    const live = liveOptions(flags, config);
    const notice = endpointNotice(live.endpoint);
    if (notice) this.logToStderr(notice);
    const progress = startProgress({
      enabled: shouldShowProgress({
        flag: flags.progress,
        stderrIsTTY: Boolean(process.stderr.isTTY),
        env: process.env,
        jsonOutput: flags.output === '-',
      }),
    });
    let snapshot: Snapshot;
    try {
      snapshot = await collectLive({...live, onProgress: progress.onProgress});
    } finally {
      progress.stop();
    }
    const text = `${jsonTerminalSafe(JSON.stringify(snapshot, null, 2))}\n`;
    if (flags.output === '-') process.stdout.write(text);
    else writeFileAtomic(flags.output, text);
    const brokers = snapshot.accounts.flatMap((a) => a.regions).reduce((n, r) => n + (r.brokers?.length ?? 0), 0);
    const regions = snapshot.accounts.flatMap((a) => a.regions).filter((r) => r.mqOffered).length;
    const accounts = snapshot.accounts.length === 1 ? '' : ` of ${snapshot.accounts.length} account(s)`;
    this.logToStderr(
      `Inventoried ${brokers} broker(s) in ${regions} region(s)${accounts}${flags.output === '-' ? '' : ` into ${flags.output}`}.`,
    );
    for (const skipped of snapshot.collection.accountSelection?.skipped ?? []) {
      this.logToStderr(
        `  skipped account ${skipped.accountId}${skipped.name ? ` (${terminalSafe(skipped.name)})` : ''}: ${skipped.reason === 'excluded' ? '--exclude-account' : `state ${skipped.state ?? 'not active'}`}`,
      );
    }
    // A deadline can cut thousands of calls; the file lists them all, the terminal the first few.
    for (const error of snapshot.errors.slice(0, MAX_ERROR_LINES)) {
      const where = [error.accountId, error.region].filter(Boolean).join(' ');
      this.logToStderr(
        `  could not read: ${error.service} ${error.operation}${where ? ` in ${where}` : ''}${error.resource ? ` (${terminalSafe(error.resource)})` : ''}: ${terminalSafe(error.code)}`,
      );
    }
    if (snapshot.errors.length > MAX_ERROR_LINES)
      this.logToStderr(`  … and ${snapshot.errors.length - MAX_ERROR_LINES} more (see "errors" in the snapshot)`);

    process.exitCode = snapshot.errors.length > 0 ? EXIT.incomplete : EXIT.ok;
  }
}
