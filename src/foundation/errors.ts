/**
 * Errors the user can act on. Domain code throws these; commands turn them into a one-paragraph message and
 * exit code 2, never a stack trace. Anything else reaching a command is a bug and is reported as such.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** Brand checked instead of instanceof, which jest module registries can break. */
  readonly isInputError = true;

  constructor(
    /** The file (or flag, e.g. `--fail-on`) the problem is in. */
    readonly source: string,
    /** What is wrong, phrased as found vs expected where possible. */
    readonly problem: string,
    /** JSON pointer (or line:column) of the place in the file, when there is one. */
    readonly place?: string,
  ) {
    super(`${source}${place ? ` at ${place}` : ''}: ${problem}`);
  }
}

export function isInputError(error: unknown): error is InputError {
  return typeof error === 'object' && error !== null && (error as InputError).isInputError === true;
}

/** Several input problems at once (e.g. every bad policy file), so users fix them in one pass. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  readonly isInputErrors = true;

  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

export function isInputErrors(error: unknown): error is InputErrors {
  return typeof error === 'object' && error !== null && (error as InputErrors).isInputErrors === true;
}
