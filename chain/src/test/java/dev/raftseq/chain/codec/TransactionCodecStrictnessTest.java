package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** One test per rejection of {@link TransactionCodec#decodeStrict}; each mutates one field of a valid transaction. */
class TransactionCodecStrictnessTest {
  private static final long CHAIN = 1337;
  private static final byte[] KEY = DevAccounts.privateKey(0);

  // field indexes of the RLP lists
  private static final int LEGACY_NONCE = 0;
  private static final int LEGACY_GAS_LIMIT = 2;
  private static final int LEGACY_TO = 3;
  private static final int LEGACY_VALUE = 4;
  private static final int LEGACY_V = 6;
  private static final int LEGACY_S = 8;
  private static final int T2_MAX_FEE = 3;
  private static final int T2_ACCESS_LIST = 8;
  private static final int T2_Y_PARITY = 9;
  private static final int T2_R = 10;
  private static final int T2_S = 11;

  private static final RecoveredTx LEGACY = TestTxs.legacy(KEY, CHAIN, 5);
  private static final RecoveredTx EIP1559 = TestTxs.builder(TxType.EIP1559, CHAIN).nonce(5)
      .accessList(List.of(new AccessTuple(DevAccounts.address(3), List.of(Hash.EMPTY_CODE)))).sign(KEY);

  /** The raw RLP items of a transaction's field list (typed: after the type byte). */
  private static List<byte[]> fields(RecoveredTx tx) {
    byte[] raw = tx.encoded();
    int start = tx.tx().type() == TxType.LEGACY ? 0 : 1;
    try {
      RlpReader l = new RlpReader(raw, start, raw.length).readList("tx");
      List<byte[]> out = new ArrayList<>();
      while (l.hasNext()) {
        out.add(l.readRaw());
      }
      return out;
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] assemble(TxType type, List<byte[]> fields) {
    RlpWriter w = new RlpWriter();
    if (type != TxType.LEGACY) {
      w.writeRaw(new byte[] {(byte) type.code()});
    }
    w.startList();
    fields.forEach(w::writeRaw);
    return w.endList().toByteArray();
  }

  /** The transaction with field i replaced by an already-encoded item. */
  private static byte[] withField(RecoveredTx tx, int i, byte[] rawItem) {
    List<byte[]> f = fields(tx);
    f.set(i, rawItem);
    return assemble(tx.tx().type(), f);
  }

  private static byte[] rlpInt(BigInteger v) {
    return new RlpWriter().writeBigInteger(v).toByteArray();
  }

  private static byte[] rlpBytes(byte[] b) {
    return RlpWriter.encodeBytes(b);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] raw) {
    return assertThatThrownBy(() -> TransactionCodec.decodeStrict(raw, CHAIN)).isInstanceOf(DecodeException.class);
  }

  @Test
  void baselineTransactionsAreAcceptedAndReassembleIdentically() throws Exception {
    for (RecoveredTx tx : List.of(LEGACY, EIP1559)) {
      assertThat(assemble(tx.tx().type(), fields(tx))).isEqualTo(tx.encoded());
      assertThat(TransactionCodec.decodeStrict(tx.encoded(), CHAIN).sender()).isEqualTo(DevAccounts.address(0));
    }
  }

  @Test
  void trailingBytesAreRejected() {
    assertRejected(Arrays.copyOf(LEGACY.encoded(), LEGACY.encoded().length + 1)).hasMessageContaining("trailing");
    assertRejected(Arrays.copyOf(EIP1559.encoded(), EIP1559.encoded().length + 1)).hasMessageContaining("trailing");
  }

  @Test
  void nonCanonicalRlpIsRejected() {
    // nonce 5 written as the one-byte string 0x8105 instead of 0x05
    assertRejected(withField(LEGACY, LEGACY_NONCE, Hex.decode("0x8105"))).hasMessageContaining("non-canonical");
    // the list header in long form although the payload is shorter than 56 bytes
    byte[] shortTx = Hex.decode("0xf801c0");
    assertRejected(shortTx).hasMessageContaining("non-canonical");
  }

  @Test
  void integerWithLeadingZeroIsRejected() {
    assertRejected(withField(LEGACY, LEGACY_VALUE, Hex.decode("0x820001"))).hasMessageContaining("value: integer has leading zero");
    assertRejected(withField(EIP1559, T2_MAX_FEE, Hex.decode("0x8200ff"))).hasMessageContaining("leading zero");
  }

  @Test
  void highSIsRejected() {
    BigInteger s = LEGACY.tx().signature().s();
    byte[] highS = withField(LEGACY, LEGACY_S, rlpInt(Secp256k1.N.subtract(s)));
    assertRejected(highS).hasMessageContaining("EIP-2");
    BigInteger s2 = EIP1559.tx().signature().s();
    assertRejected(withField(EIP1559, T2_S, rlpInt(Secp256k1.N.subtract(s2)))).hasMessageContaining("EIP-2");
  }

  @Test
  void wrongChainIdIsRejected() {
    assertThatThrownBy(() -> TransactionCodec.decodeStrict(LEGACY.encoded(), 1)).hasMessageContaining("invalid chain id");
    assertThatThrownBy(() -> TransactionCodec.decodeStrict(EIP1559.encoded(), 1)).hasMessageContaining("invalid chain id");
  }

  @Test
  void missingChainIdIsRejected() throws Exception {
    RecoveredTx pre155 = TestTxs.builder(TxType.LEGACY, CHAIN).withoutChainId().sign(KEY);
    assertRejected(pre155.encoded()).hasMessageContaining("chain id missing");
    assertThat(TransactionCodec.decode(pre155.encoded()).sender()).isEqualTo(DevAccounts.address(0));
  }

  @Test
  void oversizedInputIsRejectedButTheLimitItselfIsFine() throws Exception {
    RecoveredTx big = TestTxs.builder(TxType.EIP1559, CHAIN).gasLimit(3_000_000).data(new byte[128 * 1024]).sign(KEY);
    assertThat(big.encoded().length).isGreaterThan(TransactionCodec.MAX_TX_BYTES);
    assertRejected(big.encoded()).hasMessageContaining("oversized");
    RecoveredTx fits = TestTxs.builder(TxType.EIP1559, CHAIN).gasLimit(3_000_000).data(new byte[130_000]).sign(KEY);
    assertThat(fits.encoded().length).isLessThanOrEqualTo(TransactionCodec.MAX_TX_BYTES);
    assertThat(TransactionCodec.decodeStrict(fits.encoded(), CHAIN).hash()).isEqualTo(fits.hash());
  }

  @Test
  void nonceOutOfRangeIsRejected() {
    assertRejected(withField(LEGACY, LEGACY_NONCE, rlpInt(BigInteger.ONE.shiftLeft(63)))).hasMessageContaining("nonce: exceeds 2^63-1");
    assertRejected(withField(LEGACY, LEGACY_NONCE, rlpInt(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))))
        .hasMessageContaining("nonce");
  }

  @Test
  void gasLimitOutOfRangeIsRejected() {
    assertRejected(withField(LEGACY, LEGACY_GAS_LIMIT, rlpInt(BigInteger.ONE.shiftLeft(63)))).hasMessageContaining("gasLimit");
    assertRejected(withField(LEGACY, LEGACY_GAS_LIMIT, rlpInt(BigInteger.ONE.shiftLeft(70)))).hasMessageContaining("gasLimit");
  }

  @Test
  void valuesAbove256BitsAreRejected() {
    assertRejected(withField(LEGACY, LEGACY_VALUE, rlpInt(BigInteger.ONE.shiftLeft(256)))).hasMessageContaining("value: integer of 33 bytes");
    assertRejected(withField(EIP1559, T2_MAX_FEE, rlpInt(BigInteger.ONE.shiftLeft(256)))).hasMessageContaining("maxFeePerGas");
  }

  @Test
  void rAndSOutOfRangeAreRejected() {
    assertRejected(withField(LEGACY, LEGACY_S - 1, rlpInt(BigInteger.ZERO))).hasMessageContaining("r is zero");
    assertRejected(withField(LEGACY, LEGACY_S - 1, rlpInt(Secp256k1.N))).hasMessageContaining("r is zero or not below");
    assertRejected(withField(LEGACY, LEGACY_S, rlpInt(BigInteger.ZERO))).hasMessageContaining("s is zero");
    assertRejected(withField(LEGACY, LEGACY_S, rlpInt(Secp256k1.N))).hasMessageContaining("s is zero or not below");
    assertRejected(withField(EIP1559, T2_R, rlpInt(BigInteger.ZERO))).hasMessageContaining("r is zero");
  }

  @Test
  void invalidVIsRejected() {
    for (long v : new long[] {0, 1, 26, 29, 34}) {
      assertRejected(withField(LEGACY, LEGACY_V, rlpInt(BigInteger.valueOf(v)))).hasMessageContaining("invalid chain id: legacy v");
    }
    assertRejected(withField(LEGACY, LEGACY_V, rlpInt(BigInteger.ONE.shiftLeft(64)))).hasMessageContaining("invalid chain id");
    assertRejected(withField(EIP1559, T2_Y_PARITY, rlpInt(BigInteger.TWO))).hasMessageContaining("yParity 2");
    assertRejected(withField(EIP1559, T2_Y_PARITY, Hex.decode("0x00"))).hasMessageContaining("leading zero");
  }

  @Test
  void signatureOfAnotherKeyRecoversAnotherSender() throws Exception {
    // flipping the recovery id is not a decoding error, but yields a different sender
    long v = LEGACY.tx().signature().v().longValueExact();
    byte[] flipped = withField(LEGACY, LEGACY_V, rlpInt(BigInteger.valueOf(v % 2 == 0 ? v - 1 : v + 1)));
    assertThat(TransactionCodec.decodeStrict(flipped, CHAIN).sender()).isNotEqualTo(DevAccounts.address(0));
  }

  @Test
  void malformedAccessListsAreRejected() {
    byte[] addr19 = new RlpWriter().startList().startList().writeBytes(new byte[19]).startList().endList().endList()
        .endList().toByteArray();
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, addr19)).hasMessageContaining("access list address: expected 20 bytes");
    byte[] key31 = new RlpWriter().startList().startList().writeBytes(new byte[20]).startList().writeBytes(new byte[31])
        .endList().endList().endList().toByteArray();
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, key31)).hasMessageContaining("storage key: expected 32 bytes");
    byte[] threeElements = new RlpWriter().startList().startList().writeBytes(new byte[20]).startList().endList()
        .writeLong(1).endList().endList().toByteArray();
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, threeElements)).hasMessageContaining("access list entry");
    byte[] entryAsString = new RlpWriter().startList().writeBytes(new byte[20]).endList().toByteArray();
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, entryAsString)).hasMessageContaining("expected a list");
    byte[] keysAsString = new RlpWriter().startList().startList().writeBytes(new byte[20]).writeBytes(new byte[32])
        .endList().endList().toByteArray();
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, keysAsString)).hasMessageContaining("storage keys: expected a list");
    assertRejected(withField(EIP1559, T2_ACCESS_LIST, rlpBytes(new byte[0]))).hasMessageContaining("accessList: expected a list");
  }

  @Test
  void unknownTransactionTypesAreRejected() {
    for (int type : new int[] {0x00, 0x03, 0x04, 0x7e, 0x7f}) {
      byte[] raw = EIP1559.encoded();
      raw[0] = (byte) type;
      assertRejected(raw).hasMessageContaining("unsupported transaction type " + type);
    }
    assertRejected(Hex.decode("0x83010203")).hasMessageContaining("RLP string");
  }

  @Test
  void emptyInputIsRejected() {
    assertRejected(new byte[0]).hasMessageContaining("empty");
    assertRejected(null).hasMessageContaining("empty");
    assertRejected(new byte[] {2}).hasMessageContaining("missing");
  }

  @Test
  void priorityFeeAboveMaxFeeIsRejected() {
    RecoveredTx tx = TestTxs.builder(TxType.EIP1559, CHAIN).maxFee(Wei.of(10)).maxPriorityFee(Wei.of(11)).sign(KEY);
    assertRejected(tx.encoded()).hasMessageContaining("max priority fee per gas higher than max fee per gas");
  }

  @Test
  void recipientOfWrongLengthIsRejected() {
    assertRejected(withField(LEGACY, LEGACY_TO, rlpBytes(new byte[19]))).hasMessageContaining("to: address must be 20 bytes");
    assertRejected(withField(LEGACY, LEGACY_TO, rlpBytes(new byte[21]))).hasMessageContaining("to: address must be 20 bytes");
  }

  @Test
  void wrongFieldCountsAreRejected() {
    List<byte[]> few = fields(LEGACY);
    few.remove(few.size() - 1);
    assertRejected(assemble(TxType.LEGACY, few)).hasMessageContaining("s: missing");
    List<byte[]> many = fields(EIP1559);
    many.add(rlpInt(BigInteger.ONE));
    assertRejected(assemble(TxType.EIP1559, many)).hasMessageContaining("trailing");
  }

  @Test
  void fieldGivenAsListIsRejected() {
    byte[] emptyList = Hex.decode("0xc0");
    assertRejected(withField(LEGACY, LEGACY_NONCE, emptyList)).hasMessageContaining("nonce: expected a string");
    assertRejected(withField(LEGACY, LEGACY_TO, emptyList)).hasMessageContaining("to: expected a string");
  }
}
