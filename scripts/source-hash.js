#!/usr/bin/env node
// The committed build's stamp. `npm run build` ends with `node scripts/source-hash.js write`, which records in
// dist/source.sha256 a hash of everything the build reads (BUILD_INPUTS); `node scripts/source-hash.js check` exits 0
// when a checkout's dist/ was built from exactly its own sources and 1, saying so, when not. The GitHub Action's
// install step (.github/action/install.sh) runs the prebuilt dist/ only when the check passes, so a stale build is
// never what runs. Node built-ins only: the check runs before any `npm ci`.
const {createHash} = require('node:crypto');
const {readdirSync, readFileSync, statSync, writeFileSync} = require('node:fs');
const {join, sep} = require('node:path');

/** What `npm run build` reads: a change to any of these changes dist/ or oclif.manifest.json, or may. */
const BUILD_INPUTS = ['src', 'policies', 'schemas', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
const STAMP = join('dist', 'source.sha256');

function files(root, path) {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)));
}

/** sha256 over every input file's path (with /) and bytes, in a fixed order. */
function sourceHash(root) {
  const hash = createHash('sha256');
  const all = BUILD_INPUTS.flatMap((input) => files(root, input)).map((path) => path.split(sep).join('/'));
  for (const path of all.sort())
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  return hash.digest('hex');
}

function readStamp(root) {
  try {
    return readFileSync(join(root, STAMP), 'utf8').trim();
  } catch {
    return undefined;
  }
}

module.exports = {BUILD_INPUTS, STAMP, sourceHash, readStamp};

if (require.main === module) {
  const root = join(__dirname, '..');
  const command = process.argv[2];
  if (command === 'write') {
    writeFileSync(join(root, STAMP), `${sourceHash(root)}\n`);
  } else if (command === 'check') {
    const stamp = readStamp(root);
    const actual = sourceHash(root);
    if (stamp !== actual) {
      console.error(
        stamp
          ? `${STAMP} says dist/ was built from other sources (${stamp.slice(0, 12)}…, these are ${actual.slice(0, 12)}…)`
          : `${STAMP} is missing: dist/ was not built by \`npm run build\``,
      );
      process.exit(1);
    }
  } else {
    console.error('usage: node scripts/source-hash.js write|check');
    process.exit(2);
  }
}
