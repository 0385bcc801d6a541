package dev.raftseq.chain.exec;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.RecoveredTx;

/** A candidate the builder could not include, and why. */
public record RejectedTx(RecoveredTx tx, TxRejection reason, String detail) {}
