package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin operations ({@link RaftAdmin}) on three real Ratis servers plus a spare, in one JVM:
 * membership changes reach every state machine in log order, leadership moves on request and by
 * hand-off, a node whose election is paused is never elected.
 */
class RaftAdminTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final Duration OP = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void aFourthMemberJoinsLeadsAndLeavesWithEveryNodeSeeingTheSameMembersAtTheSameIndices() throws Exception {
    try (TestCluster c = TestCluster.create(3, 1, dir, UnaryOperator.identity())) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 3);
      String spare = c.slot(3).nodeId;
      Set<String> three = Set.of(c.slot(0).nodeId, c.slot(1).nodeId, c.slot(2).nodeId);

      c.start(3); // bootstrap=false, no storage: waits, outside the group
      assertThat(c.node(3).status().peers()).isEmpty();
      int follower = c.anyOther(leader, 3);
      RaftAdmin.AdminException notLeader = org.junit.jupiter.api.Assertions.assertThrows(
          RaftAdmin.AdminException.class, () -> c.node(follower).admin().addMember(spare, "127.0.0.1", c.slot(3).port, OP));
      assertThat(notLeader.kind()).isEqualTo(RaftAdmin.Kind.NOT_LEADER);
      assertThat(notLeader.leader()).contains(c.slot(leader).nodeId);

      List<String> members = c.node(leader).admin().addMember(spare, "127.0.0.1", c.slot(3).port, OP);
      assertThat(members).containsExactlyInAnyOrder(c.slot(0).nodeId, c.slot(1).nodeId, c.slot(2).nodeId, spare);
      c.produceBlocks(leader, "b", 2);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.node(3).status().peers()).hasSize(4);

      c.node(leader).admin().transferLeadership(spare, OP);
      assertThat(c.awaitProducer()).isEqualTo(3);
      c.produceBlocks(3, "by-spare", 3);
      c.awaitConverged(3, CONVERGE);

      Optional<String> next = c.node(3).admin().handOff(OP);
      assertThat(next).isPresent();
      assertThat(three).contains(next.get());
      int newLeader = c.awaitProducer();
      assertThat(c.slot(newLeader).nodeId).isEqualTo(next.get());
      assertThat(c.node(newLeader).admin().removeMember(spare, OP)).containsExactlyInAnyOrderElementsOf(three);
      c.stop(3); // removed: it no longer receives the log
      c.produceBlocks(newLeader, "c", 2);
      c.awaitConverged(newLeader, CONVERGE);

      // every node (the spare too, up to its removal) saw the same configurations at the same indices
      List<FakeChain.Members> reference = c.chain(newLeader).memberships();
      for (int i = 0; i < 3; i++) {
        assertThat(c.chain(i).memberships()).as("node %s", i).isEqualTo(reference);
      }
      assertThat(reference).extracting(FakeChain.Members::ids)
          .contains(Set.of(c.slot(0).nodeId, c.slot(1).nodeId, c.slot(2).nodeId, spare));
      assertThat(reference.get(reference.size() - 1).ids()).isEqualTo(three);
      List<FakeChain.Members> spareSaw = c.chain(3).memberships();
      assertThat(reference).startsWith(spareSaw.subList(0, spareSaw.size() - 1).toArray(FakeChain.Members[]::new));
      assertThat(c.chain(newLeader).blocks()).extracting(FakeChain.FakeBlock::hash)
          .contains("by-spare0", "by-spare1", "by-spare2");
    }
  }

  @Test
  void handOffPicksAResponsiveFollowerAndAPausedNodeIsNeverElected() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      int paused = c.anyOther(leader);
      int other = c.anyOther(leader, paused);
      c.node(paused).admin().setElectionPaused(true);

      assertThatThrownBy(() -> c.node(leader).admin().transferLeadership(c.slot(paused).nodeId, Duration.ofSeconds(2)))
          .isInstanceOf(RaftAdmin.AdminException.class);
      assertThat(c.producingTerm(leader)).as("the refused transfer leaves the leader in place").isPresent();

      c.stop(other); // the only other candidate is the paused one: hand-off cannot succeed
      assertThatThrownBy(() -> c.node(leader).admin().handOff(Duration.ofSeconds(2)))
          .isInstanceOf(RaftAdmin.AdminException.class);
      c.start(other);
      c.produceBlocks(leader, "a", 1); // the leader hears from the restarted node again
      c.awaitConverged(leader, CONVERGE);

      Optional<String> next = c.node(leader).admin().handOff(OP);
      assertThat(next).contains(c.slot(other).nodeId);
      assertThat(c.awaitProducer()).isEqualTo(other);
      assertThat(c.node(paused).admin().handOff(OP)).as("not the leader: nothing to hand off").isEmpty();

      c.node(paused).admin().setElectionPaused(false);
      c.node(other).admin().transferLeadership(c.slot(paused).nodeId, OP);
      assertThat(c.awaitProducer()).isEqualTo(paused);
      assertThat(c.node(paused).admin().snapshot(OP)).isGreaterThan(0);
    }
  }
}
