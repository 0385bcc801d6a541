package dev.raftseq.chain.exec;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;

/** Turns a built block into a sealed, signed block (see {@link Header} for the seal layout). */
public final class BlockSealer {
  private BlockSealer() {}

  public static Block seal(BuiltBlock built, Header parent, NodeKey key, long raftTerm) {
    throw new UnsupportedOperationException("TODO");
  }
}
