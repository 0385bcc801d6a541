package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Transaction;

/**
 * The gas a transaction costs before any code runs (yellow paper g0, Cancun rules): 21000, plus
 * 4 per zero and 16 per non-zero data byte (EIP-2028), plus 2400 per access-list address and
 * 1900 per storage key (EIP-2930), plus for contract creation 32000 and 2 per 32-byte word of
 * initcode (EIP-3860).
 */
public final class IntrinsicGas {
  public static final long TX_BASE = 21_000;
  public static final long TX_CREATE = 32_000;
  public static final long DATA_ZERO_BYTE = 4;
  public static final long DATA_NON_ZERO_BYTE = 16;
  public static final long ACCESS_LIST_ADDRESS = 2_400;
  public static final long ACCESS_LIST_STORAGE_KEY = 1_900;
  public static final long INITCODE_WORD = 2;
  /** EIP-3860: creation transactions carry at most this much initcode (2 * 24576). */
  public static final int MAX_INITCODE_SIZE = 49_152;

  private IntrinsicGas() {}

  public static long of(Transaction tx) {
    byte[] data = tx.data();
    long zeros = 0;
    for (byte b : data) {
      if (b == 0) {
        zeros++;
      }
    }
    long gas = TX_BASE + zeros * DATA_ZERO_BYTE + (data.length - zeros) * DATA_NON_ZERO_BYTE;
    if (tx.isContractCreation()) {
      gas += TX_CREATE + INITCODE_WORD * ((data.length + 31L) / 32);
    }
    for (AccessTuple t : tx.accessList()) {
      gas += ACCESS_LIST_ADDRESS + ACCESS_LIST_STORAGE_KEY * t.storageKeys().size();
    }
    return gas;
  }
}
