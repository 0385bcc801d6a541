package dev.raftseq.producer.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.producer.testing.Blocks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
  private static final Address SENDER = DevAccounts.address(3);

  @Property(tries = 200)
  void txBatchRoundTrips(@ForAll @Size(min = 1, max = 40) List<@NotEmpty @Size(max = 300) byte[]> raws)
      throws Exception {
    List<RawTx> txs = raws.stream().map(r -> new RawTx(r, SENDER)).toList();
    LogEntry decoded = EntryCodec.decode(EntryCodec.encode(new LogEntry.TxBatch(txs)));

    assertThat(decoded).isInstanceOfSatisfying(LogEntry.TxBatch.class, b -> {
      assertThat(b.txs()).hasSameSizeAs(raws);
      for (int i = 0; i < raws.size(); i++) {
        assertThat(b.txs().get(i).raw()).isEqualTo(raws.get(i));
        assertThat(b.txs().get(i).sender()).isEqualTo(SENDER);
      }
    });
  }

  @Property(tries = 100)
  void blockRefRoundTrips(@ForAll @IntRange(max = 50) int n, @ForAll long seed) throws Exception {
    Header header = Blocks.header(Hash.ZERO, 7, Hash.EMPTY_TRIE, 30_000_000, 0, 1_000_000, 3,
        dev.raftseq.chain.types.Wei.of(10));
    List<Hash> hashes = new ArrayList<>();
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      byte[] h = new byte[32];
      r.nextBytes(h);
      hashes.add(new Hash(h));
    }
    LogEntry decoded = EntryCodec.decode(EntryCodec.encode(new LogEntry.BlockRef(header, hashes)));
    assertThat(decoded).isEqualTo(new LogEntry.BlockRef(header, hashes));
  }

  @Test
  void dropsRoundTripWithTheirReasons() throws Exception {
    List<LogEntry.Drop> drops = List.of(new LogEntry.Drop(Hash.EMPTY_TRIE, TxRejection.NONCE_TOO_LOW),
        new LogEntry.Drop(Hash.ZERO, TxRejection.INTRINSIC_GAS));
    assertThat(EntryCodec.decode(EntryCodec.encode(new LogEntry.DropTxs(drops)))).isEqualTo(new LogEntry.DropTxs(drops));
  }

  @Test
  void aLegacyBatchWithoutSendersStillDecodes() throws Exception {
    byte[] tx = TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(0), 270, 0).encoded();
    byte[] legacy = ByteBuffer.allocate(1 + 4 + 4 + tx.length).put(EntryCodec.TYPE_TX_BATCH_V1).putInt(1)
        .putInt(tx.length).put(tx).array();
    LogEntry.TxBatch b = (LogEntry.TxBatch) EntryCodec.decode(legacy);
    assertThat(b.txs()).hasSize(1);
    assertThat(b.txs().get(0).raw()).isEqualTo(tx);
    assertThat(b.txs().get(0).hasSender()).isFalse();
  }

  @Property(tries = 300)
  void validateAgreesWithDecode(@ForAll @Size(min = 1, max = 10) List<@NotEmpty @Size(max = 50) byte[]> raws,
      @ForAll int position, @ForAll byte value, @ForAll boolean truncate) {
    byte[] encoded = EntryCodec.encode(new LogEntry.TxBatch(raws.stream().map(r -> new RawTx(r, SENDER)).toList()));
    encoded[Math.floorMod(position, encoded.length)] = value;
    byte[] input = truncate ? java.util.Arrays.copyOf(encoded, Math.floorMod(position, encoded.length)) : encoded;
    boolean decodes;
    try {
      EntryCodec.decode(input);
      decodes = true;
    } catch (DecodeException e) {
      decodes = false;
    }
    boolean valid;
    try {
      EntryCodec.validate(input);
      valid = true;
    } catch (DecodeException e) {
      valid = false;
    }
    assertThat(valid).isEqualTo(decodes);
  }

  /** Teku's mutated-input habit: any byte flip either decodes or fails with the declared exception. */
  @Property(tries = 300)
  void mutatedBatchesDecodeOrFailCleanly(@ForAll @Size(min = 1, max = 10) List<@NotEmpty @Size(max = 50) byte[]> raws,
      @ForAll int position, @ForAll byte value) {
    byte[] encoded = EntryCodec.encode(new LogEntry.TxBatch(raws.stream().map(r -> new RawTx(r, SENDER)).toList()));
    encoded[Math.floorMod(position, encoded.length)] = value;
    try {
      assertThat(EntryCodec.decode(encoded)).isNotNull();
    } catch (DecodeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void rejectsEmptyUnknownTruncatedAndTrailingEntries() {
    assertThatThrownBy(() -> EntryCodec.decode(new byte[0])).isInstanceOf(DecodeException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {0x07, 1})).isInstanceOf(DecodeException.class)
        .hasMessageContaining("unknown log entry type 0x07");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {EntryCodec.TYPE_FULL_BLOCK}))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {EntryCodec.TYPE_TX_BATCH, 0, 0}))
        .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {EntryCodec.TYPE_TX_BATCH, 0, 0, 0, 0}))
        .isInstanceOf(DecodeException.class).hasMessageContaining("empty");
    byte[] ok = EntryCodec.encode(new LogEntry.TxBatch(List.of(new RawTx(new byte[] {1}, SENDER))));
    byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThatThrownBy(() -> EntryCodec.decode(trailing)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("trailing");
    byte[] badReason = EntryCodec.encode(new LogEntry.DropTxs(List.of(new LogEntry.Drop(Hash.ZERO, TxRejection.INVALID))));
    badReason[badReason.length - 1] = 'X';
    assertThatThrownBy(() -> EntryCodec.decode(badReason)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("unknown reason");
  }

  @Test
  void impossibleCountsFailBeforeAllocating() {
    byte[] huge = ByteBuffer.allocate(9).put(EntryCodec.TYPE_TX_BATCH).putInt(EntryCodec.MAX_ITEMS).putInt(1).array();
    assertThatThrownBy(() -> EntryCodec.decode(huge)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("does not fit");
    byte[] tooMany = ByteBuffer.allocate(5).put(EntryCodec.TYPE_BLOCK_REF).putInt(Integer.MAX_VALUE).array();
    assertThatThrownBy(() -> EntryCodec.decode(tooMany)).isInstanceOf(DecodeException.class);
  }

  @Test
  void aBatchNeedsSendersAndNonEmptyTransactions() {
    assertThatThrownBy(() -> EntryCodec.encode(new LogEntry.TxBatch(List.of(new RawTx(new byte[] {1}, null)))))
        .hasMessageContaining("sender");
    assertThatThrownBy(() -> new LogEntry.TxBatch(List.of())).hasMessageContaining("empty");
  }
}
