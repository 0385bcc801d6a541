package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionCodecTest {
  private static final long CHAIN = 1337;

  /** The worked example of EIP-155 (eips.ethereum.org/EIPS/eip-155, "Example"). */
  @Test
  void eip155ExampleSignsAndDecodesToThePublishedBytes() throws Exception {
    byte[] key = Hex.decode("0x4646464646464646464646464646464646464646464646464646464646464646");
    Transaction unsigned = new Transaction(TxType.LEGACY, 1L, 9, Wei.of(20_000_000_000L), Wei.of(20_000_000_000L),
        21000, Address.fromHex("0x3535353535353535353535353535353535353535"),
        Wei.of(new BigInteger("1000000000000000000")), new byte[0], List.of(), null);
    assertThat(TransactionCodec.signingHash(unsigned))
        .isEqualTo(Hash.fromHex("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    String published = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
        + "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b38"
        + "00ccf555c9f3dc64214b297fb1966a3b6d83";
    RecoveredTx signed = TransactionCodec.sign(unsigned, key);
    assertThat(Hex.encode(signed.encoded())).isEqualTo(published);

    RecoveredTx decoded = TransactionCodec.decodeStrict(Hex.decode(published), 1);
    assertThat(decoded.sender()).isEqualTo(Secp256k1.addressOf(Secp256k1.publicKey(key)));
    assertThat(decoded.tx().chainId()).isEqualTo(1L);
    assertThat(decoded.tx().signature().v()).isEqualTo(BigInteger.valueOf(37));
    assertThat(decoded.hash()).isEqualTo(signed.hash());
  }

  @ParameterizedTest
  @EnumSource(TxType.class)
  void signedTransactionsOfEveryTypeRoundTrip(TxType type) throws Exception {
    var b = TestTxs.builder(type, CHAIN).nonce(42).value(Wei.of(123456789)).data(new byte[] {1, 0, 2});
    if (type != TxType.LEGACY) {
      b.accessList(List.of(new AccessTuple(DevAccounts.address(3), List.of(Hash.ZERO, Hash.EMPTY_CODE)),
          new AccessTuple(DevAccounts.address(4), List.of())));
    }
    RecoveredTx signed = b.sign(DevAccounts.privateKey(2));
    assertThat(signed.sender()).isEqualTo(DevAccounts.address(2));

    RecoveredTx decoded = TransactionCodec.decodeStrict(signed.encoded(), CHAIN);
    assertThat(decoded.tx()).usingRecursiveComparison().isEqualTo(signed.tx());
    assertThat(decoded.sender()).isEqualTo(DevAccounts.address(2));
    assertThat(decoded.hash()).isEqualTo(signed.hash());
    assertThat(TransactionCodec.encode(decoded.tx())).isEqualTo(signed.encoded());
    assertThat(TransactionCodec.signingHash(decoded.tx())).isEqualTo(TransactionCodec.signingHash(b.unsigned()));
    if (type != TxType.LEGACY) {
      assertThat(signed.encoded()[0]).isEqualTo((byte) type.code());
    }
  }

  @Test
  void contractCreationHasNoRecipient() throws Exception {
    RecoveredTx signed = TestTxs.builder(TxType.EIP1559, CHAIN).to(null).gasLimit(100_000)
        .data(new byte[] {0x60, 0x00}).sign(DevAccounts.privateKey(0));
    RecoveredTx decoded = TransactionCodec.decodeStrict(signed.encoded(), CHAIN);
    assertThat(decoded.tx().to()).isNull();
    assertThat(decoded.tx().isContractCreation()).isTrue();
  }

  @Test
  void preEip155LegacyDecodesLooselyButNotStrictly() throws Exception {
    RecoveredTx signed = TestTxs.builder(TxType.LEGACY, CHAIN).withoutChainId().sign(DevAccounts.privateKey(0));
    assertThat(signed.tx().signature().v().intValue()).isIn(27, 28);
    RecoveredTx decoded = TransactionCodec.decode(signed.encoded());
    assertThat(decoded.tx().chainId()).isNull();
    assertThat(decoded.sender()).isEqualTo(DevAccounts.address(0));
    assertThatThrownBy(() -> TransactionCodec.decodeStrict(signed.encoded(), CHAIN))
        .isInstanceOf(DecodeException.class).hasMessageContaining("chain id missing");
  }

  /** RPC threads decode concurrently; the native context must give every thread the right sender. */
  @Test
  void concurrentDecodingRecoversTheRightSenders() throws Exception {
    List<RecoveredTx> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      txs.add(TestTxs.eip1559(DevAccounts.privateKey(i % DevAccounts.COUNT), CHAIN, i));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 3; round++) {
            for (RecoveredTx tx : txs) {
              if (!TransactionCodec.decodeStrict(tx.encoded(), CHAIN).sender().equals(tx.sender())) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (var r : results) {
        assertThat(r.get(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(TxType.class)
  void wrongChainIdIsRejected(TxType type) {
    RecoveredTx signed = TestTxs.transfer(type, DevAccounts.privateKey(0), CHAIN, 0);
    assertThatThrownBy(() -> TransactionCodec.decodeStrict(signed.encoded(), CHAIN + 1))
        .isInstanceOf(DecodeException.class).hasMessageContaining("invalid chain id");
  }
}
