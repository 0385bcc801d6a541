package dev.raftseq.bench.loadgen;

import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;

/**
 * The maximum-throughput run: pre-signed transfers from many senders go out as JSON-RPC batches
 * from {@code C} concurrent senders, each sending its next batch the moment the previous one is
 * answered, for the run's duration (or until the pre-signed set is used up); then it waits for the
 * acknowledged transactions to be included. Latencies run from the moment a batch was sent.
 */
public final class ClosedLoopRun {
  private static final long DRAIN_CHECK_NANOS = 5_000_000;

  private final LoadGenOptions options;
  private final JsonRpcClient rpc;
  private final Ticker ticker;
  private final Clock clock;
  private final PrintStream progress;

  public ClosedLoopRun(LoadGenOptions options, JsonRpcClient rpc, Ticker ticker, Clock clock, PrintStream progress) {
    if (!options.closedLoop()) {
      throw new IllegalArgumentException("not a closed-loop configuration");
    }
    this.options = options;
    this.rpc = rpc;
    this.ticker = ticker;
    this.clock = clock;
    this.progress = progress;
  }

  public LoadGenResult run() {
    URI primary = options.rpcs().get(0);
    LoadRun setup = new LoadRun(options, rpc, ticker, clock, progress);
    long chainId = options.chainId().orElseGet(() -> rpc.callQuantity(primary, "eth_chainId").longValueExact());
    Fees fees = setup.fees(primary);
    List<Credentials> senders = DevAccounts.derive(options.mnemonic(), options.firstAccount(), options.accounts());
    List<BigInteger> nonces = setup.pendingNonces(primary, senders);
    int planned = options.plannedTxs();
    long t0 = ticker.nanos();
    List<PreSignedTx> txs = new TransferSigner(chainId, fees, options.gasLimit(), options.value())
        .signAll(senders, nonces, planned);
    progress.printf("loadgen: signed %d %s transfers from %d accounts in %.2f s; closed loop, %d senders of batches"
        + " of %d%n", planned, options.kind().flag(), senders.size(), (ticker.nanos() - t0) / 1e9,
        options.closedLoopConcurrency(), options.batchSize());

    TxTracker tracker = new TxTracker();
    long head = rpc.callQuantity(primary, "eth_blockNumber").longValueExact();
    String startedAt = clock.instant().toString();
    AtomicInteger next = new AtomicInteger();
    long start;
    long sendEnd;
    long drainEnd;
    try (BlockWatcher watcher = new BlockWatcher(rpc, primary, head, tracker, ticker, options.pollInterval())) {
      watcher.start();
      start = ticker.nanos();
      long stopAt = start + options.duration().toNanos();
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int w = 0; w < options.closedLoopConcurrency(); w++) {
        URI endpoint = options.rpcs().get(w % options.rpcs().size());
        workers.add(sendBatches(endpoint, txs, next, tracker, stopAt));
      }
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
      sendEnd = ticker.nanos();
      progress.printf("loadgen: sent %d in %.2f s; waiting up to %.1f s for inclusion%n", Math.min(next.get(), planned),
          (sendEnd - start) / 1e9, options.drainTimeout().toMillis() / 1e3);
      long deadline = sendEnd + options.drainTimeout().toNanos();
      while (ticker.nanos() < deadline && tracker.unsettled() > 0) {
        LockSupport.parkNanos(DRAIN_CHECK_NANOS);
      }
      drainEnd = ticker.nanos();
      watcher.close();
      TxTracker.Stats s = tracker.stats();
      double sendWindowS = (sendEnd - start) / 1e9;
      double inclusionWindowS = s.lastInclusionAtNanos() < 0 ? 0 : (s.lastInclusionAtNanos() - start) / 1e9;
      return new LoadGenResult(options.label(), startedAt, options.rpcs().stream().map(URI::toString).toList(),
          chainId, options.kind().flag(), 0, options.duration().toMillis() / 1e3, options.accounts(),
          options.firstAccount(), planned, s.sent(), s.acked(), s.included(), s.failed(), s.notIncluded(),
          s.errorsByMessage(), watcher.errors().snapshot(), round1(s.sent() / sendWindowS),
          inclusionWindowS > 0 ? round1(s.included() / inclusionWindowS) : 0,
          Math.round((drainEnd - start) / 1e7) / 100.0, s.ackLatency(), s.inclusionLatency(), LatencySummary.EMPTY,
          s.blocksObserved(), s.blocksWithOurTxs(), s.maxOurTxsPerBlock());
    }
  }

  /** One closed-loop sender: a batch, its answer, the next batch; until the deadline or the set runs out. */
  private CompletableFuture<Void> sendBatches(URI endpoint, List<PreSignedTx> txs, AtomicInteger next,
      TxTracker tracker, long stopAt) {
    if (ticker.nanos() >= stopAt) {
      return CompletableFuture.completedFuture(null);
    }
    int from = next.getAndAdd(options.batchSize());
    if (from >= txs.size()) {
      return CompletableFuture.completedFuture(null);
    }
    List<PreSignedTx> batch = txs.subList(from, Math.min(txs.size(), from + options.batchSize()));
    long sentAt = ticker.nanos();
    List<List<Object>> params = new ArrayList<>(batch.size());
    for (PreSignedTx tx : batch) {
      tracker.sent(tx.hash(), sentAt);
      params.add(List.of(tx.rawHex()));
    }
    return rpc.batchAsync(endpoint, "eth_sendRawTransaction", params).handle((answers, error) -> {
      long at = ticker.nanos();
      for (int i = 0; i < batch.size(); i++) {
        PreSignedTx tx = batch.get(i);
        if (error != null) {
          Throwable cause = error.getCause() != null ? error.getCause() : error;
          tracker.failed(tx.hash(), cause instanceof RpcException ? cause.getMessage() : String.valueOf(cause));
        } else if (answers.get(i).ok()) {
          JsonNodeText r = JsonNodeText.of(answers.get(i));
          tracker.acked(tx.hash(), r.text(), at);
        } else {
          tracker.failed(tx.hash(), answers.get(i).error());
        }
      }
      return null;
    }).thenCompose(v -> sendBatches(endpoint, txs, next, tracker, stopAt));
  }

  /** The textual result of an answer (a transaction hash), or null. */
  private record JsonNodeText(String text) {
    static JsonNodeText of(JsonRpcClient.BatchAnswer a) {
      return new JsonNodeText(a.result() != null && a.result().isTextual() ? a.result().asText() : null);
    }
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
