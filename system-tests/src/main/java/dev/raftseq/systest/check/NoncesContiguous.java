package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import java.util.HashMap;
import java.util.Map;

/** Invariant 6b: per sender, included nonces are 0, 1, 2, ... in chain order: no gap, no repeat. */
final class NoncesContiguous implements Invariant {
  @Override
  public String name() {
    return "nonces_contiguous";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    if (ctx.reference == null) {
      return;
    }
    Map<Address, Long> next = new HashMap<>();
    for (ChainBlock b : ctx.reference.blocks()) {
      for (TxRef tx : b.transactions()) {
        t.checked();
        long expected = next.getOrDefault(tx.from(), 0L);
        if (tx.nonce() != expected) {
          t.violation("block %d: %s nonce %d where %d was expected (%s)", b.number(), tx.from(), tx.nonce(),
              expected, tx.nonce() < expected ? "repeat or reorder" : "gap");
        }
        next.put(tx.from(), Math.max(expected, tx.nonce() + 1));
      }
    }
  }
}
