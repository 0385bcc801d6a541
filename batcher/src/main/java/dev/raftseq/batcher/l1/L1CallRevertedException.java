package dev.raftseq.batcher.l1;

import dev.raftseq.chain.types.Hex;

/** An eth_call (or gas estimate) reverted; {@link #revertData()} holds the contract's error, if any. */
public final class L1CallRevertedException extends L1Exception {
  private final byte[] revertData;

  public L1CallRevertedException(String message, byte[] revertData) {
    super(message + (revertData.length > 0 ? " (revert data " + Hex.encode(revertData) + ")" : ""));
    this.revertData = revertData.clone();
  }

  public byte[] revertData() {
    return revertData.clone();
  }

  /** The 4-byte selector of the custom error, or empty. */
  public String selectorHex() {
    return revertData.length >= 4 ? Hex.encode(java.util.Arrays.copyOf(revertData, 4)) : "";
  }
}
