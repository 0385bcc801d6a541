package dev.raftseq.rpc.methods;

import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.MethodRegistry;
import java.util.List;

/** The registry of every method this server answers. */
public final class EthMethods {
  private EthMethods() {}

  public static MethodRegistry registry(EthBackend backend, int maxLogsBlockRange) {
    return registry(backend, maxLogsBlockRange, EthGetLogs.DEFAULT_MAX_RESULTS);
  }

  public static MethodRegistry registry(EthBackend backend, int maxLogsBlockRange, int maxLogsResults) {
    return MethodRegistry.of(
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
            new EthGetLogs(backend, maxLogsBlockRange, maxLogsResults),
            new EthSubscribe(backend),
            new EthUnsubscribe()));
  }
}
