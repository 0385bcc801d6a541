package dev.raftseq.evm.state;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Word;

/**
 * The state a transaction starts from, read-only. The EVM reads through it lazily and keeps
 * every change in {@link JournaledState}; the caller applies {@link JournaledState#changes()}.
 */
public interface StateReader {
  /** The account, or null when it does not exist. */
  AccountInfo account(EvmAddress address);

  /** A storage slot's value; {@link Word#ZERO} when unset. */
  Word storage(EvmAddress address, Word key);

  /** Code by hash; must not be null for the code hash of an existing account. */
  byte[] code(Word codeHash);
}
