package dev.raftseq.chain.exec;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.evm.BlockEnv;
import dev.raftseq.evm.CodeCache;
import dev.raftseq.evm.Evm;
import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.ExecResult;
import dev.raftseq.evm.TxEnv;
import dev.raftseq.evm.Word;
import dev.raftseq.evm.precompile.Precompiles;
import dev.raftseq.evm.state.EvmLog;
import dev.raftseq.evm.state.JournaledState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates and executes a transaction with Ethereum's (Cancun) rules, following go-ethereum's
 * {@code state_transition.go}: preCheck (nonce, EIP-3607, fee caps, blob rules), buyGas
 * (balance covers {@code gasLimit * maxFeePerGas + value + blobGas * maxFeePerBlobGas}),
 * intrinsic gas, EIP-3860's initcode limit, then execution, the refund (capped at a fifth of
 * the gas used, EIP-3529), the sender's change and the coinbase's priority fee; the base fee
 * and the blob fee are burned.
 *
 * <p>A value transfer to an account without code (and not a precompile) takes a fast path that
 * uses exactly the intrinsic gas; everything else runs in the {@link Evm}. A reverted or halted
 * execution is still applied: nonce and fee stay, state changes are rolled back, receipt status 0.
 *
 * <p>Thread-safe: each thread gets its own interpreter; analysed code is shared.
 */
public final class TxProcessor {
  /** Cancun's precompiles are 0x01..{@value}. */
  public static final int LAST_PRECOMPILE = Precompiles.LAST;
  /**
   * EIP-2681 caps nonces at 2^64-1; here nonces and gas limits are Java longs (the codec rejects
   * larger ones), so an account at 2^63-1 can send no more transactions.
   */
  private static final long MAX_NONCE = Long.MAX_VALUE;

  private final boolean acceptUnprotected;
  private final CodeCache codeCache = new CodeCache(1024);
  private final ThreadLocal<Evm> evms = ThreadLocal.withInitial(() -> {
    Evm e = new Evm(codeCache);
    if (System.getenv("RAFTSEQ_EVM_TRACE") != null) {
      e.setTracer(new dev.raftseq.evm.Tracer() {
        @Override
        public void step(int depth, int pc, int op, long gas, long[] stack, int sp) {
          System.err.printf("d%d pc=%d op=%02x gas=%d sp=%d top=%s%n", depth, pc, op, gas, sp,
              sp > 0 ? new Word(stack[4 * sp - 4], stack[4 * sp - 3], stack[4 * sp - 2], stack[4 * sp - 1]) : "-");
        }
      });
    }
    return e;
  });

  /** This chain's rules: every transaction names this chain (EIP-155 replay protection). */
  public TxProcessor() {
    this(false);
  }

  /**
   * @param acceptUnprotected also accept pre-EIP-155 legacy transactions (no chain id), as
   *     Ethereum blocks do; only Ethereum's conformance tests need this
   */
  TxProcessor(boolean acceptUnprotected) {
    this.acceptUnprotected = acceptUnprotected;
  }

  /** Ethereum mainnet's acceptance: pre-EIP-155 transactions too. For conformance tests. */
  public static TxProcessor ethereumRules() {
    return new TxProcessor(true);
  }

  /** The one definition of the precompile range: 0x01..0x0a (Cancun). */
  public static boolean isPrecompile(Address a) {
    return Precompiles.isPrecompile(EvmStateReader.evm(a));
  }

  /**
   * Offers {@code rtx} to a block: when valid, applies it to {@code state} and returns its gas;
   * otherwise returns why and leaves {@code state} unchanged. BLOCKHASH sees only the parent.
   *
   * @param blockGasLeft the block's gas limit minus the gas of the transactions before this one
   */
  public TxResult apply(RecoveredTx rtx, StateOverlay state, BlockContext block, long blockGasLeft) {
    return apply(rtx, null, state, EvmEnv.parentOnly(block), blockGasLeft);
  }

