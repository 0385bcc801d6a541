/**
 * Block production: {@link dev.raftseq.producer.ProductionLoop} (pure, stepped by {@code tick(now)})
 * decides when to build, seal and submit a block through its ports ({@link
 * dev.raftseq.producer.ChainView}, {@link dev.raftseq.producer.LeadershipGate}, {@link
 * dev.raftseq.producer.BlockBuilding}, {@link dev.raftseq.producer.BlockSink}); {@link
 * dev.raftseq.producer.ProductionService} is the one thread that drives it.
 */
package dev.raftseq.producer;
