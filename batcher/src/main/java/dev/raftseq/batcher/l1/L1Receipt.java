package dev.raftseq.batcher.l1;

import dev.raftseq.chain.types.Hash;

/** The outcome of a mined L1 transaction. */
public record L1Receipt(Hash transactionHash, long blockNumber, boolean success, long gasUsed) {}
