import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command';
import {collectionFlags, configFlag, liveOptions} from '../cli/flags';
import {loadConfig} from '../config';
import {writeFileAtomic} from '../output';
import {EXIT} from '../policy/types';
import {collectLive} from '../services/inventory';

export default class Inventory extends BaseCommand {
  static override summary = 'Collect an inventory snapshot of Amazon MQ brokers (read-only AWS calls) into a JSON file.';

  static override description = `Reads brokers with ListBrokers and DescribeBroker (only Describe/List/Get calls, ever) and writes a versioned snapshot (schemas/inventory.schema.json) that \`scan --inventory\` evaluates offline. Every failed call (access denied, throttled past retries, timeout) is recorded in the snapshot's "errors", never dropped.

Exit codes: 0 collected everything; 2 bad usage; 3 collected with errors (the file is still written and says what is missing).`;

  static override examples = [
    {description: 'One region, default credentials.', command: '<%= config.bin %> <%= command.id %> --region eu-west-1 --output inventory.json'},
    {description: 'Every enabled region with a named profile.', command: '<%= config.bin %> <%= command.id %> --all-regions --profile audit --output inventory.json'},
    {description: 'Against LocalStack.', command: '<%= config.bin %> <%= command.id %> --region us-east-1 --endpoint-url http://localhost:4566 --output inventory.json'},
  ];

  static override flags = {
    ...collectionFlags,
    output: Flags.string({char: 'o', required: true, summary: 'File to write the snapshot to (written atomically); "-" for stdout.'}),
    ...configFlag,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Inventory);
    const config = loadConfig(flags.config);
    const snapshot = await collectLive(liveOptions(flags, config));
    const text = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (flags.output === '-') process.stdout.write(text);
    else writeFileAtomic(flags.output, text);
    const brokers = snapshot.accounts.flatMap((a) => a.regions).reduce((n, r) => n + (r.brokers?.length ?? 0), 0);
    const regions = snapshot.accounts.flatMap((a) => a.regions).filter((r) => r.mqOffered).length;
    this.logToStderr(`Inventoried ${brokers} broker(s) in ${regions} region(s)${flags.output === '-' ? '' : ` into ${flags.output}`}.`);
    for (const error of snapshot.errors) {
      this.logToStderr(`  could not read: ${error.service} ${error.operation}${error.region ? ` in ${error.region}` : ''}${error.resource ? ` (${error.resource})` : ''}: ${error.code}`);
    }

    process.exitCode = snapshot.errors.length > 0 ? EXIT.incomplete : EXIT.ok;
  }
}
