package dev.raftseq.producer;

import java.util.OptionalLong;

/**
 * Whether this node may produce blocks now. In Raft mode: leader and ready (every entry of
 * earlier terms applied); single-node: always, with a fixed term.
 */
@FunctionalInterface
public interface LeadershipGate {

  /** The term to seal blocks under, present only while this node may produce. */
  OptionalLong term();
}
