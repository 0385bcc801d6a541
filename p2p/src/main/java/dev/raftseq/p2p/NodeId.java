package dev.raftseq.p2p;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import java.util.Arrays;
import java.util.Locale;

/**
 * A peer's identity: its 64-byte uncompressed secp256k1 public key (x || y, no 0x04 prefix), as
 * in enode URLs and Raft peer ids. Only a completed RLPx handshake proves that a peer holds the
 * matching private key.
 */
public final class NodeId {
  public static final int BYTES = 64;

  private final byte[] key;
  private final int hash;

  private NodeId(byte[] key) {
    this.key = key;
    this.hash = Arrays.hashCode(key);
  }

  /**
   * @throws IllegalArgumentException unless the bytes are a point on the curve
   */
  public static NodeId of(byte[] publicKey64) {
    if (publicKey64.length != BYTES || !Secp256k1.isValidPublicKey(publicKey64)) {
      throw new IllegalArgumentException("not a secp256k1 public key: " + Hex.encode(publicKey64));
    }
    return new NodeId(publicKey64.clone());
  }

  public static NodeId of(NodeKey key) {
    return new NodeId(key.publicKey());
  }

  /** Parses 128 hex characters, optionally 0x-prefixed, in any case. */
  public static NodeId fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * BYTES) {
      throw new IllegalArgumentException("node id must be 128 hex characters: " + hex);
    }
    return of(Hex.decode("0x" + digits.toLowerCase(Locale.ROOT)));
  }

  public byte[] bytes() {
    return key.clone();
  }

  /** The array itself, for callers that promise not to change it. */
  public byte[] unsafeBytes() {
    return key;
  }

  /** {@code 0x} + 128 lower-case hex, the form of {@code consensus.peer_ids}. */
  public String toHex() {
    return Hex.encode(key);
  }

  /** The address a block sealed with this key recovers to. */
  public Address address() {
    return Secp256k1.addressOf(key);
  }

  /** The first 8 hex digits, for log lines. */
  public String shortId() {
    return toHex().substring(2, 10);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId n && Arrays.equals(key, n.key);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return shortId();
  }
}
