package dev.raftseq.chain.exec;

/**
 * The outcome of a message call that writes nothing (eth_call, gas estimation).
 *
 * @param gasUsed gas the call consumed, refunds applied, excluding any intrinsic cost
 * @param output return data, or revert data when {@code reverted}
 * @param error why the call failed ("execution reverted", "out of gas", ...), null on success
 */
public record CallResult(boolean success, boolean reverted, long gasUsed, byte[] output, String error) {
  public CallResult {
    output = output.clone();
  }

  @Override
  public byte[] output() {
    return output.clone();
  }
}
