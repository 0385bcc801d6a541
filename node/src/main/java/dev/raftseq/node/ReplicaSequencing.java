package dev.raftseq.node;

import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.Sequencing;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * An external node's place in consensus: none. It has no log (its blocks come from replay through
 * {@code SequencerCore.applyVerified}), never produces, and takes no entries; transactions are
 * forwarded to the main nodes before they reach the core.
 */
final class ReplicaSequencing implements Sequencing {
  private static final CompletableFuture<EntryResult> NO_LOG =
      CompletableFuture.completedFuture(new EntryResult.NotLeader("an external node keeps no log"));
  private final CompletableFuture<Throwable> halted = new CompletableFuture<>();

  @Override
  public void start(CommittedEntries entries) {
    // nothing is ever delivered
  }

  @Override
  public CompletableFuture<EntryResult> replicate(byte[] entry) {
    return NO_LOG;
  }

  @Override
  public CompletableFuture<EntryResult> propose(byte[] entry) {
    return NO_LOG;
  }

  @Override
  public OptionalLong producingTerm() {
    return OptionalLong.empty();
  }

  @Override
  public void onProducingTermChange(Runnable listener) {
    // never changes
  }

  @Override
  public CompletableFuture<Throwable> halted() {
    return halted;
  }

  @Override
  public void close() {
    // nothing held
  }
}
