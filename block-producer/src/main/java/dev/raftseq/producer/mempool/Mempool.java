package dev.raftseq.producer.mempool;

import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.exec.IntrinsicGas;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed set's logic: per-sender nonce queues (pending up to the first gap, queued after
 * it), geth's admission rules and messages, replacement by a 10 % bump, limits checked before a
 * transaction is admitted, and head updates. Deterministic: it reads no clock, and ties are broken
 * by admission order, so every node applying the same log holds the same set. Single-threaded:
 * wrap it in {@link SynchronizedMempool} to share it.
 *
 * <p>Nothing admitted is ever evicted, expired or dropped for its price: a full pool refuses new
 * transactions instead ({@code txpool is full}), and a transaction whose fee cap falls below a
 * risen base fee waits in the pool (it is simply not a candidate) until the base fee falls.
 *
 * <p>Costs: {@code add} is O(log n) (hash map, the sender's nonce tree); a promotion or demotion
 * walks only the transactions it moves, at most {@code maxPerSender}. {@code candidates} copies
 * the executable runs once per block, O(pending + senders).
 *
 * <p>Choices where geth leaves room: the funds check counts every transaction of the sender in the
 * pool (pending and queued, minus the one being replaced), so the pool never holds transactions
 * the balance cannot cover together; a fee cap below the next block's base fee is refused at
 * admission rather than parked, so an acknowledged transaction does not sit unexecutable.
 */
public final class Mempool implements TxPool {
  private static final Logger LOG = LoggerFactory.getLogger(Mempool.class);

  private final MempoolConfig config;
  private final TxPoolListener listener;
  private final Map<Hash, PooledTx> byHash = new HashMap<>();
  private final Map<Address, SenderTxs> senders = new HashMap<>();
  private final BigInteger bumpNumerator;
  private long nextSeq;
  private int pendingCount;
  private long pendingGas;

  public Mempool(MempoolConfig config) {
    this(config, TxPoolListener.NONE);
  }

  public Mempool(MempoolConfig config, TxPoolListener listener) {
    this.config = config;
    this.listener = listener;
    this.bumpNumerator = BigInteger.valueOf(100L + config.priceBumpPercent());
  }

  public MempoolConfig config() {
    return config;
  }

  @Override
  public void add(RecoveredTx rtx, StateView head, Wei baseFee) throws TxRejectedException {
    Admission a = admission(rtx, head, baseFee, true);
    if (a.replaced() != null) {
      replace(a.sender(), a.replaced(), a.candidate());
    } else {
      SenderTxs sender = a.sender() != null ? a.sender()
          : senders.computeIfAbsent(rtx.sender(), x -> new SenderTxs(a.nextNonce()));
      insert(sender, a.candidate());
    }
    nextSeq++;
  }

  @Override
  public void check(RecoveredTx rtx, StateView head, Wei baseFee) throws TxRejectedException {
    admission(rtx, head, baseFee, false);
  }

  @Override
  public void restore(RecoveredTx rtx, StateView head) throws TxRejectedException {
    if (byHash.containsKey(rtx.hash())) {
      throw new TxRejectedException(TxRejection.ALREADY_KNOWN);
    }
    long nextNonce = catchUp(rtx.sender(), nonceOf(head, rtx.sender()));
    long nonce = rtx.tx().nonce();
    if (nonce < nextNonce) {
      throw new TxRejectedException(TxRejection.NONCE_TOO_LOW, "next nonce " + nextNonce + ", tx nonce " + nonce);
    }
    SenderTxs sender = senders.computeIfAbsent(rtx.sender(), x -> new SenderTxs(nextNonce));
    PooledTx candidate = PooledTx.of(rtx, nextSeq);
    PooledTx existing = sender.get(nonce);
    if (existing != null) {
      replace(sender, existing, candidate);
    } else {
      insert(sender, candidate);
    }
    nextSeq++;
  }

  /** What admitting a transaction would do; nothing changes unless {@code catchUp} moves a sender to the head. */
  private record Admission(PooledTx candidate, SenderTxs sender, PooledTx replaced, long nextNonce) {}

  private Admission admission(RecoveredTx rtx, StateView head, Wei baseFee, boolean catchUp)
      throws TxRejectedException {
    if (byHash.containsKey(rtx.hash())) {
      throw new TxRejectedException(TxRejection.ALREADY_KNOWN);
    }
    Transaction tx = rtx.tx();
    validateStateless(rtx, baseFee);

    Address from = rtx.sender();
    Account account = head.account(from);
    long accountNonce = account == null ? 0 : account.nonce();
    // the pool may have seen a newer head than the caller passes; the later nonce wins
    long nextNonce = catchUp ? catchUp(from, accountNonce) : Math.max(accountNonce, stateNonce(from));
    SenderTxs sender = senders.get(from);
    if (tx.nonce() < nextNonce) {
      throw new TxRejectedException(
          TxRejection.NONCE_TOO_LOW, "next nonce " + nextNonce + ", tx nonce " + tx.nonce());
    }
    PooledTx candidate = PooledTx.of(rtx, nextSeq);
    PooledTx existing = sender == null ? null : sender.get(tx.nonce());
    BigInteger balance = account == null ? BigInteger.ZERO : account.balance().value();
    checkFunds(balance, sender, existing, candidate.cost());
    if (existing != null) {
      checkReplacement(existing, candidate);
    } else {
      checkSenderLimits(from, sender, tx.nonce(), nextNonce);
      if (byHash.size() >= config.maxTransactions()) {
        throw new TxRejectedException(TxRejection.POOL_FULL,
            "the pool holds " + byHash.size() + " transactions, limit " + config.maxTransactions());
      }
    }
    return new Admission(candidate, sender, existing, nextNonce);
  }

  /** Moves a sender's run to the account nonce (the pool may lag a head it was not told of). */
  private long catchUp(Address from, long accountNonce) {
    SenderTxs sender = senders.get(from);
    if (sender != null) {
      advance(from, sender, accountNonce, Set.of());
    }
    return Math.max(accountNonce, stateNonce(from));
  }

  private long stateNonce(Address from) {
    SenderTxs sender = senders.get(from);
    return sender == null ? 0 : sender.stateNonce();
  }

  @Override
  public RecoveredTx get(Hash hash) {
    PooledTx t = byHash.get(hash);
    return t == null ? null : t.recovered();
  }

  @Override
  public boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  @Override
  public long pendingNonce(Address address, StateView head) {
    long accountNonce = nonceOf(head, address);
    SenderTxs sender = senders.get(address);
    if (sender == null) {
      return accountNonce;
    }
    if (accountNonce <= sender.pendingEnd()) {
      return sender.pendingEnd();
    }
    // the head is ahead of what the pool has seen: count the pool's run from the head's nonce
    long next = accountNonce;
    while (sender.get(next) != null) {
      next++;
    }
    return next;
  }

  @Override
  public TxCandidates candidates(Wei baseFee) {
    BigInteger fee = baseFee.value();
    BigInteger minTip = config.minTip().value();
    Map<Address, List<PooledTx>> runs = new HashMap<>();
    for (Map.Entry<Address, SenderTxs> e : senders.entrySet()) {
      SenderTxs sender = e.getValue();
      if (sender.pendingCount() == 0) {
        continue;
      }
      List<PooledTx> run = new ArrayList<>(sender.pendingCount());
      for (PooledTx t : sender.pending()) {
        if (t.feeCap().compareTo(fee) < 0 || PooledTx.effectiveTip(t.tx(), fee).compareTo(minTip) < 0) {
          break; // this one cannot pay at this base fee, and the later ones need it first
        }
        run.add(t);
      }
      if (!run.isEmpty()) {
        runs.put(e.getKey(), run);
      }
    }
    return new PendingSnapshot(runs, fee);
  }

  @Override
  public void onBlockApplied(Block block, StateView newHead) {
    Set<Address> touched = new HashSet<>();
    Set<Hash> included = new HashSet<>();
    for (RecoveredTx t : block.transactions()) {
      touched.add(t.sender());
      included.add(t.hash());
    }
    for (Address a : touched) {
      SenderTxs sender = senders.get(a);
      if (sender != null) {
        advance(a, sender, nonceOf(newHead, a), included);
      }
    }
    // normally gone with the nonce advance; this covers a state that does not reflect the block
    for (RecoveredTx t : block.transactions()) {
      PooledTx held = byHash.get(t.hash());
      if (held != null) {
        remove(held, TxPoolListener.Removal.INCLUDED);
      }
    }
  }

  @Override
  public void onHeadReset(StateView head) {
    for (Address a : List.copyOf(senders.keySet())) {
      SenderTxs sender = senders.get(a);
      if (sender != null) {
        advance(a, sender, nonceOf(head, a), Set.of());
      }
    }
  }

  @Override
  public boolean drop(Hash hash, StateView head) {
    PooledTx held = byHash.get(hash);
    if (held == null) {
      return false;
    }
    remove(held, TxPoolListener.Removal.DROPPED);
    catchUp(held.sender(), nonceOf(head, held.sender()));
    return true;
  }

  @Override
  public int pendingCount() {
    return pendingCount;
  }

  @Override
  public int queuedCount() {
    return byHash.size() - pendingCount;
  }

  @Override
  public int size() {
    return byHash.size();
  }

  @Override
  public long pendingGas() {
    return pendingGas;
  }

  @Override
  public List<RecoveredTx> pendingTransactions() {
    List<RecoveredTx> out = new ArrayList<>(pendingCount);
    for (SenderTxs sender : senders.values()) {
      for (PooledTx t : sender.pending()) {
        out.add(t.recovered());
      }
    }
    return out;
  }

  @Override
  public List<RecoveredTx> queuedTransactions() {
    List<RecoveredTx> out = new ArrayList<>(queuedCount());
    for (SenderTxs sender : senders.values()) {
      for (PooledTx t : sender.queued()) {
        out.add(t.recovered());
      }
    }
    return out;
  }

  // ---- admission ----

  private void validateStateless(RecoveredTx rtx, Wei baseFee) throws TxRejectedException {
    Transaction tx = rtx.tx();
    int size = rtx.unsafeEncoded().length;
    if (size > TransactionCodec.MAX_TX_BYTES) {
      throw new TxRejectedException(
          TxRejection.OVERSIZED, "transaction size " + size + ", limit " + TransactionCodec.MAX_TX_BYTES);
    }
    if (tx.chainId() == null) {
      throw new TxRejectedException(TxRejection.INVALID_CHAIN_ID, "replay-protected (EIP-155) transactions only");
    }
    if (tx.chainId() != config.chainId()) {
      throw new TxRejectedException(
          TxRejection.INVALID_CHAIN_ID, "have " + tx.chainId() + ", want " + config.chainId());
    }
    // nonces are uint64 on the wire; 2^63 and above do not fit a long and no account reaches them
    if (tx.nonce() < 0 || tx.nonce() == Long.MAX_VALUE) {
      throw new TxRejectedException(TxRejection.NONCE_MAX);
    }
    if (tx.gasLimit() < 0 || tx.gasLimit() > config.blockGasLimit()) {
      throw new TxRejectedException(TxRejection.GAS_LIMIT);
    }
    if (tx.maxFeePerGas().lessThan(tx.maxPriorityFeePerGas())) {
      throw new TxRejectedException(TxRejection.TIP_ABOVE_FEE_CAP);
    }
    if (tx.isContractCreation() && tx.dataLength() > IntrinsicGas.MAX_INITCODE_SIZE) {
      // geth's pool: EIP-3860 caps init code; the block would reject it too
      throw new TxRejectedException(TxRejection.INIT_CODE_TOO_LARGE,
          "code size " + tx.dataLength() + ", limit " + IntrinsicGas.MAX_INITCODE_SIZE);
    }
    long intrinsic = IntrinsicGas.of(tx);
    if (tx.gasLimit() < intrinsic) {
      throw new TxRejectedException(
          TxRejection.INTRINSIC_GAS, "gas " + tx.gasLimit() + ", minimum needed " + intrinsic);
    }
    if (tx.maxPriorityFeePerGas().lessThan(config.minTip())) {
      throw new TxRejectedException(
          TxRejection.UNDERPRICED,
          "gas tip cap " + tx.maxPriorityFeePerGas() + ", minimum needed " + config.minTip());
    }
    if (tx.maxFeePerGas().lessThan(config.minFeeCap())) {
      throw new TxRejectedException(
          TxRejection.UNDERPRICED,
          "gas fee cap " + tx.maxFeePerGas() + ", minimum needed " + config.minFeeCap());
    }
    if (tx.maxFeePerGas().lessThan(baseFee)) {
      throw new TxRejectedException(
          TxRejection.FEE_CAP_BELOW_BASE_FEE,
          "address " + rtx.sender() + ", maxFeePerGas: " + tx.maxFeePerGas() + ", baseFee: " + baseFee);
    }
  }

  /** geth's ValidateTransactionWithState balance rule, counting all the sender's pool txs. */
  private static void checkFunds(BigInteger balance, SenderTxs sender, PooledTx replaced, BigInteger cost)
      throws TxRejectedException {
    if (balance.compareTo(cost) < 0) {
      throw new TxRejectedException(
          TxRejection.INSUFFICIENT_FUNDS,
          "balance " + balance + ", tx cost " + cost + ", overshot " + cost.subtract(balance));
    }
    BigInteger spent = sender == null ? BigInteger.ZERO : sender.totalCost();
    BigInteger added = replaced == null ? cost : cost.subtract(replaced.cost());
    BigInteger need = spent.add(added);
    if (balance.compareTo(need) < 0) {
      throw new TxRejectedException(
          TxRejection.INSUFFICIENT_FUNDS,
          "balance " + balance + ", queued cost " + spent + ", tx cost " + added + ", overshot "
              + need.subtract(balance));
    }
  }

  /** geth: both fee cap and tip strictly higher, and each at least {@code priceBump}% higher. */
  private void checkReplacement(PooledTx old, PooledTx next) throws TxRejectedException {
    BigInteger hundred = BigInteger.valueOf(100);
    BigInteger minFeeCap = old.feeCap().multiply(bumpNumerator).divide(hundred);
    BigInteger minTip = old.tip().multiply(bumpNumerator).divide(hundred);
    if (next.feeCap().compareTo(old.feeCap()) <= 0
        || next.tip().compareTo(old.tip()) <= 0
        || next.feeCap().compareTo(minFeeCap) < 0
        || next.tip().compareTo(minTip) < 0) {
      throw new TxRejectedException(TxRejection.REPLACEMENT_UNDERPRICED);
    }
  }

  private void checkSenderLimits(Address from, SenderTxs sender, long nonce, long accountNonce)
      throws TxRejectedException {
    int held = sender == null ? 0 : sender.size();
    if (held >= config.maxPerSender()) {
      throw new TxRejectedException(
          TxRejection.ACCOUNT_LIMIT,
          "sender " + from + " has " + held + " transactions in the pool, limit " + config.maxPerSender());
    }
    boolean gapped = sender == null ? nonce != accountNonce : !sender.wouldBePending(nonce);
    int queued = sender == null ? 0 : sender.queuedCount();
    if (gapped && queued >= config.maxQueuedPerSender()) {
      throw new TxRejectedException(
          TxRejection.ACCOUNT_LIMIT,
          "sender " + from + " has " + queued + " transactions behind a nonce gap, limit "
              + config.maxQueuedPerSender());
    }
  }

  // ---- structure changes; each keeps the pending totals and the indexes in step ----

  private void insert(SenderTxs sender, PooledTx t) {
    int count = sender.pendingCount();
    long gas = sender.pendingGas();
    sender.insert(t);
    byHash.put(t.recovered().hash(), t);
    settle(t.sender(), sender, count, gas);
  }

  private void replace(SenderTxs sender, PooledTx old, PooledTx next) {
    int count = sender.pendingCount();
    long gas = sender.pendingGas();
    sender.replace(next);
    byHash.remove(old.recovered().hash());
    byHash.put(next.recovered().hash(), next);
    settle(next.sender(), sender, count, gas);
    listener.removed(old.recovered(), TxPoolListener.Removal.REPLACED);
  }

  private void remove(PooledTx t, TxPoolListener.Removal why) {
    SenderTxs sender = senders.get(t.sender());
    int count = sender.pendingCount();
    long gas = sender.pendingGas();
    sender.remove(t.nonce());
    byHash.remove(t.recovered().hash());
    settle(t.sender(), sender, count, gas);
    listener.removed(t.recovered(), why);
  }

  /** Moves a sender to its account nonce; what falls below was included or had its nonce used. */
  private void advance(Address address, SenderTxs sender, long accountNonce, Set<Hash> included) {
    int count = sender.pendingCount();
    long gas = sender.pendingGas();
    List<PooledTx> gone = sender.advanceStateNonce(accountNonce);
    for (PooledTx t : gone) {
      byHash.remove(t.recovered().hash());
    }
    settle(address, sender, count, gas);
    for (PooledTx t : gone) {
      Hash hash = t.recovered().hash();
      listener.removed(
          t.recovered(),
          included.contains(hash) ? TxPoolListener.Removal.INCLUDED : TxPoolListener.Removal.NONCE_USED);
    }
  }

  private void settle(Address address, SenderTxs sender, int countBefore, long gasBefore) {
    pendingCount += sender.pendingCount() - countBefore;
    pendingGas += sender.pendingGas() - gasBefore;
    if (sender.isEmpty()) {
      senders.remove(address);
    }
  }

  private static long nonceOf(StateView state, Address address) {
    Account account = state.account(address);
    return account == null ? 0 : account.nonce();
  }

}
