package dev.raftseq.batcher;

import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.attest.AttestationSource;
import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.attest.Committee;
import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.attest.ProofAssembler;
import dev.raftseq.batcher.attest.ProofCollector;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchTracker;
import dev.raftseq.batcher.batch.FileBatchIndex;
import dev.raftseq.batcher.l1.BatchFeed;
import dev.raftseq.batcher.l1.CrashPoints;
import dev.raftseq.batcher.l1.FileProgressStore;
import dev.raftseq.batcher.l1.L1Client;
import dev.raftseq.batcher.l1.L1Exception;
import dev.raftseq.batcher.l1.L1Totals;
import dev.raftseq.batcher.l1.SettlementContract;
import dev.raftseq.batcher.l1.Submitter;
import dev.raftseq.batcher.l1.Web3L1Client;
import dev.raftseq.batcher.prover.ProofDocument;
import dev.raftseq.batcher.prover.ProverBackend;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The batcher on one node. On every consensus node it follows the applied chain, seals batches
 * ({@link BatchTracker}) and signs them ({@link Attester}), so any node can serve its attestation.
 * On the batcher node ({@code settle}) it also gathers proofs and settles on L1 ({@link Submitter}),
 * always, or with {@code followLeader} only while {@link #onLeadershipChange} says this node leads.
 *
 * <p>One thread runs everything: each round seals what the chain allows, then (when settling) runs
 * one submitter round. L1 failures are retried with exponential backoff and reported in
 * {@link #status}; they never stop the node.
 */
public final class BatcherService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatcherService.class);
  private static final int MAX_BLOCKS_PER_ROUND = 10_000;

  private final BatcherSettings settings;
  private final ChainReader chain;
  private final FileBatchIndex index;
  private final BatchTracker tracker;
  private final Attester attester;
  private final AttestationSource peers;
  private final L1Client l1;
  private final SettlementContract contract;
  private final Credentials operator;
  private final Clock clock;
  private final CrashPoints crash;
  private final String label;
  private final ScheduledExecutorService loop;

  private volatile boolean leader;
  private volatile boolean closed;
  private boolean wasActive;
  private volatile ProofCollector proofs;
  private volatile Submitter submitter;
  private int failures;
  private final AtomicLong l1Errors = new AtomicLong();
  private final AtomicLong rounds = new AtomicLong();
  private volatile String lastError;
  private volatile long lastErrorAtMillis;

  /**
   * @param l1 the L1 client when {@code settings.settle()}, else null; closed with this service
   * @param peers the committee's signatures (the node's p2p transport); this node signs its own
   */
  public BatcherService(
      BatcherSettings settings,
      ChainReader chain,
      NodeKey nodeKey,
      AttestationSource peers,
      L1Client l1,
      Clock clock,
      CrashPoints crash,
      String nodeLabel) {
    this.settings = settings;
    this.chain = chain;
    this.peers = peers;
    this.clock = clock;
    this.crash = crash;
    this.label = nodeLabel;
    this.index = FileBatchIndex.open(settings.dataDir().resolve("batches.jsonl"));
    try {
      this.tracker = new BatchTracker(chain, settings.limits(), index);
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    this.attester = new Attester(nodeKey, tracker::batch);
    if (settings.settle()) {
      this.l1 = java.util.Objects.requireNonNull(l1, "l1");
      this.contract = new SettlementContract(l1, settings.contractAddress().orElseThrow());
      this.operator = Credentials.create(settings.operatorPrivateKey().orElseThrow());
    } else {
      this.l1 = null;
      this.contract = null;
      this.operator = null;
    }
    ScheduledThreadPoolExecutor exec = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "batcher-" + nodeLabel);
      t.setDaemon(true);
      return t;
    });
    exec.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.loop = exec;
  }

  /** The production wiring: a web3j client for {@code settings.l1RpcUrl()}. */
  public static BatcherService create(
      BatcherSettings settings, ChainReader chain, NodeKey nodeKey, AttestationSource peers, Clock clock, String nodeLabel) {
    L1Client l1 = settings.settle() ? new Web3L1Client(settings.l1RpcUrl(), settings.l1RequestTimeout()) : null;
    return new BatcherService(settings, chain, nodeKey, peers, l1, clock, CrashPoints.NONE, nodeLabel);
  }

  public void start() {
    LOG.info("[{}] batcher starting: {}", label, settings);
    loop.execute(this::round);
  }

  /**
   * Leadership changed (from the core's leadership events). With {@code followLeader} this starts
   * or stops settling; the new leader reads L1 and resumes where the contract is.
   */
  public void onLeadershipChange(boolean isLeader) {
    leader = isLeader;
  }

  /** Settling now: enabled, and leading when following the leader. */
  public boolean isActive() {
    return settings.settle() && (!settings.followLeader() || leader) && !closed;
  }

  // ---- what the node serves

  /** This node's signature of batch n, for peers gathering a proof. */
  public Optional<Attestation> attestation(long n) {
    return attester.attestation(n);
  }

  public Optional<Batch> batch(long n) {
    return tracker.batch(n);
  }

  /** The prover API's view of this batcher (serve it with {@code new ProverApi(vertx, host, port, backend, this::attestation)}). */
  public ProverBackend proverBackend() {
    return new ProverBackend() {
      @Override
      public Optional<Batch> nextUnproven() {
        ProofCollector pc = proofs;
        Optional<L1Totals> t = l1Totals();
        if (pc == null || t.isEmpty()) {
          return Optional.empty();
        }
        long last = tracker.lastSealed().number();
        for (long n = t.get().verified() + 1; n <= last && n <= t.get().verified() + 10_000; n++) {
          if (pc.held(n).isEmpty()) {
            return tracker.batch(n);
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<Batch> batch(long number) {
        return tracker.batch(number);
      }

      @Override
      public Optional<Long> lastVerified() {
        return l1Totals().map(L1Totals::verified);
      }

      @Override
      public Optional<String> submit(long number, ProofDocument proof) {
        ProofCollector pc = proofs;
        if (pc == null) {
          return Optional.of("this node is not settling on L1 (yet): it does not know the committee");
        }
        return pc.submit(number, proof.signatures().stream()
            .flatMap(sig -> Attestation.recoverSigner(proof.commitment(), sig).stream()
                .map(signer -> new Attestation(number, proof.commitment(), signer, sig)))
            .toList());
      }
    };
  }

  public BatchTracker tracker() {
    return tracker;
  }

  /** The proof collector, once this node has settled (it needs the committee from L1). */
  public Optional<ProofCollector> proofs() {
    return Optional.ofNullable(proofs);
  }

  /** The contract's counters as last read, once settling has started. */
  public Optional<L1Totals> l1Totals() {
    Submitter s = submitter;
    return s == null ? Optional.empty() : Optional.ofNullable(s.totals());
  }

  /** Rounds of the loop completed so far (a round that began before a change has ended after two more). */
  public long rounds() {
    return rounds.get();
  }

  public BatcherStatus status() {
    Submitter s = submitter;
    L1Totals t = s == null ? null : s.totals();
    String err = lastError;
    long errAt = lastErrorAtMillis;
    if (s != null && s.lastError().isPresent() && s.lastErrorAtMillis() >= errAt) {
      err = s.lastError().get();
      errAt = s.lastErrorAtMillis();
    }
    return new BatcherStatus(
        settings.settle(),
        isActive(),
        settings.contractAddress().map(Address::toHex),
        operator == null ? Optional.empty() : Optional.of(operator.getAddress()),
        tracker.lastSealed().number(),
        t == null ? null : t.committed(),
        t == null ? null : t.verified(),
        t == null ? null : t.executed(),
        s == null ? 0 : s.inFlight(),
        Optional.ofNullable(err),
        err == null ? Optional.empty() : Optional.of(errAt),
        l1Errors.get() + (s == null ? 0 : s.errorCount()),
        s == null ? Optional.empty() : s.waiting());
  }

  // ---- the loop

  private void round() {
    if (closed) {
      return;
    }
    long delay = settings.pollInterval().toMillis();
    try {
      tracker.poll(MAX_BLOCKS_PER_ROUND);
      boolean active = isActive();
      if (active) {
        if (!wasActive && submitter != null) {
          submitter.reload();
        }
        settleRound();
        failures = 0;
      }
      wasActive = active;
    } catch (L1Exception e) {
      failures++;
      l1Errors.incrementAndGet();
      recordError(e.getMessage());
      delay = Math.min(settings.maxBackoff().toMillis(), settings.pollInterval().toMillis() << Math.min(failures, 16));
      LOG.warn("[{}] L1 round failed ({} in a row), next try in {} ms: {}", label, failures, delay, e.getMessage());
    } catch (RuntimeException e) {
      failures++;
      recordError("batcher round failed: " + e);
      delay = Math.min(settings.maxBackoff().toMillis(), settings.pollInterval().toMillis() << Math.min(failures, 16));
      LOG.error("[{}] batcher round failed, next try in {} ms", label, delay, e);
    }
    rounds.incrementAndGet();
    if (!closed) {
      try {
        loop.schedule(this::round, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void settleRound() {
    if (submitter == null) {
      submitter = newSubmitter();
    }
    submitter.tick();
    L1Totals t = submitter.totals();
    if (t != null) {
      proofs.forgetUpTo(t.verified());
    }
  }

  /** Reads the committee and checks the contract belongs to this chain and this operator. */
  private Submitter newSubmitter() {
    long l2 = contract.l2ChainId();
    if (l2 != chain.chainId()) {
      throw new L1Exception("contract " + contract.address() + " settles L2 chain " + l2 + ", this chain is "
          + chain.chainId());
    }
    Address op = contract.operator();
    if (!op.equals(Address.fromHex(operator.getAddress()))) {
      throw new L1Exception("contract " + contract.address() + " accepts commits only from " + op
          + ", but the configured operator key is " + operator.getAddress());
    }
    Batch genesis = tracker.genesis();
    if (!contract.batchCommitment(0).equals(genesis.commitment())) {
      throw new L1Exception("contract " + contract.address() + " was deployed for another genesis (batch 0 commitment "
          + contract.batchCommitment(0) + ", this chain's is " + genesis.commitment() + ")");
    }
    List<Address> members = contract.committee();
    Committee committee = new Committee(members);
    if (!committee.contains(attester.key().address())) {
      LOG.warn("[{}] this node ({}) is not in the contract's committee {}", label, attester.key().address(), members);
    }
    ProofCollector collector = new ProofCollector(new ProofAssembler(committee), attester, peers, tracker::batch);
    proofs = collector;
    BatchFeed feed = new BatchFeed() {
      @Override
      public long lastSealed() {
        return tracker.lastSealed().number();
      }

      @Override
      public Optional<Batch> batch(long number) {
        return tracker.batch(number);
      }

      @Override
      public Optional<CommitteeProof> proof(long number) {
        return collector.proof(number);
      }
    };
    LOG.info("[{}] settling on L1 {} at contract {} as operator {}, committee {} (quorum {})", label, l1,
        contract.address(), op, members, committee.quorum());
    return new Submitter(settings.submitter(), l1, operator, contract,
        new FileProgressStore(settings.dataDir().resolve("l1-progress.json")), feed, clock, crash, label);
  }

  private void recordError(String message) {
    lastError = message;
    lastErrorAtMillis = clock.millis();
  }

  @Override
  public void close() {
    closed = true;
    // let a running round finish (its L1 calls are bounded by the request timeout): interrupting
    // it would close the index's file channel under it
    loop.shutdown();
    try {
      if (!loop.awaitTermination(settings.l1RequestTimeout().toMillis() * 4 + 5_000, TimeUnit.MILLISECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (l1 != null) {
      l1.close();
    }
    index.close();
  }
}
