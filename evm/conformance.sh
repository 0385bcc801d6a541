#!/usr/bin/env bash
# Runs Ethereum state tests (GeneralStateTests JSON, Cancun post states) found under a directory:
#   ./evm/conformance.sh testdata/ethereum-tests/GeneralStateTests
# Prints a table per folder, every failure with its reason, and "N passed, M failed"; exits
# non-zero when anything failed. Builds evm and chain first when their sources changed.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <directory of state-test JSON files>" >&2
  exit 2
fi
dir="$(cd "$1" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp_file="chain/target/conformance.classpath"
if [ ! -f "$cp_file" ] || [ -n "$(find evm/src/main chain/src/main evm/pom.xml chain/pom.xml pom.xml -newer "$cp_file" -print -quit)" ]; then
  echo "building evm and chain..." >&2
  mvn -B -ntp -q -pl chain -am compile dependency:build-classpath \
    -Dmdep.outputFile="$root/$cp_file" -Dmdep.includeScope=runtime >&2
fi
exec java -Xss16m -cp "chain/target/classes:evm/target/classes:$(cat "$cp_file")" \
  dev.raftseq.chain.conformance.ConformanceMain "$dir"
