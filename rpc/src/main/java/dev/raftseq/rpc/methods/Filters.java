package dev.raftseq.rpc.methods;

import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.params.LogFilter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installed polling filters (eth_newFilter, eth_newBlockFilter): each remembers the last block
 * its changes were reported up to. A filter not polled for {@code timeout} is dropped, as geth
 * drops filters after five minutes; at most {@code maxFilters} live at once. Thread-safe.
 */
final class Filters {
  /** A log filter (criteria set) or a block filter (criteria null), with its cursor. */
  static final class Filter {
    final LogFilter criteria;
    long lastBlock;
    Instant lastPoll;

    Filter(LogFilter criteria, long lastBlock, Instant lastPoll) {
      this.criteria = criteria;
      this.lastBlock = lastBlock;
      this.lastPoll = lastPoll;
    }
  }

  private final Map<String, Filter> filters = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration timeout;
  private final int maxFilters;
  private final SecureRandom random = new SecureRandom();

  Filters(Clock clock, Duration timeout, int maxFilters) {
    this.clock = clock;
    this.timeout = timeout;
    this.maxFilters = maxFilters;
  }

  String install(LogFilter criteria, long head) throws RpcException {
    expire();
    if (filters.size() >= maxFilters) {
      throw RpcError.server("too many filters (" + maxFilters + "); uninstall some or let them expire").toException();
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    String key = "0x" + HexFormat.of().formatHex(id);
    filters.put(key, new Filter(criteria, head, clock.instant()));
    return key;
  }

  /** The filter, marked as polled now; geth's "filter not found" when unknown or expired. */
  Filter poll(String id) throws RpcException {
    expire();
    Filter f = filters.get(id);
    if (f == null) {
      throw RpcError.server("filter not found").toException();
    }
    synchronized (f) {
      f.lastPoll = clock.instant();
    }
    return f;
  }

  boolean uninstall(String id) {
    expire();
    return filters.remove(id) != null;
  }

  int size() {
    return filters.size();
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(timeout);
    for (Iterator<Filter> it = filters.values().iterator(); it.hasNext(); ) {
      Filter f = it.next();
      synchronized (f) {
        if (f.lastPoll.isBefore(cutoff)) {
          it.remove();
        }
      }
    }
  }
}
