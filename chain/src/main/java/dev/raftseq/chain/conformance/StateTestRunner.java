package dev.raftseq.chain.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.exec.BlobFields;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.EvmEnv;
import dev.raftseq.chain.exec.StateOverlay;
import dev.raftseq.chain.exec.TxProcessor;
import dev.raftseq.chain.exec.TxResult;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.TriePreparedState;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.state.TrieStateView;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs Ethereum's GeneralStateTests (filled JSON) with this chain's transaction processing: for
 * each test and each Cancun post state, build the pre state in a Merkle-Patricia trie, execute
 * the indexed transaction (built from the JSON fields, as go-ethereum's runner does) and compare
 * the post state root and the hash of the logs. Chain id 1; pre-EIP-155 transactions accepted;
 * BLOCKHASH(n) = keccak256(decimal n), as the fillers define it.
 */
public final class StateTestRunner {
  public static final String FORK = "Cancun";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final TxProcessor processor = TxProcessor.ethereumRules();

  /** One Cancun post state of one test. */
  public record Case(String file, String test, int index, String failure) {
    public boolean passed() {
      return failure == null;
    }

    public String name() {
      return file + " " + test + " [" + index + "]";
    }
  }

  /** Runs every Cancun case of one state-test file. */
  public List<Case> runFile(Path file, String displayName) {
    List<Case> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      out.add(new Case(displayName, "(file)", 0, "unreadable JSON: " + e.getMessage()));
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> test = it.next();
      JsonNode posts = test.getValue().path("post").path(FORK);
      for (int i = 0; i < posts.size(); i++) {
        String failure;
        try {
          failure = runCase(test.getValue(), posts.get(i));
        } catch (RuntimeException | StackOverflowError e) {
          failure = "exception: " + e;
        }
        out.add(new Case(displayName, test.getKey(), i, failure));
      }
    }
    return out;
  }

  /** Runs one post state; null when it passes, else why not. */
  public String runCase(JsonNode test, JsonNode post) {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    TrieStateRootCalculator calculator = new TrieStateRootCalculator(trie);
    Map<Hash, byte[]> codes = new HashMap<>();
    StateDiff preDiff = preState(test.get("pre"), codes);
    TriePreparedState pre = calculator.prepare(Hash.EMPTY_TRIE, preDiff);
    store.putAll(pre.trieNodes());
    StateOverlay state = new StateOverlay(new TrieStateView(pre.root(), trie, codes::get));

    JsonNode env = test.get("env");
    long gasLimit = clampedLong(env.get("currentGasLimit").asText());
    long number = clampedLong(env.get("currentNumber").asText());
    BlockContext block =
        new BlockContext(
            1,
            number,
            Hash.ZERO,
            Math.multiplyHigh(clampedLong(env.get("currentTimestamp").asText()), 1000) == 0
                ? clampedLong(env.get("currentTimestamp").asText()) * 1000
                : Long.MAX_VALUE,
            Address.fromHex(env.get("currentCoinbase").asText()),
            gasLimit,
            Wei.of(quantity(env.path("currentBaseFee").asText("0x0"))));
    Hash random = env.has("currentRandom") ? word(env.get("currentRandom").asText()) : Hash.ZERO;
    long excessBlobGas = clampedLong(env.path("currentExcessBlobGas").asText("0x0"));
    EvmEnv evmEnv = new EvmEnv(block, random, excessBlobGas, StateTestRunner::testBlockHash);

    JsonNode indexes = post.get("indexes");
    JsonNode txj = test.get("transaction");
    BlobFields blobs = null;
    RecoveredTx tx;
    try {
      tx = transaction(txj, indexes, post);
      if (txj.has("blobVersionedHashes")) {
        List<Hash> hashes = new ArrayList<>();
        for (JsonNode h : txj.get("blobVersionedHashes")) {
          hashes.add(Hash.fromHex(h.asText()));
        }
        blobs = new BlobFields(Wei.of(quantity(txj.path("maxFeePerBlobGas").asText("0x0"))), hashes);
      }
    } catch (IllegalArgumentException e) {
      return post.has("expectException") ? null : "transaction does not build: " + e.getMessage();
    }

    TxResult result = processor.apply(tx, blobs, state, evmEnv, gasLimit);
    Hash expectedRoot = Hash.fromHex(post.get("hash").asText());
    Hash expectedLogs = Hash.fromHex(post.get("logs").asText());
    if (post.has("expectException")) {
      if (!(result instanceof TxResult.Invalid)) {
        return "expected " + post.get("expectException").asText() + " but the transaction was applied";
      }
      return pre.root().equals(expectedRoot) ? null : "invalid transaction, but the post root is not the pre root";
    }
    if (result instanceof TxResult.Invalid invalid) {
      return "transaction refused: " + invalid.message();
    }
    TxResult.Applied applied = (TxResult.Applied) result;
    Hash root = calculator.prepare(pre.root(), state.diff()).root();
    if (!root.equals(expectedRoot)) {
      return "state root " + root + ", expected " + expectedRoot + " (gas used " + applied.gasUsed()
          + (applied.success() ? "" : ", failed: " + applied.error()) + ")";
    }
    Hash logs = logsHash(applied.logs());
    if (!logs.equals(expectedLogs)) {
      return "logs hash " + logs + ", expected " + expectedLogs;
    }
    return null;
  }

  /** keccak256(rlp(logs)), the post state's "logs" field. */
  public static Hash logsHash(List<Log> logs) {
    RlpWriter w = new RlpWriter().startList();
    for (Log l : logs) {
      w.startList().writeAddress(l.address()).startList();
      for (Hash t : l.topics()) {
        w.writeHash(t);
      }
      w.endList().writeBytes(l.data()).endList();
    }
    return Keccak.hash(w.endList().toByteArray());
  }

  private static Hash testBlockHash(long n) {
    return Keccak.hash(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
  }

  private static RecoveredTx transaction(JsonNode t, JsonNode indexes, JsonNode post) {
    int d = indexes.get("data").asInt();
    int g = indexes.get("gas").asInt();
    int v = indexes.get("value").asInt();
    byte[] data = Hex.decode(t.get("data").get(d).asText());
    BigInteger gas = quantity(t.get("gasLimit").get(g).asText());
    if (gas.compareTo(LONG_MAX) > 0) {
      throw new IllegalArgumentException("gas limit above 2^63-1");
    }
    BigInteger nonce = quantity(t.get("nonce").asText());
    if (nonce.compareTo(LONG_MAX) >= 0) {
      throw new IllegalArgumentException("nonce at or above 2^63-1");
    }
    Wei value = Wei.of(quantity(t.get("value").get(v).asText()));
    String toText = t.path("to").asText("");
    Address to = toText.isEmpty() ? null : Address.fromHex(toText);
    List<AccessTuple> accessList = List.of();
    JsonNode lists = t.get("accessLists");
    boolean hasAccessList = lists != null && lists.size() > d && !lists.get(d).isNull();
    if (hasAccessList) {
      accessList = new ArrayList<>();
      for (JsonNode e : lists.get(d)) {
        List<Hash> keys = new ArrayList<>();
        for (JsonNode k : e.get("storageKeys")) {
          keys.add(word(k.asText()));
        }
        accessList.add(new AccessTuple(Address.fromHex(e.get("address").asText()), keys));
      }
    }
    TxType type;
    Wei tip;
    Wei cap;
    if (t.has("maxFeePerGas")) {
      type = TxType.EIP1559;
      cap = Wei.of(quantity(t.get("maxFeePerGas").asText()));
      tip = Wei.of(quantity(t.get("maxPriorityFeePerGas").asText()));
    } else {
      type = hasAccessList ? TxType.ACCESS_LIST : TxType.LEGACY;
      cap = Wei.of(quantity(t.get("gasPrice").asText()));
      tip = cap;
    }
    Long chainId = type == TxType.LEGACY ? null : 1L;
    Transaction tx =
        new Transaction(type, chainId, nonce.longValue(), tip, cap, gas.longValue(), to, value, data, accessList, null);
    byte[] encoded = post.has("txbytes") ? Hex.decode(post.get("txbytes").asText()) : new byte[0];
    return new RecoveredTx(tx, encoded, Keccak.hash(encoded), Address.fromHex(t.get("sender").asText()));
  }

  private static StateDiff preState(JsonNode pre, Map<Hash, byte[]> codes) {
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address address = Address.fromHex(e.getKey());
      JsonNode acc = e.getValue();
      byte[] code = Hex.decode(acc.path("code").asText("0x"));
      Hash codeHash = Keccak.hash(code);
      if (code.length > 0) {
        codes.put(codeHash, code);
      }
      BigInteger nonce = quantity(acc.get("nonce").asText()); // up to 2^64-1: kept in a long's bits
      accounts.put(
          address,
          new Account(nonce.longValue(), Wei.of(quantity(acc.get("balance").asText())), Hash.EMPTY_TRIE, codeHash));
      Map<Hash, Hash> slots = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> s = acc.path("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        Hash value = word(slot.getValue().asText());
        if (!value.equals(Hash.ZERO)) {
          slots.put(word(slot.getKey()), value);
        }
      }
      if (!slots.isEmpty()) {
        storage.put(address, slots);
      }
    }
    return new StateDiff(accounts, storage, new HashMap<>(codes));
  }

  private static BigInteger quantity(String hex) {
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    return h.isEmpty() ? BigInteger.ZERO : new BigInteger(h, 16);
  }

  /** Header quantities beyond a long (some tests use huge gas limits) act as "unlimited". */
  private static long clampedLong(String hex) {
    BigInteger v = quantity(hex);
    return v.bitLength() < 64 ? v.longValueExact() : Long.MAX_VALUE;
  }

  private static Hash word(String hex) {
    byte[] b = quantity(hex).toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return new Hash(out);
  }
}
