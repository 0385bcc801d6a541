package dev.raftseq.chain.store;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.trie.OrderedTrie;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabricates blocks whose header state root comes from {@code prepare()} (no execution): enough
 * for storage tests, which care about consistency, not about transaction semantics.
 */
public final class TestBlocks {
  private TestBlocks() {}

  /** A commit of the next block on the store's head (or genesis when empty) with this diff. */
  public static BlockCommit next(ChainStore store, StateDiff diff, List<RecoveredTx> txs, AppliedIndex index) {
    Block parent = store.isEmpty() ? null : store.head();
    Hash parentRoot = parent == null ? Hash.EMPTY_TRIE : parent.header().stateRoot();
    PreparedState state = store.prepare(parentRoot, diff);
    return commitOf(parent, state, txs, index);
  }

  public static BlockCommit commitOf(Block parent, PreparedState state, List<RecoveredTx> txs, AppliedIndex index) {
    List<Receipt> receipts = new ArrayList<>();
    List<byte[]> encodedTxs = new ArrayList<>();
    List<byte[]> encodedReceipts = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      Receipt r = new Receipt(txs.get(i).tx().type(), true, 21_000L * (i + 1), new byte[Header.BLOOM_BYTES], List.of());
      receipts.add(r);
      encodedTxs.add(txs.get(i).encoded());
      encodedReceipts.add(BlockCodec.encodeReceipt(r));
    }
    long number = parent == null ? 0 : parent.number() + 1;
    Header h =
        new Header(
            parent == null ? Hash.ZERO : parent.hash(),
            Hash.EMPTY_LIST,
            Address.ZERO,
            state.root(),
            OrderedTrie.root(encodedTxs),
            OrderedTrie.root(encodedReceipts),
            new byte[Header.BLOOM_BYTES],
            0,
            number,
            30_000_000,
            21_000L * txs.size(),
            1_700_000_000L + number,
            new byte[0],
            Hash.ZERO,
            0,
            Wei.of(1_000_000_000L),
            Hash.EMPTY_TRIE,
            0,
            0,
            Hash.ZERO);
    return new BlockCommit(BlockCodec.block(h, txs), receipts, state, index);
  }
}
