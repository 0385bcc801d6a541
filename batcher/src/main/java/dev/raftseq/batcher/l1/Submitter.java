package dev.raftseq.batcher.l1;

import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Settles sealed batches on L1: commit, prove, execute, each batch in order, as EIP-1559
 * transactions from the operator account with nonces it manages itself. Driven by {@link #tick}
 * from one thread; every effect goes through {@link L1Client} and {@link ProgressStore}.
 *
 * <p>What makes a kill at any point harmless:
 *
 * <ul>
 *   <li>What is done is read from the contract (its counters), never remembered; a new submitter
 *       starts from there.
 *   <li>A step's transaction is persisted (with its signed bytes) before it is broadcast, and
 *       re-broadcast after a restart; its nonce and call never change, only its fees (a stuck
 *       transaction is replaced at the same nonce), so at most one transaction per step is mined.
 *   <li>The next steps are planned from the contract's counters advanced by the persisted
 *       transactions still in flight, so a step already sent is never sent again.
 *   <li>If the operator account has pending transactions this submitter did not send (another node
 *       ran the batcher just before), it waits until they are mined, then plans from the contract.
 *   <li>A transaction that reverts (someone else settled that step, or our view was wrong) or whose
 *       nonce was taken by an unknown transaction makes it stop planning until nothing of its own is
 *       in flight and then re-plan from the contract. The contract's ordering checks make any such
 *       race a revert, never a gap or a double settlement.
 * </ul>
 */
public final class Submitter {
  private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

  private final SubmitterSettings cfg;
  private final L1Client l1;
  private final Credentials operator;
  private final Address operatorAddress;
  private final SettlementContract contract;
  private final ProgressStore store;
  private final BatchFeed feed;
  private final Clock clock;
  private final CrashPoints crash;
  private final String log;

  private final List<SentTx> inFlight = new ArrayList<>();
  /** Attempts this process has seen the L1 node accept (others are broadcast again). */
  private final Set<Hash> broadcast = new HashSet<>();
  /** Attempts already reported as stuck at the fee caps (reported once). */
  private final Set<Hash> atCaps = new HashSet<>();
  private boolean loaded;
  private boolean replanNeeded;
  private long chainId;

  private volatile L1Totals totals;
  private volatile int inFlightCount;
  private volatile String lastError;
  private volatile long lastErrorAtMillis;
  private volatile String waiting;
  private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();

  public Submitter(
      SubmitterSettings cfg,
      L1Client l1,
      Credentials operator,
      SettlementContract contract,
      ProgressStore store,
      BatchFeed feed,
      Clock clock,
      CrashPoints crash,
      String nodeLabel) {
    this.cfg = cfg;
    this.l1 = l1;
    this.operator = operator;
    this.operatorAddress = Address.fromHex(operator.getAddress());
    this.contract = contract;
    this.store = store;
    this.feed = feed;
    this.clock = clock;
    this.crash = crash;
    this.log = "[" + nodeLabel + "] ";
  }

  public Address operatorAddress() {
    return operatorAddress;
  }

  /**
   * Forget what is in memory and start over from the store and the L1 at the next tick, as a new
   * process would: used when this node takes over the batcher role again.
   */
  public void reload() {
    loaded = false;
  }

  /**
   * One round: settle what was mined, re-broadcast and re-price what is pending, then send the
   * next steps. Returns normally when the round is done (or waits for something).
   *
   * @throws L1Exception when the L1 cannot be reached; the caller retries later
   */
  public void tick() {
    try {
      round();
    } catch (L1Exception e) {
      // counted by the caller, which retries
      lastError = e.getMessage();
      lastErrorAtMillis = clock.millis();
      // the L1 node may have restarted with an empty pool: broadcast everything pending again
      broadcast.clear();
      throw e;
    }
  }

  private void round() {
    if (!loaded) {
      load();
    }
    long latestNonce = l1.nonce(operatorAddress, false);
    settle(latestNonce, l1.blockNumber());
    rebroadcastAndReprice(latestNonce);
    L1Totals t = contract.totals();
    totals = t;
    if (replanNeeded) {
      if (!inFlight.isEmpty()) {
        waiting = "re-planning from L1 once this batcher's " + inFlight.size() + " transactions in flight settle";
        return;
      }
      replanNeeded = false;
    }
    long next = inFlight.isEmpty() ? latestNonce : inFlight.get(inFlight.size() - 1).nonce() + 1;
    long pendingNonce = l1.nonce(operatorAddress, true);
    if (pendingNonce > next) {
      waiting = "operator " + operatorAddress + " has " + (pendingNonce - next)
          + " pending L1 transactions this batcher did not send (nonces " + next + ".." + (pendingNonce - 1)
          + "); waiting for them to be mined";
      return;
    }
    waiting = null;
    plan(t, next);
  }

  private void load() {
    chainId = l1.chainId();
    inFlight.clear();
    inFlight.addAll(store.load());
    inFlight.sort((a, b) -> Long.compare(a.nonce(), b.nonce()));
    broadcast.clear();
    replanNeeded = false;
    loaded = true;
    inFlightCount = inFlight.size();
    if (!inFlight.isEmpty()) {
      LOG.info("{}resuming with {} L1 transactions in flight: {}", log, inFlight.size(),
          inFlight.stream().map(s -> s.step() + "@" + s.nonce()).toList());
    }
  }

  /** Forgets transactions whose nonce is mined and confirmed; notes reverts and foreign nonces. */
  private void settle(long latestNonce, long head) {
    boolean changed = false;
    while (!inFlight.isEmpty() && inFlight.get(0).nonce() < latestNonce) {
      SentTx sent = inFlight.get(0);
      Optional<L1Receipt> receipt = receiptOf(sent);
      if (receipt.isEmpty()) {
        error(sent.step() + ": nonce " + sent.nonce() + " was used by a transaction this batcher did not send;"
            + " re-planning from L1");
        replanNeeded = true;
      } else {
        L1Receipt r = receipt.get();
        if (head - r.blockNumber() + 1 < cfg.confirmations()) {
          break;
        }
        if (r.success()) {
          LOG.info("{}{} settled in L1 block {} (tx {}, gas {})", log, sent.step(), r.blockNumber(),
              r.transactionHash(), r.gasUsed());
        } else {
          error(sent.step() + " reverted in L1 block " + r.blockNumber() + " (tx " + r.transactionHash()
              + "); re-planning from L1");
          replanNeeded = true;
        }
      }
      crash.reached(CrashPoints.BEFORE_FORGET);
      inFlight.remove(0);
      changed = true;
    }
    if (changed) {
      persist();
    }
  }

  private Optional<L1Receipt> receiptOf(SentTx sent) {
    for (int i = sent.attempts().size() - 1; i >= 0; i--) {
      Optional<L1Receipt> r = l1.receipt(sent.attempts().get(i).hash());
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private void rebroadcastAndReprice(long latestNonce) {
    long now = clock.millis();
    for (int i = 0; i < inFlight.size(); i++) {
      SentTx sent = inFlight.get(i);
      if (sent.nonce() < latestNonce) {
        continue; // mined, awaiting confirmations
      }
      if (now - sent.latest().createdAtMillis() >= cfg.stuckTimeout().toMillis()) {
        Optional<SentTx> repriced = reprice(sent);
        if (repriced.isPresent()) {
          sent = repriced.get();
          inFlight.set(i, sent);
          persist();
          crash.reached(CrashPoints.AFTER_PERSIST);
          LOG.warn("{}{} stuck at nonce {} for {} ms; re-priced to maxFee {} tip {} (tx {})", log, sent.step(),
              sent.nonce(), cfg.stuckTimeout().toMillis(), sent.latest().maxFeePerGas(),
              sent.latest().maxPriorityFeePerGas(), sent.latest().hash());
        }
      }
      if (!broadcast.contains(sent.latest().hash())) {
        broadcastLatest(sent);
      }
    }
  }

  private Optional<SentTx> reprice(SentTx sent) {
    TxAttempt old = sent.latest();
    BigInteger base = l1.baseFee();
    BigInteger tip = cfg.maxPriorityFeePerGas().min(bumped(old.maxPriorityFeePerGas()).max(l1.maxPriorityFeePerGas()));
    BigInteger maxFee = cfg.maxFeePerGas().min(bumped(old.maxFeePerGas()).max(base.shiftLeft(1).add(tip)));
    BigInteger minTip = old.maxPriorityFeePerGas().multiply(BigInteger.valueOf(110)).add(BigInteger.valueOf(99))
        .divide(BigInteger.valueOf(100));
    BigInteger minFee = old.maxFeePerGas().multiply(BigInteger.valueOf(110)).add(BigInteger.valueOf(99))
        .divide(BigInteger.valueOf(100));
    if (tip.compareTo(minTip) < 0 || maxFee.compareTo(minFee) < 0) {
      if (!atCaps.add(sent.latest().hash())) {
        return Optional.empty();
      }
      error(sent.step() + " is stuck at nonce " + sent.nonce() + " but its fees are at the configured caps (maxFee "
          + old.maxFeePerGas() + ", tip " + old.maxPriorityFeePerGas() + "); waiting");
      return Optional.empty();
    }
    return Optional.of(sent.withAttempt(sign(sent.nonce(), sent.gasLimit(), data(sent), maxFee, tip)));
  }

  private BigInteger bumped(BigInteger v) {
    return v.multiply(BigInteger.valueOf(100L + cfg.feeBumpPercent())).add(BigInteger.valueOf(99))
        .divide(BigInteger.valueOf(100));
  }

  private void broadcastLatest(SentTx sent) {
    TxAttempt a = sent.latest();
    L1Client.Outcome o = l1.send(a.raw());
    crash.reached(CrashPoints.AFTER_SEND);
    switch (o.result()) {
      case ACCEPTED, ALREADY_KNOWN -> broadcast.add(a.hash());
      case NONCE_TOO_LOW -> broadcast.add(a.hash()); // mined (ours or not): settle() finds out
      case UNDERPRICED -> {
        // an earlier attempt at this nonce is pending with higher or equal fees: that one stands
        broadcast.add(a.hash());
        LOG.info("{}{} attempt {} not taken by the L1 pool ({}); an earlier attempt is pending", log, sent.step(),
            a.hash(), o.message());
      }
      case REJECTED -> error(sent.step() + " at nonce " + sent.nonce() + " refused by the L1 node: " + o.message());
    }
  }

  private void plan(L1Totals t, long nextNonce) {
    long committed = t.committed();
    long verified = t.verified();
    long executed = t.executed();
    for (SentTx s : inFlight) {
      switch (s.step().kind()) {
        case COMMIT -> committed = Math.max(committed, s.step().batchNumber());
        case PROVE -> verified = Math.max(verified, s.step().batchNumber());
        case EXECUTE -> executed = Math.max(executed, s.step().batchNumber());
      }
    }
    long nonce = nextNonce;
    while (inFlight.size() < cfg.maxInFlight()) {
      Step step;
      byte[] data;
      long gas;
      Optional<CommitteeProof> proof;
      if (executed < verified) {
        step = new Step(Step.Kind.EXECUTE, executed + 1);
        data = SettlementContract.executeBatch(step.batchNumber());
        gas = cfg.gasLimit(Step.Kind.EXECUTE, 0);
        executed++;
      } else if (verified < committed && (proof = proofFor(verified + 1, t)).isPresent()) {
        step = new Step(Step.Kind.PROVE, verified + 1);
        data = SettlementContract.proveBatch(proof.get());
        gas = cfg.gasLimit(Step.Kind.PROVE, proof.get().attestations().size());
        verified++;
      } else if (committed < feed.lastSealed()) {
        Optional<Batch> batch = batchToCommit(committed + 1, t);
        if (batch.isEmpty()) {
          return;
        }
        step = new Step(Step.Kind.COMMIT, committed + 1);
        data = SettlementContract.commitBatch(batch.get());
        gas = cfg.gasLimit(Step.Kind.COMMIT, 0);
        committed++;
      } else {
        return;
      }
      sendNew(step, nonce++, gas, data);
    }
  }

  /** Our proof of batch n, if its commitment on L1 (once committed there) is the one we sealed. */
  private Optional<CommitteeProof> proofFor(long n, L1Totals t) {
    Optional<Batch> ours = feed.batch(n);
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    if (n <= t.committed()) {
      Hash onL1 = contract.batchCommitment(n);
      if (!onL1.equals(ours.get().commitment())) {
        error("batch " + n + " on L1 has commitment " + onL1 + " but this node sealed " + ours.get().commitment()
            + " (different batch limits or chain?); not proving it");
        return Optional.empty();
      }
    }
    return feed.proof(n);
  }

  /** Batch n, if it follows the batch L1 has (when n-1 is the last one committed there). */
  private Optional<Batch> batchToCommit(long n, L1Totals t) {
    Optional<Batch> batch = feed.batch(n);
    if (batch.isPresent() && n - 1 == t.committed()) {
      Hash prevOnL1 = contract.batchCommitment(n - 1);
      if (!prevOnL1.equals(batch.get().prevCommitment())) {
        error("batch " + n + " sealed here follows commitment " + batch.get().prevCommitment()
            + " but L1's batch " + (n - 1) + " is " + prevOnL1 + " (different batch limits or chain?); not committing");
        return Optional.empty();
      }
    }
    return batch;
  }

  private void sendNew(Step step, long nonce, long gasLimit, byte[] data) {
    BigInteger base = l1.baseFee();
    BigInteger tip = cfg.maxPriorityFeePerGas().min(l1.maxPriorityFeePerGas());
    BigInteger maxFee = cfg.maxFeePerGas().min(base.shiftLeft(1).add(tip));
    if (tip.compareTo(maxFee) > 0) {
      tip = maxFee;
    }
    SentTx sent = new SentTx(step, nonce, gasLimit, List.of(sign(nonce, gasLimit, data, maxFee, tip)));
    inFlight.add(sent);
    persist();
    crash.reached(CrashPoints.AFTER_PERSIST);
    LOG.info("{}sending {} at nonce {} (maxFee {} tip {}, tx {})", log, step, nonce, maxFee, tip, sent.latest().hash());
    broadcastLatest(sent);
  }

  /** The call data of the first attempt: a replacement changes fees only. */
  private static byte[] data(SentTx sent) {
    return Numeric.hexStringToByteArray(TransactionDecoder.decode(Numeric.toHexString(sent.attempts().get(0).raw())).getData());
  }

  private TxAttempt sign(long nonce, long gasLimit, byte[] data, BigInteger maxFee, BigInteger tip) {
    RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), BigInteger.valueOf(gasLimit),
        contract.address().toHex(), BigInteger.ZERO, Numeric.toHexString(data), tip, maxFee);
    byte[] signed = TransactionEncoder.signMessage(raw, chainId, operator);
    return new TxAttempt(Keccak.hash(signed), signed, maxFee, tip, clock.millis());
  }

  private void persist() {
    store.save(List.copyOf(inFlight));
    inFlightCount = inFlight.size();
  }

  private void error(String message) {
    LOG.warn("{}L1: {}", log, message);
    errors.incrementAndGet();
    lastError = message;
    lastErrorAtMillis = clock.millis();
  }

  // ---- status, safe from any thread

  /** The contract's counters as last read; null before the first successful read. */
  public L1Totals totals() {
    return totals;
  }

  /** L1 problems this submitter handled itself: reverts, refused transactions, foreign nonces, fee caps. */
  public long errorCount() {
    return errors.get();
  }

  public int inFlight() {
    return inFlightCount;
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public long lastErrorAtMillis() {
    return lastErrorAtMillis;
  }

  /** Why the submitter is holding back, if it is. */
  public Optional<String> waiting() {
    return Optional.ofNullable(waiting);
  }
}
