package dev.raftseq.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the head and reads every new block with {@code eth_getBlockByNumber(n, false)}, telling the
 * tracker which hashes it holds and when the block was seen. One request per block instead of one
 * receipt poll per transaction; the price is that inclusion is timed at observation, up to one poll
 * interval late.
 */
public final class BlockWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockWatcher.class);

  private final JsonRpcClient rpc;
  private final URI endpoint;
  private final TxTracker tracker;
  private final Ticker ticker;
  private final Duration pollInterval;
  private final ErrorCounts errors = new ErrorCounts();
  private final Thread thread;
  private volatile boolean running = true;
  private long next;

  /** Watches blocks after {@code lastKnownBlock}; call {@link #start()} to begin. */
  public BlockWatcher(JsonRpcClient rpc, URI endpoint, long lastKnownBlock, TxTracker tracker, Ticker ticker,
      Duration pollInterval) {
    this.rpc = rpc;
    this.endpoint = endpoint;
    this.tracker = tracker;
    this.ticker = ticker;
    this.pollInterval = pollInterval;
    this.next = lastKnownBlock + 1;
    this.thread = new Thread(this::loop, "loadgen-block-watcher");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Errors of the watcher's own requests (not of transactions). */
  public ErrorCounts errors() {
    return errors;
  }

  private void loop() {
    while (running) {
      try {
        pollOnce();
      } catch (RpcException e) {
        errors.add(e.getMessage());
      } catch (RuntimeException e) {
        log.warn("block watcher: unexpected error", e);
        errors.add("block watcher: " + e);
      }
      LockSupport.parkNanos(pollInterval.toNanos());
    }
  }

  private void pollOnce() {
    long head = rpc.callQuantity(endpoint, "eth_blockNumber").longValueExact();
    while (running && next <= head) {
      JsonNode block = rpc.call(endpoint, "eth_getBlockByNumber", "0x" + BigInteger.valueOf(next).toString(16), false);
      long seenAt = ticker.nanos();
      if (block == null || block.isNull()) {
        return; // head moved ahead of what the node serves; retry on the next poll
      }
      tracker.blockObserved(hashes(block), seenAt);
      next++;
    }
  }

  static List<String> hashes(JsonNode block) {
    JsonNode txs = block.path("transactions");
    if (!txs.isArray()) {
      throw new RpcException("block has no transactions array");
    }
    List<String> out = new ArrayList<>(txs.size());
    for (JsonNode t : txs) {
      // full=false gives hashes; tolerate nodes that send objects anyway
      out.add(t.isTextual() ? t.asText() : t.path("hash").asText());
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
