package dev.raftseq.bench.loadgen;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to each sent transaction, keyed by its hash: when it was due, when the node
 * acknowledged it, when it was first seen in a block, or why it failed. Thread-safe: acks arrive on
 * HTTP threads while the block watcher reports inclusions. Times are caller-supplied nanoTime values.
 */
public final class TxTracker {
  private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
  private final ErrorCounts errors = new ErrorCounts();
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder included = new LongAdder();
  private final LongAdder settled = new LongAdder();
  private final LongAdder blocks = new LongAdder();
  private final LongAdder blocksWithOurs = new LongAdder();
  private final LongAccumulator maxOursPerBlock = new LongAccumulator(Math::max, 0);
  private final AtomicLong lastInclusionAt = new AtomicLong(Long.MIN_VALUE);

  /** Registers a transaction sent (or due) at {@code atNanos}; each hash once. */
  public void sent(String hash, long atNanos) {
    if (byHash.putIfAbsent(key(hash), new Entry(atNanos)) != null) {
      throw new IllegalStateException("transaction " + hash + " sent twice");
    }
    sent.increment();
  }

  /** The node answered {@code eth_sendRawTransaction} with {@code returnedHash}. */
  public void acked(String hash, String returnedHash, long atNanos) {
    Entry e = entry(hash);
    if (returnedHash == null || !key(returnedHash).equals(key(hash))) {
      fail(e, "node answered a hash that is not keccak(raw transaction)");
      return;
    }
    if (e.ack(atNanos)) {
      acked.increment();
    }
  }

  /** The request failed (JSON-RPC error, HTTP status, I/O, timeout) with {@code message}. */
  public void failed(String hash, String message) {
    Entry e = entry(hash);
    fail(e, message);
  }

  /** A new block was seen at {@code atNanos}; hashes not sent by this run are ignored. */
  public void blockObserved(List<String> txHashes, long atNanos) {
    blocks.increment();
    long ours = 0;
    for (String h : txHashes) {
      Entry e = byHash.get(key(h));
      if (e != null && e.include(atNanos)) {
        ours++;
        included.increment();
        lastInclusionAt.accumulateAndGet(atNanos, Math::max);
        if (e.settle()) {
          settled.increment();
        }
      }
    }
    if (ours > 0) {
      blocksWithOurs.increment();
      maxOursPerBlock.accumulate(ours);
    }
  }

  /** Sent transactions that have neither failed nor been included yet. */
  public long unsettled() {
    return sent.sum() - settled.sum();
  }

  public Stats stats() {
    Collection<Entry> all = byHash.values();
    long[] ack = all.stream().filter(e -> e.ackAt >= 0).mapToLong(e -> e.ackAt - e.sentAt).toArray();
    long[] incl = all.stream().filter(e -> e.includedAt >= 0).mapToLong(e -> e.includedAt - e.sentAt).toArray();
    long notIncluded = all.stream().filter(e -> e.ackAt >= 0 && e.includedAt < 0 && !e.failed).count();
    long last = lastInclusionAt.get();
    return new Stats(sent.sum(), acked.sum(), included.sum(), failed.sum(), notIncluded, errors.snapshot(),
        LatencySummary.ofNanos(ack), LatencySummary.ofNanos(incl), blocks.sum(), blocksWithOurs.sum(),
        maxOursPerBlock.get(), last == Long.MIN_VALUE ? -1 : last);
  }

  /**
   * Counts at one moment. {@code lastInclusionAtNanos} is -1 when nothing was included;
   * {@code notIncluded} counts acknowledged transactions not (yet) seen in a block.
   */
  public record Stats(long sent, long acked, long included, long failed, long notIncluded,
      java.util.Map<String, Long> errorsByMessage, LatencySummary ackLatency, LatencySummary inclusionLatency,
      long blocksObserved, long blocksWithOurTxs, long maxOurTxsPerBlock, long lastInclusionAtNanos) {}

  private void fail(Entry e, String message) {
    errors.add(message);
    if (e.fail()) {
      failed.increment();
    }
    if (e.settle()) {
      settled.increment();
    }
  }

  private Entry entry(String hash) {
    Entry e = byHash.get(key(hash));
    if (e == null) {
      throw new IllegalStateException("transaction " + hash + " was never sent");
    }
    return e;
  }

  private static String key(String hash) {
    return hash.toLowerCase(Locale.ROOT);
  }

  /** One transaction's timeline; each transition happens once, under the entry's lock. */
  private static final class Entry {
    final long sentAt;
    volatile long ackAt = -1;
    volatile long includedAt = -1;
    volatile boolean failed;
    private boolean settled;

    Entry(long sentAt) {
      this.sentAt = sentAt;
    }

    synchronized boolean ack(long at) {
      if (ackAt >= 0 || failed) {
        return false;
      }
      ackAt = at;
      return true;
    }

    synchronized boolean include(long at) {
      if (includedAt >= 0) {
        return false;
      }
      includedAt = at;
      return true;
    }

    /** True the first time the entry is included or failed, so it is settled exactly once. */
    synchronized boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      return true;
    }

    synchronized boolean fail() {
      if (failed) {
        return false;
      }
      failed = true;
      return true;
    }
  }
}
