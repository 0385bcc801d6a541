package dev.raftseq.bench.loadgen;

import java.util.Locale;

/** Which envelope the generated transfers use. */
public enum TxKind {
  LEGACY("legacy"),
  EIP1559("1559");

  private final String flag;

  TxKind(String flag) {
    this.flag = flag;
  }

  /** The value as written on the command line and in results. */
  public String flag() {
    return flag;
  }

  public static TxKind parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "legacy", "0" -> LEGACY;
      case "1559", "eip1559", "2" -> EIP1559;
      default -> throw new IllegalArgumentException("--type must be legacy or 1559, got '" + s + "'");
    };
  }
}
