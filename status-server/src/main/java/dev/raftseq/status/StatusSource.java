package dev.raftseq.status;

/**
 * Where the status server gets its answers. Called on a Vert.x worker thread, never on the event
 * loop, possibly from several threads at once; each call should be quick.
 */
public interface StatusSource {
  NodeStatus status();

  Readiness readiness();
}
