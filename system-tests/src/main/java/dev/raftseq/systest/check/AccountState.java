package dev.raftseq.systest.check;

import java.math.BigInteger;

/** An account's nonce and balance as one node reports them at its head. */
public record AccountState(long nonce, BigInteger balance) {}
