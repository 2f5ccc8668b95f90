#!/usr/bin/env bash
# Idempotent set-up shared by the test and demo commands.
# Installs: Debian tools (qbittorrent-nox 4.5, mktorrent, patchelf, debootstrap, docker.io, busybox-static), a Python >= 3.14.2
# (an existing one first, else Debian sid's binaries unpacked into .toolchain/), the .venv with the
# test requirements, a cached sid chroot holding qbittorrent-nox 5.x for the v5 tests,
# Cloud Commander from npm for the file tests, and for the panel's end-to-end test Debian's
# chromium and playwright-core (tests/e2e, npm ci; it never downloads a browser).
# Usage: scripts/bootstrap.sh [--no-qb5]   (--no-qb5, as the demo runs it: no test-only extras)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
VENV="$ROOT/.venv"
MIRROR="${PANDORA_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WANT_QB5=1
[[ "${1:-}" == "--no-qb5" ]] && WANT_QB5=0
mkdir -p "$TOOLCHAIN"
log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  ((${#missing[@]})) || return 0
  if ((APT_UPDATED == 0)); then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- 1. Debian tools -------------------------------------------------------------------------
# docker.io: a real Docker Engine behind the Portainer simulator; busybox-static: its local image.
apt_install qbittorrent-nox mktorrent patchelf debootstrap ca-certificates docker.io busybox-static

# --- 2. Python >= 3.14.2 ---------------------------------------------------------------------
python_ok() { "$1" -c 'import sys, venv, ssl, sqlite3; sys.exit(0 if sys.version_info >= (3, 14, 2) else 1)' >/dev/null 2>&1; }

find_python() {
  local c
  for c in "${PANDORA_PYTHON:-}" python3.14 python3 "$TOOLCHAIN/py314/usr/bin/python3.14"; do
    [[ -n "$c" ]] || continue
    c="$(command -v "$c" 2>/dev/null || true)"
    [[ -n "$c" ]] && python_ok "$c" && { echo "$c"; return 0; }
  done
  if command -v uv >/dev/null 2>&1; then
    c="$(uv python find '>=3.14.2' 2>/dev/null || true)"
    [[ -n "$c" ]] && python_ok "$c" && { echo "$c"; return 0; }
  fi
  return 1
}

# Debian sid's python3.14 unpacked into a private prefix (never installed system-wide: it would
# pull sid's libc6). DT_RPATH on the interpreter also covers the stdlib's extension modules.
install_sid_python() {
  local work="$TOOLCHAIN/apt-sid" prefix="$TOOLCHAIN/py314"
  log "no Python >= 3.14.2 found: unpacking Debian sid's python3.14 into $prefix"
  rm -rf "$prefix" "$work/debs"; mkdir -p "$work/lists/partial" "$work/debs" "$prefix"
  cat >"$work/sid.sources" <<SRC
Types: deb
URIs: $MIRROR
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work"
              -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root
              -o "Dir::Cache::archives=$work/debs" -qq)
  apt-get "${opts[@]}" update
  (cd "$work/debs" && apt-get "${opts[@]}" download libc6 python3.14-minimal libpython3.14-minimal \
    libpython3.14-stdlib python3.14 python3.14-venv libssl3t64 libexpat1 zlib1g libffi8 libbz2-1.0 \
    liblzma5 libzstd1 libsqlite3-0 libuuid1 libncursesw6 libtinfo6 libreadline8t64 libdb5.3t64 \
    libgcc-s1 libstdc++6 libcrypt1 libmpdec4 python3-pip-whl libpython3.14-dev)
  local deb; for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$prefix"; done
  local lib="$prefix/usr/lib/x86_64-linux-gnu"
  patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$lib" \
    "$prefix/usr/bin/python3.14"
  python_ok "$prefix/usr/bin/python3.14"
}

PY="$(find_python || true)"
if [[ -z "$PY" ]]; then install_sid_python; PY="$(find_python)"; fi

# --- 3. Virtual environment with the test requirements ---------------------------------------
if [[ ! -x "$VENV/bin/python" ]] || ! python_ok "$VENV/bin/python"; then
  log "creating .venv with $PY"
  rm -rf "$VENV"
  if "$PY" -m venv "$VENV" 2>/dev/null && [[ -x "$VENV/bin/pip" ]]; then :; else
    rm -rf "$VENV"; "$PY" -m venv --without-pip "$VENV"
    wheel="$(ls "$(dirname "$(dirname "$PY")")"/share/python-wheels/pip-*.whl 2>/dev/null | head -1 || true)"
    if [[ -n "$wheel" ]]; then "$VENV/bin/python" "$wheel/pip" install -q pip
    else "$VENV/bin/python" -m ensurepip -q; fi
  fi
fi
stamp="$VENV/.requirements.sha"
want="$(sha256sum "$ROOT/requirements_test.txt" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  log "installing Python requirements (first run takes a minute or two)"
  # Extensions (Assist's pymicro-vad, pyspeex-noise) compile against this Python: a private one's
  # pyconfig.h includes <x86_64-linux-gnu/python3.14/pyconfig.h> from its prefix's include
  # folder, which compilers do not search (same as devtools/demo/requirements.py _build_env).
  include="$("$VENV/bin/python" -c 'import sysconfig, pathlib; print(pathlib.Path(sysconfig.get_paths()["include"]).parent)')"
  if [[ "$include" != /usr/include && -d "$include" ]]; then export CPATH="$include${CPATH:+:$CPATH}"; fi
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements_test.txt"
  echo "$want" >"$stamp"
fi

# --- 4. qBittorrent 5.x in a cached sid chroot -----------------------------------------------
if ((WANT_QB5)); then
  chroot_dir="$TOOLCHAIN/qb5-chroot"
  if [[ ! -x "$chroot_dir/usr/bin/qbittorrent-nox" || ! -f "$chroot_dir/.pandora-ready" ]]; then
    log "building the qBittorrent 5 chroot (Debian sid, once; a few minutes)"
    as_root rm -rf "$chroot_dir"
    as_root debootstrap --variant=minbase --include=qbittorrent-nox sid "$chroot_dir" "$MIRROR" >"$TOOLCHAIN/debootstrap.log" 2>&1 \
      || { tail -20 "$TOOLCHAIN/debootstrap.log" >&2; exit 1; }
    as_root touch "$chroot_dir/.pandora-ready"
  fi
fi
# --- 5. Cloud Commander (npm), served over a temporary share by the file tests ----------------
CLOUDCMD_VERSION=18.8.11
cloudcmd_dir="$TOOLCHAIN/cloudcmd"
if [[ ! -x "$cloudcmd_dir/node_modules/.bin/cloudcmd" || "$(cat "$cloudcmd_dir/.version" 2>/dev/null)" != "$CLOUDCMD_VERSION" ]]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  log "npm install cloudcmd@$CLOUDCMD_VERSION"
  mkdir -p "$cloudcmd_dir"
  npm install --silent --no-audit --no-fund --prefix "$cloudcmd_dir" "cloudcmd@$CLOUDCMD_VERSION" >"$TOOLCHAIN/npm.log" 2>&1 \
    || { tail -20 "$TOOLCHAIN/npm.log" >&2; exit 1; }
  echo "$CLOUDCMD_VERSION" >"$cloudcmd_dir/.version"
fi
# --- 6. The panel's end-to-end test: Debian's Chromium, driven by playwright-core ------------
if ((WANT_QB5)); then
  apt_install chromium
  e2e="$ROOT/tests/e2e"
  e2e_want="$(sha256sum "$e2e/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$e2e/node_modules/playwright-core/package.json" || "$(cat "$e2e/node_modules/.lock.sha" 2>/dev/null)" != "$e2e_want" ]]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    log "npm ci in tests/e2e (playwright-core)"
    (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent) >"$TOOLCHAIN/npm-e2e.log" 2>&1 \
      || { tail -20 "$TOOLCHAIN/npm-e2e.log" >&2; exit 1; }
    echo "$e2e_want" >"$e2e/node_modules/.lock.sha"
  fi
fi
log "ready: $("$VENV/bin/python" --version), $(qbittorrent-nox --version 2>/dev/null | head -1), cloudcmd $CLOUDCMD_VERSION"
