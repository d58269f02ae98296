/**
 * What every mq-audit command shares: turning domain errors into a clear message and exit code 2 (never a
 * stack trace), the terminal decisions (colour, default format), and a bound on how far the heap grows (./heap).
 */
import {format} from 'node:util';
import {Command, Errors} from '@oclif/core';
import {type InputError, isInputError, isInputErrors} from '../foundation/errors';
import {terminalSafe} from '../foundation/terminal';
import {EXIT} from '../policy/types';
import {type Redactor, redactMessage} from '../report/redact';
import {colorEnabled} from './color';
import {boundHeapGrowth} from './heap';
import {flagValueHint, unknownFlagHint} from './suggest';

/** Escaped for a terminal, line feeds kept. */
function safe(text: string): string {
  return terminalSafe(text, {newlines: true});
}

/**
 * `file at place: problem`: the file name and the place stay on one line whatever they hold (a line feed in a
 * file name must not start a line that looks like mq-audit's); the problem may span lines mq-audit wrote.
 */
function inputErrorText(error: InputError): string {
  const place = error.place ? ` at ${terminalSafe(error.place)}` : '';
  return `${terminalSafe(error.source)}${place}: ${safe(error.problem)}`;
}

export abstract class BaseCommand extends Command {
  private messageRedactor?: Redactor;

  /**
   * `--redact` (or the config's `defaults.redact`): from now on, account ids in every line printed — errors,
   * warnings, notes, including the file names and values the user gave — are replaced with their aliases.
   */
  protected redactMessages(redactor: Redactor): void {
    this.messageRedactor = redactor;
  }

  private redacted(text: string): string {
    return this.messageRedactor ? redactMessage(text, this.messageRedactor) : text;
  }

  public override async init(): Promise<void> {
    boundHeapGrowth();
    await super.init();
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (isInputErrors(error)) {
      const problems = error.errors.map((e) => inputErrorText(e));
      return this.failWith(
        problems.length === 1
          ? problems[0]
          : `${problems.length} problems in the input:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );
    }

    if (isInputError(error)) return this.failWith(inputErrorText(error));
    // this.exit() passes through; oclif's own errors (bad flags, missing args) keep their message, unwrapped.
    if (error instanceof Errors.ExitError) return super.catch(error);
    if (error instanceof Errors.CLIError || error.oclif?.exit !== undefined) {
      const message = error.message.replace(/\s+See more help with --help$/, '');
      const flagNames = Object.keys((this.constructor as typeof BaseCommand).flags ?? {});
      return this.failWith(safe(flagValueHint(message) ?? unknownFlagHint(message, flagNames) ?? message));
    }
    if (process.env.DEBUG) this.logToStderr(error.stack ?? String(error));
    return this.failWith(
      `internal error: ${safe(error.message)} (this is a bug in mq-audit; run with DEBUG=mq-audit for details)`,
    );
  }

  /**
   * Prints the message as is (oclif's error() re-wraps it to the terminal width behind " ›   ", which breaks
   * file paths and JSON pointers that people copy) and exits 2. The parts of `message` that quote input are
   * escaped already; this escapes whatever else is left but the line feeds.
   */
  private failWith(message: string): never {
    process.stderr.write(`Error: ${this.redacted(safe(message))}\n`);
    return this.exit(EXIT.badInput);
  }

  /**
   * Every line a command prints goes through here or `logToStderr`: control characters in what it quotes
   * (broker names, file names, tag values) are shown escaped (src/foundation/terminal.ts). Line feeds stay, for the
   * messages mq-audit writes on several lines; a value that must stay on its line is escaped with
   * `terminalSafe` where it is quoted.
   */
  public override log(message = '', ...args: unknown[]): void {
    super.log(this.redacted(safe(args.length > 0 ? format(message, ...args) : message)));
  }

  public override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(this.redacted(safe(args.length > 0 ? format(message, ...args) : message)));
  }

  /** Colour for `stream` (stdout by default): NO_COLOR, FORCE_COLOR, else whether it is a terminal (./color). */
  protected useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
    return colorEnabled(stream);
  }
}
