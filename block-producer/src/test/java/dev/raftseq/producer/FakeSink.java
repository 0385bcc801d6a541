package dev.raftseq.producer;

import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.types.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Holds submitted blocks until the test decides their fate. */
final class FakeSink implements BlockSink {
  record Submission(Block block, BuiltBlock built, CompletableFuture<SubmitOutcome> outcome) {}

  private final FakeChain chain;
  private final FakeBuilding building;
  private final List<Submission> submissions = new ArrayList<>();
  private RuntimeException throwOnSubmit;

  FakeSink(FakeChain chain, FakeBuilding building) {
    this.chain = chain;
    this.building = building;
  }

  @Override
  public CompletableFuture<SubmitOutcome> submit(Block sealed, BuiltBlock built) {
    if (throwOnSubmit != null) {
      throw throwOnSubmit;
    }
    CompletableFuture<SubmitOutcome> f = new CompletableFuture<>();
    submissions.add(new Submission(sealed, built, f));
    return f;
  }

  void throwOnSubmit(RuntimeException e) {
    throwOnSubmit = e;
  }

  List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  List<Block> submittedBlocks() {
    return submissions.stream().map(Submission::block).toList();
  }

  Submission last() {
    return submissions.get(submissions.size() - 1);
  }

  long unresolved() {
    return submissions.stream().filter(s -> !s.outcome().isDone()).count();
  }

  /** Commits the last submission: applies it (or finds it stale) and completes its future. */
  SubmitOutcome commitLast() {
    Submission s = last();
    boolean applied = chain.apply(s.block(), building.stateAfter(s.block()));
    SubmitOutcome outcome = applied ? SubmitOutcome.APPLIED : SubmitOutcome.rejectedStale("parent is not the head");
    s.outcome().complete(outcome);
    return outcome;
  }

  void failLast(String reason) {
    last().outcome().complete(SubmitOutcome.failed(reason));
  }
}
