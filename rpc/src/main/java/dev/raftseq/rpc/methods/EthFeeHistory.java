package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.Target;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * eth_feeHistory(blockCount, newestBlock, rewardPercentiles?) with geth's semantics: at most
 * 1024 blocks (more is truncated), never before genesis, newest beyond the head is an error;
 * baseFeePerGas has one more entry (the block after newest); rewards are the effective tips at
 * the given percentiles of gas used, from the block's transactions sorted by tip; blocks
 * without transactions give zero rewards. Percentiles: at most 100, each in [0, 100], strictly
 * increasing.
 */
public final class EthFeeHistory implements SyncRpcMethod {
  static final int MAX_BLOCKS = 1024;
  static final int MAX_PERCENTILES = 100;
  // EIP-4844 (Cancun) blob gas parameters
  private static final long TARGET_BLOB_GAS = 393_216;
  private static final long MAX_BLOB_GAS = 786_432;
  private static final BigInteger BLOB_FEE_UPDATE_FRACTION = BigInteger.valueOf(3_338_477);

  private final EthBackend backend;
  private final BlockResolver blocks;

  public EthFeeHistory(EthBackend backend) {
    this.backend = backend;
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_feeHistory";
  }

  @Override
  public int maxParams() {
    return 3;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    long requested = params.required(0, EthFeeHistory::hexOrDecimal);
    BlockNumber newestParam = params.required(1, BlockNumber.READER);
    List<Double> percentiles = params.optional(2, EthFeeHistory::percentiles).orElse(List.of());
    ObjectNode out = RpcJson.NODES.objectNode();
    if (requested == 0) {
      out.put("oldestBlock", "0x0");
      out.putNull("gasUsedRatio");
      return out;
    }
    checkPercentiles(percentiles);
    long count = Long.compareUnsigned(requested, MAX_BLOCKS) > 0 ? MAX_BLOCKS : requested;
    Block head = backend.chain().head();
    long newest = blocks.number(newestParam);
    if (newest > head.number()) {
      throw RpcError.server(
              "request beyond head block: requested " + newest + ", head " + head.number())
          .toException();
    }
    count = Math.min(count, newest + 1);
    long oldest = newest + 1 - count;

    ArrayNode reward = RpcJson.NODES.arrayNode();
    ArrayNode baseFees = RpcJson.NODES.arrayNode();
    ArrayNode gasUsedRatio = RpcJson.NODES.arrayNode();
    ArrayNode blobBaseFees = RpcJson.NODES.arrayNode();
    ArrayNode blobGasUsedRatio = RpcJson.NODES.arrayNode();
    Header last = null;
    for (long n = oldest; n <= newest; n++) {
      Header h;
      if (percentiles.isEmpty()) {
        h = backend.chain().headerByNumber(n).orElse(null);
      } else {
        Block b = backend.chain().blockByNumber(n).orElse(null);
        h = b == null ? null : b.header();
        if (b != null) {
          reward.add(rewards(b, backend.chain().receipts(b.hash()), percentiles));
        }
      }
      if (h == null) {
        throw RpcError.server("header not found").toException();
      }
      baseFees.add(Quantity.of(h.baseFeePerGas()));
      gasUsedRatio.add(h.gasLimit() == 0 ? 0.0 : (double) h.gasUsed() / h.gasLimit());
      blobBaseFees.add(Quantity.of(blobBaseFee(h.excessBlobGas())));
      blobGasUsedRatio.add((double) h.blobGasUsed() / MAX_BLOB_GAS);
      last = h;
    }
    Wei next =
        newest == head.number()
            ? backend.nextBaseFee()
            : backend.chain().headerByNumber(newest + 1).map(Header::baseFeePerGas).orElseGet(backend::nextBaseFee);
    baseFees.add(Quantity.of(next));
    blobBaseFees.add(Quantity.of(blobBaseFee(nextExcessBlobGas(last))));

    out.put("oldestBlock", Quantity.of(oldest));
    if (!percentiles.isEmpty()) {
      out.set("reward", reward);
    }
    out.set("baseFeePerGas", baseFees);
    out.set("gasUsedRatio", gasUsedRatio);
    out.set("baseFeePerBlobGas", blobBaseFees);
    out.set("blobGasUsedRatio", blobGasUsedRatio);
    return out;
  }

