package dev.raftseq.raft;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused Raft connections and calls and logs them, at most once per interval for the same
 * source and reason (a stranger retrying in a loop must not flood the log); the count is exact.
 */
final class RefusalLog {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  /** Bounds the memory a stranger cycling through sources can take; the map is cleared beyond it. */
  private static final int MAX_KEYS = 1024;

  private final String nodeName;
  private final InstantSource clock;
  private final AtomicLong refused = new AtomicLong();
  private final Map<String, Suppressed> lastLogged = new ConcurrentHashMap<>();

  private record Suppressed(Instant at, AtomicLong since) {}

  RefusalLog(String nodeName, InstantSource clock) {
    this.nodeName = nodeName;
    this.clock = clock;
  }

  /** Records a refusal of {@code source} (an address or peer id) for {@code reason}. */
  void refuse(String what, String source, String reason) {
    refused.incrementAndGet();
    String key = what + "|" + source + "|" + reason;
    Instant now = clock.instant();
    if (lastLogged.size() > MAX_KEYS) {
      lastLogged.clear();
    }
    Suppressed previous = lastLogged.get(key);
    if (previous != null && now.isBefore(previous.at().plus(INTERVAL))) {
      previous.since().incrementAndGet();
      return;
    }
    lastLogged.put(key, new Suppressed(now, new AtomicLong()));
    long suppressed = previous == null ? 0 : previous.since().get();
    LOG.warn("{}: refused {} from {}: {}{}", nodeName, what, source, reason,
        suppressed > 0 ? " (" + suppressed + " more like it since the last report)" : "");
  }

  long count() {
    return refused.get();
  }
}
