"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BaseCommand = void 0;
/**
 * What every mq-audit command shares: turning domain errors into a clear message and exit code 2 (never a
 * stack trace), the terminal decisions (colour, default format), and a bound on how far the heap grows (./heap).
 */
const node_util_1 = require("node:util");
const core_1 = require("@oclif/core");
const errors_1 = require("../foundation/errors");
const terminal_1 = require("../foundation/terminal");
const types_1 = require("../policy/types");
const redact_1 = require("../report/redact");
const color_1 = require("./color");
const heap_1 = require("./heap");
const suggest_1 = require("./suggest");
/** Escaped for a terminal, line feeds kept. */
function safe(text) {
    return (0, terminal_1.terminalSafe)(text, { newlines: true });
}
/**
 * `file at place: problem`: the file name and the place stay on one line whatever they hold (a line feed in a
 * file name must not start a line that looks like mq-audit's); the problem may span lines mq-audit wrote.
 */
function inputErrorText(error) {
    const place = error.place ? ` at ${(0, terminal_1.terminalSafe)(error.place)}` : '';
    return `${(0, terminal_1.terminalSafe)(error.source)}${place}: ${safe(error.problem)}`;
}
class BaseCommand extends core_1.Command {
    messageRedactor;
    /**
     * `--redact` (or the config's `defaults.redact`): from now on, account ids in every line printed — errors,
     * warnings, notes, including the file names and values the user gave — are replaced with their aliases.
     */
    redactMessages(redactor) {
        this.messageRedactor = redactor;
    }
    redacted(text) {
        return this.messageRedactor ? (0, redact_1.redactMessage)(text, this.messageRedactor) : text;
    }
    async init() {
        (0, heap_1.boundHeapGrowth)();
        await super.init();
    }
    async catch(error) {
        if ((0, errors_1.isInputErrors)(error)) {
            const problems = error.errors.map((e) => inputErrorText(e));
            return this.failWith(problems.length === 1
                ? problems[0]
                : `${problems.length} problems in the input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        }
        if ((0, errors_1.isInputError)(error))
            return this.failWith(inputErrorText(error));
        // this.exit() passes through; oclif's own errors (bad flags, missing args) keep their message, unwrapped.
        if (error instanceof core_1.Errors.ExitError)
            return super.catch(error);
        if (error instanceof core_1.Errors.CLIError || error.oclif?.exit !== undefined) {
            const message = error.message.replace(/\s+See more help with --help$/, '');
            const flagNames = Object.keys(this.constructor.flags ?? {});
            return this.failWith(safe((0, suggest_1.flagValueHint)(message) ?? (0, suggest_1.unknownFlagHint)(message, flagNames) ?? message));
        }
        if (process.env.DEBUG)
            this.logToStderr(error.stack ?? String(error));
        return this.failWith(`internal error: ${safe(error.message)} (this is a bug in mq-audit; run with DEBUG=mq-audit for details)`);
    }
    /**
     * Prints the message as is (oclif's error() re-wraps it to the terminal width behind " ›   ", which breaks
     * file paths and JSON pointers that people copy) and exits 2. The parts of `message` that quote input are
     * escaped already; this escapes whatever else is left but the line feeds.
     */
    failWith(message) {
        process.stderr.write(`Error: ${this.redacted(safe(message))}\n`);
        return this.exit(types_1.EXIT.badInput);
    }
    /**
     * Every line a command prints goes through here or `logToStderr`: control characters in what it quotes
     * (broker names, file names, tag values) are shown escaped (src/foundation/terminal.ts). Line feeds stay, for the
     * messages mq-audit writes on several lines; a value that must stay on its line is escaped with
     * `terminalSafe` where it is quoted.
     */
    log(message = '', ...args) {
        super.log(this.redacted(safe(args.length > 0 ? (0, node_util_1.format)(message, ...args) : message)));
    }
    logToStderr(message = '', ...args) {
        super.logToStderr(this.redacted(safe(args.length > 0 ? (0, node_util_1.format)(message, ...args) : message)));
    }
    /** Colour for `stream` (stdout by default): NO_COLOR, FORCE_COLOR, else whether it is a terminal (./color). */
    useColor(stream = process.stdout) {
        return (0, color_1.colorEnabled)(stream);
    }
}
exports.BaseCommand = BaseCommand;
