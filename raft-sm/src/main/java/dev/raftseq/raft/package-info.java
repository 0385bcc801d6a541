/**
 * The Ratis implementation of the sequencer core's {@code Sequencing} port. Nothing outside this
 * package sees a Ratis type.
 *
 * <ul>
 *   <li>{@link dev.raftseq.raft.RaftNode}: a consensus node's Raft server and client, built from a
 *       {@link dev.raftseq.raft.RaftNodeConfig}; appends entries (proposals from the leader, replications
 *       from any node), delivers committed entries to the core, reports {@link dev.raftseq.raft.RaftStatus}.
 *   <li>{@link dev.raftseq.raft.SnapshotFetcher}: the optional port for catching up by block sync.
 *   <li>{@link dev.raftseq.raft.LeadershipState}: the producing term that gates the production loop.
 * </ul>
 *
 * <p>The Ratis state machine ({@code LogStateMachine}) keeps no state of its own and does not know
 * what an entry means: the core applies each one and persists the applied Raft index with its
 * effects, and Ratis "snapshots" are markers of a synced applied index so the log can be purged.
 */
package dev.raftseq.raft;
