package dev.raftseq.systest.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.systest.history.HistoryJson;
import dev.raftseq.systest.history.HistoryRecorder;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Polls every node's /status as an operator's probe would, records each change of role or term
 * (and the head at most once a second per node) in the history, and keeps the latest view for
 * the nemesis (who leads now?).
 */
public final class StatusMonitor implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(200);
  static final long HEAD_RECORD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final List<String> names;
  private final List<Integer> statusPorts;
  private final HistoryRecorder history;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final AtomicReferenceArray<NodeView> latest;
  private final NodeView[] recorded;
  private final long[] recordedAt;
  private volatile boolean running;
  private Thread thread;

  public StatusMonitor(List<String> names, List<Integer> statusPorts, HistoryRecorder history) {
    this.names = List.copyOf(names);
    this.statusPorts = List.copyOf(statusPorts);
    this.history = history;
    this.latest = new AtomicReferenceArray<>(names.size());
    this.recorded = new NodeView[names.size()];
    this.recordedAt = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      latest.set(i, NodeView.DOWN);
    }
  }

  public void start() {
    running = true;
    thread = new Thread(() -> {
      while (running) {
        pollOnce();
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "status-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** Polls every node now and records changes; also used by callers that need a fresh view. */
  public synchronized List<NodeView> pollOnce() {
    List<NodeView> views = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      NodeView v = fetch(statusPorts.get(i));
      latest.set(i, v);
      views.add(v);
      long now = System.nanoTime();
      NodeView last = recorded[i];
      boolean changed = last == null || !v.sameRole(last);
      boolean headMoved = last != null && v.up() && v.head() != last.head() && now - recordedAt[i] >= HEAD_RECORD_INTERVAL_NANOS;
      if (changed || headMoved) {
        recorded[i] = v;
        recordedAt[i] = now;
        history.record(Ops.MONITOR, OpType.INFO, Ops.STATUS, HistoryRecorder.value().put("node", names.get(i))
            .put("up", v.up()).put("state", v.state()).put("raft_state", v.raftState())
            .put("is_leader", v.leader()).put("term", v.term())
            .put("head", v.head()));
      }
    }
    return views;
  }

  public NodeView latest(int i) {
    return latest.get(i);
  }

  /** The one node that says it is the (ready) leader, or -1 when none or several do. */
  public int leader() {
    int found = -1;
    for (int i = 0; i < latest.length(); i++) {
      if (latest.get(i).up() && latest.get(i).leader()) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  private NodeView fetch(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return NodeView.DOWN;
      }
      JsonNode s = HistoryJson.JSON.readTree(r.body());
      JsonNode raft = s.path("consensus").path("raft");
      return new NodeView(true, s.path("role").asText("?"), raft.path("state").asText("?"),
          raft.path("is_leader").asBoolean(false),
          raft.path("current_term").asLong(-1), s.path("head").path("number").asLong(-1));
    } catch (IOException e) {
      return NodeView.DOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NodeView.DOWN;
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
