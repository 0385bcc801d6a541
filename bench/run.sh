#!/usr/bin/env bash
# The transaction-path benchmark: anvil, the single sequencer and the three-node cluster, each alone
# on loopback, under the same load generator (closed loop for maximum throughput with 1,000 pre-signed
# senders, then open loop at half the cluster's maximum); results as ratios in bench/results/.
#   ./bench/run.sh [--quick] [--node-jvm-option OPT ...]
# --quick: 8-second runs (under 3 minutes, build excluded) instead of 20-second ones.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-tools.sh >/dev/null
if [ ! -f node/target/node.jar ] || [ ! -d bench/target/lib ] || ! ls bench/target/bench-*.jar >/dev/null 2>&1; then
  echo "bench: building ..." >&2
  mvn -B -q -ntp -DskipTests package
fi
exec java -Xmx2g -cp "$(ls bench/target/bench-*.jar | head -1):bench/target/lib/*" \
  dev.raftseq.bench.TransactionPathBench "$@"
