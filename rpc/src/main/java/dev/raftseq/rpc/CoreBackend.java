package dev.raftseq.rpc;

import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.SequencerCore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The JSON-RPC methods' view of a node that runs the sequencer core (single sequencer or consensus
 * node): reads from its chain and committed set, transactions through its admission.
 */
public final class CoreBackend implements EthBackend {
  private final SequencerCore core;
  private final String clientVersion;
  private final IntSupplier peerCount;

  public CoreBackend(SequencerCore core, String clientVersion, IntSupplier peerCount) {
    this.core = core;
    this.clientVersion = clientVersion;
    this.peerCount = peerCount;
  }

  @Override
  public ChainReader chain() {
    return core.chain();
  }

  @Override
  public String clientVersion() {
    return clientVersion;
  }

  @Override
  public CompletableFuture<Hash> sendRawTransaction(byte[] raw) {
    return core.submit(raw);
  }

  @Override
  public long pendingNonce(Address sender) {
    return core.pendingNonce(sender);
  }

  @Override
  public Optional<RecoveredTx> pendingTransaction(Hash hash) {
    return core.pendingTransaction(hash);
  }

  /** A rollup has no auction for inclusion: no tip is needed (the pool's minimum is zero). */
  @Override
  public Wei suggestedTip() {
    return Wei.ZERO;
  }

  @Override
  public Wei nextBaseFee() {
    return core.nextBaseFee();
  }

  @Override
  public Optional<SyncProgress> syncing() {
    return Optional.empty();
  }

  @Override
  public int peerCount() {
    return peerCount.getAsInt();
  }

  @Override
  public AutoCloseable subscribeNewHeads(Consumer<Block> listener) {
    return core.subscribeNewHeads(listener);
  }
}
