package dev.raftseq.evm.state;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Word;
import java.util.Map;

/**
 * How one account ends a transaction.
 *
 * @param deleted the account no longer exists (self-destructed, or touched while empty per
 *     EIP-161); its storage is gone with it
 * @param storageWiped the account's storage before the transaction no longer applies (it was
 *     deleted, or deleted and created again); {@code storage} then holds every live slot
 * @param code the code, set only when the transaction deployed it
 * @param storage written slots whose value differs from the value before the transaction
 *     ({@link Word#ZERO} clears a slot)
 */
public record AccountChange(
    EvmAddress address,
    boolean deleted,
    boolean storageWiped,
    long nonce,
    Word balance,
    Word codeHash,
    byte[] code,
    Map<Word, Word> storage) {}
