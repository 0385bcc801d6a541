package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;

/** A transaction as included in a block: its hash, sender and nonce. */
public record TxRef(Hash hash, Address from, long nonce) {}
