package dev.raftseq.node;

import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.EthBackend;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * JSON-RPC on an external node: every read from its own database (through the core it replays
 * into), eth_sendRawTransaction and the "pending" nonce from the main nodes, eth_syncing and
 * net_peerCount from block sync.
 */
final class ExternalBackend implements EthBackend {
  private final EthBackend local;
  private final TxForwarder forwarder;
  private final Supplier<dev.raftseq.replay.SyncProgress> sync;
  private final long startingBlock;

  ExternalBackend(EthBackend local, TxForwarder forwarder, Supplier<dev.raftseq.replay.SyncProgress> sync) {
    this.local = local;
    this.forwarder = forwarder;
    this.sync = sync;
    this.startingBlock = local.chain().head().number();
  }

  @Override
  public ChainReader chain() {
    return local.chain();
  }

  @Override
  public String clientVersion() {
    return local.clientVersion();
  }

  @Override
  public CompletableFuture<Hash> sendRawTransaction(byte[] raw) {
    return forwarder.forward(raw);
  }

  /**
   * The main nodes' answer (their committed set has what was forwarded and is not included yet), or
   * this node's own head when none answers; never below the head this node has replayed.
   */
  @Override
  public long pendingNonce(Address sender) {
    long own = local.pendingNonce(sender);
    return Math.max(own, forwarder.pendingNonce(sender).orElse(own));
  }

  @Override
  public Optional<RecoveredTx> pendingTransaction(Hash hash) {
    return local.pendingTransaction(hash);
  }

  @Override
  public Wei suggestedTip() {
    return local.suggestedTip();
  }

  @Override
  public Wei nextBaseFee() {
    return local.nextBaseFee();
  }

  @Override
  public Optional<EthBackend.SyncProgress> syncing() {
    dev.raftseq.replay.SyncProgress p = sync.get();
    return p.ownHead() >= p.highestSeen() ? Optional.empty()
        : Optional.of(new EthBackend.SyncProgress(startingBlock, p.ownHead(), p.highestSeen()));
  }

  @Override
  public int peerCount() {
    return sync.get().peers();
  }

  @Override
  public AutoCloseable subscribeNewHeads(Consumer<Block> listener) {
    return local.subscribeNewHeads(listener);
  }
}
