package dev.raftseq.systest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.history.HistoryRecorder;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives transfers from many accounts against every node's JSON-RPC and records each request
 * (invoke) and its answer (ok / fail / info) in the history. One client thread per account, so
 * each sender's nonces are in order: nonce n+1 is sent only after n was acknowledged or seen
 * included; an unknown outcome is resolved by sending the same signed bytes again (same hash,
 * so never a second transaction) until it is acknowledged, known or included.
 */
public final class LoadDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final List<String> nodeUrls;
  private final List<String> nodeNames;
  private final List<LoadAccount> accounts;
  private final long chainId;
  private final HistoryRecorder history;
  private final RatePacer pacer;
  private final long seed;
  private final JsonRpc rpc = new JsonRpc();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private volatile boolean running;

  public LoadDriver(List<String> nodeUrls, List<String> nodeNames, List<LoadAccount> accounts, long chainId,
      HistoryRecorder history, double txPerSecond, long seed) {
    this.nodeUrls = List.copyOf(nodeUrls);
    this.nodeNames = List.copyOf(nodeNames);
    this.accounts = List.copyOf(accounts);
    this.chainId = chainId;
    this.history = history;
    this.pacer = new RatePacer(txPerSecond);
    this.seed = seed;
  }

  public void start() {
    running = true;
    for (int i = 0; i < accounts.size(); i++) {
      LoadAccount a = accounts.get(i);
      Random random = new Random(seed * 31 + i);
      Thread t = new Thread(() -> runAccount(a, random), "client-" + a.devIndex());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  /** Stops sending; waits for the requests in flight to be answered (or to time out). */
  @Override
  public void close() {
    running = false;
    long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(10).toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void runAccount(LoadAccount account, Random random) {
    String process = "client-" + account.devIndex();
    long nonce = 0;
    LoadAccount.SignedTx pending = null;
    while (running) {
      if (pending == null) {
        pending = account.transfer(chainId, nonce, recipient(random), 1 + random.nextInt(1000));
      }
      pacer.acquire();
      if (!running) {
        return;
      }
      int node = random.nextInt(nodeUrls.size());
      SubmitOutcome outcome = submit(process, node, pending);
      if (outcome.type() == OpType.OK) {
        acknowledged.incrementAndGet();
        nonce++;
        pending = null;
      } else if (outcome.nonceTooLow() || outcome.alreadyKnown() || outcome.type() == OpType.INFO) {
        if (included(pending, random)) {
          nonce++;
          pending = null;
        } else {
          backOff(random, outcome.type() == OpType.INFO ? 250 : 500);
        }
      } else {
        backOff(random, 1000);
      }
    }
  }

  private SubmitOutcome submit(String process, int node, LoadAccount.SignedTx tx) {
    ObjectNode inv = HistoryRecorder.value().put("tx", tx.hash().toHex()).put("from", tx.from().toHex())
        .put("nonce", tx.nonce()).put("node", nodeNames.get(node));
    history.record(process, OpType.INVOKE, Ops.SUBMIT, inv);
    SubmitOutcome outcome;
    try {
      outcome = SubmitOutcome.of(rpc.call(nodeUrls.get(node), REQUEST_TIMEOUT, "eth_sendRawTransaction", tx.rawHex()));
    } catch (IOException e) {
      outcome = SubmitOutcome.of(e);
    }
    ObjectNode done = HistoryRecorder.value().put("tx", tx.hash().toHex()).put("node", nodeNames.get(node));
    if (outcome.error() != null) {
      done.put("error", outcome.error());
    }
    history.record(process, outcome.type(), Ops.SUBMIT, done);
    return outcome;
  }

  /** Whether some node serves the transaction as part of a block. */
  private boolean included(LoadAccount.SignedTx tx, Random random) {
    int first = random.nextInt(nodeUrls.size());
    for (int k = 0; k < nodeUrls.size(); k++) {
      String url = nodeUrls.get((first + k) % nodeUrls.size());
      try {
        JsonNode r = rpc.result(url, Duration.ofSeconds(2), "eth_getTransactionByHash", tx.hash().toHex());
        if (r.isObject() && r.hasNonNull("blockNumber")) {
          return true;
        }
      } catch (IOException e) {
        LOG.debug("{} unreachable: {}", url, e.toString());
      }
    }
    return false;
  }

  private static Address recipient(Random random) {
    byte[] a = new byte[20];
    a[0] = (byte) 0xee;
    a[19] = (byte) random.nextInt(64);
    return new Address(a);
  }

  private void backOff(Random random, int baseMillis) {
    try {
      Thread.sleep(baseMillis + random.nextInt(baseMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
