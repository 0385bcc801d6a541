package dev.raftseq.rpc.testing;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.EthBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link EthBackend} over an {@link InMemoryChain}: raw transactions are decoded strictly with
 * the real codec and checked against the head nonce; admitted ones go to a map standing in for
 * the pool. {@link #holdSubmissions()} makes sendRawTransaction answer only when the test says so.
 */
public final class FakeBackend implements EthBackend {
  private final InMemoryChain chain;
  private final Map<Hash, RecoveredTx> pool = new ConcurrentHashMap<>();
  private final List<Consumer<Block>> headListeners = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Hash>> held = new CopyOnWriteArrayList<>();
  private volatile boolean holdSubmissions;
  private volatile Optional<SyncProgress> syncing = Optional.empty();
  private volatile Wei nextBaseFee = Wei.of(875_000_000L);

  public FakeBackend(InMemoryChain chain) {
    this.chain = chain;
  }

  public void addPending(RecoveredTx tx) {
    pool.put(tx.hash(), tx);
  }

  public void holdSubmissions() {
    holdSubmissions = true;
  }

  /** Submissions waiting for {@link #release}. */
  public List<CompletableFuture<Hash>> held() {
    return List.copyOf(held);
  }

  public void setSyncing(Optional<SyncProgress> progress) {
    syncing = progress;
  }

  public void setNextBaseFee(Wei fee) {
    nextBaseFee = fee;
  }

  public int headListenerCount() {
    return headListeners.size();
  }

  /** Appends a block to the chain and tells the newHeads listeners, as the node's apply path does. */
  public void publish(Block block) {
    headListeners.forEach(l -> l.accept(block));
  }

  @Override
  public ChainReader chain() {
    return chain;
  }

  @Override
  public String clientVersion() {
    return "raftseq/test";
  }

  @Override
  public CompletableFuture<Hash> sendRawTransaction(byte[] raw) {
    RecoveredTx tx;
    try {
      tx = TransactionCodec.decodeStrict(raw, chain.chainId());
    } catch (DecodeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Account sender = chain.headState().account(tx.sender());
    long next = sender == null ? 0 : sender.nonce();
    if (tx.tx().nonce() < next) {
      return CompletableFuture.failedFuture(new TxRejectedException(
          TxRejection.NONCE_TOO_LOW, "next nonce " + next + ", tx nonce " + tx.tx().nonce()));
    }
    if (pool.putIfAbsent(tx.hash(), tx) != null) {
      return CompletableFuture.failedFuture(new TxRejectedException(TxRejection.ALREADY_KNOWN));
    }
    if (holdSubmissions) {
      CompletableFuture<Hash> later = new CompletableFuture<>();
      held.add(later);
      return later.thenApply(ignored -> tx.hash());
    }
    return CompletableFuture.completedFuture(tx.hash());
  }

  @Override
  public long pendingNonce(Address sender) {
    Account a = chain.headState().account(sender);
    long nonce = a == null ? 0 : a.nonce();
    for (RecoveredTx tx : pool.values()) {
      if (tx.sender().equals(sender) && tx.tx().nonce() >= nonce) {
        nonce = tx.tx().nonce() + 1;
      }
    }
    return nonce;
  }

  @Override
  public Optional<RecoveredTx> pendingTransaction(Hash hash) {
    return Optional.ofNullable(pool.get(hash));
  }

  @Override
  public Wei suggestedTip() {
    return Wei.of(1_000_000_000L);
  }

  @Override
  public Wei nextBaseFee() {
    return nextBaseFee;
  }

  @Override
  public Optional<SyncProgress> syncing() {
    return syncing;
  }

  @Override
  public int peerCount() {
    return 3;
  }

  @Override
  public AutoCloseable subscribeNewHeads(Consumer<Block> listener) {
    headListeners.add(listener);
    return () -> headListeners.remove(listener);
  }
}
