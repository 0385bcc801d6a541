package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.exec.CallResult;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.CallArgs;
import java.math.BigInteger;

/**
 * eth_estimateGas(call, block?, stateOverrides?) as geth estimates: a plain transfer costs its
 * intrinsic gas; otherwise execute at the cap (failing there is the call's error, or "gas
 * required exceeds allowance (N)" when it ran out of gas), try the optimistic limit
 * {@code (used + refund + 2300) * 64 / 63}, then binary-search the least gas limit that succeeds.
 * The cap is the call's gas, else the block gas limit, lowered to what the sender's balance pays
 * at the given fee cap.
 */
public final class EthEstimateGas implements SyncRpcMethod {
  private final BlockResolver blocks;
  private final dev.raftseq.chain.exec.TxProcessor processor = new dev.raftseq.chain.exec.TxProcessor();

  public EthEstimateGas(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_estimateGas";
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
      throw RpcError.server("insufficient funds for transfer").toException();
    }
    long intrinsic = call.intrinsicGas();
    long hi = args.gas() != null && args.gas() >= 21_000 ? args.gas() : blocks.header(block).gasLimit();
    BigInteger feeCap = args.gasPrice() != null ? args.gasPrice() : args.maxFeePerGas();
    if (feeCap != null && feeCap.signum() > 0) {
      BigInteger allowance = balance.subtract(call.value.value()).divide(feeCap);
      if (allowance.compareTo(BigInteger.valueOf(hi)) < 0) {
        hi = allowance.longValue();
      }
    }
    if (args.gas() != null && args.gas() < hi) {
      hi = args.gas();
    }
    if (!call.hasCode(call.to) && call.to != null) {
      if (hi < intrinsic) {
        throw allowance(hi);
      }
      return TextNode.valueOf(Quantity.of(intrinsic));
    }
    Run top = run(call, intrinsic, hi);
    if (!top.ok) {
      if (top.result != null && top.result.reverted()) {
        throw EvmCall.failure(top.result);
      }
      if (top.result != null && top.result.error() != null && !top.result.error().contains("out of gas")
          && !top.result.error().contains("storage out of gas")) {
        throw EvmCall.failure(top.result);
      }
      throw allowance(hi);
    }
    long lo = top.used - 1;
    long optimistic = (top.used + 2300) * 64 / 63;
    if (optimistic < hi) {
      if (run(call, intrinsic, optimistic).ok) {
        hi = optimistic;
      } else {
        lo = optimistic;
      }
    }
    while (lo + 1 < hi) {
      long mid = lo + (hi - lo) / 2;
      if (run(call, intrinsic, mid).ok) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return TextNode.valueOf(Quantity.of(hi));
  }

  private static RpcException allowance(long hi) {
    return RpcError.server("gas required exceeds allowance (" + Long.toUnsignedString(hi) + ")").toException();
  }

  private record Run(boolean ok, long used, CallResult result) {}

  /** A whole transaction with this gas limit: intrinsic gas first, the rest to the call. */
  private static Run run(EvmCall call, long intrinsic, long gasLimit) {
    if (gasLimit < intrinsic) {
      return new Run(false, gasLimit, null);
    }
    CallResult r = call.call(gasLimit - intrinsic);
    return new Run(r.success(), intrinsic + r.gasUsed(), r);
  }
}
