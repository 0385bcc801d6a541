package dev.raftseq.p2p;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.p2p.rlpx.FrameCodec;
import dev.raftseq.p2p.rlpx.FrameException;
import dev.raftseq.p2p.rlpx.Handshake;
import dev.raftseq.p2p.rlpx.HandshakeException;
import dev.raftseq.p2p.wire.Disconnect;
import dev.raftseq.p2p.wire.Hello;
import dev.raftseq.p2p.wire.MessageFrames;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RLPx connection on a Vert.x socket: handshake, Hello, then framed messages dispatched to the
 * sub-protocols. Every field is touched only on the socket's event-loop context; {@link #send}
 * and {@link #disconnect} hop onto it.
 */
final class RlpxConnection implements Peer {
  private static final Logger LOG = LoggerFactory.getLogger(RlpxConnection.class);

  enum Phase { AUTH, ACK, HELLO, ACTIVE, CLOSED }

  /** A sub-protocol's share of the message-id space on this connection. */
  private record Range(SubProtocol protocol, int offset, int count) {}

  private final P2pNetwork network;
  private final NodeKey self;
  private final P2pConfig config;
  private final Vertx vertx;
  private final Context context;
  private final NetSocket socket;
  private final boolean inbound;
  private final NodeId expected;
  private final String address;
  private final String logPrefix;

  private Phase phase;
  private Handshake.Initiator initiator;
  private Handshake.Recipient recipient;
  private FrameCodec codec;
  private NodeId remoteId;
  private String remoteClient = "";
  private boolean compress;
  private final List<Range> ranges = new ArrayList<>();
  private Instant connectedAt;

  private byte[] acc = new byte[4096];
  private int accLen;
  private int frameSize = -1;

  private long handshakeTimer = -1;
  private long pingTimer = -1;
  private long lastReceivedNanos;
  private DisconnectReason closeReason = DisconnectReason.TCP_ERROR;
  private boolean announcedConnected;

  RlpxConnection(P2pNetwork network, NodeKey self, P2pConfig config, Vertx vertx, NetSocket socket, NodeId expected,
      Random random) {
    this.network = network;
    this.self = self;
    this.config = config;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.socket = socket;
    this.inbound = expected == null;
    this.expected = expected;
    this.address = socket.remoteAddress() == null ? "?" : socket.remoteAddress().host() + ":" + socket.remoteAddress().port();
    this.logPrefix = "[" + NodeId.of(self).shortId() + "] ";
    if (inbound) {
      phase = Phase.AUTH;
      recipient = new Handshake.Recipient(self, random);
    } else {
      phase = Phase.ACK;
      initiator = new Handshake.Initiator(self, expected, random);
    }
  }

  /** Installs handlers and starts the handshake; on the socket's context. */
  void start() {
    lastReceivedNanos = System.nanoTime();
    // what we may have queued for a peer that does not read: two largest messages
    socket.setWriteQueueMaxSize((int) Math.min(Integer.MAX_VALUE, 2L * config.maxMessageBytes()));
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> {
      LOG.debug("{}connection {} error: {}", logPrefix, describe(), e.toString());
      closeReason = DisconnectReason.TCP_ERROR;
      socket.close();
    });
    handshakeTimer = vertx.setTimer(config.handshakeTimeout().toMillis(), id -> {
      handshakeTimer = -1;
      if (phase != Phase.ACTIVE && phase != Phase.CLOSED) {
        LOG.info("{}handshake with {} timed out after {} in phase {}", logPrefix, describe(), config.handshakeTimeout(), phase);
        closeReason = DisconnectReason.PING_TIMEOUT;
        if (codec != null) {
          sendDisconnectAndClose(DisconnectReason.PING_TIMEOUT);
        } else {
          socket.close();
        }
      }
    });
    if (!inbound) {
      write(initiator.authPacket());
    }
  }

  // ------------------------------------------------------------------ ingress

  private void onData(Buffer data) {
    if (phase == Phase.CLOSED) {
      return;
    }
    lastReceivedNanos = System.nanoTime();
    append(data);
    try {
      int pos = 0;
      while (phase != Phase.CLOSED) {
        int used = step(pos);
        if (used == 0) {
          break;
        }
        pos += used;
      }
      compact(pos);
    } catch (HandshakeException e) {
      LOG.info("{}handshake with {} failed: {}", logPrefix, describe(), e.getMessage());
      closeReason = DisconnectReason.BREACH_OF_PROTOCOL;
      phase = Phase.CLOSED;
      socket.close();
    } catch (FrameException e) {
      LOG.warn("{}dropping {}: {}", logPrefix, describe(), e.getMessage());
      closeReason = DisconnectReason.BREACH_OF_PROTOCOL;
      phase = Phase.CLOSED;
      socket.close();
    } catch (DecodeException e) {
      protocolBreach(e.getMessage());
    }
  }

  /** Consumes one unit (handshake packet or frame) starting at pos; returns bytes used, 0 if incomplete. */
  private int step(int pos) throws HandshakeException, FrameException, DecodeException {
    int avail = accLen - pos;
    if (phase == Phase.AUTH || phase == Phase.ACK) {
      if (avail < 2) {
        return 0;
      }
      int len = Handshake.packetLength(acc[pos], acc[pos + 1]);
      if (len > Handshake.MAX_PACKET_BYTES) {
        throw new HandshakeException((phase == Phase.AUTH ? "auth" : "ack") + " packet of " + len
            + " bytes exceeds " + Handshake.MAX_PACKET_BYTES);
      }
      if (avail < len) {
        return 0;
      }
      byte[] packet = Arrays.copyOfRange(acc, pos, pos + len);
      if (phase == Phase.AUTH) {
        byte[] ack = recipient.onAuth(packet);
        remoteId = recipient.remoteId();
        codec = new FrameCodec(recipient.secrets(), config.maxFrameBytes());
        write(ack);
      } else {
        try {
          codec = new FrameCodec(initiator.onAck(packet), config.maxFrameBytes());
        } catch (HandshakeException e) {
          throw new HandshakeException(e.getMessage() + " (does " + address + " hold the key of " + expected.shortId() + "?)");
        }
        remoteId = expected;
      }
      recipient = null;
      initiator = null;
      phase = Phase.HELLO;
      sendHello();
      return len;
    }
    if (frameSize < 0) {
      if (avail < FrameCodec.HEADER_BYTES) {
        return 0;
      }
      frameSize = codec.readHeader(acc, pos);
      return FrameCodec.HEADER_BYTES;
    }
    int bodyLen = FrameCodec.bodyLength(frameSize);
    if (avail < bodyLen) {
      return 0;
    }
    byte[] frameData = codec.readBody(acc, pos, frameSize);
    frameSize = -1;
    onFrame(frameData);
    return bodyLen;
  }

  private void onFrame(byte[] frameData) throws DecodeException {
    MessageFrames.Message m = MessageFrames.decode(frameData, compress, config.maxMessageBytes());
    if (phase == Phase.HELLO) {
      if (m.id() == MessageFrames.DISCONNECT) {
        onDisconnect(Disconnect.decode(m.data()));
        return;
      }
      if (m.id() != MessageFrames.HELLO) {
        throw new DecodeException("expected Hello, got message " + m.id());
      }
      onHello(Hello.decode(m.data()));
      return;
    }
    switch (m.id()) {
      case MessageFrames.HELLO -> throw new DecodeException("second Hello");
      case MessageFrames.DISCONNECT -> onDisconnect(Disconnect.decode(m.data()));
      case MessageFrames.PING -> sendNow(MessageFrames.PONG, MessageFrames.EMPTY_LIST);
      case MessageFrames.PONG -> { }
      default -> dispatch(m);
    }
  }

  private void onHello(Hello hello) {
    remoteClient = hello.clientId();
    // from here on both sides compress (a Disconnect answering this Hello too)
    compress = hello.protocolVersion() >= Hello.VERSION;
    if (!Arrays.equals(hello.nodeId(), remoteId.unsafeBytes())) {
      LOG.warn("{}{} sent a Hello with another node id than its handshake proved", logPrefix, describe());
      sendDisconnectAndClose(DisconnectReason.UNEXPECTED_IDENTITY);
      return;
    }
    assignRanges(hello.capabilities());
    if (ranges.isEmpty()) {
      LOG.info("{}{} ({}) shares no capability with us: {}", logPrefix, describe(), remoteClient, hello.capabilities());
      sendDisconnectAndClose(DisconnectReason.USELESS_PEER);
      return;
    }
    DisconnectReason refusal = network.admit(this);
    if (refusal != null) {
      LOG.info("{}refusing {}: {}", logPrefix, describe(), refusal);
      sendDisconnectAndClose(refusal);
      return;
    }
    cancelTimer(handshakeTimer);
    handshakeTimer = -1;
    phase = Phase.ACTIVE;
    connectedAt = Instant.now();
    long interval = config.pingInterval().toMillis();
    pingTimer = vertx.setPeriodic(interval, interval, id -> onPingTimer());
    LOG.info("{}connected {} {} ({}, {})", logPrefix, inbound ? "from" : "to", describe(), remoteClient,
        ranges.stream().map(r -> r.protocol().capability().toString()).toList());
    announcedConnected = true;
    for (Range r : ranges) {
      r.protocol().onConnected(this);
    }
  }

  /** Shared capabilities, highest common version per name, ids assigned in name order. */
  private void assignRanges(List<Hello.Cap> remoteCaps) {
    List<SubProtocol> shared = new ArrayList<>();
    for (SubProtocol p : network.protocols()) {
      Capability c = p.capability();
      if (remoteCaps.stream().anyMatch(rc -> rc.name().equals(c.name()) && rc.version() == c.version())) {
        shared.add(p);
      }
    }
    shared.sort(Comparator.comparing(p -> p.capability().name()));
    int offset = MessageFrames.BASE_PROTOCOL_IDS;
    for (SubProtocol p : shared) {
      ranges.add(new Range(p, offset, p.capability().messageCount()));
      offset += p.capability().messageCount();
    }
  }

  private void dispatch(MessageFrames.Message m) throws DecodeException {
    for (Range r : ranges) {
      if (m.id() >= r.offset() && m.id() < r.offset() + r.count()) {
        r.protocol().onMessage(this, m.id() - r.offset(), m.data());
        return;
      }
    }
    throw new DecodeException("message id " + m.id() + " belongs to no shared capability");
  }

  private void onDisconnect(DisconnectReason reason) {
    LOG.info("{}{} disconnected: {}", logPrefix, describe(), reason);
    closeReason = reason;
    phase = Phase.CLOSED;
    socket.close();
  }

  private void onPingTimer() {
    if (phase != Phase.ACTIVE) {
      return;
    }
    long idleNanos = System.nanoTime() - lastReceivedNanos;
    if (idleNanos > config.idleTimeout().toNanos()) {
      LOG.info("{}{} sent nothing for {} ms; dropping", logPrefix, describe(), idleNanos / 1_000_000);
      sendDisconnectAndClose(DisconnectReason.PING_TIMEOUT);
      return;
    }
    sendNow(MessageFrames.PING, MessageFrames.EMPTY_LIST);
  }

  private void protocolBreach(String why) {
    LOG.warn("{}{} broke the protocol: {}", logPrefix, describe(), why);
    if (codec != null && phase != Phase.CLOSED) {
      sendDisconnectAndClose(DisconnectReason.BREACH_OF_PROTOCOL);
    } else {
      phase = Phase.CLOSED;
      socket.close();
    }
  }

  private void onClosed() {
    Phase was = phase;
    phase = Phase.CLOSED;
    cancelTimer(handshakeTimer);
    cancelTimer(pingTimer);
    if (was != Phase.ACTIVE && was != Phase.CLOSED && !inbound) {
      LOG.info("{}connection to {} closed during the handshake ({})", logPrefix, describe(), was);
    }
    network.onClosed(this, announcedConnected);
    if (announcedConnected) {
      for (Range r : ranges) {
        r.protocol().onDisconnected(this, closeReason);
      }
    }
  }

  // ------------------------------------------------------------------ egress

  private void sendHello() {
    List<Hello.Cap> caps = network.protocols().stream()
        .map(p -> new Hello.Cap(p.capability().name(), p.capability().version())).toList();
    byte[] hello = new Hello(Hello.VERSION, config.clientId(), caps, network.listenPort(), self.publicKey()).encode();
    write(codec.encode(MessageFrames.encode(MessageFrames.HELLO, hello, false)));
  }

  /** On the context: frames and writes a base-protocol or absolute-id message. */
  private void sendNow(int id, byte[] data) {
    if (phase == Phase.CLOSED || codec == null) {
      return;
    }
    if (socket.writeQueueFull()) {
      LOG.warn("{}{} does not read what we send ({} bytes queued); dropping it", logPrefix, describe(),
          2L * config.maxMessageBytes());
      closeReason = DisconnectReason.TCP_ERROR;
      phase = Phase.CLOSED;
      abort();
      return;
    }
    byte[] frameData = MessageFrames.encode(id, data, compress);
    if (frameData.length > config.maxFrameBytes()) {
      LOG.error("{}not sending message {} of {} bytes to {}: over the frame limit {}", logPrefix, id, frameData.length,
          describe(), config.maxFrameBytes());
      return;
    }
    write(codec.encode(frameData));
  }

  private void sendDisconnectAndClose(DisconnectReason reason) {
    if (phase == Phase.CLOSED) {
      return;
    }
    closeReason = reason;
    if (codec != null) {
      byte[] frameData = MessageFrames.encode(MessageFrames.DISCONNECT, Disconnect.encode(reason), compress);
      phase = Phase.CLOSED;
      socket.write(Buffer.buffer(codec.encode(frameData))).onComplete(v -> socket.close());
      // a peer that never reads must not keep the socket open (a graceful close waits for the flush)
      vertx.setTimer(2000, id -> abort());
    } else {
      phase = Phase.CLOSED;
      socket.close();
    }
  }

  /** Closes the TCP connection now, dropping unsent data (close() would wait to flush it). */
  private void abort() {
    if (socket instanceof io.vertx.core.net.impl.NetSocketInternal internal) {
      // from Vert.x's own handler context: skips its graceful close, which waits for queued writes
      internal.channelHandlerContext().close();
    } else {
      socket.close();
    }
  }

  private void write(byte[] bytes) {
    socket.write(Buffer.buffer(bytes));
  }

  @Override
  public void send(int code, byte[] data) {
    context.runOnContext(v -> {
      if (phase != Phase.ACTIVE) {
        return;
      }
      for (Range r : ranges) {
        if (code >= 0 && code < r.count()) {
          sendNow(r.offset() + code, data);
          return;
        }
      }
      throw new IllegalArgumentException("message code " + code + " outside the shared capability");
    });
  }

  @Override
  public void disconnect(DisconnectReason reason, String why) {
    context.runOnContext(v -> {
      if (phase == Phase.CLOSED) {
        return;
      }
      LOG.warn("{}disconnecting {}: {} ({})", logPrefix, describe(), why, reason);
      sendDisconnectAndClose(reason);
    });
  }

  /** Closes without a Disconnect message (shutdown of the network). */
  void closeQuietly() {
    context.runOnContext(v -> {
      if (codec != null && phase == Phase.ACTIVE) {
        sendDisconnectAndClose(DisconnectReason.CLIENT_QUITTING);
      } else {
        phase = Phase.CLOSED;
        socket.close();
      }
    });
  }

  // ------------------------------------------------------------------ Peer

  @Override
  public NodeId id() {
    return remoteId;
  }

  NodeId expectedId() {
    return expected;
  }

  @Override
  public String remoteAddress() {
    return address;
  }

  @Override
  public boolean inbound() {
    return inbound;
  }

  @Override
  public String clientId() {
    return remoteClient;
  }

  @Override
  public boolean isOpen() {
    return phase == Phase.ACTIVE;
  }

  PeerInfo info() {
    return new PeerInfo(remoteId, address, inbound, remoteClient, connectedAt);
  }

  private String describe() {
    NodeId id = remoteId != null ? remoteId : expected;
    return (id == null ? "?" : id.shortId()) + "@" + address;
  }

  @Override
  public String toString() {
    return describe();
  }

  // ------------------------------------------------------------------ buffer

  private void append(Buffer data) {
    int n = data.length();
    if (accLen + n > acc.length) {
      acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + n));
    }
    data.getBytes(0, n, acc, accLen);
    accLen += n;
  }

  private void compact(int consumed) {
    if (consumed == 0) {
      return;
    }
    System.arraycopy(acc, consumed, acc, 0, accLen - consumed);
    accLen -= consumed;
    if (acc.length > (1 << 20) && accLen < 4096) {
      acc = Arrays.copyOf(acc, 4096);
    }
  }

  private void cancelTimer(long id) {
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }
}
