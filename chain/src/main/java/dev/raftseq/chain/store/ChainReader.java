package dev.raftseq.chain.store;

import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.TxLocation;
import java.util.List;
import java.util.Optional;

/** Read side of the chain database, safe to call from any thread while blocks are applied. */
public interface ChainReader {
  long chainId();

  /** The newest applied block (genesis at least). */
  Block head();

  Optional<Block> blockByNumber(long number);

  Optional<Block> blockByHash(Hash hash);

  /**
   * The block's canonical encoding ({@code BlockCodec.encodeBlock}) as stored, without decoding
   * it: serving blocks to peers must not recover every sender.
   */
  default Optional<byte[]> encodedBlockByNumber(long number) {
    return blockByNumber(number).map(dev.raftseq.chain.codec.BlockCodec::encodeBlock);
  }

  Optional<Header> headerByNumber(long number);

  Optional<TxLocation> transactionLocation(Hash txHash);

  /** Receipts of a block in transaction order; empty if the block is unknown. */
  List<Receipt> receipts(Hash blockHash);

  /** State at the head, served from flat entries. */
  StateView headState();

  /** State at any retained state root (trie-backed); empty when the root's nodes are unknown. */
  Optional<StateView> stateAt(Hash stateRoot);

  /**
   * The EIP-1186 proof of an account and slots at a retained state root; empty when the root's
   * nodes are unknown or this reader keeps no trie.
   */
  default Optional<dev.raftseq.chain.state.AccountProof> proof(
      Hash stateRoot, dev.raftseq.chain.types.Address address, List<Hash> slots) {
    return Optional.empty();
  }
}
