#!/usr/bin/env node
// `npm run bench` (after `npm run build`): compiles the benchmark and the AWS stand-in it uses (TypeScript under
// bench/ and test/helpers/aws-stub/) into out/bench/ (git-ignored) with tsconfig.bench.json, then runs it against
// the built CLI (bin/run.js → dist/). Arguments pass through, e.g. `node bench/run.js --sizes 10,100`.
const {spawnSync} = require('node:child_process');
const {existsSync} = require('node:fs');
const {join} = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first (npm run bench does).');
  process.exit(2);
}
const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')],
  {cwd: root, stdio: 'inherit'},
);
if (tsc.status !== 0) process.exit(tsc.status ?? 2);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require(join(root, 'out', 'bench', 'bench', 'main.js'))
  .main(root, process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    console.error(error);
    // Exit now: a stand-in left listening would keep the process alive, and a CI job waiting.
    process.exit(2);
  });
