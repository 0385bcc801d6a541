package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** web3_clientVersion. */
public final class Web3ClientVersion implements SyncRpcMethod {
  private final EthBackend backend;

  public Web3ClientVersion(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "web3_clientVersion";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(backend.clientVersion());
  }
}
