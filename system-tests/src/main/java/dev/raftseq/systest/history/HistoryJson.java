package dev.raftseq.systest.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON-lines form of an {@link Op}: {"index":…,"time":…,"wall":…,"process":…,"type":…,"f":…,"value":{…}}. */
public final class HistoryJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private HistoryJson() {}

  public static String line(Op op) {
    ObjectNode o = JSON.createObjectNode();
    o.put("index", op.index());
    o.put("time", op.time());
    o.put("wall", op.wall());
    o.put("process", op.process());
    o.put("type", op.type().json());
    o.put("f", op.f());
    o.set("value", op.value());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Op parse(String line) {
    try {
      JsonNode o = JSON.readTree(line);
      JsonNode value = o.path("value");
      return new Op(o.path("index").asLong(), o.path("time").asLong(), o.path("wall").asLong(),
          o.path("process").asText(), OpType.parse(o.path("type").asText()), o.path("f").asText(),
          value.isObject() ? (ObjectNode) value : JSON.createObjectNode());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a history line: " + line, e);
    }
  }
}
