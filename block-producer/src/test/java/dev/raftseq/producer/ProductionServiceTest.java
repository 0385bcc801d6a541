package dev.raftseq.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.Mempool;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.producer.mempool.SynchronizedMempool;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver thread: with a one-hour block time nothing would happen in a test's lifetime unless
 * wake-ups work, so every progress seen here proves one. Waits poll with a deadline.
 */
class ProductionServiceTest {
  private static final long DEADLINE_MILLIS = 10_000;

  private final Address a = Txs.addr(1);
  private final FakeState state = FakeState.funded(a);
  private final Block genesis = Blocks.block(
      Blocks.header(Hash.ZERO, 0, state.root(), 30_000_000, 0, 1_000_000, 0, Wei.of(10)), List.of());
  private final SynchronizedMempool pool =
      new SynchronizedMempool(new Mempool(MempoolConfig.defaults(Txs.CHAIN_ID, 30_000_000)));
  private final LinkedBlockingQueue<CompletableFuture<EntryResult>> submitted = new LinkedBlockingQueue<>();
  private final AtomicBoolean failNextHeadRead = new AtomicBoolean();
  private volatile OptionalLong term = OptionalLong.empty();
  private final ProductionService service = new ProductionService("node-7", new ProductionLoop(
      "node-7",
      new ProducerConfig(Duration.ofHours(1), 1_000, false, Txs.addr(900), Txs.CHAIN_ID),
      () -> {
        if (failNextHeadRead.getAndSet(false)) {
          throw new IllegalStateException("store closed (test)");
        }
        return new ChainView.Head(genesis, state);
      },
      () -> term,
      pool,
      new FakeBuilding(),
      new BlockSink() {
        @Override
        public CompletableFuture<EntryResult> submit(Block block, BuiltBlock built) {
          CompletableFuture<EntryResult> f = new CompletableFuture<>();
          submitted.add(f);
          return f;
        }

        @Override
        public CompletableFuture<EntryResult> drop(List<LogEntry.Drop> drops) {
          throw new AssertionError("no drops here");
        }
      }), Clock.systemUTC());

  @AfterEach
  void stop() {
    service.stop();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5); // polling interval, not synchronization: the condition decides
    }
  }

  private void addTx() throws Exception {
    pool.add(Txs.tx(a, 0), state, BaseFee.next(genesis.header()));
  }

  @Test
  void wakeUpMakesItProduceWithoutWaitingForTheBlockTime() throws Exception {
    service.start();
    await("first tick", () -> service.ticks() >= 1);
    assertThat(service.status().producing()).isFalse();

    addTx();
    term = OptionalLong.of(5);
    service.wakeUp();

    await("a block in flight", () -> service.status().blockInFlight());
    assertThat(service.status().producing()).isTrue();
    assertThat(submitted).hasSize(1);
  }

  @Test
  void theInFlightBlockResolvingWakesItUp() throws Exception {
    addTx();
    term = OptionalLong.of(5);
    service.start();
    await("a block in flight", () -> submitted.size() == 1);

    submitted.peek().complete(new EntryResult.Failed("test"));

    await("the outcome handled", () -> !service.status().blockInFlight() && service.ticks() >= 2);
  }

  @Test
  void aFailingTickIsLoggedAndTheServiceCarriesOn() throws Exception {
    failNextHeadRead.set(true);
    addTx();
    term = OptionalLong.of(5);
    service.start();
    await("the failed tick", () -> !failNextHeadRead.get() && service.ticks() >= 1);
    service.wakeUp();
    await("a block in flight after the failure", () -> submitted.size() == 1);
    assertThat(service.isRunning()).isTrue();
  }

  @Test
  void stopEndsTheThreadAndIsIdempotent() throws Exception {
    service.start();
    await("running", service::isRunning);
    service.stop();
    assertThat(service.isRunning()).isFalse();
    long ticks = service.ticks();
    service.wakeUp();
    service.stop();
    assertThat(service.ticks()).isEqualTo(ticks);
  }
}
