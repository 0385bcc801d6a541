package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code sequencer.*}: block production on the leader (or the single main node).
 *
 * @param blockTime how often a block is sealed
 * @param maxTransactionsInBlock a block is sealed early when it has this many transactions
 * @param blockGasLimit the gas limit of every block
 * @param produceEmptyBlocks whether to seal blocks with no transactions
 */
public record SequencerConfig(
    Duration blockTime, int maxTransactionsInBlock, long blockGasLimit, boolean produceEmptyBlocks) {
  public SequencerConfig {
    Objects.requireNonNull(blockTime, "blockTime");
  }

  static SequencerConfig read(SettingReader r) {
    return new SequencerConfig(
        r.duration("sequencer.block_time", Duration.ofMillis(1)),
        r.intValue("sequencer.max_transactions_in_block", 1, Integer.MAX_VALUE),
        r.integer("sequencer.block_gas_limit", 21_000, Long.MAX_VALUE),
        r.bool("sequencer.produce_empty_blocks"));
  }
}
