package dev.raftseq.producer.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EntryResultCodecTest {

  @Property(tries = 100)
  void applyResultsRoundTrip(@ForAll String text, @ForAll long number, @ForAll TxRejection rejection) throws Exception {
    String reason = text.length() > 300 ? text.substring(0, 300) : text;
    for (EntryResult r : List.of(
        new EntryResult.TxsApplied(List.of(TxOutcome.ACCEPTED, TxOutcome.rejected(rejection, reason))),
        new EntryResult.BlockApplied(number, Hash.EMPTY_TRIE),
        new EntryResult.BlockStale(reason),
        new EntryResult.DropsApplied((int) number),
        new EntryResult.Rejected(reason))) {
      assertThat(EntryResultCodec.decode(EntryResultCodec.encode(r))).isEqualTo(r);
    }
  }

  @Test
  void onlyApplyResultsTravelAndGarbageIsRefused() {
    assertThatThrownBy(() -> EntryResultCodec.encode(new EntryResult.NotLeader("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EntryResultCodec.decode(new byte[0])).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> EntryResultCodec.decode(new byte[] {99})).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> EntryResultCodec.decode(new byte[] {1, 0, 0, 0, 5})).isInstanceOf(DecodeException.class);
  }
}
