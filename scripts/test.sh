#!/usr/bin/env bash
# Sets up and runs every SeatDesk test: types, the import rule, unit and integration tests (real
# Kamailio, central server on PGlite and on a private PostgreSQL, real SQLite), and the end-to-end
# tests (Playwright driving Debian's Chromium with real WebRTC audio).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== typecheck"; npx tsc -b
echo "== lint (import rule)"; npx eslint .
echo "== unit + integration"; npx vitest run
echo "== end to end"; npx playwright test
