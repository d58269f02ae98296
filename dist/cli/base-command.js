"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BaseCommand = void 0;
/**
 * What every mq-audit command shares: turning domain errors into a clear message and exit code 2 (never a
 * stack trace), the terminal decisions (colour, default format), and a bound on how far the heap grows (./heap).
 */
const core_1 = require("@oclif/core");
const errors_1 = require("../errors");
const types_1 = require("../policy/types");
const heap_1 = require("./heap");
class BaseCommand extends core_1.Command {
    async init() {
        (0, heap_1.boundHeapGrowth)();
        await super.init();
    }
    async catch(error) {
        if ((0, errors_1.isInputErrors)(error)) {
            const problems = error.errors.map((e) => e.message);
            return this.failWith(problems.length === 1 ? problems[0] : `${problems.length} problems in the input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        }
        if ((0, errors_1.isInputError)(error))
            return this.failWith(error.message);
        // this.exit() passes through; oclif's own errors (bad flags, missing args) keep their message, unwrapped.
        if (error instanceof core_1.Errors.ExitError)
            return super.catch(error);
        if (error instanceof core_1.Errors.CLIError || error.oclif?.exit !== undefined)
            return this.failWith(error.message.replace(/\s+See more help with --help$/, ''));
        if (process.env.DEBUG)
            this.logToStderr(error.stack ?? String(error));
        return this.failWith(`internal error: ${error.message} (this is a bug in mq-audit; run with DEBUG=mq-audit for details)`);
    }
    /**
     * Prints the message as is (oclif's error() re-wraps it to the terminal width behind " ›   ", which breaks
     * file paths and JSON pointers that people copy) and exits 2.
     */
    failWith(message) {
        process.stderr.write(`Error: ${message}\n`);
        return this.exit(types_1.EXIT.badInput);
    }
    /** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
    useColor(stream = process.stdout) {
        if (process.env.NO_COLOR)
            return false;
        if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
            return true;
        return Boolean(stream.isTTY);
    }
}
exports.BaseCommand = BaseCommand;
