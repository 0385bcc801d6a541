package dev.raftseq.chain.types;

/**
 * A transaction whose sender has been recovered from its signature, with its canonical encoding
 * (the EIP-2718 envelope: {@code type || rlp(...)} or the legacy RLP list) and hash
 * ({@code keccak256(encoded)}). Built only by {@code TransactionCodec}.
 */
public record RecoveredTx(Transaction tx, byte[] encoded, Hash hash, Address sender) {
  public RecoveredTx {
    encoded = encoded.clone();
  }

  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The backing array without a copy; callers must not modify it. */
  public byte[] unsafeEncoded() {
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecoveredTx r && hash.equals(r.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "tx " + hash + " from " + sender + " nonce " + tx.nonce();
  }
}
