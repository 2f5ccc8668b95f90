#!/usr/bin/env bash
# The demo: a real Home Assistant on http://127.0.0.1:8123 with Pandora configured against a local
# qbittorrent-nox holding demo torrents. Installs what it needs (scripts/bootstrap.sh), then starts
# whatever is not already running; prints the address and the demo user's credentials.
# Usage: scripts/demo.sh [start|stop|status]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-start}" == "start" ]]; then
  bash scripts/bootstrap.sh --no-qb5
fi
exec .venv/bin/python -m devtools.demo "${@:-start}"
