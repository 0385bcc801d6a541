package dev.raftseq.chain.trie;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.List;
import java.util.Map;

/**
 * A Merkle-Patricia trie node. Nodes are immutable except for the lazily computed reference,
 * which is deterministic, so racing computations agree.
 *
 * <p>A node whose {@link #ref} is set is <em>clean</em>: it was read from the store (or embedded
 * in a node read from the store) and needs no writing. Nodes created by an update start dirty and
 * get their reference when the update is finished.
 */
abstract sealed class Node permits Node.Leaf, Node.Extension, Node.Branch, Node.Ref {
  /**
   * Bytes a parent embeds: the node's RLP when shorter than 32 bytes, else rlp(keccak(rlp)). Null
   * for {@link Ref}, whose reference is derived from its hash when needed (cached branches hold
   * many refs, so they do not carry the bytes).
   */
  volatile byte[] ref;

  /** keccak of the encoding; known for nodes of 32 bytes or more and for loaded roots. */
  volatile Hash hash;

  final boolean isClean() {
    return ref != null || this instanceof Ref;
  }

  /** A leaf: the rest of the key and the value. */
  static final class Leaf extends Node {
    final byte[] path;
    final byte[] value;

    Leaf(byte[] path, byte[] value) {
      this.path = path;
      this.value = value;
    }
  }

  /** A shared key segment followed by exactly one child (a branch or a reference to one). */
  static final class Extension extends Node {
    final byte[] path;
    final Node child;

    Extension(byte[] path, Node child) {
      this.path = path;
      this.child = child;
    }
  }

  /** Sixteen children by next nibble, and the value of a key that ends here (or null). */
  static final class Branch extends Node {
    final Node[] children;
    final byte[] value;

    Branch(Node[] children, byte[] value) {
      this.children = children;
      this.value = value;
    }
  }

  /** A child known only by its hash; resolved through the node store when needed. */
  static final class Ref extends Node {
    Ref(Hash hash) {
      this.hash = hash;
    }
  }

