package dev.raftseq.chain.trie;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.Node.Branch;
import dev.raftseq.chain.trie.Node.Extension;
import dev.raftseq.chain.trie.Node.Leaf;
import dev.raftseq.chain.trie.Node.Ref;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ethereum's Merkle-Patricia trie over a content-addressed {@link NodeStore} (hand-written: no
 * maintained Java MPT library on Maven Central fits). Roots are immutable; an update loads only
 * the paths its keys touch and returns the new root with the nodes it created. Many tries (the
 * account trie and every storage trie) can share one store and cache.
 *
 * <p>Thread-safe: each read or update works in its own {@link Session}.
 */
public final class MerklePatriciaTrie {
  private final NodeStore store;
  private final NodeCache cache;

  public MerklePatriciaTrie(NodeStore store, NodeCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /** A trie over an empty store, for building roots of transient tries from scratch. */
  public static MerklePatriciaTrie transientTrie() {
    return new MerklePatriciaTrie(hash -> null, NodeCache.disabled());
  }

  public NodeStore store() {
    return store;
  }

  public NodeCache cache() {
    return cache;
  }

  /** The value under {@code key} in the trie with this root, or null. */
  public byte[] get(Hash root, byte[] key) {
    return open(root).get(key);
  }

  /** Applies the changes (in order; the last change of a key wins) to the trie with this root. */
  public TrieUpdate update(Hash root, Collection<TrieChange> changes) {
    return open(root).update(changes);
  }

  /** Whether the root node of this trie is available. */
  public boolean hasRoot(Hash root) {
    return root.equals(Hash.EMPTY_TRIE) || cache.get(root) != null || store.get(root) != null;
  }

  public Session open(Hash root) {
    return new Session(root);
  }

  /**
   * Reads and at most one update of the trie at one root. Nodes loaded once stay in the session,
   * so {@link #prefetch} followed by reads and an update does each node's I/O once. Not
   * thread-safe.
   */
  public final class Session {
    private final Hash rootHash;
    private final Map<Hash, Node> loaded = new HashMap<>();
    private final Node root;
    private boolean updated;

    private Session(Hash rootHash) {
      this.rootHash = rootHash;
      this.root = rootHash.equals(Hash.EMPTY_TRIE) ? null : new Ref(rootHash);
    }

    public Hash root() {
      return rootHash;
    }

    /** Loads the nodes on the paths of these keys, one batched store read per trie level. */
    public void prefetch(Collection<byte[]> keys) {
      if (root == null || keys.isEmpty()) {
        return;
      }
      byte[][] paths = new byte[keys.size()][];
      int i = 0;
      for (byte[] k : keys) {
        paths[i++] = Nibbles.of(k);
      }
      Arrays.sort(paths, Arrays::compare);
      prefetchPaths(paths);
    }

    private record Task(Node node, int lo, int hi, int off) {}

    private void prefetchPaths(byte[][] paths) {
      List<Task> frontier = List.of(new Task(root, 0, paths.length, 0));
      while (!frontier.isEmpty()) {
        loadAll(frontier);
        List<Task> next = new ArrayList<>();
        for (Task t : frontier) {
          Node n = t.node instanceof Ref r ? resolve(r) : t.node;
          if (n instanceof Extension e) {
            int lo = t.lo;
            while (lo < t.hi && !Nibbles.startsWith(paths[lo], t.off, e.path)) {
              lo++;
            }
            int hi = lo;
            while (hi < t.hi && Nibbles.startsWith(paths[hi], t.off, e.path)) {
              hi++;
            }
            if (lo < hi) {
              next.add(new Task(e.child, lo, hi, t.off + e.path.length));
            }
          } else if (n instanceof Branch b) {
            int p = t.lo;
            while (p < t.hi && paths[p].length == t.off) {
              p++;
            }
            while (p < t.hi) {
              int nibble = paths[p][t.off];
              int q = p + 1;
              while (q < t.hi && paths[q][t.off] == nibble) {
                q++;
              }
              if (b.children[nibble] != null) {
                next.add(new Task(b.children[nibble], p, q, t.off + 1));
              }
              p = q;
            }
          }
        }
        frontier = next;
      }
    }

    /** Resolves the unloaded references of a frontier with one batched store read. */
    private void loadAll(List<Task> frontier) {
      List<Hash> missing = new ArrayList<>();
      for (Task t : frontier) {
        if (t.node instanceof Ref r && !loaded.containsKey(r.hash)) {
          Node cached = cache.get(r.hash);
          if (cached != null) {
            loaded.put(r.hash, cached);
          } else {
            missing.add(r.hash);
          }
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      List<byte[]> encs = store.getAll(missing);
      for (int i = 0; i < missing.size(); i++) {
        Hash h = missing.get(i);
        byte[] enc = encs.get(i);
        if (enc == null) {
          throw new MissingNodeException(h);
        }
        Node n = decodeStored(enc, h);
        loaded.put(h, n);
        cache.put(h, n, enc.length);
      }
    }

    private Node resolve(Ref r) {
      Node n = loaded.get(r.hash);
      if (n != null) {
        return n;
      }
      n = cache.get(r.hash);
      if (n == null) {
        byte[] enc = store.get(r.hash);
        if (enc == null) {
          throw new MissingNodeException(r.hash);
        }
        n = decodeStored(enc, r.hash);
        cache.put(r.hash, n, enc.length);
      }
      loaded.put(r.hash, n);
      return n;
    }

    private Node decodeStored(byte[] enc, Hash h) {
      try {
        return Node.decode(enc, h);
      } catch (NodeRlp.RlpException e) {
        throw new IllegalStateException("corrupt trie node " + h + ": " + e.getMessage(), e);
      }
    }

    /** The value under {@code key}, or null. */
    public byte[] get(byte[] key) {
      byte[] path = Nibbles.of(key);
      Node n = root;
      int off = 0;
      while (n != null) {
        if (n instanceof Ref r) {
          n = resolve(r);
        } else if (n instanceof Leaf l) {
          return l.path.length == path.length - off && Nibbles.startsWith(path, off, l.path) ? l.value : null;
        } else if (n instanceof Extension e) {
          if (!Nibbles.startsWith(path, off, e.path)) {
            return null;
          }
          off += e.path.length;
          n = e.child;
        } else {
          Branch b = (Branch) n;
          if (off == path.length) {
            return b.value;
          }
          n = b.children[path[off++]];
        }
      }
      return null;
    }

    /**
     * The Merkle proof of {@code key} (EIP-1186): the stored encodings of the nodes on its path,
     * root first. Nodes embedded in their parent (under 32 bytes) are part of the parent's
     * encoding. For an absent key the path ends where the key diverges (a proof of absence).
     */
    public List<byte[]> proof(byte[] key) {
      List<byte[]> out = new ArrayList<>();
      byte[] path = Nibbles.of(key);
      Node n = root;
      int off = 0;
      while (n != null) {
        if (n instanceof Ref r) {
          byte[] enc = store.get(r.hash);
          if (enc == null) {
            throw new MissingNodeException(r.hash);
          }
          out.add(enc);
          n = resolve(r);
        } else if (n instanceof Leaf) {
          break;
        } else if (n instanceof Extension e) {
          if (!Nibbles.startsWith(path, off, e.path)) {
            break;
          }
          off += e.path.length;
          n = e.child;
        } else {
          Branch b = (Branch) n;
          if (off == path.length) {
            break;
          }
          n = b.children[path[off++]];
        }
      }
      return out;
    }

    /**
     * Applies the changes (in order; the last change of a key wins) and returns the new root with
     * the nodes to store. A session can be updated once.
     */
    public TrieUpdate update(Collection<TrieChange> changes) {
      if (updated) {
        throw new IllegalStateException("a trie session can be updated only once");
      }
      updated = true;
      Change[] cs = normalize(changes);
      if (root != null && cs.length > 0) {
        byte[][] paths = new byte[cs.length][];
        for (int i = 0; i < cs.length; i++) {
          paths[i] = cs[i].path;
        }
        prefetchPaths(paths);
      }
      Node newRoot = apply(root, cs, 0, cs.length, 0);
      return finish(newRoot);
    }

    private TrieUpdate finish(Node newRoot) {
      if (newRoot == null) {
        return new TrieUpdate(Hash.EMPTY_TRIE, Map.of());
      }
      if (newRoot instanceof Ref r) {
        return new TrieUpdate(r.hash, Map.of());
      }
      Map<Hash, byte[]> out = new HashMap<>();
      byte[] ref = Node.commit(newRoot, out);
      if (newRoot.hash != null) {
        return new TrieUpdate(newRoot.hash, out);
      }
      // a root shorter than 32 bytes is embedded nowhere, so it is stored under its hash
      Hash h = Keccak.hash(ref);
      out.put(h, ref);
      return new TrieUpdate(h, out);
    }

    // ------------------------------------------------------------ applying changes

    private Node apply(Node n, Change[] cs, int lo, int hi, int off) {
      if (lo == hi) {
        return n;
      }
      if (n == null) {
        return build(inserts(cs, lo, hi), off);
      }
      if (n instanceof Ref r) {
        Node resolved = resolve(r);
        Node out = apply(resolved, cs, lo, hi, off);
        return out == resolved ? r : out;
      }
      if (n instanceof Branch b) {
        return applyToBranch(b, cs, lo, hi, off);
      }
      if (n instanceof Leaf l) {
        return applyToLeaf(l, cs, lo, hi, off);
      }
      return applyToExtension((Extension) n, cs, lo, hi, off);
    }

    private Node applyToBranch(Branch b, Change[] cs, int lo, int hi, int off) {
      Node[] children = null;
      byte[] value = b.value;
      boolean valueChanged = false;
      int p = lo;
      if (cs[p].path.length == off) {
        byte[] v = cs[p].value;
        if (!Arrays.equals(v, value)) {
          value = v;
          valueChanged = true;
        }
        p++;
      }
      while (p < hi) {
        int nibble = cs[p].path[off];
        int q = p + 1;
        while (q < hi && cs[q].path[off] == nibble) {
          q++;
        }
        Node child = b.children[nibble];
        Node updated = apply(child, cs, p, q, off + 1);
        if (updated != child) {
          if (children == null) {
            children = b.children.clone();
          }
          children[nibble] = updated;
        }
        p = q;
      }
      if (children == null && !valueChanged) {
        return b;
      }
      return normalizeBranch(children == null ? b.children.clone() : children, value);
    }

    private Node applyToLeaf(Leaf l, Change[] cs, int lo, int hi, int off) {
      byte[] leafPath = Nibbles.concat(Arrays.copyOf(cs[lo].path, off), l.path);
      boolean changes = false;
      boolean replaced = false;
      for (int i = lo; i < hi; i++) {
        boolean same = Arrays.equals(cs[i].path, leafPath);
        if (same) {
          replaced = true;
          changes |= !Arrays.equals(cs[i].value, l.value);
        } else {
          changes |= cs[i].value != null;
        }
      }
      if (!changes) {
        return l;
      }
      List<Change> merged = new ArrayList<>(hi - lo + 1);
      for (int i = lo; i < hi; i++) {
        if (cs[i].value != null) {
          merged.add(cs[i]);
        }
      }
      if (!replaced) {
        merged.add(new Change(leafPath, l.value));
        merged.sort((a, c) -> Arrays.compare(a.path, c.path));
      }
      return build(merged.toArray(new Change[0]), off);
    }

    private Node applyToExtension(Extension e, Change[] cs, int lo, int hi, int off) {
      int mlo = lo;
      while (mlo < hi && !Nibbles.startsWith(cs[mlo].path, off, e.path)) {
        mlo++;
      }
      int mhi = mlo;
      while (mhi < hi && Nibbles.startsWith(cs[mhi].path, off, e.path)) {
        mhi++;
      }
      boolean divergingInsert = false;
      for (int i = lo; i < hi && !divergingInsert; i++) {
        divergingInsert = (i < mlo || i >= mhi) && cs[i].value != null;
      }
      if (!divergingInsert) {
        Node child = apply(e.child, cs, mlo, mhi, off + e.path.length);
        return child == e.child ? e : normalizeExtension(e.path, child);
      }
      // split: the same subtree as a branch at this level, then apply everything to it
      Node[] children = new Node[16];
      children[e.path[0]] =
          e.path.length == 1 ? e.child : new Extension(Nibbles.slice(e.path, 1, e.path.length), e.child);
      return applyToBranch(new Branch(children, null), cs, lo, hi, off);
    }

    /** A subtree holding exactly these entries (sorted, distinct, non-null values). */
    private Node build(Change[] cs, int off) {
      if (cs.length == 0) {
        return null;
      }
      return build(cs, 0, cs.length, off);
    }

    private Node build(Change[] cs, int lo, int hi, int off) {
      if (hi - lo == 1) {
        return new Leaf(Nibbles.slice(cs[lo].path, off, cs[lo].path.length), cs[lo].value);
      }
      int common = Nibbles.commonPrefix(cs[lo].path, off, cs[hi - 1].path, off);
      if (common > 0) {
        return new Extension(
            Nibbles.slice(cs[lo].path, off, off + common), buildBranch(cs, lo, hi, off + common));
      }
      return buildBranch(cs, lo, hi, off);
    }

    private Branch buildBranch(Change[] cs, int lo, int hi, int off) {
      Node[] children = new Node[16];
      byte[] value = null;
      int p = lo;
      if (cs[p].path.length == off) {
        value = cs[p].value;
        p++;
      }
      while (p < hi) {
        int nibble = cs[p].path[off];
        int q = p + 1;
        while (q < hi && cs[q].path[off] == nibble) {
          q++;
        }
        children[nibble] = build(cs, p, q, off + 1);
        p = q;
      }
      return new Branch(children, value);
    }

    /** The canonical form of a branch after some of its entries changed. */
    private Node normalizeBranch(Node[] children, byte[] value) {
      int count = value == null ? 0 : 1;
      int only = -1;
      for (int i = 0; i < 16; i++) {
        if (children[i] != null) {
          count++;
          only = i;
        }
      }
      if (count >= 2) {
        return new Branch(children, value);
      }
      if (count == 0) {
        return null;
      }
      if (value != null) {
        return new Leaf(Nibbles.EMPTY, value);
      }
      Node child = children[only];
      Node resolved = child instanceof Ref r ? resolve(r) : child;
      if (resolved instanceof Leaf l) {
        return new Leaf(Nibbles.prepend(only, l.path), l.value);
      }
      if (resolved instanceof Extension e) {
        return new Extension(Nibbles.prepend(only, e.path), e.child);
      }
      return new Extension(new byte[] {(byte) only}, child);
    }

    /** The canonical form of an extension whose child changed. */
    private Node normalizeExtension(byte[] path, Node child) {
      if (child == null) {
        return null;
      }
      Node resolved = child instanceof Ref r ? resolve(r) : child;
      if (resolved instanceof Leaf l) {
        return new Leaf(Nibbles.concat(path, l.path), l.value);
      }
      if (resolved instanceof Extension e) {
        return new Extension(Nibbles.concat(path, e.path), e.child);
      }
      return new Extension(path, child);
    }
  }

  /** A change with its key as nibbles; a null value deletes. */
  private record Change(byte[] path, byte[] value) {}

  /** Sorted by path, one change per key (the last given). */
  private static Change[] normalize(Collection<TrieChange> changes) {
    Change[] cs = new Change[changes.size()];
    int i = 0;
    for (TrieChange c : changes) {
      cs[i++] = new Change(Nibbles.of(c.key()), c.isDelete() ? null : c.value().clone());
    }
    // stable sort keeps the given order among equal keys; keep the last of each run
    Arrays.sort(cs, (a, b) -> Arrays.compare(a.path, b.path));
    int n = 0;
    for (int j = 0; j < cs.length; j++) {
      if (j + 1 < cs.length && Arrays.equals(cs[j].path, cs[j + 1].path)) {
        continue;
      }
      cs[n++] = cs[j];
    }
    return n == cs.length ? cs : Arrays.copyOf(cs, n);
  }

  private static Change[] inserts(Change[] cs, int lo, int hi) {
    int n = 0;
    for (int i = lo; i < hi; i++) {
      if (cs[i].value != null) {
        n++;
      }
    }
    Change[] out = new Change[n];
    int o = 0;
    for (int i = lo; i < hi; i++) {
      if (cs[i].value != null) {
        out[o++] = cs[i];
      }
    }
    return out;
  }
}
