#!/usr/bin/env bash
# The transaction-path benchmark: anvil, the single sequencer and the three-node cluster, each alone
# on loopback, under the same load generator (closed loop for maximum throughput with 1,000 pre-signed
# senders, then open loop at half the cluster's maximum); then replay speed: an empty replica syncs a
# generated chain over p2p, compared with the cluster's maximum measured in the same run. Results as
# ratios in bench/results/.
#   ./bench/run.sh [--quick] [--no-replay] [--replay-fixture DIR] [--node-jvm-option OPT ...] [--targets ...]
# --quick: 8-second runs and a 2,000-block replay chain (under 5 minutes, build and fixture excluded)
#          instead of 20-second runs and the 20,000-block chain (whose fixture takes ~15 minutes to
#          generate the first time; it is kept in bench/target/replay-fixture and reused).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-tools.sh >/dev/null
if [ ! -f node/target/node.jar ] || [ ! -d bench/target/lib ] || ! ls bench/target/bench-*.jar >/dev/null 2>&1; then
  echo "bench: building ..." >&2
  mvn -B -q -ntp -DskipTests package
fi
CP="$(ls bench/target/bench-*.jar | head -1):bench/target/lib/*"
quick=false
replay=true
fixture=""
out=bench/results
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; args+=("$1") ;;
    --no-replay) replay=false ;;
    --replay-fixture) fixture="$2"; shift ;;
    --out-dir) out="$2"; args+=("$1" "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
stamp=$(mktemp)
java -Xmx2g -cp "$CP" dev.raftseq.bench.TransactionPathBench ${args[@]+"${args[@]}"}
$replay || exit 0
latest=$(find "$out" -maxdepth 1 -name '*-transaction-path.json' -newer "$stamp" | sort | tail -1)
rm -f "$stamp"
replay_args=()
if $quick; then
  replay_args+=(blocks=2000 follow=10 "fixture=${fixture:-bench/target/replay-fixture-2k}")
else
  replay_args+=("fixture=${fixture:-bench/target/replay-fixture}")
fi
[ -n "$latest" ] && replay_args+=("compare=$latest")
replay_args+=("out=$out/$(date -u +%Y-%m-%dT%H-%M)-replay.txt")
echo "bench: replay speed (${replay_args[*]})" >&2
java -Xmx1500m -cp "$CP" dev.raftseq.bench.replay.ReplayBench "${replay_args[@]}"
