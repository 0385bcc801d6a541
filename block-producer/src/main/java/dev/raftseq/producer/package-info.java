/**
 * The sequencer core. {@link dev.raftseq.producer.SequencerCore} owns admission (decode once,
 * check, group commit through {@code TxSubmitter}), the committed set ({@code mempool}), the
 * production loop and the single {@link dev.raftseq.producer.ApplyPath} every entry and block takes;
 * it reaches consensus only through {@link dev.raftseq.producer.consensus.Sequencing}.
 *
 * <p>{@link dev.raftseq.producer.ProductionLoop} (pure, stepped by {@code tick(now)}) decides when to
 * build, seal and propose a block through its ports ({@link dev.raftseq.producer.ChainView}, {@link
 * dev.raftseq.producer.LeadershipGate}, {@link dev.raftseq.producer.BlockBuilding}, {@link
 * dev.raftseq.producer.BlockSink}); {@link dev.raftseq.producer.ProductionService} is the one thread that
 * drives it. Log entries and their bytes are in {@code entry}; every result of the path is one
 * {@link dev.raftseq.producer.consensus.EntryResult}.
 */
package dev.raftseq.producer;
