/**
 * "Did you mean" where oclif rejects what was typed: a command that does not exist, a flag value not among the
 * flag's options. The names come from src/foundation/nearest, like every other suggestion mq-audit makes.
 */
import {didYouMean, listNames} from '../foundation/nearest';
import {terminalSafe} from '../foundation/terminal';

/** oclif's FlagInvalidOptionError message: `Expected --format=tabel to be one of: table, json, sarif`. */
const INVALID_OPTION = /^Expected --([\w-]+)=([\s\S]*) to be one of: (.*)$/;

/**
 * oclif's message for a flag value that is not one of the flag's options, said as mq-audit says bad input —
 * `--format: "tabel" is not one of table, json, …; did you mean "table"?` — or undefined for any other message.
 */
export function flagValueHint(message: string): string | undefined {
  const match = INVALID_OPTION.exec(message.trim());
  if (!match) return undefined;
  const [, flag, given, list] = match;
  const options = list.split(', ');
  const hint = didYouMean(given, options);
  return `--${flag}: "${terminalSafe(given)}" is not one of ${options.join(', ')}${hint ? `; ${hint}` : ''}`;
}

/** `"scna" is not a mq-audit command; did you mean "scan"? Commands: …`. Ids with spaces (`policies list`). */
export function commandNotFoundMessage(given: string, bin: string, commands: readonly string[]): string {
  const shown = terminalSafe(given);
  const sorted = [...commands].sort();
  const hint = didYouMean(given, sorted);
  return `"${shown}" is not a ${bin} command; ${hint ? `${hint} ` : ''}Commands: ${listNames(sorted, 20)} (${bin} --help lists them)`;
}
