package dev.raftseq.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;

/**
 * One load-generator run: setup (chain id, fees, nonces, pre-signing), an open-loop submission
 * phase, a drain phase that waits for inclusions until the drain timeout, and the result.
 */
public final class LoadRun {
  private static final long DRAIN_CHECK_NANOS = 5_000_000;

  private final LoadGenOptions options;
  private final JsonRpcClient rpc;
  private final Ticker ticker;
  private final Clock clock;
  private final PrintStream progress;

  public LoadRun(LoadGenOptions options, JsonRpcClient rpc, Ticker ticker, Clock clock, PrintStream progress) {
    this.options = options;
    this.rpc = rpc;
    this.ticker = ticker;
    this.clock = clock;
    this.progress = progress;
  }

  public LoadGenResult run() {
    URI primary = options.rpcs().get(0);
    long chainId = options.chainId().orElseGet(() -> rpc.callQuantity(primary, "eth_chainId").longValueExact());
    Fees fees = fees(primary);
    List<Credentials> senders = DevAccounts.derive(options.mnemonic(), options.firstAccount(), options.accounts());
    List<BigInteger> nonces = pendingNonces(primary, senders);
    int planned = options.plannedTxs();
    long t0 = ticker.nanos();
    List<PreSignedTx> txs = new TransferSigner(chainId, fees, options.gasLimit(), options.value())
        .signAll(senders, nonces, planned);
    progress.printf("loadgen: signed %d %s transfers from %d accounts in %.2f s (chain %d, max fee %s, tip %s wei)%n",
        planned, options.kind().flag(), senders.size(), (ticker.nanos() - t0) / 1e9, chainId, fees.maxFeePerGas(),
        fees.tipPerGas());

    TxTracker tracker = new TxTracker();
    long head = rpc.callQuantity(primary, "eth_blockNumber").longValueExact();
    String startedAt = clock.instant().toString();
    long[] lag = new long[planned];
    long start;
    long sendEnd;
    long drainEnd;
    try (BlockWatcher watcher = new BlockWatcher(rpc, primary, head, tracker, ticker, options.pollInterval())) {
      watcher.start();
      Semaphore inFlight = new Semaphore(options.maxInFlight());
      OpenLoopSchedule schedule = new OpenLoopSchedule(options.ratePerSecond());
      start = ticker.nanos();
      for (int k = 0; k < planned; k++) {
        long due = start + schedule.dueOffsetNanos(k);
        waitUntil(due);
        PreSignedTx tx = txs.get(k);
        tracker.sent(tx.hash(), due);
        lag[k] = ticker.nanos() - due;
        if (!inFlight.tryAcquire()) {
          tracker.failed(tx.hash(), "loadgen: more than " + options.maxInFlight() + " requests in flight; not sent");
          continue;
        }
        URI endpoint = options.rpcs().get(k % options.rpcs().size());
        CompletableFuture<JsonNode> f = rpc.callAsync(endpoint, "eth_sendRawTransaction", tx.rawHex());
        f.whenComplete((result, error) -> {
          long at = ticker.nanos();
          inFlight.release();
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            tracker.failed(tx.hash(), cause instanceof RpcException ? cause.getMessage() : String.valueOf(cause));
          } else {
            tracker.acked(tx.hash(), result.isTextual() ? result.asText() : null, at);
          }
        });
      }
      sendEnd = ticker.nanos();
      progress.printf("loadgen: sent %d in %.2f s; waiting up to %.1f s for acks and inclusion%n", planned,
          (sendEnd - start) / 1e9, options.drainTimeout().toMillis() / 1e3);
      long deadline = sendEnd + options.drainTimeout().toNanos();
      while (ticker.nanos() < deadline
          && (inFlight.availablePermits() < options.maxInFlight() || tracker.unsettled() > 0)) {
        LockSupport.parkNanos(DRAIN_CHECK_NANOS);
      }
      drainEnd = ticker.nanos();
      watcher.close();
      return result(tracker.stats(), watcher.errors(), startedAt, chainId, fees, planned, lag, start, sendEnd,
          drainEnd);
    }
  }

  private LoadGenResult result(TxTracker.Stats s, ErrorCounts watcherErrors, String startedAt, long chainId,
      Fees fees, int planned, long[] lag, long start, long sendEnd, long drainEnd) {
    long slot = new OpenLoopSchedule(options.ratePerSecond()).slotNanos();
    double sendWindowS = (sendEnd - start + slot) / 1e9;
    double inclusionWindowS = s.lastInclusionAtNanos() < 0 ? 0 : (s.lastInclusionAtNanos() - start) / 1e9;
    return new LoadGenResult(
        options.label(), startedAt, options.rpcs().stream().map(URI::toString).toList(), chainId,
        fees.kind().flag(), options.ratePerSecond(), options.duration().toMillis() / 1e3, options.accounts(),
        options.firstAccount(), planned, s.sent(), s.acked(), s.included(), s.failed(), s.notIncluded(),
        s.errorsByMessage(), watcherErrors.snapshot(), round1(s.sent() / sendWindowS),
        inclusionWindowS > 0 ? round1(s.included() / inclusionWindowS) : 0, Math.round((drainEnd - start) / 1e7) / 100.0,
        s.ackLatency(), s.inclusionLatency(), LatencySummary.ofNanos(lag), s.blocksObserved(),
        s.blocksWithOurTxs(), s.maxOurTxsPerBlock());
  }

  Fees fees(URI primary) {
    BigInteger nodePrice = options.maxFee().isPresent() ? BigInteger.ZERO : rpc.callQuantity(primary, "eth_gasPrice");
    return Fees.resolve(options.kind(), options.maxFee().orElse(null), options.tip().orElse(null), nodePrice);
  }

  /** Each sender's next nonce, asked in JSON-RPC batches of 200 (a thousand senders, a few requests). */
  List<BigInteger> pendingNonces(URI primary, List<Credentials> senders) {
    List<BigInteger> out = new java.util.ArrayList<>(senders.size());
    for (int from = 0; from < senders.size(); from += 200) {
      List<List<Object>> params = senders.subList(from, Math.min(senders.size(), from + 200)).stream()
          .map(c -> List.<Object>of(c.getAddress(), "pending")).toList();
      List<JsonRpcClient.BatchAnswer> answers;
      try {
        answers = rpc.batchAsync(primary, "eth_getTransactionCount", params).join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RpcException r ? r : new RpcException(String.valueOf(e.getCause()));
      }
      for (JsonRpcClient.BatchAnswer a : answers) {
        if (!a.ok()) {
          throw new RpcException("eth_getTransactionCount: " + a.error());
        }
        out.add(JsonRpcClient.parseQuantity("eth_getTransactionCount", a.result()));
      }
    }
    return out;
  }

  private void waitUntil(long dueNanos) {
    long wait;
    while ((wait = dueNanos - ticker.nanos()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
