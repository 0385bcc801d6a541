package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;

/**
 * The Jackson mapper for requests and responses, with read limits so that hostile input fails
 * fast as a parse error: nesting depth, number length, string length and document length.
 */
public final class RpcJson {
  /** JSON-RPC requests nest a few levels (batch, request, params, filter, topics); 64 is plenty. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longer numbers are not quantities anyone sends; hex strings carry big values. */
  public static final int MAX_NUMBER_LENGTH = 100;

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;

  public RpcJson(int maxDocumentBytes) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(Math.max(1, maxDocumentBytes))
            .maxDocumentLength(Math.max(1, maxDocumentBytes))
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
    this.mapper =
        new ObjectMapper(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // ids are echoed as sent: keep 1.50 as 1.50 and 1e400 finite
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  /** Parses a complete document; empty or whitespace-only input is an error too. */
  public JsonNode parse(String text) throws JsonProcessingException {
    JsonNode node = mapper.readTree(text);
    if (node == null || node.isMissingNode()) {
      throw new JsonProcessingException("empty document") {
        private static final long serialVersionUID = 1L;
      };
    }
    return node;
  }

  public byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // a tree of plain nodes always serializes
      throw new UncheckedIOException(e);
    }
  }

  public String writeString(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
