package dev.raftseq.chain.types;

/** Where a transaction was included. */
public record TxLocation(Hash blockHash, long blockNumber, int index) {}
