package dev.raftseq.status.admin;

/**
 * What the admin API can do to this node and its cluster; implemented by the node wiring over
 * in-process calls. Each call blocks until the operation is done or refused (it runs on a worker
 * thread, one at a time) and answers with the JSON to return; refusals are replies too, with their
 * HTTP status, never exceptions.
 */
public interface AdminOperations {

  /** Hands Raft leadership to {@code peerId} (run on the leader). */
  AdminReply transferLeadership(String peerId);

  /** Stops this node's block production; a leader hands leadership to a healthy follower. */
  AdminReply pause();

  /** Lets this node produce again when it leads. */
  AdminReply resume();

  /** Adds a consensus member given by its enode URL (run on the leader). */
  AdminReply addMember(String enode);

  /** Removes the consensus member {@code peerId} (run on the leader). */
  AdminReply removeMember(String peerId);

  /** Syncs the database and marks a Raft snapshot at the applied index, so the log may be purged. */
  AdminReply snapshot();
}
