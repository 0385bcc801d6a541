package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** eth_accounts: the node holds no user keys. */
public final class EthAccounts implements SyncRpcMethod {
  @Override
  public String name() {
    return "eth_accounts";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return RpcJson.NODES.arrayNode();
  }
}
