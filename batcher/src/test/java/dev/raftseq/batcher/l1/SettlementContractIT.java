package dev.raftseq.batcher.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.batcher.testing.Anvil;
import dev.raftseq.batcher.testing.L1Wallet;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * BatchSettlement through real anvil and web3j: the happy path, and every rule that must revert,
 * each checked twice: the mined transaction fails (status 0, counters unchanged) and eth_call
 * names the contract's custom error.
 */
class SettlementContractIT {
  static final long L2_CHAIN_ID = 270;
  static final Hash GENESIS_ROOT = Keccak.hash("genesis root".getBytes(StandardCharsets.UTF_8));
  static final Hash GENESIS_HASH = Keccak.hash("genesis block".getBytes(StandardCharsets.UTF_8));
  /** run_local.sh's three node keys (seed 002). */
  static final List<NodeKey> COMMITTEE_KEYS = List.of(
      NodeKey.fromHex("0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308"),
      NodeKey.fromHex("c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7"),
      NodeKey.fromHex("8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d"));
  static final NodeKey OUTSIDER = NodeKey.fromHex("4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");

  @TempDir static Path tmp;
  static Anvil anvil;
  static Web3L1Client l1;
  static L1Wallet operator;
  static L1Wallet stranger;

  SettlementContract contract;
  Batch genesis;

