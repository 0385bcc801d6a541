package dev.raftseq.rpc.testing;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.List;

/**
 * The chain every RPC test reads: four blocks with real signed transactions of all three types,
 * receipts with logs, a contract account, a pruned historical state and one pooled transaction.
 *
 * <pre>
 * block 0  genesis: dev0 100 ETH, dev1 10 ETH, CONTRACT with code and slot 1 = 42
 * block 1  txA 1559 dev0->dev1 1 ETH (log L0 by CONTRACT [T1]), txB legacy dev0->OTHER 5 wei
 *          (logs L1 by CONTRACT [T1, T2], L2 by OTHER [T2])      base fee 1 gwei; state pruned
 * block 2  txC 2930 dev1->dev0 (failed, no logs)                 base fee 0.9 gwei
 * block 3  empty                                                 base fee 0.8 gwei
 * pool     txD 1559 dev0 nonce 2
 * </pre>
 */
public final class Scenario {
  public static final long CHAIN_ID = 1337;
  public static final Address DEV0 = DevAccounts.address(0);
  public static final Address DEV1 = DevAccounts.address(1);
  public static final Address CONTRACT = Address.fromHex("0x" + "cc".repeat(20));
  public static final Address OTHER = Address.fromHex("0x" + "22".repeat(20));
  public static final byte[] CODE = {0x60, 0x01, 0x60, 0x00, 0x55};
  public static final Hash T1 = Hash.fromHex("0x" + "01".repeat(32));
  public static final Hash T2 = Hash.fromHex("0x" + "02".repeat(32));
  public static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));
  public static final Wei DEV0_BALANCE_HEAD = Wei.of(new BigInteger("98999000000000000000"));

  public final InMemoryChain chain;
  public final FakeBackend backend;
  public final RecoveredTx txA;
  public final RecoveredTx txB;
  public final RecoveredTx txC;
  public final RecoveredTx txD;
  public final Block genesis;
  public final Block block1;
  public final Block block2;
  public final Block block3;

  public Scenario() {
    MapState s0 = MapState.empty("s0")
        .with("s0a", DEV0, 0, ETH.multiply(100))
        .with("s0b", DEV1, 0, ETH.multiply(10))
        .withContract("s0", CONTRACT, CODE, Hash.fromHex("0x" + "00".repeat(31) + "01"),
            Hash.fromHex("0x" + "00".repeat(31) + "2a"));
    chain = new InMemoryChain(CHAIN_ID, s0);
    genesis = chain.head();

    byte[] key0 = DevAccounts.privateKey(0);
    byte[] key1 = DevAccounts.privateKey(1);
    txA = TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(0).to(DEV1).value(ETH)
        .maxFee(Wei.of(3_000_000_000L)).maxPriorityFee(Wei.of(1_500_000_000L)).sign(key0);
    txB = TestTxs.builder(TxType.LEGACY, CHAIN_ID).nonce(1).to(OTHER).value(Wei.of(5))
        .gasPrice(Wei.of(2_000_000_000L)).gasLimit(30_000).data(new byte[] {0, 1}).sign(key0);
    Log l0 = new Log(CONTRACT, List.of(T1), new byte[] {1});
    Log l1 = new Log(CONTRACT, List.of(T1, T2), new byte[] {2});
    Log l2 = new Log(OTHER, List.of(T2), new byte[0]);
    Receipt rA = receipt(TxType.EIP1559, true, 21_000, List.of(l0));
    Receipt rB = receipt(TxType.LEGACY, true, 21_000 + 21_020, List.of(l1, l2));
    MapState s1 = s0.with("s1a", DEV0, 2, Wei.of(new BigInteger("98999000000000000000")))
        .with("s1", DEV1, 0, ETH.multiply(11));
    block1 = chain.append(List.of(txA, txB), List.of(rA, rB), s1, Wei.of(1_000_000_000L), 1_700_000_002L);

    txC = TestTxs.builder(TxType.ACCESS_LIST, CHAIN_ID).nonce(0).to(DEV0).value(Wei.of(7))
        .gasPrice(Wei.of(1_000_000_000L)).gasLimit(30_000)
        .accessList(List.of(new AccessTuple(CONTRACT, List.of(T1)))).sign(key1);
    Receipt rC = receipt(TxType.ACCESS_LIST, false, 25_300, List.of());
    MapState s2 = s1.with("s2", DEV1, 1, ETH.multiply(11).subtract(Wei.of(25_300L * 1_000_000_000L)));
    block2 = chain.append(List.of(txC), List.of(rC), s2, Wei.of(900_000_000L), 1_700_000_004L);
    block3 = chain.append(List.of(), List.of(), s2, Wei.of(800_000_000L), 1_700_000_006L);
    chain.prune(s1.root());

    backend = new FakeBackend(chain);
    txD = TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(2).to(DEV1).sign(key0);
    backend.addPending(txD);
  }

  private static Receipt receipt(TxType type, boolean ok, long cumulative, List<Log> logs) {
    return new Receipt(type, ok, cumulative, BlockCodec.bloom(logs), logs);
  }

  /** A fresh signed transfer from dev0 that the backend will accept (nonce after the pooled one). */
  public RecoveredTx nextTransfer() {
    return TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(backend.pendingNonce(DEV0)).to(DEV1)
        .sign(DevAccounts.privateKey(0));
  }
}
