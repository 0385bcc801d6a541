package dev.raftseq.chain.types;

/**
 * An account as committed in the state trie: rlp([nonce, balance, storageRoot, codeHash]). The
 * nonce is an unsigned 64-bit number (EIP-2681): values from 2^63 on are negative longs.
 */
public record Account(long nonce, Wei balance, Hash storageRoot, Hash codeHash) {
  public static final Account EMPTY = new Account(0, Wei.ZERO, Hash.EMPTY_TRIE, Hash.EMPTY_CODE);

  /** EIP-161: no nonce, no balance, no code. */
  public boolean isEmpty() {
    return nonce == 0 && balance.isZero() && codeHash.equals(Hash.EMPTY_CODE);
  }

  public Account withNonce(long n) {
    return new Account(n, balance, storageRoot, codeHash);
  }

  public Account withBalance(Wei b) {
    return new Account(nonce, b, storageRoot, codeHash);
  }
}
