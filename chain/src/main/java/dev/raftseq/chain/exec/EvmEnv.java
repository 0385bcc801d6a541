package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;

/**
 * What the EVM needs of a block beyond {@link BlockContext}: PREVRANDAO, the excess blob gas
 * (for BLOBBASEFEE and blob fees) and BLOCKHASH's lookup. This chain's blocks have a zero mix
 * hash and no blobs, so {@link #of(BlockContext, BlockHashLookup)} is the usual form.
 */
public record EvmEnv(BlockContext block, Hash prevRandao, long excessBlobGas, BlockHashLookup blockHashes) {
  private static final BigInteger MIN_BLOB_BASE_FEE = BigInteger.ONE;
  private static final BigInteger BLOB_BASE_FEE_UPDATE_FRACTION = BigInteger.valueOf(3_338_477);

  /** Hash of an ancestor by number; {@link Hash#ZERO} when unknown. */
  @FunctionalInterface
  public interface BlockHashLookup {
    Hash hash(long number);
  }

  /** This chain's environment: zero PREVRANDAO, no blob gas. */
  public static EvmEnv of(BlockContext block, BlockHashLookup blockHashes) {
    return new EvmEnv(block, Hash.ZERO, 0, blockHashes);
  }

  /** Only the parent's hash is known (BLOCKHASH of older blocks answers zero). */
  public static EvmEnv parentOnly(BlockContext block) {
    return of(block, n -> n == block.number() - 1 ? block.parentHash() : Hash.ZERO);
  }

  /** EIP-4844's fake_exponential(MIN_BLOB_BASE_FEE, excess, BLOB_BASE_FEE_UPDATE_FRACTION). */
  public BigInteger blobBaseFee() {
    BigInteger numerator = BigInteger.valueOf(excessBlobGas);
    BigInteger i = BigInteger.ONE;
    BigInteger output = BigInteger.ZERO;
    BigInteger acc = MIN_BLOB_BASE_FEE.multiply(BLOB_BASE_FEE_UPDATE_FRACTION);
    while (acc.signum() > 0) {
      output = output.add(acc);
      acc = acc.multiply(numerator).divide(BLOB_BASE_FEE_UPDATE_FRACTION.multiply(i));
      i = i.add(BigInteger.ONE);
    }
    return output.divide(BLOB_BASE_FEE_UPDATE_FRACTION);
  }
}
