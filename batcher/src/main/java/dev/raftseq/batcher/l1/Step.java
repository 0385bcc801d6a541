package dev.raftseq.batcher.l1;

/** One L1 transaction's purpose: commit, prove or execute batch {@code batchNumber}. */
public record Step(Kind kind, long batchNumber) {
  public enum Kind {
    COMMIT("commitBatch"),
    PROVE("proveBatch"),
    EXECUTE("executeBatch");

    private final String function;

    Kind(String function) {
      this.function = function;
    }

    public String function() {
      return function;
    }
  }

  @Override
  public String toString() {
    return kind.function() + "(" + batchNumber + ")";
  }
}
