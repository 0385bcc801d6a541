package dev.raftseq.producer;

import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.types.Block;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.TxPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Holds proposals (blocks, drops) until the test decides their fate. */
final class FakeSink implements BlockSink {
  /** A proposal: a block, or drops when {@code block} is null. */
  record Submission(Block block, BuiltBlock built, List<LogEntry.Drop> drops, CompletableFuture<EntryResult> outcome) {}

  private final FakeChain chain;
  private final FakeBuilding building;
  private final TxPool pool;
  private final List<Submission> submissions = new ArrayList<>();
  private RuntimeException throwOnSubmit;

  FakeSink(FakeChain chain, FakeBuilding building, TxPool pool) {
    this.chain = chain;
    this.building = building;
    this.pool = pool;
  }

  @Override
  public CompletableFuture<EntryResult> submit(Block sealed, BuiltBlock built) {
    if (throwOnSubmit != null) {
      throw throwOnSubmit;
    }
    CompletableFuture<EntryResult> f = new CompletableFuture<>();
    submissions.add(new Submission(sealed, built, List.of(), f));
    return f;
  }

  @Override
  public CompletableFuture<EntryResult> drop(List<LogEntry.Drop> drops) {
    CompletableFuture<EntryResult> f = new CompletableFuture<>();
    submissions.add(new Submission(null, null, drops, f));
    return f;
  }

  void throwOnSubmit(RuntimeException e) {
    throwOnSubmit = e;
  }

  List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** Block proposals only. */
  List<Submission> blocks() {
    return submissions.stream().filter(s -> s.block() != null).toList();
  }

  List<Block> submittedBlocks() {
    return submissions.stream().map(Submission::block).filter(Objects::nonNull).toList();
  }

  Submission last() {
    return submissions.get(submissions.size() - 1);
  }

  long unresolved() {
    return submissions.stream().filter(s -> !s.outcome().isDone()).count();
  }

  /** Commits the last proposal: applies the block (or finds it stale) or the drops, and completes its future. */
  EntryResult commitLast() {
    Submission s = last();
    EntryResult outcome;
    if (s.block() == null) {
      int dropped = 0;
      for (LogEntry.Drop d : s.drops()) {
        dropped += pool.drop(d.hash(), chain.headState()) ? 1 : 0;
      }
      outcome = new EntryResult.DropsApplied(dropped);
    } else {
      boolean applied = chain.apply(s.block(), building.stateAfter(s.block()));
      outcome = applied ? new EntryResult.BlockApplied(s.block().number(), s.block().hash())
          : new EntryResult.BlockStale("parent is not the head");
    }
    s.outcome().complete(outcome);
    return outcome;
  }

  void failLast(String reason) {
    last().outcome().complete(new EntryResult.Failed(reason));
  }
}
