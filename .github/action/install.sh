#!/usr/bin/env bash
# The GitHub Action's install step (action.yml). mq-audit's JavaScript is committed prebuilt (dist/ and
# oclif.manifest.json, written by `npm run build`; see CONTRIBUTING.md), so this installs the runtime dependencies
# only, from the npm cache the action restores: no dev dependencies, no TypeScript build, no install scripts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

npm_flags=(--no-audit --no-fund --prefer-offline --loglevel=error)
# dist/source.sha256 names the sources dist/ was built from; run it only when those are this checkout's.
if node scripts/source-hash.js check; then
  npm ci --omit=dev --ignore-scripts "${npm_flags[@]}"
else
  # slow path: a checkout whose dist/ does not match its sources (a fork of mq-audit that did not commit its build).
  echo "::warning title=mq-audit::dist/ was not built from this checkout's sources: building mq-audit (slow)."
  npm ci "${npm_flags[@]}"
  npm run build --silent
fi
