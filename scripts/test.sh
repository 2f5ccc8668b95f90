#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs (scripts/bootstrap.sh), then
# ruff, mypy --strict, the import contracts (lint-imports), the frontend's typecheck/tests/bundle
# check, and pytest with coverage (fails under 95%) against real qBittorrent 4.5 and 5.x, including
# the panel's Chromium end-to-end.
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
step "import contracts (root, features, hub, api; features through their faces)"
.venv/bin/lint-imports --no-logo
step "frontend: typecheck, Vitest, and the committed bundles equal a fresh build"
bash scripts/build_frontend.sh --check
step "pytest (real qbittorrent-nox 4.5 and 5.x, Cloud Commander, dockerd; the panel in Chromium)"
# Two workers, one test file each at a time (module fixtures stay per worker): most tests wait
# on real daemons, so two run side by side even on two cores (8 min instead of 13).
.venv/bin/python -m pytest -n "${PANDORA_TEST_WORKERS:-2}" --dist loadfile \
  --cov --cov-report=term-missing:skip-covered "$@"