  /**
   * As {@link #apply(RecoveredTx, BlobFields, StateOverlay, EvmEnv, long)}, recording every message
   * the execution sends (debug_traceTransaction's callTracer). A plain transfer does not run the
   * EVM: its trace root is null.
   */
  public CallTrace.Traced applyTraced(RecoveredTx rtx, StateOverlay state, EvmEnv env, long blockGasLeft) {
    Evm evm = evms.get();
    CallTraceRecorder recorder = new CallTraceRecorder();
    evm.setTracer(recorder);
    try {
      return new CallTrace.Traced(apply(rtx, null, state, env, blockGasLeft), recorder.root());
    } finally {
      evm.setTracer(null);
    }
  }

  /**
   * As {@link #apply(RecoveredTx, StateOverlay, BlockContext, long)}, with the full EVM
   * environment, and the blob fields of a type-3 transaction (null for other types).
   */
  public TxResult apply(RecoveredTx rtx, BlobFields blobs, StateOverlay state, EvmEnv env, long blockGasLeft) {
    Transaction tx = rtx.tx();
    Address sender = rtx.sender();
    BlockContext block = env.block();
    long intrinsic = IntrinsicGas.of(tx);
    TxResult.Invalid invalid = check(rtx, blobs, state, env, blockGasLeft, intrinsic);
    if (invalid != null) {
      return invalid;
    }
    Wei price = tx.effectiveGasPrice(block.baseFee());
    boolean plainTransfer =
        blobs == null && !tx.isContractCreation() && !isPrecompile(tx.to()) && !state.hasCode(tx.to());
    if (plainTransfer) {
      Account from = state.accountOrEmpty(sender);
      Wei cost = price.multiply(intrinsic).add(tx.value());
      state.put(sender, from.withNonce(from.nonce() + 1).withBalance(from.balance().subtract(cost)));
      state.addBalance(tx.to(), tx.value());
      state.addBalance(block.coinbase(), price.subtract(block.baseFee()).multiply(intrinsic));
      return new TxResult.Applied(intrinsic);
    }
    return execute(rtx, blobs, state, env, intrinsic, price);
  }

  private TxResult.Applied execute(
      RecoveredTx rtx, BlobFields blobs, StateOverlay state, EvmEnv env, long intrinsic, Wei price) {
    Transaction tx = rtx.tx();
    BlockContext block = env.block();
    JournaledState world = new JournaledState(new EvmStateReader(state));
    EvmAddress sender = EvmStateReader.evm(rtx.sender());
    EvmAddress coinbase = EvmStateReader.evm(block.coinbase());
    BigInteger blobBaseFee = env.blobBaseFee();

    // buy gas: gasLimit at the effective price, blob gas at the blob base fee
    BigInteger upfront = price.value().multiply(BigInteger.valueOf(tx.gasLimit()));
    if (blobs != null) {
      upfront = upfront.add(blobBaseFee.multiply(BigInteger.valueOf(blobs.blobGas())));
    }
    world.subBalance(sender, Word.fromBigInteger(upfront));

    // EIP-2929/2930/3651 warm set
    world.warmAccount(sender);
    if (!tx.isContractCreation()) {
      world.warmAccount(EvmStateReader.evm(tx.to()));
    }
    for (int i = 1; i <= LAST_PRECOMPILE; i++) {
      world.warmAccount(EvmAddress.ofLow(i));
    }
    world.warmAccount(coinbase);
    for (AccessTuple t : tx.accessList()) {
      EvmAddress a = EvmStateReader.evm(t.address());
      world.warmAccount(a);
      for (Hash k : t.storageKeys()) {
        world.warmSlot(a, EvmStateReader.word(k));
      }
    }

    List<Word> blobHashes = new ArrayList<>();
    if (blobs != null) {
      for (Hash h : blobs.versionedHashes()) {
        blobHashes.add(EvmStateReader.word(h));
      }
    }
    BlockEnv benv =
        new BlockEnv(
            coinbase,
            block.number(),
            block.timestampSeconds(),
            block.gasLimit(),
            EvmStateReader.word(block.baseFee()),
            EvmStateReader.word(env.prevRandao()),
            Word.fromBigInteger(blobBaseFee),
            block.chainId(),
            n -> EvmStateReader.word(env.blockHashes().hash(n)));
    TxEnv txEnv = new TxEnv(sender, EvmStateReader.word(price), blobHashes);
    Word value = EvmStateReader.word(tx.value());
    long gas = tx.gasLimit() - intrinsic;
    Evm evm = evms.get();
    ExecResult r;
    if (tx.isContractCreation()) {
      r = evm.create(world, benv, txEnv, sender, value, tx.data(), gas);
    } else {
      world.setNonce(sender, world.nonce(sender) + 1);
      r = evm.call(world, benv, txEnv, sender, EvmStateReader.evm(tx.to()), value, tx.data(), gas);
    }

    long gasUsed = tx.gasLimit() - r.gasLeft();
    long refund = Math.min(world.refund(), gasUsed / 5);
    gasUsed -= refund;
    long gasLeft = tx.gasLimit() - gasUsed;
    world.addBalance(sender, Word.fromBigInteger(price.value().multiply(BigInteger.valueOf(gasLeft))));
    Wei tip = price.subtract(block.baseFee());
    world.addBalance(coinbase, Word.fromBigInteger(tip.value().multiply(BigInteger.valueOf(gasUsed))));

    List<Log> logs = new ArrayList<>();
    if (r.success()) {
      for (EvmLog l : world.logs()) {
        List<Hash> topics = new ArrayList<>(l.topics().size());
        for (Word t : l.topics()) {
          topics.add(EvmStateReader.hash(t));
        }
        logs.add(new Log(EvmStateReader.chain(l.address()), topics, l.data()));
      }
    }
    EvmStateReader.apply(state, world.changes());
    Address created = r.created() == null ? null : EvmStateReader.chain(r.created());
    return new TxResult.Applied(gasUsed, r.success(), logs, created, r.output(), r.error());
  }

