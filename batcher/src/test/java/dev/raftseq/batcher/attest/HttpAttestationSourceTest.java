package dev.raftseq.batcher.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.prover.ProverApi;
import dev.raftseq.batcher.prover.ProverBackend;
import dev.raftseq.batcher.prover.ProofDocument;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Peers serving their signatures over HTTP, and the batcher gathering a proof from them. */
class HttpAttestationSourceTest {
  final Vertx vertx = Vertx.vertx();
  final List<ProverApi> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ProverApi s : servers) {
      s.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Hash h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  URI serve(NodeKey key, Batch sealedThere) throws Exception {
    Attester a = new Attester(key, n -> n == sealedThere.number() ? Optional.of(sealedThere) : Optional.empty());
    ProverBackend none = new ProverBackend() {
      @Override
      public Optional<Batch> nextUnproven() {
        return Optional.empty();
      }

      @Override
      public Optional<Batch> batch(long number) {
        return Optional.empty();
      }

      @Override
      public Optional<Long> lastVerified() {
        return Optional.empty();
      }

      @Override
      public Optional<String> submit(long number, ProofDocument proof) {
        return Optional.of("no");
      }
    };
    ProverApi api = new ProverApi(vertx, "127.0.0.1", 0, none, a::attestation);
    int port = api.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    servers.add(api);
    return URI.create("http://127.0.0.1:" + port);
  }

  @Test
  void gathersAProofFromPeersAndIgnoresTheDownTheLiarsAndTheMissing() throws Exception {
    List<NodeKey> keys = ProofAssemblerTest.KEYS;
    Batch b = Batch.of(270, 4, 10, h("p"), h("n"), h("c"), List.of(h("b10"), h("b11")), 2, 42_000, 0, 0);
    Batch forked = Batch.of(270, 4, 10, h("p"), h("other"), h("c"), List.of(h("b10"), h("x11")), 2, 42_000, 0, 0);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    List<URI> peers = List.of(
        serve(keys.get(1), b),                                   // honest
        serve(keys.get(2), forked),                              // sealed something else
        serve(ProofAssemblerTest.OUTSIDER, b),                   // not in the committee
        URI.create("http://127.0.0.1:" + closedPort));          // down
    HttpAttestationSource source = new HttpAttestationSource(peers, Duration.ofSeconds(2));
    List<Attestation> got = source.fetch(4);
    assertThat(got).hasSize(3);
    assertThat(source.fetch(5)).isEmpty();

    Attester self = new Attester(keys.get(0), n -> Optional.of(b));
    ProofCollector collector = new ProofCollector(new ProofAssembler(ProofAssemblerTest.COMMITTEE), self, source,
        n -> n == 4 ? Optional.of(b) : Optional.empty());
    CommitteeProof proof = collector.proof(4).orElseThrow();
    assertThat(proof.attestations()).extracting(Attestation::signer).containsExactly(keys.get(0).address(), keys.get(1).address());
  }
}
