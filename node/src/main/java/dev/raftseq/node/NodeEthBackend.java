package dev.raftseq.node;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.ChainView;
import dev.raftseq.producer.mempool.TxPool;
import dev.raftseq.rpc.EthBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON-RPC layer's view of this node. */
final class NodeEthBackend implements EthBackend {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEthBackend.class);
  static final String CLIENT_VERSION = "raftseq/v0.1.0/java" + Runtime.version().feature();

  private final String nodeTag;
  private final ChainService chain;
  private final TxPool pool;
  private final TxAdmission admission;
  private final Duration ackTimeout;
  private final Runnable onNewTransaction;
  private final IntSupplier peerCount;
  private final List<Consumer<Block>> headListeners = new CopyOnWriteArrayList<>();

  NodeEthBackend(String nodeTag, ChainService chain, TxPool pool, TxAdmission admission, Duration ackTimeout,
      Runnable onNewTransaction, IntSupplier peerCount) {
    this.nodeTag = nodeTag;
    this.chain = chain;
    this.pool = pool;
    this.admission = admission;
    this.ackTimeout = ackTimeout;
    this.onNewTransaction = onNewTransaction;
    this.peerCount = peerCount;
  }

  /** Called after every applied block. */
  void onBlockApplied(Block block) {
    for (Consumer<Block> l : headListeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("[{}] newHeads subscriber failed", nodeTag, e);
      }
    }
  }

  @Override
  public ChainReader chain() {
    return chain.store();
  }

  @Override
  public String clientVersion() {
    return CLIENT_VERSION;
  }

  /**
   * Decodes strictly, admits to the local pool (which checks nonce, balance, fees and limits
   * against the head), then replicates; the hash is returned only once replication is done.
   */
  @Override
  public CompletableFuture<Hash> sendRawTransaction(byte[] raw) {
    RecoveredTx tx;
    try {
      tx = TransactionCodec.decodeStrict(raw, chain.store().chainId());
      ChainView.Head head = chain.head();
      pool.add(tx, head.state(), BaseFee.next(head.block().header()));
    } catch (DecodeException | TxRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    onNewTransaction.run();
    return admission.replicate(raw)
        .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((ok, err) -> {
          if (err == null) {
            return tx.hash();
          }
          Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
              ? err.getCause() : err;
          LOG.warn("[{}] transaction {} not acknowledged: {}", nodeTag, tx.hash(), cause.toString());
          throw new java.util.concurrent.CompletionException(new TxRejectedException(TxRejection.NOT_SERVING,
              cause instanceof TimeoutException ? "not committed within " + ackTimeout.toMillis() + " ms"
                  : String.valueOf(cause.getMessage())));
        });
  }

  @Override
  public long pendingNonce(Address sender) {
    return pool.pendingNonce(sender, chain.head().state());
  }

  @Override
  public Optional<RecoveredTx> pendingTransaction(Hash hash) {
    return Optional.ofNullable(pool.get(hash));
  }

  /** A rollup has no auction for inclusion: no tip is needed (the pool's minimum is zero). */
  @Override
  public Wei suggestedTip() {
    return Wei.ZERO;
  }

  @Override
  public Wei nextBaseFee() {
    return BaseFee.next(chain.store().head().header());
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
    headListeners.add(listener);
    return () -> headListeners.remove(listener);
  }
}
