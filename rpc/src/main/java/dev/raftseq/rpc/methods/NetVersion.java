package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** net_version: the network id, which is the chain id, in decimal. */
public final class NetVersion implements SyncRpcMethod {
  private final EthBackend backend;

  public NetVersion(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "net_version";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(Long.toString(backend.chain().chainId()));
  }
}
