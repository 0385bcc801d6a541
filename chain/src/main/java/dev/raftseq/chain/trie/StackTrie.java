package dev.raftseq.chain.trie;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.Arrays;

/**
 * The root of a trie built from keys given in increasing order, hashing each subtree as soon as no
 * later key can enter it; the algorithm follows go-ethereum's StackTrie (trie/stacktrie.go). Each
 * node is encoded and hashed exactly once, straight into its parent's buffer, and nothing is kept
 * in a map: only the rightmost path is open, as a stack of branches whose children so far are
 * already final references. Encodings are byte-for-byte those of {@link Node}.
 *
 * <p>Keys must be strictly increasing and prefix-free (no key a prefix of another, so no branch
 * holds a value): true of the rlp(i) keys of {@link OrderedTrie} and of fixed-length keys. Values
 * must be non-empty (an empty value is a deletion in Ethereum tries). One instance builds one root;
 * not thread-safe.
 */
final class StackTrie {
  private static final byte EMPTY = (byte) 0x80;

  /** Branches on the rightmost path, shallowest first; {@code levels[0..top]} are open. */
  private Level[] levels = new Level[4];
  private int top = -1;

  /** Nibbles of the last key, whose leaf is still open, and of the key being added. */
  private byte[] prev = new byte[64];
  private int prevLength;
  private byte[] cur = new byte[64];
  private byte[] prevValue;
  private int count;

  /** Where {@link #encode} leaves a node's encoding: {@code scratch} or a branch's buffer. */
  private byte[] encBuffer;
  private int encOffset;
  private int encLength;

  private byte[] scratch = new byte[256];
  /** A child reference: an embedded encoding shorter than 32 bytes, or 0xa0 and a hash. */
  private final byte[] ref = new byte[33];

  /** One open branch at a nibble depth: the encoded references of its children so far. */
  private static final class Level {
    /** Three bytes reserved for the list header, 16 references of at most 33 bytes, the value. */
    final byte[] buffer = new byte[3 + 16 * 33 + 1];
    int depth;
    int length;
    int nextNibble;

    void reset(int depth) {
      this.depth = depth;
      length = 3;
      nextNibble = 0;
    }

    void addChild(int nibble, byte[] ref, int refLength) {
      while (nextNibble < nibble) {
        buffer[length++] = EMPTY;
        nextNibble++;
      }
      System.arraycopy(ref, 0, buffer, length, refLength);
      length += refLength;
      nextNibble = nibble + 1;
    }
  }

