package dev.raftseq.systest.check;

/** One property of a run; it counts what it checked and reports every violation into the tally. */
interface Invariant {
  String name();

  void check(CheckContext ctx, Tally tally);
}
