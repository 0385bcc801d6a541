package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.HexParams;

/** eth_getBalance(address, block). */
public final class EthGetBalance implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetBalance(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getBalance";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Address address = params.required(0, HexParams.ADDRESS);
    BlockNumberOrHash block = params.required(1, BlockNumberOrHash.READER);
    Account account = blocks.state(block).account(address);
    return TextNode.valueOf(account == null ? "0x0" : Quantity.of(account.balance()));
  }
}
