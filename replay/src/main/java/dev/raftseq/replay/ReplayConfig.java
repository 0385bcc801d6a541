package dev.raftseq.replay;

import java.time.Duration;

/**
 * @param batch blocks per GetBlocks request
 * @param maxInFlight outstanding requests over all peers
 * @param window how far past the head blocks are fetched and buffered (decoded, senders recovered): heap
 *     use grows with window times block size
 * @param decodeThreads threads decoding blocks and recovering senders, ahead of verification
 * @param emptyAnswerBackoff a peer that answered a range with nothing is not asked again this soon
 */
public record ReplayConfig(int batch, int maxInFlight, int window, int decodeThreads, Duration emptyAnswerBackoff) {
  public static ReplayConfig defaults() {
    return new ReplayConfig(128, 4, 1024, Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Duration.ofMillis(500));
  }

  public ReplayConfig {
    if (batch < 1 || batch > dev.raftseq.p2p.sync.ZksCodec.MAX_BLOCKS_PER_REQUEST || maxInFlight < 1
        || window < batch || decodeThreads < 1) {
      throw new IllegalArgumentException("bad replay config: batch " + batch + ", in flight " + maxInFlight
          + ", window " + window + ", decode threads " + decodeThreads);
    }
  }
}
