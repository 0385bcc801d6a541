package dev.raftseq.systest.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.systest.history.History;
import dev.raftseq.systest.history.HistoryJson;
import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a small run by hand, history and chains alike, with real sealed headers (seed 002's
 * three keys), so a test can plant exactly one fault in an otherwise healthy run.
 */
final class PlantedRun {
  static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };
  static final long START_MS = 1_764_000_000_000L;

  final NodeKey[] keys = new NodeKey[3];
  final List<Op> ops = new ArrayList<>();
  /** Each block as JSON, by height, as node n1 serves it; other nodes copy it unless a test edits theirs. */
  final List<ObjectNode> blocks = new ArrayList<>();
  private long wall = START_MS;

  PlantedRun() {
    for (int i = 0; i < 3; i++) {
      keys[i] = NodeKey.fromHex(KEYS[i]);
    }
    ObjectNode cluster = HistoryJson.JSON.createObjectNode();
    ArrayNode nodes = cluster.putArray("nodes");
    for (int i = 0; i < 3; i++) {
      nodes.addObject().put("name", name(i)).put("node_id", keys[i].nodeIdHex()).put("signer", keys[i].address().toHex());
    }
    record(Ops.HARNESS, OpType.INFO, Ops.CLUSTER, cluster);
    blocks.add(json(genesis(), List.of()));
  }

  static String name(int i) {
    return "n" + (i + 1);
  }

  static Address sender(int i) {
    byte[] a = new byte[20];
    a[19] = (byte) (i + 1);
    a[0] = 0x5e;
    return new Address(a);
  }

  static Hash txHash(Address from, long nonce) {
    return Keccak.hash((from.toHex() + "/" + nonce).getBytes(StandardCharsets.US_ASCII));
  }

  Op record(String process, OpType type, String f, ObjectNode value) {
    wall += 10;
    Op op = new Op(ops.size(), (wall - START_MS) * 1_000_000, wall, process, type, f, value);
    ops.add(op);
    return op;
  }

  /** A client submits (from, nonce) to n1 and gets {@code outcome}; returns the hash. */
  Hash submit(Address from, long nonce, OpType outcome) {
    Hash h = txHash(from, nonce);
    ObjectNode inv = HistoryJson.JSON.createObjectNode().put("tx", h.toHex()).put("from", from.toHex())
        .put("nonce", nonce).put("node", "n1");
    record("client-" + from.unsafeBytes()[19], OpType.INVOKE, Ops.SUBMIT, inv);
    ObjectNode done = HistoryJson.JSON.createObjectNode().put("tx", h.toHex()).put("node", "n1");
    if (outcome != OpType.OK) {
      done.put("error", outcome == OpType.FAIL ? "nonce too low" : "timeout");
    }
    record("client-" + from.unsafeBytes()[19], outcome, Ops.SUBMIT, done);
    return h;
  }

  void status(int node, boolean leader, long term, long head) {
    record(Ops.MONITOR, OpType.INFO, Ops.STATUS, HistoryJson.JSON.createObjectNode().put("node", name(node))
        .put("up", true).put("state", leader ? "leader" : "follower").put("is_leader", leader).put("term", term)
        .put("head", head));
  }

  void nemesis(String f, int node) {
    record(Ops.NEMESIS, OpType.INFO, f, HistoryJson.JSON.createObjectNode().put("node", name(node)));
  }

  /** A power cut as the nemesis records it, both records: {@code nodes} is "all" or one node's name. */
  void powerCut(String nodes) {
    powerCutStarts(nodes);
    powerCutDone(nodes);
  }

  /** The nemesis's first record of a power cut, before the node processes are killed. */
  void powerCutStarts(String nodes) {
    record(Ops.NEMESIS, OpType.INFO, Ops.POWER_CUT, HistoryJson.JSON.createObjectNode().put("nodes", nodes));
  }

  /** Its second record, once the processes are dead and lossyfs rolled back their unsynced writes. */
  void powerCutDone(String nodes) {
    record(Ops.NEMESIS, OpType.INFO, Ops.POWER_CUT, HistoryJson.JSON.createObjectNode().put("nodes", nodes)
        .put("rolled_back", "planted: 1 file"));
  }

  void liveness(boolean ok) {
    record(Ops.HARNESS, ok ? OpType.OK : OpType.FAIL, Ops.LIVENESS, HistoryJson.JSON.createObjectNode().put("head",
        blocks.size() - 1));
  }

  /** Seals the next block on top of the last one, by {@code producer} in {@code term}. */
  ObjectNode seal(int producer, long term, List<TxRef> txs) {
    return sealAt(producer, term, txs, START_MS + blocks.size() * 250L);
  }

  ObjectNode sealAt(int producer, long term, List<TxRef> txs, long millis) {
    ObjectNode parent = blocks.get(blocks.size() - 1);
    ObjectNode b = json(header(Hash.fromHex(parent.get("hash").asText()), blocks.size(), millis, term, producer,
        txs.size()), txs);
    blocks.add(b);
    return b;
  }

  Header header(Hash parent, long number, long millis, long term, int producer, int salt) {
    Header unsealed = new Header(parent, Hash.EMPTY_LIST, Address.ZERO, Keccak.hash(ByteBuffer.allocate(16)
        .putLong(number).putLong(salt).array()), Hash.EMPTY_TRIE, Hash.EMPTY_TRIE, new byte[256], 0, number,
        100_000_000, 21_000L * salt, millis / 1000, SealFields.vanity(term, millis), Hash.ZERO, 0, Wei.of(7),
        Hash.EMPTY_TRIE, 0, 0, Hash.ZERO);
    return SealFields.seal(unsealed, keys[producer]);
  }

  private Header genesis() {
    return new Header(Hash.ZERO, Hash.EMPTY_LIST, Address.ZERO, Hash.EMPTY_TRIE, Hash.EMPTY_TRIE, Hash.EMPTY_TRIE,
        new byte[256], 0, 0, 100_000_000, 0, START_MS / 1000, new byte[0], Hash.ZERO, 0, Wei.of(1_000_000_000L),
        Hash.EMPTY_TRIE, 0, 0, Hash.ZERO);
  }

  static ObjectNode json(Header h, List<TxRef> txs) {
    ObjectNode o = HistoryJson.JSON.createObjectNode();
    o.put("number", q(h.number()));
    o.put("hash", BlockCodec.hash(h).toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("nonce", Hex.encode(ByteBuffer.allocate(8).putLong(h.nonce()).array()));
    o.put("mixHash", h.mixHash().toHex());
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("logsBloom", Hex.encode(h.logsBloom()));
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("miner", h.coinbase().toHex());
    o.put("difficulty", q(h.difficulty()));
    o.put("extraData", Hex.encode(h.extraData()));
    o.put("gasLimit", q(h.gasLimit()));
    o.put("gasUsed", q(h.gasUsed()));
    o.put("timestamp", q(h.timestamp()));
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("baseFeePerGas", "0x" + h.baseFeePerGas().value().toString(16));
    o.put("withdrawalsRoot", h.withdrawalsRoot().toHex());
    o.put("blobGasUsed", q(h.blobGasUsed()));
    o.put("excessBlobGas", q(h.excessBlobGas()));
    o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().toHex());
    ArrayNode arr = o.putArray("transactions");
    for (TxRef t : txs) {
      arr.addObject().put("hash", t.hash().toHex()).put("from", t.from().toHex()).put("nonce", q(t.nonce()));
    }
    return o;
  }

  static String q(long v) {
    return "0x" + Long.toHexString(v);
  }

  static TxRef tx(Address from, long nonce) {
    return new TxRef(txHash(from, nonce), from, nonce);
  }

  /** The three nodes' chains: n1's blocks, with {@code edits} replacing blocks of other nodes. */
  List<NodeChain> chains() {
    return chains(Map.of());
  }

  List<NodeChain> chains(Map<String, List<ObjectNode>> replaced) {
    List<NodeChain> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<ObjectNode> mine = replaced.getOrDefault(name(i), blocks);
      Map<Address, AccountState> accounts = new LinkedHashMap<>();
      Map<Address, Long> sent = new LinkedHashMap<>();
      mine.forEach(b -> b.get("transactions").forEach(t -> sent.merge(Address.fromHex(t.get("from").asText()), 1L,
          Long::sum)));
      sent.forEach((a, n) -> accounts.put(a, new AccountState(n, BigInteger.TEN.pow(22))));
      out.add(new NodeChain(name(i), mine.stream().map(BlockJsonParser::parse).toList(), mine.size() - 1, accounts));
    }
    return out;
  }

  History history() {
    record(Ops.HARNESS, OpType.INFO, Ops.CHAINS_READ, HistoryJson.JSON.createObjectNode());
    return new History(ops);
  }

  /**
   * A healthy run: n1 leads term 2 and seals two blocks, is killed, n2 leads term 3 and seals
   * two more; three senders, every transaction acknowledged and included once.
   */
  static PlantedRun healthy() {
    PlantedRun r = new PlantedRun();
    Address a = sender(0);
    Address b = sender(1);
    Address c = sender(2);
    r.status(0, true, 2, 0);
    r.status(1, false, 2, 0);
    r.submit(a, 0, OpType.OK);
    r.submit(b, 0, OpType.OK);
    r.seal(0, 2, List.of(tx(a, 0), tx(b, 0)));
    r.submit(a, 1, OpType.OK);
    r.submit(c, 0, OpType.INFO);
    r.seal(0, 2, List.of(tx(a, 1), tx(c, 0)));
    r.status(0, true, 2, 2);
    r.nemesis(Ops.KILL, 0);
    r.status(1, true, 3, 2);
    r.submit(b, 1, OpType.OK);
    r.submit(c, 1, OpType.FAIL);
    r.submit(c, 1, OpType.OK);
    r.seal(1, 3, List.of(tx(b, 1)));
    r.seal(1, 3, List.of(tx(c, 1)));
    r.nemesis(Ops.START, 0);
    r.status(0, false, 3, 4);
    r.liveness(true);
    return r;
  }
}
