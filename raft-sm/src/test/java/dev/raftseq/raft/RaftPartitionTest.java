package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.producer.consensus.EntryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes with mutual TLS, each behind a {@link LinkProxy} as in the fault campaign: a node binds
 * 127.0.0.2 and its peers reach it at 127.0.0.1 (its configured address), where the proxy listens.
 * After links are cut (longer than an election) or reset, a write forwarded by a follower must commit
 * again within a bound, with the node's default timeouts.
 */
class RaftPartitionTest {
  private static final String BIND_HOST = "127.0.0.2";
  /** Far above an election, a reconnect and one client attempt; far below the campaign's 3 minutes. */
  private static final Duration RECOVER = Duration.ofSeconds(30);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  /**
   * What a fresh Raft connection (TCP through the campaign's proxy, which looks up the connecting
   * process in /proc, then the TLS handshake through it) may cost on the campaign's loaded machine:
   * more than the old 3 s client attempt, so no retry on a fresh connection could ever answer in time.
   */
  private static final Duration SLOW_SETUP = Duration.ofMillis(3500);
  /** The campaign's leader took 1.2 to 3 s to commit an entry then (its log). */
  private static final Duration SLOW_COMMIT = Duration.ofMillis(1500);

  @TempDir Path dir;
  private final List<LinkProxy> proxies = new ArrayList<>();

  @AfterEach
  void closeProxies() {
    proxies.forEach(LinkProxy::close);
  }

  @Test
  void aFollowerWhoseInboundLinksWereCutLongerThanAnElectionForwardsAgainAfterTheHeal() {
    try (TestCluster c = proxied(TestCluster.create(3, dir, cfg -> cfg.withBindHost(BIND_HOST)))) {
      c.startAll();
      int leader = c.awaitProducer();
      int follower = c.anyOther(leader);
      c.submitAndAwait(follower, "before", 1);

      proxies.get(follower).cut();
      sleepThroughTheOutage();
      proxies.get(follower).heal();

      awaitForwarded(c, follower, "after");
      c.awaitConverged(c.awaitProducer(), RECOVER);
      for (int i = 0; i < 3; i++) {
        assertThat(c.node(i).deadLeaderCampaigns()).as("node %s: a leader behind a dropping link accepts"
            + " connections, so the election timeout decides, with pre-vote", i).isZero();
      }
    }
  }

  @Test
  void everyLinkCutLongerThanAnElectionLeavesEveryNodeForwardingSoonAfterTheHeal() {
    try (TestCluster c = proxied(TestCluster.create(3, dir, cfg -> cfg.withBindHost(BIND_HOST)))) {
      c.startAll();
      int leader = c.awaitProducer();
      c.submitAndAwait(c.anyOther(leader), "before", 1);

      proxies.forEach(LinkProxy::cut);
      sleepThroughTheOutage();
      proxies.forEach(LinkProxy::heal);

      int next = c.awaitProducer(RECOVER);
      for (int i = 0; i < 3; i++) {
        if (i != next) {
          awaitForwarded(c, i, "after-" + i);
        }
      }
      c.awaitConverged(next, RECOVER);
    }
  }

  /**
   * The campaign's failure (ChaosCampaignIT with mutual TLS: for minutes after a healed partition one
   * follower's forwarded writes timed out at the leader, every attempt at exactly the 3 s client
   * timeout, while the other peer answered "not leader" at once). Two things together:
   * <ul>
   *   <li>A fresh connection plus the commit took longer than one Raft client attempt. Ratis takes a
   *       timed-out attempt for a dead leader: it closes that connection (the entry may still commit,
   *       its answer is lost), asks another peer and reconnects to the leader, paying the setup again,
   *       so every attempt timed out in turn until the client gave up.
   *   <li>The client that replaced it started at the leader Ratis caches per JVM and group, which only a
   *       successful reply updates and every read keeps alive: the previous leader, forever. So each new
   *       client spent its first hop on a "not leader" and then met the leader on a fresh connection
   *       with its first write, and timed out the same way.
   * </ul>
   * Here the leader moves (the cache goes stale, as no client gets an answer meanwhile), the
   * connections into the new leader are reset, and fresh connections and commits are slow.
   */
  @Test
  void aFollowerForwardsWhenAFreshConnectionAndTheCommitOutlastTheOldClientAttempt() throws IOException {
    try (TestCluster c = proxied(TestCluster.create(3, dir, cfg -> cfg.withBindHost(BIND_HOST)))) {
      c.startAll();
      int old = c.awaitProducer();
      int follower = c.anyOther(old);
      int leader = c.anyOther(old, follower);
      c.submitAndAwait(follower, "warm", 1); // a successful reply: Ratis caches the old leader
      c.node(old).transferLeadership(c.slot(leader).nodeId, RECOVER);
      assertThat(c.awaitProducer(RECOVER)).isEqualTo(leader);

      proxies.forEach(p -> p.delayNewConnections(SLOW_SETUP));
      c.chain(leader).slowTxApplies(SLOW_COMMIT);
      proxies.get(leader).dropConnections(); // as a healed partition does: its peers reconnect

      awaitForwarded(c, follower, "slow");
      c.awaitConverged(leader, RECOVER);
    }
  }

  private void awaitForwarded(TestCluster c, int node, String tx) {
    EntryResult[] last = new EntryResult[1];
    try {
      TestCluster.await(RECOVER, "node " + node + " forwards a transaction again", () -> {
        last[0] = c.node(node).replicate(FakeChain.txEntry(List.of(tx + "-" + System.nanoTime()))).join();
        return last[0] instanceof EntryResult.TxsApplied;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last answer: " + last[0], e);
    }
  }

  /** The outage itself is the fault being injected: its length is the point, not a synchronization. */
  private static void sleepThroughTheOutage() {
    try {
      Thread.sleep(OUTAGE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private TestCluster proxied(TestCluster c) {
    for (int i = 0; i < c.size(); i++) {
      int port = c.slot(i).port;
      try {
        proxies.add(new LinkProxy(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress(BIND_HOST, port)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return c;
  }
}
