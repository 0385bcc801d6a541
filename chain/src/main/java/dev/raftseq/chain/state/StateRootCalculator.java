package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Hash;

/** Computes the state root after a diff, incrementally from the parent's trie, without writing. */
public interface StateRootCalculator {
  PreparedState prepare(Hash parentRoot, StateDiff diff);
}
