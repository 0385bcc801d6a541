package dev.raftseq.raft;

import dev.raftseq.chain.types.AppliedIndex;
import java.util.concurrent.CompletableFuture;

/**
 * Brings this node's chain database forward out of band (block sync over p2p) when it is behind the
 * leader's retained Raft log. Implemented by the node wiring; optional.
 */
public interface SnapshotFetcher {

  /**
   * Starts catching up and completes when {@link EntryApplier#lastApplied()} has reached at least
   * {@code firstIndexInLeaderLog.index() - 1}, so the leader's log continues where the database ends.
   * Called at most once at a time; must not block (it is called under a Raft server lock).
   */
  CompletableFuture<Void> catchUp(AppliedIndex firstIndexInLeaderLog);
}
