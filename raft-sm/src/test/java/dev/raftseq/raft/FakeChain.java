package dev.raftseq.raft;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.TxOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's "durable" chain database for tests, behind the same port the sequencer core implements:
 * it outlives RaftNode instances, so a restart sees what was applied before it, like RocksDB would.
 * Entries are 'B' + "number|parent|hash" (a block) or 'T' + transactions separated by newlines. It
 * refuses any index at or below its applied index, so a double apply fails the test (by halting the
 * node).
 */
final class FakeChain implements CommittedEntries {
  static final FakeBlock GENESIS = new FakeBlock(0, "none", "genesis");

  /** A block as the test's "producer" seals it. */
  record FakeBlock(long number, String parent, String hash) {
    byte[] encode() {
      return ("B" + number + "|" + parent + "|" + hash).getBytes(StandardCharsets.UTF_8);
    }

    static FakeBlock decode(byte[] bytes) {
      String[] parts = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("not a fake block");
      }
      return new FakeBlock(Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    FakeBlock child(String hash) {
      return new FakeBlock(number + 1, this.hash, hash);
    }
  }

  /** A transaction entry. */
  static byte[] txEntry(List<String> txs) {
    return ("T" + String.join("\n", txs)).getBytes(StandardCharsets.UTF_8);
  }

  /** The members a configuration entry named. */
  record Members(AppliedIndex index, java.util.Set<String> ids) {}

  /** One applied entry's effect, for comparing nodes. */
  record Applied(AppliedIndex index, String what) {}

  private final List<FakeBlock> blocks = new ArrayList<>(List.of(GENESIS));
  private final List<String> txs = new ArrayList<>();
  private final List<Applied> history = new ArrayList<>();
  /** Configuration entries as the state machine reported them, in order. */
  private final List<Members> memberships = new ArrayList<>();
  private final AtomicInteger syncs = new AtomicInteger();
  private AppliedIndex applied;
  private String failOnBlockHash;
  private Runnable duringApply = () -> { };
  /** Injected fault: how long applying a transaction entry takes (a loaded machine's commit path). */
  private volatile long txApplyMillis;
  /** Injected fault: how long a sync takes (a slow disk). */
  private volatile long syncMillis;

  @Override
  public synchronized Optional<AppliedIndex> lastApplied() {
    return Optional.ofNullable(applied);
  }

  @Override
  public Optional<String> malformed(byte[] entry) {
    return entry.length > 0 && (entry[0] == 'B' || entry[0] == 'T') ? Optional.empty()
        : Optional.of("not a fake entry");
  }

  /** From now on each transaction entry takes {@code d} to apply here (zero: at once). */
  void slowTxApplies(java.time.Duration d) {
    txApplyMillis = d.toMillis();
  }

  @Override
  public EntryResult apply(AppliedIndex index, byte[] entry) {
    if (entry.length > 0 && entry[0] == 'T') {
      takeInjectedTime(txApplyMillis);
    }
    return applyNow(index, entry);
  }

  private synchronized EntryResult applyNow(AppliedIndex index, byte[] entry) {
    duringApply.run();
    if (malformed(entry).isPresent()) {
      advance(index);
      history.add(new Applied(index, "skipped"));
      return new EntryResult.Rejected("malformed");
    }
    if (entry[0] == 'T') {
      advance(index);
      List<String> batch = List.of(new String(entry, 1, entry.length - 1, StandardCharsets.UTF_8).split("\n"));
      txs.addAll(batch);
      history.add(new Applied(index, "txs:" + batch.size()));
      return new EntryResult.TxsApplied(Collections.nCopies(batch.size(), TxOutcome.ACCEPTED));
    }
    FakeBlock b;
    try {
      b = FakeBlock.decode(entry);
    } catch (IllegalArgumentException e) {
      advance(index);
      history.add(new Applied(index, "invalid"));
      return new EntryResult.Rejected("undecodable block");
    }
    if (b.hash().equals(failOnBlockHash)) {
      // like a failed write batch: nothing of this entry becomes durable
      throw new IllegalStateException("injected divergence at block " + b.hash());
    }
    advance(index);
    FakeBlock head = head();
    if (b.number() != head.number() + 1 || !b.parent().equals(head.hash())) {
      history.add(new Applied(index, "stale:" + b.hash()));
      return new EntryResult.BlockStale("parent " + b.parent() + " is not head " + head.hash());
    }
    blocks.add(b);
    history.add(new Applied(index, "block:" + b.hash()));
    return new EntryResult.BlockApplied(b.number(), Keccak.hash(b.hash().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public synchronized void membershipChanged(AppliedIndex index, java.util.Set<String> memberIds) {
    advance(index);
    memberships.add(new Members(index, java.util.Set.copyOf(memberIds)));
  }

  synchronized List<Members> memberships() {
    return List.copyOf(memberships);
  }

  @Override
  public void makeDurable() {
    syncs.incrementAndGet();
    takeInjectedTime(syncMillis);
  }

  /** An injected slowness: the fault itself, not a synchronization. */
  private static void takeInjectedTime(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** From now on each sync takes {@code d} (zero: at once). */
  void slowSyncs(java.time.Duration d) {
    syncMillis = d.toMillis();
  }

  /** How often the state machine asked for a sync (before each snapshot marker). */
  int syncs() {
    return syncs.get();
  }

  private void advance(AppliedIndex index) {
    if (applied != null && index.index() <= applied.index()) {
      throw new IllegalStateException("entry " + index + " applied twice (database at " + applied + ")");
    }
    applied = index;
  }

  synchronized FakeBlock head() {
    return blocks.get(blocks.size() - 1);
  }

  synchronized List<FakeBlock> blocks() {
    return List.copyOf(blocks);
  }

  synchronized List<String> txs() {
    return List.copyOf(txs);
  }

  synchronized List<Applied> history() {
    return List.copyOf(history);
  }

  /** Block sync, as far as the fake goes: take over another node's database as it is now. */
  void copyFrom(FakeChain other) {
    List<FakeBlock> b;
    List<String> t;
    List<Applied> h;
    AppliedIndex a;
    List<Members> ms;
    synchronized (other) {
      b = List.copyOf(other.blocks);
      t = List.copyOf(other.txs);
      h = List.copyOf(other.history);
      a = other.applied;
      ms = List.copyOf(other.memberships);
    }
    synchronized (this) {
      blocks.clear();
      blocks.addAll(b);
      txs.clear();
      txs.addAll(t);
      history.clear();
      history.addAll(h);
      applied = a;
      memberships.clear();
      memberships.addAll(ms);
    }
  }

  /** Overwrites the applied (term, index): a database that was applied along another history. */
  synchronized void forgeApplied(AppliedIndex index) {
    applied = index;
  }

  /** Makes this node's apply throw on that block: a local divergence. */
  /** Runs inside every apply, as another thread acting while the apply thread is in the core would. */
  synchronized void onApply(Runnable action) {
    this.duringApply = action;
  }

  synchronized void failOn(String blockHash) {
    this.failOnBlockHash = blockHash;
  }
}
