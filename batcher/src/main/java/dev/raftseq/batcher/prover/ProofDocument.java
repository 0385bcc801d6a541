package dev.raftseq.batcher.prover;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A proof of one batch, as the prover API takes it (versioned so that a validity proof and its
 * verifier contract can replace committee signatures later without changing the endpoint):
 *
 * <pre>
 * {"version": 1, "type": "committee_signatures", "batch_number": 5,
 *  "commitment": "0x…32 bytes", "signatures": ["0x…65 bytes r||s||v", …]}
 * </pre>
 *
 * Version 1 is the only one: signatures (v = 27/28, low s) of committee members over the EIP-191
 * hash of the batch commitment; exactly what {@code proveBatch} takes on L1.
 */
public record ProofDocument(int version, String type, long batchNumber, Hash commitment, List<byte[]> signatures) {
  public static final int VERSION = 1;
  public static final String TYPE = "committee_signatures";
  public static final int MAX_SIGNATURES = 256;
  public static final int MAX_BYTES = 64 * 1024;

  private static final Set<String> FIELDS = Set.of("version", "type", "batch_number", "commitment", "signatures");
  private static final Pattern HEX32 = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern HEX65 = Pattern.compile("0x[0-9a-fA-F]{130}");
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    JSON.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  public ProofDocument {
    signatures = signatures.stream().map(byte[]::clone).toList();
  }

  /**
   * Parses and checks the document's shape (not the signatures: the batcher verifies them against
   * its own batch).
   *
   * @throws ProofFormatException naming what is wrong
   */
  public static ProofDocument parse(byte[] body) throws ProofFormatException {
    if (body.length > MAX_BYTES) {
      throw new ProofFormatException("proof document larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new ProofFormatException("not JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ProofFormatException("expected a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new ProofFormatException("unknown field '" + shorten(f) + "'");
      }
    }
    JsonNode v = root.get("version");
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new ProofFormatException("'version' must be an integer");
    }
    if (v.intValue() != VERSION) {
      throw new ProofFormatException("unsupported proof version " + v.intValue() + " (this node accepts " + VERSION + ")");
    }
    JsonNode t = root.get("type");
    if (t == null || !t.isTextual() || !t.textValue().equals(TYPE)) {
      throw new ProofFormatException("'type' must be \"" + TYPE + "\" in version " + VERSION);
    }
    JsonNode n = root.get("batch_number");
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 1) {
      throw new ProofFormatException("'batch_number' must be a positive integer");
    }
    JsonNode c = root.get("commitment");
    if (c == null || !c.isTextual() || !HEX32.matcher(c.textValue()).matches()) {
      throw new ProofFormatException("'commitment' must be 0x and 64 hex digits");
    }
    JsonNode s = root.get("signatures");
    if (s == null || !s.isArray()) {
      throw new ProofFormatException("'signatures' must be an array");
    }
    if (s.size() > MAX_SIGNATURES) {
      throw new ProofFormatException("more than " + MAX_SIGNATURES + " signatures");
    }
    List<byte[]> sigs = new ArrayList<>();
    for (JsonNode sig : s) {
      if (!sig.isTextual() || !HEX65.matcher(sig.textValue()).matches()) {
        throw new ProofFormatException("each signature must be 0x and 130 hex digits (r, s, v)");
      }
      sigs.add(Hex.decode(sig.textValue()));
    }
    return new ProofDocument(VERSION, TYPE, n.longValue(), Hash.fromHex(c.textValue()), sigs);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("version", version);
    o.put("type", type);
    o.put("batch_number", batchNumber);
    o.put("commitment", commitment.toHex());
    ArrayNode a = o.putArray("signatures");
    signatures.forEach(sig -> a.add(Hex.encode(sig)));
    return o;
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "cannot parse";
    }
    int nl = m.indexOf('\n');
    return shorten(nl < 0 ? m : m.substring(0, nl));
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
