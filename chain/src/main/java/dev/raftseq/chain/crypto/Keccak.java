package dev.raftseq.chain.crypto;

import dev.raftseq.chain.types.Hash;

/** Keccak-256 (the pre-standard SHA-3 variant Ethereum uses), as bytes or a {@link Hash}; see {@link dev.raftseq.evm.Keccak}. */
public final class Keccak {
  private Keccak() {}

  public static byte[] digest(byte[] input) {
    return dev.raftseq.evm.Keccak.digest(input, 0, input.length);
  }

  public static byte[] digest(byte[] input, int offset, int length) {
    return dev.raftseq.evm.Keccak.digest(input, offset, length);
  }

  public static Hash hash(byte[] input) {
    return new Hash(digest(input));
  }
}
