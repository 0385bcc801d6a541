package dev.raftseq.p2p;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.rlpx.Ecies;
import dev.raftseq.p2p.sync.ZksCodec;
import dev.raftseq.p2p.sync.ZksMessage;
import dev.raftseq.p2p.testing.ChainFixture;
import dev.raftseq.p2p.testing.TestNode;
import dev.raftseq.p2p.wire.Disconnect;
import dev.raftseq.p2p.wire.Hello;
import dev.raftseq.p2p.wire.MessageFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the seed corpora of the p2p fuzz targets into src/test/resources (run from the module
 * directory with the test classpath; the frame seeds come from {@code FrameSeeds} in the rlpx
 * package). Kept so the seeds can be regenerated when a format changes.
 */
public final class FuzzSeeds {
  private static final Path ROOT = Path.of("src/test/resources/dev/raftseq/p2p");

  public static void main(String[] args) throws Exception {
    Map<String, byte[]> v = Vectors.read("/dev/raftseq/p2p/rlpx/eip8-handshake-vectors.txt");
    NodeKey a = NodeKey.fromPrivateKey(v.get("static-key-a"));
    NodeKey b = NodeKey.fromPrivateKey(v.get("static-key-b"));
    handshake(0, "auth_eip8_auth2", v.get("auth2"));
    handshake(0, "auth_eip8_auth3_v56_extra", v.get("auth3"));
    handshake(2, "ack_eip8_ack2", v.get("ack2"));
    handshake(2, "ack_eip8_ack3_v57_extra", v.get("ack3"));
    byte[] authPlain = open(b, v.get("auth2"));
    byte[] ackPlain = open(a, v.get("ack2"));
    handshake(1, "authPlaintext_eip8_auth2", authPlain);
    handshake(1, "authPlaintext_eip8_auth3", open(b, v.get("auth3")));
    handshake(3, "bodies_auth2_body", authPlain);
    handshake(3, "bodies_ack2_body", ackPlain);

    byte[] hello = new Hello(5, "raftseq/0.1", List.of(new Hello.Cap("zks", ZksCodec.VERSION)), 3060, a.publicKey()).encode();
    wire(1, "hello_zks", hello);
    wire(1, "hello_eip8_v55_extra", v.get("hello-v22"));
    wire(2, "disconnect_too_many_peers", Disconnect.encode(DisconnectReason.TOO_MANY_PEERS));
    wire(2, "disconnect_empty_list", new byte[] {(byte) 0xc0});
    wire(0, "messageFrame_hello_uncompressed", MessageFrames.encode(MessageFrames.HELLO, hello, false));

    Path tmp = Files.createTempDirectory("fuzz-seeds");
    try (RocksChainStore store = ChainFixture.genesisStore(tmp)) {
      ChainFixture.extend(store, TestNode.key(1), 2, 2);
      Block b1 = store.blockByNumber(1).orElseThrow();
      Block b2 = store.blockByNumber(2).orElseThrow();
      Hash h = b2.hash();
      ZksMessage status = new ZksMessage.Status(1, ChainFixture.CHAIN_ID, store.blockByNumber(0).orElseThrow().hash(), 2, h);
      seed("status", "status", status);
      seed("getBlocks", "from_1_count_64", new ZksMessage.GetBlocks(7, 1, 64));
      seed("blocks", "two_blocks", new ZksMessage.Blocks(7, List.of(BlockCodec.encodeBlock(b1), BlockCodec.encodeBlock(b2))));
      seed("blocks", "none", new ZksMessage.Blocks(8, List.of()));
      seed("newBlock", "block_2", new ZksMessage.NewBlock(BlockCodec.encodeBlock(b2)));
      seed("newHead", "head_2", new ZksMessage.NewHead(2, h));
      seed("getUnincludedTxs", "max_100", new ZksMessage.GetUnincludedTxs(9, 100));
      byte[] raw = b2.transactions().get(0).unsafeEncoded();
      seed("unincludedTxs", "one_tx", new ZksMessage.UnincludedTxs(9, 2, h,
          List.of(new ZksMessage.CommittedTx(b2.transactions().get(0).sender(), raw)), true, Optional.empty()));
      seed("unincludedTxs", "none", new ZksMessage.UnincludedTxs(9, 2, h, List.<ZksMessage.CommittedTx>of(), true,
          Optional.empty()));
      seed("unincludedTxs", "log_position", new ZksMessage.UnincludedTxs(9, 2, h,
          List.of(new ZksMessage.CommittedTx(b2.transactions().get(0).sender(), raw)), false,
          Optional.of(new ZksMessage.LogPosition(3, 41,
              List.of(NodeId.of(TestNode.key(1)), NodeId.of(TestNode.key(2)))))));
      byte[] statusBytes = ZksCodec.encode(status);
      wire(0, "messageFrame_status_compressed",
          MessageFrames.encode(MessageFrames.BASE_PROTOCOL_IDS, statusBytes, true));
    } finally {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    dev.raftseq.p2p.rlpx.FrameSeeds.write(ROOT.resolve("rlpx/FrameCodecFuzzTestInputs"), hello);
  }

  /** A zks seed: the message code, then the message (the layout of {@code ZksCodecFuzzTest#anyCode}). */
  private static void seed(String kind, String name, ZksMessage m) throws IOException {
    write("sync/ZksCodecFuzzTestInputs/anyCode", kind + "_" + name, selected(m.code(), ZksCodec.encode(m)));
  }

  private static void handshake(int selector, String name, byte[] bytes) throws IOException {
    write("rlpx/HandshakeFuzzTestInputs/handshake", name, selected(selector, bytes));
  }

  private static void wire(int selector, String name, byte[] bytes) throws IOException {
    write("wire/WireFuzzTestInputs/baseProtocol", name, selected(selector, bytes));
  }

  /** The fuzz targets' inputs: a byte that picks the decoder, then its bytes. */
  public static byte[] selected(int selector, byte[] bytes) {
    byte[] out = new byte[bytes.length + 1];
    out[0] = (byte) selector;
    System.arraycopy(bytes, 0, out, 1, bytes.length);
    return out;
  }

  private static byte[] open(NodeKey key, byte[] packet) throws Exception {
    return Ecies.decrypt(key.privateKey(), Arrays.copyOfRange(packet, 2, packet.length), Arrays.copyOf(packet, 2));
  }

  static void write(String dir, String name, byte[] bytes) throws IOException {
    Path d = ROOT.resolve(dir);
    Files.createDirectories(d);
    Files.write(d.resolve(name), bytes);
  }
}
