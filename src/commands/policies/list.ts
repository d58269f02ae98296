import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command';
import {type PolicyListing, listPolicies} from '../../services/policies';

export default class PoliciesList extends BaseCommand {
  static override summary = 'List the policies a scan evaluates: id, severity, title and source file.';

  static override enableJsonFlag = true;

  static override examples = [
    {description: 'The built-in policies.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Built-in plus your own, as JSON.', command: '<%= config.bin %> <%= command.id %> --policies ./our-policies --json'},
  ];

  static override flags = {
    policies: Flags.string({multiple: true, summary: 'Also list custom policy files or folders (repeatable).'}),
  };

  public async run(): Promise<PolicyListing[]> {
    const {flags} = await this.parse(PoliciesList);
    const policies = listPolicies(flags.policies ?? []);
    if (!this.jsonEnabled()) {
      const rows = policies.map((p) => [p.id, p.severity, p.title, p.source]);
      const header = ['ID', 'SEVERITY', 'TITLE', 'SOURCE'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      for (const row of [header, ...rows]) this.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
    }

    return policies;
  }
}
