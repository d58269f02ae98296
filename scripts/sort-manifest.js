#!/usr/bin/env node
// `npm run build`, after `oclif manifest`: the manifest's commands in a fixed order. oclif lists them in the order the
// file system enumerates dist/commands, which differs between checkouts, and the manifest is committed (the
// GitHub Action runs the committed build): a fresh clone must build the very same bytes.
const {readFileSync, writeFileSync} = require('node:fs');
const {join} = require('node:path');

const file = join(__dirname, '..', 'oclif.manifest.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.commands = Object.fromEntries(
  Object.keys(manifest.commands)
    .sort()
    .map((id) => [id, manifest.commands[id]]),
);
writeFileSync(file, JSON.stringify(manifest, null, 2));
