package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Solidity ERC-20 (local-chains/contracts/l2/RaftseqToken.json, solc 0.8.28, cancun)
 * through the chain's real path: a producer RocksDB store builds and seals blocks that deploy the
 * token, transfer and fail a transfer; a follower store verifies and applies them, and both read
 * balances through the flat state with a message call.
 */
class Erc20OnChainTest {
  static final Path ARTIFACT = Path.of("..", "local-chains", "contracts", "l2", "RaftseqToken.json");
  static final Path LOCAL_GENESIS = Path.of("..", "local-chains", "genesis.json");
  static final long CHAIN_ID = 270;
  static final BigInteger TOKEN = BigInteger.TEN.pow(18);
  static final BigInteger SUPPLY = TOKEN.multiply(BigInteger.valueOf(1_000_000));
  static final Hash TRANSFER_EVENT = Keccak.hash("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path producerDir;
  @TempDir Path followerDir;

  @Test
  void deployTransferAndRevertOnProducerAndFollower() throws Exception {
    JsonNode artifact = new ObjectMapper().readTree(ARTIFACT.toFile());
    byte[] creation = Hex.decode(artifact.get("bytecode").asText());
    byte[] runtime = Hex.decode(artifact.get("deployedBytecode").asText());
    GenesisSpec spec = GenesisSpec.read(LOCAL_GENESIS);
    NodeKey sequencer = NodeKey.fromPrivateKey(DevKeys.privateKey(7));
    Address alice = DevKeys.address(0);
    Address bob = DevKeys.address(1);
    Address token = ContractAddress.of(alice, 0);

    try (RocksChainStore producer = RocksChainStore.open(producerDir, CHAIN_ID);
        RocksChainStore follower = RocksChainStore.open(followerDir, CHAIN_ID)) {
      for (RocksChainStore s : List.of(producer, follower)) {
        GenesisResult g = Genesis.build(spec, s);
        s.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      }
      BlockBuilder builder = new BlockBuilder(producer);
      BlockImporter importer = new BlockImporter(follower, CHAIN_ID, sequencer.address()::equals);

      byte[] deployData = concat(creation, abiArgs(
          word(BigInteger.valueOf(96)), word(BigInteger.valueOf(160)), word(SUPPLY),
          abiString("Raftseq Token"), abiString("RST")));
      RecoveredTx deploy = TxSpec.from(0).to(null).data(deployData).value(Wei.ZERO).gasLimit(2_000_000).sign();
      RecoveredTx pay = TxSpec.from(0).nonce(1).to(token).data(call("transfer(address,uint256)",
          addressWord(bob), word(TOKEN.multiply(BigInteger.valueOf(250))))).value(Wei.ZERO).gasLimit(100_000).sign();
      RecoveredTx overdraw = TxSpec.from(1).to(token).data(call("transfer(address,uint256)",
          addressWord(alice), word(TOKEN.multiply(BigInteger.valueOf(1000))))).value(Wei.ZERO).gasLimit(100_000).sign();

      List<List<RecoveredTx>> blocks = List.of(List.of(deploy), List.of(pay, overdraw));
      long millis = (spec.timestamp() + 60) * 1000;
      for (int i = 0; i < blocks.size(); i++) {
        Block parent = producer.head();
        BlockContext ctx = BlockContext.childOf(CHAIN_ID, parent, millis + i * 250L, TestChain.COINBASE);
        BuiltBlock built = builder.build(parent.header(), producer.headState(), ctx, new ListCandidates(blocks.get(i)), 100);
        assertThat(built.rejected()).isEmpty();
        assertThat(built.included()).hasSameSizeAs(blocks.get(i));
        Block sealed = BlockSealer.seal(built, parent.header(), sequencer, 1);
        producer.commit(new BlockCommit(sealed, built.receipts(), built.state(), new AppliedIndex(1, i + 1)));
        follower.commit(importer.verify(sealed, follower.head().header(), follower.headState(), new AppliedIndex(1, i + 1)));
      }
      assertThat(follower.headState().root()).isEqualTo(producer.head().header().stateRoot());

      // deployment: code stored, the mint logged
      List<Receipt> deployReceipts = follower.receipts(follower.blockByNumber(1).orElseThrow().hash());
      assertThat(deployReceipts.get(0).success()).isTrue();
      assertThat(follower.headState().code(follower.headState().account(token).codeHash())).isEqualTo(runtime);
      assertTransfer(deployReceipts.get(0).logs(), token, Address.ZERO, alice, SUPPLY);

      List<Receipt> second = follower.receipts(follower.head().hash());
      assertThat(second.get(0).success()).isTrue();
      assertTransfer(second.get(0).logs(), token, alice, bob, TOKEN.multiply(BigInteger.valueOf(250)));
      assertThat(second.get(0).logsBloom()).isNotEqualTo(new byte[256]);
      // the overdraw reverted: status 0, no logs, gas and nonce charged
      assertThat(second.get(1).success()).isFalse();
      assertThat(second.get(1).logs()).isEmpty();
      assertThat(second.get(1).cumulativeGasUsed()).isGreaterThan(second.get(0).cumulativeGasUsed() + 21_000);
      assertThat(follower.headState().account(bob).nonce()).isEqualTo(1);

      // balances through a message call on each node's flat state
      for (RocksChainStore s : List.of(producer, follower)) {
        StateOverlay view = new StateOverlay(s.headState());
        EvmEnv env = EvmEnv.parentOnly(BlockContext.childOf(CHAIN_ID, s.head(), millis + 1000, TestChain.COINBASE));
        TxProcessor p = new TxProcessor();
        CallResult aliceBalance = p.call(view, env, alice, token, Wei.ZERO, call("balanceOf(address)", addressWord(alice)), 100_000);
        CallResult bobBalance = p.call(view, env, alice, token, Wei.ZERO, call("balanceOf(address)", addressWord(bob)), 100_000);
        assertThat(new BigInteger(1, aliceBalance.output())).isEqualTo(SUPPLY.subtract(TOKEN.multiply(BigInteger.valueOf(250))));
        assertThat(new BigInteger(1, bobBalance.output())).isEqualTo(TOKEN.multiply(BigInteger.valueOf(250)));
        CallResult symbol = p.call(view, env, alice, token, Wei.ZERO, call("symbol()"), 100_000);
        assertThat(decodeString(symbol.output())).isEqualTo("RST");
        // the same overdraw as a call: reverted with Error(string)
        CallResult revert = p.call(view, env, bob, token, Wei.ZERO, call("transfer(address,uint256)",
            addressWord(alice), word(TOKEN.multiply(BigInteger.valueOf(1000)))), 100_000);
        assertThat(revert.success()).isFalse();
        assertThat(revert.reverted()).isTrue();
        assertThat(Arrays.copyOf(revert.output(), 4)).isEqualTo(selector("Error(string)"));
        assertThat(decodeString(Arrays.copyOfRange(revert.output(), 4, revert.output().length)))
            .isEqualTo("RaftseqToken: insufficient balance");
      }
    }
  }

  private static void assertTransfer(List<Log> logs, Address token, Address from, Address to, BigInteger value) {
    assertThat(logs).hasSize(1);
    Log log = logs.get(0);
    assertThat(log.address()).isEqualTo(token);
    assertThat(log.topics()).containsExactly(TRANSFER_EVENT, new Hash(addressWord(from)), new Hash(addressWord(to)));
    assertThat(new BigInteger(1, log.data())).isEqualTo(value);
  }

  static byte[] addressWord(Address a) {
    byte[] w = new byte[32];
    System.arraycopy(a.unsafeBytes(), 0, w, 12, 20);
    return w;
  }

  static byte[] word(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] w = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, w, 32 - n, n);
    return w;
  }

  static byte[] abiString(String s) {
    byte[] data = s.getBytes(StandardCharsets.UTF_8);
    return concat(word(BigInteger.valueOf(data.length)), Arrays.copyOf(data, (data.length + 31) / 32 * 32));
  }

  static String decodeString(byte[] abi) {
    int off = new BigInteger(1, Arrays.copyOfRange(abi, 0, 32)).intValueExact();
    int len = new BigInteger(1, Arrays.copyOfRange(abi, off, off + 32)).intValueExact();
    return new String(Arrays.copyOfRange(abi, off + 32, off + 32 + len), StandardCharsets.UTF_8);
  }

  static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak.digest(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  static byte[] call(String signature, byte[]... args) {
    return concat(selector(signature), abiArgs(args));
  }

  static byte[] abiArgs(byte[]... parts) {
    return concat(parts);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
