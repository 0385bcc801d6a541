#!/usr/bin/env bash
# Replaces testdata/ethereum-tests with a fresh copy of the Ethereum test vectors.
#   ./scripts/refresh-testdata.sh [SOURCE_DIR]     (default ../shared/ethereum-tests)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/ethereum-tests}
[ -f "$src/LICENSE" ] && [ -d "$src/GeneralStateTests" ] || { echo "not an ethereum-tests copy: $src" >&2; exit 2; }
rm -rf testdata/ethereum-tests.new
cp -a "$src" testdata/ethereum-tests.new
rm -rf testdata/ethereum-tests
mv testdata/ethereum-tests.new testdata/ethereum-tests
echo "testdata/ethereum-tests refreshed from $src ($(find testdata/ethereum-tests -type f | wc -l) files)"
