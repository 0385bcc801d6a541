package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Hash;

/** Contract code by its keccak hash. Thread-safe. */
@FunctionalInterface
public interface CodeSource {
  /** The code, or null when unknown. */
  byte[] code(Hash codeHash);
}
