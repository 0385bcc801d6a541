package dev.raftseq.replay;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.TxLocation;
import java.util.List;
import java.util.Optional;

/** A rogue's chain: an honest store, plus one forged block on top that it serves as its head. */
final class ForgingChain implements ChainReader {
  private final ChainReader honest;
  private final Block forged;

  ForgingChain(ChainReader honest, Block forged) {
    this.honest = honest;
    this.forged = forged;
  }

  @Override
  public long chainId() {
    return honest.chainId();
  }

  @Override
  public Block head() {
    return forged;
  }

  @Override
  public Optional<Block> blockByNumber(long number) {
    return number == forged.number() ? Optional.of(forged) : honest.blockByNumber(number);
  }

  @Override
  public Optional<byte[]> encodedBlockByNumber(long number) {
    return number == forged.number() ? Optional.of(BlockCodec.encodeBlock(forged)) : honest.encodedBlockByNumber(number);
  }

  @Override
  public Optional<Block> blockByHash(Hash hash) {
    return honest.blockByHash(hash);
  }

  @Override
  public Optional<Header> headerByNumber(long number) {
    return number == forged.number() ? Optional.of(forged.header()) : honest.headerByNumber(number);
  }

  @Override
  public Optional<TxLocation> transactionLocation(Hash txHash) {
    return honest.transactionLocation(txHash);
  }

  @Override
  public List<Receipt> receipts(Hash blockHash) {
    return honest.receipts(blockHash);
  }

  @Override
  public StateView headState() {
    return honest.headState();
  }

  @Override
  public Optional<StateView> stateAt(Hash stateRoot) {
    return honest.stateAt(stateRoot);
  }
}
