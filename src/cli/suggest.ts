/**
 * "Did you mean" where oclif rejects what was typed: a command that does not exist, a flag value not among the
 * flag's options. The names come from src/foundation/nearest, like every other suggestion mq-audit makes.
 */
import {didYouMean, listNames, nearest} from '../foundation/nearest';
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

/** oclif's NonExistentFlagsError message: `Nonexistent flags: --fromat, --regoin`. */
const UNKNOWN_FLAGS = /^Nonexistent flags?: (.+)$/;

/**
 * oclif's message for flags the command does not have, with the nearest flag of the command for each:
 * `Nonexistent flag: --fromat; did you mean --format?`. Undefined for any other message.
 */
export function unknownFlagHint(message: string, flagNames: readonly string[]): string | undefined {
  const match = UNKNOWN_FLAGS.exec(message.trim());
  if (!match) return undefined;
  const given = match[1].split(', ');
  const hints = given
    .map((flag) => {
      const close = nearest(flag.replace(/^-+/, '').replace(/=.*$/, ''), flagNames).map((name) => `--${name}`);
      return close.length > 0 ? `${terminalSafe(flag)}: did you mean ${close.join(' or ')}?` : undefined;
    })
    .filter((hint): hint is string => hint !== undefined);
  const head = `Nonexistent flag${given.length === 1 ? '' : 's'}: ${given.map((flag) => terminalSafe(flag)).join(', ')}`;
  if (hints.length === 0) return `${head} (--help lists the flags)`;
  return given.length === 1
    ? `${head}; ${hints[0].slice(hints[0].indexOf('did you mean'))}`
    : `${head}; ${hints.join('; ')}`;
}
