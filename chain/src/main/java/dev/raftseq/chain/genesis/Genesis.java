package dev.raftseq.chain.genesis;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds block 0 from a {@link GenesisSpec}: parent hash zero, the prefunded accounts as its
 * state, no transactions, and no seal (extraData is the spec's, usually empty): every node
 * derives genesis from the same file, so it is compared by hash, never verified as a block.
 */
public final class Genesis {
  private Genesis() {}

  public static GenesisResult build(GenesisSpec spec, StateRootCalculator roots) {
    Map<Address, Account> accounts = new HashMap<>();
    spec.allAccounts()
        .forEach((address, alloc) -> accounts.put(address, Account.EMPTY.withNonce(alloc.nonce()).withBalance(alloc.balance())));
    PreparedState state = roots.prepare(Hash.EMPTY_TRIE, new StateDiff(accounts, Map.of(), Map.of()));
    Header header =
        new Header(
            Hash.ZERO,
            Hash.EMPTY_LIST,
            spec.coinbase(),
            state.root(),
            Hash.EMPTY_TRIE,
            Hash.EMPTY_TRIE,
            new byte[Header.BLOOM_BYTES],
            0,
            0,
            spec.gasLimit(),
            0,
            spec.timestamp(),
            spec.extraData(),
            Hash.ZERO,
            0,
            spec.baseFeePerGas(),
            Hash.EMPTY_TRIE,
            0,
            0,
            Hash.ZERO);
    return new GenesisResult(BlockCodec.block(header, List.of()), state);
  }
}
