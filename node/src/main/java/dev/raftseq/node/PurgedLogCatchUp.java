package dev.raftseq.node;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.sync.UnincludedSnapshot;
import dev.raftseq.p2p.sync.ZksCodec;
import dev.raftseq.p2p.sync.ZksMessage;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.CommittedCheckpoint;
import dev.raftseq.raft.SnapshotFetcher;
import dev.raftseq.replay.BlockReplayer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SnapshotFetcher} of a consensus node: when the leader's Raft log no longer holds the
 * entries this follower needs (it was down while the others purged them), take over a peer's log
 * position over p2p instead of a Ratis snapshot.
 *
 * <ol>
 *   <li>ask every peer for its committed set with its log position ({@link CommittedSetSource});
 *       keep the furthest complete answer at or past the entry before the leader's log start;
 *   <li>fetch, verify and apply the blocks up to that answer's head (replay: seals, parents and
 *       re-execution checked, as for an external node);
 *   <li>install the position: the committed set replaced, members recorded and the applied index
 *       moved, in one write ({@link SequencerCore#installCheckpoint}).
 * </ol>
 *
 * Raft then continues from the entry after that position, which the leader's log holds. Any step
 * that fails (no peer far enough, a peer gone, the head moved past the answer) is retried with a
 * fresh answer after a backoff; Ratis waits for the returned future meanwhile.
 */
final class PurgedLogCatchUp implements SnapshotFetcher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PurgedLogCatchUp.class);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(30);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final String nodeTag;
  private final ScheduledExecutorService worker;
  /** Bound once the core and p2p are up; Ratis may ask before that. */
  private final CompletableFuture<Bound> bound = new CompletableFuture<>();

  private record Bound(SequencerCore core, BlockReplayer replay) {}

  PurgedLogCatchUp(String nodeTag) {
    this.nodeTag = nodeTag;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "purged-log-catch-up-" + nodeTag);
      t.setDaemon(true);
      return t;
    });
  }

  void bind(SequencerCore core, BlockReplayer replay) {
    bound.complete(new Bound(core, replay));
  }

  @Override
  public CompletableFuture<Void> catchUp(AppliedIndex firstInLeaderLog) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    worker.execute(() -> attempt(firstInLeaderLog, done, 1));
    return done;
  }

  private void attempt(AppliedIndex first, CompletableFuture<Void> done, int n) {
    try {
      Bound b = bound.get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      run(b, first);
      done.complete(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(e);
    } catch (Exception e) {
      long backoff = Math.min(MAX_BACKOFF_MS, 100L << Math.min(n, 6));
      LOG.warn("[{}] catching up past the purged log (attempt {}) failed: {}; again in {} ms", nodeTag, n,
          e.getMessage() == null ? e.toString() : e.getMessage(), backoff);
      try {
        worker.schedule(() -> attempt(first, done, n + 1), backoff, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        done.completeExceptionally(e);
      }
    }
  }

  private void run(Bound b, AppliedIndex first) throws Exception {
    long needed = first.index() - 1;
    Optional<AppliedIndex> applied = b.core().lastApplied();
    if (applied.isPresent() && applied.get().index() >= needed) {
      return; // already there (an earlier attempt installed a position Ratis has not seen yet)
    }
    long ownHead = b.core().chain().head().number();
    List<UnincludedSnapshot> answers = b.replay().fetchUnincludedFromAll(ZksCodec.MAX_UNINCLUDED_TXS)
        .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    UnincludedSnapshot best = answers.stream()
        .filter(a -> a.position().isPresent() && a.complete())
        .filter(a -> a.position().get().index() >= needed && a.headNumber() >= ownHead)
        .max(Comparator.comparingLong(a -> a.position().get().index()))
        .orElseThrow(() -> new IllegalStateException(answers.size() + " peers answered, none with a complete"
            + " committed set at or past Raft index " + needed + " and block " + ownHead));
    ZksMessage.LogPosition position = best.position().orElseThrow();
    LOG.info("[{}] the leader's log starts at {}: taking over a peer's position {}/{} at block {} ({} committed"
        + " transactions); fetching blocks {}..{}", nodeTag, first, position.term(), position.index(),
        best.headNumber(), best.txs().size(), ownHead + 1, best.headNumber());
    Block head = b.replay().catchUpTo(best.headNumber()).get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (head.number() != best.headNumber()) {
      throw new IllegalStateException("block sync went to " + head.number() + ", past the answer's head "
          + best.headNumber());
    }
    List<RawTx> committed = best.txs().stream().map(t -> new RawTx(t.raw(), t.sender())).toList();
    Optional<List<String>> members = position.members().isEmpty() ? Optional.empty()
        : Optional.of(position.members().stream().map(NodeId::toHex).sorted().toList());
    b.core().installCheckpoint(new CommittedCheckpoint(new AppliedIndex(position.term(), position.index()),
        best.headNumber(), best.headHash(), members, committed));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
