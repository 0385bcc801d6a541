package dev.raftseq.batcher.prover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.attest.AttestationSource;
import dev.raftseq.batcher.attest.Committee;
import dev.raftseq.batcher.attest.ProofAssembler;
import dev.raftseq.batcher.attest.ProofCollector;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prover API over real HTTP, with a real proof collector behind it. */
class ProverApiTest {
  static final List<NodeKey> KEYS = List.of(
      NodeKey.fromHex("0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308"),
      NodeKey.fromHex("c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7"),
      NodeKey.fromHex("8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d"));
  static final ObjectMapper JSON = new ObjectMapper();

  final List<Batch> batches = new ArrayList<>();
  Vertx vertx;
  ProverApi api;
  ProofCollector collector;
  long verified = 1;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Batch prev = Batch.of(270, 0, 0, Hash.ZERO, h("g"), Hash.ZERO, List.of(h("b0")), 0, 0, 0, 0);
    for (int n = 1; n <= 3; n++) {
      prev = Batch.of(270, n, prev.lastBlock() + 1, prev.newStateRoot(), h("root" + n), prev.commitment(),
          List.of(h("b" + n + "a"), h("b" + n + "b")), 2, 42_000, 1000L * n, 1000L * n + 250);
      batches.add(prev);
    }
    Attester self = new Attester(KEYS.get(0), this::batch);
    collector = new ProofCollector(new ProofAssembler(new Committee(KEYS.stream().map(NodeKey::address).toList())), self,
        AttestationSource.NONE, this::batch);
    ProverBackend backend = new ProverBackend() {
      @Override
      public Optional<Batch> nextUnproven() {
        for (long n = verified + 1; n <= batches.size(); n++) {
          if (collector.held(n).isEmpty()) {
            return batch(n);
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<Batch> batch(long number) {
        return ProverApiTest.this.batch(number);
      }

      @Override
      public Optional<Long> lastVerified() {
        return Optional.of(verified);
      }

      @Override
      public Optional<String> submit(long number, ProofDocument proof) {
        return collector.submit(number, proof.signatures().stream()
            .flatMap(sig -> Attestation.recoverSigner(proof.commitment(), sig).stream()
                .map(a -> new Attestation(number, proof.commitment(), a, sig)))
            .toList());
      }
    };
    vertx = Vertx.vertx();
    api = new ProverApi(vertx, "127.0.0.1", 0, backend, self::attestation);
    int port = api.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void stop() throws Exception {
    api.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  Optional<Batch> batch(long n) {
    return n >= 1 && n <= batches.size() ? Optional.of(batches.get((int) n - 1)) : Optional.empty();
  }

  static Hash h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String proof(Batch b, List<NodeKey> signers) {
    ProofDocument d = new ProofDocument(1, "committee_signatures", b.number(), b.commitment(),
        signers.stream().map(k -> new Attester(k, n -> Optional.of(b)).sign(b).signature()).toList());
    return d.toJson().toString();
  }

  @Test
  void servesTheNextUnprovenBatchWithItsCommitmentAndData() throws Exception {
    HttpResponse<String> r = get("/prover/v1/batches/next");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    Batch b2 = batches.get(1);
    assertThat(j.get("batch_number").asLong()).isEqualTo(2);
    assertThat(j.get("commitment").asText()).isEqualTo(b2.commitment().toHex());
    assertThat(j.get("prev_commitment").asText()).isEqualTo(batches.get(0).commitment().toHex());
    assertThat(j.get("first_block").asLong()).isEqualTo(b2.firstBlock());
    assertThat(j.get("last_block").asLong()).isEqualTo(b2.lastBlock());
    assertThat(j.get("block_hashes")).hasSize(2);
    assertThat(j.get("signing_digest").asText()).isEqualTo(BatchCommitment.signingDigest(b2.commitment()).toHex());
    assertThat(j.get("proof_formats").get(0).get("version").asInt()).isEqualTo(1);
    // the fields recompute to the commitment
    assertThat(BatchCommitment.of(j.get("l2_chain_id").asLong(), 2, j.get("first_block").asLong(), j.get("last_block").asLong(),
        Hash.fromHex(j.get("prev_state_root").asText()), Hash.fromHex(j.get("new_state_root").asText()),
        Hash.fromHex(j.get("blocks_hash").asText()), Hash.fromHex(j.get("prev_commitment").asText())))
        .isEqualTo(b2.commitment());
  }

  @Test
  void acceptsAValidProofAndMovesOnToTheNextBatch() throws Exception {
    Batch b2 = batches.get(1);
    HttpResponse<String> r = post("/prover/v1/batches/2/proof", proof(b2, List.of(KEYS.get(2), KEYS.get(1))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(collector.held(2)).hasValueSatisfying(p -> assertThat(p.attestations()).extracting(Attestation::signer)
        .containsExactly(KEYS.get(1).address(), KEYS.get(2).address()));
    JsonNode next = JSON.readTree(get("/prover/v1/batches/next").body());
    assertThat(next.get("batch_number").asLong()).isEqualTo(3);
    assertThat(post("/prover/v1/batches/3/proof", proof(batches.get(2), KEYS)).statusCode()).isEqualTo(202);
    assertThat(get("/prover/v1/batches/next").statusCode()).isEqualTo(204);
  }

  @Test
  void refusesProofsThatDoNotProve() throws Exception {
    Batch b2 = batches.get(1);
    NodeKey outsider = NodeKey.fromHex("4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
    assertThat(post("/prover/v1/batches/2/proof", proof(b2, List.of(KEYS.get(0)))).body()).contains("2 are needed");
    assertThat(post("/prover/v1/batches/2/proof", proof(b2, List.of(KEYS.get(0), outsider))).statusCode()).isEqualTo(400);
    assertThat(post("/prover/v1/batches/2/proof", proof(b2, List.of(KEYS.get(0), KEYS.get(0)))).statusCode()).isEqualTo(400);
    // signatures of batch 3 posted as batch 2
    String wrong = proof(batches.get(2), KEYS).replace("\"batch_number\":3", "\"batch_number\":2");
    assertThat(post("/prover/v1/batches/2/proof", wrong).body()).contains("is for commitment");
    assertThat(post("/prover/v1/batches/3/proof", proof(b2, KEYS)).body()).contains("proves batch 2, posted to batch 3");
    assertThat(post("/prover/v1/batches/9/proof", proof(b2, KEYS).replace("\"batch_number\":2", "\"batch_number\":9"))
        .statusCode()).isEqualTo(404);
    assertThat(post("/prover/v1/batches/1/proof", proof(batches.get(0), KEYS)).statusCode()).isEqualTo(409);
    assertThat(post("/prover/v1/batches/2/proof", "{\"version\":2}").body()).contains("unsupported proof version 2");
    assertThat(post("/prover/v1/batches/2/proof", "nope").statusCode()).isEqualTo(400);
    assertThat(post("/prover/v1/batches/x/proof", "{}").statusCode()).isEqualTo(400);
    assertThat(post("/prover/v1/batches/2/proof", "[" + "1,".repeat(40_000) + "1]").statusCode()).isEqualTo(413);
    assertThat(collector.held(2)).isEmpty();
    // and the server still answers
    assertThat(get("/prover/v1/batches/next").statusCode()).isEqualTo(200);
  }

  @Test
  void servesThisNodesAttestationAndBatches() throws Exception {
    JsonNode a = JSON.readTree(get("/attestations/v1/3").body());
    assertThat(a.get("signer").asText()).isEqualTo(KEYS.get(0).address().toHex());
    byte[] sig = Hex.decode(a.get("signature").asText());
    assertThat(Attestation.recoverSigner(batches.get(2).commitment(), sig)).contains(KEYS.get(0).address());
    assertThat(get("/attestations/v1/4").statusCode()).isEqualTo(404);
    assertThat(get("/prover/v1/batches/1").statusCode()).isEqualTo(200);
    assertThat(get("/prover/v1/batches/4").statusCode()).isEqualTo(404);
    assertThat(get("/prover/v1/batches/-1").statusCode()).isEqualTo(400);
  }
}
