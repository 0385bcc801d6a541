package dev.raftseq.systest.cluster;

/** Connections that node {@code from} opens to node {@code to} (indices 0..n-1). */
public record Link(int from, int to) {
  public Link {
    if (from == to || from < 0 || to < 0) {
      throw new IllegalArgumentException("link " + from + "->" + to);
    }
  }
}
