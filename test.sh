#!/usr/bin/env bash
# Runs the whole test suite: unit, property, fuzz-regression, in-process Ratis cluster and
# process-level tests (real node JVMs, anvil, cast). Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-tools.sh
./scripts/install-fault-tools.sh
./scripts/install-lossyfs.sh
export PATH="$PWD/.tools/bin:$PATH"
exec mvn -B -ntp verify "$@"
