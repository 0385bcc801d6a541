package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import java.util.List;
import java.util.Map;

/**
 * What one node holds at the end of a run: its blocks from genesis (in the order it served them)
 * and the state of the load accounts at {@code accountsHead}.
 *
 * @param accountsHead the block number the account states were read at; -1 when not read
 */
public record NodeChain(String node, List<ChainBlock> blocks, long accountsHead, Map<Address, AccountState> accounts) {
  public NodeChain {
    blocks = List.copyOf(blocks);
    accounts = Map.copyOf(accounts);
  }

  public long head() {
    return blocks.isEmpty() ? -1 : blocks.get(blocks.size() - 1).number();
  }
}
