package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.LogJson;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.LogFilter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * eth_getLogs(filter): logs of applied blocks matching the filter, in chain order. A range
 * (absent ends mean latest) is clamped to the head; from > to is -32602 "invalid block range
 * params"; more than {@code maxBlockRange} blocks is -32000 "exceed maximum block range: N";
 * an unknown blockHash is -32000 "unknown block". Blocks whose bloom rules them out are skipped.
 * More than {@code maxResults} matching logs is -32005 "query returned more than N results" (the
 * text clients already handle by splitting the range); the scan stops as soon as it is exceeded,
 * so one call never holds more than that many logs in memory.
 */
public final class EthGetLogs implements SyncRpcMethod {
  private final EthBackend backend;
  private final BlockResolver blocks;
  public static final int DEFAULT_MAX_RESULTS = 10_000;

  private final int maxBlockRange;
  private final int maxResults;

  public EthGetLogs(EthBackend backend, int maxBlockRange) {
    this(backend, maxBlockRange, DEFAULT_MAX_RESULTS);
  }

  public EthGetLogs(EthBackend backend, int maxBlockRange, int maxResults) {
    if (maxBlockRange < 1 || maxResults < 1) {
      throw new IllegalArgumentException("maxBlockRange and maxResults must be positive");
    }
    this.backend = backend;
    this.blocks = new BlockResolver(backend.chain());
    this.maxBlockRange = maxBlockRange;
    this.maxResults = maxResults;
  }

  @Override
  public String name() {
    return "eth_getLogs";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    return logs(params.required(0, LogFilter.READER));
  }

  /** The logs a filter selects (eth_getLogs, eth_getFilterLogs). */
  ArrayNode logs(LogFilter filter) throws RpcException {
    ArrayNode out = RpcJson.NODES.arrayNode();
    if (filter.blockHash() != null) {
      Block block = backend.chain().blockByHash(filter.blockHash())
          .orElseThrow(() -> RpcError.server("unknown block").toException());
      collect(block, filter, out);
      return out;
    }
    long head = backend.chain().head().number();
    long from = blocks.number(filter.fromBlock() == null ? BlockNumber.LATEST : filter.fromBlock());
    long to = blocks.number(filter.toBlock() == null ? BlockNumber.LATEST : filter.toBlock());
    if (from > to) {
      throw RpcError.invalidParams("invalid block range params").toException();
    }
    to = Math.min(to, head);
    if (from > to) {
      return out;
    }
    if (to - from + 1 > maxBlockRange) {
      throw RpcError.server("exceed maximum block range: " + maxBlockRange).toException();
    }
    for (long n = from; n <= to; n++) {
      Optional<Header> header = backend.chain().headerByNumber(n);
      if (header.isEmpty()) {
        break;
      }
      if (!LogBloom.mayMatch(header.get().logsBloom(), filter.addresses(), filter.topics())) {
        continue;
      }
      Optional<Block> block = backend.chain().blockByNumber(n);
      if (block.isEmpty()) {
        break;
      }
      collect(block.get(), filter, out);
    }
    return out;
  }

  private void collect(Block block, LogFilter filter, ArrayNode out) throws RpcException {
    collect(backend.chain(), block, filter, out);
    if (out.size() > maxResults) {
      throw RpcError.limitExceeded("query returned more than " + maxResults + " results").toException();
    }
  }

  /** Appends the block's logs that match {@code filter} (its block range is not looked at). */
  static void collect(dev.raftseq.chain.store.ChainReader chain, Block block, LogFilter filter, ArrayNode out) {
    List<Receipt> receipts = chain.receipts(block.hash());
    int logIndex = 0;
    for (int i = 0; i < receipts.size() && i < block.transactions().size(); i++) {
      for (Log log : receipts.get(i).logs()) {
        if (matches(log, filter)) {
          out.add(LogJson.of(log, block, block.transactions().get(i), i, logIndex));
        }
        logIndex++;
      }
    }
  }

  static boolean matches(Log log, LogFilter filter) {
    if (!filter.addresses().isEmpty() && !filter.addresses().contains(log.address())) {
      return false;
    }
    List<Set<Hash>> topics = filter.topics();
    if (topics.size() > log.topics().size()) {
      return false;
    }
    for (int i = 0; i < topics.size(); i++) {
      if (!topics.get(i).isEmpty() && !topics.get(i).contains(log.topics().get(i))) {
        return false;
      }
    }
    return true;
  }
}
