package dev.raftseq.batcher.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-only committee endpoint, and the batcher's client gathering from it. */
class AttestationServerTest {
  final Vertx vertx = Vertx.vertx();
  final HttpClient http = HttpClient.newHttpClient();
  final NodeKey key = ProofAssemblerTest.KEYS.get(1);
  final Batch batch = Batch.of(270, 3, 7, h("p"), h("n"), h("c"), List.of(h("b7"), h("b8")), 2, 42_000, 0, 0);
  AttestationServer server;
  URI base;

  static Hash h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void start() throws Exception {
    Attester attester = new Attester(key, n -> n == 3 ? Optional.of(batch) : Optional.empty());
    server = new AttestationServer(vertx, "127.0.0.1", 0, attester::attestation);
    int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = URI.create("http://127.0.0.1:" + port);
  }

  @AfterEach
  void stop() throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesItsOwnSignatureWhichTheClientAcceptsAsAMembersAttestation() throws Exception {
    HttpResponse<String> r = send("GET", "/attestations/v1/3", null);
    assertThat(r.statusCode()).isEqualTo(200);
    Attestation a = HttpAttestationSource.parse(r.body().getBytes(StandardCharsets.UTF_8), 3).orElseThrow();
    assertThat(a.signer()).isEqualTo(key.address());
    assertThat(a.commitment()).isEqualTo(batch.commitment());
    assertThat(Attestation.recoverSigner(batch.commitment(), a.signature())).contains(key.address());

    List<Attestation> fetched = new HttpAttestationSource(List.of(base), Duration.ofSeconds(2)).fetch(3);
    assertThat(fetched).hasSize(1);
    assertThat(fetched.get(0).signer()).isEqualTo(key.address());
  }

  @Test
  void unsealedBatchIs404AndABadNumber400() throws Exception {
    assertThat(send("GET", "/attestations/v1/4", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/attestations/v1/-1", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/attestations/v1/x", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/attestations/v1/99999999999999999999", null).statusCode()).isEqualTo(400);
  }

  @Test
  void nothingButReadingSignatures() throws Exception {
    assertThat(send("POST", "/attestations/v1/3", "{}").statusCode()).isEqualTo(405);
    assertThat(send("PUT", "/attestations/v1/3", "{}").statusCode()).isEqualTo(405);
    assertThat(send("DELETE", "/attestations/v1/3", null).statusCode()).isEqualTo(405);
    assertThat(send("POST", "/prover/v1/batches/3/proof", "{}").statusCode()).isEqualTo(405);
    assertThat(send("GET", "/prover/v1/batches/next", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/admin/pause", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/attestations/v1/3", null).statusCode()).isEqualTo(200);
  }
}
