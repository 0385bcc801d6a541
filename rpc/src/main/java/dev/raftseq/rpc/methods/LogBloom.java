package dev.raftseq.rpc.methods;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Tests a block's 2048-bit logs bloom (Ethereum's m3:2048 filter) against a log filter, so
 * eth_getLogs reads receipts only of blocks that may hold matching logs. False positives are
 * possible, false negatives are not.
 */
final class LogBloom {
  private LogBloom() {}

  static boolean mayMatch(byte[] bloom, Set<Address> addresses, List<Set<Hash>> topics) {
    if (!addresses.isEmpty() && addresses.stream().noneMatch(a -> contains(bloom, a.unsafeBytes()))) {
      return false;
    }
    for (Collection<Hash> alternatives : topics) {
      if (!alternatives.isEmpty() && alternatives.stream().noneMatch(t -> contains(bloom, t.unsafeBytes()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the three bits keccak256(value) selects are all set. */
  static boolean contains(byte[] bloom, byte[] value) {
    byte[] h = Keccak.digest(value);
    for (int i = 0; i < 6; i += 2) {
      int bit = ((h[i] & 0xff) << 8 | (h[i + 1] & 0xff)) & 2047;
      if ((bloom[bloom.length - 1 - bit / 8] & (1 << (bit % 8))) == 0) {
        return false;
      }
    }
    return true;
  }
}