  @BeforeAll
  static void startAnvil() throws Exception {
    anvil = Anvil.start(tmp, null);
    l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(10));
    operator = new L1Wallet(l1, L1Wallet.DEV_KEY_0);
    stranger = new L1Wallet(l1, L1Wallet.DEV_KEY_1);
  }

  @AfterAll
  static void stopAnvil() {
    if (l1 != null) {
      l1.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @BeforeEach
  void deploy() throws Exception {
    Address at = operator.deploySettlement(operator.address(), committee(), L2_CHAIN_ID, GENESIS_ROOT, GENESIS_HASH);
    contract = new SettlementContract(l1, at);
    genesis = Batch.of(L2_CHAIN_ID, 0, 0, Hash.ZERO, GENESIS_ROOT, Hash.ZERO, List.of(GENESIS_HASH), 0, 0, 0, 0);
  }

  static List<Address> committee() {
    return COMMITTEE_KEYS.stream().map(NodeKey::address).toList();
  }

  /** The batch after {@code prev} with {@code blocks} made-up block hashes. */
  static Batch next(Batch prev, int blocks) {
    List<Hash> hashes = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      hashes.add(Keccak.hash(("block " + (prev.lastBlock() + 1 + i)).getBytes(StandardCharsets.UTF_8)));
    }
    Hash root = Keccak.hash(("root " + (prev.number() + 1)).getBytes(StandardCharsets.UTF_8));
    return Batch.of(L2_CHAIN_ID, prev.number() + 1, prev.lastBlock() + 1, prev.newStateRoot(), root,
        prev.commitment(), hashes, blocks, 21_000L * blocks, 0, 0);
  }

  static List<byte[]> signatures(Batch b, NodeKey... keys) {
    return Arrays.stream(keys).map(k -> new Attester(k, n -> Optional.of(b)).sign(b).signature()).toList();
  }

  static String selector(String signature) {
    return Hex.encode(Arrays.copyOf(Keccak.digest(signature.getBytes(StandardCharsets.US_ASCII)), 4));
  }

  L1Receipt send(L1Wallet from, byte[] data) {
    return from.sendAndWait(contract.address(), data, 500_000);
  }

  void assertReverts(L1Wallet from, byte[] data, String error) {
    L1Totals before = contract.totals();
    assertThatThrownBy(() -> l1.call(from.address(), contract.address(), data))
        .isInstanceOfSatisfying(L1CallRevertedException.class, e -> assertThat(e.selectorHex()).isEqualTo(selector(error)));
    assertThat(send(from, data).success()).as("mined transaction reverted").isFalse();
    assertThat(contract.totals()).isEqualTo(before);
  }

  @Test
  void genesisIsBatchZeroCommittedProvenAndExecuted() {
    assertThat(contract.totals()).isEqualTo(new L1Totals(0, 0, 0));
    assertThat(contract.batchStateRoot(0)).isEqualTo(GENESIS_ROOT);
    assertThat(contract.batchCommitment(0)).isEqualTo(BatchCommitment.genesis(L2_CHAIN_ID, GENESIS_ROOT, GENESIS_HASH));
    assertThat(contract.batchCommitment(0)).isEqualTo(genesis.commitment());
    assertThat(contract.committee()).isEqualTo(committee());
    assertThat(contract.quorum()).isEqualTo(2);
    assertThat(contract.operator()).isEqualTo(operator.address());
    assertThat(contract.l2ChainId()).isEqualTo(L2_CHAIN_ID);
  }

  @Test
  void happyPathCommitsProvesAndExecutesWithTheCommitmentComputedInJava() throws Exception {
    Batch b1 = next(genesis, 3);
    Batch b2 = next(b1, 1);
    L1Receipt c1 = send(operator, SettlementContract.commitBatch(b1));
    assertThat(c1.success()).isTrue();
    assertThat(c1.gasUsed()).isLessThan(SubmitterSettings.COMMIT_GAS);
    assertThat(contract.batchCommitment(1)).isEqualTo(b1.commitment());
    assertThat(contract.batchStateRoot(1)).isEqualTo(b1.newStateRoot());
    assertThat(contract.batchBlocks(1)).containsExactly(1, 3);
    assertThat(send(operator, SettlementContract.commitBatch(b2)).success()).isTrue();
    assertThat(contract.totals()).isEqualTo(new L1Totals(2, 0, 0));

    // a stranger may prove and execute: validity rests on the signatures and the order
    L1Receipt p1 = send(stranger, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(2))));
    assertThat(p1.success()).isTrue();
    assertThat(p1.gasUsed()).isLessThan(SubmitterSettings.PROVE_GAS_BASE + 2 * SubmitterSettings.PROVE_GAS_PER_SIGNATURE);
    L1Receipt e1 = send(stranger, SettlementContract.executeBatch(1));
    assertThat(e1.success()).isTrue();
    assertThat(e1.gasUsed()).isLessThan(SubmitterSettings.EXECUTE_GAS);
    // all three signatures are accepted too
    L1Receipt p2 = send(operator, SettlementContract.proveBatch(2, signatures(b2, COMMITTEE_KEYS.toArray(NodeKey[]::new))));
    assertThat(p2.success()).isTrue();
    assertThat(p2.gasUsed()).isLessThan(SubmitterSettings.PROVE_GAS_BASE + 3 * SubmitterSettings.PROVE_GAS_PER_SIGNATURE);
    assertThat(send(operator, SettlementContract.executeBatch(2)).success()).isTrue();
    assertThat(contract.totals()).isEqualTo(new L1Totals(2, 2, 2));
    assertThat(contract.batchStateRoot(2)).isEqualTo(b2.newStateRoot());
    System.out.printf("gas used: commit %d, prove(2 sigs) %d, prove(3 sigs) %d, execute %d%n",
        c1.gasUsed(), p1.gasUsed(), p2.gasUsed(), e1.gasUsed());

    // one event per step, carrying the batch number and its commitment
    Web3j w = Web3j.build(new HttpService(anvil.url()));
    try {
      for (var e : List.of(
          new Object[] {c1, "BlockCommit(uint256,bytes32,uint64,uint64,bytes32)"},
          new Object[] {p1, "BlocksVerification(uint256,bytes32,uint256)"},
          new Object[] {e1, "BlockExecution(uint256,bytes32,bytes32)"})) {
        var receipt = w.ethGetTransactionReceipt(((L1Receipt) e[0]).transactionHash().toHex()).send()
            .getTransactionReceipt().orElseThrow();
        assertThat(receipt.getLogs()).hasSize(1);
        List<String> topics = receipt.getLogs().get(0).getTopics();
        assertThat(topics.get(0)).isEqualTo(Keccak.hash(((String) e[1]).getBytes(StandardCharsets.US_ASCII)).toHex());
        assertThat(new BigInteger(topics.get(1).substring(2), 16)).isEqualTo(BigInteger.ONE);
        assertThat(topics.get(2)).isEqualTo(b1.commitment().toHex());
      }
    } finally {
      w.shutdown();
    }
  }

  @Test
  void commitWithAGapReverts() {
    Batch b1 = next(genesis, 1);
    Batch b2 = next(b1, 1);
    assertReverts(operator, SettlementContract.commitBatch(b2), "UnexpectedBatchNumber(uint256,uint256)");
  }

  @Test
  void duplicateCommitReverts() {
    Batch b1 = next(genesis, 2);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertReverts(operator, SettlementContract.commitBatch(b1), "UnexpectedBatchNumber(uint256,uint256)");
  }

  @Test
  void commitWithAGapInTheBlocksReverts() {
    Batch skipsABlock = Batch.of(L2_CHAIN_ID, 1, 2, GENESIS_ROOT, Hash.ZERO, genesis.commitment(),
        List.of(Keccak.hash(new byte[] {2})), 0, 0, 0, 0);
    assertReverts(operator, SettlementContract.commitBatch(skipsABlock), "NonContiguousBlocks(uint64,uint64)");
  }

  @Test
  void commitWithAWrongPreviousStateRootReverts() {
    Batch wrongRoot = Batch.of(L2_CHAIN_ID, 1, 1, Keccak.hash(new byte[] {9}), Hash.ZERO, genesis.commitment(),
        List.of(Keccak.hash(new byte[] {1})), 0, 0, 0, 0);
    assertReverts(operator, SettlementContract.commitBatch(wrongRoot), "WrongPreviousStateRoot(bytes32,bytes32)");
  }

  @Test
  void commitByAnyoneButTheOperatorReverts() {
    assertReverts(stranger, SettlementContract.commitBatch(next(genesis, 1)), "NotOperator(address)");
  }

  @Test
  void proofWithTooFewSignaturesReverts() {
    Batch b1 = next(genesis, 1);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertReverts(operator, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(1))),
        "NotEnoughSignatures(uint256,uint256)");
    assertReverts(operator, SettlementContract.proveBatch(1, List.of()), "NotEnoughSignatures(uint256,uint256)");
  }

  @Test
  void proofWithASignerOutsideTheCommitteeReverts() {
    Batch b1 = next(genesis, 1);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertReverts(operator, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(0), OUTSIDER)),
        "SignerNotInCommittee(uint256,address)");
  }

  @Test
  void proofWithADuplicatedSignerReverts() {
    Batch b1 = next(genesis, 1);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertReverts(operator, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(0))),
        "DuplicateSigner(uint256,address)");
  }

  @Test
  void proofSignedOverAnotherCommitmentReverts() {
    Batch b1 = next(genesis, 1);
    Batch other = next(genesis, 2);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    // signatures of another commitment recover to random addresses, none in the committee
    assertReverts(operator, SettlementContract.proveBatch(1, signatures(other, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(1))),
        "SignerNotInCommittee(uint256,address)");
  }

  @Test
  void malformedSignaturesRevert() {
    Batch b1 = next(genesis, 1);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    byte[] good = signatures(b1, COMMITTEE_KEYS.get(0)).get(0);
    byte[] highS = good.clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, 32, 64));
    byte[] flipped = dev.raftseq.chain.crypto.Secp256k1.N.subtract(s).toByteArray();
    byte[] s32 = new byte[32];
    System.arraycopy(flipped, Math.max(0, flipped.length - 32), s32, Math.max(0, 32 - flipped.length), Math.min(32, flipped.length));
    System.arraycopy(s32, 0, highS, 32, 32);
    highS[64] = (byte) (highS[64] == 27 ? 28 : 27);
    byte[] badV = good.clone();
    badV[64] = 1;
    byte[] shortSig = Arrays.copyOf(good, 64);
    for (byte[] bad : List.of(highS, badV, shortSig)) {
      assertReverts(operator, SettlementContract.proveBatch(1, List.of(bad, signatures(b1, COMMITTEE_KEYS.get(1)).get(0))),
          "MalformedSignature(uint256)");
    }
  }

  @Test
  void provingAnUncommittedOrOutOfOrderBatchReverts() {
    Batch b1 = next(genesis, 1);
    Batch b2 = next(b1, 1);
    assertReverts(operator, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(1))),
        "BatchNotCommitted(uint256)");
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertThat(send(operator, SettlementContract.commitBatch(b2)).success()).isTrue();
    assertReverts(operator, SettlementContract.proveBatch(2, signatures(b2, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(1))),
        "UnexpectedBatchNumber(uint256,uint256)");
  }

  @Test
  void executingAnUnprovenBatchReverts() {
    Batch b1 = next(genesis, 1);
    Batch b2 = next(b1, 1);
    assertThat(send(operator, SettlementContract.commitBatch(b1)).success()).isTrue();
    assertReverts(operator, SettlementContract.executeBatch(1), "BatchNotProven(uint256)");
    assertThat(send(operator, SettlementContract.commitBatch(b2)).success()).isTrue();
    assertThat(send(operator, SettlementContract.proveBatch(1, signatures(b1, COMMITTEE_KEYS.get(0), COMMITTEE_KEYS.get(1))))
        .success()).isTrue();
    assertReverts(operator, SettlementContract.executeBatch(2), "UnexpectedBatchNumber(uint256,uint256)");
    assertThat(send(operator, SettlementContract.executeBatch(1)).success()).isTrue();
    assertReverts(operator, SettlementContract.executeBatch(2), "BatchNotProven(uint256)");
    assertReverts(operator, SettlementContract.executeBatch(1), "UnexpectedBatchNumber(uint256,uint256)");
  }
}
