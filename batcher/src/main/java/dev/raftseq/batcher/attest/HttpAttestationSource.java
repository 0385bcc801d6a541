package dev.raftseq.batcher.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AttestationSource} over HTTP: asks each peer's {@code GET /attestations/v1/{n}} (served by
 * {@code ProverApi}, or any server that mounts the same route) in parallel, within a timeout. No
 * transport authentication is needed: a signature authenticates itself, and the caller keeps only
 * those that recover to a committee member over the batch it sealed itself. A peer that is down,
 * slow or lying costs at most the timeout. A stopgap until the p2p protocol carries attestations.
 */
public final class HttpAttestationSource implements AttestationSource {
  private static final Logger LOG = LoggerFactory.getLogger(HttpAttestationSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX20 = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern HEX32 = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern HEX65 = Pattern.compile("0x[0-9a-fA-F]{130}");
  private static final int MAX_BODY = 4096;

  private final List<URI> peers;
  private final Duration timeout;
  private final HttpClient http;

  /** @param peers base URLs, e.g. http://10.0.0.2:3124 */
  public HttpAttestationSource(List<URI> peers, Duration timeout) {
    this.peers = List.copyOf(peers);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public List<Attestation> fetch(long batchNumber) {
    List<CompletableFuture<Optional<Attestation>>> calls = new ArrayList<>();
    for (URI peer : peers) {
      HttpRequest req = HttpRequest.newBuilder(peer.resolve("/attestations/v1/" + batchNumber)).timeout(timeout).GET().build();
      calls.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(r -> r.statusCode() == 200 ? parse(r.body(), batchNumber) : Optional.<Attestation>empty())
          .exceptionally(e -> {
            LOG.debug("attestation of batch {} from {}: {}", batchNumber, peer, e.toString());
            return Optional.empty();
          }));
    }
    List<Attestation> out = new ArrayList<>();
    for (CompletableFuture<Optional<Attestation>> c : calls) {
      try {
        c.get(timeout.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS).ifPresent(out::add);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        c.cancel(true);
      }
    }
    return out;
  }

  /**
   * Reads one peer's answer ({@code {"batch_number", "commitment", "signer", "signature"}}); empty
   * for anything malformed or about another batch. The signature itself is checked by the caller.
   */
  public static Optional<Attestation> parse(byte[] body, long expectedBatch) {
    if (body.length > MAX_BODY) {
      return Optional.empty();
    }
    try {
      JsonNode j = JSON.readTree(body);
      if (j == null || !j.isObject()) {
        return Optional.empty();
      }
      JsonNode n = j.get("batch_number");
      JsonNode c = j.get("commitment");
      JsonNode s = j.get("signer");
      JsonNode sig = j.get("signature");
      if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() != expectedBatch
          || c == null || !c.isTextual() || !HEX32.matcher(c.textValue()).matches()
          || s == null || !s.isTextual() || !HEX20.matcher(s.textValue()).matches()
          || sig == null || !sig.isTextual() || !HEX65.matcher(sig.textValue()).matches()) {
        return Optional.empty();
      }
      return Optional.of(new Attestation(expectedBatch, Hash.fromHex(c.textValue()), Address.fromHex(s.textValue()),
          Hex.decode(sig.textValue())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
