#!/usr/bin/env bash
# Where the cluster's CPU goes under load: runs the transaction-path benchmark's cluster target
# (warm-up, closed loop, then open loop at half the closed loop's rate), attaches a JFR recording to
# each of the three node processes once the chosen load-generator run (after the warm-up runs, so
# the JIT has settled) has signed its transfers and its load is on, and attributes each node's CPU samples to the transaction path's stages
# (bench/scripts/jfr-stages.py). Writes bench/results/<date>-profile.md.
#   ./bench/profile.sh [--seconds 15] [--keep-jfr DIR] [--open-loop] [--warm-up-runs 6]
#   DIR keeps the recordings for jfr/JMC; --open-loop profiles the open-loop run (one transfer per
#   request at half the maximum rate) instead of the measured closed-loop run
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15
keep=""
warm=6
open=0
mode="closed loop"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --keep-jfr) keep="$2"; shift 2 ;;
    --open-loop) open=1; mode="open loop"; shift ;;
    --warm-up-runs) warm="$2"; shift 2 ;;
    *) echo "profile: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ ! -f node/target/node.jar ] || ! ls bench/target/bench-*.jar >/dev/null 2>&1; then
  mvn -B -q -ntp -DskipTests package
fi
CP="$(ls bench/target/bench-*.jar | head -1):bench/target/lib/*"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run=$((warm + 1 + open))
java -Xmx2g -cp "$CP" dev.raftseq.bench.TransactionPathBench --targets cluster --out-dir "$work" --warm-up-runs "$warm" \
  > "$work/bench.log" 2>&1 &
bench=$!
# each load-generator run starts its load right after its "signed ..." line
for _ in $(seq 1 2000); do
  [ "$(grep -c "^loadgen: signed" "$work/bench.log")" -ge "$run" ] && break
  kill -0 "$bench" 2>/dev/null || { cat "$work/bench.log"; exit 1; }
  sleep 0.2
done
nodes=$(pgrep -P "$bench" -f node.jar || true)
[ -n "$nodes" ] || { echo "profile: no node processes under the benchmark" >&2; kill "$bench"; exit 1; }
for p in $nodes; do
  jcmd "$p" JFR.start name=bench settings=profile duration="${seconds}s" filename="$work/node-$p.jfr" >/dev/null
done
# each recording writes its file when its duration ends
for _ in $(seq 1 $(( (seconds + 30) * 5 ))); do
  missing=0
  for p in $nodes; do [ -s "$work/node-$p.jfr" ] || missing=1; done
  [ "$missing" = 0 ] && break
  sleep 0.2
done
wait "$bench" || true
out="bench/results/$(date -u +%Y-%m-%dT%H-%M)-profile.md"
{
  echo "# Cluster CPU profile, $mode ($(nproc) cores, $seconds s of JFR per node once the load was on)"
  echo
  echo '```'
  grep -E "^bench: cluster (closed|open) loop" "$work/bench.log" || true
  for f in "$work"/node-*.jfr; do
    [ -s "$f" ] && python3 bench/scripts/jfr-stages.py "$f" --top 12 | sed "s|$work/||"
  done
  echo '```'
} > "$out"
cat "$out"
if [ -n "$keep" ]; then
  mkdir -p "$keep" && cp "$work"/node-*.jfr "$keep"/ && echo "profile: recordings in $keep" >&2
fi
