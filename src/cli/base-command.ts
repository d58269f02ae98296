/**
 * What every mq-audit command shares: turning domain errors into a clear message and exit code 2 (never a
 * stack trace), the terminal decisions (colour, default format), and a bound on how far the heap grows (./heap).
 */
import {Command, Errors} from '@oclif/core';
import {isInputError, isInputErrors} from '../errors';
import {EXIT} from '../policy/types';
import {boundHeapGrowth} from './heap';

export abstract class BaseCommand extends Command {
  public override async init(): Promise<void> {
    boundHeapGrowth();
    await super.init();
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (isInputErrors(error)) {
      const problems = error.errors.map((e) => e.message);
      return this.failWith(problems.length === 1 ? problems[0] : `${problems.length} problems in the input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }

    if (isInputError(error)) return this.failWith(error.message);
    // this.exit() passes through; oclif's own errors (bad flags, missing args) keep their message, unwrapped.
    if (error instanceof Errors.ExitError) return super.catch(error);
    if (error instanceof Errors.CLIError || error.oclif?.exit !== undefined) return this.failWith(error.message.replace(/\s+See more help with --help$/, ''));
    if (process.env.DEBUG) this.logToStderr(error.stack ?? String(error));
    return this.failWith(`internal error: ${error.message} (this is a bug in mq-audit; run with DEBUG=mq-audit for details)`);
  }

  /**
   * Prints the message as is (oclif's error() re-wraps it to the terminal width behind " ›   ", which breaks
   * file paths and JSON pointers that people copy) and exits 2.
   */
  private failWith(message: string): never {
    process.stderr.write(`Error: ${message}\n`);
    return this.exit(EXIT.badInput);
  }

  /** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
  protected useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
    if (process.env.NO_COLOR) return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
    return Boolean(stream.isTTY);
  }
}
