package dev.raftseq.p2p;

import dev.raftseq.chain.crypto.NodeKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's p2p endpoint: listens on {@code NETWORK_ADDRESS:NETWORK_PORT}, keeps dialling the
 * boot nodes (exponential backoff with jitter, reset on success), admits peers up to the cap and
 * hands each connected peer to the sub-protocols.
 *
 * <p>Boot-node entries with this node's own id are skipped. A dial reaches a peer only if the
 * node at the address holds the key the enode names: auth is encrypted to that key, so any other
 * node fails the handshake, which is logged and retried with backoff (the right node may come up
 * there later). Two connections to one peer (both dialled at once) are resolved the same way on
 * both sides: the one dialled by the lower node id stays.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} once. The Vert.x instance belongs to the
 * caller.
 */
public final class P2pNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);

  private final Vertx vertx;
  private final P2pConfig config;
  private final NodeKey key;
  private final NodeId selfId;
  private final List<SubProtocol> protocols;
  private final Random random = new SecureRandom();
  private final String logPrefix;

  private final Object lock = new Object();
  private final Map<NodeId, RlpxConnection> peers = new HashMap<>();
  private final Set<RlpxConnection> handshaking = new HashSet<>();
  private final Map<NodeId, Dialer> dialers = new HashMap<>();
  private final Set<NodeId> trusted = new HashSet<>();

  private NetServer server;
  private NetClient client;
  private volatile int boundPort;
  private volatile boolean stopped;

  public P2pNetwork(Vertx vertx, P2pConfig config, NodeKey key, List<SubProtocol> protocols) {
    this.vertx = vertx;
    this.config = config;
    this.key = key;
    this.selfId = NodeId.of(key);
    this.protocols = List.copyOf(protocols);
    this.logPrefix = "[" + selfId.shortId() + "] ";
    Set<String> names = new HashSet<>();
    for (SubProtocol p : protocols) {
      if (!names.add(p.capability().name())) {
        throw new IllegalArgumentException("two sub-protocols named " + p.capability().name());
      }
    }
  }

  public NodeId selfId() {
    return selfId;
  }

  /** Binds the listener, then starts dialling boot nodes; completes with the bound port. */
  public CompletionStage<Integer> start() {
    client = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
        .setTcpNoDelay(true));
    server = vertx.createNetServer(new NetServerOptions().setHost(config.listenHost()).setPort(config.listenPort())
        .setTcpNoDelay(true));
    server.connectHandler(this::onInbound);
    CompletableFuture<Integer> started = new CompletableFuture<>();
    server.listen().onComplete(ar -> {
      if (ar.failed()) {
        started.completeExceptionally(new IllegalStateException(
            "p2p cannot listen on " + config.listenHost() + ":" + config.listenPort() + ": " + ar.cause().getMessage(), ar.cause()));
        return;
      }
      boundPort = ar.result().actualPort();
      LOG.info("{}p2p listening on {}:{} as enode://{}@{}:{}", logPrefix, config.listenHost(), boundPort,
          selfId.toHex().substring(2), config.listenHost(), boundPort);
      for (Enode boot : config.bootNodes()) {
        if (boot.id().equals(selfId)) {
          LOG.info("{}boot node {} is this node; skipped", logPrefix, boot.address());
          continue;
        }
        synchronized (lock) {
          trusted.add(boot.id());
          dialers.computeIfAbsent(boot.id(), id -> new Dialer(boot)).dialSoon(0);
        }
      }
      started.complete(boundPort);
    });
    return started;
  }

  /** Disconnects every peer (Client quitting) and closes the listener. */
  public CompletionStage<Void> stop() {
    stopped = true;
    List<RlpxConnection> all;
    synchronized (lock) {
      all = new ArrayList<>(peers.values());
      all.addAll(handshaking);
      dialers.values().forEach(Dialer::cancel);
    }
    all.forEach(RlpxConnection::closeQuietly);
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> client == null ? Future.succeededFuture() : client.close()).toCompletionStage();
  }

  /** Dials a peer once (no redial); the future completes when it is connected or failed. */
  public void connect(Enode enode) {
    dial(enode, null);
  }

  /** Keeps a connection to this peer like a boot node (trusted, redialled with backoff). */
  public void addTrustedPeer(Enode enode) {
    if (enode.id().equals(selfId)) {
      return;
    }
    synchronized (lock) {
      trusted.add(enode.id());
      dialers.computeIfAbsent(enode.id(), id -> new Dialer(enode)).dialSoon(0);
    }
  }

  public List<PeerInfo> peers() {
    synchronized (lock) {
      return peers.values().stream().map(RlpxConnection::info).toList();
    }
  }

  public int peerCount() {
    synchronized (lock) {
      return peers.size();
    }
  }

  public int listenPort() {
    return boundPort;
  }

  /** This node's enode URL on the bound port. */
  public Enode enode() {
    return new Enode(selfId, config.listenHost().equals("0.0.0.0") ? "127.0.0.1" : config.listenHost(), boundPort);
  }

  List<SubProtocol> protocols() {
    return protocols;
  }

  // ------------------------------------------------------------------ connections

  private void onInbound(NetSocket socket) {
    if (stopped) {
      socket.close();
      return;
    }
    RlpxConnection c = new RlpxConnection(this, key, config, vertx, socket, null, random);
    synchronized (lock) {
      // handshakes are cheap to start and costly to finish: bound them
      if (handshaking.size() >= 2 * config.maxPeers() + trusted.size()) {
        LOG.info("{}refusing connection from {}: {} handshakes in progress", logPrefix, c.remoteAddress(), handshaking.size());
        socket.close();
        return;
      }
      handshaking.add(c);
    }
    c.start();
  }

  private void dial(Enode enode, Dialer dialer) {
    if (stopped) {
      return;
    }
    client.connect(enode.port(), enode.host()).onComplete(ar -> {
      if (ar.failed()) {
        if (dialer != null) {
          dialer.failed("cannot connect: " + ar.cause().getMessage());
        } else {
          LOG.info("{}cannot connect to {}: {}", logPrefix, enode, ar.cause().getMessage());
        }
        return;
      }
      NetSocket socket = ar.result();
      if (stopped) {
        socket.close();
        return;
      }
      // runs on the socket's context, so the connection binds to it
      RlpxConnection c = new RlpxConnection(this, key, config, vertx, socket, enode.id(), random);
      synchronized (lock) {
        handshaking.add(c);
      }
      c.start();
    });
  }

  /** Decides whether a peer that completed Hello may stay; null admits it. */
  DisconnectReason admit(RlpxConnection c) {
    NodeId id = c.id();
    synchronized (lock) {
      handshaking.remove(c);
      if (stopped) {
        return DisconnectReason.CLIENT_QUITTING;
      }
      if (id.equals(selfId)) {
        return DisconnectReason.CONNECTED_TO_SELF;
      }
      RlpxConnection existing = peers.get(id);
      if (existing != null) {
        if (keepNew(existing, c)) {
          LOG.info("{}{} connected twice; keeping the connection dialled by the lower id", logPrefix, id.shortId());
          peers.put(id, c);
          existing.disconnect(DisconnectReason.ALREADY_CONNECTED, "duplicate connection");
          return null;
        }
        return DisconnectReason.ALREADY_CONNECTED;
      }
      if (!trusted.contains(id) && untrustedCount() >= config.maxPeers()) {
        return DisconnectReason.TOO_MANY_PEERS;
      }
      peers.put(id, c);
      Dialer d = dialers.get(id);
      if (d != null) {
        d.connected();
      }
      return null;
    }
  }

  private int untrustedCount() {
    int n = 0;
    for (NodeId id : peers.keySet()) {
      if (!trusted.contains(id)) {
        n++;
      }
    }
    return n;
  }

  /** Both ends must pick the same connection: the one whose dialler has the lower id. */
  private boolean keepNew(RlpxConnection existing, RlpxConnection fresh) {
    if (existing.inbound() == fresh.inbound()) {
      return false;
    }
    NodeId dialerOfFresh = fresh.inbound() ? fresh.id() : selfId;
    NodeId dialerOfExisting = existing.inbound() ? existing.id() : selfId;
    return compare(dialerOfFresh, dialerOfExisting) < 0;
  }

  private static int compare(NodeId a, NodeId b) {
    return java.util.Arrays.compareUnsigned(a.unsafeBytes(), b.unsafeBytes());
  }

  void onClosed(RlpxConnection c, boolean wasConnected) {
    Dialer d;
    synchronized (lock) {
      handshaking.remove(c);
      NodeId id = c.id();
      if (id != null && peers.get(id) == c) {
        peers.remove(id);
      }
      // a trusted peer is redialled whichever side dialled the connection that closed
      NodeId target = c.inbound() ? (wasConnected ? c.id() : null) : c.expectedId();
      d = target == null ? null : dialers.get(target);
      if (d != null && peers.containsKey(target)) {
        d = null; // another connection to it is up
      }
    }
    if (d != null && !stopped) {
      if (wasConnected) {
        d.lost();
      } else {
        d.failed("handshake did not complete");
      }
    }
  }

  /** Redials one trusted peer: backoff doubles from min to max after each failure, resets on success. */
  private final class Dialer {
    private final Enode enode;
    private long backoffMillis;
    private long timer = -1;
    private int failures;

    Dialer(Enode enode) {
      this.enode = enode;
      this.backoffMillis = config.dialBackoffMin().toMillis();
    }

    void dialSoon(long delayMillis) {
      cancel();
      if (stopped) {
        return;
      }
      if (delayMillis <= 0) {
        dial(enode, this);
      } else {
        timer = vertx.setTimer(delayMillis, id -> {
          timer = -1;
          boolean connected;
          synchronized (lock) {
            connected = peers.containsKey(enode.id());
          }
          if (!connected) {
            dial(enode, this);
          }
        });
      }
    }

    void connected() {
      failures = 0;
      backoffMillis = config.dialBackoffMin().toMillis();
    }

    void lost() {
      LOG.info("{}lost boot node {}; redialling", logPrefix, enode);
      scheduleRetry();
    }

    void failed(String why) {
      failures++;
      if (failures == 1 || Long.bitCount(failures) == 1) {
        LOG.warn("{}boot node {}: {} (attempt {}; retrying in {} ms)", logPrefix, enode, why, failures, backoffMillis);
      } else {
        LOG.debug("{}boot node {}: {} (attempt {})", logPrefix, enode, why, failures);
      }
      scheduleRetry();
    }

    private void scheduleRetry() {
      long jitter = ThreadLocalRandom.current().nextLong(backoffMillis / 4 + 1);
      long delay = backoffMillis + jitter;
      backoffMillis = Math.min(backoffMillis * 2, config.dialBackoffMax().toMillis());
      synchronized (lock) {
        dialSoon(delay);
      }
    }

    void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
