package dev.raftseq.p2p.testing;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.p2p.Capability;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.rlpx.FrameCodec;
import dev.raftseq.p2p.rlpx.Handshake;
import dev.raftseq.p2p.rlpx.Secrets;
import dev.raftseq.p2p.wire.Disconnect;
import dev.raftseq.p2p.wire.Hello;
import dev.raftseq.p2p.wire.MessageFrames;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Random;

/**
 * A blocking peer on a plain socket built from the project's RLPx classes, for tests that need
 * to misbehave: stay silent, send oversized messages, claim keys it does not hold.
 */
public final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private FrameCodec codec;
  private boolean compress;

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens TCP only. */
  public static RawPeer open(int port) throws IOException {
    return new RawPeer(new Socket("127.0.0.1", port));
  }

  /** Dials and completes the RLPx handshake (auth/ack), with frame limit {@code maxFrame}. */
  public static RawPeer handshake(int port, NodeKey self, NodeId remote, int maxFrame) throws Exception {
    return handshake(open(port), self, remote, maxFrame);
  }

  /** The same with a small socket receive buffer (a peer that stops reading fills up fast). */
  public static RawPeer handshakeWithSmallReceiveBuffer(int port, NodeKey self, NodeId remote) throws Exception {
    Socket s = new Socket();
    s.setReceiveBufferSize(16 << 10);
    s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
    return handshake(new RawPeer(s), self, remote, 1 << 20);
  }

  private static RawPeer handshake(RawPeer p, NodeKey self, NodeId remote, int maxFrame) throws Exception {
    Handshake.Initiator init = new Handshake.Initiator(self, remote, new Random());
    p.out.write(init.authPacket());
    p.out.flush();
    byte[] prefix = p.in.readNBytes(2);
    if (prefix.length < 2) {
      throw new EOFException("closed before ack");
    }
    int len = Handshake.packetLength(prefix[0], prefix[1]);
    byte[] ack = new byte[len];
    ack[0] = prefix[0];
    ack[1] = prefix[1];
    p.in.readFully(ack, 2, len - 2);
    Secrets s = init.onAck(ack);
    p.codec = new FrameCodec(s, maxFrame);
    return p;
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void sendHello(NodeKey self, List<Capability> caps) throws IOException {
    List<Hello.Cap> c = caps.stream().map(x -> new Hello.Cap(x.name(), x.version())).toList();
    sendFrame(MessageFrames.encode(MessageFrames.HELLO, new Hello(Hello.VERSION, "raw", c, 0, self.publicKey()).encode(), false));
  }

  /** Sends a message with an absolute id (compressed once Hellos are exchanged). */
  public void send(int id, byte[] data) throws IOException {
    sendFrame(MessageFrames.encode(id, data, compress));
  }

  public void sendFrame(byte[] frameData) throws IOException {
    out.write(codec.encode(frameData));
    out.flush();
  }

  /** Reads the next message; Hello switches compression on for what follows. */
  public MessageFrames.Message read() throws Exception {
    byte[] header = in.readNBytes(FrameCodec.HEADER_BYTES);
    if (header.length < FrameCodec.HEADER_BYTES) {
      throw new EOFException("connection closed");
    }
    int size = codec.readHeader(header, 0);
    byte[] body = in.readNBytes(FrameCodec.bodyLength(size));
    if (body.length < FrameCodec.bodyLength(size)) {
      throw new EOFException("connection closed mid-frame");
    }
    MessageFrames.Message m = MessageFrames.decode(codec.readBody(body, 0, size), compress, 16 << 20);
    if (m.id() == MessageFrames.HELLO) {
      compress = Hello.decode(m.data()).protocolVersion() >= 5;
    }
    return m;
  }

  /** Reads until a message with this id arrives (answering Pings). */
  public MessageFrames.Message readUntil(int id) throws Exception {
    while (true) {
      MessageFrames.Message m = read();
      if (m.id() == id) {
        return m;
      }
      if (m.id() == MessageFrames.PING) {
        send(MessageFrames.PONG, MessageFrames.EMPTY_LIST);
      }
    }
  }

  /** Reads until Disconnect or close; returns the reason, or null if closed without one. */
  public DisconnectReason awaitDisconnect() throws Exception {
    try {
      while (true) {
        MessageFrames.Message m = read();
        if (m.id() == MessageFrames.DISCONNECT) {
          return Disconnect.decode(m.data());
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return null;
    }
  }

  /** Whether the remote closed the TCP connection within the socket timeout. */
  public boolean closedByRemote() throws IOException {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  public void setTimeoutMillis(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