  static byte[] hashRef(Hash h) {
    byte[] out = new byte[33];
    out[0] = (byte) 0xa0;
    System.arraycopy(h.unsafeBytes(), 0, out, 1, 32);
    return out;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Computes the reference of a node, encoding dirty nodes bottom-up; every newly encoded node of
   * 32 bytes or more is added to {@code out}. Clean subtrees are not visited.
   */
  static byte[] commit(Node n, Map<Hash, byte[]> out) {
    if (n == null) {
      return NodeRlp.EMPTY_STRING;
    }
    if (n instanceof Ref) {
      return hashRef(n.hash);
    }
    byte[] r = n.ref;
    if (r != null) {
      return r;
    }
    byte[] enc = encode(n, out);
    if (enc.length < 32) {
      n.ref = enc;
      return enc;
    }
    Hash h = Keccak.hash(enc);
    out.put(h, enc);
    n.hash = h;
    r = hashRef(h);
    n.ref = r;
    return r;
  }

  /** The RLP encoding of a dirty node; children are committed first. */
  private static byte[] encode(Node n, Map<Hash, byte[]> out) {
    if (n instanceof Leaf l) {
      byte[] hp = Nibbles.hexPrefix(l.path, true);
      int payload = NodeRlp.stringLength(hp) + NodeRlp.stringLength(l.value);
      byte[] enc = new byte[NodeRlp.headerLength(payload) + payload];
      int p = NodeRlp.writeHeader(enc, 0, 0xc0, payload);
      p = NodeRlp.writeString(enc, p, hp);
      NodeRlp.writeString(enc, p, l.value);
      return enc;
    }
    if (n instanceof Extension e) {
      byte[] hp = Nibbles.hexPrefix(e.path, false);
      byte[] child = commit(e.child, out);
      int payload = NodeRlp.stringLength(hp) + child.length;
      byte[] enc = new byte[NodeRlp.headerLength(payload) + payload];
      int p = NodeRlp.writeHeader(enc, 0, 0xc0, payload);
      p = NodeRlp.writeString(enc, p, hp);
      System.arraycopy(child, 0, enc, p, child.length);
      return enc;
    }
    Branch b = (Branch) n;
    byte[][] refs = new byte[16][];
    int payload = 0;
    for (int i = 0; i < 16; i++) {
      refs[i] = commit(b.children[i], out);
      payload += refs[i].length;
    }
    byte[] value = b.value == null ? Nibbles.EMPTY : b.value;
    payload += NodeRlp.stringLength(value);
    byte[] enc = new byte[NodeRlp.headerLength(payload) + payload];
    int p = NodeRlp.writeHeader(enc, 0, 0xc0, payload);
    for (byte[] ref : refs) {
      System.arraycopy(ref, 0, enc, p, ref.length);
      p += ref.length;
    }
    NodeRlp.writeString(enc, p, value);
    return enc;
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes a node read from the store under {@code hash}. The result and its embedded children
   * are clean.
   *
   * @throws NodeRlp.RlpException when the bytes are not a well-formed node
   */
  static Node decode(byte[] enc, Hash hash) {
    NodeRlp.Item top = NodeRlp.item(enc, 0, enc.length);
    if (top.end() != enc.length) {
      throw new NodeRlp.RlpException("trailing bytes after trie node");
    }
    Node n = decodeNode(enc, top);
    n.hash = hash;
    n.ref = enc.length < 32 ? enc : hashRef(hash);
    return n;
  }

  private static Node decodeNode(byte[] in, NodeRlp.Item list) {
    List<NodeRlp.Item> items = NodeRlp.listItems(in, list);
    if (items.size() == 2) {
      NodeRlp.Item pathItem = items.get(0);
      if (pathItem.isList()) {
        throw new NodeRlp.RlpException("trie node path must be a string");
      }
      boolean[] leaf = new boolean[1];
      byte[] path = Nibbles.fromHexPrefix(NodeRlp.payload(in, pathItem), leaf);
      if (leaf[0]) {
        NodeRlp.Item v = items.get(1);
        if (v.isList() || v.payloadLength() == 0) {
          throw new NodeRlp.RlpException("leaf value must be a non-empty string");
        }
        return new Leaf(path, NodeRlp.payload(in, v));
      }
      if (path.length == 0) {
        throw new NodeRlp.RlpException("extension with an empty path");
      }
      Node child = decodeChild(in, items.get(1));
      if (child == null) {
        throw new NodeRlp.RlpException("extension without a child");
      }
      return new Extension(path, child);
    }
    if (items.size() == 17) {
      Node[] children = new Node[16];
      for (int i = 0; i < 16; i++) {
        children[i] = decodeChild(in, items.get(i));
      }
      NodeRlp.Item v = items.get(16);
      if (v.isList()) {
        throw new NodeRlp.RlpException("branch value must be a string");
      }
      return new Branch(children, v.payloadLength() == 0 ? null : NodeRlp.payload(in, v));
    }
    throw new NodeRlp.RlpException("trie node must have 2 or 17 items, got " + items.size());
  }

  /** A child reference: empty, a 32-byte hash, or an embedded node shorter than 32 bytes. */
  private static Node decodeChild(byte[] in, NodeRlp.Item it) {
    if (!it.isList()) {
      if (it.payloadLength() == 0) {
        return null;
      }
      if (it.payloadLength() != 32) {
        throw new NodeRlp.RlpException("child reference must be empty, a hash or a node");
      }
      return new Ref(new Hash(NodeRlp.payload(in, it)));
    }
    byte[] raw = NodeRlp.raw(in, it);
    if (raw.length >= 32) {
      throw new NodeRlp.RlpException("embedded node of 32 bytes or more");
    }
    Node n = decodeNode(raw, NodeRlp.item(raw, 0, raw.length));
    n.ref = raw;
    return n;
  }
}
