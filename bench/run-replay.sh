#!/usr/bin/env bash
# Replay speed over p2p (see bench/README.md, "ReplayBench"). Arguments are passed through, e.g.
#   bench/run-replay.sh blocks=20000 txs=50
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
exec java -Xmx1500m -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.raftseq.bench.replay.ReplayBench "$@"
