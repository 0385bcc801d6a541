package dev.raftseq.producer.consensus;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The consensus the sequencer core runs on: a replicated log of opaque entries, and whether this
 * node may produce. Implemented over Apache Ratis for a consensus node and in-process for the
 * single sequencer, so both run the same core. The returned futures always complete normally
 * (with {@link EntryResult.NotLeader} or {@link EntryResult.Failed} when nothing is known to be
 * committed) and within a bounded time.
 */
public interface Sequencing extends AutoCloseable {

  /**
   * Joins the log: committed entries after {@link CommittedEntries#lastApplied()} are delivered to
   * {@code entries} from now on, in log order, on one thread.
   */
  void start(CommittedEntries entries) throws IOException;

  /**
   * Appends an entry through whichever node leads (client transactions, from any node). Completes
   * with the leader's apply result once the entry committed and applied there.
   */
  CompletableFuture<EntryResult> replicate(byte[] entry);

  /**
   * Appends an entry only if this node is the producing leader (sealed blocks and drops), with no
   * retry elsewhere. Completes with this node's apply result once committed and applied here.
   */
  CompletableFuture<EntryResult> propose(byte[] entry);

  /**
   * The term in which this node may produce: present only while it leads and has applied every entry
   * of earlier terms. Read before every seal; it never names a term this node has stepped down from.
   */
  OptionalLong producingTerm();

  /** Called (on a notifier thread) whenever {@link #producingTerm()} changes; must return quickly. */
  void onProducingTermChange(Runnable listener);

  /** Completes with the cause when this node stopped taking part because applying an entry failed here. */
  CompletableFuture<Throwable> halted();

  @Override
  void close();
}
