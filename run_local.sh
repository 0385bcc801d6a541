#!/usr/bin/env bash
# Local three-node consensus cluster with an L1 (anvil, loaded with local-chains/v30.2/l1-state.json.gz:
# the BatchSettlement contract and a funded operator), exactly as seed 002 describes it, and one
# external node beside it (seed 002's external-node variables with a key and ports of its own:
# p2p 3063, rpc 3053, status 3074, metrics 3315; it forwards transactions to the three nodes).
#   ./run_local.sh            start anvil + three consensus nodes + the external node, wait for a
#                             leader and the external node's sync, print endpoints
#   ./run_local.sh stop       stop everything this script started
#   ./run_local.sh status     print each node's /status
#   ./run_local.sh failover   the seed's failover check: kill the leader, time the re-election,
#                             restart it and check it rejoins as follower
#   ./run_local.sh transfer N         make node N (1..3) the leader (admin API)
#   ./run_local.sh pause N | resume N pause or resume block production on node N (a leader hands over)
#   ./run_local.sh rolling-restart    SIGTERM and restart each node in turn, the leader last
#   ./run_local.sh admin N METHOD PATH [JSON]   any admin API call on node N, e.g. admin 1 POST /admin/snapshot
#   ./run_local.sh settlement         the L1 contract's batch counters and node 1's batcher status
# Logs and pids: ./logs/local/. Databases: ./db/en-{1,2,3} and ./db/en-external. `./run_local.sh clean` removes both.
# The admin API listens on 127.0.0.1:3081..3083 (status port + 10) with the token in ./logs/local/admin.token;
# Prometheus metrics on :3312..3314/metrics (local-chains/grafana/ has a scrape config and a dashboard).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
LOGS=$ROOT/logs/local
JAR=$ROOT/node/target/node.jar
mkdir -p "$LOGS"

ENODE_1="enode://246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d@127.0.0.1:3060"
ENODE_2="enode://d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc@127.0.0.1:3061"
ENODE_3="enode://2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581@127.0.0.1:3062"
PEER_IDS_JSON='[
"0x246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d",
"0xd2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc",
"0x2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581"
]'
BOOT_NODES="${ENODE_1},${ENODE_2},${ENODE_3}"
KEYS=(0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308
      c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7
      8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d)
CONFIGS=(--config ./local-chains/local_dev.yaml --config ./local-chains/v30.2/default/config.yaml)

status_port() { echo $((3070 + $1)); }
rpc_port() { echo $((3049 + $1)); }
admin_port() { echo $((3080 + $1)); }
metrics_port() { echo $((3311 + $1)); }

# the admin API's bearer token, made once per checkout
admin_token() {
  local f=$LOGS/admin.token
  if [ ! -s "$f" ]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$f")
  fi
  cat "$f"
}

admin() { # node method path [json]
  local args=(-s --max-time 90 -X "$2" -H "Authorization: Bearer $(admin_token)")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}" "http://127.0.0.1:$(admin_port "$1")$3"
  echo
}

node_id() { # 1..3 -> 0x + 128 hex
  echo "$PEER_IDS_JSON" | tr -d ' "[],' | sed -n "$(( $1 + 1 ))p"
}

start_node() { # 1|2|3
  local i=$1 extra=()
  if [ "$i" != 1 ]; then
    extra=(BATCHER_ENABLED=false PROVER_API_ENABLED=false
           STATUS_SERVER_ADDRESS=0.0.0.0:$(status_port "$i") RPC_ADDRESS=0.0.0.0:$(rpc_port "$i")
           OBSERVABILITY_PROMETHEUS_PORT=$((3311 + i)))
  fi
  env NETWORK_ENABLED=true \
    NETWORK_SECRET_KEY="${KEYS[$((i - 1))]}" \
    NETWORK_ADDRESS=127.0.0.1 \
    NETWORK_PORT=$((3059 + i)) \
    NETWORK_BOOT_NODES="${BOOT_NODES}" \
    CONSENSUS_ENABLED=true \
    CONSENSUS_BOOTSTRAP=true \
    CONSENSUS_PEER_IDS__JSON="${PEER_IDS_JSON}" \
    STATUS_SERVER_ADMIN_TOKEN="$(admin_token)" \
    GENERAL_ROCKS_DB_PATH="db/en-$i" \
    "${extra[@]}" \
    nohup java -jar "$JAR" "${CONFIGS[@]}" >>"$LOGS/node$i.log" 2>&1 &
  echo $! >"$LOGS/node$i.pid"
}

