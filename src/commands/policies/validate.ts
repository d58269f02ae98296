import {Args} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command';
import {EXIT} from '../../policy/types';
import {type ValidationResult, validatePolicyFiles} from '../../services/policies';
import {terminalSafe} from '../../foundation/terminal';

export default class PoliciesValidate extends BaseCommand {
  static override summary =
    'Check custom policy files: format, id, parameters, that their assertions compile, and lint them against the broker document.';

  static override description =
    'Each problem is reported with its file and the JSON pointer (or line and column) of the place. Lint: every property path the policy reads (appliesTo, assert, requires, {{…}} placeholders) must exist in the broker document (schemas/broker-document.schema.json), with the nearest names when not; const/enum values that can never match, an assert that can never fail and an appliesTo that can never match are errors too. Exit 0 when every file is valid, 2 otherwise.';

  static override enableJsonFlag = true;

  static override strict = false;

  static override args = {
    path: Args.string({description: 'Policy files or folders to check.', required: true}),
  };

  static override examples = [
    {
      description: 'Check one file.',
      command: '<%= config.bin %> <%= command.id %> our-policies/mq/dead-letter-queue.json',
    },
    {
      description: 'Check a folder (ids must equal paths below it).',
      command: '<%= config.bin %> <%= command.id %> our-policies',
    },
  ];

  public async run(): Promise<ValidationResult[]> {
    const {argv} = await this.parse(PoliciesValidate);
    const results = validatePolicyFiles(argv as string[]);
    const invalid = results.filter((r) => r.problems.length > 0);
    if (!this.jsonEnabled()) {
      for (const result of results) {
        if (result.problems.length === 0) {
          this.log(`ok    ${terminalSafe(result.file)} (${terminalSafe(result.id ?? '')})`);
          continue;
        }

        for (const problem of result.problems)
          this.log(
            `error ${terminalSafe(result.file)}${problem.place ? ` at ${terminalSafe(problem.place)}` : ''}: ${problem.problem}`,
          );
      }

      this.log(
        invalid.length === 0
          ? `${results.length} policy file(s) valid.`
          : `${invalid.length} of ${results.length} policy file(s) invalid.`,
      );
    }

    process.exitCode = invalid.length > 0 ? EXIT.badInput : EXIT.ok;
    return results;
  }
}
