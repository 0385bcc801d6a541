package dev.raftseq.chain.types;

import java.util.Arrays;

/**
 * A block header with Ethereum's Cancun fields in Ethereum's RLP order, so standard tools decode
 * it and {@code keccak256(rlp(header))} is the block hash.
 *
 * <p>Sequencer seal (Clique style): {@code extraData} is a 32-byte vanity followed by a 65-byte
 * secp256k1 signature (r, s, recovery id) of the seal hash: keccak256 of the RLP header whose
 * extraData is the vanity alone. The vanity holds the Raft term (bytes 0-7, big-endian) and the
 * block timestamp in milliseconds (bytes 8-15); bytes 16-31 are zero. See {@code SealFields}.
 */
public record Header(
    Hash parentHash,
    Hash ommersHash,
    Address coinbase,
    Hash stateRoot,
    Hash transactionsRoot,
    Hash receiptsRoot,
    byte[] logsBloom,
    long difficulty,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    byte[] extraData,
    Hash mixHash,
    long nonce,
    Wei baseFeePerGas,
    Hash withdrawalsRoot,
    long blobGasUsed,
    long excessBlobGas,
    Hash parentBeaconBlockRoot) {

  public static final int BLOOM_BYTES = 256;
  public static final int VANITY_BYTES = 32;
  public static final int SEAL_BYTES = 65;

  public Header {
    if (logsBloom.length != BLOOM_BYTES) {
      throw new IllegalArgumentException("logs bloom must be 256 bytes");
    }
    logsBloom = logsBloom.clone();
    extraData = extraData.clone();
  }

  @Override
  public byte[] logsBloom() {
    return logsBloom.clone();
  }

  @Override
  public byte[] extraData() {
    return extraData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Header h
        && parentHash.equals(h.parentHash)
        && ommersHash.equals(h.ommersHash)
        && coinbase.equals(h.coinbase)
        && stateRoot.equals(h.stateRoot)
        && transactionsRoot.equals(h.transactionsRoot)
        && receiptsRoot.equals(h.receiptsRoot)
        && Arrays.equals(logsBloom, h.logsBloom)
        && difficulty == h.difficulty
        && number == h.number
        && gasLimit == h.gasLimit
        && gasUsed == h.gasUsed
        && timestamp == h.timestamp
        && Arrays.equals(extraData, h.extraData)
        && mixHash.equals(h.mixHash)
        && nonce == h.nonce
        && baseFeePerGas.equals(h.baseFeePerGas)
        && withdrawalsRoot.equals(h.withdrawalsRoot)
        && blobGasUsed == h.blobGasUsed
        && excessBlobGas == h.excessBlobGas
        && parentBeaconBlockRoot.equals(h.parentBeaconBlockRoot);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + stateRoot.hashCode();
  }
}