  /**
   * Runs a message call on {@code state} without a transaction: no nonce, no fee, no intrinsic
   * gas, and nothing is written back (the journal is dropped). {@code to == null} runs
   * {@code data} as initcode. Warm set as for a transaction from {@code from} to {@code to}.
   */
  public CallResult call(StateOverlay state, EvmEnv env, Address from, Address to, Wei value, byte[] data, long gas) {
    JournaledState world = new JournaledState(new EvmStateReader(state));
    EvmAddress sender = EvmStateReader.evm(from);
    BlockContext block = env.block();
    world.warmAccount(sender);
    if (to != null) {
      world.warmAccount(EvmStateReader.evm(to));
    }
    for (int i = 1; i <= LAST_PRECOMPILE; i++) {
      world.warmAccount(EvmAddress.ofLow(i));
    }
    world.warmAccount(EvmStateReader.evm(block.coinbase()));
    BlockEnv benv =
        new BlockEnv(
            EvmStateReader.evm(block.coinbase()),
            block.number(),
            block.timestampSeconds(),
            block.gasLimit(),
            EvmStateReader.word(block.baseFee()),
            EvmStateReader.word(env.prevRandao()),
            Word.fromBigInteger(env.blobBaseFee()),
            block.chainId(),
            n -> EvmStateReader.word(env.blockHashes().hash(n)));
    TxEnv txEnv = new TxEnv(sender, Word.ZERO, List.of());
    Word v = EvmStateReader.word(value);
    Evm evm = evms.get();
    ExecResult r =
        to == null
            ? evm.create(world, benv, txEnv, sender, v, data, gas)
            : evm.call(world, benv, txEnv, sender, EvmStateReader.evm(to), v, data, gas);
    long used = gas - r.gasLeft();
    used -= Math.min(world.refund(), used / 5);
    return new CallResult(r.success(), r.reverted(), used, r.output(), r.error());
  }

