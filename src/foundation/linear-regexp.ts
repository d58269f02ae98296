/**
 * Regular expressions from policy files (JSON Schema `pattern` and `patternProperties`) run on tag values and
 * names from the estate. JavaScript's engine backtracks: `^(a+)+$` against forty `a`s and a `!` runs for minutes,
 * and a custom policy comes from the repository. ajv compiles them with this engine instead (its `code.regExp`
 * option): re2js, a pure JavaScript port of RE2, which matches in time linear in the input whatever the pattern
 * (no native build; MIT; no dependencies). RE2 has no lookaround and no backreferences: such a pattern fails to
 * compile, and `policies validate` says why (exit 2).
 */
import {RE2JS} from 're2js';

export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/** ajv's RegExpEngine: `(pattern, flags) => {test}`; ajv passes the flag `u`, which RE2 is always. */
export const linearRegExp = Object.assign(compileLinear, {
  // What standalone code would import; mq-audit's build-time validators keep JavaScript's RegExp (trusted schemas).
  code: 'require("re2js").RE2JS.compile',
});

function compileLinear(pattern: string, _flags?: string): LinearRegExp {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    throw new Error(
      `pattern ${JSON.stringify(pattern)} is not supported: mq-audit runs policy patterns with a linear-time engine (RE2 syntax: no lookahead, lookbehind or backreferences) (${(error as Error).message})`,
      {cause: error},
    );
  }

  // ajv keys its compiled patterns by toString(): an object's default would make every pattern the first one.
  return {test: (text) => compiled.test(text), toString: () => `re2:/${pattern}/`};
}
