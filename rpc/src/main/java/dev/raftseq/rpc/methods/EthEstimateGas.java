package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.exec.IntrinsicGas;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.CallArgs;
import java.util.List;

/**
 * eth_estimateGas(call, block?): for a transfer (the only transactions this chain executes yet)
 * the gas is exactly its intrinsic gas; anything that would run code is the "not supported yet"
 * error. Errors as geth: "insufficient funds for transfer", "gas required exceeds allowance (N)".
 */
public final class EthEstimateGas implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthEstimateGas(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_estimateGas";
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
    byte[] data = args.callData();
    TransferOnly.recipient(args, state);
    if (TransferOnly.balance(state, TransferOnly.sender(args)).compareTo(TransferOnly.value(args)) < 0) {
      throw RpcError.server("insufficient funds for transfer").toException();
    }
    long gas = intrinsicGas(args, data);
    if (args.gas() != null && Long.compareUnsigned(args.gas(), gas) < 0) {
      throw RpcError.server("gas required exceeds allowance (" + Long.toUnsignedString(args.gas()) + ")")
          .toException();
    }
    return TextNode.valueOf(Quantity.of(gas));
  }

  /** The transfer's intrinsic gas, by the chain's own rule. */
  static long intrinsicGas(CallArgs args, byte[] data) {
    Wei value = Wei.of(TransferOnly.value(args));
    List<AccessTuple> accessList = args.accessList() == null ? List.of() : args.accessList();
    Transaction unsigned =
        new Transaction(TxType.EIP1559, null, 0, Wei.ZERO, Wei.ZERO, 0, args.to(), value, data, accessList, null);
    return IntrinsicGas.of(unsigned);
  }
}
