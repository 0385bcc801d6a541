package dev.raftseq.producer.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The committed set under random adds (gaps, replacements, duplicates), inclusions, nonces used by
 * other nodes' blocks, drops and head resets, with small limits so that they bind. After every step
 * it is checked against a model rebuilt from scratch: what it holds is exactly what was admitted
 * minus what it reported removed, and it reports removals only for inclusion, a used nonce, a
 * replacement or a drop (never eviction or expiry); pending is each sender's consecutive run from
 * the account nonce and queued the rest; the counters match; candidates come in nonce order per
 * sender and best effective tip first across senders.
 */
class MempoolPropertyTest {
  private static final int SENDERS = 3;
  private static final Wei BASE_FEE = Wei.of(10);

  enum Kind { ADD, INCLUDE, FOREIGN, DROP, RESET }

  record Step(Kind kind, int sender, int nonceOffset, int tip, int millis) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just(Kind.ADD)),
        net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.INCLUDE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FOREIGN)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.DROP)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RESET)));
    return Combinators.combine(
            kinds,
            Arbitraries.integers().between(0, SENDERS - 1),
            Arbitraries.integers().between(-1, 3),
            Arbitraries.integers().between(0, 300),
            Arbitraries.integers().between(0, 4_000))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void thePoolMatchesItsModelAfterEveryStep(@ForAll("steps") List<Step> steps) {
    new Run().execute(steps);
  }

  private static final class Run {
    private final Address[] senders = new Address[SENDERS];
    private final FakeState head;
    private final Map<Hash, RecoveredTx> held = new HashMap<>();
    private final Mempool pool;
    private Hash dropping;
    private int foreignSeq;

    Run() {
      for (int i = 0; i < SENDERS; i++) {
        senders[i] = Txs.addr(i + 1);
      }
      head = FakeState.funded(senders);
      MempoolConfig config = PoolFixture.config().withLimits(8, 5, 2);
      pool = new Mempool(config, (tx, why) -> {
        assertThat(held.remove(tx.hash())).as("reported removal of a transaction not held: %s", tx).isNotNull();
        switch (why) {
          case DROPPED -> assertThat(tx.hash()).as("only the dropped one leaves as dropped").isEqualTo(dropping);
          case INCLUDED, NONCE_USED -> assertThat(tx.tx().nonce()).as("its nonce is used")
              .isLessThan(head.nonce(tx.sender()));
          case REPLACED -> { }
          default -> throw new AssertionError("a committed transaction left the set for " + why);
        }
      });
    }

    void execute(List<Step> steps) {
      for (Step s : steps) {
        apply(s);
        check();
      }
    }

    private void apply(Step s) {
      Address sender = senders[s.sender()];
      switch (s.kind()) {
        case ADD -> {
          long nonce = Math.max(0, pool.pendingNonce(sender, head) + s.nonceOffset());
          RecoveredTx tx = Txs.from(sender).nonce(nonce).tip(s.tip()).feeCap(s.tip() + 500L).build();
          try {
            pool.add(tx, head, BASE_FEE);
            held.put(tx.hash(), tx);
          } catch (TxRejectedException e) {
            assertThat(pool.contains(tx.hash())).isEqualTo(held.containsKey(tx.hash()));
          }
        }
        case INCLUDE -> {
          // the sender's next executable transaction goes into a block
          List<RecoveredTx> run = pendingOf(sender);
          if (!run.isEmpty()) {
            RecoveredTx next = run.get(0);
            head.setNonce(sender, next.tx().nonce() + 1);
            pool.onBlockApplied(Blocks.withTxs(1, List.of(next)), head);
          }
        }
        case FOREIGN -> {
          // another node's block used the sender's next nonce with a transaction we never had
          long nonce = head.nonce(sender);
          RecoveredTx theirs = Txs.from(sender).nonce(nonce).tip(1_000_000 + foreignSeq++).build();
          head.setNonce(sender, nonce + 1);
          pool.onBlockApplied(Blocks.withTxs(1, List.of(theirs)), head);
        }
        case DROP -> {
          List<RecoveredTx> all = new ArrayList<>(held.values());
          if (!all.isEmpty()) {
            all.sort((x, y) -> x.hash().compareTo(y.hash()));
            dropping = all.get(s.tip() % all.size()).hash();
            assertThat(pool.drop(dropping, head)).isTrue();
          }
        }
        case RESET -> {
          head.setNonce(sender, head.nonce(sender) + s.nonceOffset() + 1);
          pool.onHeadReset(head);
        }
        default -> throw new AssertionError(s);
      }
    }

    private List<RecoveredTx> pendingOf(Address sender) {
      return pool.pendingTransactions().stream().filter(t -> t.sender().equals(sender)).toList();
    }

    private void check() {
      PoolFixture.assertConsistent(pool);
      assertThat(pool.size()).isEqualTo(held.size()).isLessThanOrEqualTo(8);
      for (RecoveredTx t : held.values()) {
        assertThat(pool.get(t.hash())).isEqualTo(t);
      }

      // the model: per sender, nonce -> tx; pending = consecutive from the account nonce
      Set<Hash> expectedPending = new HashSet<>();
      for (Address sender : senders) {
        TreeMap<Long, RecoveredTx> byNonce = new TreeMap<>();
        for (RecoveredTx t : held.values()) {
          if (t.sender().equals(sender)) {
            assertThat(t.tx().nonce()).as("no stale nonce held").isGreaterThanOrEqualTo(head.nonce(sender));
            assertThat(byNonce.put(t.tx().nonce(), t)).as("one tx per sender and nonce").isNull();
          }
        }
        assertThat(byNonce.size()).isLessThanOrEqualTo(5);
        long next = head.nonce(sender);
        while (byNonce.containsKey(next)) {
          expectedPending.add(byNonce.get(next).hash());
          next++;
        }
        assertThat(pool.pendingNonce(sender, head)).isEqualTo(next);
      }
      assertThat(pool.pendingTransactions().stream().map(RecoveredTx::hash).toList())
          .containsExactlyInAnyOrderElementsOf(expectedPending);

      checkCandidates();
    }

    /** Nonce order within a sender, best effective tip first across the senders' next ones. */
    private void checkCandidates() {
      Map<Address, List<RecoveredTx>> remaining = new HashMap<>();
      for (RecoveredTx t : pool.pendingTransactions()) {
        remaining.computeIfAbsent(t.sender(), a -> new ArrayList<>()).add(t);
      }
      remaining.values().forEach(l -> l.sort((x, y) -> Long.compare(x.tx().nonce(), y.tx().nonce())));
      TxCandidates candidates = pool.candidates(BASE_FEE);
      int offered = 0;
      for (RecoveredTx t = candidates.next(); t != null; t = candidates.next()) {
        List<RecoveredTx> run = remaining.get(t.sender());
        assertThat(run).isNotEmpty();
        assertThat(t).as("the sender's next nonce").isEqualTo(run.get(0));
        BigInteger tip = effectiveTip(t);
        for (List<RecoveredTx> other : remaining.values()) {
          if (!other.isEmpty()) {
            assertThat(tip).as("best first").isGreaterThanOrEqualTo(effectiveTip(other.get(0)));
          }
        }
        run.remove(0);
        offered++;
      }
      assertThat(offered).isEqualTo(pool.pendingCount());
    }

    private static BigInteger effectiveTip(RecoveredTx t) {
      return t.tx().maxFeePerGas().value().subtract(BASE_FEE.value()).min(t.tx().maxPriorityFeePerGas().value());
    }
  }
}
