package dev.raftseq.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON bodies of the status endpoints, built field by field so the names are exactly these. */
final class StatusJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  static String status(NodeStatus s) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("healthy", true);
    ObjectNode consensus = root.putObject("consensus");
    if (s.raft().isPresent()) {
      RaftStatus r = s.raft().get();
      ObjectNode raft = consensus.putObject("raft");
      raft.put("node_id", r.nodeId());
      raft.put("state", r.state().jsonName());
      raft.put("is_leader", r.isLeader());
      raft.put("current_leader", r.currentLeader().orElse(null));
      raft.put("current_term", r.currentTerm());
      raft.put("last_applied_index", r.lastAppliedIndex());
      raft.put("commit_index", r.commitIndex());
      raft.put("log_start_index", r.logStartIndex());
      ArrayNode peers = raft.putArray("peers");
      for (PeerStatus p : r.peers()) {
        peers.addObject().put("node_id", p.nodeId()).put("address", p.address());
      }
    } else {
      consensus.putNull("raft");
    }
    root.put("role", s.role().jsonName());
    ObjectNode head = root.putObject("head");
    head.put("number", s.head().number());
    head.put("hash", s.head().hash().toHex());
    head.put("timestamp", s.head().timestamp());
    ObjectNode batcher = root.putObject("batcher").put("enabled", s.batcher().enabled());
    s.batcher().details().forEach((k, v) -> {
      if (!"enabled".equals(k)) {
        batcher.set(k, MAPPER.valueToTree(v));
      }
    });
    s.sync().ifPresent(sync -> root.putObject("sync").put("highest_seen", sync.highestSeen())
        .put("peers", sync.peers()).put("caught_up", sync.caughtUp()));
    return write(root);
  }

  static String health() {
    return "{\"healthy\":true}";
  }

  static String readiness(Readiness r) {
    ObjectNode root = MAPPER.createObjectNode().put("ready", r.ready());
    if (!r.ready()) {
      root.put("reason", r.reason());
    }
    return write(root);
  }

  static String error(String message) {
    return write(MAPPER.createObjectNode().put("error", message));
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
