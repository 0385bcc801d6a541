#!/usr/bin/env bash
# Builds lossyfs (system-tests/lossyfs/lossyfs.c: a FUSE file system that forgets unsynced writes
# on a simulated power cut) into .tools/bin/lossyfs, and the power-cut test's negative-control
# library libnosync (fsync as a no-op, LD_PRELOAD) into .tools/lib/libnosync.so.
# Needs gcc, libfuse3 (Debian: libfuse3-dev, fuse3; installed here with apt-get when run as root),
# /dev/fuse and root to mount. Where any of that is missing it says which and exits 0: the
# power-cut test then fails, naming what is missing (it never passes without running).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SRC="$ROOT/system-tests/lossyfs"
OUT="$ROOT/.tools"
mkdir -p "$OUT/bin" "$OUT/lib"

missing() {
  echo "install-lossyfs: $*; the power-cut test (PowerCutIT) cannot run here" >&2
  exit 0
}

if ! pkg-config --exists fuse3 2>/dev/null || ! command -v fusermount3 >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y libfuse3-dev fuse3 pkg-config >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 && apt-get install -y libfuse3-dev fuse3 pkg-config >/dev/null 2>&1; } \
      || missing "apt-get install libfuse3-dev fuse3 failed"
  else
    missing "libfuse3 (libfuse3-dev, fuse3) is not installed and cannot be (needs root and apt-get)"
  fi
fi
command -v gcc >/dev/null || missing "gcc is not installed"

if [[ ! -x "$OUT/bin/lossyfs" || "$SRC/lossyfs.c" -nt "$OUT/bin/lossyfs" ]]; then
  # shellcheck disable=SC2046
  gcc -O2 -Wall -Wextra -o "$OUT/bin/lossyfs" "$SRC/lossyfs.c" $(pkg-config --cflags --libs fuse3) \
    || missing "compiling lossyfs.c failed"
fi
if [[ ! -f "$OUT/lib/libnosync.so" || "$SRC/nosync.c" -nt "$OUT/lib/libnosync.so" ]]; then
  gcc -O2 -Wall -Wextra -shared -fPIC -o "$OUT/lib/libnosync.so" "$SRC/nosync.c" -ldl \
    || missing "compiling nosync.c failed"
fi

[[ -c /dev/fuse ]] || missing "/dev/fuse does not exist (no FUSE in this kernel or container)"
grep -qw fuse /proc/filesystems || missing "the kernel has no fuse file system (/proc/filesystems)"
[[ "$(id -u)" == 0 ]] || missing "mounting needs root here"
echo "lossyfs: $OUT/bin/lossyfs"
