#!/usr/bin/env bash
# A fault campaign against a three-node cluster on loopback (see README "Reliability"):
#   ./system-tests/chaos.sh --cycles N --seed S [--faults kill,pause,partition,disk,clock,powercut]
#                           [--rate TX/S] [--accounts N] [--max-minutes M] [--out DIR] [--keep] [--rebuild]
# Builds node.jar and the harness if needed, starts the nodes with seed 002's variables on free
# ports, drives transfers while recording the history, injects one seeded fault per cycle, then
# checks every invariant. Exit code 0: no violation; 1: a violation (history, logs and data are
# kept under the run directory); 2: bad arguments.
# Without --faults it uses every kind this machine supports: disk needs root (a tmpfs mount),
# clock needs libfaketime, which this script installs from Debian when it runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

rebuild=false
want_clock=true
args=()
prev=""
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=true ;;
    *) args+=("$a") ;;
  esac
  if [[ "$prev" == "--faults" && "$a" != *clock* ]]; then want_clock=false; fi
  prev="$a"
done

FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if $want_clock && [[ ! -r "$FAKETIME_LIB" ]] && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "chaos: installing faketime (Debian) for clock faults" >&2
  (apt-get install -y faketime >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y faketime >/dev/null 2>&1)) \
    || echo "chaos: could not install faketime; clock faults unavailable" >&2
fi

JAR="$ROOT/system-tests/target/system-tests-0.1.0-SNAPSHOT.jar"
if $rebuild || [[ ! -f "$ROOT/node/target/node.jar" || ! -f "$JAR" || ! -d "$ROOT/system-tests/target/lib" ]]; then
  echo "chaos: building node.jar and the harness" >&2
  mvn -B -ntp -q -DskipTests -pl system-tests -am package
fi

exec java -Xmx1g -Drepo.root="$ROOT" -Dnode.jar="$ROOT/node/target/node.jar" \
  -cp "$JAR:$ROOT/system-tests/target/lib/*" dev.raftseq.systest.chaos.ChaosMain "${args[@]}"
