package dev.raftseq.producer.sim;

import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.Sequencing;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One node's view of the simulated replicated log: appends become events of the {@link SimCluster},
 * which decides when (and whether) they reach the log and when each node applies what committed.
 */
final class SimSequencing implements Sequencing {
  private final SimCluster cluster;
  private final int node;
  private final CompletableFuture<Throwable> halted = new CompletableFuture<>();
  private CommittedEntries entries;

  SimSequencing(SimCluster cluster, int node) {
    this.cluster = cluster;
    this.node = node;
  }

  CommittedEntries entries() {
    return entries;
  }

  @Override
  public void start(CommittedEntries entries) {
    this.entries = entries;
  }

  @Override
  public CompletableFuture<EntryResult> replicate(byte[] entry) {
    return cluster.append(node, entry, false);
  }

  @Override
  public CompletableFuture<EntryResult> propose(byte[] entry) {
    return cluster.append(node, entry, true);
  }

  @Override
  public OptionalLong producingTerm() {
    return cluster.producingTerm(node);
  }

  @Override
  public void onProducingTermChange(Runnable listener) {
    // the simulation ticks every node itself
  }

  @Override
  public CompletableFuture<Throwable> halted() {
    return halted;
  }

  void halt(Throwable cause) {
    halted.complete(cause);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
