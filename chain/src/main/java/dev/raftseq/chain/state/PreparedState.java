package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Hash;

/**
 * The outcome of applying a {@link StateDiff} to a parent state root, computed without writing:
 * the new root and everything that must be written to make it durable (new trie nodes, flat
 * account and storage entries, code). Only {@code ChainStore.commit} writes it, in one batch.
 */
public interface PreparedState {
  Hash parentRoot();

  Hash root();

  StateDiff diff();
}
