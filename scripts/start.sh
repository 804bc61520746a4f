#!/usr/bin/env bash
# Sets up SeatDesk and starts it on the local lab: Kamailio, the central server (agents 1001-1010,
# passwords pw1001-pw1010), the caller simulator page, and the desk itself. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

server_port="${LAB_SERVER_PORT:-8790}"
caller_port="${LAB_CALLER_PORT:-8791}"
mkdir -p .lab
LAB_SERVER_PORT="$server_port" LAB_CALLER_PORT="$caller_port" npx tsx lab/cli.ts --data-dir .lab/center ${LAB_FAST:+--fast} &
lab_pid=$!
trap 'kill "$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true' EXIT INT TERM

# The central server answers once the lab is up (the first start creates its database: ~a minute).
node -e '
  const url = process.argv[1]; const labPid = Number(process.argv[2]); const until = Date.now() + 180000;
  (async () => {
    for (;;) {
      try { if ((await fetch(url)).ok) return; } catch {}
      try { process.kill(labPid, 0); } catch { console.error("the lab stopped; see its messages above"); process.exit(1); }
      if (Date.now() > until) { console.error("the lab did not come up within 3 minutes"); process.exit(1); }
      await new Promise((r) => setTimeout(r, 300));
    }
  })();' "http://127.0.0.1:${server_port}/healthz" "$lab_pid"

export SEATDESK_SERVER_URL="http://127.0.0.1:${server_port}"
export SEATDESK_DATA_DIR="${SEATDESK_DATA_DIR:-$PWD/.lab/desk}"
echo
echo "Log in as 1001 / pw1001, then ring the desk from the caller simulator:"
echo "  http://127.0.0.1:${caller_port}/caller/13812345678/"
echo "Watch it on the supervisor board (9001 / pw9001):"
echo "  http://127.0.0.1:${server_port}/board/"
echo

if node -e 'process.exit(require("fs").existsSync(require("electron")) ? 0 : 1)' 2>/dev/null; then
  npx electron .
else
  echo "No Electron binary is installed here (installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1),"
  echo "so the desk starts in the browser shell: the same main-process code in Node, shown in Chromium."
  node dist/web/desk.mjs
fi
