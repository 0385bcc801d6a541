package dev.raftseq.chain.store;

/** When the chain database syncs its writes to disk. */
public enum Durability {
  /** Every write batch is synced before it returns: the database is its own write-ahead log (single sequencer). */
  SYNC_EACH_WRITE,
  /**
   * Writes reach the operating system but are synced only by {@link ChainStore#syncWal()}: a replicated
   * log (Raft) is the write-ahead log and replays what a power cut loses, as long as the log keeps every
   * entry after the last sync. A process crash loses nothing either way.
   */
  SYNC_ON_REQUEST
}
