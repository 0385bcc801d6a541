package dev.raftseq.bench.loadgen;

import java.math.BigInteger;

/**
 * One transfer, signed before the run so that signing cost never shows up in the measurement.
 *
 * @param seq position in the send order
 * @param sender address of the signer (0x-prefixed, lower case)
 * @param nonce the sender's nonce
 * @param rawHex the signed envelope, 0x-prefixed, as {@code eth_sendRawTransaction} takes it
 * @param hash keccak of the envelope, 0x-prefixed lower case: what the node must answer
 */
public record PreSignedTx(int seq, String sender, BigInteger nonce, String rawHex, String hash) {}
