package dev.raftseq.node;

import dev.raftseq.producer.SequencerCore;
import dev.raftseq.raft.RaftAdmin;
import dev.raftseq.raft.RaftNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of an orderly stop (SIGTERM): a leader stops producing and hands leadership to the
 * most up-to-date responsive follower, waiting at most {@code timeout}, so the chain pauses for one
 * transfer (a round trip and an election) rather than an election timeout. The hand-off starts right
 * after the leader's next block applies (waiting at most two block times), so the time since the last
 * block does not add to the pause. A follower just stops.
 */
final class GracefulStop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  private final String nodeTag;
  private final SequencerCore core;
  private final RaftNode raft;
  private final Duration timeout;
  private final Duration blockTime;

  GracefulStop(String nodeTag, SequencerCore core, RaftNode raft, Duration timeout, Duration blockTime) {
    this.nodeTag = nodeTag;
    this.core = core;
    this.raft = raft;
    this.timeout = timeout;
    this.blockTime = blockTime;
  }

  @Override
  public void close() {
    if (!"Leader".equals(raft.status().state()) || timeout.isZero()) {
      return;
    }
    long started = System.nanoTime();
    awaitNextBlock();
    core.pauseProduction();
    RaftAdmin admin = raft.admin();
    try {
      admin.setElectionPaused(true); // not elected again while closing
      Optional<String> next = admin.handOff(timeout);
      LOG.info("[{}] stopping: leadership handed to {} in {} ms", nodeTag,
          next.map(id -> id.substring(0, 10)).orElse("(another node already)"),
          (System.nanoTime() - started) / 1_000_000);
    } catch (RaftAdmin.AdminException | RuntimeException e) {
      LOG.warn("[{}] stopping as leader without a hand-off ({} ms): {}; the others elect a leader after the"
          + " election timeout", nodeTag, (System.nanoTime() - started) / 1_000_000, e.getMessage());
    }
  }

  /** Waits (at most two block times) for a block to apply here, so the hand-off starts right after one. */
  private void awaitNextBlock() {
    if (raft.status().isLeader() && core.productionStatus().producing()) {
      CountDownLatch applied = new CountDownLatch(1);
      AutoCloseable subscription = core.subscribeNewHeads(b -> applied.countDown());
      try {
        applied.await(blockTime.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          subscription.close();
        } catch (Exception e) {
          LOG.debug("[{}] unsubscribing failed", nodeTag, e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "graceful stop of " + nodeTag;
  }
}
