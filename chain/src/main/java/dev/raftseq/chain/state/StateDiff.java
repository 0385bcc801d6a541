package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.Map;

/**
 * What executing a block changed, relative to its parent state.
 *
 * @param accounts final value of every touched account; a null value deletes the account. The
 *     storageRoot of these accounts may be stale: the state root calculation recomputes it from
 *     {@code storage}.
 * @param storage per account, slot to new 32-byte value ({@link Hash#ZERO} deletes the slot)
 * @param code new contract code by its keccak hash
 */
public record StateDiff(
    Map<Address, Account> accounts, Map<Address, Map<Hash, Hash>> storage, Map<Hash, byte[]> code) {
  public static final StateDiff EMPTY = new StateDiff(Map.of(), Map.of(), Map.of());
}
