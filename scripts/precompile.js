// `npm run build`, after tsc: compiles mq-audit's own schemas and the built-in policies into standalone validators
// under dist/validators/ (see src/validators.ts and src/precompile.ts), so that scans need not load ajv's compiler.
const {join} = require('node:path');
const {writePrecompiledValidators} = require('../dist/precompile.js');

const out = join(__dirname, '..', 'dist', 'validators');
try {
  writePrecompiledValidators(out);
} catch (error) {
  console.error(`precompile: ${error.message}`);
  process.exit(1);
}
