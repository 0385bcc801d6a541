package dev.raftseq.batcher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.batcher.testing.ChainFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker over a chain database that is behind its batch index, as after a power cut: each
 * batch is synced when sealed, a consensus node's chain writes are not (the Raft log holds them).
 * ChainFixture chains are deterministic, so two of them from the same genesis hold the same blocks.
 */
class BatchTrackerTest {
  static final BatchLimits LIMITS = new BatchLimits(2, 1_000, 100_000_000L, 60_000);

  @TempDir
  Path dir;

  @Test
  void anIndexAheadOfTheChainWaitsForTheReplayAndThenGoesOn() throws Exception {
    Path indexFile = dir.resolve("index/batches.jsonl");
    try (ChainFixture before = new ChainFixture(dir.resolve("before"))) {
      before.produce(6, 1);
      FileBatchIndex index = FileBatchIndex.open(indexFile);
      assertThat(new BatchTracker(before.store(), LIMITS, index).poll(100)).hasSize(3);
      index.close();
    }
    try (ChainFixture after = new ChainFixture(dir.resolve("after"))) {
      after.produce(3, 1); // what the chain database kept of the six blocks
      FileBatchIndex index = FileBatchIndex.open(indexFile);
      BatchTracker tracker = new BatchTracker(after.store(), LIMITS, index);
      assertThat(tracker.lastSealed().number()).isEqualTo(3);
      assertThat(tracker.poll(100)).isEmpty();

      after.produce(3, 1); // replayed from the Raft log
      assertThat(tracker.poll(100)).isEmpty();
      after.produce(2, 1);
      List<Batch> next = tracker.poll(100);
      assertThat(next).extracting(Batch::number).containsExactly(4L);
      assertThat(next.get(0).prevCommitment()).isEqualTo(index.get(3).orElseThrow().commitment());
      index.close();
    }
  }

  @Test
  void aChainThatReachesTheIndexWithOtherBlocksIsRefused() throws Exception {
    Path indexFile = dir.resolve("index/batches.jsonl");
    try (ChainFixture before = new ChainFixture(dir.resolve("before"))) {
      before.produce(6, 1);
      FileBatchIndex index = FileBatchIndex.open(indexFile);
      new BatchTracker(before.store(), LIMITS, index).poll(100);
      index.close();
    }
    try (ChainFixture other = new ChainFixture(dir.resolve("other"))) {
      other.produce(6, 2); // another history: two transfers a block
      FileBatchIndex index = FileBatchIndex.open(indexFile);
      assertThatThrownBy(() -> new BatchTracker(other.store(), LIMITS, index))
          .hasMessageContaining("batch 3 ends at block 6").hasMessageContaining("which this chain does not have");
      index.close();
    }
    try (ChainFixture behind = new ChainFixture(dir.resolve("behind"))) {
      behind.produce(3, 2);
      FileBatchIndex index = FileBatchIndex.open(indexFile);
      BatchTracker tracker = new BatchTracker(behind.store(), LIMITS, index);
      assertThat(tracker.poll(100)).isEmpty();
      behind.produce(3, 2);
      assertThatThrownBy(() -> tracker.poll(100)).hasMessageContaining("batch 3 ends at block 6");
      index.close();
    }
  }
}
