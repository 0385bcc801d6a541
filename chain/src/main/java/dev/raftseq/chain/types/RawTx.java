package dev.raftseq.chain.types;

import java.util.Objects;

/**
 * A raw signed transaction (its EIP-2718 envelope) with the sender a member of the consensus group
 * already recovered, as it is replicated and persisted, so nobody recovers the signature again.
 * The sender is absent only where it was never carried (entries and databases from before it was).
 *
 * @param sender the recovered sender, or null (then the reader recovers it)
 */
public record RawTx(byte[] raw, Address sender) {
  public RawTx {
    Objects.requireNonNull(raw, "raw");
  }

  public static RawTx of(RecoveredTx tx) {
    return new RawTx(tx.unsafeEncoded(), tx.sender());
  }

  /** The backing array without a copy; callers must not modify it. */
  @Override
  public byte[] raw() {
    return raw;
  }

  public boolean hasSender() {
    return sender != null;
  }
}
