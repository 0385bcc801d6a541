package dev.raftseq.chain.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenesisTest {
  static final Hash FAKE_ROOT = Keccak.hash(new byte[] {42});

  /** Records what genesis asks of the state and answers a fixed root. */
  static final class RecordingRoots implements StateRootCalculator {
    final List<Hash> parents = new ArrayList<>();
    final List<StateDiff> diffs = new ArrayList<>();

    @Override
    public PreparedState prepare(Hash parentRoot, StateDiff diff) {
      parents.add(parentRoot);
      diffs.add(diff);
      return new PreparedState() {
        @Override
        public Hash parentRoot() {
          return parentRoot;
        }

        @Override
        public Hash root() {
          return FAKE_ROOT;
        }

        @Override
        public StateDiff diff() {
          return diff;
        }
      };
    }
  }

  @Test
  void localGenesisIsAnUnsealedBlockZeroOverThePrefundedAccounts() throws IOException {
    GenesisSpec spec = GenesisSpec.read(GenesisSpecTest.LOCAL_GENESIS);
    RecordingRoots roots = new RecordingRoots();
    GenesisResult g = Genesis.build(spec, roots);

    Header h = g.block().header();
    assertThat(h.number()).isZero();
    assertThat(h.parentHash()).isEqualTo(Hash.ZERO);
    assertThat(h.ommersHash()).isEqualTo(Hash.EMPTY_LIST);
    assertThat(h.stateRoot()).isEqualTo(FAKE_ROOT);
    assertThat(h.transactionsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(h.receiptsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(h.logsBloom()).containsOnly(0);
    assertThat(h.gasLimit()).isEqualTo(100_000_000L);
    assertThat(h.gasUsed()).isZero();
    assertThat(h.timestamp()).isEqualTo(spec.timestamp());
    assertThat(h.extraData()).isEmpty();
    assertThat(h.baseFeePerGas()).isEqualTo(Wei.of(1_000_000_000L));
    assertThat(h.withdrawalsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(h.parentBeaconBlockRoot()).isEqualTo(Hash.ZERO);
    assertThat(g.block().transactions()).isEmpty();
    assertThat(g.block().hash()).isEqualTo(BlockCodec.hash(h));
    assertThat(g.state().root()).isEqualTo(FAKE_ROOT);

    assertThat(roots.parents).containsExactly(Hash.EMPTY_TRIE);
    StateDiff diff = roots.diffs.get(0);
    Account funded = Account.EMPTY.withBalance(Wei.of(BigInteger.TEN.pow(22)));
    assertThat(diff.accounts()).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(diff.accounts().get(DevKeys.address(i))).isEqualTo(funded);
    }
    assertThat(diff.storage()).isEmpty();
    assertThat(diff.code()).isEmpty();
  }

  @Test
  void devAccountsAndNoncesGoIntoTheState() {
    Address a = Address.fromHex("0x00000000000000000000000000000000000000aa");
    GenesisSpec spec =
        new GenesisSpec(9, 0, 30_000_000L, Wei.of(7), null, null,
            java.util.Map.of(a, new GenesisSpec.Alloc(Wei.of(5), 2)), 2, Wei.of(11));
    RecordingRoots roots = new RecordingRoots();
    Genesis.build(spec, roots);
    assertThat(roots.diffs.get(0).accounts())
        .containsEntry(a, new Account(2, Wei.of(5), Hash.EMPTY_TRIE, Hash.EMPTY_CODE))
        .containsEntry(DevKeys.address(10), Account.EMPTY.withBalance(Wei.of(11)))
        .containsEntry(DevKeys.address(11), Account.EMPTY.withBalance(Wei.of(11)))
        .hasSize(3);
  }

  @Test
  void sameSpecGivesTheSameBlock() throws IOException {
    GenesisSpec spec = GenesisSpec.read(GenesisSpecTest.LOCAL_GENESIS);
    Block first = Genesis.build(spec, new RecordingRoots()).block();
    Block second = Genesis.build(GenesisSpec.read(GenesisSpecTest.LOCAL_GENESIS), new RecordingRoots()).block();
    assertThat(second.hash()).isEqualTo(first.hash());
  }
}
