package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.DecodeException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

  @Property(tries = 200)
  void blockRoundTrips(@ForAll @NotEmpty @Size(max = 2000) byte[] block) throws Exception {
    LogEntry decoded = EntryCodec.decode(EntryCodec.encodeBlock(block));

    assertThat(decoded).isInstanceOfSatisfying(LogEntry.BlockEntry.class,
        b -> assertThat(b.encodedBlock()).isEqualTo(block));
  }

  @Property(tries = 200)
  void txBatchRoundTrips(@ForAll @Size(min = 1, max = 40) List<@NotEmpty @Size(max = 300) byte[]> txs)
      throws Exception {
    byte[] encoded = EntryCodec.encodeTxBatch(txs);

    assertThat(encoded).hasSize((int) EntryCodec.encodedBatchSize(txs));
    LogEntry decoded = EntryCodec.decode(encoded);
    assertThat(decoded).isInstanceOfSatisfying(LogEntry.TxBatchEntry.class,
        b -> assertThat(b.rawTxs()).containsExactlyElementsOf(txs));
  }

  /** Teku's mutated-input habit: any byte flip either decodes or fails with the declared exception. */
  @Property(tries = 300)
  void mutatedBatchesDecodeOrFailCleanly(@ForAll @Size(min = 1, max = 10) List<@NotEmpty @Size(max = 50) byte[]> txs,
      @ForAll int position, @ForAll byte value) {
    byte[] encoded = EntryCodec.encodeTxBatch(txs);
    encoded[Math.floorMod(position, encoded.length)] = value;
    try {
      LogEntry e = EntryCodec.decode(encoded);
      assertThat(e).isNotNull();
    } catch (DecodeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void rejectsEmptyUnknownAndBareEntries() {
    assertThatThrownBy(() -> EntryCodec.decode(new byte[0])).isInstanceOf(DecodeException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {0x07, 1})).isInstanceOf(DecodeException.class)
        .hasMessageContaining("unknown log entry type 0x07");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {EntryCodec.TYPE_BLOCK})).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {EntryCodec.TYPE_TX_BATCH, 0, 0})).isInstanceOf(DecodeException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsBatchesThatLieAboutTheirLengths() {
    assertThatThrownBy(() -> EntryCodec.decode(batch(0))).hasMessageContaining("count 0");
    assertThatThrownBy(() -> EntryCodec.decode(batch(-1))).hasMessageContaining("negative");
    // a huge count must be refused before anything is allocated for it
    assertThatThrownBy(() -> EntryCodec.decode(batch(EntryCodec.MAX_TXS_PER_BATCH, 1, 'a')))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> EntryCodec.decode(batch(1, 5, 'a'))).hasMessageContaining("claims 5 bytes");
    assertThatThrownBy(() -> EntryCodec.decode(batch(1, 0, 'w', 'x', 'y', 'z'))).hasMessageContaining("is empty");
    assertThatThrownBy(() -> EntryCodec.decode(batch(1, Integer.MAX_VALUE, 'a'))).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> EntryCodec.decode(batch(1, 1, 'a', 'b'))).hasMessageContaining("trailing");
  }

  @Test
  void encoderRefusesWhatTheDecoderWouldRefuse() {
    assertThatThrownBy(() -> EntryCodec.encodeBlock(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EntryCodec.encodeTxBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EntryCodec.encodeTxBatch(List.of(new byte[0]))).isInstanceOf(IllegalArgumentException.class);
  }

  /** TX_BATCH entry with the given count, then the given ints, each followed by nothing. */
  private static byte[] batch(int count, int... lengthsAndBytes) {
    ByteBuffer b = ByteBuffer.allocate(5 + 4 * lengthsAndBytes.length);
    b.put(EntryCodec.TYPE_TX_BATCH).putInt(count);
    if (lengthsAndBytes.length > 0) {
      b.putInt(lengthsAndBytes[0]);
      for (int i = 1; i < lengthsAndBytes.length; i++) {
        b.put((byte) lengthsAndBytes[i]);
      }
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }
}
