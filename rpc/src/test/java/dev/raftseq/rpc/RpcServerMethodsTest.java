package dev.raftseq.rpc;

import static dev.raftseq.rpc.testing.RpcHttpClient.json;
import static dev.raftseq.rpc.testing.Scenario.CONTRACT;
import static dev.raftseq.rpc.testing.Scenario.DEV0;
import static dev.raftseq.rpc.testing.Scenario.DEV1;
import static dev.raftseq.rpc.testing.Scenario.OTHER;
import static dev.raftseq.rpc.testing.Scenario.T1;
import static dev.raftseq.rpc.testing.Scenario.T2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.rpc.EthBackend.SyncProgress;
import dev.raftseq.chain.exec.ContractAddress;
import dev.raftseq.chain.types.Address;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every method over real HTTP against the {@link Scenario} chain: results in geth's shapes, errors with exact codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RpcServerMethodsTest {
  private static final Set<String> BLOCK_FIELDS = Set.of("number", "hash", "parentHash", "nonce", "sha3Uncles",
      "logsBloom", "transactionsRoot", "stateRoot", "receiptsRoot", "miner", "difficulty", "totalDifficulty",
      "extraData", "size", "gasLimit", "gasUsed", "timestamp", "transactions", "uncles", "baseFeePerGas",
      "withdrawalsRoot", "withdrawals", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot", "mixHash");
  private static final Set<String> RECEIPT_FIELDS = Set.of("transactionHash", "transactionIndex", "blockHash",
      "blockNumber", "from", "to", "cumulativeGasUsed", "gasUsed", "effectiveGasPrice", "contractAddress", "logs",
      "logsBloom", "type", "status");
  private static final int MAX_LOGS_RANGE = 3;

  private Vertx vertx;
  private Scenario net;
  private RpcServer server;
  private RpcHttpClient rpc;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    net = new Scenario();
    RpcServerConfig config = new RpcServerConfig("127.0.0.1", 0, RpcServerConfig.DEFAULT_MAX_REQUEST_SIZE, 100,
        100, List.of(), MAX_LOGS_RANGE);
    server = new RpcServer(vertx, config, net.backend);
    rpc = new RpcHttpClient(server.start());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void identityMethods() {
    assertThat(rpc.result("eth_chainId").asText()).isEqualTo("0x539");
    assertThat(rpc.result("net_version").asText()).isEqualTo("1337");
    assertThat(rpc.result("web3_clientVersion").asText()).isEqualTo("raftseq/test");
    assertThat(rpc.result("net_listening").asBoolean()).isTrue();
    assertThat(rpc.result("net_peerCount").asText()).isEqualTo("0x3");
    assertThat(rpc.result("eth_accounts").toString()).isEqualTo("[]");
    assertThat(rpc.result("eth_blockNumber").asText()).isEqualTo("0x3");
    assertError(rpc.call("eth_chainId", 1), -32602, "too many arguments, want at most 0");
  }

  @Test
  void syncingIsFalseOrTheProgress() {
    assertThat(rpc.result("eth_syncing").asBoolean()).isFalse();
    net.backend.setSyncing(Optional.of(new SyncProgress(1, 3, 10)));
    try {
      assertThat(rpc.result("eth_syncing").toString())
          .isEqualTo("{\"startingBlock\":\"0x1\",\"currentBlock\":\"0x3\",\"highestBlock\":\"0xa\"}");
    } finally {
      net.backend.setSyncing(Optional.empty());
    }
  }

  @Test
  void blockByNumberHasGethFieldsAndHashes() {
    JsonNode b = rpc.result("eth_getBlockByNumber", "0x1", false);
    assertThat(fieldNames(b)).isEqualTo(BLOCK_FIELDS);
    Block expected = net.block1;
    assertThat(b.get("hash").asText()).isEqualTo(expected.hash().toHex());
    assertThat(b.get("number").asText()).isEqualTo("0x1");
    assertThat(b.get("parentHash").asText()).isEqualTo(net.genesis.hash().toHex());
    assertThat(b.get("nonce").asText()).isEqualTo("0x0000000000000000");
    assertThat(b.get("sha3Uncles").asText()).isEqualTo(Hash.EMPTY_LIST.toHex());
    assertThat(b.get("logsBloom").asText()).isEqualTo(Hex.encode(expected.header().logsBloom()));
    assertThat(b.get("miner").asText()).isEqualTo("0x" + "c0".repeat(20));
    assertThat(b.get("difficulty").asText()).isEqualTo("0x0");
    assertThat(b.get("totalDifficulty").asText()).isEqualTo("0x0");
    assertThat(b.get("size").asText()).isEqualTo("0x" + Integer.toHexString(BlockCodec.encodeBlock(expected).length));
    assertThat(b.get("gasLimit").asText()).isEqualTo("0x1c9c380");
    assertThat(b.get("gasUsed").asText()).isEqualTo("0x" + Long.toHexString(42_020));
    assertThat(b.get("timestamp").asText()).isEqualTo("0x" + Long.toHexString(1_700_000_002L));
    assertThat(b.get("baseFeePerGas").asText()).isEqualTo("0x3b9aca00");
    assertThat(b.get("extraData").asText()).hasSize(2 + 2 * 97);
    assertThat(b.get("blobGasUsed").asText()).isEqualTo("0x0");
    assertThat(b.get("withdrawalsRoot").asText()).isEqualTo(Hash.EMPTY_TRIE.toHex());
    assertThat(b.get("uncles").toString()).isEqualTo("[]");
    assertThat(b.get("withdrawals").toString()).isEqualTo("[]");
    assertThat(b.get("transactions").toString())
        .isEqualTo("[\"" + net.txA.hash().toHex() + "\",\"" + net.txB.hash().toHex() + "\"]");
    // the block hash is keccak(rlp(header)) of exactly what is shown
    assertThat(BlockCodec.hash(expected.header()).toHex()).isEqualTo(b.get("hash").asText());
  }

  @Test
  void blockWithFullTransactions() {
    JsonNode b = rpc.result("eth_getBlockByNumber", "0x1", true);
    JsonNode a = b.get("transactions").get(0);
    assertThat(a.get("hash").asText()).isEqualTo(net.txA.hash().toHex());
    assertThat(a.get("blockHash").asText()).isEqualTo(net.block1.hash().toHex());
    assertThat(a.get("transactionIndex").asText()).isEqualTo("0x0");
    assertThat(b.get("transactions").get(1).get("transactionIndex").asText()).isEqualTo("0x1");
  }

  @Test
  void blockTags() {
    assertThat(rpc.result("eth_getBlockByNumber", "latest", false).get("number").asText()).isEqualTo("0x3");
    assertThat(rpc.result("eth_getBlockByNumber", "earliest", false).get("hash").asText())
        .isEqualTo(net.genesis.hash().toHex());
    for (String tag : List.of("pending", "safe", "finalized")) {
      assertThat(rpc.result("eth_getBlockByNumber", tag, false).get("number").asText()).as(tag).isEqualTo("0x3");
    }
    assertThat(rpc.result("eth_getBlockByNumber", "0x4", false).isNull()).isTrue();
    assertThat(rpc.result("eth_getBlockByNumber", "0x7fffffffffffffff", true).isNull()).isTrue();
  }

  @Test
  void blockParamErrors() {
    assertError(rpc.call("eth_getBlockByNumber", "0x01", false), -32602,
        "invalid argument 0: hex number with leading zero digits");
    assertError(rpc.call("eth_getBlockByNumber", "0x1"), -32602, "missing value for required argument 1");
    assertError(rpc.call("eth_getBlockByNumber"), -32602, "missing value for required argument 0");
    assertError(rpc.call("eth_getBlockByNumber", "0x1", "yes"), -32602,
        "invalid argument 1: json: cannot unmarshal string into Go value of type bool");
    assertError(rpc.call("eth_getBlockByNumber", "0x1", false, 3), -32602, "too many arguments, want at most 2");
    assertError(rpc.call("eth_getBlockByNumber", "0x" + "f".repeat(70), false), -32602,
        "invalid argument 0: hex number > 64 bits");
    assertError(rpc.call("eth_getBlockByNumber", -1, false), -32602,
        "invalid argument 0: hex string without 0x prefix");
    assertError(rpc.call("eth_getBlockByNumber", "0x8000000000000000", false), -32602,
        "invalid argument 0: block number larger than int64");
  }

  @Test
  void blockByHash() {
    JsonNode b = rpc.result("eth_getBlockByHash", net.block2.hash().toHex(), true);
    assertThat(fieldNames(b)).isEqualTo(BLOCK_FIELDS);
    assertThat(b.get("number").asText()).isEqualTo("0x2");
    assertThat(b.get("transactions").get(0).get("hash").asText()).isEqualTo(net.txC.hash().toHex());
    assertThat(rpc.result("eth_getBlockByHash", "0x" + "ee".repeat(32), false).isNull()).isTrue();
    assertError(rpc.call("eth_getBlockByHash", "0x1234", false), -32602,
        "invalid argument 0: hex string has length 4, want 64 for common.Hash");
  }

  @Test
  void transactionCounts() {
    assertThat(rpc.result("eth_getBlockTransactionCountByNumber", "0x1").asText()).isEqualTo("0x2");
    assertThat(rpc.result("eth_getBlockTransactionCountByNumber", "latest").asText()).isEqualTo("0x0");
    assertThat(rpc.result("eth_getBlockTransactionCountByNumber", "0x9").isNull()).isTrue();
    assertThat(rpc.result("eth_getBlockTransactionCountByHash", net.block2.hash().toHex()).asText()).isEqualTo("0x1");
    assertThat(rpc.result("eth_getBlockTransactionCountByHash", "0x" + "ee".repeat(32)).isNull()).isTrue();
  }

  @Test
  void dynamicFeeTransactionAsGeth() {
    JsonNode t = rpc.result("eth_getTransactionByHash", net.txA.hash().toHex());
    assertThat(fieldNames(t)).isEqualTo(Set.of("blockHash", "blockNumber", "from", "gas", "gasPrice", "maxFeePerGas",
        "maxPriorityFeePerGas", "hash", "input", "nonce", "to", "transactionIndex", "value", "type", "accessList",
        "chainId", "v", "r", "s", "yParity"));
    assertThat(t.get("from").asText()).isEqualTo(DEV0.toHex());
    assertThat(t.get("to").asText()).isEqualTo(DEV1.toHex());
    assertThat(t.get("type").asText()).isEqualTo("0x2");
    assertThat(t.get("chainId").asText()).isEqualTo("0x539");
    assertThat(t.get("gas").asText()).isEqualTo("0x5208");
    // effective price: base fee 1 gwei + min(tip 1.5 gwei, 3 - 1 gwei)
    assertThat(t.get("gasPrice").asText()).isEqualTo("0x" + Long.toHexString(2_500_000_000L));
    assertThat(t.get("maxFeePerGas").asText()).isEqualTo("0x" + Long.toHexString(3_000_000_000L));
    assertThat(t.get("maxPriorityFeePerGas").asText()).isEqualTo("0x" + Long.toHexString(1_500_000_000L));
    assertThat(t.get("value").asText()).isEqualTo("0xde0b6b3a7640000");
    assertThat(t.get("input").asText()).isEqualTo("0x");
    assertThat(t.get("nonce").asText()).isEqualTo("0x0");
    assertThat(t.get("accessList").toString()).isEqualTo("[]");
    assertThat(t.get("yParity").asText()).isEqualTo(t.get("v").asText()).isIn("0x0", "0x1");
    assertThat(t.get("r").asText()).isEqualTo("0x" + net.txA.tx().signature().r().toString(16));
    assertThat(t.get("blockNumber").asText()).isEqualTo("0x1");
  }

  @Test
  void legacyAndAccessListTransactionsAsGeth() {
    JsonNode b = rpc.result("eth_getTransactionByHash", net.txB.hash().toHex());
    assertThat(fieldNames(b)).isEqualTo(Set.of("blockHash", "blockNumber", "from", "gas", "gasPrice", "hash", "input",
        "nonce", "to", "transactionIndex", "value", "type", "chainId", "v", "r", "s"));
    assertThat(b.get("type").asText()).isEqualTo("0x0");
    assertThat(b.get("gasPrice").asText()).isEqualTo("0x77359400");
    assertThat(b.get("input").asText()).isEqualTo("0x0001");
    assertThat(new BigInteger(b.get("v").asText().substring(2), 16).intValue()).isIn(1337 * 2 + 35, 1337 * 2 + 36);
    assertThat(b.get("transactionIndex").asText()).isEqualTo("0x1");

    JsonNode c = rpc.result("eth_getTransactionByHash", net.txC.hash().toHex());
    assertThat(c.get("type").asText()).isEqualTo("0x1");
    assertThat(c.get("accessList").toString())
        .isEqualTo("[{\"address\":\"" + CONTRACT.toHex() + "\",\"storageKeys\":[\"" + T1.toHex() + "\"]}]");
    assertThat(c.has("yParity")).isTrue();
    assertThat(c.has("maxFeePerGas")).isFalse();
  }

  @Test
  void pendingTransactionHasNullBlockFields() {
    JsonNode d = rpc.result("eth_getTransactionByHash", net.txD.hash().toHex());
    assertThat(d.get("hash").asText()).isEqualTo(net.txD.hash().toHex());
    assertThat(d.get("blockHash").isNull()).isTrue();
    assertThat(d.get("blockNumber").isNull()).isTrue();
    assertThat(d.get("transactionIndex").isNull()).isTrue();
    assertThat(d.get("gasPrice").asText()).isEqualTo(d.get("maxFeePerGas").asText());
    assertThat(rpc.result("eth_getTransactionByHash", "0x" + "ab".repeat(32)).isNull()).isTrue();
    assertThat(rpc.result("eth_getTransactionReceipt", net.txD.hash().toHex()).isNull()).isTrue();
  }

  @Test
  void transactionByBlockAndIndex() {
    assertThat(rpc.result("eth_getTransactionByBlockNumberAndIndex", "0x1", "0x1").get("hash").asText())
        .isEqualTo(net.txB.hash().toHex());
    assertThat(rpc.result("eth_getTransactionByBlockHashAndIndex", net.block2.hash().toHex(), "0x0").get("hash")
        .asText()).isEqualTo(net.txC.hash().toHex());
    assertThat(rpc.result("eth_getTransactionByBlockNumberAndIndex", "0x1", "0x2").isNull()).isTrue();
    assertThat(rpc.result("eth_getTransactionByBlockNumberAndIndex", "0x9", "0x0").isNull()).isTrue();
    assertThat(rpc.result("eth_getTransactionByBlockNumberAndIndex", "0x1", "0xffffffffffffffff").isNull()).isTrue();
    assertThat(rpc.result("eth_getTransactionByBlockHashAndIndex", "0x" + "ee".repeat(32), "0x0").isNull()).isTrue();
    assertError(rpc.call("eth_getTransactionByBlockNumberAndIndex", "0x1", "0x00"), -32602,
        "invalid argument 1: json: cannot unmarshal hex number with leading zero digits into Go value of type hexutil.Uint");
  }

  @Test
  void receiptsAsGeth() {
    JsonNode a = rpc.result("eth_getTransactionReceipt", net.txA.hash().toHex());
    assertThat(fieldNames(a)).isEqualTo(RECEIPT_FIELDS);
    assertThat(a.get("transactionHash").asText()).isEqualTo(net.txA.hash().toHex());
    assertThat(a.get("blockHash").asText()).isEqualTo(net.block1.hash().toHex());
    assertThat(a.get("blockNumber").asText()).isEqualTo("0x1");
    assertThat(a.get("transactionIndex").asText()).isEqualTo("0x0");
    assertThat(a.get("from").asText()).isEqualTo(DEV0.toHex());
    assertThat(a.get("to").asText()).isEqualTo(DEV1.toHex());
    assertThat(a.get("gasUsed").asText()).isEqualTo("0x5208");
    assertThat(a.get("cumulativeGasUsed").asText()).isEqualTo("0x5208");
    assertThat(a.get("effectiveGasPrice").asText()).isEqualTo("0x" + Long.toHexString(2_500_000_000L));
    assertThat(a.get("contractAddress").isNull()).isTrue();
    assertThat(a.get("status").asText()).isEqualTo("0x1");
    assertThat(a.get("type").asText()).isEqualTo("0x2");
    assertThat(a.get("logs")).hasSize(1);

    JsonNode b = rpc.result("eth_getTransactionReceipt", net.txB.hash().toHex());
    assertThat(b.get("gasUsed").asText()).isEqualTo("0x" + Long.toHexString(21_020));
    assertThat(b.get("cumulativeGasUsed").asText()).isEqualTo("0x" + Long.toHexString(42_020));
    assertThat(b.get("effectiveGasPrice").asText()).isEqualTo("0x77359400");
    assertThat(b.get("type").asText()).isEqualTo("0x0");
    JsonNode log = b.get("logs").get(1);
    assertThat(fieldNames(log)).isEqualTo(Set.of("address", "topics", "data", "blockNumber", "transactionHash",
        "transactionIndex", "blockHash", "blockTimestamp", "logIndex", "removed"));
    assertThat(log.get("address").asText()).isEqualTo(OTHER.toHex());
    assertThat(log.get("logIndex").asText()).as("counted across the block").isEqualTo("0x2");
    assertThat(log.get("transactionIndex").asText()).isEqualTo("0x1");
    assertThat(log.get("removed").asBoolean()).isFalse();

    JsonNode c = rpc.result("eth_getTransactionReceipt", net.txC.hash().toHex());
    assertThat(c.get("status").asText()).isEqualTo("0x0");
    assertThat(c.get("logs").toString()).isEqualTo("[]");
    assertThat(c.get("type").asText()).isEqualTo("0x1");
    assertThat(rpc.result("eth_getTransactionReceipt", "0x" + "ab".repeat(32)).isNull()).isTrue();
  }

  @Test
  void contractAddressIsKeccakOfSenderAndNonce() {
    // the first contract deployed by dev0 (nonce 0), a well-known anvil/hardhat address
    assertThat(ContractAddress.of(DEV0, 0).toHex()).isEqualTo("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    assertThat(ContractAddress.of(DEV0, 1).toHex()).isEqualTo("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
  }

  @Test
  void balancesAtBlocks() {
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), "latest").asText())
        .isEqualTo(Scenario.DEV0_BALANCE_HEAD.toHexQuantity());
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), "0x0").asText()).isEqualTo("0x56bc75e2d63100000");
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), "earliest").asText()).isEqualTo("0x56bc75e2d63100000");
    assertThat(rpc.result("eth_getBalance", "0x" + "99".repeat(20), "latest").asText()).isEqualTo("0x0");
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), json("{\"blockHash\":\"" + net.genesis.hash().toHex()
        + "\"}")).asText()).isEqualTo("0x56bc75e2d63100000");
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), net.block3.hash().toHex()).asText())
        .isEqualTo(Scenario.DEV0_BALANCE_HEAD.toHexQuantity());
    assertThat(rpc.result("eth_getBalance", DEV0.toHex(), json("{\"blockNumber\":\"0x2\"}")).asText())
        .isEqualTo(Scenario.DEV0_BALANCE_HEAD.toHexQuantity());
  }

  @Test
  void stateErrors() {
    JsonNode pruned = rpc.call("eth_getBalance", DEV0.toHex(), "0x1");
    assertThat(pruned.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(pruned.get("error").get("message").asText())
        .isEqualTo("historical state " + net.block1.header().stateRoot().toHex().substring(2) + " is not available");
    assertError(rpc.call("eth_getBalance", DEV0.toHex(), "0x9"), -32000, "header not found");
    assertError(rpc.call("eth_getBalance", DEV0.toHex(), "0x" + "ee".repeat(32)), -32000, "header for hash not found");
    assertError(rpc.call("eth_getBalance", DEV0.toHex(), json("{}")), -32000,
        "invalid arguments; neither block nor hash specified");
    assertError(rpc.call("eth_getBalance", DEV0.toHex()), -32602, "missing value for required argument 1");
    assertError(rpc.call("eth_getBalance", "0x12", "latest"), -32602,
        "invalid argument 0: hex string has length 2, want 40 for common.Address");
    assertError(rpc.call("eth_getBalance", DEV0.toHex(), "latest", "extra"), -32602,
        "too many arguments, want at most 2");
  }

  @Test
  void nonces() {
    assertThat(rpc.result("eth_getTransactionCount", DEV0.toHex(), "latest").asText()).isEqualTo("0x2");
    assertThat(rpc.result("eth_getTransactionCount", DEV0.toHex(), "pending").asText()).isEqualTo("0x3");
    assertThat(rpc.result("eth_getTransactionCount", DEV0.toHex(), "0x0").asText()).isEqualTo("0x0");
    assertThat(rpc.result("eth_getTransactionCount", "0x" + "99".repeat(20), "latest").asText()).isEqualTo("0x0");
  }

  @Test
  void codeAndStorage() {
    assertThat(rpc.result("eth_getCode", CONTRACT.toHex(), "latest").asText()).isEqualTo(Hex.encode(Scenario.CODE));
    assertThat(rpc.result("eth_getCode", DEV0.toHex(), "latest").asText()).isEqualTo("0x");
    String word = "0x" + "00".repeat(31) + "2a";
    assertThat(rpc.result("eth_getStorageAt", CONTRACT.toHex(), "0x1", "latest").asText()).isEqualTo(word);
    assertThat(rpc.result("eth_getStorageAt", CONTRACT.toHex(), "0x01", "latest").asText()).isEqualTo(word);
    assertThat(rpc.result("eth_getStorageAt", CONTRACT.toHex(), "0x" + "00".repeat(31) + "01", "latest").asText())
        .isEqualTo(word);
    assertThat(rpc.result("eth_getStorageAt", CONTRACT.toHex(), "0x2", "latest").asText())
        .isEqualTo(Hash.ZERO.toHex());
    assertError(rpc.call("eth_getStorageAt", CONTRACT.toHex(), "0xzz", "latest"), -32000,
        "unable to decode storage key: hex string invalid");
    assertError(rpc.call("eth_getStorageAt", CONTRACT.toHex(), "0x" + "1".repeat(65), "latest"), -32000,
        "unable to decode storage key: hex string too long, want at most 32 bytes");
    assertError(rpc.call("eth_getStorageAt", CONTRACT.toHex(), 1, "latest"), -32602,
        "invalid argument 1: json: cannot unmarshal number into Go value of type string");
  }

  @Test
  void sendRawTransactionReturnsTheHash() {
    RecoveredTx tx = net.nextTransfer();
    assertThat(rpc.result("eth_sendRawTransaction", Hex.encode(tx.encoded())).asText()).isEqualTo(tx.hash().toHex());
    assertThat(net.backend.pendingTransaction(tx.hash())).isPresent();
    assertError(rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded())), -32000, "already known");
  }

  @Test
  void sendRawTransactionErrors() {
    RecoveredTx stale = TestTxs.eip1559(DevAccounts.privateKey(0), Scenario.CHAIN_ID, 0);
    assertError(rpc.call("eth_sendRawTransaction", Hex.encode(stale.encoded())), -32000,
        "nonce too low: next nonce 2, tx nonce 0");
    RecoveredTx otherChain = TestTxs.eip1559(DevAccounts.privateKey(3), 1, 0);
    JsonNode wrongChain = rpc.call("eth_sendRawTransaction", Hex.encode(otherChain.encoded()));
    assertThat(wrongChain.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(wrongChain.get("error").get("message").asText()).startsWith("invalid chain id");
    JsonNode garbage = rpc.call("eth_sendRawTransaction", "0x02c0ffee");
    assertThat(garbage.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(garbage.get("error").get("message").asText()).isNotBlank();
    assertThat(rpc.call("eth_sendRawTransaction", "0x").get("error").get("code").asInt()).isEqualTo(-32000);
    assertError(rpc.call("eth_sendRawTransaction", "0xabc"), -32602,
        "invalid argument 0: json: cannot unmarshal hex string of odd length into Go value of type hexutil.Bytes");
    assertError(rpc.call("eth_sendRawTransaction"), -32602, "missing value for required argument 0");
  }

  @Test
  void sendRawTransactionAnswersWhenTheBackendCompletesWithoutBlockingOthers() throws Exception {
    Scenario own = new Scenario();
    own.backend.holdSubmissions();
    Vertx v = Vertx.vertx();
    RpcServer s = new RpcServer(v, RpcServerConfig.defaults("127.0.0.1", 0), own.backend);
    try {
      RpcHttpClient client = new RpcHttpClient(s.start());
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      List<RecoveredTx> sent = new ArrayList<>();
      // more outstanding submissions than worker threads: none of them may hold a thread
      for (int i = 0; i < 20; i++) {
        RecoveredTx tx = TestTxs.builder(TxType.EIP1559, Scenario.CHAIN_ID).nonce(3 + i).to(DEV1)
            .sign(DevAccounts.privateKey(0));
        sent.add(tx);
        waiting.add(client.callAsync("eth_sendRawTransaction", Hex.encode(tx.encoded())));
      }
      Poll.until(() -> own.backend.held().size() == 20);
      assertThat(client.result("eth_blockNumber").asText()).isEqualTo("0x3");
      assertThat(waiting).noneMatch(CompletableFuture::isDone);
      own.backend.held().forEach(f -> f.complete(Hash.ZERO));
      List<String> answered = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> w : waiting) {
        answered.add(RpcHttpClient.parse(w.get(10, TimeUnit.SECONDS).body()).get("result").asText());
      }
      assertThat(answered).isEqualTo(sent.stream().map(t -> t.hash().toHex()).toList());
    } finally {
      s.close();
      v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void gasPriceAndTip() {
    // next base fee 0.875 gwei + tip 1 gwei
    assertThat(rpc.result("eth_gasPrice").asText()).isEqualTo("0x" + Long.toHexString(1_875_000_000L));
    assertThat(rpc.result("eth_maxPriorityFeePerGas").asText()).isEqualTo("0x3b9aca00");
  }

  @Test
  void feeHistoryAsGeth() {
    JsonNode h = rpc.result("eth_feeHistory", "0x3", "latest", json("[0, 50, 100]"));
    assertThat(h.get("oldestBlock").asText()).isEqualTo("0x1");
    assertThat(h.get("baseFeePerGas").toString())
        .isEqualTo("[\"0x3b9aca00\",\"0x35a4e900\",\"0x2faf0800\",\"0x342770c0\"]");
    assertThat(h.get("gasUsedRatio")).hasSize(3);
    assertThat(h.get("gasUsedRatio").get(0).asDouble()).isEqualTo(42_020.0 / 30_000_000);
    assertThat(h.get("gasUsedRatio").get(2).asDouble()).isZero();
    // block 1 tips: txA min(1.5, 3-1) = 1.5 gwei (21000 gas), txB 2-1 = 1 gwei (21020 gas)
    assertThat(h.get("reward").get(0).toString()).isEqualTo("[\"0x3b9aca00\",\"0x3b9aca00\",\"0x59682f00\"]");
    // block 2: txC 1 - 0.9 gwei; block 3 is empty
    assertThat(h.get("reward").get(1).toString()).isEqualTo("[\"0x5f5e100\",\"0x5f5e100\",\"0x5f5e100\"]");
    assertThat(h.get("reward").get(2).toString()).isEqualTo("[\"0x0\",\"0x0\",\"0x0\"]");
    assertThat(h.get("baseFeePerBlobGas").toString()).isEqualTo("[\"0x1\",\"0x1\",\"0x1\",\"0x1\"]");
    assertThat(h.get("blobGasUsedRatio")).hasSize(3);

    JsonNode noRewards = rpc.result("eth_feeHistory", 2, "0x2");
    assertThat(noRewards.has("reward")).isFalse();
    assertThat(noRewards.get("oldestBlock").asText()).isEqualTo("0x1");
    assertThat(noRewards.get("baseFeePerGas").toString())
        .as("the entry after newest is the next block's base fee from its header")
        .isEqualTo("[\"0x3b9aca00\",\"0x35a4e900\",\"0x2faf0800\"]");
    assertThat(rpc.result("eth_feeHistory", "100", "latest").get("oldestBlock").asText()).isEqualTo("0x0");
    assertThat(rpc.result("eth_feeHistory", "0x0", "latest").toString())
        .isEqualTo("{\"oldestBlock\":\"0x0\",\"gasUsedRatio\":null}");
  }

  @Test
  void feeHistoryErrors() {
    assertError(rpc.call("eth_feeHistory", "0x1", "0x9"), -32000, "request beyond head block: requested 9, head 3");
    assertError(rpc.call("eth_feeHistory", "0x1", "latest", json("[50, 10]")), -32000,
        "invalid reward percentile: #0:50.000000 >= #1:10.000000");
    assertError(rpc.call("eth_feeHistory", "0x1", "latest", json("[101]")), -32000,
        "invalid reward percentile: 101.000000");
    assertError(rpc.call("eth_feeHistory", "x", "latest"), -32602,
        "invalid argument 0: invalid hex or decimal integer \"x\"");
    assertError(rpc.call("eth_feeHistory", "0x1", "latest", json("[\"50\"]")), -32602,
        "invalid argument 2: json: cannot unmarshal string into Go value of type float64");
    assertError(rpc.call("eth_feeHistory", "0x1"), -32602, "missing value for required argument 1");
  }

  @Test
  void estimateGasOfTransfers() {
    assertThat(rpc.result("eth_estimateGas", json("{\"from\":\"" + DEV0.toHex() + "\",\"to\":\"" + DEV1.toHex()
        + "\",\"value\":\"0xde0b6b3a7640000\"}")).asText()).isEqualTo("0x5208");
    // 21000 + 4 (zero byte) + 16 (non-zero byte)
    assertThat(rpc.result("eth_estimateGas", json("{\"to\":\"" + DEV1.toHex() + "\",\"input\":\"0x0001\"}"), "latest")
        .asText()).isEqualTo("0x" + Long.toHexString(21_020));
    assertThat(rpc.result("eth_estimateGas", json("{\"to\":\"" + DEV1.toHex() + "\",\"data\":\"0x0001\","
        + "\"accessList\":[{\"address\":\"" + CONTRACT.toHex() + "\",\"storageKeys\":[\"" + T1.toHex() + "\"]}]}"))
        .asText()).isEqualTo("0x" + Long.toHexString(21_020 + 2_400 + 1_900));
  }

  @Test
  void callAndEstimateGasRunTheEvm() {
    // CONTRACT's code is PUSH1 1 PUSH0 SSTORE: succeeds with no output; the fresh slot costs 22100 (cold)
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + CONTRACT.toHex() + "\",\"input\":\"0x12345678\"}")).asText())
        .isEqualTo("0x");
    assertThat(rpc.result("eth_estimateGas", json("{\"to\":\"" + CONTRACT.toHex() + "\",\"input\":\"0x12345678\"}"))
        .asText()).isEqualTo("0x" + Long.toHexString(21_000 + 4 * 16 + 3 + 3 + 22_100));
    // creation: the call returns the deployed code (initcode 0x600160005360016000f3 returns 0x01)
    assertThat(rpc.result("eth_call", json("{\"from\":\"" + DEV0.toHex() + "\",\"input\":\"0x600160005360016000f3\"}"))
        .asText()).isEqualTo("0x01");
    // intrinsic 21000 + 32000 + 8 non-zero and 2 zero bytes + 1 initcode word; 4 pushes, MSTORE8 with
    // one word of memory, RETURN; 200 gas per deployed byte
    assertThat(rpc.result("eth_estimateGas", json("{\"from\":\"" + DEV0.toHex()
        + "\",\"input\":\"0x600160005360016000f3\"}")).asText())
        .isEqualTo("0x" + Long.toHexString(21_000 + 32_000 + 8 * 16 + 2 * 4 + 2 + 12 + 6 + 200));
    // precompiles run: identity echoes its input
    assertThat(rpc.result("eth_call", json("{\"to\":\"0x0000000000000000000000000000000000000004\","
        + "\"input\":\"0xdeadbeef\"}")).asText()).isEqualTo("0xdeadbeef");
    for (String method : List.of("eth_estimateGas", "eth_call")) {
      assertError(rpc.call(method, json("{\"to\":\"" + DEV1.toHex() + "\",\"data\":\"0x01\",\"input\":\"0x02\"}")),
          -32000, "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data");
      assertError(rpc.call(method, json("{\"to\":\"" + DEV1.toHex() + "\",\"gas\":\"0x01\"}")), -32602,
          "invalid argument 0: json: cannot unmarshal hex number with leading zero digits into Go struct field "
              + "TransactionArgs.gas of type hexutil.Uint64");
      assertError(rpc.call(method, "0x1"), -32602,
          "invalid argument 0: json: cannot unmarshal string into Go value of type ethapi.TransactionArgs");
    }
  }

  @Test
  void proofsOfAccountsAndSlots() {
    String one = "0x" + "00".repeat(31) + "01";
    JsonNode p = rpc.result("eth_getProof", CONTRACT.toHex(), json("[\"" + one + "\",\"0x" + "00".repeat(31) + "02\"]"),
        "latest");
    assertThat(p.get("address").asText()).isEqualTo(CONTRACT.toHex());
    assertThat(p.get("nonce").asText()).isEqualTo("0x1");
    assertThat(p.get("codeHash").asText()).isEqualTo(dev.raftseq.chain.crypto.Keccak.hash(Scenario.CODE).toHex());
    assertThat(p.get("accountProof").size()).isPositive();
    assertThat(p.get("storageProof").get(0).get("key").asText()).isEqualTo(one);
    assertThat(p.get("storageProof").get(0).get("value").asText()).isEqualTo("0x2a");
    assertThat(p.get("storageProof").get(0).get("proof").size()).isPositive();
    assertThat(p.get("storageProof").get(1).get("value").asText()).isEqualTo("0x0");
    JsonNode absent = rpc.result("eth_getProof", "0x" + "77".repeat(20), json("[]"), "latest");
    assertThat(absent.get("balance").asText()).isEqualTo("0x0");
    assertThat(absent.get("storageHash").asText()).isEqualTo(Hash.EMPTY_TRIE.toHex());
    assertThat(absent.get("codeHash").asText()).isEqualTo(Hash.EMPTY_CODE.toHex());
    assertError(rpc.call("eth_getProof", CONTRACT.toHex(), json("[]"), "0x1"), -32000,
        "historical state " + net.block1.header().stateRoot().toHex().substring(2) + " is not available");
  }

  @Test
  void revertsAnswerCodeThreeWithTheReasonAndData() {
    // code: CODECOPY the Error("nope") payload after the 10-byte prefix into memory and REVERT with it
    String payload = "08c379a0" + "00".repeat(31) + "20" + "00".repeat(31) + "04" + "6e6f7065" + "00".repeat(28);
    String code = "0x6064600a5f3960645ffd" + payload;
    Address reverter = Address.fromHex("0x" + "ab".repeat(20));
    String override = "{\"" + reverter.toHex() + "\":{\"code\":\"" + code + "\"}}";
    for (String method : List.of("eth_call", "eth_estimateGas")) {
      JsonNode r = rpc.call(method, json("{\"to\":\"" + reverter.toHex() + "\"}"), "latest", json(override));
      assertError(r, 3, "execution reverted: nope");
      assertThat(r.get("error").get("data").asText()).isEqualTo("0x" + payload);
    }
  }

  @Test
  void stateOverridesReplaceCodeBalanceAndStorage() {
    // SLOAD(1) returned as a word: PUSH1 1 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
    String reader = "0x6001545f5260205ff3";
    String word42 = "0x" + "00".repeat(31) + "2a";
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + CONTRACT.toHex() + "\"}"), "latest",
        json("{\"" + CONTRACT.toHex() + "\":{\"code\":\"" + reader + "\"}}")).asText()).isEqualTo(word42);
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + CONTRACT.toHex() + "\"}"), "latest",
        json("{\"" + CONTRACT.toHex() + "\":{\"code\":\"" + reader + "\",\"stateDiff\":{\"0x" + "00".repeat(31)
            + "01\":\"0x" + "00".repeat(31) + "07\"}}}")).asText()).isEqualTo("0x" + "00".repeat(31) + "07");
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + CONTRACT.toHex() + "\"}"), "latest",
        json("{\"" + CONTRACT.toHex() + "\":{\"code\":\"" + reader + "\",\"state\":{}}}")).asText())
        .isEqualTo("0x" + "00".repeat(32));
    // a poor sender made rich by an override can send value
    Address poor = Address.fromHex("0x" + "99".repeat(20));
    assertThat(rpc.result("eth_call", json("{\"from\":\"" + poor.toHex() + "\",\"to\":\"" + DEV1.toHex()
        + "\",\"value\":\"0x10\"}"), "latest", json("{\"" + poor.toHex() + "\":{\"balance\":\"0x100\"}}")).asText())
        .isEqualTo("0x");
    assertError(rpc.call("eth_call", json("{\"to\":\"" + CONTRACT.toHex() + "\"}"), "latest",
        json("{\"" + CONTRACT.toHex() + "\":{\"state\":{},\"stateDiff\":{}}}")), -32602,
        "invalid argument 2: account " + CONTRACT.toHex() + " has both 'state' and 'stateDiff'");
  }

  @Test
  void estimateGasErrorsAsGeth() {
    assertError(rpc.call("eth_estimateGas", json("{\"from\":\"" + DEV1.toHex() + "\",\"to\":\"" + DEV0.toHex()
        + "\",\"value\":\"0x" + ETH_1000 + "\"}")), -32000, "insufficient funds for transfer");
    assertError(rpc.call("eth_estimateGas", json("{\"to\":\"" + DEV1.toHex() + "\",\"gas\":\"0x15\"}")), -32000,
        "gas required exceeds allowance (21)");
  }

  private static final String ETH_1000 = new BigInteger("1000000000000000000000").toString(16);

  @Test
  void callToAnAccountWithoutCodeReturnsEmpty() {
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + DEV1.toHex() + "\",\"input\":\"0xa9059cbb\"}"), "latest")
        .asText()).isEqualTo("0x");
    assertThat(rpc.result("eth_call", json("{\"to\":\"" + DEV1.toHex() + "\"}")).asText()).isEqualTo("0x");
    JsonNode poor = rpc.call("eth_call", json("{\"from\":\"" + DEV1.toHex() + "\",\"to\":\"" + DEV0.toHex()
        + "\",\"value\":\"0x" + ETH_1000 + "\"}"));
    assertThat(poor.get("error").get("message").asText())
        .startsWith("insufficient funds for gas * price + value: address " + DEV1.toHex());
  }

  @Test
  void logsByRangeAddressAndTopics() {
    JsonNode all = rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x1\",\"toBlock\":\"latest\"}"));
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("transactionHash").asText()).isEqualTo(net.txA.hash().toHex());
    assertThat(all.get(2).get("logIndex").asText()).isEqualTo("0x2");
    assertThat(all.get(0).get("blockTimestamp").asText()).isEqualTo("0x" + Long.toHexString(1_700_000_002L));

    JsonNode byAddress = rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x1\",\"address\":[\"" + OTHER.toHex()
        + "\"]}"));
    assertThat(byAddress).hasSize(1);
    assertThat(byAddress.get(0).get("address").asText()).isEqualTo(OTHER.toHex());

    JsonNode secondTopic = rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x1\",\"topics\":[null,\"" + T2.toHex()
        + "\"]}"));
    assertThat(secondTopic).hasSize(1);
    assertThat(secondTopic.get(0).get("data").asText()).isEqualTo("0x02");

    JsonNode either = rpc.result("eth_getLogs", json("{\"blockHash\":\"" + net.block1.hash().toHex()
        + "\",\"address\":\"" + CONTRACT.toHex() + "\",\"topics\":[[\"" + T1.toHex() + "\",\"" + T2.toHex() + "\"]]}"));
    assertThat(either).hasSize(2);

    assertThat(rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x2\",\"toBlock\":\"0x3\"}")).toString())
        .isEqualTo("[]");
    assertThat(rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x1\",\"address\":\"0x" + "77".repeat(20) + "\"}"))
        .toString()).isEqualTo("[]");
    assertThat(rpc.result("eth_getLogs", json("{\"fromBlock\":\"0x3\",\"toBlock\":\"0x99\"}")).toString())
        .as("the range is clamped to the head").isEqualTo("[]");
  }

  @Test
  void logsErrors() {
    assertError(rpc.call("eth_getLogs", json("{\"fromBlock\":\"0x0\",\"toBlock\":\"0x3\"}")), -32000,
        "exceed maximum block range: " + MAX_LOGS_RANGE);
    assertError(rpc.call("eth_getLogs", json("{\"fromBlock\":\"0x3\",\"toBlock\":\"0x1\"}")), -32602,
        "invalid block range params");
    assertError(rpc.call("eth_getLogs", json("{\"blockHash\":\"0x" + "ee".repeat(32) + "\"}")), -32000,
        "unknown block");
    assertError(rpc.call("eth_getLogs", json("{\"topics\":[null,null,null,null,null]}")), -32602,
        "invalid argument 0: exceed max topics");
    assertError(rpc.call("eth_getLogs"), -32602, "missing value for required argument 0");
  }

  @Test
  void subscriptionsNeedAWebSocket() {
    assertError(rpc.call("eth_subscribe", "newHeads"), -32601, "notifications not supported");
    assertError(rpc.call("eth_unsubscribe", "0x1"), -32000, "subscription not found");
  }

  @Test
  void unknownMethod() {
    assertError(rpc.call("eth_sign", DEV0.toHex(), "0x00"), -32601,
        "the method eth_sign does not exist/is not available");
  }

  @Test
  void cheapRequestsAreFast() {
    // a rough guard against accidental blocking: 200 sequential calls within a generous budget
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      rpc.result("eth_blockNumber");
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
  }

  static void assertError(JsonNode response, int code, String message) {
    assertThat(response.has("result")).as(response.toString()).isFalse();
    assertThat(response.get("error").get("code").asInt()).as(response.toString()).isEqualTo(code);
    assertThat(response.get("error").get("message").asText()).isEqualTo(message);
    assertThat(response.get("id").asInt()).isEqualTo(1);
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

}
