package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** eth_syncing: false, or the progress object. */
public final class EthSyncing implements SyncRpcMethod {
  private final EthBackend backend;

  public EthSyncing(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_syncing";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return backend.syncing()
        .<JsonNode>map(
            p -> {
              ObjectNode o = RpcJson.NODES.objectNode();
              o.put("startingBlock", Quantity.of(p.startingBlock()));
              o.put("currentBlock", Quantity.of(p.currentBlock()));
              o.put("highestBlock", Quantity.of(p.highestBlock()));
              return o;
            })
        .orElse(BooleanNode.FALSE);
  }
}
