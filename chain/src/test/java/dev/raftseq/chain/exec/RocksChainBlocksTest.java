package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local genesis and a few blocks on real RocksDB stores: a producer store commits what it
 * built, a follower store commits what the importer verified, and both end in the same state.
 */
class RocksChainBlocksTest {
  static final Path LOCAL_GENESIS = Path.of("..", "local-chains", "genesis.json");
  /**
   * State root of local-chains/genesis.json (ten accounts with 10 000 ETH each). Its block hash
   * is 0xcb5913663a76e83e1b6277ab4de4be4a513c5813bbf4c764b4e9464df5964c92. A change here means
   * every existing local database is incompatible.
   */
  static final Hash LOCAL_GENESIS_STATE_ROOT =
      Hash.fromHex("0xe914d7e6a70676d0aecddd6b3e1110d78639f4e45a167334b8ba589316f48632");
  static final long CHAIN_ID = 270;

  @TempDir Path producerDir;
  @TempDir Path followerDir;

  @Test
  void localGenesisStateRootIsStable() throws IOException {
    GenesisSpec spec = GenesisSpec.read(LOCAL_GENESIS);
    try (RocksChainStore store = RocksChainStore.open(producerDir, CHAIN_ID)) {
      GenesisResult g = Genesis.build(spec, store);
      System.out.println("local-chains/genesis.json state root " + g.state().root() + ", block hash " + g.block().hash());
      assertThat(g.state().root()).isEqualTo(LOCAL_GENESIS_STATE_ROOT);
      assertThat(g.block().hash())
          .isEqualTo(Hash.fromHex("0xcb5913663a76e83e1b6277ab4de4be4a513c5813bbf4c764b4e9464df5964c92"));
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      assertThat(store.head().hash()).isEqualTo(g.block().hash());
      assertThat(store.headState().account(DevKeys.address(9)).balance()).isEqualTo(Wei.of(BigInteger.TEN.pow(22)));
    }
  }

  @Test
  void threeBlocksBuiltOnOneStoreVerifyAndApplyOnAnother() throws Exception {
    GenesisSpec spec = GenesisSpec.read(LOCAL_GENESIS);
    NodeKey sequencer = NodeKey.fromPrivateKey(DevKeys.privateKey(7));
    try (RocksChainStore producer = RocksChainStore.open(producerDir, CHAIN_ID);
        RocksChainStore follower = RocksChainStore.open(followerDir, CHAIN_ID)) {
      GenesisResult g = Genesis.build(spec, producer);
      producer.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      GenesisResult g2 = Genesis.build(spec, follower);
      follower.commit(new BlockCommit(g2.block(), List.of(), g2.state(), null));
      assertThat(g2.block().hash()).isEqualTo(g.block().hash());

      BlockBuilder builder = new BlockBuilder(producer);
      BlockImporter importer = new BlockImporter(follower, CHAIN_ID, sequencer.address()::equals);
      List<List<RecoveredTx>> blocks =
          List.of(
              List.of(TxSpec.from(0).sign(), TxSpec.from(1).value(Wei.of(1000)).sign(), TxSpec.from(0).nonce(1).sign()),
              List.of(TxSpec.from(2).to(DevKeys.address(20)).value(TestChain.ETH).sign()),
              List.of());
      long millis = (spec.timestamp() + 60) * 1000;
      for (int i = 0; i < blocks.size(); i++) {
        Block parent = producer.head();
        BlockContext ctx = BlockContext.childOf(CHAIN_ID, parent, millis + i * 250L, TestChain.COINBASE);
        BuiltBlock built =
            builder.build(parent.header(), producer.headState(), ctx, new ListCandidates(blocks.get(i)), 1000);
        assertThat(built.included()).hasSameSizeAs(blocks.get(i));
        Block sealed = BlockSealer.seal(built, parent.header(), sequencer, 1);
        producer.commit(new BlockCommit(sealed, built.receipts(), built.state(), new AppliedIndex(1, i + 1)));

        BlockCommit verified =
            importer.verify(sealed, follower.head().header(), follower.headState(), new AppliedIndex(1, i + 1));
        follower.commit(verified);
      }

      assertThat(follower.head().number()).isEqualTo(3);
      assertThat(follower.head().hash()).isEqualTo(producer.head().hash());
      assertThat(follower.headState().root()).isEqualTo(producer.head().header().stateRoot());
      assertThat(follower.headState().account(DevKeys.address(0)).nonce()).isEqualTo(2);
      assertThat(follower.headState().account(DevKeys.address(20)).balance()).isEqualTo(TestChain.ETH);
      Block first = follower.blockByNumber(1).orElseThrow();
      assertThat(follower.receipts(first.hash())).hasSize(3);
      assertThat(follower.transactionLocation(blocks.get(0).get(2).hash()))
          .contains(new TxLocation(first.hash(), 1, 2));
      assertThat(follower.lastApplied()).contains(new AppliedIndex(1, 3));
      // empty blocks lower the base fee by an eighth; blocks 1 and 2 used far less than the target
      assertThat(follower.head().header().baseFeePerGas()).isLessThan(Wei.of(1_000_000_000L));
    }
  }
}
