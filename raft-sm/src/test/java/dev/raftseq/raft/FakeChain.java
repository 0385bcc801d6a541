package dev.raftseq.raft;

import dev.raftseq.chain.types.AppliedIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's "durable" chain database for tests: it outlives RaftNode instances, so a restart sees what
 * was applied before it, like RocksDB would. Blocks are (number, parent, hash) tuples. It refuses any
 * index at or below its applied index, so a double apply fails the test (by halting the node).
 */
final class FakeChain {
  static final FakeBlock GENESIS = new FakeBlock(0, "none", "genesis");

  /** A block as the test's "producer" seals it. */
  record FakeBlock(long number, String parent, String hash) {
    byte[] encode() {
      return (number + "|" + parent + "|" + hash).getBytes(StandardCharsets.UTF_8);
    }

    static FakeBlock decode(byte[] bytes) {
      String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("not a fake block");
      }
      return new FakeBlock(Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    FakeBlock child(String hash) {
      return new FakeBlock(number + 1, this.hash, hash);
    }
  }

  /** One applied entry's effect, for comparing nodes. */
  record Applied(AppliedIndex index, String what) {}

  private final List<FakeBlock> blocks = new ArrayList<>(List.of(GENESIS));
  private final List<String> txs = new ArrayList<>();
  private final List<Applied> history = new ArrayList<>();
  private final List<Long> proposedHereIndices = new ArrayList<>();
  private AppliedIndex applied;
  private String failOnBlockHash;

  synchronized Optional<AppliedIndex> lastApplied() {
    return Optional.ofNullable(applied);
  }

  synchronized BlockApplyResult applyBlock(byte[] encoded, AppliedIndex index, boolean proposedHere) {
    FakeBlock b;
    try {
      b = FakeBlock.decode(encoded);
    } catch (IllegalArgumentException e) {
      advance(index);
      history.add(new Applied(index, "invalid"));
      return BlockApplyResult.invalid("undecodable block");
    }
    if (b.hash().equals(failOnBlockHash)) {
      // like a failed write batch: nothing of this entry becomes durable
      throw new IllegalStateException("injected divergence at block " + b.hash());
    }
    advance(index);
    if (proposedHere) {
      proposedHereIndices.add(index.index());
    }
    FakeBlock head = head();
    if (b.number() != head.number() + 1 || !b.parent().equals(head.hash())) {
      history.add(new Applied(index, "stale:" + b.hash()));
      return BlockApplyResult.stale("parent " + b.parent() + " is not head " + head.hash());
    }
    blocks.add(b);
    history.add(new Applied(index, "block:" + b.hash()));
    return BlockApplyResult.applied();
  }

  synchronized void applyTransactions(List<byte[]> rawTxs, AppliedIndex index) {
    advance(index);
    for (byte[] tx : rawTxs) {
      txs.add(new String(tx, StandardCharsets.UTF_8));
    }
    history.add(new Applied(index, "txs:" + rawTxs.size()));
  }

  synchronized void markApplied(AppliedIndex index) {
    advance(index);
    history.add(new Applied(index, "skipped"));
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

  synchronized List<Long> proposedHereIndices() {
    return List.copyOf(proposedHereIndices);
  }

  /** Block sync, as far as the fake goes: take over another node's database as it is now. */
  void copyFrom(FakeChain other) {
    List<FakeBlock> b;
    List<String> t;
    List<Applied> h;
    AppliedIndex a;
    synchronized (other) {
      b = List.copyOf(other.blocks);
      t = List.copyOf(other.txs);
      h = List.copyOf(other.history);
      a = other.applied;
    }
    synchronized (this) {
      blocks.clear();
      blocks.addAll(b);
      txs.clear();
      txs.addAll(t);
      history.clear();
      history.addAll(h);
      applied = a;
    }
  }

  /** Makes this node's applier throw on that block: a local divergence. */
  synchronized void failOn(String blockHash) {
    this.failOnBlockHash = blockHash;
  }

  EntryApplier applier() {
    return new EntryApplier() {
      @Override
      public Optional<AppliedIndex> lastApplied() {
        return FakeChain.this.lastApplied();
      }

      @Override
      public BlockApplyResult applyBlock(byte[] encodedBlock, AppliedIndex index, boolean proposedHere) {
        return FakeChain.this.applyBlock(encodedBlock, index, proposedHere);
      }

      @Override
      public void applyTransactions(List<byte[]> rawTxs, AppliedIndex index) {
        FakeChain.this.applyTransactions(rawTxs, index);
      }

      @Override
      public void markApplied(AppliedIndex index) {
        FakeChain.this.markApplied(index);
      }
    };
  }
}
