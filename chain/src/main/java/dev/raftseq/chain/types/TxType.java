package dev.raftseq.chain.types;

/** EIP-2718 transaction types this chain accepts. */
public enum TxType {
  LEGACY(0),
  ACCESS_LIST(1),
  EIP1559(2);

  private final int code;

  TxType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TxType of(int code) {
    for (TxType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported transaction type " + code);
  }
}
