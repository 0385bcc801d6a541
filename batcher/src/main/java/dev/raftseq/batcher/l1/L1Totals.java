package dev.raftseq.batcher.l1;

/** The contract's counters: the highest committed, proven (verified) and executed batch. */
public record L1Totals(long committed, long verified, long executed) {}
