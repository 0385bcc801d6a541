package dev.raftseq.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Log;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The bloom pre-check agrees with the chain's bloom: it never rules out a block holding a match. */
class LogBloomTest {
  @Property(tries = 200)
  void everyLogOfABlockPassesItsBloom(@ForAll("logs") List<Log> logs) {
    byte[] bloom = BlockCodec.bloom(logs);
    for (Log log : logs) {
      assertThat(LogBloom.mayMatch(bloom, Set.of(log.address()), List.of())).isTrue();
      List<Set<Hash>> positions = log.topics().stream().map(Set::of).toList();
      assertThat(LogBloom.mayMatch(bloom, Set.of(log.address()), positions)).isTrue();
    }
  }

  @Test
  void anEmptyBloomRulesOutEveryConstraint() {
    byte[] empty = new byte[256];
    assertThat(LogBloom.mayMatch(empty, Set.of(), List.of(Set.of()))).isTrue();
    assertThat(LogBloom.mayMatch(empty, Set.of(Address.ZERO), List.of())).isFalse();
    assertThat(LogBloom.mayMatch(empty, Set.of(), List.of(Set.of(Hash.ZERO)))).isFalse();
  }

  @Provide
  Arbitrary<List<Log>> logs() {
    Arbitrary<Address> addresses = Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::new);
    Arbitrary<Hash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::new);
    Arbitrary<Log> log = net.jqwik.api.Combinators.combine(addresses, hashes.list().ofMaxSize(4))
        .as((a, t) -> new Log(a, t, new byte[0]));
    return log.list().ofMinSize(1).ofMaxSize(5);
  }
}
