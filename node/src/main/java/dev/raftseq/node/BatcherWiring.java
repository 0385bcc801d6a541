package dev.raftseq.node;

import dev.raftseq.batcher.BatcherMetrics;
import dev.raftseq.batcher.BatcherService;
import dev.raftseq.batcher.BatcherSettings;
import dev.raftseq.batcher.attest.AttestationServer;
import dev.raftseq.batcher.attest.HttpAttestationSource;
import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.l1.SubmitterSettings;
import dev.raftseq.batcher.prover.ProverApi;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.node.config.BatcherConfig;
import dev.raftseq.node.config.Enode;
import dev.raftseq.node.config.L1SenderConfig;
import dev.raftseq.node.config.NodeConfig;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.status.BatcherStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher in a node process (README "Batcher / L1 settlement"). Only consensus nodes run it;
 * single and external nodes report it disabled. On every consensus node it seals batches from the
 * applied chain, signs them with the node key and serves the signatures ({@link AttestationServer}
 * on network.address at the enode port + batcher.attestation_port_offset); on the node with
 * batcher.enabled it also settles on L1 (web3j), gathering its peers' signatures at their boot
 * node's host and port + the same offset, and serves the prover API when prover_api.enabled.
 * With batcher.follow_leader it settles only while this node leads (read every 200 ms).
 */
final class BatcherWiring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatcherWiring.class);
  /** How long the batcher waits for one peer's signature. */
  static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration LEADERSHIP_POLL = Duration.ofMillis(200);
  private static final long SERVER_WAIT_SECONDS = 30;

  private final BatcherService service;
  private final List<Runnable> stops = new ArrayList<>();
  // Micrometer holds gauge sources weakly: the binder lives as long as the node
  @SuppressWarnings("unused")
  private final BatcherMetrics metrics;

  private BatcherWiring(BatcherService service, BatcherMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
  }

  /** What /status shows on a node that runs no batcher. */
  static BatcherStatus disabledStatus() {
    return new BatcherStatus(false, Map.of("active", false));
  }

  /**
   * Starts the batcher on a consensus node ({@code raft} present); empty otherwise. Throws a
   * {@link StartupException} naming the setting when a listener cannot bind.
   */
  static Optional<BatcherWiring> start(NodeConfig cfg, NodeKey key, Path db, ChainReader chain,
      Optional<RaftNode> raft, Vertx vertx, MeterRegistry registry, String nodeTag) {
    if (raft.isEmpty()) {
      return Optional.empty();
    }
    BatcherService service = BatcherService.create(settings(cfg, db), chain, key,
        new HttpAttestationSource(peerUrls(cfg, key), PEER_TIMEOUT), Clock.systemUTC(), nodeTag);
    BatcherMetrics metrics = new BatcherMetrics(service::status);
    BatcherWiring w = new BatcherWiring(service, metrics);
    w.stops.add(service::close);
    try {
      String host = cfg.network().address();
      int port = cfg.network().port() + cfg.batcher().attestationPortOffset();
      AttestationServer attestations = new AttestationServer(vertx, host, port, service::attestation);
      await(attestations.start(), "batcher.attestation_port_offset (BATCHER_ATTESTATION_PORT_OFFSET): cannot serve"
          + " batch signatures on " + host + ":" + port);
      w.stops.add(() -> await(attestations.stop(), "stopping the attestation listener"));
      if (cfg.proverApi().enabled()) {
        var a = cfg.proverApi().address();
        ProverApi prover = new ProverApi(vertx, a.host(), a.port(), service.proverBackend(), service::attestation);
        await(prover.start(), "prover_api.address (PROVER_API_ADDRESS): cannot listen on " + a);
        w.stops.add(() -> await(prover.stop(), "stopping the prover API"));
      }
      if (cfg.batcher().enabled() && cfg.batcher().followLeader()) {
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "batcher-leadership-" + nodeTag);
          t.setDaemon(true);
          return t;
        });
        RaftNode node = raft.get();
        poll.scheduleWithFixedDelay(() -> {
          try {
            service.onLeadershipChange(node.status().isLeader());
          } catch (RuntimeException e) {
            LOG.debug("[{}] reading leadership for the batcher", nodeTag, e);
          }
        }, 0, LEADERSHIP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        w.stops.add(poll::shutdownNow);
      }
      metrics.bindTo(registry);
      service.start();
      return Optional.of(w);
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
  }

  static BatcherSettings settings(NodeConfig cfg, Path db) {
    BatcherConfig b = cfg.batcher();
    L1SenderConfig s = cfg.l1Sender();
    return new BatcherSettings(
        b.enabled(),
        b.followLeader(),
        new BatchLimits(b.blocksPerBatchLimit(), b.txPerBatchLimit(), b.gasPerBatchLimit(), b.batchTimeout().toMillis()),
        db.resolve("batcher"),
        cfg.general().l1RpcUrl(),
        cfg.l1Provider().requestTimeout(),
        s.contractAddress(),
        s.operatorPrivateKey(),
        new SubmitterSettings(s.confirmations(), s.stuckTimeout(), s.feeBumpPercent(), s.maxFeePerGasWei(),
            s.maxPriorityFeePerGasWei(), s.maxInFlight()),
        b.pollInterval(),
        b.maxBackoff());
  }

  /** Every other consensus member's attestation endpoint: its boot node's host, its port + the offset. */
  static List<URI> peerUrls(NodeConfig cfg, NodeKey self) {
    List<URI> urls = new ArrayList<>();
    for (String id : cfg.consensus().peerIds()) {
      if (id.equalsIgnoreCase(self.nodeIdHex())) {
        continue;
      }
      Enode e = cfg.network().bootNode(id).orElseThrow(() -> new StartupException(
          "consensus.peer_ids: peer " + id + " has no address in network.boot_nodes (NETWORK_BOOT_NODES)"));
      String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
      urls.add(URI.create("http://" + host + ":" + (e.port() + cfg.batcher().attestationPortOffset())));
    }
    return urls;
  }

  BatcherStatus status() {
    dev.raftseq.batcher.BatcherStatus s = service.status();
    return new BatcherStatus(s.enabled(), s.toJsonMap());
  }

  private static <T> T await(Future<T> f, String what) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(SERVER_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException(what + ": interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StartupException(what + ": " + cause.getMessage(), cause);
    }
  }

  /** Stops in reverse order of start: listeners and the leadership poll first, the service last. */
  @Override
  public void close() {
    for (int i = stops.size() - 1; i >= 0; i--) {
      try {
        stops.get(i).run();
      } catch (RuntimeException e) {
        LOG.warn("closing the batcher: {}", e.toString());
      }
    }
    stops.clear();
  }
}
