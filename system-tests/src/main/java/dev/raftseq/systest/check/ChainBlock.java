package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.List;
import java.util.Optional;

/**
 * One block as a node serves it, with what the checker derives from its header.
 *
 * @param reportedHash the hash the node gave
 * @param computedHash keccak256 of the RLP of the header rebuilt from the node's fields
 * @param sealMillis block time in milliseconds from the seal (genesis: timestamp * 1000)
 * @param term the Raft term in the seal (genesis: 0)
 * @param signer who signed the seal; empty for genesis, or when the seal does not verify
 * @param sealError why the seal does not verify, when it does not (never for genesis)
 */
public record ChainBlock(
    long number,
    Hash reportedHash,
    Hash computedHash,
    Hash parentHash,
    Hash stateRoot,
    long timestamp,
    long sealMillis,
    long term,
    Optional<Address> signer,
    Optional<String> sealError,
    List<TxRef> transactions) {
  public ChainBlock {
    transactions = List.copyOf(transactions);
  }
}
