package dev.raftseq.p2p.wire;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import java.io.IOException;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * A frame's data: {@code rlp(msg-id) || msg-data}, with msg-data Snappy-compressed (raw block
 * format) once both Hellos said version 5 (rlpx.md, "Message Encoding"). The decompressed length
 * is read from Snappy's header and checked against the limit before anything is allocated.
 */
public final class MessageFrames {
  /** Base protocol message ids. */
  public static final int HELLO = 0x00;
  public static final int DISCONNECT = 0x01;
  public static final int PING = 0x02;
  public static final int PONG = 0x03;
  /** The first id of the first shared capability. */
  public static final int BASE_PROTOCOL_IDS = 0x10;
  /** The spec's bound on decompressed messages. */
  public static final int MAX_MESSAGE_BYTES = 16 << 20;
  /** Ping and Pong carry an empty list. */
  public static final byte[] EMPTY_LIST = {(byte) 0xc0};

  /** A decoded frame: id and (decompressed) payload. */
  public record Message(int id, byte[] data) {}

  private MessageFrames() {}

  public static byte[] encode(int id, byte[] data, boolean compress) {
    byte[] idRlp = RlpWriter.encodeLong(id);
    byte[] body;
    try {
      body = compress ? Snappy.compress(data) : data;
    } catch (IOException e) {
      throw new IllegalStateException("snappy compression failed", e);
    }
    byte[] out = Arrays.copyOf(idRlp, idRlp.length + body.length);
    System.arraycopy(body, 0, out, idRlp.length, body.length);
    return out;
  }

  /**
   * @param maxMessageBytes largest accepted (decompressed) payload
   * @throws DecodeException when the id is not a canonical RLP integer, the payload is not valid
   *     Snappy, or it exceeds the limit
   */
  public static Message decode(byte[] frameData, boolean compressed, int maxMessageBytes) throws DecodeException {
    RlpReader r = RlpReader.of(frameData);
    long id = r.readLong("message id");
    if (id > Integer.MAX_VALUE) {
      throw new DecodeException("message id " + id + " out of range");
    }
    int start = r.position();
    byte[] payload = Arrays.copyOfRange(frameData, start, frameData.length);
    if (!compressed) {
      if (payload.length > maxMessageBytes) {
        throw new DecodeException("message of " + payload.length + " bytes exceeds the limit " + maxMessageBytes);
      }
      return new Message((int) id, payload);
    }
    return new Message((int) id, decompress(payload, maxMessageBytes));
  }

  static byte[] decompress(byte[] compressed, int maxMessageBytes) throws DecodeException {
    int length;
    try {
      length = Snappy.uncompressedLength(compressed);
    } catch (IOException e) {
      throw new DecodeException("message is not valid snappy data: " + e.getMessage());
    }
    if (length < 0 || length > maxMessageBytes) {
      throw new DecodeException("message decompresses to " + Integer.toUnsignedString(length)
          + " bytes, over the limit " + maxMessageBytes);
    }
    try {
      if (!Snappy.isValidCompressedBuffer(compressed)) {
        throw new DecodeException("message is not valid snappy data");
      }
    } catch (IOException e) {
      throw new DecodeException("message is not valid snappy data: " + e.getMessage());
    }
    try {
      byte[] out = new byte[length];
      int n = Snappy.uncompress(compressed, 0, compressed.length, out, 0);
      if (n != length) {
        throw new DecodeException("snappy data decompressed to " + n + " bytes, header said " + length);
      }
      return out;
    } catch (IOException e) {
      throw new DecodeException("message is not valid snappy data: " + e.getMessage());
    }
  }
}
