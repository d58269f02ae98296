// Cross-platform `rm -rf dist oclif.manifest.json` so a build never ships stale commands.
const fs = require('node:fs');
for (const p of ['dist', 'oclif.manifest.json']) fs.rmSync(p, {recursive: true, force: true});
