package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(x)) == x and encode(decode(raw)) == raw for random transactions signed with random keys. */
class TransactionCodecPropertiesTest {

  record Case(Transaction unsigned, byte[] key) {}

  record Payload(byte[] data, List<AccessTuple> accessList) {}

  @Property(tries = 200)
  void signedTransactionsRoundTrip(@ForAll("cases") Case c) throws Exception {
    RecoveredTx signed = TransactionCodec.sign(c.unsigned(), c.key());
    long chainId = c.unsigned().chainId();
    RecoveredTx decoded = TransactionCodec.decodeStrict(signed.encoded(), chainId);

    assertThat(decoded.tx()).usingRecursiveComparison().isEqualTo(signed.tx());
    assertThat(decoded.sender()).isEqualTo(Secp256k1.addressOf(Secp256k1.publicKey(c.key())));
    assertThat(decoded.hash()).isEqualTo(signed.hash());
    assertThat(TransactionCodec.encode(decoded.tx())).isEqualTo(signed.encoded());
    assertThat(decoded.tx().signature().s()).isLessThanOrEqualTo(Secp256k1.HALF_N);
    assertThat(TransactionCodec.signingHash(decoded.tx())).isEqualTo(TransactionCodec.signingHash(c.unsigned()));
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofSize(32)
        .filter(k -> new BigInteger(1, k).signum() > 0 && new BigInteger(1, k).compareTo(Secp256k1.N) < 0);
    Arbitrary<BigInteger> u256 = Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000_000_000_000L)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, Wei.MAX));
    Arbitrary<Long> u63 = Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().greaterOrEqual(0));
    Arbitrary<Address> to = Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::new).injectNull(0.2);
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<List<AccessTuple>> accessList = Combinators.combine(
            Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::new),
            Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::new).list().ofMaxSize(3))
        .as(AccessTuple::new).list().ofMaxSize(3);
    Arbitrary<Long> chainIds = Arbitraries.oneOf(Arbitraries.longs().between(1, 100_000),
        Arbitraries.longs().between(0, TransactionCodec.MAX_CHAIN_ID));
    Arbitrary<BigInteger[]> fees = Combinators.combine(u256, u256)
        .as((a, b) -> new BigInteger[] {a.min(b), a.max(b)});
    Arbitrary<Payload> payloads = Combinators.combine(data, accessList).as(Payload::new);
    Arbitrary<Transaction> txs = Combinators.combine(
            Arbitraries.of(TxType.class), chainIds, u63, fees, u63, to, u256, payloads)
        .as((type, chainId, nonce, fee, gas, recipient, value, payload) -> {
          Wei max = Wei.of(fee[1]);
          Wei tip = type == TxType.EIP1559 ? Wei.of(fee[0]) : max;
          return new Transaction(type, chainId, nonce, tip, max, gas, recipient, Wei.of(value), payload.data(),
              type == TxType.LEGACY ? List.of() : payload.accessList(), null);
        });
    return Combinators.combine(txs, keys).as(Case::new);
  }
}
