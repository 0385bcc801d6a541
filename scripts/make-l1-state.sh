#!/usr/bin/env bash
# Builds local-chains/v30.2/l1-state.json.gz: the L1 (anvil) state that run_local.sh loads. It
# starts a throw-away anvil, funds the batcher's operator account, deploys BatchSettlement (from
# local-chains/contracts/build/, checked against its source first) from that account with the
# committee of run_local.sh's three consensus nodes, and dumps anvil's state on exit.
#
# The operator deploys with its first transaction (nonce 0), so the contract address is
# `cast compute-address <operator> --nonce 0` and never changes; it is written into
# local-chains/v30.2/default/config.yaml (l1_sender.contract_address). A test
# (LocalL1StateTest) loads the result and checks address, code, committee and genesis.
#
#   scripts/make-l1-state.sh            rebuild the state file
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/local-chains/v30.2/l1-state.json.gz"
BUILD="$ROOT/local-chains/contracts/build"

# The L2 (local-chains/genesis.json): chain id, genesis state root and block hash. The chain
# module's RocksChainBlocksTest pins the same two values.
L2_CHAIN_ID=270
GENESIS_STATE_ROOT=0xe914d7e6a70676d0aecddd6b3e1110d78639f4e45a167334b8ba589316f48632
GENESIS_BLOCK_HASH=0xcb5913663a76e83e1b6277ab4de4be4a513c5813bbf4c764b4e9464df5964c92
# Committee: the addresses of run_local.sh's NETWORK_SECRET_KEYs (seed 002's three nodes).
COMMITTEE="[0x783a1006B7f64eb6351e1DE23b8C6b33164778ee,0x8f073A600C941f8765978527093ac545d3433430,0xC9e0f76BCf0C958Ea999A0037Bb1f3F6dB401a03]"
# The batcher's L1 operator, for local development only (like anvil's dev keys, it is public).
OPERATOR_KEY=0xd171e330db3713b3871a83a626dff2754a0101bbbc16d3ce3a72d130a3167fa9
OPERATOR=0x66ebbb2F9970cfE36E7780d794cf6EA4C9264531
# anvil's first dev account pays the operator's funding
FUNDER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80

die() { echo "make-l1-state: $*" >&2; exit 1; }

"$ROOT/scripts/install-tools.sh" >/dev/null
"$ROOT/scripts/compile-contracts.sh" --check >/dev/null
ANVIL="$ROOT/.tools/bin/anvil"
CAST="$ROOT/.tools/bin/cast"

[[ "$("$CAST" wallet address --private-key "$OPERATOR_KEY")" == "$OPERATOR" ]] || die "operator key/address mismatch"

tmp="$(mktemp -d)"
anvil_pid=""
cleanup() {
  if [[ -n "$anvil_pid" ]]; then kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$ANVIL" --host 127.0.0.1 --port 0 --dump-state "$tmp/state.json" >"$tmp/anvil.log" 2>&1 &
anvil_pid=$!
addr=""
for _ in $(seq 1 100); do
  addr="$(sed -n 's/^Listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/anvil.log")"
  [[ -n "$addr" ]] && break
  kill -0 "$anvil_pid" 2>/dev/null || die "anvil exited: $(cat "$tmp/anvil.log")"
  sleep 0.1
done
[[ -n "$addr" ]] || die "anvil did not start"
RPC="http://$addr"

"$CAST" send --rpc-url "$RPC" --private-key "$FUNDER_KEY" "$OPERATOR" --value 1000ether >/dev/null
[[ "$("$CAST" nonce --rpc-url "$RPC" "$OPERATOR")" == 0 ]] || die "operator nonce is not 0"
expected="$("$CAST" compute-address "$OPERATOR" --nonce 0 | sed 's/.*: *//')"

args="$("$CAST" abi-encode "constructor(address,address[],uint256,bytes32,bytes32)" \
  "$OPERATOR" "$COMMITTEE" "$L2_CHAIN_ID" "$GENESIS_STATE_ROOT" "$GENESIS_BLOCK_HASH")"
code="0x$(tr -d '\n' <"$BUILD/BatchSettlement.bin")${args#0x}"
"$CAST" send --rpc-url "$RPC" --private-key "$OPERATOR_KEY" --create "$code" >/dev/null
deployed="$("$CAST" code --rpc-url "$RPC" "$expected")"
[[ "$deployed" != 0x ]] || die "no code at $expected"
[[ "$("$CAST" call --rpc-url "$RPC" "$expected" "batchStateRoot(uint256)(bytes32)" 0)" == "$GENESIS_STATE_ROOT" ]] ||
  die "genesis state root not stored"

kill -INT "$anvil_pid"
wait "$anvil_pid" 2>/dev/null || true
anvil_pid=""
[[ -s "$tmp/state.json" ]] || die "anvil wrote no state: $(tail -5 "$tmp/anvil.log")"
gzip -9 -n <"$tmp/state.json" >"$OUT"
echo "make-l1-state: wrote $OUT ($(wc -c <"$OUT") bytes); BatchSettlement at $expected, operator $OPERATOR"
