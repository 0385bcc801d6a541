package dev.raftseq.rpc;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.chain.store.ChainReader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Everything the JSON-RPC methods need beyond reading the chain. The node wiring implements it
 * for its role (single sequencer, consensus node, external node). All methods are called from
 * worker threads, never from an event loop, and must be thread-safe; they may block briefly
 * (a database read), except {@link #sendRawTransaction}, which returns at once.
 */
public interface EthBackend {
  /** The applied chain; its {@code chainId()} is eth_chainId and net_version. */
  ChainReader chain();

  /** web3_clientVersion, e.g. "raftseq/v0.1.0/linux-amd64/java17". */
  String clientVersion();

  /**
   * Validates and admits a raw transaction (the EIP-2718 envelope as sent). Returns at once; the
   * future completes with the transaction hash when the node has accepted it (in cluster mode:
   * after the Raft entry carrying it has committed), or exceptionally with
   * <ul>
   *   <li>{@link dev.raftseq.chain.codec.DecodeException} for bytes that are not a valid
   *       transaction: answered -32000 with its message (geth's "rlp: ..." texts);
   *   <li>{@link dev.raftseq.chain.pool.TxRejectedException} for a valid transaction the pool
   *       refuses: answered -32000 with its message (geth's texts, e.g. "nonce too low");
   *   <li>anything else: answered -32603 "internal error" (and logged).
   * </ul>
   * The future should complete within a bounded time (fail it on a commit timeout); the HTTP
   * request stays open until it does.
   */
  CompletableFuture<Hash> sendRawTransaction(byte[] raw);

  /** The nonce the sender's next transaction needs: the head state's nonce plus the sender's pooled transactions. */
  long pendingNonce(Address sender);

  /** A transaction waiting in the pool (not yet in a block), by hash. */
  Optional<RecoveredTx> pendingTransaction(Hash hash);

  /** The priority fee to suggest (eth_maxPriorityFeePerGas; eth_gasPrice adds {@link #nextBaseFee}). */
  Wei suggestedTip();

  /** The base fee the block after the current head will have, by the producer's fee rule. */
  Wei nextBaseFee();

  /** Empty when the node is in sync (eth_syncing answers false). */
  Optional<SyncProgress> syncing();

  /** Connected p2p peers (net_peerCount). */
  int peerCount();

  /**
   * Calls {@code listener} with every block applied from now on, in order, on a backend thread;
   * the listener must return quickly. Closing the handle stops the calls.
   */
  AutoCloseable subscribeNewHeads(Consumer<Block> listener);

  /** Sync progress: the block sync started at, the applied head, the highest block known. */
  record SyncProgress(long startingBlock, long currentBlock, long highestBlock) {}
}
