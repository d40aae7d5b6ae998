#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: system packages, npm packages, then
# typecheck, lint, build and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ./scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run check
