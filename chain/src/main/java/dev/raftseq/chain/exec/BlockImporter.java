package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Verifies a sealed block against its parent and re-executes it: block hash, number and parent
 * hash, seal layout, timestamp not before the parent's (header seconds = vanity milliseconds /
 * 1000), Raft term not below the parent's, gas limit, base fee, Ethereum's post-merge constants
 * (no ommers, difficulty 0, no withdrawals or blobs), signer trusted, every transaction valid,
 * gas used, roots (transactions, receipts, state) and bloom. Pure: writes nothing.
 *
 * <p>The gas limit is fixed: every block has its parent's, hence the genesis file's (Ethereum
 * lets it drift by 1/1024 per block; a sequencer has no miners to vote on it). The timestamp is
 * not compared with a clock here, so verification is deterministic; bounding it by wall time is
 * the producer's job. Checks run cheapest first and the first failure is reported, so a given
 * block and parent always produce the same message. Genesis is never verified here.
 */
public final class BlockImporter {
  private final StateRootCalculator roots;
  private final long chainId;
  private final Predicate<Address> trustedSigner;
  private final TxProcessor processor = new TxProcessor();
  private final EvmEnv.BlockHashLookup ancestors;

  /** BLOCKHASH answers the parent's hash only (zero for older blocks). */
  public BlockImporter(StateRootCalculator roots, long chainId, Predicate<Address> trustedSigner) {
    this(roots, chainId, trustedSigner, null);
  }

  /**
   * @param ancestors the hashes of canonical blocks by number for BLOCKHASH (the chain store's
   *     lookup); null to know only the parent's
   */
  public BlockImporter(
      StateRootCalculator roots, long chainId, Predicate<Address> trustedSigner, EvmEnv.BlockHashLookup ancestors) {
    this.roots = roots;
    this.chainId = chainId;
    this.trustedSigner = trustedSigner;
    this.ancestors = ancestors;
  }

  /**
   * @param parentState the state at {@code parent.stateRoot()}
   * @param index the Raft entry carrying the block, or null
   * @throws InvalidBlockException when the block must not be applied on {@code parent}
   * @throws IllegalArgumentException when {@code parentState} is not the parent's state
   */
  public BlockCommit verify(Block block, Header parent, StateView parentState, AppliedIndex index)
      throws InvalidBlockException {
    if (!parentState.root().equals(parent.stateRoot())) {
      throw new IllegalArgumentException(
          "parent state " + parentState.root() + " is not the parent's state root " + parent.stateRoot());
    }
    Header h = block.header();
    checkHeader(block, parent);
    BlockContext ctx =
        new BlockContext(chainId, h.number(), h.parentHash(), Seals.millis(h), h.coinbase(), h.gasLimit(), h.baseFeePerGas());

    expect("transactions root", h.transactionsRoot(), BlockRoots.transactionsRoot(block.transactions()));

    EvmEnv env = ancestors == null ? EvmEnv.parentOnly(ctx) : EvmEnv.of(ctx, ancestors);
    StateOverlay state = new StateOverlay(parentState);
    List<Receipt> receipts = new ArrayList<>(block.transactions().size());
    long gasUsed = 0;
    for (int i = 0; i < block.transactions().size(); i++) {
      RecoveredTx tx = block.transactions().get(i);
      TxResult result = processor.apply(tx, null, state, env, h.gasLimit() - gasUsed);
      if (result instanceof TxResult.Invalid invalid) {
        throw new InvalidBlockException("transaction " + i + " " + tx.hash() + " is invalid: " + invalid.message());
      }
      TxResult.Applied applied = (TxResult.Applied) result;
      gasUsed += applied.gasUsed();
      receipts.add(Receipts.of(tx, applied, gasUsed));
    }
    expect("gas used", h.gasUsed(), gasUsed);
    expect("receipts root", h.receiptsRoot(), BlockRoots.receiptsRoot(receipts));
    if (!Arrays.equals(h.logsBloom(), BlockCodec.bloomOfReceipts(receipts))) {
      throw new InvalidBlockException("logs bloom differs from the receipts' bloom");
    }
    PreparedState prepared = roots.prepare(parent.stateRoot(), state.diff());
    expect("state root", h.stateRoot(), prepared.root());
    return new BlockCommit(block, receipts, prepared, index);
  }

  private void checkHeader(Block block, Header parent) throws InvalidBlockException {
    Header h = block.header();
    expect("block hash", block.hash(), BlockCodec.hash(h));
    expect("number", h.number(), parent.number() + 1);
    expect("parent hash", h.parentHash(), BlockCodec.hash(parent));
    if (!Seals.hasSealLayout(h)) {
      throw new InvalidBlockException(
          "extraData must be a 32-byte vanity (term, milliseconds, 16 zero bytes) and a 65-byte seal, got "
              + h.extraData().length + " bytes");
    }
    long millis = Seals.millis(h);
    expect("timestamp (seconds of the vanity's milliseconds)", h.timestamp(), Math.floorDiv(millis, 1000));
    long parentMillis = Seals.millis(parent);
    if (millis < parentMillis) {
      throw new InvalidBlockException("timestamp " + millis + " ms is before the parent's " + parentMillis + " ms");
    }
    long term = Seals.term(h);
    long parentTerm = Seals.term(parent);
    if (term < parentTerm) {
      throw new InvalidBlockException("raft term " + term + " is below the parent's " + parentTerm);
    }
    expect("gas limit", h.gasLimit(), parent.gasLimit());
    expect("base fee", h.baseFeePerGas(), BaseFee.next(parent));
    expect("ommers hash", h.ommersHash(), Hash.EMPTY_LIST);
    expect("difficulty", h.difficulty(), 0);
    expect("mix hash", h.mixHash(), Hash.ZERO);
    expect("nonce", h.nonce(), 0);
    expect("withdrawals root", h.withdrawalsRoot(), Hash.EMPTY_TRIE);
    expect("blob gas used", h.blobGasUsed(), 0);
    expect("excess blob gas", h.excessBlobGas(), 0);
    expect("parent beacon block root", h.parentBeaconBlockRoot(), Hash.ZERO);
    Address signer = signer(h);
    if (!trustedSigner.test(signer)) {
      throw new InvalidBlockException("sealed by " + signer + ", which is not a trusted sequencer key");
    }
  }

  private static Address signer(Header h) throws InvalidBlockException {
    try {
      return SealFields.signer(h);
    } catch (DecodeException e) {
      throw new InvalidBlockException("seal signature is invalid: " + e.getMessage());
    }
  }

  private static void expect(String field, Object have, Object want) throws InvalidBlockException {
    if (!have.equals(want)) {
      throw new InvalidBlockException(field + " is " + have + ", expected " + want);
    }
  }

  private static void expect(String field, long have, long want) throws InvalidBlockException {
    if (have != want) {
      throw new InvalidBlockException(field + " is " + have + ", expected " + want);
    }
  }
}
