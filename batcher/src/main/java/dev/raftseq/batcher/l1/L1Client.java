package dev.raftseq.batcher.l1;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The few L1 JSON-RPC calls the batcher makes. Every method may throw {@link L1Exception} when the
 * L1 is unreachable or answers an error; none retries by itself (the batcher's loop does, with
 * backoff).
 */
public interface L1Client extends AutoCloseable {
  long chainId();

  long blockNumber();

  /** eth_getTransactionCount at "latest" (mined) or "pending" (mined + in the node's pool). */
  long nonce(Address account, boolean pending);

  /** The latest block's base fee per gas. */
  BigInteger baseFee();

  /** eth_maxPriorityFeePerGas. */
  BigInteger maxPriorityFeePerGas();

  /** Broadcasts a signed transaction; the node's refusal is a result, only transport errors throw. */
  Outcome send(byte[] signedTransaction);

  Optional<L1Receipt> receipt(Hash transactionHash);

  /**
   * eth_call at "latest".
   *
   * @throws L1CallRevertedException if the call reverts
   */
  byte[] call(Address from, Address to, byte[] data);

  @Override
  void close();

  /** The answer to a broadcast, with the node's message when it refused. */
  record Outcome(SendResult result, String message) {}
}