# the external node: not a member; its key is its own (seed 002's example borrows node 2's key and
# ports, which only works beside a single main node)
EXTERNAL_KEY=4646464646464646464646464646464646464646464646464646464646464646
EXTERNAL_RPC=3053
EXTERNAL_STATUS=3074
EXTERNAL_METRICS=3315

start_external() {
  env network_enabled=true \
    network_secret_key="$EXTERNAL_KEY" \
    network_address=127.0.0.1 \
    network_port=3063 \
    network_boot_nodes="${BOOT_NODES}" \
    general_main_node_rpc_url="http://127.0.0.1:3050,http://127.0.0.1:3051,http://127.0.0.1:3052" \
    general_node_role=external \
    observability_prometheus_port=$EXTERNAL_METRICS \
    general_rocks_db_path="db/en-external" \
    status_server_address=0.0.0.0:$EXTERNAL_STATUS \
    rpc_address=0.0.0.0:$EXTERNAL_RPC \
    nohup java -jar "$JAR" "${CONFIGS[@]}" >>"$LOGS/external.log" 2>&1 &
  echo $! >"$LOGS/external.pid"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

status_json() { curl -s --max-time 1 "http://127.0.0.1:$(status_port "$1")/status" || true; }

# prints the index (1..3) of the node whose /status says is_leader=true, or nothing
leader() {
  for i in 1 2 3; do
    if status_json "$i" | grep -q '"is_leader":true'; then echo "$i"; return; fi
  done
}

wait_leader() { # timeout seconds
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    local l; l=$(leader)
    if [ -n "$l" ]; then echo "$l"; return 0; fi
    sleep 0.1
  done
  return 1
}

now_ms() { date +%s%3N; }

ensure_jar() {
  if [ ! -f "$JAR" ]; then
    echo "building $JAR ..."
    mvn -B -q -ntp -DskipTests package
  fi
}

start_l1() {
  ./scripts/install-tools.sh >/dev/null
  if alive "$LOGS/anvil.pid"; then return; fi
  # the chain's L1 state: BatchSettlement deployed with this cluster's committee, operator funded
  gzip -d <./local-chains/v30.2/l1-state.json.gz >"$LOGS/l1-state.json"
  nohup ./.tools/bin/anvil --load-state "$LOGS/l1-state.json" --port 8545 --block-time 0.25 --mixed-mining \
    --slots-in-an-epoch 10 >>"$LOGS/anvil.log" 2>&1 &
  echo $! >"$LOGS/anvil.pid"
}

stop_all() {
  for f in "$LOGS"/external.pid "$LOGS"/node*.pid "$LOGS"/anvil.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then kill "$(cat "$f")" 2>/dev/null || true; fi
    rm -f "$f"
  done
  echo "stopped"
}

case "${1:-start}" in
  start)
    ensure_jar
    start_l1
    for i in 1 2 3; do
      if alive "$LOGS/node$i.pid"; then echo "node $i already running"; else start_node "$i"; fi
    done
    if ! l=$(wait_leader 180); then
      echo "no leader after 180 s; see $LOGS/node*.log" >&2
      exit 1
    fi
    echo "L1 (anvil): http://127.0.0.1:8545"
    for i in 1 2 3; do
      echo "node $i: rpc http://127.0.0.1:$(rpc_port "$i")  status http://127.0.0.1:$(status_port "$i")/status" \
        " metrics http://127.0.0.1:$(metrics_port "$i")/metrics  admin http://127.0.0.1:$(admin_port "$i")/admin/  log $LOGS/node$i.log"
    done
    echo "leader: node $l (admin token in $LOGS/admin.token)"
    if alive "$LOGS/external.pid"; then echo "external node already running"; else start_external; fi
    deadline=$((SECONDS + 120))
    until curl -sf --max-time 1 "http://127.0.0.1:$EXTERNAL_STATUS/status/ready" >/dev/null; do
      if [ $SECONDS -ge $deadline ]; then echo "the external node is not synced after 120 s; see $LOGS/external.log" >&2; exit 1; fi
      sleep 0.2
    done
    echo "external node: rpc http://127.0.0.1:$EXTERNAL_RPC  status http://127.0.0.1:$EXTERNAL_STATUS/status" \
      " metrics http://127.0.0.1:$EXTERNAL_METRICS/metrics  p2p 127.0.0.1:3063  log $LOGS/external.log (synced;" \
      "forwards transactions to nodes 1..3)"
    ;;
  admin) shift; admin "$@" ;;
  transfer)
    l=$(leader); [ -n "$l" ] || { echo "no leader" >&2; exit 1; }
    admin "$l" POST /admin/transfer-leadership "{\"peer_id\":\"$(node_id "$2")\"}"
    ;;
  pause|resume) admin "$2" POST "/admin/$1" ;;
  rolling-restart)
    l=$(leader); [ -n "$l" ] || { echo "no leader; start the cluster first" >&2; exit 1; }
    for i in $(for j in 1 2 3; do [ "$j" != "$l" ] && echo "$j"; done) "$l"; do
      echo "stopping node $i (SIGTERM)"
      pid=$(cat "$LOGS/node$i.pid")
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      start_node "$i"
      deadline=$((SECONDS + 90))
      until curl -sf --max-time 1 "http://127.0.0.1:$(status_port "$i")/status/ready" >/dev/null; do
        [ $SECONDS -lt $deadline ] || { echo "node $i did not become ready" >&2; exit 1; }
        sleep 0.2
      done
      echo "node $i restarted and ready; leader: node $(leader)"
    done
    ;;
  stop) stop_all ;;
  clean) stop_all; rm -rf "$ROOT/db/en-1" "$ROOT/db/en-2" "$ROOT/db/en-3" "$ROOT/db/en-external" "$LOGS" ;;
  status)
    for i in 1 2 3; do echo "node $i: $(status_json "$i")"; done
    echo "external: $(curl -s --max-time 1 "http://127.0.0.1:$EXTERNAL_STATUS/status" || true)"
    ;;
  settlement)
    C=0xDdE5d695094275eF3F0FFBA935ddAA8ba5aeBEDc
    for f in getTotalBatchesCommitted getTotalBatchesVerified getTotalBatchesExecuted; do
      echo "$f: $(./.tools/bin/cast call "$C" "$f()(uint256)" --rpc-url http://127.0.0.1:8545)"
    done
    echo "node 1 batcher: $(status_json 1 | sed -E 's/.*"batcher":(\{[^}]*\}).*/\1/')"
    ;;
  failover)
    l=$(leader); [ -n "$l" ] || { echo "no leader; start the cluster first" >&2; exit 1; }
    head_before=$(status_json "$l" | sed -E 's/.*"head":\{"number":([0-9]+).*/\1/')
    echo "leader is node $l (head $head_before); killing it"
    t0=$(now_ms)
    kill -9 "$(cat "$LOGS/node$l.pid")"
    rm -f "$LOGS/node$l.pid"
    n=""
    while [ -z "$n" ] || [ "$n" = "$l" ]; do
      n=$(leader || true)
      [ $(( $(now_ms) - t0 )) -lt 30000 ] || { echo "no new leader within 30 s" >&2; exit 1; }
      sleep 0.05
    done
    t1=$(now_ms)
    echo "node $n became leader after $((t1 - t0)) ms"
    start_node "$l"
    deadline=$((SECONDS + 60))
    until status_json "$l" | grep -q '"state":"Follower"'; do
      [ $SECONDS -lt $deadline ] || { echo "node $l did not rejoin as follower" >&2; exit 1; }
      sleep 0.2
    done
    echo "node $l restarted and rejoined as follower"
    ;;
  *) echo "usage: $0 [start|stop|status|settlement|failover|clean|transfer N|pause N|resume N|rolling-restart|admin N METHOD PATH [JSON]]" >&2; exit 2 ;;
esac
