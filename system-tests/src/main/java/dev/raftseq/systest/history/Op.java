package dev.raftseq.systest.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One line of the history.
 *
 * @param index position in the history (0-based, in the order written)
 * @param time nanoseconds since the campaign started (monotonic)
 * @param wall epoch milliseconds when it was recorded (the harness's real clock, never faked)
 * @param process who: {@code client-N}, {@code nemesis}, {@code monitor}, {@code harness}
 * @param type invoke, ok, fail or info
 * @param f the operation: {@code submit}, {@code status}, {@code kill}, {@code partition}, ...
 * @param value the operation's fields (a JSON object)
 */
public record Op(long index, long time, long wall, String process, OpType type, String f, ObjectNode value) {
  public Op {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(value, "value");
  }

  public String text(String field) {
    JsonNode n = value.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  public long number(String field, long otherwise) {
    JsonNode n = value.get(field);
    return n == null || !n.canConvertToLong() ? otherwise : n.asLong();
  }

  public boolean flag(String field) {
    return value.path(field).asBoolean(false);
  }

  public boolean isClient() {
    return process.startsWith("client-");
  }
}
