package dev.raftseq.p2p.wire;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The base protocol's Hello (0x00): {@code [protocolVersion, clientId, [[cap, version], ...],
 * listenPort, nodeId, ...]}. Per EIP-8, elements after nodeId are ignored, as are capability names
 * or versions we do not speak.
 */
public record Hello(long protocolVersion, String clientId, List<Cap> capabilities, long listenPort, byte[] nodeId) {
  /** The base protocol version we speak: 5 (Snappy after Hello). */
  public static final int VERSION = 5;
  /** Upper bounds that keep a hostile Hello small. */
  public static final int MAX_CLIENT_ID = 256;
  public static final int MAX_CAPABILITIES = 32;

  /** A capability as advertised (name up to 8 characters is not enforced on input). */
  public record Cap(String name, long version) {}

  public Hello {
    capabilities = List.copyOf(capabilities);
    if (nodeId.length != 64) {
      throw new IllegalArgumentException("node id must be 64 bytes");
    }
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(200).startList().writeLong(protocolVersion)
        .writeBytes(clientId.getBytes(StandardCharsets.UTF_8)).startList();
    for (Cap c : capabilities) {
      w.startList().writeBytes(c.name().getBytes(StandardCharsets.US_ASCII)).writeLong(c.version()).endList();
    }
    return w.endList().writeLong(listenPort).writeBytes(nodeId).endList().toByteArray();
  }

  public static Hello decode(byte[] data) throws DecodeException {
    RlpReader top = RlpReader.of(data);
    RlpReader r = top.readList("hello");
    top.requireEnd("hello");
    long version = r.readLong("hello protocol version");
    byte[] client = r.readBytes("hello client id");
    if (client.length > MAX_CLIENT_ID) {
      throw new DecodeException("hello client id of " + client.length + " bytes exceeds " + MAX_CLIENT_ID);
    }
    RlpReader caps = r.readList("hello capabilities");
    List<Cap> out = new ArrayList<>();
    while (caps.hasNext()) {
      if (out.size() == MAX_CAPABILITIES) {
        throw new DecodeException("hello lists more than " + MAX_CAPABILITIES + " capabilities");
      }
      RlpReader c = caps.readList("capability");
      byte[] name = c.readBytes("capability name");
      long capVersion = c.readLong("capability version");
      if (name.length > 32) {
        throw new DecodeException("capability name of " + name.length + " bytes");
      }
      out.add(new Cap(new String(name, StandardCharsets.ISO_8859_1), capVersion));
    }
    long port = r.readLong("hello listen port");
    byte[] nodeId = r.readFixedBytes("hello node id", 64);
    return new Hello(version, new String(client, StandardCharsets.UTF_8), out, port, nodeId);
  }
}
