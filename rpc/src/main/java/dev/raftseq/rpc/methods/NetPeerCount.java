package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** net_peerCount. */
public final class NetPeerCount implements SyncRpcMethod {
  private final EthBackend backend;

  public NetPeerCount(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "net_peerCount";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(Quantity.of(backend.peerCount()));
  }
}
