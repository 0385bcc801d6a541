package dev.raftseq.chain.types;

/** The Raft (term, index) of the last log entry whose effects are in the database. */
public record AppliedIndex(long term, long index) {}
