package dev.raftseq.raft;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Node ids are the 64-byte secp256k1 public key in hex ("0x" + 128 digits, as in enode URLs); the
 * Raft peer id is the same hex without "0x".
 */
final class NodeIds {
  private static final Pattern PEER_ID = Pattern.compile("[0-9a-f]{128}");

  private NodeIds() {}

  /** Canonical form "0x" + 128 lowercase hex digits; accepts the id with or without 0x. */
  static String canonical(String nodeId) {
    return "0x" + peerId(nodeId);
  }

  static String peerId(String nodeId) {
    String hex = nodeId.startsWith("0x") || nodeId.startsWith("0X") ? nodeId.substring(2) : nodeId;
    hex = hex.toLowerCase(Locale.ROOT);
    if (!PEER_ID.matcher(hex).matches()) {
      throw new IllegalArgumentException("node id must be 128 hex digits (a 64-byte public key): " + nodeId);
    }
    return hex;
  }

  static String fromPeerId(String peerId) {
    return canonical(peerId);
  }
}
