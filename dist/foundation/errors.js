"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InputErrors = exports.InputError = void 0;
exports.isInputError = isInputError;
exports.isInputErrors = isInputErrors;
/**
 * Errors the user can act on. Domain code throws these; commands turn them into a one-paragraph message and
 * exit code 2, never a stack trace. Anything else reaching a command is a bug and is reported as such.
 */
class InputError extends Error {
    source;
    problem;
    place;
    name = 'InputError';
    /** Brand checked instead of instanceof, which jest module registries can break. */
    isInputError = true;
    constructor(
    /** The file (or flag, e.g. `--fail-on`) the problem is in. */
    source, 
    /** What is wrong, phrased as found vs expected where possible. */
    problem, 
    /** JSON pointer (or line:column) of the place in the file, when there is one. */
    place) {
        super(`${source}${place ? ` at ${place}` : ''}: ${problem}`);
        this.source = source;
        this.problem = problem;
        this.place = place;
    }
}
exports.InputError = InputError;
function isInputError(error) {
    return typeof error === 'object' && error !== null && error.isInputError === true;
}
/** Several input problems at once (e.g. every bad policy file), so users fix them in one pass. */
class InputErrors extends Error {
    errors;
    name = 'InputErrors';
    isInputErrors = true;
    constructor(errors) {
        super(errors.map((e) => e.message).join('\n'));
        this.errors = errors;
    }
}
exports.InputErrors = InputErrors;
function isInputErrors(error) {
    return typeof error === 'object' && error !== null && error.isInputErrors === true;
}
