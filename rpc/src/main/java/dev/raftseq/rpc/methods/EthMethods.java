package dev.raftseq.rpc.methods;

import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.MethodRegistry;
import java.util.List;

/** The registry of every method this server answers. */
public final class EthMethods {
  private EthMethods() {}

  /** geth's filter timeout: a filter not polled for five minutes is dropped. */
  public static final java.time.Duration FILTER_TIMEOUT = java.time.Duration.ofMinutes(5);
  public static final int MAX_FILTERS = 10_000;

  public static MethodRegistry registry(EthBackend backend, int maxLogsBlockRange) {
    return registry(backend, maxLogsBlockRange, EthGetLogs.DEFAULT_MAX_RESULTS);
  }

  public static MethodRegistry registry(EthBackend backend, int maxLogsBlockRange, int maxLogsResults) {
    return registry(backend, maxLogsBlockRange, maxLogsResults, java.time.Clock.systemUTC());
  }

  /** With the clock filter expiry reads (tests pass a controllable one). */
  public static MethodRegistry registry(EthBackend backend, int maxLogsBlockRange, int maxLogsResults,
      java.time.Clock clock) {
    EthGetLogs getLogs = new EthGetLogs(backend, maxLogsBlockRange, maxLogsResults);
    java.util.List<dev.raftseq.rpc.jsonrpc.RpcMethod> methods = new java.util.ArrayList<>(
        List.of(
            new EthChainId(backend),
            new NetVersion(backend),
            new Web3ClientVersion(backend),
            new NetListening(),
            new NetPeerCount(backend),
            new EthSyncing(backend),
            new EthAccounts(),
            new EthBlockNumber(backend),
            new EthGetBlockByNumber(backend),
            new EthGetBlockByHash(backend),
            new EthGetBlockTransactionCountByNumber(backend),
            new EthGetBlockTransactionCountByHash(backend),
            new EthGetTransactionByHash(backend),
            new EthGetTransactionByBlockNumberAndIndex(backend),
            new EthGetTransactionByBlockHashAndIndex(backend),
            new EthGetTransactionReceipt(backend),
            new EthGetBalance(backend),
            new EthGetTransactionCount(backend),
            new EthGetCode(backend),
            new EthGetStorageAt(backend),
            new EthSendRawTransaction(backend),
            new EthGasPrice(backend),
            new EthMaxPriorityFeePerGas(backend),
            new EthFeeHistory(backend),
            new EthEstimateGas(backend),
            new EthCall(backend),
            new DebugTraceTransaction(backend),
            new EthGetProof(backend),
            getLogs,
            new EthSubscribe(backend),
            new EthUnsubscribe()));
    methods.addAll(FilterMethods.all(backend, new Filters(clock, FILTER_TIMEOUT, MAX_FILTERS), getLogs));
    return MethodRegistry.of(methods);
  }
}
