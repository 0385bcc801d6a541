package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.Map;
import java.util.Set;

/**
 * What executing a block changed, relative to its parent state.
 *
 * @param accounts final value of every touched account; a null value deletes the account. The
 *     storageRoot of these accounts may be stale: the state root calculation recomputes it from
 *     {@code storage}.
 * @param storage per account, slot to new 32-byte value ({@link Hash#ZERO} deletes the slot)
 * @param code new contract code by its keccak hash
 * @param storageWiped surviving accounts whose parent storage no longer applies (deleted and
 *     created again within the block): their storage is exactly {@code storage}'s slots
 */
public record StateDiff(
    Map<Address, Account> accounts,
    Map<Address, Map<Hash, Hash>> storage,
    Map<Hash, byte[]> code,
    Set<Address> storageWiped) {
  public static final StateDiff EMPTY = new StateDiff(Map.of(), Map.of(), Map.of());

  public StateDiff(Map<Address, Account> accounts, Map<Address, Map<Hash, Hash>> storage, Map<Hash, byte[]> code) {
    this(accounts, storage, code, Set.of());
  }
}
