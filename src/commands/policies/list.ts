import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command';
import {type PolicyListing, listPolicies, policyCatalogue} from '../../services/policies';
import {terminalSafe} from '../../foundation/terminal';

export default class PoliciesList extends BaseCommand {
  static override summary = 'List the policies a scan evaluates: id, severity, title and source file.';

  static override enableJsonFlag = true;

  static override examples = [
    {description: 'The built-in policies.', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Built-in plus your own, as JSON.',
      command: '<%= config.bin %> <%= command.id %> --policies ./our-policies --json',
    },
    {
      description:
        'A Markdown table of the policies and the AWS controls and Prowler, Checkov and Trivy checks they cover.',
      command: '<%= config.bin %> <%= command.id %> --markdown',
    },
  ];

  static override flags = {
    policies: Flags.string({multiple: true, summary: 'Also list custom policy files or folders (repeatable).'}),
    markdown: Flags.boolean({
      summary:
        'Print a Markdown table mapping each policy to AWS Config rules, Security Hub controls and Prowler, Checkov and Trivy checks.',
      exclusive: ['json'],
    }),
  };

  public async run(): Promise<PolicyListing[]> {
    const {flags} = await this.parse(PoliciesList);
    const policies = listPolicies(flags.policies ?? []);
    if (flags.markdown) {
      process.stdout.write(policyCatalogue(flags.policies ?? []));
      return policies;
    }

    if (!this.jsonEnabled()) {
      // Ids, titles and file names come from policy files a pull request may have written: escaped before measured.
      const rows = policies.map((p) => [p.id, p.severity, p.title, p.source].map((cell) => terminalSafe(cell)));
      const header = ['ID', 'SEVERITY', 'TITLE', 'SOURCE'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      for (const row of [header, ...rows])
        this.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
    }

    return policies;
  }
}
