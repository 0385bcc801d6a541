package dev.raftseq.node;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.ChainView;
import dev.raftseq.producer.mempool.TxPool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts replicated transactions (committed Raft entries, or the persisted pool at start) into the
 * in-memory pool. Those that can never be included are dropped from the persisted pool too.
 */
final class PoolFeeder {
  private static final Logger LOG = LoggerFactory.getLogger(PoolFeeder.class);

  private final String nodeTag;
  private final ChainService chain;
  private final TxPool pool;
  private final Runnable onAdmitted;

  PoolFeeder(String nodeTag, ChainService chain, TxPool pool, Runnable onAdmitted) {
    this.nodeTag = nodeTag;
    this.chain = chain;
    this.pool = pool;
    this.onAdmitted = onAdmitted;
  }

  /** Returns how many were added to the in-memory pool. */
  int admit(List<byte[]> rawTxs) {
    ChainView.Head head = chain.head();
    var baseFee = BaseFee.next(head.block().header());
    List<Hash> dead = new ArrayList<>();
    int added = 0;
    for (byte[] raw : rawTxs) {
      if (pool.contains(Keccak.hash(raw))) {
        continue; // the node that admitted it over RPC pooled it already: skip the signature recovery
      }
      RecoveredTx tx;
      try {
        tx = TransactionCodec.decodeStrict(raw, chain.store().chainId());
      } catch (DecodeException e) {
        LOG.warn("[{}] replicated transaction does not decode: {}", nodeTag, e.getMessage());
        continue;
      }
      try {
        pool.add(tx, head.state(), baseFee);
        added++;
      } catch (TxRejectedException e) {
        if (e.reason() == TxRejection.NONCE_TOO_LOW) {
          dead.add(tx.hash());
        } else if (e.reason() != TxRejection.ALREADY_KNOWN) {
          LOG.debug("[{}] replicated transaction {} not pooled: {}", nodeTag, tx.hash(), e.getMessage());
        }
      }
    }
    if (!dead.isEmpty()) {
      chain.store().removeFromPool(dead);
    }
    if (added > 0) {
      onAdmitted.run();
    }
    return added;
  }
}
