package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Incremental updates from any starting content, including deletions, give the same root as
 * building the final content from scratch (and as the naive reference), and the nodes they return
 * are enough to read every key back.
 */
class TriePropertiesTest {

  record Scenario(List<TrieChange> initial, List<TrieChange> changes) {}

  @Property(tries = 300)
  void incrementalEqualsScratchForOverlappingKeys(@ForAll("shortKeys") Scenario s) {
    check(s);
  }

  @Property(tries = 60)
  void incrementalEqualsScratchForHashedKeys(@ForAll("hashedKeys") Scenario s) {
    check(s);
  }

  private static void check(Scenario s) {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, new NodeCache(1 << 20));
    TrieUpdate start = trie.update(Hash.EMPTY_TRIE, s.initial());
    store.putAll(start.newNodes());

    TrieUpdate bulk = trie.update(start.root(), s.changes());
    store.putAll(bulk.newNodes());

    Hash oneByOne = start.root();
    for (TrieChange c : s.changes()) {
      TrieUpdate u = trie.update(oneByOne, List.of(c));
      store.putAll(u.newNodes());
      oneByOne = u.root();
    }

    Map<byte[], byte[]> content = ReferenceTrie.newMap();
    for (TrieChange c : concat(s.initial(), s.changes())) {
      if (c.isDelete()) {
        content.remove(c.key());
      } else {
        content.put(c.key(), c.value());
      }
    }
    List<TrieChange> fromScratch = new ArrayList<>();
    content.forEach((k, v) -> fromScratch.add(TrieChange.put(k, v)));
    Hash scratch = MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, fromScratch).root();

    assertThat(bulk.root()).isEqualTo(scratch);
    assertThat(oneByOne).isEqualTo(scratch);
    assertThat(scratch).isEqualTo(ReferenceTrie.root(content));

    // the stored nodes suffice to read everything back, through a cold cache
    MerklePatriciaTrie cold = new MerklePatriciaTrie(store, NodeCache.disabled());
    for (TrieChange c : concat(s.initial(), s.changes())) {
      assertThat(cold.get(bulk.root(), c.key())).isEqualTo(content.get(c.key()));
    }
    // the parent root is untouched
    for (TrieChange c : s.initial()) {
      assertThat(cold.get(start.root(), c.key())).isNotNull();
    }
  }

  private static List<TrieChange> concat(List<TrieChange> a, List<TrieChange> b) {
    List<TrieChange> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Provide
  Arbitrary<Scenario> shortKeys() {
    // few distinct bytes so keys share prefixes and end inside each other (branch values)
    Arbitrary<byte[]> keys =
        Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x10, (byte) 0x11, (byte) 0xab)
            .array(byte[].class)
            .ofMinSize(0)
            .ofMaxSize(4);
    return scenarios(keys, 40);
  }

  @Provide
  Arbitrary<Scenario> hashedKeys() {
    Arbitrary<byte[]> keys = Arbitraries.integers().between(0, 5000).map(i -> Keccak.digest(new byte[] {(byte) (i >> 8), i.byteValue()}));
    return scenarios(keys, 400);
  }

  private static Arbitrary<Scenario> scenarios(Arbitrary<byte[]> keys, int maxInitial) {
    // values around 32 bytes decide whether nodes are embedded or hashed
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
    Arbitrary<TrieChange> puts = Combinators.combine(keys, values).as(TrieChange::put);
    Arbitrary<List<TrieChange>> initial = puts.list().ofMaxSize(maxInitial);
    return initial.flatMap(
        init -> {
          Arbitrary<TrieChange> deleteExisting =
              init.isEmpty()
                  ? keys.map(TrieChange::delete)
                  : Arbitraries.of(init).map(c -> TrieChange.delete(c.key()));
          Arbitrary<TrieChange> overwriteExisting =
              init.isEmpty()
                  ? puts
                  : Combinators.combine(Arbitraries.of(init), values).as((c, v) -> TrieChange.put(c.key(), v));
          Arbitrary<TrieChange> change =
              Arbitraries.frequencyOf(
                  net.jqwik.api.Tuple.of(3, puts),
                  net.jqwik.api.Tuple.of(3, deleteExisting),
                  net.jqwik.api.Tuple.of(2, overwriteExisting),
                  net.jqwik.api.Tuple.of(1, keys.map(TrieChange::delete)));
          return change.list().ofMaxSize(Math.max(30, maxInitial / 2)).map(ch -> new Scenario(init, ch));
        });
  }
}
