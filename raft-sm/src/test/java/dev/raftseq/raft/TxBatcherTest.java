package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TxBatcherTest {

  /** Records batches; each batch completes when the test says so. */
  private static final class RecordingSink implements Function<List<byte[]>, CompletableFuture<Void>> {
    final List<List<byte[]>> batches = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> results = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> apply(List<byte[]> txs) {
      batches.add(txs);
      CompletableFuture<Void> f = new CompletableFuture<>();
      results.add(f);
      return f;
    }
  }

  @Test
  void coalescesConcurrentSubmissionsWithinTheSizeLimits() {
    RecordingSink sink = new RecordingSink();
    try (TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(50), 10, 1 << 20, 1000), sink, "t")) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < 95; i++) {
        futures.add(b.submit(new byte[] {(byte) i}));
      }
      TestCluster.await(Duration.ofSeconds(5), "all transactions batched",
          () -> sink.batches.stream().mapToInt(List::size).sum() == 95);

      assertThat(sink.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 10));
      assertThat(sink.batches.size()).isBetween(10, 95);
      List<Byte> order = sink.batches.stream().flatMap(List::stream).map(tx -> tx[0]).toList();
      assertThat(order).as("submission order kept").isSorted();
      assertThat(futures).noneMatch(CompletableFuture::isDone);

      sink.results.forEach(f -> f.complete(null));
      assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }
  }

  @Test
  void respectsTheByteLimitWithoutLosingTheTransactionThatDidNotFit() {
    RecordingSink sink = new RecordingSink();
    int maxBytes = EntryCodec.BATCH_HEADER_BYTES + 3 * (4 + 100);
    try (TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(20), 100, maxBytes, 100), sink, "t")) {
      for (int i = 0; i < 10; i++) {
        b.submit(new byte[100]);
      }
      TestCluster.await(Duration.ofSeconds(5), "all batched", () -> sink.batches.stream().mapToInt(List::size).sum() == 10);
      assertThat(sink.batches).allSatisfy(batch -> assertThat(EntryCodec.encodedBatchSize(batch)).isLessThanOrEqualTo(maxBytes));
    }
  }

  @Test
  void aLoneTransactionIsSentAfterTheLinger() {
    RecordingSink sink = new RecordingSink();
    try (TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(2), 512, 1 << 20, 1000), sink, "t")) {
      CompletableFuture<Void> f = b.submit(new byte[] {1});
      TestCluster.await(Duration.ofSeconds(5), "lone tx sent", () -> sink.batches.size() == 1);
      sink.results.get(0).complete(null);
      assertThat(f).isCompleted();
    }
  }

  @Test
  void aFailedBatchFailsEveryCallerInIt() {
    RecordingSink sink = new RecordingSink();
    try (TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(30), 512, 1 << 20, 1000), sink, "t")) {
      CompletableFuture<Void> f1 = b.submit(new byte[] {1});
      CompletableFuture<Void> f2 = b.submit(new byte[] {2});
      TestCluster.await(Duration.ofSeconds(5), "sent", () -> sink.batches.stream().mapToInt(List::size).sum() == 2);
      sink.results.forEach(r -> r.completeExceptionally(new IOException("no leader")));
      assertThat(f1).isCompletedExceptionally();
      assertThat(f2).isCompletedExceptionally();
    }
  }

  /** Blocks in the first send until released (or interrupted), so the queue behind it fills. */
  private static final class BlockingSink implements Function<List<byte[]>, CompletableFuture<Void>> {
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<byte[]>> batches = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> apply(List<byte[]> txs) {
      batches.add(txs);
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void refusesOversizedTransactionsAndWorkAfterClose() {
    RecordingSink sink = new RecordingSink();
    TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(1), 2, 64, 2), sink, "t");
    assertThat(b.submit(new byte[100])).isCompletedExceptionally();
    assertThat(b.submit(new byte[0])).isCompletedExceptionally();

    b.close();
    CompletableFuture<Void> late = b.submit(new byte[] {1});
    assertThat(late.handle((v, e) -> e).join()).isInstanceOf(RejectedExecutionException.class);
    assertThat(sink.batches).isEmpty();
  }

  @Test
  void aFullQueueRejectsAtOnceAndCloseFailsWhatIsStillQueued() {
    BlockingSink sink = new BlockingSink();
    TxBatcher b = new TxBatcher(new RaftNodeConfig.Batching(Duration.ofMillis(1), 1, 1 << 20, 2), sink, "t");
    CompletableFuture<Void> first = b.submit(new byte[] {1});
    TestCluster.await(Duration.ofSeconds(5), "first batch in the sink", () -> sink.batches.size() == 1);
    CompletableFuture<Void> queued1 = b.submit(new byte[] {2});
    CompletableFuture<Void> queued2 = b.submit(new byte[] {3});
    CompletableFuture<Void> overflow = b.submit(new byte[] {4});

    assertThat(overflow.handle((v, e) -> e).join()).isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("full");
    b.close();
    assertThat(first).isCompleted();
    assertThat(queued1.handle((v, e) -> e).join()).isInstanceOf(RejectedExecutionException.class);
    assertThat(queued2.handle((v, e) -> e).join()).isInstanceOf(RejectedExecutionException.class);
    assertThat(sink.batches).hasSize(1);
  }
}
