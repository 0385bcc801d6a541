#!/usr/bin/env bash
# Compiles the L2 Solidity contracts in local-chains/contracts/l2 (the ones deployed on our chain; the
# L1 settlement contract has scripts/compile-contracts.sh) with a pinned solc from npm (solc-js,
# installed into the gitignored .tools/solc) for the Cancun EVM, writing <Name>.json artifacts.
#   scripts/compile-l2-contracts.sh           install solc if needed, (re)write the artifacts
#   scripts/compile-l2-contracts.sh --check   rebuild in memory and fail if a committed artifact differs
set -euo pipefail
SOLC_VERSION=0.8.28
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOLC_DIR="$ROOT/.tools/solc"
installed="$(node -e "try{console.log(require('$SOLC_DIR/node_modules/solc/package.json').version)}catch(e){}" 2>/dev/null || true)"
if [ "$installed" != "$SOLC_VERSION" ]; then
  mkdir -p "$SOLC_DIR"
  npm install --silent --no-audit --no-fund --prefix "$SOLC_DIR" "solc@$SOLC_VERSION" >&2
fi
exec node "$ROOT/scripts/solc-compile-l2.js" "$SOLC_DIR" "$ROOT/local-chains/contracts/l2" "$@"
