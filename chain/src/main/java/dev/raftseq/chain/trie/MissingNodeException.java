package dev.raftseq.chain.trie;

import dev.raftseq.chain.types.Hash;

/** A trie node referenced by a root (or by another node) is not in the node store. */
public final class MissingNodeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Hash hash;

  public MissingNodeException(Hash hash) {
    super("trie node " + hash + " is not in the node store");
    this.hash = hash;
  }

  public Hash hash() {
    return hash;
  }
}
