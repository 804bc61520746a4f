#!/usr/bin/env bash
# Installs what SeatDesk needs on Debian/Ubuntu (system packages, npm packages) and builds it.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Kamailio (+ WebSocket and auth_ephemeral modules) for the lab PBX, sipp for SIP load, Chromium for
# the browser shell and the end-to-end tests, PostgreSQL for the server's real-database tests, a
# CJK font so the desk's Chinese UI renders, and tcpdump to see RFC 4733 keypad tones on the wire.
packages=(kamailio kamailio-websocket-modules kamailio-autheph-modules sip-tester chromium postgresql fonts-wqy-microhei tcpdump)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: SeatDesk needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# The Electron binary is fetched only where it can be (never on the project's build machines);
# better-sqlite3 compiles against the installed Node's headers.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
# `npm ci` installs exactly the lockfile (which lists every platform's optional packages) and never
# rewrites it; the stamp skips it while node_modules already matches the lockfile.
stamp=node_modules/.seatdesk-lock
if ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci (from package-lock.json)"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

echo "setup: building renderer, supervisor board, caller page and both shells' main processes"
npm run --silent build >/dev/null
