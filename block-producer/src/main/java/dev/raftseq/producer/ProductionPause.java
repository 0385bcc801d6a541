package dev.raftseq.producer;

import java.util.OptionalLong;

/**
 * The operator's node-local pause of block production: while paused this node produces nothing,
 * whatever consensus says; otherwise it is consensus's gate unchanged. Not persisted (a restarted node
 * produces again when it leads).
 */
final class ProductionPause implements LeadershipGate {
  private final LeadershipGate consensus;
  private volatile boolean paused;

  ProductionPause(LeadershipGate consensus) {
    this.consensus = consensus;
  }

  @Override
  public OptionalLong term() {
    return paused ? OptionalLong.empty() : consensus.term();
  }

  /** Returns whether this call changed the state. */
  boolean set(boolean pause) {
    boolean was = paused;
    paused = pause;
    return was != pause;
  }

  boolean paused() {
    return paused;
  }
}
