package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code batcher.*}: batches and L1 settlement. Every consensus node seals and signs batches;
 * {@code enabled} makes this node the one that settles them on L1 (exactly one node, or every node
 * with {@code follow_leader}, which then settles only while it leads).
 *
 * @param enabled whether this node settles batches on L1
 * @param batchTimeout a batch is sealed by the first block this long (in block time) after its first block
 * @param blocksPerBatchLimit at most this many blocks per batch
 * @param txPerBatchLimit at most this many transactions per batch (a larger block is a batch alone)
 * @param gasPerBatchLimit at most this much gas per batch (same rule)
 * @param followLeader settle only while this node is the Raft leader, handing over on failover
 * @param pollInterval how often the batcher looks for new blocks and L1 progress
 * @param maxBackoff the longest wait between attempts while L1 fails
 * @param attestationPortOffset every consensus node serves its batch signatures on its enode port
 *     plus this (on network.address); the batcher finds its peers' the same way, from network.boot_nodes
 */
public record BatcherConfig(
    boolean enabled,
    Duration batchTimeout,
    int blocksPerBatchLimit,
    long txPerBatchLimit,
    long gasPerBatchLimit,
    boolean followLeader,
    Duration pollInterval,
    Duration maxBackoff,
    int attestationPortOffset) {
  public BatcherConfig {
    Objects.requireNonNull(batchTimeout, "batchTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  public static final int DEFAULT_ATTESTATION_PORT_OFFSET = 200;

  /** The defaults of reference.conf for everything but these two. */
  public BatcherConfig(boolean enabled, Duration batchTimeout) {
    this(enabled, batchTimeout, 100, 10_000, 1_000_000_000L, false, Duration.ofMillis(100), Duration.ofSeconds(10),
        DEFAULT_ATTESTATION_PORT_OFFSET);
  }

  static BatcherConfig read(SettingReader r) {
    return new BatcherConfig(
        r.bool("batcher.enabled"),
        r.duration("batcher.batch_timeout", Duration.ofMillis(1)),
        r.intValue("batcher.blocks_per_batch_limit", 1, 1_000_000),
        r.integer("batcher.tx_per_batch_limit", 1, Long.MAX_VALUE),
        r.integer("batcher.gas_per_batch_limit", 1, Long.MAX_VALUE),
        r.bool("batcher.follow_leader"),
        r.duration("batcher.poll_interval", Duration.ofMillis(10)),
        r.duration("batcher.max_backoff", Duration.ofMillis(10)),
        r.intValue("batcher.attestation_port_offset", 1, 65535));
  }
}
