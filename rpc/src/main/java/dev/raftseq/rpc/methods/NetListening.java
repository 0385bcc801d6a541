package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** net_listening: true while this server answers. */
public final class NetListening implements SyncRpcMethod {
  @Override
  public String name() {
    return "net_listening";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return BooleanNode.TRUE;
  }
}
