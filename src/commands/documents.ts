import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command';
import {configFlag, onPremCidrs, onPremFlag} from '../cli/flags';
import {loadConfig} from '../services/config';
import {InputError} from '../foundation/errors';
import {brokerDocuments} from '../policy/evaluate';
import {evaluationOptions} from '../services/evaluation';
import {readSnapshot} from '../snapshot/read';
import {SCHEMAS} from '../foundation/package-paths';
import {jsonTerminalSafe} from '../foundation/terminal';

export default class Documents extends BaseCommand {
  static override summary = 'Print the broker documents policies assert on (for writing and debugging policies).';

  static override description =
    'One JSON document per broker of an inventory: the broker, flattened, plus derived facts. See docs/broker-document.md; --schema prints its JSON Schema.';

  static override examples = [
    {
      description: 'Every broker of the demo estate.',
      command: '<%= config.bin %> <%= command.id %> --inventory fixtures/demo/inventory.json',
    },
    {
      description: 'One broker, by name, id or ARN.',
      command: '<%= config.bin %> <%= command.id %> --inventory inventory.json --broker orders-prod',
    },
    {
      description:
        'The JSON Schema of the broker document: every property a policy can assert on, with its type, values and meaning.',
      command: '<%= config.bin %> <%= command.id %> --schema',
    },
  ];

  static override flags = {
    inventory: Flags.string({
      char: 'i',
      summary: 'Inventory file written by `mq-audit inventory`.',
      exactlyOne: ['inventory', 'schema'],
    }),
    schema: Flags.boolean({
      summary: 'Print the JSON Schema of the broker document (schemas/broker-document.schema.json) instead.',
      exactlyOne: ['inventory', 'schema'],
    }),
    broker: Flags.string({char: 'b', summary: 'Only this broker (name, id or ARN).'}),
    ...configFlag,
    ...onPremFlag,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Documents);
    if (flags.schema) {
      process.stdout.write(readFileSync(join(SCHEMAS, 'broker-document.schema.json'), 'utf8'));
      return;
    }

    const config = loadConfig(flags.config);
    const snapshot = readSnapshot(flags.inventory!);
    const documents = brokerDocuments(
      snapshot,
      evaluationOptions(snapshot, config, {onPremCidrs: onPremCidrs(flags['on-prem-cidr'], config)}),
    );
    const selected = flags.broker ? documents.filter((d) => [d.name, d.id, d.arn].includes(flags.broker!)) : documents;
    if (flags.broker && selected.length === 0) {
      throw new InputError(
        '--broker',
        `no broker named "${flags.broker}" in ${flags.inventory}; brokers: ${documents.map((d) => d.name).join(', ')}`,
      );
    }

    process.stdout.write(`${jsonTerminalSafe(JSON.stringify(selected, null, 2))}\n`);
  }
}