  /** Adds {@code key[0..keyLength)}; it must sort after (and not extend) every earlier key. */
  void add(byte[] key, int keyLength, byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("empty value");
    }
    int length = 2 * keyLength;
    if (cur.length < length) {
      cur = new byte[length];
    }
    for (int i = 0; i < keyLength; i++) {
      cur[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      cur[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    if (count > 0) {
      int c = Arrays.mismatch(prev, 0, prevLength, cur, 0, length);
      if (c < 0 || c == prevLength || c == length || cur[c] < prev[c]) {
        throw new IllegalArgumentException("keys must be strictly increasing and prefix-free");
      }
      // Everything below depth c on the previous key's path is final: close it into a branch at c.
      Level child = closeDeeperThan(c);
      int refLength = reference(child, c);
      if (top < 0 || levels[top].depth < c) {
        push(c);
      }
      levels[top].addChild(prev[c], ref, refLength);
    }
    byte[] t = prev;
    prev = cur;
    cur = t;
    prevLength = length;
    prevValue = value;
    count++;
  }

  /** The root of the keys added so far; the instance is spent afterwards. */
  Hash root() {
    if (count == 0) {
      return Hash.EMPTY_TRIE;
    }
    encode(closeDeeperThan(-1), -1);
    return new Hash(Keccak.digest(encBuffer, encOffset, encLength));
  }

  /**
   * Closes the open branches deeper than {@code depth} on the previous key's path, each into its
   * parent, innermost first; returns the shallowest one closed (null: none, the open leaf remains).
   */
  private Level closeDeeperThan(int depth) {
    Level child = null;
    while (top >= 0 && levels[top].depth > depth) {
      Level parent = levels[top];
      int refLength = reference(child, parent.depth);
      parent.addChild(prev[parent.depth], ref, refLength);
      child = parent;
      top--;
    }
    return child;
  }

  private void push(int depth) {
    top++;
    if (top == levels.length) {
      levels = Arrays.copyOf(levels, 2 * levels.length);
    }
    if (levels[top] == null) {
      levels[top] = new Level();
    }
    levels[top].reset(depth);
  }

  /** Writes into {@link #ref} the reference a parent at this depth holds; returns its length. */
  private int reference(Level branch, int parentDepth) {
    encode(branch, parentDepth);
    return referenceOfEncoding();
  }

  private int referenceOfEncoding() {
    if (encLength < 32) {
      System.arraycopy(encBuffer, encOffset, ref, 0, encLength);
      return encLength;
    }
    ref[0] = (byte) 0xa0;
    System.arraycopy(Keccak.digest(encBuffer, encOffset, encLength), 0, ref, 1, 32);
    return 33;
  }

  /**
   * Encodes the subtree under a parent at {@code parentDepth} (-1 for the root) along the previous
   * key: the open leaf when {@code branch} is null, else the finished branch, behind an extension
   * when it sits deeper than right below the parent.
   */
  private void encode(Level branch, int parentDepth) {
    int from = parentDepth + 1;
    if (branch == null) {
      int hp = hexPrefixLength(prevLength - from);
      int payload = hp + NodeRlp.stringLength(prevValue);
      int p = startScratch(payload);
      p = writeHexPrefix(p, from, prevLength, true);
      NodeRlp.writeString(scratch, p, prevValue);
      return;
    }
    // Close the branch: empty remaining children, empty value, header right before the payload.
    while (branch.nextNibble < 16) {
      branch.buffer[branch.length++] = EMPTY;
      branch.nextNibble++;
    }
    branch.buffer[branch.length++] = EMPTY;
    int payload = branch.length - 3;
    int offset = 3 - NodeRlp.headerLength(payload);
    NodeRlp.writeHeader(branch.buffer, offset, 0xc0, payload);
    encBuffer = branch.buffer;
    encOffset = offset;
    encLength = branch.length - offset;
    if (branch.depth == from) {
      return;
    }
    int refLength = referenceOfEncoding();
    int p = startScratch(hexPrefixLength(branch.depth - from) + refLength);
    p = writeHexPrefix(p, from, branch.depth, false);
    System.arraycopy(ref, 0, scratch, p, refLength);
  }

  /** Points the encoding at {@code scratch}, writes a list header; returns where the payload goes. */
  private int startScratch(int payload) {
    int total = NodeRlp.headerLength(payload) + payload;
    if (scratch.length < total) {
      scratch = new byte[Math.max(total, 2 * scratch.length)];
    }
    encBuffer = scratch;
    encOffset = 0;
    encLength = total;
    return NodeRlp.writeHeader(scratch, 0, 0xc0, payload);
  }

  /** Length of the RLP string holding the hex-prefix encoding of this many nibbles. */
  private static int hexPrefixLength(int nibbles) {
    int bytes = nibbles / 2 + 1;
    // A single hex-prefix byte is below 0x80 (flags 0..3 in the high nibble): no string header.
    return bytes == 1 ? 1 : NodeRlp.headerLength(bytes) + bytes;
  }

  /** Writes the RLP string of {@link Nibbles#hexPrefix} of {@code prev[from..to)} into scratch. */
  private int writeHexPrefix(int p, int from, int to, boolean leaf) {
    int n = to - from;
    int bytes = n / 2 + 1;
    if (bytes > 1) {
      p = NodeRlp.writeHeader(scratch, p, 0x80, bytes);
    }
    int flag = (leaf ? 2 : 0) + (n & 1);
    int i = from;
    if ((n & 1) == 1) {
      scratch[p++] = (byte) ((flag << 4) | prev[i++]);
    } else {
      scratch[p++] = (byte) (flag << 4);
    }
    for (; i < to; i += 2) {
      scratch[p++] = (byte) ((prev[i] << 4) | prev[i + 1]);
    }
    return p;
  }
}
