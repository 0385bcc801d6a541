package dev.raftseq.bench.loadgen;

/** Monotonic nanosecond time source, injected so timing logic can be driven by tests. */
@FunctionalInterface
public interface Ticker {
  long nanos();

  static Ticker system() {
    return System::nanoTime;
  }
}
