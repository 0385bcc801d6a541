package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Address;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.CallArgs;
import java.math.BigInteger;

/**
 * eth_call(call, block?): a call to an account without code returns "0x" (as in the EVM);
 * anything that would run code is the "not supported yet" error. State overrides are not
 * accepted (a third parameter is "too many arguments").
 */
public final class EthCall implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthCall(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_call";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    CallArgs args = params.required(0, CallArgs.READER);
    BlockNumberOrHash block =
        params.optional(1, BlockNumberOrHash.READER).orElse(BlockNumberOrHash.of(BlockNumber.LATEST));
    StateView state = blocks.state(block);
    args.callData();
    TransferOnly.recipient(args, state);
    Address from = TransferOnly.sender(args);
    BigInteger value = TransferOnly.value(args);
    BigInteger balance = TransferOnly.balance(state, from);
    if (balance.compareTo(value) < 0) {
      throw RpcError.server("insufficient funds for gas * price + value: address " + from.toHex()
              + " have " + balance + " want " + value)
          .toException();
    }
    return TextNode.valueOf("0x");
  }
}
