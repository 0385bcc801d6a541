package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.NodeKey;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consensus traffic is mutual TLS between members only. Three real Ratis servers on loopback; rogue
 * Ratis servers and clients (a key outside the peer ids, no certificate, plaintext) try to join,
 * vote, append and call admin operations: all are refused, and the cluster keeps producing. The same
 * client code with a member's key succeeds, so the refusals come from the key and nothing else.
 */
class RaftTransportSecurityTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void clientsOutsideThePeerIdsCannotAppendNorCallAdminOperations() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 3);
      int follower = c.anyOther(leader);
      String leaderPeer = NodeIds.peerId(c.slot(leader).nodeId);
      assertThat(refusedByMembers(c)).as("members never refuse each other").isZero();

      NodeKey outsider = TestCluster.randomKey(new Random(7));
      Map<String, Parameters> rogues = new java.util.LinkedHashMap<>();
      rogues.put("a key outside the peer ids", tlsClient(c, outsider));
      rogues.put("no certificate", noCertificateClient(c));
      rogues.put("plaintext", new Parameters());
      for (Map.Entry<String, Parameters> rogue : rogues.entrySet()) {
        long refusedBefore = refusedByMembers(c);
        try (RaftClient client = client(c, leaderPeer, rogue.getValue())) {
          assertThat(succeeds(() -> client.io().send(tx("rogue-" + rogue.getKey()))))
              .as("%s: append", rogue.getKey()).isFalse();
          assertThat(succeeds(() -> client.admin().transferLeadership(
              RaftPeerId.valueOf(NodeIds.peerId(c.slot(follower).nodeId)), 2_000)))
              .as("%s: transfer leadership", rogue.getKey()).isFalse();
          assertThat(succeeds(() -> client.admin().setConfiguration(withRogue(c, outsider))))
              .as("%s: set configuration", rogue.getKey()).isFalse();
        }
        if (!rogue.getKey().equals("plaintext")) { // plaintext fails in the TLS handshake, before any check
          assertThat(refusedByMembers(c)).as("%s: refusals counted (and logged)", rogue.getKey())
              .isGreaterThan(refusedBefore);
        }
      }

      // the same client with a member's key appends; Ratis admin calls stay closed to members too
      try (RaftClient member = client(c, leaderPeer, tlsClient(c, c.slot(follower).key))) {
        assertThat(succeeds(() -> member.io().send(tx("member-tx")))).as("member append").isTrue();
        assertThat(succeeds(() -> member.admin().transferLeadership(
            RaftPeerId.valueOf(NodeIds.peerId(c.slot(follower).nodeId)), 2_000)))
            .as("member: Ratis admin over the network").isFalse();
      }

      assertThat(c.producingTerm(leader)).as("the leader kept leading").isPresent();
      c.produceBlocks(leader, "b", 3);
      c.submitAndAwait(follower, "after", 2);
      c.awaitConverged(leader, CONVERGE);
      for (int i = 0; i < 3; i++) {
        assertThat(c.chain(i).txs()).as("node %s", i).contains("member-tx", "after-0", "after-1")
            .noneMatch(t -> t.startsWith("rogue"));
        assertThat(c.node(i).status().peers()).as("node %s membership", i).hasSize(3);
      }
    }
  }

  @Test
  void aServerOutsideThePeerIdsCannotJoinVoteOrAppend() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 3);

      // a rogue that believes it is a fourth member of the same group (same chain, same genesis): it
      // campaigns, asking the members for (pre-)votes
      NodeKey outsider = TestCluster.randomKey(new Random(11));
      int roguePort = TestCluster.freePort();
      List<RaftNodeConfig.Peer> withRogue = new ArrayList<>(c.config(0).peers());
      withRogue.add(new RaftNodeConfig.Peer(outsider.nodeIdHex(), "127.0.0.1", roguePort));
      RaftNode voter = new RaftNode(RaftNodeConfig.of(outsider.nodeIdHex(), TestCluster.CHAIN_ID,
          TestCluster.GENESIS_HASH, withRogue, dir.resolve("rogue-voter"), true).withTls(outsider), Optional.empty());
      FakeChain voterChain = new FakeChain();
      // a rogue leader of a one-member group of the same id, which tries to add a member and so
      // appends entries to it
      NodeKey outsider2 = TestCluster.randomKey(new Random(13));
      RaftNode appender = new RaftNode(RaftNodeConfig.of(outsider2.nodeIdHex(), TestCluster.CHAIN_ID,
          TestCluster.GENESIS_HASH, List.of(new RaftNodeConfig.Peer(outsider2.nodeIdHex(), "127.0.0.1",
              TestCluster.freePort())), dir.resolve("rogue-appender"), true).withTls(outsider2), Optional.empty());
      try (voter; appender) {
        Map<Integer, Long> before = new HashMap<>();
        for (int i = 0; i < 3; i++) {
          before.put(i, c.node(i).refusedConnections());
        }
        voter.start(voterChain);
        appender.start(new FakeChain());
        TestCluster.await(CONVERGE, "every member refused the rogue's vote requests", () -> {
          for (int i = 0; i < 3; i++) {
            if (c.node(i).refusedConnections() <= before.get(i)) {
              return false;
            }
          }
          return true;
        });
        TestCluster.await(CONVERGE, "the one-member rogue leads its group",
            () -> appender.producingTerm().isPresent());
        int target = c.anyOther(leader);
        long targetBefore = c.node(target).refusedConnections();
        org.junit.jupiter.api.Assertions.assertThrows(RaftAdmin.AdminException.class, () -> appender.admin()
            .addMember(c.slot(target).nodeId, "127.0.0.1", c.slot(target).port, Duration.ofSeconds(3)));
        assertThat(c.node(target).refusedConnections()).as("the rogue leader's appends were refused")
            .isGreaterThan(targetBefore);

        c.produceBlocks(c.awaitProducer(), "b", 5);
        int producer = c.awaitProducer();
        c.awaitConverged(producer, CONVERGE);
        assertThat(c.chain(producer).blocks()).hasSize(1 + 3 + 5);
        for (int i = 0; i < 3; i++) {
          RaftStatus s = c.node(i).status();
          assertThat(s.peers()).as("node %s membership", i).extracting(RaftStatus.PeerStatus::nodeId)
              .containsExactlyInAnyOrder(c.slot(0).nodeId, c.slot(1).nodeId, c.slot(2).nodeId);
          assertThat(s.currentLeader()).as("node %s follows a member", i).isEqualTo(c.slot(producer).nodeId);
        }
        assertThat(voter.status().currentLeader()).as("the rogue voter never learned of a leader").isNull();
        assertThat(voterChain.blocks()).as("nothing was replicated to the rogue").hasSize(1);
      }
    }
  }

  @Test
  void admissionFollowsTheLiveConfigurationAsMembersAreAddedAndRemoved() throws Exception {
    try (TestCluster c = TestCluster.create(3, 1, dir, UnaryOperator.identity())) {
      c.startAll();
      int leader = c.awaitProducer();
      String leaderPeer = NodeIds.peerId(c.slot(leader).nodeId);
      NodeKey spare = c.slot(3).key;
      try (RaftClient before = client(c, leaderPeer, tlsClient(c, spare))) {
        assertThat(succeeds(() -> before.io().send(tx("spare-before")))).as("not a member yet").isFalse();
      }

      c.start(3);
      c.node(leader).admin().addMember(c.slot(3).nodeId, "127.0.0.1", c.slot(3).port, Duration.ofSeconds(20));
      try (RaftClient member = client(c, leaderPeer, tlsClient(c, spare))) {
        assertThat(succeeds(() -> member.io().send(tx("spare-member")))).as("a member now").isTrue();
      }

      c.node(leader).admin().removeMember(c.slot(3).nodeId, Duration.ofSeconds(20));
      try (RaftClient after = client(c, leaderPeer, tlsClient(c, spare))) {
        assertThat(succeeds(() -> after.io().send(tx("spare-after")))).as("removed again").isFalse();
      }
      c.stop(3); // removed: it applies nothing more
      c.submitAndAwait(leader, "still", 1);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(leader).txs()).contains("spare-member", "still-0")
          .doesNotContain("spare-before", "spare-after");
    }
  }

  private static long refusedByMembers(TestCluster c) {
    long sum = 0;
    for (int i = 0; i < 3; i++) {
      sum += c.node(i).refusedConnections();
    }
    return sum;
  }

  // ---- rogue clients -----------------------------------------------------------------------------

  private static Message tx(String name) {
    return Message.valueOf(ByteString.copyFrom(FakeChain.txEntry(List.of(name))));
  }

  private static List<RaftPeer> withRogue(TestCluster c, NodeKey rogue) {
    List<RaftPeer> peers = new ArrayList<>(group(c).getPeers());
    peers.add(RaftPeer.newBuilder().setId(NodeIds.peerId(rogue.nodeIdHex())).setAddress("127.0.0.1:1").build());
    return peers;
  }

  private static RaftGroup group(TestCluster c) {
    return RaftGroup.valueOf(RaftNode.groupId(TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH),
        c.config(0).peers().stream()
            .map(p -> RaftPeer.newBuilder().setId(NodeIds.peerId(p.nodeId())).setAddress(p.address()).build())
            .toList());
  }

  private static Map<String, String> members(TestCluster c) {
    Map<String, String> out = new HashMap<>();
    for (RaftNodeConfig.Peer p : c.config(0).peers()) {
      out.put(NodeIds.peerId(p.nodeId()), p.address());
    }
    return out;
  }

  /** A client presenting a certificate endorsed by {@code key}, trusting the members. */
  private static Parameters tlsClient(TestCluster c, NodeKey key) {
    RefusalLog log = new RefusalLog("client", InstantSource.system());
    return RaftTransport.mutualTls("client",
        TlsIdentity.create(key, TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH, InstantSource.system().instant()),
        new PeerTrustManager(TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH, () -> members(c), log), log,
        () -> members(c)).clientParameters();
  }

  /** A TLS client that trusts the members but has no certificate of its own. */
  private static Parameters noCertificateClient(TestCluster c) {
    Parameters p = new Parameters();
    GrpcConfigKeys.TLS.setConf(p, GrpcTlsConfig.newBuilder()
        .setTrustManager(new PeerTrustManager(TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH, () -> members(c),
            new RefusalLog("client", InstantSource.system())))
        .setMutualTls(false)
        .setSslProvider(SslProvider.JDK)
        .build());
    return p;
  }

  private static RaftClient client(TestCluster c, String leaderPeer, Parameters parameters) {
    return RaftClient.newBuilder()
        .setProperties(RaftPropertiesFactory.client(c.config(0)))
        .setRaftGroup(group(c))
        .setLeaderId(RaftPeerId.valueOf(leaderPeer))
        .setParameters(parameters)
        .setRetryPolicy(RetryPolicies.noRetry())
        .build();
  }

  private static boolean succeeds(Callable<RaftClientReply> call) {
    try {
      return call.call().isSuccess();
    } catch (Exception e) {
      return false;
    }
  }

}
