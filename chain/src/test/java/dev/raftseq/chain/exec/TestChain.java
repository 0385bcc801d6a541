package dev.raftseq.chain.exec;

import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** A genesis over {@link MapStateRoots} with dev accounts 0..n-1 funded with 1000 ETH each. */
final class TestChain {
  static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));
  static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000002");
  static final long GENESIS_SECONDS = 1_700_000_000L;

  final MapStateRoots roots = new MapStateRoots();
  final Block genesis;

  TestChain(int fundedAccounts, long gasLimit, Wei genesisBaseFee) {
    Map<Address, GenesisSpec.Alloc> alloc = new LinkedHashMap<>();
    for (int i = 0; i < fundedAccounts; i++) {
      alloc.put(DevKeys.address(i), new GenesisSpec.Alloc(ETH.multiply(1000)));
    }
    GenesisSpec spec =
        new GenesisSpec(TxSpec.CHAIN_ID, GENESIS_SECONDS, gasLimit, genesisBaseFee, Address.ZERO, null, alloc, 0, null);
    GenesisResult g = Genesis.build(spec, roots);
    roots.commit(g.state());
    genesis = g.block();
  }

  StateView state(Block b) {
    return roots.view(b.header().stateRoot());
  }

  BlockContext childContext(Block parent, long millis) {
    return BlockContext.childOf(TxSpec.CHAIN_ID, parent, millis, COINBASE);
  }
}
