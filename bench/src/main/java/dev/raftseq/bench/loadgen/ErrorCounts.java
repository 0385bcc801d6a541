package dev.raftseq.bench.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Error messages counted by kind. Numbers and hex strings are masked so that "nonce too low: 5 < 7"
 * and "nonce too low: 6 < 9" count as one kind; distinct kinds are capped so a node that puts a
 * different text in every error cannot grow the map without bound.
 */
public final class ErrorCounts {
  static final int MAX_KINDS = 50;
  static final String OTHER = "(other messages)";
  private static final Pattern HEX_OR_NUMBER = Pattern.compile("0x[0-9a-fA-F]+|\\d+");
  private static final int MAX_MESSAGE_CHARS = 200;

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  public void add(String message) {
    String kind = normalize(message);
    LongAdder c = counts.get(kind);
    if (c == null) {
      c = counts.size() < MAX_KINDS ? counts.computeIfAbsent(kind, k -> new LongAdder()) : null;
      if (c == null) {
        c = counts.computeIfAbsent(OTHER, k -> new LongAdder());
      }
    }
    c.increment();
    total.increment();
  }

  public long total() {
    return total.sum();
  }

  /** A snapshot, sorted by message. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  static String normalize(String message) {
    String m = message == null || message.isBlank() ? "(no message)" : message.strip();
    m = HEX_OR_NUMBER.matcher(m).replaceAll(r -> r.group().startsWith("0x") ? "0x…" : "N");
    return m.length() > MAX_MESSAGE_CHARS ? m.substring(0, MAX_MESSAGE_CHARS) + "…" : m;
  }
}
