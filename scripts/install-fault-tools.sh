#!/usr/bin/env bash
# Installs what the fault campaign (system-tests/) injects clock jumps with: libfaketime, from
# Debian's faketime package. Needs root and apt-get (CI has both); elsewhere it says what is
# missing and exits 0, and the campaign then runs without clock faults.
set -euo pipefail
LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if [[ -r "$LIB" ]]; then
  echo "faketime: $LIB"
  exit 0
fi
if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "install-fault-tools: libfaketime missing and not installable here (needs root and apt-get);"\
    "clock faults will not be injected" >&2
  exit 0
fi
apt-get install -y faketime >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y faketime >/dev/null 2>&1; } \
  || { echo "install-fault-tools: apt-get install faketime failed" >&2; exit 0; }
echo "faketime: $LIB"
