package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.HexParams;

/** eth_getCode(address, block): "0x" for accounts without code. */
public final class EthGetCode implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetCode(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getCode";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Address address = params.required(0, HexParams.ADDRESS);
    BlockNumberOrHash block = params.required(1, BlockNumberOrHash.READER);
    return TextNode.valueOf(Hex.encode(code(blocks.state(block), address)));
  }

  static byte[] code(StateView state, Address address) {
    Account account = state.account(address);
    if (account == null) {
      return new byte[0];
    }
    byte[] code = state.code(account.codeHash());
    if (code == null) {
      throw new IllegalStateException("code " + account.codeHash() + " of " + address + " missing");
    }
    return code;
  }
}
