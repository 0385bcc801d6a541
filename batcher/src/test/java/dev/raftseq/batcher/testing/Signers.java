package dev.raftseq.batcher.testing;

import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.attest.AttestationSource;
import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.batch.BatchTracker;
import dev.raftseq.batcher.batch.FileBatchIndex;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The committee in process: run_local.sh's three node keys, each with its own batch index and
 * tracker over the chain (as each consensus node seals from its own applied chain), each signing
 * what it sealed. {@link #source} is the in-process {@link AttestationSource}.
 */
public final class Signers implements AutoCloseable {
  public static final List<NodeKey> KEYS = List.of(
      NodeKey.fromHex("0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308"),
      NodeKey.fromHex("c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7"),
      NodeKey.fromHex("8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d"));

  private final List<FileBatchIndex> indexes = new ArrayList<>();
  private final List<BatchTracker> trackers = new ArrayList<>();
  private final List<Attester> attesters = new ArrayList<>();
  private volatile boolean available = true;

  public Signers(ChainReader chain, BatchLimits limits, Path dir) {
    for (int i = 0; i < KEYS.size(); i++) {
      FileBatchIndex index = FileBatchIndex.open(dir.resolve("signer-" + i).resolve("batches.jsonl"));
      BatchTracker t = new BatchTracker(chain, limits, index);
      indexes.add(index);
      trackers.add(t);
      attesters.add(new Attester(KEYS.get(i), t::batch));
    }
  }

  public static List<Address> addresses() {
    return KEYS.stream().map(NodeKey::address).toList();
  }

  /** Each signer seals what its chain has. */
  public synchronized void poll() {
    trackers.forEach(t -> t.poll(100_000));
  }

  /** Peers stop answering (their attestations are not fetched). */
  public void setAvailable(boolean available) {
    this.available = available;
  }

  public BatchTracker tracker(int i) {
    return trackers.get(i);
  }

  /** What signers other than {@code self} serve for a batch. */
  public AttestationSource source(int self) {
    return n -> {
      if (!available) {
        return List.of();
      }
      poll();
      List<Attestation> out = new ArrayList<>();
      for (int i = 0; i < attesters.size(); i++) {
        if (i != self) {
          attesters.get(i).attestation(n).ifPresent(out::add);
        }
      }
      return out;
    };
  }

  public Optional<Attestation> attestation(int signer, long n) {
    return attesters.get(signer).attestation(n);
  }

  @Override
  public void close() {
    indexes.forEach(FileBatchIndex::close);
  }
}
