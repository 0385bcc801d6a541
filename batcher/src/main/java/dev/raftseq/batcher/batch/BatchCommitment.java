package dev.raftseq.batcher.batch;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The commitment of a batch: the 32-byte value the committee signs and the L1 contract
 * (BatchSettlement.sol) recomputes in {@code commitBatch}. Nine ABI words (abi.encode of static
 * types), hashed with keccak256:
 *
 * <pre>
 *   keccak256(DOMAIN ++ l2ChainId ++ batchNumber ++ firstBlock ++ lastBlock
 *             ++ prevStateRoot ++ newStateRoot ++ blocksHash ++ prevCommitment)
 *   DOMAIN     = keccak256("raftseq.batch.v1")
 *   blocksHash = keccak256(hash(firstBlock) ++ ... ++ hash(lastBlock))
 * </pre>
 *
 * Numbers are 32-byte big-endian words. prevCommitment links every batch to the one before, back to
 * batch 0 (the genesis block alone: numbers 0, prevStateRoot and prevCommitment zero). A node signs
 * {@link #signingDigest}: the EIP-191 "Ethereum Signed Message" hash of the commitment.
 */
public final class BatchCommitment {
  public static final Hash DOMAIN = Keccak.hash("raftseq.batch.v1".getBytes(StandardCharsets.US_ASCII));
  private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

  private BatchCommitment() {}

  public static Hash blocksHash(List<Hash> blockHashes) {
    byte[] all = new byte[32 * blockHashes.size()];
    for (int i = 0; i < blockHashes.size(); i++) {
      System.arraycopy(blockHashes.get(i).unsafeBytes(), 0, all, 32 * i, 32);
    }
    return Keccak.hash(all);
  }

  public static Hash of(
      long l2ChainId,
      long batchNumber,
      long firstBlock,
      long lastBlock,
      Hash prevStateRoot,
      Hash newStateRoot,
      Hash blocksHash,
      Hash prevCommitment) {
    byte[] words = new byte[9 * 32];
    put(words, 0, DOMAIN);
    put(words, 1, l2ChainId);
    put(words, 2, batchNumber);
    put(words, 3, firstBlock);
    put(words, 4, lastBlock);
    put(words, 5, prevStateRoot);
    put(words, 6, newStateRoot);
    put(words, 7, blocksHash);
    put(words, 8, prevCommitment);
    return Keccak.hash(words);
  }

  /** Batch 0's commitment, as the contract's constructor stores it. */
  public static Hash genesis(long l2ChainId, Hash genesisStateRoot, Hash genesisBlockHash) {
    return of(l2ChainId, 0, 0, 0, Hash.ZERO, genesisStateRoot, blocksHash(List.of(genesisBlockHash)), Hash.ZERO);
  }

  /** keccak256("\x19Ethereum Signed Message:\n32" ++ commitment): what committee members sign. */
  public static Hash signingDigest(Hash commitment) {
    byte[] msg = new byte[EIP191_PREFIX.length + 32];
    System.arraycopy(EIP191_PREFIX, 0, msg, 0, EIP191_PREFIX.length);
    System.arraycopy(commitment.unsafeBytes(), 0, msg, EIP191_PREFIX.length, 32);
    return Keccak.hash(msg);
  }

  private static void put(byte[] words, int index, Hash h) {
    System.arraycopy(h.unsafeBytes(), 0, words, index * 32, 32);
  }

  private static void put(byte[] words, int index, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value in a commitment: " + value);
    }
    byte[] b = BigInteger.valueOf(value).toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, words, index * 32 + 32 - len, len);
  }
}
