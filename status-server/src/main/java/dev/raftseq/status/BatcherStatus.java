package dev.raftseq.status;

/** Whether this node runs the batcher (L1 settlement). */
public record BatcherStatus(boolean enabled) {}
