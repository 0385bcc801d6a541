package dev.raftseq.producer.consensus;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single sequencer's "consensus": a log of one node. Entries are applied in submission order
 * on one thread, as soon as they arrive, without an index (no log replays them, so the apply path
 * syncs every write). This node always produces, in term 0.
 */
public final class LocalSequencing implements Sequencing {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSequencing.class);
  private static final OptionalLong TERM_ZERO = OptionalLong.of(0);

  private final String nodeTag;
  private final Executor applyThread;
  private final ExecutorService owned;
  private final CompletableFuture<Throwable> halted = new CompletableFuture<>();
  private volatile CommittedEntries entries;
  private volatile boolean closed;

  /** Applies on a thread of its own. */
  public LocalSequencing(String nodeTag) {
    this(nodeTag, Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "local-log-" + nodeTag);
      t.setDaemon(true);
      return t;
    }), true);
  }

  /** Applies on {@code applyThread}, which must run tasks one at a time in order (tests pass a direct one). */
  public LocalSequencing(String nodeTag, Executor applyThread) {
    this(nodeTag, applyThread, false);
  }

  private LocalSequencing(String nodeTag, Executor applyThread, boolean own) {
    this.nodeTag = nodeTag;
    this.applyThread = applyThread;
    this.owned = own ? (ExecutorService) applyThread : null;
  }

  @Override
  public void start(CommittedEntries entries) {
    this.entries = Objects.requireNonNull(entries, "entries");
  }

  @Override
  public CompletableFuture<EntryResult> replicate(byte[] entry) {
    return append(entry);
  }

  @Override
  public CompletableFuture<EntryResult> propose(byte[] entry) {
    return append(entry);
  }

  private CompletableFuture<EntryResult> append(byte[] entry) {
    CommittedEntries sink = entries;
    if (sink == null || closed || halted.isDone()) {
      return CompletableFuture.completedFuture(new EntryResult.NotLeader("the local log is not running"));
    }
    var malformed = sink.malformed(entry);
    if (malformed.isPresent()) {
      return CompletableFuture.completedFuture(new EntryResult.Rejected(malformed.get()));
    }
    CompletableFuture<EntryResult> result = new CompletableFuture<>();
    try {
      applyThread.execute(() -> result.complete(applyOne(sink, entry)));
    } catch (RejectedExecutionException e) {
      result.complete(new EntryResult.NotLeader("the local log is closed"));
    }
    return result;
  }

  private EntryResult applyOne(CommittedEntries sink, byte[] entry) {
    if (halted.isDone()) {
      return new EntryResult.NotLeader("halted");
    }
    try {
      return sink.apply(null, entry);
    } catch (RuntimeException | Error e) {
      LOG.error("[{}] HALTING: applying an entry of the local log failed; the node stops rather than continue"
          + " on a state it cannot vouch for", nodeTag, e);
      halted.complete(e);
      return new EntryResult.Failed("halted: " + e);
    }
  }

  @Override
  public OptionalLong producingTerm() {
    return closed || halted.isDone() ? OptionalLong.empty() : TERM_ZERO;
  }

  @Override
  public void onProducingTermChange(Runnable listener) {
    // the term never changes
  }

  @Override
  public CompletableFuture<Throwable> halted() {
    return halted;
  }

  @Override
  public void close() {
    closed = true;
    if (owned != null) {
      owned.shutdown();
      try {
        if (!owned.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("[{}] local log did not finish applying within 10 s", nodeTag);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
