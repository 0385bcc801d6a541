package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.exec.CallResult;
import dev.raftseq.chain.types.Hex;
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
 * eth_call(call, block?, stateOverrides?): runs the call in the EVM on the block's state (with
 * the overrides) and returns its output. A revert is error 3 "execution reverted[: reason]" with
 * the revert data, as geth answers; other failures are -32000 with the VM error.
 */
public final class EthCall implements SyncRpcMethod {
  private final BlockResolver blocks;
  private final dev.raftseq.chain.exec.TxProcessor processor = new dev.raftseq.chain.exec.TxProcessor();

  public EthCall(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_call";
  }

  @Override
  public int maxParams() {
    return 3;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    CallArgs args = params.required(0, CallArgs.READER);
    BlockNumberOrHash block =
        params.optional(1, BlockNumberOrHash.READER).orElse(BlockNumberOrHash.of(BlockNumber.LATEST));
    JsonNode overrides = params.optional(2, n -> n).orElse(null);
    EvmCall call = EvmCall.prepare(processor, blocks, args, block, overrides);
    BigInteger balance = call.balance(call.from);
    if (balance.compareTo(call.value.value()) < 0) {
      throw RpcError.server("insufficient funds for gas * price + value: address " + call.from.toHex()
              + " have " + balance + " want " + call.value.value())
          .toException();
    }
    long gas = args.gas() == null || args.gas() <= 0 ? EvmCall.GAS_CAP : Math.min(args.gas(), EvmCall.GAS_CAP);
    CallResult r = call.call(gas);
    if (!r.success()) {
      throw EvmCall.failure(r);
    }
    return TextNode.valueOf(Hex.encode(r.output()));
  }
}
