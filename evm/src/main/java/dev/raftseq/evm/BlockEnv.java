package dev.raftseq.evm;

/**
 * The block a transaction executes in, as the environment opcodes see it.
 *
 * @param blockHashes BLOCKHASH's source: the hash of a recent block by number
 * @param blobBaseFee the blob base fee (EIP-7516), derived from the excess blob gas
 */
public record BlockEnv(
    EvmAddress coinbase,
    long number,
    long timestamp,
    long gasLimit,
    Word baseFee,
    Word prevRandao,
    Word blobBaseFee,
    long chainId,
    BlockHashes blockHashes) {

  /** Hashes of the 256 blocks before this one. */
  @FunctionalInterface
  public interface BlockHashes {
    /** The hash of block {@code number}, or {@link Word#ZERO} when unknown. */
    Word hash(long number);
  }
}
