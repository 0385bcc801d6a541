package dev.raftseq.batcher.l1;

import java.util.ArrayList;
import java.util.List;

/**
 * A step's L1 transaction, sent (or about to be) at {@code nonce}, with every attempt made for it,
 * oldest first. Persisted before each broadcast so a restart neither loses nor repeats a step.
 */
public record SentTx(Step step, long nonce, long gasLimit, List<TxAttempt> attempts) {
  public SentTx {
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a sent transaction has at least one attempt");
    }
  }

  public TxAttempt latest() {
    return attempts.get(attempts.size() - 1);
  }

  public SentTx withAttempt(TxAttempt a) {
    List<TxAttempt> all = new ArrayList<>(attempts);
    all.add(a);
    return new SentTx(step, nonce, gasLimit, all);
  }
}
