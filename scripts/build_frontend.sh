#!/usr/bin/env bash
# Build Pandora's frontend: frontend/ (TypeScript + Lit) -> two ES modules, committed so HACS
# users need no Node: custom_components/pandora/frontend/pandora-panel.js (the sidebar panel) and
# custom_components/pandora/frontend/pandora-cards.js (the dashboard cards).
#
#   bash scripts/build_frontend.sh           install if needed, typecheck, lint, test (with a
#                                            coverage floor), build, print sizes
#   bash scripts/build_frontend.sh --check   the same checks, but build into a temporary folder and
#                                            fail when a committed bundle differs from the sources
#
# Needs Node.js >= 20.19 and npm; packages come from the npm registry (`npm ci`, exact versions
# from package-lock.json). `npm ci` runs only when node_modules is missing or package.json,
# package-lock.json or the Node version changed since the last install (a stamp file records it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
OUT_REL="custom_components/pandora/frontend"
OUT="$ROOT/$OUT_REL"
# Each bundle: its Vite mode (vite.config.ts), its file and its gzipped size budget (same order).
# The cards load on every dashboard page, so their budget is tighter.
MODES=(panel cards)
FILES=(pandora-panel.js pandora-cards.js)
BUDGETS=($((150 * 1024)) $((60 * 1024)))

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }
fail() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

command -v node >/dev/null || fail "Node.js is not installed (need >= 20.19; Debian/Ubuntu: apt-get install nodejs npm)."
command -v npm >/dev/null || fail "npm is not installed."
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) process.exit(1);
' || fail "Node.js $(node --version) is too old: Vite 8 needs >= 20.19."

cd "$FRONTEND"

# --- install (only when needed) ------------------------------------------------------------------
STAMP="node_modules/.pandora-install-stamp"
want="node $(node --version); $(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [[ ! -d node_modules || ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  printf '%s\n' "$want" >"$STAMP"
else
  step "npm ci (skipped: node_modules matches package-lock.json)"
fi

# --- checks --------------------------------------------------------------------------------------
step "typecheck (tsc --noEmit)"
npm run --silent typecheck

step "lint (eslint with eslint-plugin-lit, lit-analyzer; no warnings)"
npm run --silent lint

step "tests (vitest; coverage: at least 90 % of src/ lines)"
npm test --silent

# --- build ---------------------------------------------------------------------------------------
report_size() {
  local file="$1" name="$2" max="$3" raw gz
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -n -c "$file" | wc -c)
  awk -v name="$name" -v raw="$raw" -v gz="$gz" -v max="$max" 'BEGIN {
    printf "bundle %s: %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB; budget %d KiB)\n",
      name, raw, raw / 1024, gz, gz / 1024, max / 1024 }'
  ((gz <= max)) || fail "the gzipped $name is over its ${max}-byte budget."
}

build_into() {
  local dir="$1" mode
  for mode in "${MODES[@]}"; do
    ./node_modules/.bin/vite build --mode "$mode" --outDir "$dir"
  done
}

if ((check)); then
  step "build into a temporary folder and compare with $OUT_REL"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  build_into "$tmp"
  shopt -s nullglob
  built=("$tmp"/*)
  ((${#built[@]} == ${#MODES[@]})) || fail "the build produced ${#built[@]} files (${built[*]##*/}), not ${#MODES[@]}."
  for i in "${!MODES[@]}"; do
    file="${FILES[$i]}"
    [[ -f "$tmp/$file" ]] || fail "the build produced no $file."
    [[ -f "$OUT/$file" ]] || fail "$OUT_REL/$file is missing: run 'bash scripts/build_frontend.sh' and commit it."
    if ! cmp -s "$tmp/$file" "$OUT/$file"; then
      fail "$OUT_REL/$file is out of date with frontend/src (a fresh build differs).
       Run 'bash scripts/build_frontend.sh' and commit the bundles."
    fi
    report_size "$OUT/$file" "$OUT_REL/$file" "${BUDGETS[$i]}"
  done
  echo "OK: the committed bundles match a fresh build."
else
  step "build ${FILES[*]} into $OUT_REL"
  build_into "$OUT"
  for i in "${!MODES[@]}"; do
    report_size "$OUT/${FILES[$i]}" "$OUT_REL/${FILES[$i]}" "${BUDGETS[$i]}"
  done
fi
