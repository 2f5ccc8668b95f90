#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs (scripts/bootstrap.sh), then
# ruff, mypy --strict, and pytest with coverage (fails under 95%) against real qBittorrent 4.5 and 5.x.
# Extra arguments go to pytest (e.g. `scripts/test.sh -k config_flow`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }
step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
step "mypy --strict"
.venv/bin/mypy
step "pytest (real qbittorrent-nox 4.5 and 5.x on 127.0.0.1)"
.venv/bin/python -m pytest --cov --cov-report=term-missing:skip-covered "$@"
