package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.HashMap;
import java.util.Map;

/**
 * Invariant 9: equal state roots at equal heights; nodes that read their accounts at the same
 * head report the same nonce and balance for each; and each account's nonce equals the number
 * of its transactions in the chain up to that head (the state follows the chain).
 */
final class StateAgreement implements Invariant {
  @Override
  public String name() {
    return "state_agreement";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    Map<Long, Hash> roots = new HashMap<>();
    for (NodeChain c : ctx.chains) {
      for (ChainBlock b : c.blocks()) {
        Hash seen = roots.putIfAbsent(b.number(), b.stateRoot());
        if (seen != null) {
          t.checked();
          if (!seen.equals(b.stateRoot())) {
            t.violation("height %d: state root %s on %s differs from %s", b.number(), b.stateRoot(), c.node(), seen);
          }
        }
      }
    }
    Map<Long, NodeChain> firstAtHead = new HashMap<>();
    for (NodeChain c : ctx.chains) {
      if (c.accountsHead() < 0) {
        continue;
      }
      checkAgainstChain(ctx, c, t);
      NodeChain other = firstAtHead.putIfAbsent(c.accountsHead(), c);
      if (other == null) {
        continue;
      }
      for (Map.Entry<Address, AccountState> e : c.accounts().entrySet()) {
        t.checked();
        AccountState mine = e.getValue();
        AccountState theirs = other.accounts().get(e.getKey());
        if (!mine.equals(theirs)) {
          t.violation("account %s at block %d: %s on %s, %s on %s", e.getKey(), c.accountsHead(), mine, c.node(),
              theirs, other.node());
        }
      }
    }
  }

  private static void checkAgainstChain(CheckContext ctx, NodeChain c, Tally t) {
    Map<Address, Long> sent = new HashMap<>();
    for (ChainBlock b : c.blocks()) {
      if (b.number() > c.accountsHead()) {
        break;
      }
      for (TxRef tx : b.transactions()) {
        sent.merge(tx.from(), 1L, Long::sum);
      }
    }
    for (Map.Entry<Address, AccountState> e : c.accounts().entrySet()) {
      t.checked();
      long expected = sent.getOrDefault(e.getKey(), 0L);
      if (e.getValue().nonce() != expected) {
        t.violation("%s: account %s has nonce %d at block %d but sent %d transactions up to it", c.node(),
            e.getKey(), e.getValue().nonce(), c.accountsHead(), expected);
      }
    }
  }
}
