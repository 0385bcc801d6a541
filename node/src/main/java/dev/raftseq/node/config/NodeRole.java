package dev.raftseq.node.config;

/** {@code general.node_role}: a main node sequences (alone or in Raft); an external node replays. */
public enum NodeRole {
  MAIN,
  EXTERNAL
}
