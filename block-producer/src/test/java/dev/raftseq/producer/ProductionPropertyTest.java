package dev.raftseq.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.mempool.TxPoolListener;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.Txs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of transactions arriving, time passing (also backwards), blocks
 * committing, going stale or failing, and leadership coming and going. After every step: at most
 * one block in flight, no transaction included twice, each sender's nonces consecutive in the
 * chain, timestamps non-decreasing, every block sealed under the term the node held, and every
 * acknowledged transaction is in the chain, in the pool, or was replaced or had its nonce used.
 * At the end, as leader, the pool drains completely except for transactions behind nonce gaps.
 */
class ProductionPropertyTest {
  private static final int SENDERS = 4;

  enum Kind { ADD, TICK, COMMIT, STALE, FAIL, LEAD, FOLLOW }

  record Step(Kind kind, int sender, int nonceOffset, int tip, int millis) {
    @Override
    public String toString() {
      return switch (kind) {
        case ADD -> "ADD(s" + sender + ", +" + nonceOffset + ", tip " + tip + ")";
        case TICK -> "TICK(" + millis + ")";
        default -> kind.name();
      };
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just(Kind.ADD)),
        net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.TICK)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.COMMIT)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.STALE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FAIL)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.LEAD)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FOLLOW)));
    Arbitrary<Step> step = Combinators.combine(
            kinds,
            Arbitraries.integers().between(0, SENDERS - 1),
            Arbitraries.integers().between(-1, 2),
            Arbitraries.integers().between(1, 1_000),
            Arbitraries.integers().between(-300, 400))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(80);
  }

  @Property(tries = 200)
  void invariantsHoldUnderAnyInterleaving(@ForAll("steps") List<Step> steps) {
    new Run().execute(steps);
  }

  /** One run's world and its bookkeeping. */
  private static final class Run {
    private final Address[] senders = new Address[SENDERS];
    private final Map<Hash, TxPoolListener.Removal> removals = new HashMap<>();
    private final Map<Hash, RecoveredTx> acknowledged = new HashMap<>();
    private final LoopHarness h;
    private long now = LoopHarness.GENESIS_MILLIS;
    private long term;
    private int checkedSubmissions;

    Run() {
      for (int i = 0; i < SENDERS; i++) {
        senders[i] = Txs.addr(i + 1);
      }
      h = new LoopHarness(LoopHarness.config(5, false), 30_000_000, (tx, why) -> removals.put(tx.hash(), why), senders);
    }

    void execute(List<Step> steps) {
      for (Step s : steps) {
        apply(s);
        checkInvariants();
      }
      drainAsLeader();
      checkInvariants();
      assertThat(h.pool.pendingCount()).as("pending left after draining").isZero();
    }

    private void apply(Step s) {
      switch (s.kind()) {
        case ADD -> add(s);
        case TICK -> {
          now += s.millis();
          tick();
        }
        case COMMIT -> {
          if (h.sink.unresolved() > 0) {
            h.sink.commitLast();
          }
        }
        case STALE -> {
          if (h.sink.unresolved() > 0) {
            long headMillis = Blocks.timestampMillis(h.chain.headBlock().header());
            h.chain.applyForeignEmptyBlock(Math.max(now, headMillis));
            assertThat(h.sink.commitLast()).isInstanceOf(dev.raftseq.producer.consensus.EntryResult.BlockStale.class);
          }
        }
        case FAIL -> {
          if (h.sink.unresolved() > 0) {
            h.sink.failLast("injected");
          }
        }
        case LEAD -> h.lead(++term);
        case FOLLOW -> h.follow();
        default -> throw new AssertionError(s);
      }
    }

    private void add(Step s) {
      Address sender = senders[s.sender()];
      long nonce = Math.max(0, h.pool.pendingNonce(sender, h.chain.headState()) + s.nonceOffset());
      RecoveredTx tx = Txs.from(sender).nonce(nonce).tip(s.tip()).feeCap(s.tip() * 10L + 100).build();
      try {
        h.add(tx);
        acknowledged.put(tx.hash(), tx);
      } catch (TxRejectedException e) {
        assertThat(h.pool.contains(tx.hash()) && !acknowledged.containsKey(tx.hash())).isFalse();
      }
    }

    private void tick() {
      h.tickAt(now);
      List<FakeSink.Submission> subs = h.sink.submissions();
      for (; checkedSubmissions < subs.size(); checkedSubmissions++) {
        Block b = subs.get(checkedSubmissions).block();
        assertThat(h.term).as("a block was submitted only while leading").isPresent();
        assertThat(Blocks.term(b.header())).as("sealed under the current term").isEqualTo(h.term.getAsLong());
      }
    }

    private void drainAsLeader() {
      h.lead(++term);
      for (int i = 0; i < 200 && (h.pool.pendingCount() > 0 || h.sink.unresolved() > 0); i++) {
        now += LoopHarness.BLOCK_TIME;
        tick();
        if (h.sink.unresolved() > 0) {
          h.sink.commitLast();
        }
      }
    }

    private void checkInvariants() {
      assertThat(h.sink.unresolved()).as("blocks in flight").isLessThanOrEqualTo(1);

      Set<Hash> inChain = new HashSet<>();
      Map<Address, Long> nextNonce = new HashMap<>();
      Set<String> usedNonces = new HashSet<>();
      long previousMillis = Long.MIN_VALUE;
      for (Block b : h.chain.blocks()) {
        long millis = Blocks.timestampMillis(b.header());
        assertThat(millis).as("timestamp of block %s", b.number()).isGreaterThanOrEqualTo(previousMillis);
        previousMillis = millis;
        for (RecoveredTx t : b.transactions()) {
          assertThat(inChain.add(t.hash())).as("included once: %s", t).isTrue();
          long expected = nextNonce.getOrDefault(t.sender(), 0L);
          assertThat(t.tx().nonce()).as("consecutive nonces of %s", t.sender()).isEqualTo(expected);
          nextNonce.put(t.sender(), expected + 1);
          usedNonces.add(t.sender() + "/" + t.tx().nonce());
          assertThat(acknowledged).as("only acknowledged transactions are included").containsKey(t.hash());
        }
      }

      assertThat(EnumSet.copyOf(removalKinds()))
          .as("nothing evicted, expired or found invalid in this setting")
          .isSubsetOf(EnumSet.of(TxPoolListener.Removal.INCLUDED, TxPoolListener.Removal.REPLACED,
              TxPoolListener.Removal.NONCE_USED));
      for (RecoveredTx t : acknowledged.values()) {
        TxPoolListener.Removal why = removals.get(t.hash());
        boolean inPool = h.pool.contains(t.hash());
        if (inChain.contains(t.hash())) {
          assertThat(inPool).as("included and still pooled: %s", t).isFalse();
          continue;
        }
        if (inPool) {
          continue;
        }
        assertThat(why).as("acknowledged, not included, not pooled: %s", t).isNotNull();
        assertThat(why).isNotEqualTo(TxPoolListener.Removal.INCLUDED);
        if (why == TxPoolListener.Removal.NONCE_USED) {
          assertThat(usedNonces).contains(t.sender() + "/" + t.tx().nonce());
        }
      }
      assertThat(h.pool.pendingTransactions()).hasSize(h.pool.pendingCount());
      assertThat(h.pool.queuedTransactions()).hasSize(h.pool.queuedCount());
    }

    private List<TxPoolListener.Removal> removalKinds() {
      List<TxPoolListener.Removal> kinds = new ArrayList<>(removals.values());
      kinds.add(TxPoolListener.Removal.INCLUDED); // EnumSet.copyOf needs one element
      return kinds;
    }
  }
}
