package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.evm.Evm;

/** Where CREATE puts a contract: keccak256(rlp([sender, nonce]))[12:]. */
public final class ContractAddress {
  private ContractAddress() {}

  public static Address of(Address sender, long nonce) {
    return EvmStateReader.chain(Evm.createAddress(EvmStateReader.evm(sender), nonce));
  }
}
