package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;
import java.util.function.Predicate;

/**
 * Verifies a sealed block against its parent and re-executes it: number and parent hash,
 * signer trusted, timestamp not before the parent's, gas limit, base fee, every transaction
 * valid, roots (state, transactions, receipts), gas used, bloom. Pure: writes nothing.
 */
public final class BlockImporter {
  private final StateRootCalculator roots;
  private final long chainId;
  private final Predicate<Address> trustedSigner;

  public BlockImporter(StateRootCalculator roots, long chainId, Predicate<Address> trustedSigner) {
    this.roots = roots;
    this.chainId = chainId;
    this.trustedSigner = trustedSigner;
  }

  public BlockCommit verify(Block block, Header parent, StateView parentState, AppliedIndex index)
      throws InvalidBlockException {
    throw new UnsupportedOperationException("TODO");
  }
}