  /** geth's processBlock: tips sorted ascending, picked where cumulative gas reaches p% of the block's. */
  static ArrayNode rewards(Block block, List<Receipt> receipts, List<Double> percentiles) {
    ArrayNode row = RpcJson.NODES.arrayNode();
    List<RecoveredTx> txs = block.transactions();
    if (txs.isEmpty() || receipts.size() < txs.size()) {
      percentiles.forEach(p -> row.add("0x0"));
      return row;
    }
    Wei baseFee = block.header().baseFeePerGas();
    List<long[]> gasAndIndex = new ArrayList<>();
    List<BigInteger> tips = new ArrayList<>();
    long previous = 0;
    for (int i = 0; i < txs.size(); i++) {
      long cumulative = receipts.get(i).cumulativeGasUsed();
      gasAndIndex.add(new long[] {cumulative - previous, i});
      previous = cumulative;
      tips.add(tip(txs.get(i).tx(), baseFee));
    }
    gasAndIndex.sort(Comparator.comparing(g -> tips.get((int) g[1])));
    long blockGas = block.header().gasUsed();
    int txIndex = 0;
    long sumGasUsed = gasAndIndex.get(0)[0];
    for (double p : percentiles) {
      long threshold = (long) ((double) blockGas * p / 100);
      while (sumGasUsed < threshold && txIndex < txs.size() - 1) {
        txIndex++;
        sumGasUsed += gasAndIndex.get(txIndex)[0];
      }
      row.add(Quantity.of(tips.get((int) gasAndIndex.get(txIndex)[1])));
    }
    return row;
  }

  private static BigInteger tip(Transaction tx, Wei baseFee) {
    BigInteger headroom = tx.maxFeePerGas().value().subtract(baseFee.value());
    BigInteger tip =
        tx.type() == TxType.EIP1559 ? tx.maxPriorityFeePerGas().value().min(headroom) : headroom;
    return tip.max(BigInteger.ZERO);
  }

  private static void checkPercentiles(List<Double> percentiles) throws RpcException {
    if (percentiles.size() > MAX_PERCENTILES) {
      throw RpcError.server("invalid reward percentile: over the query limit " + MAX_PERCENTILES).toException();
    }
    for (int i = 0; i < percentiles.size(); i++) {
      double p = percentiles.get(i);
      if (!(p >= 0 && p <= 100)) {
        throw RpcError.server(String.format(Locale.ROOT, "invalid reward percentile: %f", p)).toException();
      }
      if (i > 0 && p <= percentiles.get(i - 1)) {
        throw RpcError.server(String.format(Locale.ROOT, "invalid reward percentile: #%d:%f >= #%d:%f",
                i - 1, percentiles.get(i - 1), i, p))
            .toException();
      }
    }
  }

  /** geth's math.HexOrDecimal64: a JSON number or string, decimal or 0x-hex. */
  static long hexOrDecimal(JsonNode node) throws InvalidParamException {
    String s = node.isTextual() ? node.textValue() : node.toString();
    try {
      if (s.isEmpty()) {
        return 0;
      }
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return parseUnsigned(s.substring(2), 16);
      }
      return parseUnsigned(s, 10);
    } catch (NumberFormatException e) {
      throw new InvalidParamException("invalid hex or decimal integer \"" + s + "\"");
    }
  }

  private static long parseUnsigned(String digits, int radix) {
    if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
      throw new NumberFormatException(digits);
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      boolean ok = radix == 10 ? c >= '0' && c <= '9'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        throw new NumberFormatException(digits);
      }
    }
    return Long.parseUnsignedLong(digits, radix);
  }

  static List<Double> percentiles(JsonNode node) throws InvalidParamException {
    if (!node.isArray()) {
      throw new Target("[]float64", null).cannotUnmarshal(Target.kind(node));
    }
    List<Double> out = new ArrayList<>(node.size());
    for (JsonNode p : node) {
      if (!p.isNumber()) {
        throw new Target("float64", null).cannotUnmarshal(Target.kind(p));
      }
      out.add(p.doubleValue());
    }
    return out;
  }

  private static long nextExcessBlobGas(Header parent) {
    long sum = parent.excessBlobGas() + parent.blobGasUsed();
    return sum < TARGET_BLOB_GAS ? 0 : sum - TARGET_BLOB_GAS;
  }

  /** EIP-4844 fake_exponential(1, excess, update fraction). */
  static BigInteger blobBaseFee(long excessBlobGas) {
    BigInteger numerator = BigInteger.valueOf(excessBlobGas);
    BigInteger output = BigInteger.ZERO;
    BigInteger accum = BLOB_FEE_UPDATE_FRACTION;
    for (int i = 1; accum.signum() > 0; i++) {
      output = output.add(accum);
      accum = accum.multiply(numerator).divide(BLOB_FEE_UPDATE_FRACTION.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(BLOB_FEE_UPDATE_FRACTION);
  }
}
