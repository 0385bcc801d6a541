package org.apache.ratis.server.impl;

import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.LifeCycle;

/**
 * raftseq's one reach into Ratis internals: a follower campaigns at once, skipping pre-vote, exactly
 * as Ratis's own {@code RaftServerImpl#startLeaderElection} does when a leader hands over. It lives in
 * Ratis's package because {@code changeToCandidate} is package-private; the Ratis version is pinned in
 * the parent pom, so a change there breaks the build, not a running node. Used only by
 * {@code dev.raftseq.raft.DeadLeaderWatch}, once a follower has seen that its leader's process is gone.
 */
public final class ForcedCandidacy {
  private ForcedCandidacy() {}

  /**
   * Campaigns if this server is still a running follower of {@code leader} in {@code term}; the
   * check and the change happen under the server's lock, as Ratis's own checks do.
   *
   * @return whether the election started
   */
  public static boolean campaign(RaftServer.Division division, RaftPeerId leader, long term) {
    RaftServerImpl impl = (RaftServerImpl) division;
    synchronized (impl) {
      if (impl.getInfo().getLifeCycleState() != LifeCycle.State.RUNNING
          || !impl.getInfo().isFollower()
          || impl.getInfo().getCurrentTerm() != term
          || !leader.equals(impl.getInfo().getLeaderId())) {
        return false;
      }
      impl.changeToCandidate(true);
      return true;
    }
  }
}
