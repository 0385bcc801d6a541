#!/usr/bin/env bash
# Runs the same LoadGen workload against a fresh anvil and, if given, against our node, and prints a
# side-by-side table with ratios ours/anvil. The table, the raw JSON results and the exact commands
# go to bench/results/loadgen-<UTC timestamp>.txt.
#
# usage: bench/run-loadgen-vs-anvil.sh [NODE_RPC_URL] [options] [-- extra LoadGen options]
#   NODE_RPC_URL        our node's JSON-RPC on a loopback address, e.g. http://127.0.0.1:3050;
#                       omit it to measure anvil alone
#   --rate TPS          target rate, open loop (default 200)
#   --duration S        submission phase in seconds (default 10)
#   --accounts N        sender accounts (default 20)
#   --first-account I   first sender index at m/44'/60'/0'/0/I of the test mnemonic (default 0); the
#                       node must have these accounts funded in its genesis
#   --type legacy|1559  transaction type (default 1559)
#   --block-time S      anvil's interval-mining block time (default 0.25)
#   --no-build          use the bench jar already built
# Everything after `--` goes to both LoadGen runs unchanged (e.g. -- --max-fee 5gwei --poll-ms 10).
#
# examples:
#   bench/run-loadgen-vs-anvil.sh                                   # anvil only, 200 tx/s for 10 s
#   bench/run-loadgen-vs-anvil.sh http://127.0.0.1:3050 --rate 500 --duration 30
#
# anvil runs on a free loopback port (--port 0) with the test mnemonic's accounts, and is stopped
# before the node is measured so the two never compete for CPU. Only loopback URLs are accepted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

die() { echo "run-loadgen-vs-anvil: $*" >&2; exit 1; }

node_url=""
rate=200
duration=10
accounts=20
first=0
type=1559
block_time=0.25
build=true
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="${2:?--rate needs a value}"; shift 2 ;;
    --duration) duration="${2:?--duration needs a value}"; shift 2 ;;
    --accounts) accounts="${2:?--accounts needs a value}"; shift 2 ;;
    --first-account) first="${2:?--first-account needs a value}"; shift 2 ;;
    --type) type="${2:?--type needs a value}"; shift 2 ;;
    --block-time) block_time="${2:?--block-time needs a value}"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) die "unknown option $1 (try --help)" ;;
    *) [[ -z "$node_url" ]] || die "only one node URL, got '$node_url' and '$1'"; node_url="$1"; shift ;;
  esac
done
[[ "$accounts" =~ ^[0-9]+$ && "$first" =~ ^[0-9]+$ ]] || die "--accounts and --first-account must be integers"
# fail before the anvil run, not after it (LoadGen enforces the same rule)
if [[ -n "$node_url" && ! "$node_url" =~ ^https?://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?(/.*)?$ ]]; then
  die "refusing node URL '$node_url': this workplace forbids traffic to other addresses; use a loopback URL such as http://127.0.0.1:3050"
fi

scripts/install-tools.sh >/dev/null
if $build; then
  echo "building bench ..." >&2
  mvn -B -q -pl bench -am package -DskipTests >&2
fi
jar="$(ls bench/target/bench-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -n1)"
[[ -n "$jar" && -d bench/target/lib ]] || die "bench is not built; run without --no-build"
cp_="$jar:bench/target/lib/*"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p bench/results
out="bench/results/loadgen-$stamp.txt"
work="$(mktemp -d)"
anvil_pid=""
cleanup() {
  if [[ -n "$anvil_pid" ]]; then kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

common=(--rate "$rate" --duration "$duration" --accounts "$accounts" --first-account "$first" --type "$type")
common+=(${extra[@]+"${extra[@]}"})
loadgen() { java -cp "$cp_" dev.raftseq.bench.LoadGen "$@"; }

# anvil with the test mnemonic (its default) and enough funded accounts for the senders
anvil_cmd=(.tools/bin/anvil --host 127.0.0.1 --port 0 --block-time "$block_time" --accounts "$((first + accounts))")
"${anvil_cmd[@]}" >"$work/anvil.log" 2>&1 &
anvil_pid=$!
anvil_addr=""
for _ in $(seq 1 200); do
  anvil_addr="$(sed -n 's/^Listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/anvil.log")"
  [[ -n "$anvil_addr" ]] && break
  kill -0 "$anvil_pid" 2>/dev/null || die "anvil exited: $(tail -5 "$work/anvil.log")"
  sleep 0.05
done
[[ -n "$anvil_addr" ]] || die "anvil did not start within 10 s"
anvil_url="http://$anvil_addr"
echo "anvil $(.tools/bin/anvil --version | head -n1 | awk '{print $3}') on $anvil_url (block time $block_time s)" >&2

anvil_run=(loadgen --rpc "$anvil_url" --label anvil --out "$work/anvil.jsonl" "${common[@]}")
echo "== LoadGen vs anvil" >&2
"${anvil_run[@]}" | tee "$work/anvil.txt"
kill "$anvil_pid" 2>/dev/null || true
wait "$anvil_pid" 2>/dev/null || true
anvil_pid=""

compare=(java -cp "$cp_" dev.raftseq.bench.LoadGenComparison --anvil "$work/anvil.jsonl")
ours_run=()
if [[ -n "$node_url" ]]; then
  ours_run=(loadgen --rpc "$node_url" --label ours --out "$work/ours.jsonl" "${common[@]}")
  echo "== LoadGen vs our node at $node_url" >&2
  "${ours_run[@]}" | tee "$work/ours.txt"
  compare+=(--ours "$work/ours.jsonl")
fi

{
  echo "# LoadGen comparison, $stamp, on $(nproc) cores; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# (a load average far above the core count means other work competed for the CPU: treat latencies as noise)"
  echo
  "${compare[@]}"
  echo
  echo "## commands"
  echo "anvil:    ${anvil_cmd[*]}"
  echo "LoadGen:  java -cp '$cp_' dev.raftseq.bench.LoadGen --rpc $anvil_url --label anvil ${common[*]}"
  if [[ -n "$node_url" ]]; then
    echo "LoadGen:  java -cp '$cp_' dev.raftseq.bench.LoadGen --rpc $node_url --label ours ${common[*]}"
  fi
  echo
  echo "## LoadGen output"
  cat "$work/anvil.txt"
  [[ -z "$node_url" ]] || cat "$work/ours.txt"
  echo
  echo "## raw results (JSON)"
  cat "$work/anvil.jsonl"
  [[ -z "$node_url" ]] || cat "$work/ours.jsonl"
} >"$out"

echo
sed -n '/^LoadGen: target/,/^(tx\/s/p' "$out"
echo "written: $out"
