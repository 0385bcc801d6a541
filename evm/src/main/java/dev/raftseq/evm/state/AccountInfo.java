package dev.raftseq.evm.state;

import dev.raftseq.evm.Word;

/**
 * An account as stored before the transaction runs.
 *
 * @param hasStorage true when the account has at least one non-zero storage slot (EIP-7610:
 *     contract creation at such an address is a collision)
 */
public record AccountInfo(long nonce, Word balance, Word codeHash, boolean hasStorage) {}