  /** The first rule {@code rtx} breaks on this state, or null when it is valid. */
  private TxResult.Invalid check(
      RecoveredTx rtx, BlobFields blobs, StateOverlay state, EvmEnv env, long blockGasLeft, long intrinsic) {
    Transaction tx = rtx.tx();
    Address sender = rtx.sender();
    BlockContext block = env.block();
    boolean chainOk = tx.chainId() == null ? acceptUnprotected : tx.chainId() == block.chainId();
    if (!chainOk) {
      return invalid(TxRejection.INVALID_CHAIN_ID, "have " + tx.chainId() + ", want " + block.chainId());
    }
    if (tx.maxFeePerGas().lessThan(tx.maxPriorityFeePerGas())) {
      return invalid(
          TxRejection.TIP_ABOVE_FEE_CAP,
          "address " + sender + ", maxPriorityFeePerGas: " + tx.maxPriorityFeePerGas()
              + ", maxFeePerGas: " + tx.maxFeePerGas());
    }
    if (tx.gasLimit() < intrinsic) {
      return invalid(TxRejection.INTRINSIC_GAS, "have " + tx.gasLimit() + ", want " + intrinsic);
    }
    if (tx.isContractCreation() && tx.dataLength() > IntrinsicGas.MAX_INITCODE_SIZE) {
      return invalid(
          TxRejection.INIT_CODE_TOO_LARGE, "code size " + tx.dataLength() + ", limit " + IntrinsicGas.MAX_INITCODE_SIZE);
    }
    Account from = state.accountOrEmpty(sender);
    if (tx.nonce() != from.nonce()) {
      return invalid(
          tx.nonce() < from.nonce() ? TxRejection.NONCE_TOO_LOW : TxRejection.NONCE_TOO_HIGH,
          "address " + sender + ", tx: " + tx.nonce() + " state: " + from.nonce());
    }
    if (from.nonce() == MAX_NONCE || from.nonce() < 0) {
      return invalid(TxRejection.NONCE_MAX, "address " + sender + ", nonce: " + from.nonce());
    }
    if (state.hasCode(sender)) {
      return invalid(TxRejection.SENDER_NOT_EOA, "address " + sender + ", codehash: " + from.codeHash());
    }
    if (tx.maxFeePerGas().lessThan(block.baseFee())) {
      return invalid(
          TxRejection.FEE_CAP_BELOW_BASE_FEE,
          "address " + sender + ", maxFeePerGas: " + tx.maxFeePerGas() + ", baseFee: " + block.baseFee());
    }
    BigInteger want =
        tx.maxFeePerGas().value().multiply(BigInteger.valueOf(tx.gasLimit())).add(tx.value().value());
    if (blobs != null) {
      TxResult.Invalid blobError = checkBlobs(tx, blobs, env);
      if (blobError != null) {
        return blobError;
      }
      want = want.add(blobs.maxFeePerBlobGas().value().multiply(BigInteger.valueOf(blobs.blobGas())));
    }
    if (from.balance().value().compareTo(want) < 0) {
      return invalid(
          TxRejection.INSUFFICIENT_FUNDS, "address " + sender + " have " + from.balance() + " want " + want);
    }
    if (tx.gasLimit() > block.gasLimit()) {
      return invalid(TxRejection.GAS_LIMIT, "tx gas limit " + tx.gasLimit() + ", block gas limit " + block.gasLimit());
    }
    if (tx.gasLimit() > blockGasLeft) {
      return new TxResult.Invalid(
          TxRejection.GAS_LIMIT, "tx gas limit " + tx.gasLimit() + ", block gas left " + blockGasLeft, true);
    }
    return null;
  }

  private static TxResult.Invalid checkBlobs(Transaction tx, BlobFields blobs, EvmEnv env) {
    if (tx.isContractCreation()) {
      return invalid(TxRejection.BLOB_INVALID, "blob transaction of type create");
    }
    int n = blobs.versionedHashes().size();
    if (n == 0) {
      return invalid(TxRejection.BLOB_INVALID, "blob transaction missing blob hashes");
    }
    if (n > BlobFields.MAX_BLOBS_PER_BLOCK) {
      return invalid(TxRejection.BLOB_INVALID, "too many blobs: " + n);
    }
    for (Hash h : blobs.versionedHashes()) {
      if (h.unsafeBytes()[0] != 0x01) {
        return invalid(TxRejection.BLOB_INVALID, "blob hash version " + h.unsafeBytes()[0] + " is not 1");
      }
    }
    BigInteger blobBaseFee = env.blobBaseFee();
    if (blobs.maxFeePerBlobGas().value().compareTo(blobBaseFee) < 0) {
      return invalid(
          TxRejection.BLOB_INVALID,
          "max fee per blob gas " + blobs.maxFeePerBlobGas() + " less than block blob gas fee " + blobBaseFee);
    }
    return null;
  }

  private static TxResult.Invalid invalid(TxRejection reason, String detail) {
    return new TxResult.Invalid(reason, detail);
  }
}
