/**
 * What every mq-audit command shares: turning domain errors into a clear message and exit code 2 (never a
 * stack trace), and the terminal decisions (colour, default format).
 */
import {Command, Errors} from '@oclif/core';
import {isInputError, isInputErrors} from '../errors';
import {EXIT} from '../policy/types';

export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (isInputErrors(error)) {
      const lines = error.errors.map((e) => `  - ${e.message}`);
      return this.error(`${error.errors.length} problem(s) in the input:\n${lines.join('\n')}`, {exit: EXIT.badInput});
    }

    if (isInputError(error)) return this.error(error.message, {exit: EXIT.badInput});
    // oclif's own errors (bad flags, missing args, exit()) already carry a message and an exit code.
    if (error instanceof Errors.CLIError || error.oclif?.exit !== undefined) return super.catch(error);
    if (process.env.DEBUG) this.logToStderr(error.stack ?? String(error));
    return this.error(`internal error: ${error.message} (this is a bug in mq-audit; run with DEBUG=mq-audit for details)`, {exit: EXIT.badInput});
  }

  /** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
  protected useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
    if (process.env.NO_COLOR) return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
    return Boolean(stream.isTTY);
  }
}
