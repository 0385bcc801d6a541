package dev.raftseq.node.config;

/**
 * {@code mempool.*}: limits of the committed set, checked before a transaction is acknowledged.
 *
 * @param maxTransactions most transactions held in total; beyond it new ones get "txpool is full"
 * @param maxPerSender most transactions held for one sender
 */
public record MempoolConfig(int maxTransactions, int maxPerSender) {

  static MempoolConfig read(SettingReader r) {
    return new MempoolConfig(
        r.intValue("mempool.max_transactions", 1, Integer.MAX_VALUE),
        r.intValue("mempool.max_per_sender", 1, Integer.MAX_VALUE));
  }
}
