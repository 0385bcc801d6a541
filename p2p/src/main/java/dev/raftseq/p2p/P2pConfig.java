package dev.raftseq.p2p;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the p2p network.
 *
 * @param listenHost interface to listen on ({@code NETWORK_ADDRESS})
 * @param listenPort TCP port ({@code NETWORK_PORT}); 0 binds an ephemeral port (tests)
 * @param bootNodes peers to keep dialling ({@code NETWORK_BOOT_NODES}); an entry with this node's
 *     own id is skipped. Boot nodes are trusted: they are admitted beyond the peer cap
 * @param maxPeers cap on connected peers (inbound and outbound, boot nodes not counted against it)
 * @param handshakeTimeout TCP connect to both Hellos exchanged
 * @param pingInterval how often an idle connection is pinged
 * @param idleTimeout a connection that received nothing (not even a Pong) for this long is dropped
 * @param maxFrameBytes largest frame accepted (frame-data, compressed); at most 2^24 - 1
 * @param maxMessageBytes largest message after decompression
 * @param dialBackoffMin first redial delay after a failed or lost connection to a boot node
 * @param dialBackoffMax the delay doubles up to this
 * @param clientId sent in Hello
 */
public record P2pConfig(
    String listenHost,
    int listenPort,
    List<Enode> bootNodes,
    int maxPeers,
    Duration handshakeTimeout,
    Duration pingInterval,
    Duration idleTimeout,
    int maxFrameBytes,
    int maxMessageBytes,
    Duration dialBackoffMin,
    Duration dialBackoffMax,
    String clientId) {

  public static final int DEFAULT_MAX_PEERS = 50;
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_FRAME_BYTES = (16 << 20) - 1;
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;
  public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofMillis(500);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

  public P2pConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    bootNodes = List.copyOf(bootNodes);
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port out of range: " + listenPort);
    }
    if (maxPeers < 1) {
      throw new IllegalArgumentException("max peers must be at least 1, got " + maxPeers);
    }
    positive(handshakeTimeout, "handshake timeout");
    positive(pingInterval, "ping interval");
    positive(idleTimeout, "idle timeout");
    positive(dialBackoffMin, "dial backoff min");
    if (dialBackoffMax.compareTo(dialBackoffMin) < 0) {
      throw new IllegalArgumentException("dial backoff max " + dialBackoffMax + " is below min " + dialBackoffMin);
    }
    if (idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("idle timeout " + idleTimeout + " must exceed the ping interval " + pingInterval);
    }
    if (maxFrameBytes < 1024 || maxFrameBytes > (1 << 24) - 1) {
      throw new IllegalArgumentException("max frame bytes must be 1024..16777215, got " + maxFrameBytes);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("max message bytes must be at least 1024, got " + maxMessageBytes);
    }
  }

  /** Defaults for everything but the endpoint and boot nodes. */
  public static P2pConfig defaults(String listenHost, int listenPort, List<Enode> bootNodes) {
    return new P2pConfig(listenHost, listenPort, bootNodes, DEFAULT_MAX_PEERS, DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_PING_INTERVAL, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_BACKOFF_MIN, DEFAULT_BACKOFF_MAX, "raftseq/0.1");
  }

  public P2pConfig withMaxPeers(int n) {
    return new P2pConfig(listenHost, listenPort, bootNodes, n, handshakeTimeout, pingInterval, idleTimeout,
        maxFrameBytes, maxMessageBytes, dialBackoffMin, dialBackoffMax, clientId);
  }

  public P2pConfig withTimeouts(Duration handshake, Duration ping, Duration idle) {
    return new P2pConfig(listenHost, listenPort, bootNodes, maxPeers, handshake, ping, idle,
        maxFrameBytes, maxMessageBytes, dialBackoffMin, dialBackoffMax, clientId);
  }

  public P2pConfig withLimits(int frameBytes, int messageBytes) {
    return new P2pConfig(listenHost, listenPort, bootNodes, maxPeers, handshakeTimeout, pingInterval, idleTimeout,
        frameBytes, messageBytes, dialBackoffMin, dialBackoffMax, clientId);
  }

  public P2pConfig withBackoff(Duration min, Duration max) {
    return new P2pConfig(listenHost, listenPort, bootNodes, maxPeers, handshakeTimeout, pingInterval, idleTimeout,
        maxFrameBytes, maxMessageBytes, min, max, clientId);
  }

  public P2pConfig withBootNodes(List<Enode> nodes) {
    return new P2pConfig(listenHost, listenPort, nodes, maxPeers, handshakeTimeout, pingInterval, idleTimeout,
        maxFrameBytes, maxMessageBytes, dialBackoffMin, dialBackoffMax, clientId);
  }

  private static void positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
