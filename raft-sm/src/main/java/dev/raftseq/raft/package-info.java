/**
 * Raft replication of the sequencer's log with Apache Ratis. Nothing outside this package sees a
 * Ratis type.
 *
 * <ul>
 *   <li>{@link dev.raftseq.raft.RaftNode}: a consensus node's Raft server and client, built from a
 *       {@link dev.raftseq.raft.RaftNodeConfig}; proposes sealed blocks (leader only), replicates
 *       transaction batches (any node), reports {@link dev.raftseq.raft.RaftStatus}.
 *   <li>{@link dev.raftseq.raft.EntryApplier}: the port through which committed entries reach the
 *       chain database (implemented by the node wiring); {@link dev.raftseq.raft.SnapshotFetcher}: the
 *       optional port for catching up by block sync.
 *   <li>{@link dev.raftseq.raft.LeadershipState}: the producing term that gates the production loop.
 *   <li>{@link dev.raftseq.raft.EntryCodec}: the log entry format (BLOCK, TX_BATCH).
 *   <li>{@link dev.raftseq.raft.TxBatcher}: coalesces single transactions into TX_BATCH entries.
 * </ul>
 *
 * <p>The Ratis state machine ({@code BlockStateMachine}) keeps no state of its own: the applied Raft
 * index is persisted by the applier with each entry's effects, and Ratis "snapshots" are markers of
 * that durable index so the log can be purged.
 */
package dev.raftseq.raft;
