#!/usr/bin/env bash
# Compiles the L1 contract(s) of local-chains/contracts/ with a pinned solc from npm (the official
# solc-js package, installed into .tools/solc/ on first use) and writes, per contract, its ABI and
# creation bytecode into local-chains/contracts/build/ (committed). A test recompiles into a
# temporary directory and compares, so the committed artifacts always match the source.
#
#   scripts/compile-contracts.sh                 compile into local-chains/contracts/build/
#   scripts/compile-contracts.sh --out DIR       compile into DIR instead
#   scripts/compile-contracts.sh --check         compile into a temporary directory and fail if
#                                                the committed artifacts differ
set -euo pipefail

SOLC_VERSION=0.8.28

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/local-chains/contracts"
OUT="$SRC/build"
PREFIX="$ROOT/.tools/solc"
check=false

die() { echo "compile-contracts: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || die "--out needs a directory"; OUT="$2"; shift 2 ;;
    --check) check=true; shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

installed_version() {
  local pj="$PREFIX/node_modules/solc/package.json"
  [[ -f "$pj" ]] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n1
}

if [[ "$(installed_version)" != "$SOLC_VERSION" ]]; then
  command -v npm >/dev/null || die "npm not found; install Node.js with npm"
  mkdir -p "$PREFIX"
  exec 9>"$PREFIX/.install.lock"
  flock 9 2>/dev/null || true
  if [[ "$(installed_version)" != "$SOLC_VERSION" ]]; then
    echo "compile-contracts: installing solc $SOLC_VERSION into $PREFIX" >&2
    npm install --prefix "$PREFIX" --save-exact --no-audit --no-fund --no-update-notifier \
      --loglevel=error "solc@$SOLC_VERSION" >&2 || die "npm install solc@$SOLC_VERSION failed"
  fi
  exec 9>&-
fi

if $check; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  NODE_PATH="$PREFIX/node_modules" node "$ROOT/scripts/solc-compile.js" "$SOLC_VERSION" "$SRC" "$tmp"
  diff -r "$tmp" "$SRC/build" >&2 || die "local-chains/contracts/build/ is stale: run scripts/compile-contracts.sh"
  echo "compile-contracts: build/ matches the source"
else
  mkdir -p "$OUT"
  NODE_PATH="$PREFIX/node_modules" node "$ROOT/scripts/solc-compile.js" "$SOLC_VERSION" "$SRC" "$OUT"
fi
