package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;

/** Read access to the world state at one state root. Implementations are thread-safe. */
public interface StateView {
  Hash root();

  /** The account, or null when it does not exist. */
  Account account(Address address);

  /** A storage word (32 bytes); {@link Hash#ZERO} when unset. */
  Hash storage(Address address, Hash slot);

  /** Code by its hash; empty array for {@link Hash#EMPTY_CODE}; null when unknown. */
  byte[] code(Hash codeHash);
}
