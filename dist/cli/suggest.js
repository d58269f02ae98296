"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flagValueHint = flagValueHint;
exports.commandNotFoundMessage = commandNotFoundMessage;
exports.unknownFlagHint = unknownFlagHint;
/**
 * "Did you mean" where oclif rejects what was typed: a command that does not exist, a flag value not among the
 * flag's options. The names come from src/foundation/nearest, like every other suggestion mq-audit makes.
 */
const nearest_1 = require("../foundation/nearest");
const terminal_1 = require("../foundation/terminal");
/** oclif's FlagInvalidOptionError message: `Expected --format=tabel to be one of: table, json, sarif`. */
const INVALID_OPTION = /^Expected --([\w-]+)=([\s\S]*) to be one of: (.*)$/;
/**
 * oclif's message for a flag value that is not one of the flag's options, said as mq-audit says bad input —
 * `--format: "tabel" is not one of table, json, …; did you mean "table"?` — or undefined for any other message.
 */
function flagValueHint(message) {
    const match = INVALID_OPTION.exec(message.trim());
    if (!match)
        return undefined;
    const [, flag, given, list] = match;
    const options = list.split(', ');
    const hint = (0, nearest_1.didYouMean)(given, options);
    return `--${flag}: "${(0, terminal_1.terminalSafe)(given)}" is not one of ${options.join(', ')}${hint ? `; ${hint}` : ''}`;
}
/** `"scna" is not a mq-audit command; did you mean "scan"? Commands: …`. Ids with spaces (`policies list`). */
function commandNotFoundMessage(given, bin, commands) {
    const shown = (0, terminal_1.terminalSafe)(given);
    const sorted = [...commands].sort();
    const hint = (0, nearest_1.didYouMean)(given, sorted);
    return `"${shown}" is not a ${bin} command; ${hint ? `${hint} ` : ''}Commands: ${(0, nearest_1.listNames)(sorted, 20)} (${bin} --help lists them)`;
}
/** oclif's NonExistentFlagsError message: `Nonexistent flags: --fromat, --regoin`. */
const UNKNOWN_FLAGS = /^Nonexistent flags?: (.+)$/;
/**
 * oclif's message for flags the command does not have, with the nearest flag of the command for each:
 * `Nonexistent flag: --fromat; did you mean --format?`. Undefined for any other message.
 */
function unknownFlagHint(message, flagNames) {
    const match = UNKNOWN_FLAGS.exec(message.trim());
    if (!match)
        return undefined;
    const given = match[1].split(', ');
    const hints = given
        .map((flag) => {
        const close = (0, nearest_1.nearest)(flag.replace(/^-+/, '').replace(/=.*$/, ''), flagNames).map((name) => `--${name}`);
        return close.length > 0 ? `${(0, terminal_1.terminalSafe)(flag)}: did you mean ${close.join(' or ')}?` : undefined;
    })
        .filter((hint) => hint !== undefined);
    const head = `Nonexistent flag${given.length === 1 ? '' : 's'}: ${given.map((flag) => (0, terminal_1.terminalSafe)(flag)).join(', ')}`;
    if (hints.length === 0)
        return `${head} (--help lists the flags)`;
    return given.length === 1
        ? `${head}; ${hints[0].slice(hints[0].indexOf('did you mean'))}`
        : `${head}; ${hints.join('; ')}`;
}
