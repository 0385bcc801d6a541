package dev.raftseq.producer;

import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.types.Block;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.entry.LogEntry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the production loop's proposals go: the sequencer core, which proposes them to the log. The
 * futures must complete within a bounded time: the producer keeps one proposal in flight and does
 * not build another until it resolves. Applying a block, and telling the pool about it, is the apply
 * path's job and happens before the future completes with {@link EntryResult.BlockApplied}.
 */
public interface BlockSink {
  CompletableFuture<EntryResult> submit(Block sealed, BuiltBlock built);

  /** Proposes that every node drop committed transactions that can never be included. */
  CompletableFuture<EntryResult> drop(List<LogEntry.Drop> drops);
}
