package dev.raftseq.systest.history;

/**
 * The vocabulary of a campaign's history: operation names ({@code f}) and the fields of their
 * values. Writers (load driver, monitor, nemesis) and the checker share it.
 */
public final class Ops {
  /** harness, info: {@code {chain_id, nodes: [{name, node_id, signer}]}}; the first record. */
  public static final String CLUSTER = "cluster";
  /**
   * client: invoke {@code {tx, from, nonce, node}}; then ok {@code {tx, node}} (acknowledged:
   * the node returned the hash), fail {@code {tx, node, error}} (definitely refused) or info
   * {@code {tx, node, error}} (unknown: timeout, connection lost, pending elsewhere).
   */
  public static final String SUBMIT = "submit";
  /** monitor, info: {@code {node, up, state, is_leader, term, head}} whenever one of them changes. */
  public static final String STATUS = "status";
  /** harness, ok or fail: after the last fault healed, {@code {head, waited_ms, detail}}. */
  public static final String LIVENESS = "liveness";
  /** harness, info: the moment the nodes' chains were read for checking. */
  public static final String CHAINS_READ = "chains-read";

  /** nemesis, info: {@code {node}} kill -9. */
  public static final String KILL = "kill";
  /** nemesis, info: {@code {node}} (re)started. */
  public static final String START = "start";
  /** nemesis, info: {@code {node}} SIGSTOP. */
  public static final String PAUSE = "pause";
  /** nemesis, info: {@code {node}} SIGCONT. */
  public static final String RESUME = "resume";
  /** nemesis, info: {@code {cut: [[a, b], ...]}} links cut in both directions. */
  public static final String PARTITION = "partition";
  /** nemesis, info: every link restored. */
  public static final String HEAL = "heal";
  /** nemesis, info: {@code {node, offset_ms}} the node's wall clock now runs offset_ms off. */
  public static final String CLOCK = "clock";
  /** nemesis, info: {@code {node}} the node's file system is full. */
  public static final String DISK_FULL = "disk-full";
  /** nemesis, info: {@code {rolled_back}} every node killed and its unsynced writes lost, at once. */
  public static final String POWER_CUT = "power-cut";
  /** nemesis, info: {@code {node}} space freed again. */
  public static final String DISK_FREE = "disk-free";

  public static final String NEMESIS = "nemesis";
  public static final String MONITOR = "monitor";
  public static final String HARNESS = "harness";

  private Ops() {}
}
