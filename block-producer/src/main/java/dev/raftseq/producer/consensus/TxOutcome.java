package dev.raftseq.producer.consensus;

import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import java.util.Objects;

/**
 * What applying a replicated transaction did: it joined the committed set (accepted), or every
 * node refused it identically for {@code rejection} (geth's text plus {@code detail}).
 *
 * @param rejection null when accepted
 */
public record TxOutcome(TxRejection rejection, String detail) {
  public static final TxOutcome ACCEPTED = new TxOutcome(null, "");

  public TxOutcome {
    Objects.requireNonNull(detail, "detail");
  }

  public static TxOutcome rejected(TxRejectedException e) {
    String prefix = e.reason().message();
    String message = e.getMessage();
    String detail = message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2) : "";
    return new TxOutcome(e.reason(), detail);
  }

  public static TxOutcome rejected(TxRejection reason, String detail) {
    return new TxOutcome(Objects.requireNonNull(reason, "reason"), detail);
  }

  public boolean accepted() {
    return rejection == null;
  }

  /** The rejection as the exception the JSON-RPC layer answers with geth's text. */
  public TxRejectedException toException() {
    if (rejection == null) {
      throw new IllegalStateException("accepted");
    }
    return detail.isEmpty() ? new TxRejectedException(rejection) : new TxRejectedException(rejection, detail);
  }
}
