#!/usr/bin/env bash
# Installs the external tools that tests, run_local.sh and the benchmarks need into the
# repo-local, gitignored folder .tools/ (nothing is written outside the repo except npm's cache).
#
#   scripts/install-tools.sh            install if missing or at another version, then print paths
#   scripts/install-tools.sh --smoke    also start anvil on a free loopback port and check
#                                       `cast chain-id` answers 31337, then stop it
#
# Tools (Foundry's anvil and cast, from their npm packages, which ship the prebuilt binaries):
#   .tools/bin/anvil -> .tools/npm/node_modules/@foundry-rs/anvil-linux-<arch>/bin/anvil
#   .tools/bin/cast  -> .tools/npm/node_modules/@foundry-rs/cast-linux-<arch>/bin/cast
#
# Needs only npm and the npm registry (the binaries are native; npm only warns if Node < 20). Idempotent and
# safe to run concurrently (an flock serialises installers); a second run at the pinned version
# does no network I/O and takes milliseconds.
set -euo pipefail

FOUNDRY_VERSION=1.7.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NPM_PREFIX="$TOOLS/npm"
BIN="$TOOLS/bin"

die() { echo "install-tools: $*" >&2; exit 1; }

smoke=false
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

[[ "$(uname -s)" == Linux ]] || die "only Linux is supported (found $(uname -s))"
case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) die "no Foundry npm package for CPU $(uname -m)" ;;
esac
ANVIL_PKG="@foundry-rs/anvil-linux-$arch"
CAST_PKG="@foundry-rs/cast-linux-$arch"

# package name -> the binary inside it, relative to .tools/bin (relative links survive moving the repo)
pkg_bin_rel() { echo "../npm/node_modules/$1/bin/$2"; }

installed_version() { # prints the installed version of package $1, or nothing
  local pj="$NPM_PREFIX/node_modules/$1/package.json"
  [[ -f "$pj" ]] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n1
}

is_current() {
  [[ "$(installed_version "$ANVIL_PKG")" == "$FOUNDRY_VERSION" ]] &&
    [[ "$(installed_version "$CAST_PKG")" == "$FOUNDRY_VERSION" ]] &&
    [[ -x "$BIN/anvil" && -x "$BIN/cast" ]] &&
    [[ "$(readlink "$BIN/anvil")" == "$(pkg_bin_rel "$ANVIL_PKG" anvil)" ]] &&
    [[ "$(readlink "$BIN/cast")" == "$(pkg_bin_rel "$CAST_PKG" cast)" ]]
}

install() {
  command -v npm >/dev/null || die "npm not found; install Node.js with npm (e.g. apt-get install -y nodejs npm)"
  mkdir -p "$NPM_PREFIX" "$BIN"
  echo "install-tools: installing anvil and cast $FOUNDRY_VERSION into $NPM_PREFIX"
  # --prefix keeps everything under .tools/npm; --save-exact pins the version in its package.json.
  npm install --prefix "$NPM_PREFIX" --save-exact --no-audit --no-fund --no-update-notifier \
    --loglevel=error "$ANVIL_PKG@$FOUNDRY_VERSION" "$CAST_PKG@$FOUNDRY_VERSION" >&2 ||
    die "npm install failed (is the npm registry reachable?)"
  local tool pkg
  for tool in anvil cast; do
    if [[ $tool == anvil ]]; then pkg=$ANVIL_PKG; else pkg=$CAST_PKG; fi
    [[ -f "$NPM_PREFIX/node_modules/$pkg/bin/$tool" ]] || die "package $pkg has no bin/$tool"
    chmod +x "$NPM_PREFIX/node_modules/$pkg/bin/$tool"
    ln -sfn "$(pkg_bin_rel "$pkg" "$tool")" "$BIN/$tool"
  done
  is_current || die "installation did not produce the expected files"
}

if ! is_current; then
  mkdir -p "$TOOLS"
  exec 9>"$TOOLS/.install.lock"
  flock 9 2>/dev/null || true # flock(1) is in util-linux; without it we simply do not serialise
  is_current || install       # another installer may have finished while we waited
  exec 9>&-
fi

# the binaries must run here (e.g. glibc present), not just exist
for tool in anvil cast; do
  "$BIN/$tool" --version 2>/dev/null | grep -q "Version: $FOUNDRY_VERSION" ||
    die "$BIN/$tool does not run or is not version $FOUNDRY_VERSION"
done
echo "anvil $FOUNDRY_VERSION: $BIN/anvil"
echo "cast  $FOUNDRY_VERSION: $BIN/cast"

if $smoke; then
  log="$(mktemp)"
  "$BIN/anvil" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
  anvil_pid=$!
  trap 'kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; rm -f "$log"' EXIT
  addr=""
  for _ in $(seq 1 100); do # anvil prints "Listening on 127.0.0.1:PORT" once it serves
    addr="$(sed -n 's/^Listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$log")"
    [[ -n "$addr" ]] && break
    kill -0 "$anvil_pid" 2>/dev/null || die "anvil exited: $(cat "$log")"
    sleep 0.1
  done
  [[ -n "$addr" ]] || die "anvil did not report a listening address within 10 s"
  chain_id="$("$BIN/cast" chain-id --rpc-url "http://$addr")"
  [[ "$chain_id" == 31337 ]] || die "cast chain-id returned '$chain_id', expected 31337"
  echo "smoke: anvil on http://$addr answered chain id $chain_id"
fi
