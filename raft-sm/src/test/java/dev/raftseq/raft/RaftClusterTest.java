package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.raft.FakeChain.FakeBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three real Ratis servers over gRPC on loopback, with a fake chain behind each. */
class RaftClusterTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void leaderProducesAndAllNodesApplyTheSameBlocks() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();

      c.produceBlocks(leader, "a", 20);

      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(leader).blocks()).hasSize(21);
      for (int i = 0; i < 3; i++) {
        List<FakeChain.Applied> history = c.chain(i).history();
        assertThat(history).as("node %s applied the same entries at the same indices", i)
            .isEqualTo(c.chain(leader).history());
      }

      RaftStatus ls = c.node(leader).status();
      assertThat(ls.state()).isEqualTo("Leader");
      assertThat(ls.isLeader()).isTrue();
      assertThat(ls.currentLeader()).isEqualTo(c.slot(leader).nodeId);
      assertThat(ls.peers()).extracting(RaftStatus.PeerStatus::nodeId)
          .containsExactlyInAnyOrder(c.slot(0).nodeId, c.slot(1).nodeId, c.slot(2).nodeId);
      TestCluster.await(CONVERGE, "followers know the leader and have applied everything", () -> {
        for (int i = 0; i < 3; i++) {
          RaftStatus s = c.node(i).status();
          if (i != leader && (!s.state().equals("Follower") || s.isLeader()
              || !c.slot(leader).nodeId.equals(s.currentLeader()) || s.currentTerm() != ls.currentTerm()
              || s.lastAppliedIndex() < c.chain(leader).lastApplied().orElseThrow().index())) {
            return false;
          }
        }
        return true;
      });
      int follower = c.anyOther(leader);
      assertThat(c.node(follower).propose(c.chain(follower).head().child("x").encode()).join())
          .as("a follower cannot propose").isInstanceOf(EntryResult.NotLeader.class);
    }
  }

  @Test
  void staleProposalIsRejectedIdenticallyOnEveryNode() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int oldLeader = c.awaitProducer();
      c.produceBlocks(oldLeader, "a", 3);
      // the old leader sealed a block on its head, but leadership moves before it is proposed
      FakeBlock sealedOnOldHead = c.chain(oldLeader).head().child("stale");
      int newLeader = c.anyOther(oldLeader);
      c.node(oldLeader).transferLeadership(c.slot(newLeader).nodeId, Duration.ofSeconds(10));
      TestCluster.await(CONVERGE, "new leader producing", () -> c.producingTerm(newLeader).isPresent());
      c.produceBlocks(newLeader, "b", 2);

      EntryResult fromOldLeader = c.node(oldLeader).propose(sealedOnOldHead.encode()).join();
      assertThat(fromOldLeader).isInstanceOf(EntryResult.NotLeader.class);
      // the same stale block reaching the log anyway (e.g. appended before the step-down, committed later)
      EntryResult committed = c.node(newLeader).propose(sealedOnOldHead.encode()).join();
      assertThat(committed).isInstanceOf(EntryResult.BlockStale.class);

      c.produceBlocks(newLeader, "c", 1);
      c.awaitConverged(newLeader, CONVERGE);
      for (int i = 0; i < 3; i++) {
        assertThat(c.chain(i).blocks()).extracting(FakeBlock::hash).doesNotContain("stale");
        assertThat(c.chain(i).history()).as("node %s", i).extracting(FakeChain.Applied::what).contains("stale:stale");
        assertThat(c.chain(i).history()).as("node %s applied the stale entry at the same index", i)
            .isEqualTo(c.chain(newLeader).history());
      }
    }
  }

  @Test
  void restartedFollowerCatchesUpFromTheLogWithoutReapplying() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 5);
      c.awaitConverged(leader, CONVERGE);
      int follower = c.anyOther(leader);
      List<FakeChain.Applied> before = c.chain(follower).history();

      c.stop(follower);
      c.produceBlocks(leader, "b", 10);
      c.start(follower);
      c.produceBlocks(leader, "c", 2);

      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(follower).blocks()).hasSize(18);
      // FakeChain throws on any index applied twice (which would halt the node); check it did not
      assertThat(c.node(follower).halted()).isNotDone();
      assertThat(c.chain(follower).history()).startsWith(before.toArray(FakeChain.Applied[]::new))
          .isEqualTo(c.chain(leader).history());
    }
  }

  @Test
  void wholeClusterRestartRecoversAndContinues() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 8);
      c.submitAndAwait(c.anyOther(leader), "before-restart", 5);
      c.awaitConverged(leader, CONVERGE);
      List<FakeBlock> blocks = c.chain(leader).blocks();

      c.stopAll();
      c.startAll();
      int newLeader = c.awaitProducer();
      for (int i = 0; i < 3; i++) {
        assertThat(c.chain(i).blocks()).as("node %s after restart", i).isEqualTo(blocks);
        assertThat(c.node(i).halted()).as("node %s applied nothing twice", i).isNotDone();
      }
      c.produceBlocks(newLeader, "b", 4);
      c.awaitConverged(newLeader, CONVERGE);
      assertThat(c.chain(newLeader).blocks()).hasSize(13);
      assertThat(c.chain(newLeader).txs()).hasSize(5);
    }
  }

  @Test
  void snapshotsPurgeTheLogAndARestartedFollowerStillCatchesUpFromIt() {
    try (TestCluster c = TestCluster.create(3, dir, RaftClusterTest::smallLog)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 60);
      c.awaitConverged(leader, CONVERGE);
      TestCluster.await(CONVERGE, "log purged on every node", () -> {
        for (int i = 0; i < 3; i++) {
          if (c.node(i).status().logStartIndex() <= 0) {
            return false;
          }
        }
        return true;
      });

      int follower = c.anyOther(leader);
      long followerApplied = c.chain(follower).lastApplied().orElseThrow().index();
      c.stop(follower);
      c.produceBlocks(leader, "b", 60);
      // the leader keeps what the stopped follower still needs
      assertThat(c.node(leader).status().logStartIndex()).isLessThanOrEqualTo(followerApplied + 1);

      c.start(follower);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(follower).blocks()).hasSize(121);
      assertThat(c.node(follower).halted()).isNotDone();
      assertThat(c.chain(follower).history()).isEqualTo(c.chain(leader).history());
    }
  }

  @Test
  void leadershipLossWhileSealingClearsTheTermAndNeverForks() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 3);
      List<OptionalLong> seen = new CopyOnWriteArrayList<>();
      c.node(leader).leadership().addListener(seen::add);
      OptionalLong sealingTerm = c.producingTerm(leader);
      assertThat(sealingTerm).isPresent();
      FakeBlock sealed = c.chain(leader).head().child("sealed-in-old-term");

      int next = c.anyOther(leader);
      c.node(leader).transferLeadership(c.slot(next).nodeId, Duration.ofSeconds(10));

      TestCluster.await(CONVERGE, "old leader's producing term cleared and listener told",
          () -> c.producingTerm(leader).isEmpty() && seen.contains(OptionalLong.empty()));
      EntryResult late = c.node(leader).propose(sealed.encode()).join();
      assertThat(late).isInstanceOfAny(EntryResult.NotLeader.class, EntryResult.BlockStale.class);

      TestCluster.await(CONVERGE, "new leader producing", () -> c.producingTerm(next).isPresent());
      assertThat(c.producingTerm(next).getAsLong()).isGreaterThan(sealingTerm.getAsLong());
      c.produceBlocks(next, "b", 3);
      c.awaitConverged(next, CONVERGE);
      for (int i = 0; i < 3; i++) {
        assertThat(c.chain(i).blocks()).extracting(FakeBlock::hash).doesNotContain("sealed-in-old-term");
        assertThat(c.producingTerm(i).isPresent()).isEqualTo(i == next);
      }
    }
  }

  /**
   * A leader whose server is gone (its Raft port refuses connections) is replaced by a survivor that
   * campaigns as soon as the leader is silent past a heartbeat interval, not after the election
   * timeout: the lower-ranked survivor alone campaigns, once, and wins the very next term (no split
   * vote). The timeouts are long so that only the probe could elect before the test's assertions.
   */
  @Test
  void aFollowerCampaignsAtOnceWhenItsLeadersRaftPortRefusesConnections() {
    try (TestCluster c = TestCluster.create(3, dir, cfg -> cfg.withTimeouts(cfg.timeouts().withElection(
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofMillis(200), Duration.ofMillis(400))))) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "before", 2);
      long term = c.node(leader).status().currentTerm();
      int a = c.anyOther(leader);
      int b = c.anyOther(leader, a);
      int first = NodeIds.peerId(c.slot(a).nodeId).compareTo(NodeIds.peerId(c.slot(b).nodeId)) < 0 ? a : b;

      c.stop(leader);
      int next = c.awaitProducer(Duration.ofSeconds(20));

      assertThat(next).as("the first in rank campaigned and won").isEqualTo(first);
      assertThat(c.node(first).deadLeaderCampaigns()).isEqualTo(1);
      assertThat(c.node(c.anyOther(leader, first)).deadLeaderCampaigns()).as("the other survivor waited").isZero();
      assertThat(c.node(next).status().currentTerm()).as("elected in the next term: no split vote").isEqualTo(term + 1);
      c.produceBlocks(next, "after", 2);
      c.start(leader);
      c.awaitConverged(next, CONVERGE);
    }
  }

  @Test
  void transactionsSubmittedThroughAFollowerSurviveALeaderKill() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      int follower = c.anyOther(leader);

      c.submitAndAwait(follower, "warm", 3);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(c.anyOther(leader, follower)).txs()).containsExactly("warm-0", "warm-1", "warm-2");

      // keep replicating single transactions while the leader dies
      List<String> acked = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Void>> inFlight = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        String tx = "tx-" + k;
        inFlight.add(c.node(follower).replicate(FakeChain.txEntry(List.of(tx)))
            .thenAccept(r -> {
              if (r instanceof EntryResult.TxsApplied) {
                acked.add(tx);
              }
            }));
        if (k == 100) {
          c.stop(leader);
        }
      }
      CompletableFuture.allOf(inFlight.stream().map(f -> f.exceptionally(e -> null))
          .toArray(CompletableFuture[]::new)).join();
      int newLeader = c.awaitProducer();
      assertThat(newLeader).isNotEqualTo(leader);
      assertThat(acked).as("the client rode out the failover").hasSize(200);

      c.start(leader);
      c.awaitConverged(newLeader, CONVERGE);
      for (int i = 0; i < 3; i++) {
        List<String> txs = c.chain(i).txs();
        assertThat(txs).as("node %s has every acknowledged tx", i).containsAll(acked);
        Map<String, Integer> counts = new HashMap<>();
        txs.forEach(t -> counts.merge(t, 1, Integer::sum));
        assertThat(counts.values()).as("node %s: no batch committed twice", i).allMatch(n -> n == 1);
      }
    }
  }

  @Test
  void nodeWhoseApplyDivergesHaltsWhileTheOthersContinue() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 2);
      int victim = c.anyOther(leader);
      c.chain(victim).failOn("poison");

      assertThat(c.produce(leader, "poison")).isInstanceOf(EntryResult.BlockApplied.class);
      TestCluster.await(CONVERGE, "divergent node halted", () -> c.node(victim).halted().isDone());
      TestCluster.await(CONVERGE, "halted node reports Shutdown",
          () -> c.node(victim).status().state().equals("Shutdown"));
      assertThat(c.chain(victim).blocks()).extracting(FakeBlock::hash).doesNotContain("poison");

      c.produceBlocks(leader, "b", 2);
      int third = c.anyOther(leader, victim);
      TestCluster.await(CONVERGE, "healthy follower keeps applying",
          () -> c.chain(third).blocks().equals(c.chain(leader).blocks()));
      assertThat(c.chain(leader).blocks()).hasSize(6);
    }
  }

  @Test
  void nodeWhoseDatabaseLostAppliedEntriesRefusesToStart() {
    try (TestCluster c = TestCluster.create(3, dir, cfg -> cfg
        .withRetention(new RaftNodeConfig.Retention(8, 4, 0, 32L * 1024 * 1024, 2)))) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 12);
      int follower = c.anyOther(leader);
      TestCluster.await(CONVERGE, "follower took a snapshot marker",
          () -> c.chain(follower).blocks().size() == 13 && hasSnapshotMarker(c.slot(follower).storage));
      c.stop(follower);
      c.wipeChain(follower);

      assertThatThrownBy(() -> c.start(follower)).hasStackTraceContaining("lost applied entries");
      assertThat(c.chain(follower).blocks()).containsExactly(FakeChain.GENESIS);
    }
  }

  @Test
  void databaseThatDoesNotBelongToTheRaftLogIsRefusedAtStartAndNothingIsTouched() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 6);
      int follower = c.anyOther(leader);
      c.awaitConverged(leader, CONVERGE);
      c.stop(follower);
      FakeChain own = c.chain(follower);
      AppliedIndex applied = own.lastApplied().orElseThrow();

      FakeChain otherTerm = copyOf(own);
      otherTerm.forgeApplied(new AppliedIndex(applied.term() + 7, applied.index()));
      c.replaceChain(follower, otherTerm);
      assertThatThrownBy(() -> c.start(follower)).hasStackTraceContaining("at that index")
          .hasStackTraceContaining("it is not adopted");

      FakeChain beyond = copyOf(own);
      beyond.forgeApplied(new AppliedIndex(applied.term(), applied.index() + 100));
      c.replaceChain(follower, beyond);
      assertThatThrownBy(() -> c.start(follower)).hasStackTraceContaining("the Raft log ends at index")
          .hasStackTraceContaining("it is not adopted");
      assertThat(beyond.history()).as("nothing applied to a refused database").isEqualTo(own.history());

      c.replaceChain(follower, own);
      c.start(follower);
      c.produceBlocks(leader, "b", 3);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(follower).history()).isEqualTo(c.chain(leader).history());
    }
  }

  @Test
  void databaseWhoseRaftStorageWasLostIsRefusedAtStart() {
    try (TestCluster c = TestCluster.create(3, dir)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 4);
      int follower = c.anyOther(leader);
      c.awaitConverged(leader, CONVERGE);
      c.stop(follower);
      FakeChain own = c.chain(follower);
      c.wipeRaftStorage(follower);

      assertThatThrownBy(() -> c.start(follower)).hasStackTraceContaining("the Raft log is empty");
      assertThat(c.chain(follower).history()).isEqualTo(own.history());
    }
  }

  private static FakeChain copyOf(FakeChain chain) {
    FakeChain copy = new FakeChain();
    copy.copyFrom(chain);
    return copy;
  }

  /** 1 KiB segments (about 20 entries) and a marker every 16 entries, so purging happens within dozens of entries. */
  private static RaftNodeConfig smallLog(RaftNodeConfig cfg) {
    return cfg.withLimits(new RaftNodeConfig.Limits(1024, 256))
        .withRetention(new RaftNodeConfig.Retention(16, 8, 0, 1024, 2));
  }

  private static boolean hasSnapshotMarker(Path storage) {
    try (var files = java.nio.file.Files.walk(storage)) {
      return files.anyMatch(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void followerBehindTheRetainedLogCatchesUpThroughTheSnapshotFetcher() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir, RaftClusterTest::smallLog)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 60);
      c.awaitConverged(leader, CONVERGE);
      TestCluster.await(CONVERGE, "leader's log purged", () -> c.node(leader).status().logStartIndex() > 1);

      // a replacement machine: no Raft storage, no database; nobody has the log from index 0 any more
      int fresh = c.anyOther(leader);
      int third = c.anyOther(leader, fresh);
      c.stop(fresh);
      c.wipeNode(fresh);
      List<dev.raftseq.chain.types.AppliedIndex> asked = new CopyOnWriteArrayList<>();
      SnapshotFetcher blockSync = firstInLeaderLog -> {
        asked.add(firstInLeaderLog);
        return CompletableFuture.runAsync(() -> c.chain(fresh).copyFrom(c.chain(third)));
      };
      c.start(fresh, java.util.Optional.of(blockSync));
      // Ratis's leader remembers the old match index of a follower that lost its storage; a leader
      // elected afterwards sees it as empty and tells it to install a snapshot
      c.node(leader).transferLeadership(c.slot(third).nodeId, Duration.ofSeconds(10));
      TestCluster.await(CONVERGE, "third node producing", () -> c.producingTerm(third).isPresent());

      c.produceBlocks(third, "b", 5);
      c.awaitConverged(third, CONVERGE);
      assertThat(asked).isNotEmpty();
      assertThat(c.node(fresh).halted()).isNotDone();
      assertThat(c.chain(fresh).blocks()).hasSize(66);
      assertThat(asked.get(0).index()).isGreaterThan(1);
      assertThat(c.node(fresh).status().state()).isEqualTo("Follower");
      // it applies new entries from the log again after the catch-up
      c.produceBlocks(third, "c", 2);
      c.awaitConverged(third, CONVERGE);
      assertThat(c.chain(fresh).history()).isEqualTo(c.chain(third).history());
    }
  }

  /**
   * The leader keeps producing while a follower catches up past its purged log, so one round of block
   * sync is often not enough: the leader purges past the position it took over before Ratis reloads
   * the state machine, and asks again. The follower's syncs are slow (a loaded disk), so Ratis's reload
   * of one round (which syncs) is still running when the next round finishes; a round that overlapped
   * it made Ratis reload twice or lose a reload, closing the follower's Raft server for good.
   */
  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a server that closed itself hangs Ratis's close
  void followerCatchingUpWhileTheLeaderKeepsPurgingConvergesThroughRepeatedRounds() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir, cfg -> cfg.withLimits(new RaftNodeConfig.Limits(1024, 256))
        .withRetention(new RaftNodeConfig.Retention(16, 8, 0, 1024, 2, false)))) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 20);
      c.awaitConverged(leader, CONVERGE);
      int behind = c.anyOther(leader);
      int third = c.anyOther(leader, behind);
      long appliedAtStop = c.chain(behind).lastApplied().orElseThrow().index();
      c.stop(behind);
      c.produceBlocks(leader, "b", 60);
      TestCluster.await(CONVERGE, "leader's log purged past the stopped follower",
          () -> c.node(leader).status().logStartIndex() > appliedAtStop + 1);

      // a round takes over the third node's position at once, then takes 500 ms to finish (the block
      // download), in which the leader purges past that position: so a second round is always needed,
      // and it finishes while Ratis still reloads the first one's position (each sync here takes 1 s).
      // Production goes on until the second round started.
      List<AppliedIndex> asked = new CopyOnWriteArrayList<>();
      SnapshotFetcher blockSync = firstInLeaderLog -> {
        asked.add(firstInLeaderLog);
        return CompletableFuture.runAsync(() -> c.chain(behind).copyFrom(c.chain(third)))
            .thenRunAsync(() -> { }, CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS));
      };
      c.chain(behind).slowSyncs(Duration.ofSeconds(1));
      c.start(behind, java.util.Optional.of(blockSync));
      int produced = 0;
      while (asked.size() < 2 && produced < 2_000) {
        c.produceBlocks(leader, "c" + produced + "-", 1);
        produced++;
      }
      assertThat(asked).as("rounds of block sync while %d blocks were produced", produced).hasSizeGreaterThanOrEqualTo(2);
      c.chain(behind).slowSyncs(Duration.ZERO);
      c.produceBlocks(leader, "d", 3);
      c.awaitConverged(leader, CONVERGE);
      assertThat(c.node(behind).halted()).isNotDone();
      assertThat(c.node(behind).status().state()).isEqualTo("Follower");
      assertThat(c.chain(behind).history()).isEqualTo(c.chain(third).history());
      System.out.printf("catch-up rounds: %d while %d blocks were produced%n", asked.size(), produced);
    }
  }

  @Test
  void followerBehindTheRetainedLogWithoutAFetcherWaitsInsteadOfApplyingAGap() throws Exception {
    try (TestCluster c = TestCluster.create(3, dir, RaftClusterTest::smallLog)) {
      c.startAll();
      int leader = c.awaitProducer();
      c.produceBlocks(leader, "a", 60);
      c.awaitConverged(leader, CONVERGE);
      TestCluster.await(CONVERGE, "leader's log purged", () -> c.node(leader).status().logStartIndex() > 1);
      int fresh = c.anyOther(leader);
      int third = c.anyOther(leader, fresh);
      c.stop(fresh);
      c.wipeNode(fresh);
      c.start(fresh);
      c.node(leader).transferLeadership(c.slot(third).nodeId, Duration.ofSeconds(10));
      TestCluster.await(CONVERGE, "third node producing", () -> c.producingTerm(third).isPresent());

      c.produceBlocks(third, "b", 5);
      TestCluster.await(CONVERGE, "fresh node follows the new leader",
          () -> c.slot(third).nodeId.equals(c.node(fresh).status().currentLeader()));
      assertThat(c.chain(fresh).lastApplied()).as("nothing applied on top of the missing prefix").isEmpty();
      assertThat(c.chain(fresh).blocks()).containsExactly(FakeChain.GENESIS);
      assertThat(c.node(fresh).halted()).isNotDone();
    }
  }

  /**
   * When a forwarded batch exhausts the client's retry window (no majority for longer than it), Ratis
   * fails it and closes the client's ordered window for good; the node replaces its client, so
   * forwarding works again once the cluster is back.
   */
  @Test
  void aFollowerForwardsAgainAfterItsClientGaveUpDuringAnOutage() {
    try (TestCluster c = TestCluster.create(3, dir, cfg -> cfg.withTimeouts(shortClientRetry()))) {
      c.startAll();
      int leader = c.awaitProducer();
      int follower = c.anyOther(leader);
      int other = c.anyOther(leader, follower);
      c.submitAndAwait(follower, "before", 1);

      c.stop(leader);
      c.stop(other);
      EntryResult lost = c.node(follower).replicate(FakeChain.txEntry(List.of("no-majority"))).join();
      assertThat(lost).as("no majority for longer than the retry window").isInstanceOf(EntryResult.Failed.class);
      assertThat(c.node(follower).clientRenewals()).isEqualTo(1);

      c.start(leader);
      c.start(other);
      c.awaitProducer();
      awaitForwarded(c, follower, "after");
      c.awaitConverged(follower, CONVERGE);
      assertThat(c.chain(follower).txs()).contains("before-0").anyMatch(tx -> tx.startsWith("after"));
    }
  }

  /**
   * Batches queued behind one that exhausts the retry window fail with it (and any sent to the given-up
   * client fail at once, "closed"): the client is replaced once, not once per failure, and the
   * follower takes writes again once the group is back (found by the campaign: a node that kept the
   * closed client refused every forwarded write until restarted).
   */
  @Test
  void followerCutOffPastTheClientRetryWindowTakesWritesAgainOnceTheGroupIsBack() {
    try (TestCluster c = TestCluster.create(3, dir, cfg -> cfg.withTimeouts(shortClientRetry()))) {
      c.startAll();
      int leader = c.awaitProducer();
      int follower = c.anyOther(leader);
      int third = c.anyOther(leader, follower);
      c.submitAndAwait(follower, "before", 2);

      c.stop(leader);
      c.stop(third);
      List<CompletableFuture<EntryResult>> pending = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        pending.add(c.node(follower).replicate(FakeChain.txEntry(List.of("no-quorum-" + k))));
      }
      for (CompletableFuture<EntryResult> p : pending) {
        assertThat(p.join()).as("no quorum for longer than the retry window").isInstanceOf(EntryResult.Failed.class);
      }
      assertThat(c.node(follower).clientRenewals()).as("one replacement for the whole failed window").isEqualTo(1);

      c.start(leader);
      c.start(third);
      c.awaitProducer();
      awaitForwarded(c, follower, "after");
      c.submitAndAwait(follower, "again", 3);
      c.awaitConverged(follower, CONVERGE);
      assertThat(c.chain(third).txs()).contains("before-0", "before-1", "again-0", "again-2");
    }
  }

  /** A one-second client attempt and a two-second retry window, so an outage outlasts it quickly. */
  private static RaftNodeConfig.Timeouts shortClientRetry() {
    RaftNodeConfig.Timeouts d = RaftNodeConfig.Timeouts.DEFAULT;
    return new RaftNodeConfig.Timeouts(d.electionMin(), d.electionMax(), d.firstElectionMin(), d.firstElectionMax(),
        d.rpcRequest(), d.rpcSlowness(), d.leaderStepDownWait(), Duration.ofSeconds(1), Duration.ofSeconds(2),
        d.propose(), d.retryCacheExpiry(), d.deadLeaderProbe());
  }

  /** Polls forwarded writes through {@code node} until one is applied (the first may still be retrying). */
  private static void awaitForwarded(TestCluster c, int node, String prefix) {
    EntryResult[] last = new EntryResult[1];
    try {
      TestCluster.await(CONVERGE, "node " + node + " forwards again", () -> {
        last[0] = c.node(node).replicate(FakeChain.txEntry(List.of(prefix + "-" + System.nanoTime()))).join();
        return last[0] instanceof EntryResult.TxsApplied;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last answer: " + last[0], e);
    }
  }
}
