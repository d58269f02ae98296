// Prettier formats the code (npm run format); ESLint judges it (eslint.config.mjs). The settings keep the style the
// code was written in: single quotes, `{x}` without inner spaces, trailing commas, semicolons.
//
// printWidth 120: the width the code and its hand-wrapped comments were already written to (Prettier does not rewrap
// comments or strings), and what fits one side of a side-by-side diff on a 1920-pixel screen (GitHub's split view,
// an editor's diff) without wrapping. 100 would reflow half the files and still leave the comments at 120.
/** @type {import('prettier').Config} */
module.exports = {
  printWidth: 120,
  singleQuote: true,
  bracketSpacing: false,
  trailingComma: 'all',
  arrowParens: 'always',
};
