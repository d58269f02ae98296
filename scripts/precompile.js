// `npm run build`, after tsc: compiles mq-audit's own schemas and the built-in policies into standalone validators
// under dist/validators/ (see src/foundation/validators.ts and src/build/precompile.ts), so that scans need not load ajv's compiler.
const {join} = require('node:path');
const {writePrecompiledValidators} = require('../dist/build/precompile.js');

const out = join(__dirname, '..', 'dist', 'validators');
try {
  writePrecompiledValidators(out);
} catch (error) {
  console.error(`precompile: ${error.message}`);
  process.exit(1);
}
